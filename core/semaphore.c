/* Mirrors Lib/asyncio/locks.py Semaphore and BoundedSemaphore. 3.11/3.12
 * wake one extra waiter after a successful wait; 3.13 (gh-90155 follow-up,
 * locks.py:386-448@3.13.0) wakes as many as _value allows, in a finally,
 * and only undoes the bookkeeping of a waiter that was woken then
 * cancelled (profile switch semaphore_wake_many). */
#include "core/semaphore.h"

#include <stdio.h>
#include <string.h>

#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/locks.h"
#include "core/rt.h"
#include "core/sync-int.h"

static void sem_clear(sl_rt *rt, sl_obj *o) { sl_waitq_clear(rt, &((sl_semaphore *)o)->waiters); }
static void sem_release_mem(sl_obj *o) { sl_waitq_release(&((sl_semaphore *)o)->waiters); }

bool sl_semaphore_locked(sl_obj *o) {
  sl_semaphore *s = (sl_semaphore *)o;
  if (s->value == 0) return true;
  /* any(not w.cancelled() for w in (self._waiters or ())) */
  for (size_t i = 0; i < s->waiters.len; i++)
    if (!sl_future_cancelled(sl_waitq_at(&s->waiters, i))) return true;
  return false;
}

static int sem_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_semaphore *s = (sl_semaphore *)o;
  char path[64];
  snprintf(path, sizeof path, "asyncio.locks.%s", o->type->name);
  if (sl__sync_repr_head(rt, o, path, out)) return -1;
  if (sl_semaphore_locked(o))
    sl_strbuf_puts(out, "locked");
  else
    sl_strbuf_printf(out, "unlocked, value:%lld", (long long)s->value);
  if (s->waiters.len) sl_strbuf_printf(out, ", waiters:%zu", s->waiters.len);
  sl_strbuf_puts(out, "]>");
  return 0;
}

static int sem_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static int sem_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                         sl_awaiter *aw, sl_value *out);

const sl_type sl_semaphore_type = {.name = "Semaphore",
                                   .clear = sem_clear,
                                   .release = sem_release_mem,
                                   .repr = sem_repr,
                                   .getattr = sem_getattr,
                                   .await_now = sem_await_now,
                                   .flags = SL_TF_STABLE_ATTRS,
                                   .size = sizeof(sl_semaphore)};
const sl_type sl_bounded_semaphore_type = {.name = "BoundedSemaphore",
                                           .clear = sem_clear,
                                           .release = sem_release_mem,
                                           .repr = sem_repr,
                                           .getattr = sem_getattr,
                                           .await_now = sem_await_now,
                                           .flags = SL_TF_STABLE_ATTRS,
                                           .size = sizeof(sl_semaphore)};

sl_obj *sl_semaphore_new(sl_rt *rt, int64_t value, bool bounded) {
  if (value < 0) {
    sl_raise(rt, SL_EXC_VALUE_ERROR, "Semaphore initial value must be >= 0");
    return NULL;
  }
  sl_obj *o = sl_obj_alloc(rt, bounded ? &sl_bounded_semaphore_type : &sl_semaphore_type);
  if (!o) return NULL;
  ((sl_semaphore *)o)->value = value;
  ((sl_semaphore *)o)->bound_value = value;
  return o;
}

/* _wake_up_next: the first waiter not done gets True and takes one unit.
 * Returns 1 when someone was woken, 0 if not, -1 on error. */
static int wake_up_next(sl_rt *rt, sl_semaphore *s) {
  for (size_t i = 0; i < s->waiters.len; i++) {
    sl_obj *fut = sl_waitq_at(&s->waiters, i);
    if (sl_future_done(fut)) continue;
    s->value--;
    return sl_future_set_result(rt, fut, sl_bool(true)) ? -1 : 1;
  }
  return 0;
}

int sl_semaphore_release(sl_rt *rt, sl_obj *o) {
  sl_semaphore *s = (sl_semaphore *)o;
  if (o->type == &sl_bounded_semaphore_type && s->value >= s->bound_value)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "BoundedSemaphore released too many times");
  s->value++;
  return wake_up_next(rt, s) < 0 ? -1 : 0;
}

/* Runs `body` with the pending exception (if any) set aside; -1 when body
 * fails. */
