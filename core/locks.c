/* Mirrors Lib/asyncio/locks.py: _ContextManagerMixin, Lock, Condition (3.11-3.14; the only differences, in Condition.wait, are the
 * profile's condition_notify_on_error switch). Each `async def` is a C
 * coroutine whose states follow the Python source's awaits. */
#include "core/locks.h"

#include <string.h>

#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/rt.h"
#include "core/semaphore.h"
#include "core/sync-int.h"

/* ---- Lock --------------------------------------------------------------- */

static void lock_clear(sl_rt *rt, sl_obj *o) { sl_waitq_clear(rt, &((sl_lock *)o)->waiters); }
static void lock_release_mem(sl_obj *o) { sl_waitq_release(&((sl_lock *)o)->waiters); }

/* locks.py prints `<asyncio.locks.Lock object at 0x... [unlocked]>`. */
static int lock_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_lock *l = (sl_lock *)o;
  if (sl__sync_repr_head(rt, o, "asyncio.locks.Lock", out)) return -1;
  sl_strbuf_printf(out, "%s", l->locked ? "locked" : "unlocked");
  if (l->waiters.len) sl_strbuf_printf(out, ", waiters:%zu", l->waiters.len);
  sl_strbuf_puts(out, "]>");
  return 0;
}

static int lock_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static int lock_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                          sl_awaiter *aw, sl_value *out);

const sl_type sl_lock_type = {.name = "Lock",
                              .clear = lock_clear,
                              .release = lock_release_mem,
                              .repr = lock_repr,
                              .getattr = lock_getattr,
                              .await_now = lock_await_now,
                              .flags = SL_TF_STABLE_ATTRS,
                              .size = sizeof(sl_lock)};

sl_obj *sl_lock_new(sl_rt *rt) { return sl_obj_alloc(rt, &sl_lock_type); }

/* Lock._wake_up_first: the head waiter gets True unless already done
 * (".done() means that the waiter is already set to wake up"). */
static int lock_wake_up_first(sl_rt *rt, sl_lock *l) {
  if (!l->waiters.len) return 0;
  sl_obj *fut = sl_waitq_at(&l->waiters, 0);
  if (sl_future_done(fut)) return 0;
  return sl_future_set_result(rt, fut, sl_bool(true));
}

/* Inline in `async with lock`'s exit (cm_release): every such block runs it. */
static inline __attribute__((always_inline)) int lock_release(sl_rt *rt, sl_lock *l) {
  if (!l->locked) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Lock is not acquired.");
  l->locked = false;
  return lock_wake_up_first(rt, l);
}

int sl_lock_release(sl_rt *rt, sl_obj *o) { return lock_release(rt, (sl_lock *)o); }

/* Lock.acquire()'s fast path: `if not self._locked and (self._waiters is
 * None or all(w.cancelled() for w in self._waiters))`: takes the lock. */
static bool lock_take_free(sl_lock *l) {
  if (l->locked) return false;
  for (size_t i = 0; i < l->waiters.len; i++)
    if (!sl_future_cancelled(sl_waitq_at(&l->waiters, i))) return false;
  l->locked = true;
  return true;
}

/* The lock whose own acquire() `await self.acquire()` runs when that is the
 * engine's Lock.acquire (a Lock's, a Condition's lock's), run in place; else NULL. */
static sl_lock *cm_engine_lock(sl_obj *self) {
  if (self->type == &sl_lock_type) return (sl_lock *)self;
  if (self->type == &sl_condition_type) return (sl_lock *)((sl_condition *)self)->lock;
  return NULL;
}

/* The rest of Lock.acquire(), run by the C coroutine `co` that awaits it
 * (its own coroutine, or the __aenter__ or Condition.wait that would await
 * `self.acquire()`: that coroutine object is unreachable, so running its
 * body in place is the same): a waiter future in co->slots[slot] is
 * appended and awaited, continuing at `next_pc` with lock_turn_done. */
static sl_coro_status lock_wait_turn(sl_rt *rt, sl_lock *l, sl_ccoro *co, int slot, int next_pc,
                                     sl_value *out) {
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return SL_CORO_ERROR;
  sl_vset(rt, &co->slots[slot], sl_obj_val(fut));
  if (sl_waitq_append(rt, &l->waiters, fut)) return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, co->slots[slot], next_pc, out);
}

/* After the waiter future fut (`failed`: its await raised, the exception
 * pending): `finally: self._waiters.remove(fut)`, `except CancelledError:
 * if not self._locked: self._wake_up_first(); raise`, then
 * `self._locked = True`. 0 acquired, -1 with the exception pending. */
