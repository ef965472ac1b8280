/* Private helpers shared by the synchronisation primitives and
 * combinators (locks, queues, timeouts, TaskGroup, wait, shield, ...):
 * binding a method's arguments with CPython's messages (which count
 * `self`), exposing methods and properties through a type's getattr slot,
 * and the coroutines that back `async with`. Never installed. */
#ifndef SL_SYNC_INT_H
#define SL_SYNC_INT_H

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/object.h"
#include "core/waitq.h"

/* Binds a method call's arguments as CPython does for `def m(self, ...)`:
 * names[0] is "self" and the counts include it, so the messages read
 * "Lock.acquire() takes 1 positional argument but 2 were given". out[0]
 * receives self; the rest as sl_args_bind (borrowed, SL_V_UNDEF when
 * missing). */
int sl__bind_method_full(sl_rt *rt, sl_value self, const sl_args *args, const char *qualname,
                         const char *const *names, size_t nnames, size_t nrequired,
                         size_t npositional, sl_value *out);
/* The common call (positional arguments only, as many as accepted) binds
 * here; keywords and errors take the full binder and its messages. */
static inline int sl__bind_method(sl_rt *rt, sl_value self, const sl_args *args,
                                  const char *qualname, const char *const *names, size_t nnames,
                                  size_t nrequired, size_t npositional, sl_value *out) {
  size_t n = args->npos + 1;
  if (args->nkw || n < nrequired || n > npositional)
    return sl__bind_method_full(rt, self, args, qualname, names, nnames, nrequired, npositional,
                                out);
  out[0] = self;
  for (size_t i = 1; i < n; i++) out[i] = args->pos[i - 1];
  for (size_t i = n; i < nnames; i++) out[i] = sl_undef();
  return 0;
}

/* getattr slot body: looks `name` up in `methods` (bound to o); raises
 * AttributeError "'T' object has no attribute 'x'" when absent. */
int sl__getattr_methods(sl_rt *rt, sl_obj *o, const sl_cfunc_def *methods, const char *name,
                        sl_value *out);
/* Writes `<asyncio.locks.Lock object at 0x... [` (the head of a lock's
 * repr: object.__repr__ opened up, as locks.py does, with the run's
 * identity as the address; a subclass gives its own path): 0 ok, -1 out of
 * memory (raised). */
int sl__sync_repr_head(sl_rt *rt, sl_obj *o, const char *engine_path, sl_strbuf *out);
int sl__no_attribute(sl_rt *rt, sl_obj *o, const char *name);

/* `fut = loop.create_future(); waiters.append(fut); await fut` of an
 * engine coroutine of `self` and `arg` (borrowed), with aw suspended on
 * fut in the coroutine's place and `then` its rest (sl_await_future_then;
 * *out fut unless out is NULL). 0, or -1 out of memory with nothing
 * changed. */
int sl__waiter_suspend(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg, sl_await_then then,
                       sl_awaiter *aw, sl_value *out);
/* sl__waiter_suspend's steps as written: a new future (any way
 * sl_future_new makes one), appended (the deque grown if need be). */
int sl__waiter_suspend_any(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg,
                           sl_await_then then, sl_awaiter *aw, sl_value *out);
/* sl__waiter_suspend's steps for sl_type.await_now: SL_NOW_SUSPENDED or
 * -1 (sl__waiter_suspend_now's rare path, a tail call). */
int sl__waiter_suspend_now_any(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg,
                               sl_await_then then, sl_awaiter *aw);
/* Whether sl__waiter_suspend_take would do what sl__waiter_suspend does:
 * a spare future to take, room at the deque's tail, and an allocation
 * attempt that no decision of the out-of-memory sweep is due on (the
 * count is only read: the take lowers it, as sl_future_new would; at 1 or
 * 0 the caller takes the whole path, which counts and decides itself). */
static inline bool sl__waiter_suspend_quiet(const sl_rt *rt, const sl_waitq *waiters) {
  return rt->spare_futures && rt->ext_next_type != &sl_future_type &&
         waiters->head + waiters->len != waiters->cap && __builtin_expect(sl__alloc_left > 1, 1);
}
/* sl__waiter_suspend's steps once sl__waiter_suspend_quiet said yes: the
 * spare taken as sl_future_new takes one (its attempt counted), appended,
 * aw suspended on it (*out fut unless out is NULL). SL_NOW_SUSPENDED,
 * sl_type.await_now's answer. No call, so the await_now that ends in it
 * saves no register. */
