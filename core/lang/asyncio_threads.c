/* asyncio.to_thread on the simulated pool (core/pool.h). Mirrors
 * Lib/asyncio/threads.py:
 *     async def to_thread(func, /, *args, **kwargs):
 *         loop = events.get_running_loop()
 *         ctx = contextvars.copy_context()
 *         func_call = functools.partial(ctx.run, func, *args, **kwargs)
 *         return await loop.run_in_executor(None, func_call)
 * (simloop has no contextvars: the function is called directly). */
#include <string.h>

#include "core/alloc.h"
#include "core/coro.h"
#include "core/cfunc.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/pool.h"
#include "core/rt.h"
#include "core/tuple.h"

/* Slots: the function, a tuple of the positional arguments, a tuple of
 * the keyword names and one of their values, then the future. */
enum { TT_FUNC, TT_ARGS, TT_KWNAMES, TT_KWVALS, TT_FUT };
enum { TT_START, TT_DONE };

/* run_in_executor(None, func, *args, **kwargs) from the slots: the
 * default executor, or set_default_executor's. */
static int submit(sl_rt *rt, sl_ccoro *co, sl_value *fut) {
  sl_tuple *pos = sl_as_tuple(co->slots[TT_ARGS].u.o);
  sl_tuple *kn = sl_as_tuple(co->slots[TT_KWNAMES].u.o);
  sl_tuple *kv = sl_as_tuple(co->slots[TT_KWVALS].u.o);
  sl_obj **names = kn->len ? sl_malloc(kn->len * sizeof *names) : NULL;
  if (kn->len && !names) return sl_nomem(rt);
  for (size_t i = 0; i < kn->len; i++) names[i] = kn->items[i].u.o;
  sl_args a = {pos->items, pos->len, kv->items, names, kn->len};
  int rc = sl__aio_run_in(rt, sl_none(), co->slots[TT_FUNC], &a, fut);
  sl_free(names);
  return rc;
}

static sl_coro_status to_thread(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  *out = sl_none();
  switch (co->pc) {
  case TT_START:
    if (sl__aio_running(rt)) return SL_CORO_ERROR;
    if (submit(rt, co, &co->slots[TT_FUT])) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[TT_FUT], TT_DONE, out);
  case TT_DONE:
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_ccoro_take_result(co);
    return SL_CORO_RETURN;
  }
  return SL_CORO_ERROR;
}

static const sl_ccoro_def to_thread_def = {"to_thread", to_thread, NULL};

/* to_thread(func, /, *args, **kwargs): the coroutine, not yet started. */
static int aio_to_thread(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "to_thread() missing 1 required positional argument: 'func'");
  sl_value kn[args->nkw ? args->nkw : 1];
  for (size_t i = 0; i < args->nkw; i++) kn[i] = sl_obj_val(args->kwnames[i]);
  sl_obj *pos = sl_tuple_new(rt, args->pos + 1, args->npos - 1);
  sl_obj *names = pos ? sl_tuple_new(rt, kn, args->nkw) : NULL;
  sl_obj *vals = names ? sl_tuple_new(rt, args->kwvals, args->nkw) : NULL;
  sl_obj *co = NULL;
  if (vals) {
    sl_value slots[4] = {args->pos[0], sl_obj_val(pos), sl_obj_val(names), sl_obj_val(vals)};
    co = sl_ccoro_new(rt, &to_thread_def, slots, 4);
  }
  sl_decref(rt, pos);
  sl_decref(rt, names);
  sl_decref(rt, vals);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

const sl_cfunc_def sl__aio_to_thread_def = {"to_thread", aio_to_thread, NULL, SL_CANON_LABEL};

/* ---- executors of concurrent.futures (core/pool.h) --------------------- */

/* _chain_future's _call_check_cancel(destination), bound to the source
 * Future: a cancelled destination cancels the source (which fails on a
 * running job). */
static int check_cancel_source(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  *out = sl_none();
  if (args->npos < 1 || !sl_is_future(args->pos[0]) || !sl_future_cancelled(args->pos[0].u.o))
    return 0;
  return sl__call_method(rt, self, "cancel", NULL, 0, NULL);
}

static const sl_cfunc_def check_cancel_source_def = {"_chain_future.<locals>._call_check_cancel",
                                                     check_cancel_source,
                                                     "chain_future.check_cancel", SL_CANON_ARG0};