static int lock_turn_done(sl_rt *rt, sl_lock *l, sl_obj *fut, bool failed) {
  sl_waitq_remove(rt, &l->waiters, fut);
  if (failed) {
    if (sl__pending_is_cancelled(rt) && !l->locked) {
      sl_obj *exc = sl_err_fetch(rt);
      int rc = lock_wake_up_first(rt, l);
      if (rc) {
        sl_decref(rt, exc);
        return -1;
      }
      sl_err_restore(rt, exc);
    }
    return -1;
  }
  l->locked = true;
  return 0;
}

enum { ACQ_SELF, ACQ_FUT, ACQ_SLOTS };

/* async def acquire(self) */
static sl_coro_status lock_acquire_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_lock *l = (sl_lock *)co->slots[ACQ_SELF].u.o;
  if (co->pc == 0 && !lock_take_free(l)) return lock_wait_turn(rt, l, co, ACQ_FUT, 1, out);
  if (co->pc == 1 && lock_turn_done(rt, l, co->slots[ACQ_FUT].u.o, co->failed))
    return SL_CORO_ERROR;
  *out = sl_bool(true);
  return SL_CORO_RETURN;
}

static const sl_ccoro_def lock_acquire_def = {"Lock.acquire", lock_acquire_resume, NULL};

/* The rest of Lock.acquire() after `await fut`, run by the awaiter that
 * awaited fut in its place (lock_await_now: sl__waiter_suspend_now). */
static sl_coro_status lock_acquire_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                             sl_obj *fut, sl_coro_status st, sl_value *out) {
  (void)aw, (void)arg;
  if (lock_turn_done(rt, (sl_lock *)self, fut, st == SL_CORO_ERROR)) st = SL_CORO_ERROR;
  return sl__then_return(rt, st, sl_bool(true), out);
}
static __attribute__((noinline)) sl_coro_status
lock_acquire_then_all(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st, sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, lock_acquire_then_body);
}
/* The waiter woken by _wake_up_first (its future the waiters' head, True
 * and no object to drop) whose drops free nothing (the loop's wakeup
 * still holds fut, the lock is held elsewhere) takes its turn without a
 * frame: lock_turn_done's remove of the head, `self._locked = True`, the
 * same drops in the same order. Anything else: the whole rest. (arg is
 * undef: the waits in place pass none.) */
static inline __attribute__((always_inline)) sl_coro_status
lock_turn_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st, sl_value *out,
               sl_value ret, sl_await_then all) {
  sl_obj *self = aw->then_self;
  sl_lock *l = cm_engine_lock(self);
  if (!sl__woken_head_quiet(&l->waiters, self, fut, st, out)) return all(rt, aw, fut, st, out);
  l->locked = true;
  return sl__woken_head_finish_as(&l->waiters, self, fut, ret, out);
}
static sl_coro_status lock_acquire_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                        sl_value *out) {
  return lock_turn_then(rt, aw, fut, st, out, sl_bool(true), lock_acquire_then_all);
}

sl_obj *sl_lock_acquire(sl_rt *rt, sl_obj *lock) {
  sl_value self = sl_obj_val(lock);
  return sl_ccoro_new_sized(rt, &lock_acquire_def, ACQ_SLOTS, &self, 1);
}

/* ---- _ContextManagerMixin ------------------------------------------------ */

/* A scenario subclass's own acquire()/release() (`await self.acquire()` in
 * the mixin runs the override). A Condition's are the instance attributes
 * Condition.__init__ set, which shadow the class's. 1 called, 0 none, -1 error. */
static int cm_user(sl_rt *rt, sl_obj *self, const char *name, sl_value *res) {
  if (!sl_obj_ext_of(self) || self->type == &sl_condition_type || !rt->user_ops) return 0;
  return rt->user_ops->method(rt, self, name, NULL, 0, res);
}

/* self.acquire()'s coroutine (new reference), or *lock for the engine's
 * Lock.acquire (NULL returned, no error). */
static sl_obj *cm_acquire(sl_rt *rt, sl_obj *self, sl_lock **lock) {
  *lock = NULL;
  sl_value res;
  int r = cm_user(rt, self, "acquire", &res);
  if (r < 0) return NULL;
  if (r > 0) {
    if (res.tag == SL_V_OBJ) return res.u.o;
    sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object can't be awaited", sl_type_name(res));
    return NULL;
  }
  if ((*lock = cm_engine_lock(self))) return NULL;
  return sl_semaphore_acquire(rt, self);
}

/* self.release(): a scenario subclass's own, else the engine's. */
static int cm_release_any(sl_rt *rt, sl_obj *self) {
  sl_value res;
  int r = cm_user(rt, self, "release", &res);
  if (r) {
    if (r > 0) sl_vdecref(rt, res);
    return r < 0 ? -1 : 0;
  }
  if (self->type == &sl_lock_type) return sl_lock_release(rt, self);
  if (self->type == &sl_condition_type) return sl_lock_release(rt, ((sl_condition *)self)->lock);
  return sl_semaphore_release(rt, self);
}