static inline __attribute__((always_inline)) int
sl__waiter_suspend_take(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg,
                        sl_await_then then, sl_awaiter *aw, sl_value *out) {
  sl_obj *fut = rt->spare_futures;
  sl__alloc_left--;
  rt->spare_futures = sl_as_future(fut)->spare_next;
  rt->nspare_futures--;
  waiters->items[waiters->head + waiters->len++] = fut;
  /* The waiters own fut's first reference; aw takes its own. */
  sl_await_future_then(aw, fut, then, self, arg, out);
  return SL_NOW_SUSPENDED;
}
/* The same for sl_type.await_now: SL_NOW_SUSPENDED or -1. In line: the
 * wait in place of Lock, Event, Queue and Semaphore; its common case
 * makes no call and its other one is a tail call. */
static inline __attribute__((always_inline)) int
sl__waiter_suspend_now(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg, sl_await_then then,
                       sl_awaiter *aw) {
  if (!sl__waiter_suspend_quiet(rt, waiters))
    return sl__waiter_suspend_now_any(rt, waiters, self, arg, then, aw);
  return sl__waiter_suspend_take(rt, waiters, self, arg, then, aw, NULL);
}
/* Up to n (<= 0: none) of the waiters not yet done get `value` as
 * set_result gives it, in deque order: Event.set (all) and
 * Condition._notify(n). 0, or -1 at the first failure (out of memory),
 * the waiters before it woken. In future.c: a plain future's set_result
 * in line, no call per waiter. */
int sl__waiters_wake(sl_rt *rt, sl_waitq *q, bool value, int64_t n);
/* A `then` (sl_await_then) that ends as `return value` after its own
 * work: drops the awaited future's result. */
static inline sl_coro_status sl__then_return(sl_rt *rt, sl_coro_status st, sl_value value,
                                             sl_value *out) {
  if (st == SL_CORO_ERROR) return st;
  sl_vdecref(rt, *out);
  *out = value;
  return SL_CORO_RETURN;
}

/* A `then`'s woken waiter that can finish without a frame (Event.wait,
 * Condition.wait): fut, the waiters' head, came back with a value that is
 * no object (True), and no drop of fut or self can be the last (the
 * loop's wakeup still holds fut, self is held elsewhere). */
static inline bool sl__woken_head_quiet(const sl_waitq *q, const sl_obj *self, const sl_obj *fut,
                                        sl_coro_status st, const sl_value *out) {
  return st == SL_CORO_RETURN && out->tag != SL_V_OBJ && q->len && q->items[q->head] == fut &&
         fut->refcnt > 2 && self->refcnt > 1;
}
/* Its end, the same drops in the same order as the whole rest's: fut
 * leaves the waiters, the awaiter gets `value` (no object), and self's
 * reference and fut's two (the waiters' and the awaiter's) go, none of
 * them the last. */
static inline sl_coro_status sl__woken_head_finish_as(sl_waitq *q, sl_obj *self, sl_obj *fut,
                                                      sl_value value, sl_value *out) {
  sl_waitq_popleft(q);
  *out = value;
  self->refcnt--;
  fut->refcnt -= 2;
  return SL_CORO_RETURN;
}
/* The same, the awaiter getting True (Event.wait, Condition.wait). */
static inline sl_coro_status sl__woken_head_finish(sl_waitq *q, sl_obj *self, sl_obj *fut,
                                                   sl_value *out) {
  return sl__woken_head_finish_as(q, self, fut, sl_bool(true), out);
}

/* Returns a new C coroutine running `def` with self as slot 0, as the
 * value of a method call (*out). 0 or -1. */
int sl__coro_result(sl_rt *rt, const sl_ccoro_def *def, sl_value self, sl_value *out);

/* The int argument `v` as int64 (bool counts), or TypeError naming `what`. */
int sl__as_int(sl_rt *rt, sl_value v, const char *what, int64_t *out);

/* Fetches the pending exception (new ref) if the last await failed with a
 * CancelledError; NULL otherwise (the exception, if any, stays pending). */
bool sl__pending_is_cancelled(sl_rt *rt);

/* Sets exc.__context__ = ctx (borrowed, may be NULL) unless they are the
 * same object: what `raise exc` inside an except/finally block does. */
void sl__set_context(sl_rt *rt, sl_obj *exc, sl_obj *ctx);

#endif
