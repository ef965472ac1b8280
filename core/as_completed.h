/* asyncio.as_completed: mirrors Lib/asyncio/tasks.py as_completed()
 * (a generator up to 3.12, _AsCompletedIterator from 3.13: profile switch
 * as_completed_iterator). Plain iteration yields coroutines, each
 * returning (or raising) the outcome of the next future to finish. */
#ifndef SL_AS_COMPLETED_H
#define SL_AS_COMPLETED_H

#include "core/idset.h"
#include "core/object.h"

extern const sl_type sl_as_completed_type;

typedef struct sl_as_completed {
  sl_obj hdr;
  bool started;     /* the generator's body has run (3.13+: at once) */
  sl_value fs;      /* owned: the argument, until started */
  sl_value timeout; /* owned */
  sl_obj *done;     /* owned Queue */
  sl_idset todo;    /* the futures still pending */
  size_t todo_left; /* coroutines still to hand out */
  sl_obj *handle;   /* owned timeout TimerHandle or NULL */
} sl_as_completed;

/* as_completed(fs, timeout=timeout): 3.13+ validates and subscribes now;
 * ≤3.12 at the first next(). New reference. */
sl_obj *sl_as_completed_new(sl_rt *rt, sl_value fs, sl_value timeout);
/* next(it): 1 and *out = a new coroutine, 0 when exhausted, -1 error. */
int sl_as_completed_next(sl_rt *rt, sl_obj *it, sl_value *out);

#endif