/* A plain Lock (no subclass, so no release() of its own) inline: every
 * `async with lock` exit (cm_await_now) comes here. */
static inline int cm_release(sl_rt *rt, sl_obj *self) {
  if (self->type == &sl_lock_type && !sl_obj_ext_of(self)) return lock_release(rt, (sl_lock *)self);
  return cm_release_any(rt, self);
}

/* Slots of __aenter__ and __aexit__: the lock, and acquire()'s coroutine
 * (or, acquiring an engine Lock in place, its waiter future). */
enum { CM_SELF, CM_ACQ, CM_SLOTS };
enum { CM_START, CM_ACQUIRED, CM_TURN };

/* async def __aenter__(self): await self.acquire(); return None */
static sl_coro_status cm_aenter_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case CM_START: {
    sl_lock *l;
    sl_obj *acq = cm_acquire(rt, co->slots[CM_SELF].u.o, &l);
    if (l) {
      if (!lock_take_free(l)) return lock_wait_turn(rt, l, co, CM_ACQ, CM_TURN, out);
      break;
    }
    if (!acq) return SL_CORO_ERROR;
    co->slots[CM_ACQ] = sl_obj_val(acq);
    return sl_ccoro_await(rt, co, co->slots[CM_ACQ], CM_ACQUIRED, out);
  }
  case CM_ACQUIRED: {
    if (co->failed) return SL_CORO_ERROR;
    sl_value ignored = sl_ccoro_take_result(co);
    sl_vdecref(rt, ignored);
    break;
  }
  case CM_TURN:
    if (lock_turn_done(rt, cm_engine_lock(co->slots[CM_SELF].u.o), co->slots[CM_ACQ].u.o,
                       co->failed))
      return SL_CORO_ERROR;
    break;
  default: return SL_CORO_ERROR;
  }
  *out = sl_none();
  return SL_CORO_RETURN;
}

/* async def __aexit__(self, exc_type, exc, tb): self.release() */
static sl_coro_status cm_aexit_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (cm_release(rt, co->slots[CM_SELF].u.o)) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}

/* The same for __aenter__ (cm_await_now), whose `await self.acquire()`
 * of an engine lock waited in place: then `return None`. */
static sl_coro_status cm_aenter_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                          sl_obj *fut, sl_coro_status st, sl_value *out) {
  (void)aw, (void)arg;
  if (lock_turn_done(rt, cm_engine_lock(self), fut, st == SL_CORO_ERROR)) st = SL_CORO_ERROR;
  return sl__then_return(rt, st, sl_none(), out);
}
static __attribute__((noinline)) sl_coro_status
cm_aenter_then_all(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st, sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, cm_aenter_then_body);
}
static sl_coro_status cm_aenter_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                     sl_value *out) {
  return lock_turn_then(rt, aw, fut, st, out, sl_none(), cm_aenter_then_all);
}

static const sl_ccoro_def cm_aenter_def = {"_ContextManagerMixin.__aenter__", cm_aenter_resume,
                                           NULL};
static const sl_ccoro_def cm_aexit_def = {"_ContextManagerMixin.__aexit__", cm_aexit_resume, NULL};

sl_obj *sl_cm_aenter(sl_rt *rt, sl_obj *self) {
  sl_value v = sl_obj_val(self);
  return sl_ccoro_new_sized(rt, &cm_aenter_def, CM_SLOTS, &v, 1);
}

sl_obj *sl_cm_aexit(sl_rt *rt, sl_obj *self) {
  sl_value v = sl_obj_val(self);
  return sl_ccoro_new_sized(rt, &cm_aexit_def, 1, &v, 1);
}

/* sl_cm_await_now's body, inline in lock_await_now (a Lock's `async with`: the common case). */
static inline int cm_await_now(sl_rt *rt, sl_obj *self, bool enter, size_t argc, sl_awaiter *aw,
                               sl_value *out) {
  if (argc != (enter ? 0u : 3u)) return SL_NOW_LATER;
  if (enter) {
    /* cm_aenter_resume's CM_START, and for a Semaphore the first pass of
     * the acquire() it awaits; a Lock's wait for its turn in place. */
    sl_lock *l = cm_engine_lock(self);
    if (!l) return sl__semaphore_enter_now(rt, self, aw, out);
    if (!lock_take_free(l)) {
      if (!aw) return SL_NOW_LATER;
      return sl__waiter_suspend_now(rt, &l->waiters, self, sl_undef(), cm_aenter_then, aw);
    }
  } else if (cm_release(rt, self)) {
    return -1;
  }
  *out = sl_none();
  return SL_NOW_DONE;
}