#define WITH_EXC_ASIDE(body)                                                                       \
  do {                                                                                             \
    sl_obj *aside_ = sl_err_fetch(rt);                                                             \
    int rc_ = (body);                                                                              \
    if (rc_ < 0) {                                                                                 \
      sl_decref(rt, aside_);                                                                       \
      return -1;                                                                                   \
    }                                                                                              \
    if (aside_) sl_err_restore(rt, aside_);                                                        \
  } while (0)

/* 3.13+: finally: while self._value > 0: if not self._wake_up_next(): break */
static int wake_many(sl_rt *rt, sl_semaphore *s) {
  while (s->value > 0) {
    int woke = wake_up_next(rt, s);
    if (woke < 0) return -1;
    if (!woke) break;
  }
  return 0;
}

bool sl_semaphore_take_free(sl_obj *o) {
  /* Maintain FIFO, wait for others to start even if _value > 0. */
  if (sl_semaphore_locked(o)) return false;
  ((sl_semaphore *)o)->value--;
  return true;
}

/* The rest of acquire() after `await fut` (`failed`: its await raised, the
 * exception pending), shared by the C coroutine and the awaiter that
 * awaited fut in its place: 0 acquired, -1 with an exception pending. */
static int sem_turn_done(sl_rt *rt, sl_semaphore *s, sl_obj *fut, bool failed) {
  sl_waitq_remove(rt, &s->waiters, fut); /* finally: self._waiters.remove(fut) */
  if (failed && rt->fatal) return -1;
  bool cancelled = failed && sl__pending_is_cancelled(rt);
  if (rt->profile->semaphore_wake_many) {
    /* except CancelledError: if fut.done() and not fut.cancelled(): _value += 1 */
    if (cancelled && sl_future_done(fut) && !sl_future_cancelled(fut)) s->value++;
    WITH_EXC_ASIDE(wake_many(rt, s));
    return failed ? -1 : 0;
  }
  if (cancelled) {
    /* except CancelledError: if not fut.cancelled(): _value += 1; _wake_up_next() */
    if (!sl_future_cancelled(fut)) {
      s->value++;
      WITH_EXC_ASIDE(wake_up_next(rt, s));
    }
    return -1;
  }
  if (failed) return -1;
  return s->value > 0 && wake_up_next(rt, s) < 0 ? -1 : 0;
}

/* async def acquire(self); slots: the semaphore, the future waited on. */
enum { SA_SELF, SA_FUT, SA_SLOTS };
static sl_coro_status sem_acquire_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_semaphore *s = (sl_semaphore *)co->slots[SA_SELF].u.o;
  if (co->pc == 0) {
    if (sl_semaphore_take_free(&s->hdr)) {
      *out = sl_bool(true);
      return SL_CORO_RETURN;
    }
    sl_obj *fut = sl_future_new(rt);
    if (!fut) return SL_CORO_ERROR;
    co->slots[SA_FUT] = sl_obj_val(fut);
    if (sl_waitq_append(rt, &s->waiters, fut)) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[SA_FUT], 1, out);
  }
  if (sem_turn_done(rt, s, co->slots[SA_FUT].u.o, co->failed)) return SL_CORO_ERROR;
  *out = sl_bool(true);
  return SL_CORO_RETURN;
}

/* The rest of acquire() (`await sem.acquire()`, returning True) and of
 * `async with sem`'s __aenter__ (None), run by the awaiter that awaited the
 * waiter future in the coroutine's place (sl__semaphore_wait_now). */
static sl_coro_status sem_acquire_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                            sl_obj *fut, sl_coro_status st, sl_value *out) {
  (void)aw, (void)arg;
  if (sem_turn_done(rt, (sl_semaphore *)self, fut, st == SL_CORO_ERROR)) st = SL_CORO_ERROR;
  return sl__then_return(rt, st, sl_bool(true), out);
}
static sl_coro_status sem_acquire_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                       sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, sem_acquire_then_body);
}
static sl_coro_status sem_aenter_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                           sl_obj *fut, sl_coro_status st, sl_value *out) {
  (void)aw, (void)arg;
  if (sem_turn_done(rt, (sl_semaphore *)self, fut, st == SL_CORO_ERROR)) st = SL_CORO_ERROR;
  return sl__then_return(rt, st, sl_none(), out);
}
static sl_coro_status sem_aenter_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                      sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, sem_aenter_then_body);
}