/* _call_set_state(source), bound to the destination: the source's outcome,
 * read now (a done Future does not change), reaches the loop through
 * call_soon_threadsafe(_set_state, destination, source). */
static int call_set_state(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  *out = sl_none();
  if (args->npos < 1) return 0;
  sl_value src = args->pos[0], r, v = sl_none();
  if (sl__call_method(rt, src, "cancelled", NULL, 0, &r)) return -1;
  bool cancelled = false;
  int tr = sl_truth(rt, r, &cancelled);
  sl_vdecref(rt, r);
  if (tr) return -1;
  int kind = 2;
  if (!cancelled) {
    if (sl__call_method(rt, src, "exception", NULL, 0, &v)) return -1;
    kind = v.tag != SL_V_NONE;
    if (!kind && sl__call_method(rt, src, "result", NULL, 0, &v)) return -1;
  }
  int rc = sl_pool_set_state_soon(rt, self.u.o, v, kind);
  sl_vdecref(rt, v);
  return rc;
}

static const sl_cfunc_def call_set_state_def = {"_chain_future.<locals>._call_set_state",
                                                call_set_state, NULL, SL_CANON_LABEL};

int sl__aio_wrap_future(sl_rt *rt, sl_value source, sl_value *out) {
  if (sl_is_future(source)) {
    *out = sl_vincref(source);
    return 0;
  }
  sl_obj *cc = sl_cfunc_new(rt, &check_cancel_source_def, source);
  sl_obj *dest = cc ? sl_pool_new_destination(rt, cc) : NULL;
  sl_decref(rt, cc);
  if (!dest) return -1;
  sl_obj *cb = sl_cfunc_new(rt, &call_set_state_def, sl_obj_val(dest));
  sl_value a = cb ? sl_obj_val(cb) : sl_none();
  int rc = cb ? sl__call_method(rt, source, "add_done_callback", &a, 1, NULL) : -1;
  sl_decref(rt, cb);
  if (rc) {
    sl_decref(rt, dest);
    return -1;
  }
  *out = sl_obj_val(dest);
  return 0;
}

int sl__aio_run_in(sl_rt *rt, sl_value executor, sl_value fn, const sl_args *args, sl_value *out) {
  sl_loop *loop = rt->loop;
  if (loop->closed) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
  if (executor.tag == SL_V_NONE) {
    if (!loop->pool.executor) return sl_pool_run_in_executor(rt, fn, args, out);
    if (loop->pool.shutdown_called) /* _check_default_executor */
      return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Executor shutdown has been called");
    executor = sl_obj_val(loop->pool.executor);
  }
  size_t n = 1 + args->npos;
  sl_value *argv = sl_malloc(n * sizeof *argv);
  if (!argv) return sl_nomem(rt);
  argv[0] = fn;
  for (size_t i = 0; i < args->npos; i++) argv[1 + i] = args->pos[i];
  sl_value ex = sl_vincref(executor), cf, m;
  int rc = sl_vm_getattr(rt, ex, "submit", &m);
  if (rc == 0) {
    /* to_thread's **kwargs go to submit as functools.partial would take them */
    sl_args a = {argv, n, args->kwvals, args->kwnames, args->nkw};
    rc = sl_call(rt, m, &a, &cf);
    sl_vdecref(rt, m);
  }
  sl_free(argv);
  sl_vdecref(rt, ex);
  if (rc) return -1;
  rc = sl__aio_wrap_future(rt, cf, out);
  sl_vdecref(rt, cf);
  return rc;
}

int sl__aio_set_default_executor(sl_rt *rt, sl_value executor) {
  sl_value m;
  if (!sl_is_obj(executor) || sl_vm_getattr(rt, executor, "submit", &m)) {
    if (rt->fatal) return -1;
    if (rt->exc) sl_err_clear(rt);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "executor must be ThreadPoolExecutor instance");
  }
  sl_vdecref(rt, m);
  if (sl_vm_getattr(rt, executor, "shutdown", &m)) return -1;
  sl_pool_set_default(rt, executor.u.o, m);
  sl_vdecref(rt, m);
  return 0;
}

/* wrap_future(future, *, loop=None): the one loop is the loop. */
static int aio_wrap_future(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"future", "loop"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "wrap_future", names, 2, 1, 1, a)) return -1;
  return sl__aio_wrap_future(rt, a[0], out);
}

const sl_cfunc_def sl__aio_wrap_future_def = {"wrap_future", aio_wrap_future, NULL, SL_CANON_LABEL};