int sl_cm_await_now(sl_rt *rt, sl_obj *self, bool enter, size_t argc, sl_awaiter *aw,
                    sl_value *out) {
  return cm_await_now(rt, self, enter, argc, aw, out);
}

/* cm_await_now's enter for a Lock, without its tests of arguments and kind. */
int sl_lock_aenter_now(sl_rt *rt, sl_obj *lock, sl_awaiter *aw, sl_value *out) {
  sl_lock *l = (sl_lock *)lock;
  if (lock_take_free(l)) {
    *out = sl_none();
    return SL_NOW_DONE;
  }
  if (!aw) return SL_NOW_LATER;
  return sl__waiter_suspend_now(rt, &l->waiters, lock, sl_undef(), cm_aenter_then, aw);
}

/* ---- Condition ------------------------------------------------------------ */

static void cond_clear(sl_rt *rt, sl_obj *o) {
  sl_condition *c = (sl_condition *)o;
  sl_waitq_clear(rt, &c->waiters);
  sl_decref(rt, c->lock);
  c->lock = NULL;
}
static void cond_release_mem(sl_obj *o) { sl_waitq_release(&((sl_condition *)o)->waiters); }

static int cond_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_condition *c = (sl_condition *)o;
  if (sl__sync_repr_head(rt, o, "asyncio.locks.Condition", out)) return -1;
  sl_strbuf_printf(out, "%s", sl_lock_locked(c->lock) ? "locked" : "unlocked");
  if (c->waiters.len) sl_strbuf_printf(out, ", waiters:%zu", c->waiters.len);
  sl_strbuf_puts(out, "]>");
  return 0;
}

static int cond_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static int cond_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                          sl_awaiter *aw, sl_value *out);

const sl_type sl_condition_type = {.name = "Condition",
                                   .clear = cond_clear,
                                   .release = cond_release_mem,
                                   .repr = cond_repr,
                                   .getattr = cond_getattr,
                                   .await_now = cond_await_now,
                                   .flags = SL_TF_STABLE_ATTRS,
                                   .size = sizeof(sl_condition)};

sl_obj *sl_condition_new(sl_rt *rt, sl_obj *lock) {
  sl_obj *own = NULL;
  if (!lock) {
    own = lock = sl_lock_new(rt);
    if (!lock) return NULL;
  } else {
    sl_incref(lock);
    own = lock;
  }
  sl_obj *o = sl_obj_alloc(rt, &sl_condition_type);
  if (!o) {
    sl_decref(rt, own);
    return NULL;
  }
  ((sl_condition *)o)->lock = own;
  return o;
}

/* Condition._notify(n): up to n waiters not yet done get False. */
#define cond_notify_n(rt, c, n) sl__waiters_wake(rt, &(c)->waiters, false, n)
int sl_condition_notify(sl_rt *rt, sl_obj *o, int64_t n) {
  sl_condition *c = (sl_condition *)o;
  if (!sl_lock_locked(c->lock))
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot notify on un-acquired lock");
  return cond_notify_n(rt, c, n);
}
int sl_condition_notify_all(sl_rt *rt, sl_obj *o) {
  return sl_condition_notify(rt, o, (int64_t)((sl_condition *)o)->waiters.len);
}

enum { CW_SELF, CW_FUT, CW_SAVED, CW_ERR, CW_ACQ, CW_SLOTS };
enum { CW_START, CW_WOKEN, CW_ACQUIRE, CW_TURN, CW_ACQUIRED };

/* The exception leaving wait(): 3.13+ wraps the whole body in `except
 * BaseException: self._notify(1); raise`. Takes the pending exception's ownership back into rt. */
static sl_coro_status cond_wait_fail(sl_rt *rt, sl_condition *c) {
  if (rt->fatal) return SL_CORO_ERROR;
  if (rt->profile->condition_notify_on_error) {
    sl_obj *exc = sl_err_fetch(rt);
    if (cond_notify_n(rt, c, 1)) {
      sl_decref(rt, exc);
      return SL_CORO_ERROR;
    }
    sl_err_restore(rt, exc);
  }
  return SL_CORO_ERROR;
}

/* The end of wait() with the lock re-acquired and no CancelledError swallowed
 * on the way: `raise` what `await fut` raised (saved, borrowed, NULL: none), else True. */
static sl_coro_status cond_wait_acquired(sl_rt *rt, sl_condition *c, sl_obj *saved, sl_value *out) {
  if (saved) {
    sl_incref(saved);
    sl_err_restore(rt, saved);
    return cond_wait_fail(rt, c);
  }
  *out = sl_bool(true);
  return SL_CORO_RETURN;
}

