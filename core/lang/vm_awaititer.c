/* What `__await__()` of a coroutine or a future returns (CPython's
 * coroutine_wrapper and _asyncio.FutureIter): an iterator that drives the
 * awaitable it wraps. A program's own __await__ returns one to delegate its
 * await (`return self.task.__await__()`) or `yield from`s it; both unwrap
 * it (sl__awaititer_target) and await the awaitable itself, so the task
 * sees the same steps as for a direct `await`. Driving it by hand with
 * next() runs the same await machinery. */
#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/identity.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/tuple.h"

typedef struct awaititer {
  sl_obj hdr;
  sl_value target; /* owned: the coroutine or future */
  sl_awaiter aw;   /* the await in progress when driven by next() */
} awaititer;

static void awaititer_clear(sl_rt *rt, sl_obj *o) {
  awaititer *w = (awaititer *)o;
  sl_await_clear(rt, &w->aw);
  sl_vset(rt, &w->target, sl_undef());
}

static int awaititer_self(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_incref(o);
  *out = sl_obj_val(o);
  return 0;
}

/* next(it): the value the awaitable yields; its return value ends the
 * iteration as StopIteration(value), as a generator's does. */
static int awaititer_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  awaititer *w = (awaititer *)o;
  sl_coro_status st = sl_await_active(&w->aw) ? sl_await_send(rt, &w->aw, sl_none(), out)
                                              : sl_await_begin(rt, &w->aw, w->target, out);
  if (st == SL_CORO_RETURN && sl_is_none(*out)) return 0;
  return sl__coro_method_result(rt, st, out) ? -1 : 1;
}

static int coro_wrapper_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "<coroutine_wrapper object at ");
  return sl_identity_put_end(rt, o, out);
}

static int future_iter_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "<_asyncio.FutureIter object at ");
  return sl_identity_put_end(rt, o, out);
}

static const sl_lang_slots awaititer_slots = {.iter = awaititer_self, .next = awaititer_next};

static const sl_type coro_wrapper_type = {.name = "coroutine_wrapper",
                                          .clear = awaititer_clear,
                                          .repr = coro_wrapper_repr,
                                          .lang = &awaititer_slots,
                                          .size = sizeof(awaititer)};

static const sl_type future_iter_type = {.name = "FutureIter",
                                         .clear = awaititer_clear,
                                         .repr = future_iter_repr,
                                         .lang = &awaititer_slots,
                                         .size = sizeof(awaititer)};

int sl__await_method(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "__await__", NULL, 0, 0, 0, NULL)) return -1;
  sl_obj *o = sl_obj_alloc(rt, sl_is_future(self) ? &future_iter_type : &coro_wrapper_type);
  if (!o) return -1;
  awaititer *w = (awaititer *)o;
  w->target = sl_vincref(self);
  sl_await_init(&w->aw);
  *out = sl_obj_val(o);
  return 0;
}

const sl_cfunc_def sl__coro_await_def = {"coroutine.__await__", sl__await_method, NULL,
                                         SL_CANON_LABEL};

bool sl__awaititer_target(sl_value v, sl_value *target) {
  if (!sl_is_type(v, &coro_wrapper_type) && !sl_is_type(v, &future_iter_type)) return false;
  awaititer *w = (awaititer *)v.u.o;
  if (sl_await_active(&w->aw)) return false; /* already driven by next(): iterate it */
  *target = w->target;
  return true;
}
