/* Semaphore and BoundedSemaphore: mirror Lib/asyncio/locks.py.
 *
 * The wake-up rules differ between 3.12 and 3.13 (profile switch
 * semaphore_wake_many). Returned objects are new references; arguments
 * borrowed. `async with` uses sl_cm_aenter/sl_cm_aexit (locks.h). */
#ifndef SL_SEMAPHORE_H
#define SL_SEMAPHORE_H

#include "core/object.h"
#include "core/waitq.h"

extern const sl_type sl_semaphore_type;
extern const sl_type sl_bounded_semaphore_type;

typedef struct sl_semaphore {
  sl_obj hdr;
  sl_waitq waiters;
  int64_t value;       /* _value */
  int64_t bound_value; /* BoundedSemaphore._bound_value */
} sl_semaphore;

/* Semaphore(value) / BoundedSemaphore(value): ValueError("Semaphore
 * initial value must be >= 0") for a negative value. */
sl_obj *sl_semaphore_new(sl_rt *rt, int64_t value, bool bounded);
/* acquire() coroutine (returns True). */
sl_obj *sl_semaphore_acquire(sl_rt *rt, sl_obj *sem);
/* release(); BoundedSemaphore: ValueError when released too many times. */
int sl_semaphore_release(sl_rt *rt, sl_obj *sem);
/* locked(): _value == 0 or any waiter not cancelled. */
bool sl_semaphore_locked(sl_obj *sem);
/* acquire()'s first pass when it does not wait: unless locked(), takes
 * one unit and returns true; false (nothing changed) otherwise. */
bool sl_semaphore_take_free(sl_obj *sem);
/* acquire() (aenter false: returns True) or `async with`'s __aenter__
 * (None) that must wait, waiting in place: the waiter future appended and
 * aw suspended on it (sl__waiter_suspend_now). SL_NOW_SUSPENDED or -1. */
int sl__semaphore_wait_now(sl_rt *rt, sl_obj *sem, bool aenter, sl_awaiter *aw);
/* sl_type.await_now of a Semaphore's __aenter__: the first pass of the
 * acquire() it awaits (SL_NOW_DONE, *out None) and its wait for a unit
 * in place (SL_NOW_SUSPENDED or -1; SL_NOW_LATER without an awaiter or
 * for a subclass, which may have its own acquire()). Out of line, so that
 * a Lock's `async with` keeps nothing in saved registers across it. */
int sl__semaphore_enter_now(sl_rt *rt, sl_obj *sem, sl_awaiter *aw, sl_value *out);

#endif