/* async def wait(self). 3.11/3.12:
 *     self.release(); try: fut = ...; append; try: await fut; return True
 *     finally: remove(fut)  finally: re-acquire in a loop swallowing
 *     CancelledError; if cancelled: raise CancelledError   (a fresh one)
 * 3.13+: the future is made before release(), the loop keeps the last
 *     CancelledError instance and re-raises it, and any exception leaving
 *     wait() calls self._notify(1) (locks.py:248-301@3.13.0). */
static sl_coro_status cond_wait_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_condition *c = (sl_condition *)co->slots[CW_SELF].u.o;
  for (;;) switch (co->pc) {
    case CW_START: {
      if (!sl_lock_locked(c->lock)) {
        sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot wait on un-acquired lock");
        return SL_CORO_ERROR;
      }
      sl_obj *fut = sl_future_new(rt);
      if (!fut) return SL_CORO_ERROR;
      co->slots[CW_FUT] = sl_obj_val(fut);
      if (sl_waitq_append(rt, &c->waiters, fut)) return SL_CORO_ERROR;
      /* The lock is held, so release() cannot fail. */
      if (sl_lock_release(rt, c->lock)) return SL_CORO_ERROR;
      return sl_ccoro_await(rt, co, co->slots[CW_FUT], CW_WOKEN, out);
    }
    case CW_WOKEN:
      /* finally: self._waiters.remove(fut); the outcome is kept while the
       * outer finally re-acquires the lock. */
      sl_waitq_remove(rt, &c->waiters, co->slots[CW_FUT].u.o);
      if (co->failed) {
        if (rt->fatal) return SL_CORO_ERROR;
        co->slots[CW_SAVED] = sl_obj_val(sl_err_fetch(rt));
      }
      co->local.cond_cancelled = false; /* 3.11: `cancelled = False` */
      co->pc = CW_ACQUIRE;
      break;
    case CW_ACQUIRE: /* await self.acquire(), run in place (lock_wait_turn) */
      co->pc = CW_ACQUIRED;
      co->failed = false;
      if (!lock_take_free((sl_lock *)c->lock))
        return lock_wait_turn(rt, (sl_lock *)c->lock, co, CW_ACQ, CW_TURN, out);
      break;
    case CW_TURN:
      co->failed = lock_turn_done(rt, (sl_lock *)c->lock, co->slots[CW_ACQ].u.o, co->failed) != 0;
      if (co->failed && rt->fatal) return SL_CORO_ERROR;
      co->pc = CW_ACQUIRED;
      break;
    case CW_ACQUIRED: {
      if (co->failed) {
        if (!sl__pending_is_cancelled(rt)) {
          /* Not swallowed: it replaces whatever was in flight. */
          sl__set_context(rt, rt->exc,
                          sl_is_obj(co->slots[CW_SAVED]) ? co->slots[CW_SAVED].u.o : NULL);
          return cond_wait_fail(rt, c);
        }
        sl_obj *e = sl_err_fetch(rt);
        sl_vset(rt, &co->slots[CW_ERR], sl_obj_val(e)); /* err = e */
        co->local.cond_cancelled = true;                /* cancelled = True */
        co->pc = CW_ACQUIRE;
        break;
      }
      sl_value ignored = sl_ccoro_take_result(co);
      sl_vdecref(rt, ignored);
      sl_obj *saved = sl_is_obj(co->slots[CW_SAVED]) ? co->slots[CW_SAVED].u.o : NULL;
      if (!co->local.cond_cancelled) return cond_wait_acquired(rt, c, saved, out);
      sl_obj *err;
      if (rt->profile->condition_notify_on_error) {
        err = co->slots[CW_ERR].u.o; /* raise err: the same instance */
        sl_incref(err);
      } else {
        err = sl_exc_new(rt, rt->classes[SL_EXC_CANCELLED_ERROR], NULL, 0);
        if (!err) return SL_CORO_ERROR;
      }
      sl__set_context(rt, err, saved);
      sl_err_restore(rt, err);
      return cond_wait_fail(rt, c);
    }
    default: return SL_CORO_ERROR;
    }
}

/* Point 1: `await fut`; point 2: the re-acquiring `await self.acquire()`. */
static int cond_wait_suspended_at(const sl_ccoro *co) { return co->pc == CW_WOKEN ? 1 : 2; }

static const sl_ccoro_def cond_wait_def = {"Condition.wait", cond_wait_resume,
                                           cond_wait_suspended_at};

/* ---- Condition.wait() run in place by the awaiting frame's awaiter: the
 * same states as cond_wait_resume, with what `await fut` raised (CW_SAVED)
 * as the awaiter's argument. A CancelledError swallowed while
 * re-acquiring (3.11's `cancelled = True`) needs more state: the C
 * coroutine takes over from there. */