int sl__semaphore_wait_now(sl_rt *rt, sl_obj *sem, bool aenter, sl_awaiter *aw) {
  return sl__waiter_suspend_now(rt, &((sl_semaphore *)sem)->waiters, sem, sl_undef(),
                                aenter ? sem_aenter_then : sem_acquire_then, aw);
}

static const sl_ccoro_def sem_acquire_def = {"Semaphore.acquire", sem_acquire_resume, NULL};

sl_obj *sl_semaphore_acquire(sl_rt *rt, sl_obj *sem) {
  sl_value self = sl_obj_val(sem);
  return sl_ccoro_new_sized(rt, &sem_acquire_def, SA_SLOTS, &self, 1);
}

/* ---- Python-level methods ------------------------------------------------- */

static const char *const self_only[] = {"self"};

static int m_acquire(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[1];
  if (sl__bind_method(rt, self, args, "Semaphore.acquire", self_only, 1, 1, 1, a)) return -1;
  sl_obj *co = sl_semaphore_acquire(rt, self.u.o);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}
static int m_release(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[1];
  const char *q = self.u.o->type == &sl_bounded_semaphore_type ? "BoundedSemaphore.release"
                                                               : "Semaphore.release";
  if (sl__bind_method(rt, self, args, q, self_only, 1, 1, 1, a)) return -1;
  return sl_semaphore_release(rt, self.u.o);
}
static int m_locked(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[1];
  if (sl__bind_method(rt, self, args, "Semaphore.locked", self_only, 1, 1, 1, a)) return -1;
  *out = sl_bool(sl_semaphore_locked(self.u.o));
  return 0;
}
static int m_aenter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[1];
  if (sl__bind_method(rt, self, args, "_ContextManagerMixin.__aenter__", self_only, 1, 1, 1, a))
    return -1;
  sl_obj *co = sl_cm_aenter(rt, self.u.o);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}
static int m_aexit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "exc_type", "exc", "tb"};
  sl_value a[4];
  if (sl__bind_method(rt, self, args, "_ContextManagerMixin.__aexit__", names, 4, 4, 4, a))
    return -1;
  sl_obj *co = sl_cm_aexit(rt, self.u.o);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_cfunc_def sem_methods[] = {
    {"Semaphore.acquire", m_acquire, NULL, SL_CANON_LABEL},
    {"Semaphore.release", m_release, NULL, SL_CANON_LABEL},
    {"Semaphore.locked", m_locked, NULL, SL_CANON_LABEL},
    {"_ContextManagerMixin.__aenter__", m_aenter, NULL, SL_CANON_LABEL},
    {"_ContextManagerMixin.__aexit__", m_aexit, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* sl_type.await_now (object.h): `await sem.acquire()` with a unit free,
 * and `async with`'s __aenter__ / __aexit__. */
static int sem_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                         sl_awaiter *aw, sl_value *out) {
  sl_obj *o = argv[-1].u.o;
  if (def->fn == m_aenter || def->fn == m_aexit)
    return sl_cm_await_now(rt, o, def->fn == m_aenter, argc, aw, out);
  if (def->fn != m_acquire || argc) return SL_NOW_LATER;
  if (!sl_semaphore_take_free(o))
    return aw ? sl__semaphore_wait_now(rt, o, false, aw) : SL_NOW_LATER;
  *out = sl_bool(true);
  return SL_NOW_DONE;
}

/* Besides the methods, the private counters programs read (`sem._value`). */
static int sem_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_semaphore *s = (sl_semaphore *)o;
  if (!strcmp(name, "_value")) return *out = sl_int(s->value), 0;
  if (o->type == &sl_bounded_semaphore_type && !strcmp(name, "_bound_value"))
    return *out = sl_int(s->bound_value), 0;
  return sl__getattr_methods(rt, o, sem_methods, name, out);
}

int sl__semaphore_enter_now(sl_rt *rt, sl_obj *sem, sl_awaiter *aw, sl_value *out) {
  if (sl_semaphore_take_free(sem)) {
    *out = sl_none();
    return SL_NOW_DONE;
  }
  if (!aw || sl_obj_ext_of(sem)) return SL_NOW_LATER;
  return sl__semaphore_wait_now(rt, sem, true, aw);
}
