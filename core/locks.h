/* Lock, Event, Condition: mirror Lib/asyncio/locks.py (Semaphore and
 * BoundedSemaphore are in semaphore.h, Barrier in barrier.h).
 *
 * Every method that CPython defines with `async def` returns a new C
 * coroutine (sl_ccoro) to be awaited by a task; the others act at once.
 * Objects returned are new references; arguments are borrowed. Waiter
 * futures sit in sl_waitq deques owned by the primitive. */
#ifndef SL_LOCKS_H
#define SL_LOCKS_H

#include "core/coro.h"
#include "core/object.h"
#include "core/waitq.h"

extern const sl_type sl_lock_type;
extern const sl_type sl_event_type;
extern const sl_type sl_condition_type;

typedef struct sl_lock {
  sl_obj hdr;
  sl_waitq waiters; /* _waiters (None and empty behave alike) */
  bool locked;      /* _locked */
} sl_lock;

typedef struct sl_event {
  sl_obj hdr;
  sl_waitq waiters;
  bool value;
} sl_event;

typedef struct sl_condition {
  sl_obj hdr;
  sl_obj *lock; /* owned sl_lock: _lock */
  sl_waitq waiters;
} sl_condition;

sl_obj *sl_lock_new(sl_rt *rt);
/* Lock.acquire() coroutine (returns True). */
sl_obj *sl_lock_acquire(sl_rt *rt, sl_obj *lock);
/* Lock.release(): RuntimeError('Lock is not acquired.') when unlocked. */
int sl_lock_release(sl_rt *rt, sl_obj *lock);
static inline bool sl_lock_locked(sl_obj *lock) { return ((sl_lock *)lock)->locked; }

sl_obj *sl_event_new(sl_rt *rt);
int sl_event_set(sl_rt *rt, sl_obj *event);
static inline void sl_event_clear(sl_obj *event) { ((sl_event *)event)->value = false; }
static inline bool sl_event_is_set(sl_obj *event) { return ((sl_event *)event)->value; }
/* Event.wait() coroutine (returns True). */
sl_obj *sl_event_wait(sl_rt *rt, sl_obj *event);
/* An unset event's wait() waiting in place (sl__waiter_suspend_now): aw
 * suspended on a new waiter future; when woken it returns True, or None
 * (ret_none: Queue.join()'s `await self._finished.wait()`, run in join's
 * place). SL_NOW_SUSPENDED or -1. */
int sl__event_wait_now(sl_rt *rt, sl_obj *event, bool ret_none, sl_awaiter *aw);

/* Condition(lock=None): `lock` borrowed sl_lock or NULL for a new one. */
sl_obj *sl_condition_new(sl_rt *rt, sl_obj *lock);
/* Condition.wait() coroutine; per profile (condition_notify_on_error). */
sl_obj *sl_condition_wait(sl_rt *rt, sl_obj *cond);
/* Condition.wait_for(predicate) coroutine; `predicate` any callable. */
sl_obj *sl_condition_wait_for(sl_rt *rt, sl_obj *cond, sl_value predicate);
/* notify(n) (RuntimeError when the lock is not held) / notify_all(). */
int sl_condition_notify(sl_rt *rt, sl_obj *cond, int64_t n);
int sl_condition_notify_all(sl_rt *rt, sl_obj *cond);

/* The coroutines behind `async with` for Lock, Condition, Semaphore:
 * _ContextManagerMixin.__aenter__ (await self.acquire(); return None) and
 * __aexit__ (self.release()). `self` borrowed. */
sl_obj *sl_cm_aenter(sl_rt *rt, sl_obj *self);
sl_obj *sl_cm_aexit(sl_rt *rt, sl_obj *self);
/* sl_type.await_now (object.h) for the mixin's __aenter__ (enter) or
 * __aexit__ on an engine Lock, Condition or Semaphore without an instance
 * extension: takes a free lock or semaphore unit, or releases; with an
 * awaiter, waits for a Lock's (or a Condition's lock's) turn in place.
 * argc: the number of positional arguments (the await_now's), no keywords. */
int sl_cm_await_now(sl_rt *rt, sl_obj *self, bool enter, size_t argc, sl_awaiter *aw,
                    sl_value *out);

/* `async with lock` of an exact Lock without an instance extension, whose
 * __aenter__ and __aexit__ are the mixin's (core/lang/vm_with.c calls
 * these without looking them up): the def the generic lookup gives for
 * __aexit__, and __aenter__'s first pass as sl_cm_await_now runs it. */
extern const struct sl_cfunc_def *const sl_lock_aexit_def;
int sl_lock_aenter_now(sl_rt *rt, sl_obj *lock, sl_awaiter *aw, sl_value *out);
/* An exact Lock without an instance extension (v any value): its
 * lookup always finds the mixin's __aenter__ and __aexit__ bound to it. */
static inline bool sl_lock_is_plain(sl_value v) {
  return v.tag == SL_V_OBJ && v.u.o->type == &sl_lock_type && !(v.u.o->size_class & SL_OBJ_EXT_BIT);
}
/* The lock is free and no one waits (every waiter, even a cancelled one,
 * sends the caller to sl_lock_aenter_now): takes it. */
static inline bool sl_lock_take_idle(sl_obj *lock) {
  sl_lock *l = (sl_lock *)lock;
  if (l->locked || l->waiters.len) return false;
  l->locked = true;
  return true;
}
/* Lock.release() with the common case (held, no waiter to wake) inline. */
static inline int sl_lock_release_now(sl_rt *rt, sl_obj *lock) {
  sl_lock *l = (sl_lock *)lock;
  if (!l->locked || l->waiters.len) return sl_lock_release(rt, lock);
  l->locked = false;
  return 0;
}

#endif