static sl_coro_status cond_turn_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                     sl_value *out);

static sl_obj *obj_or_null(sl_value v) { return sl_is_obj(v) ? v.u.o : NULL; }

/* CW_ACQUIRE with nothing swallowed yet. saved borrowed. */
static sl_coro_status cond_reacquire(sl_rt *rt, sl_awaiter *aw, sl_condition *c, sl_value saved,
                                     sl_value *out) {
  sl_lock *l = (sl_lock *)c->lock;
  if (lock_take_free(l)) return cond_wait_acquired(rt, c, obj_or_null(saved), out);
  if (sl__waiter_suspend(rt, &l->waiters, &c->hdr, saved, cond_turn_then, aw, out))
    return SL_CORO_ERROR;
  return SL_CORO_YIELD;
}

/* cond_woken_then's other cases: `await fut` raised (saved and raised
 * again once re-acquired), or the lock is held (wait for it). Out of
 * line, so that the woken waiter that finds the lock free (notify_all's
 * waiters take it in turn) saves no registers for them. */
static __attribute__((noinline)) sl_coro_status
cond_woken_other(sl_rt *rt, sl_awaiter *aw, sl_condition *c, sl_coro_status st, sl_value *out) {
  sl_value saved = sl_undef();
  if (st == SL_CORO_ERROR) saved = sl_obj_val(sl_err_fetch(rt));
  st = cond_reacquire(rt, aw, c, saved, out);
  sl_vdecref(rt, saved);
  return st;
}

/* CW_WOKEN: after `await fut`. */
static sl_coro_status cond_woken_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                           sl_obj *fut, sl_coro_status st, sl_value *out) {
  (void)arg;
  sl_condition *c = (sl_condition *)self;
  sl_waitq_remove(rt, &c->waiters, fut);
  if (st == SL_CORO_ERROR) return cond_woken_other(rt, aw, c, st, out);
  sl_vdecref(rt, *out);
  if (lock_take_free((sl_lock *)c->lock)) return cond_wait_acquired(rt, c, NULL, out);
  return cond_woken_other(rt, aw, c, st, out);
}
static __attribute__((noinline)) sl_coro_status
cond_woken_then_all(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st, sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, cond_woken_then_body);
}
/* A woken waiter (True, no object to drop) whose future is the waiters'
 * head, finding the lock free without waiters (notify_all's waiters take
 * it in turn), whose drops free nothing (the loop's wakeup still holds
 * fut, the condition is held elsewhere), leaves without a frame: the same
 * drops in the same order, none of them the last. Anything else: the
 * whole rest. (arg is undef: cond_wait_now passes none.) */
static sl_coro_status cond_woken_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                      sl_value *out) {
  sl_obj *self = aw->then_self;
  sl_condition *c = (sl_condition *)self;
  sl_lock *l = (sl_lock *)c->lock;
  if (!sl__woken_head_quiet(&c->waiters, self, fut, st, out) || l->locked || l->waiters.len)
    return cond_woken_then_all(rt, aw, fut, st, out);
  l->locked = true; /* lock_take_free */
  return sl__woken_head_finish(&c->waiters, self, fut, out);
}

/* CW_TURN and CW_ACQUIRED: after the re-acquiring lock's waiter future. */
static sl_coro_status cond_turn_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value saved,
                                          sl_obj *fut, sl_coro_status st, sl_value *out) {
  sl_condition *c = (sl_condition *)self;
  if (st == SL_CORO_RETURN) sl_vdecref(rt, *out);
  if (!lock_turn_done(rt, (sl_lock *)c->lock, fut, st == SL_CORO_ERROR))
    return cond_wait_acquired(rt, c, obj_or_null(saved), out);
  if (rt->fatal) return SL_CORO_ERROR;
  if (!sl__pending_is_cancelled(rt)) {
    sl__set_context(rt, rt->exc, obj_or_null(saved));
    return cond_wait_fail(rt, c);
  }
  /* `err = e; cancelled = True` and the loop again, in the C coroutine,
   * which the awaiter then awaits (nothing else refers to it). */
  sl_obj *err = sl_err_fetch(rt);
  sl_obj *co = sl_condition_wait(rt, self);
  if (!co) {
    sl_decref(rt, err);
    return SL_CORO_ERROR;
  }
  sl_ccoro *cc = (sl_ccoro *)co;
  cc->slots[CW_SAVED] = sl_vincref(saved);
  cc->slots[CW_ERR] = sl_obj_val(err);
  cc->local.cond_cancelled = true;
  cc->pc = CW_ACQUIRE;
  st = sl_await_begin(rt, aw, sl_obj_val(co), out);
  sl_decref(rt, co);
  return st;
}
static sl_coro_status cond_turn_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                     sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, cond_turn_then_body);
}

