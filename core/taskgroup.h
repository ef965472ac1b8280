/* asyncio.TaskGroup: mirrors Lib/asyncio/taskgroups.py.
 *
 * Children are kept in creation order: CPython keeps them in a set, whose
 * order depends on addresses; the oracle pins it to insertion order, and
 * _abort() cancels them in that order. The 3.11.3, 3.12, 3.13 and 3.13.2
 * changes are profile switches. Returned objects are new references;
 * arguments borrowed. */
#ifndef SL_TASKGROUP_H
#define SL_TASKGROUP_H

#include "core/idset.h"
#include "core/object.h"

extern const sl_type sl_taskgroup_type;

typedef struct sl_taskgroup {
  sl_obj hdr;
  bool entered, exiting, aborting;
  bool parent_cancel_requested;
  sl_obj *parent_task;      /* owned or NULL */
  sl_idset tasks;           /* _tasks: the children not done yet */
  sl_obj *errors;           /* owned list, or NULL once cleared (None) */
  sl_obj *base_error;       /* owned or NULL */
  sl_obj *on_completed_fut; /* owned or NULL */
} sl_taskgroup;

sl_obj *sl_taskgroup_new(sl_rt *rt);
/* __aenter__() coroutine (returns the group). */
sl_obj *sl_taskgroup_aenter(sl_rt *rt, sl_obj *tg);
/* __aexit__(et, exc, tb) coroutine. */
sl_obj *sl_taskgroup_aexit(sl_rt *rt, sl_obj *tg, sl_value et, sl_value exc);
/* create_task(coro, name=name): `name` borrowed str or NULL. */
sl_obj *sl_taskgroup_create_task(sl_rt *rt, sl_obj *tg, sl_obj *coro, sl_obj *name);

#endif
