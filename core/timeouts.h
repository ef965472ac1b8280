/* asyncio.timeout / timeout_at / Timeout: mirrors Lib/asyncio/timeouts.py.
 *
 * The per-version rules (3.11.2's `uncancel() == 0`, 3.11.3+'s cancelling
 * level and `raise TimeoutError from exc_val`, 3.13's issubclass check and
 * _insert_timeout_error) are profile switches. Returned objects are new
 * references; arguments borrowed. */
#ifndef SL_TIMEOUTS_H
#define SL_TIMEOUTS_H

#include "core/object.h"

extern const sl_type sl_timeout_type;

typedef enum sl_timeout_state {
  SL_TIMEOUT_CREATED,  /* "created" */
  SL_TIMEOUT_ENTERED,  /* "active" */
  SL_TIMEOUT_EXPIRING, /* "expiring" */
  SL_TIMEOUT_EXPIRED,  /* "expired" */
  SL_TIMEOUT_EXITED,   /* "finished" */
} sl_timeout_state;

typedef struct sl_timeout {
  sl_obj hdr;
  sl_timeout_state state;
  sl_value when;      /* owned: None, an int or a float (loop time) */
  sl_obj *handle;     /* owned: _timeout_handler (Handle or TimerHandle) or NULL */
  sl_obj *task;       /* owned: _task, NULL before __aenter__ */
  int64_t cancelling; /* _cancelling: task.cancelling() on enter (3.11.3+) */
} sl_timeout;

/* Timeout(when): `when` is None or a number. */
sl_obj *sl_timeout_new(sl_rt *rt, sl_value when);
/* timeout(delay): Timeout(loop.time() + delay), or Timeout(None). */
sl_obj *sl_timeout_after(sl_rt *rt, sl_value delay);
/* reschedule(when) */
int sl_timeout_reschedule(sl_rt *rt, sl_obj *timeout, sl_value when);
static inline bool sl_timeout_expired(sl_obj *t) {
  sl_timeout_state s = ((sl_timeout *)t)->state;
  return s == SL_TIMEOUT_EXPIRING || s == SL_TIMEOUT_EXPIRED;
}
/* __aenter__() coroutine (returns the Timeout). */
sl_obj *sl_timeout_aenter(sl_rt *rt, sl_obj *timeout);
/* __aexit__(exc_type, exc_val, tb) coroutine; exc_type/exc_val None or
 * the class and instance of the exception leaving the block. */
sl_obj *sl_timeout_aexit(sl_rt *rt, sl_obj *timeout, sl_value exc_type, sl_value exc_val);

#endif