/* CW_START in place (cond_await_now, which has its common case in line). */
static __attribute__((noinline)) int cond_wait_now(sl_rt *rt, sl_condition *c, sl_awaiter *aw) {
  if (!sl_lock_locked(c->lock))
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot wait on un-acquired lock");
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return -1;
  if (sl_waitq_append_move(rt, &c->waiters, fut)) { /* the waiters own fut's reference */
    sl_decref(rt, fut);
    return -1;
  }
  /* The lock is held, so release() fails only out of memory. In line:
   * its common case is a store. */
  if (lock_release(rt, (sl_lock *)c->lock)) return -1;
  sl_await_future_then(aw, fut, cond_woken_then, &c->hdr, sl_undef(), NULL);
  return SL_NOW_SUSPENDED;
}

sl_obj *sl_condition_wait(sl_rt *rt, sl_obj *cond) {
  sl_value self = sl_obj_val(cond);
  return sl_ccoro_new_sized(rt, &cond_wait_def, CW_SLOTS, &self, 1);
}

enum { WF_SELF, WF_PRED, WF_WAIT };

/* async def wait_for(self, predicate):
 *     result = predicate()
 *     while not result: await self.wait(); result = predicate()
 *     return result */
static sl_coro_status cond_wait_for_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 1) {
    if (co->failed) return SL_CORO_ERROR;
    sl_value ignored = sl_ccoro_take_result(co);
    sl_vdecref(rt, ignored);
  }
  sl_value result;
  if (sl_call_pos(rt, co->slots[WF_PRED], NULL, 0, &result)) return SL_CORO_ERROR;
  bool truth;
  if (sl_truth(rt, result, &truth)) {
    sl_vdecref(rt, result);
    return SL_CORO_ERROR;
  }
  if (truth) {
    *out = result;
    return SL_CORO_RETURN;
  }
  sl_vdecref(rt, result);
  sl_obj *w = sl_condition_wait(rt, co->slots[WF_SELF].u.o);
  if (!w) return SL_CORO_ERROR;
  sl_vset(rt, &co->slots[WF_WAIT], sl_obj_val(w));
  return sl_ccoro_await(rt, co, co->slots[WF_WAIT], 1, out);
}

static const sl_ccoro_def cond_wait_for_def = {"Condition.wait_for", cond_wait_for_resume, NULL};

sl_obj *sl_condition_wait_for(sl_rt *rt, sl_obj *cond, sl_value predicate) {
  sl_value slots[2] = {sl_obj_val(cond), predicate};
  return sl_ccoro_new(rt, &cond_wait_for_def, slots, 2);
}

/* ---- Python-level methods ------------------------------------------------- */

static const char *const self_only[] = {"self"};

#define NOARGS(qual)                                                                               \
  sl_value bound[1];                                                                               \
  if (sl__bind_method(rt, self, args, qual, self_only, 1, 1, 1, bound)) return -1

static int coro_out(sl_obj *co, sl_value *out) {
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int m_lock_acquire(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Lock.acquire");
  return coro_out(sl_lock_acquire(rt, self.u.o), out);
}
static int m_lock_release(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Lock.release");
  return sl_lock_release(rt, self.u.o);
}
static int m_lock_locked(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Lock.locked");
  *out = sl_bool(sl_lock_locked(self.u.o));
  return 0;
}
static int m_aenter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("_ContextManagerMixin.__aenter__");
  return coro_out(sl_cm_aenter(rt, self.u.o), out);
}
static int m_aexit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "exc_type", "exc", "tb"};
  sl_value a[4];
  if (sl__bind_method(rt, self, args, "_ContextManagerMixin.__aexit__", names, 4, 4, 4, a))
    return -1;
  return coro_out(sl_cm_aexit(rt, self.u.o), out);
}

static const sl_cfunc_def lock_methods[] = {
    {"Lock.acquire", m_lock_acquire, NULL, SL_CANON_LABEL},
    {"Lock.release", m_lock_release, NULL, SL_CANON_LABEL},
    {"Lock.locked", m_lock_locked, NULL, SL_CANON_LABEL},
    {"_ContextManagerMixin.__aenter__", m_aenter, NULL, SL_CANON_LABEL},
    {"_ContextManagerMixin.__aexit__", m_aexit, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};
const sl_cfunc_def *const sl_lock_aexit_def = &lock_methods[4];

/* sl_type.await_now (object.h): `await lock.acquire()` of a free lock,
 * and `async with`'s __aenter__ / __aexit__. */
static int lock_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                          sl_awaiter *aw, sl_value *out) {
  sl_obj *o = argv[-1].u.o;
  if (def->fn == m_aenter || def->fn == m_aexit)
    return cm_await_now(rt, o, def->fn == m_aenter, argc, aw, out);
  if (def->fn != m_lock_acquire || argc) return SL_NOW_LATER;
  sl_lock *l = (sl_lock *)o;
  if (!lock_take_free(l))
    return aw ? sl__waiter_suspend_now(rt, &l->waiters, o, sl_undef(), lock_acquire_then, aw)
              : SL_NOW_LATER;
  *out = sl_bool(true);
  return SL_NOW_DONE;
}

/* Besides the methods, the private flag programs read (`lock._locked`). */
static int lock_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "_locked")) return *out = sl_bool(((sl_lock *)o)->locked), 0;
  return sl__getattr_methods(rt, o, lock_methods, name, out);
}

static int m_cond_wait(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Condition.wait");
  return coro_out(sl_condition_wait(rt, self.u.o), out);
}
static int m_cond_wait_for(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "predicate"};
  sl_value a[2];
  if (sl__bind_method(rt, self, args, "Condition.wait_for", names, 2, 2, 2, a)) return -1;
  return coro_out(sl_condition_wait_for(rt, self.u.o, a[1]), out);
}
static int m_cond_notify(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "n"};
  sl_value a[2];
  if (sl__bind_method(rt, self, args, "Condition.notify", names, 2, 1, 2, a)) return -1;
  int64_t n = 1;
  if (!sl_is_undef(a[1]) && sl__as_int(rt, a[1], "n", &n)) return -1;
  return sl_condition_notify(rt, self.u.o, n);
}
static int m_cond_notify_all(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Condition.notify_all");
  return sl_condition_notify_all(rt, self.u.o);
}

/* `cond.notify()`, `cond.notify_all()` as statements (sl_cstmt_fn): an
 * argument takes the plain body, which owns its messages. */
static int m_cond_notify_stmt(sl_rt *rt, sl_value *slots, int32_t argc) {
  return argc ? SL_CSTMT_PLAIN : sl_condition_notify(rt, slots[0].u.o, 1); /* 0 or -1 */
}
static int m_cond_notify_all_stmt(sl_rt *rt, sl_value *slots, int32_t argc) {
  return argc ? SL_CSTMT_PLAIN : sl_condition_notify_all(rt, slots[0].u.o);
}

static const sl_cfunc_def cond_methods[] = {
    {"Condition.wait", m_cond_wait, NULL, SL_CANON_LABEL},
    {"Condition.wait_for", m_cond_wait_for, NULL, SL_CANON_LABEL},
    {"Condition.notify", m_cond_notify, NULL, SL_CANON_LABEL, .stmt = m_cond_notify_stmt},
    {"Condition.notify_all", m_cond_notify_all, NULL, SL_CANON_LABEL,
     .stmt = m_cond_notify_all_stmt},
    {"_ContextManagerMixin.__aenter__", m_aenter, NULL, SL_CANON_LABEL},
    {"_ContextManagerMixin.__aexit__", m_aexit, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* sl_type.await_now: `async with cond`'s __aenter__ / __aexit__ (its
 * acquire() is its lock's, bound to the lock). */
static int cond_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                          sl_awaiter *aw, sl_value *out) {
  sl_obj *o = argv[-1].u.o;
  if (def->fn == m_cond_wait && aw && !argc) {
    sl_condition *c = (sl_condition *)o;
    sl_lock *l = (sl_lock *)c->lock; /* held without waiters: its release is a store */
    if (l->locked && !l->waiters.len && sl__waiter_suspend_quiet(rt, &c->waiters))
      return l->locked = false,
             sl__waiter_suspend_take(rt, &c->waiters, o, sl_undef(), cond_woken_then, aw, NULL);
    return cond_wait_now(rt, c, aw);
  }
  if (def->fn != m_aenter && def->fn != m_aexit) return SL_NOW_LATER;
  return sl_cm_await_now(rt, o, def->fn == m_aenter, argc, aw, out);
}

/* Condition exports its lock's locked/acquire/release (self.locked =
 * lock.locked, ...): they are the Lock's bound methods. */
static int cond_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_obj *lock = ((sl_condition *)o)->lock;
  int found = sl_methods_lookup(rt, sl_obj_val(o), cond_methods, name, out);
  if (found) return found < 0 ? -1 : 0;
  if (strcmp(name, "locked") == 0 || strcmp(name, "acquire") == 0 || strcmp(name, "release") == 0)
    return sl__getattr_methods(rt, lock, lock_methods, name, out);
  return sl__no_attribute(rt, o, name);
}
