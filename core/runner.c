/* asyncio.run (see runner.h). The shutdown iterations are part of the
 * trace, so they are reproduced exactly: cancel the remaining tasks and
 * gather them, then shutdown_asyncgens() and shutdown_default_executor(),
 * each a task of its own run by run_until_complete. */
#include "core/runner.h"

#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/gather.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/task.h"
#include "core/timeouts.h"
#include "core/tuple.h"

enum { EX_TIMEOUT, EX_FUTURE, EX_TM, EX_AW, EX_OUTCOME };
enum { EX_START, EX_ENTERED, EX_DONE, EX_EXITED };

/* Awaits the new coroutine `co2` (stolen), continuing at next_pc. */
static sl_coro_status ex_await_new(sl_rt *rt, sl_ccoro *co, sl_obj *co2, int next_pc,
                                   sl_value *out) {
  if (!co2) return SL_CORO_ERROR;
  sl_vset(rt, &co->slots[EX_AW], sl_obj_val(co2));
  return sl_ccoro_await(rt, co, co->slots[EX_AW], next_pc, out);
}

/* BaseEventLoop.shutdown_default_executor(timeout=None) over the simulated
 * pool (core/pool.h):
 *     self._executor_shutdown_called = True
 *     if self._default_executor is None: return
 *     future = self.create_future()
 *     thread = threading.Thread(target=self._do_shutdown, args=(future,))
 *     thread.start()
 *     await future                        # 3.11
 *     async with timeouts.timeout(timeout): await future     # 3.12+
 * A timeout that expires (a job running for longer) is not simulated: its
 * TimeoutError propagates instead of CPython's warning. */
static sl_coro_status shutdown_executor(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  *out = sl_none();
  sl_pool *pool = &rt->loop->pool;
  switch (co->pc) {
  case EX_START: {
    pool->shutdown_called = true;
    if (!pool->default_executor) return SL_CORO_RETURN;
    sl_obj *fut = sl_future_new(rt);
    if (!fut) return SL_CORO_ERROR;
    co->slots[EX_FUTURE] = sl_obj_val(fut);
    if (sl_pool_start_shutdown(rt, fut)) return SL_CORO_ERROR;
    if (!rt->profile->shutdown_executor_timeout)
      return sl_ccoro_await(rt, co, co->slots[EX_FUTURE], EX_EXITED, out);
    sl_obj *tm = sl_timeout_after(rt, co->slots[EX_TIMEOUT]);
    if (!tm) return SL_CORO_ERROR;
    co->slots[EX_TM] = sl_obj_val(tm);
    return ex_await_new(rt, co, sl_timeout_aenter(rt, tm), EX_ENTERED, out);
  }
  case EX_ENTERED:
    if (co->failed) return SL_CORO_ERROR;
    sl_vdecref(rt, sl_ccoro_take_result(co));
    return sl_ccoro_await(rt, co, co->slots[EX_FUTURE], EX_DONE, out);
  case EX_DONE: {
    sl_value et = sl_none(), ev = sl_none();
    if (co->failed) { /* the exception goes to __aexit__ and is kept */
      sl_obj *exc = sl_err_fetch(rt);
      et = sl_obj_val(sl_as_exc(exc)->cls);
      ev = sl_obj_val(exc);
      co->slots[EX_OUTCOME] = ev; /* owned by the slot */
    } else {
      sl_vdecref(rt, sl_ccoro_take_result(co));
    }
    return ex_await_new(rt, co, sl_timeout_aexit(rt, co->slots[EX_TM].u.o, et, ev), EX_EXITED, out);
  }
  case EX_EXITED:
    if (co->failed) return SL_CORO_ERROR;
    sl_vdecref(rt, sl_ccoro_take_result(co));
    if (co->slots[EX_OUTCOME].tag == SL_V_OBJ) { /* __aexit__ let it through */
      sl_obj *exc = co->slots[EX_OUTCOME].u.o;
      sl_incref(exc);
      sl_err_restore(rt, exc);
      return SL_CORO_ERROR;
    }
    return SL_CORO_RETURN;
  }
  return SL_CORO_ERROR;
}

/* BaseEventLoop.shutdown_asyncgens: gathers the aclose() of every async
 * generator the loop's firstiter hook registered that has not finished
 * (return_exceptions=True; each becomes a Task, as ensure_future makes
 * one of an aclose() awaitable, which asyncio sees as a coroutine). */
static sl_coro_status shutdown_asyncgens(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  *out = sl_none();
  if (co->pc == 1) {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    return co->failed ? SL_CORO_ERROR : SL_CORO_RETURN;
  }
  if (!rt->lang_asyncgen_closers) return SL_CORO_RETURN;
  sl_obj *closers = rt->lang_asyncgen_closers(rt);
  if (!closers) return SL_CORO_ERROR;
  sl_list *l = sl_as_list(closers);
  if (l->len == 0) {
    sl_decref(rt, closers);
    return SL_CORO_RETURN;
  }
  sl_obj *gathered = sl_gather(rt, l->items, l->len, true);
  sl_decref(rt, closers);
  if (!gathered) return SL_CORO_ERROR;
  sl_coro_status st = sl_ccoro_await(rt, co, sl_obj_val(gathered), 1, out);
  sl_decref(rt, gathered);
  return st;
}

static const sl_ccoro_def shutdown_asyncgens_def = {"BaseEventLoop.shutdown_asyncgens",
                                                    shutdown_asyncgens, NULL};
static const sl_ccoro_def shutdown_executor_def = {"BaseEventLoop.shutdown_default_executor",
                                                   shutdown_executor, NULL};

sl_obj *sl_runner_shutdown_coro(sl_rt *rt, bool executor, sl_value timeout) {
  if (!executor) return sl_ccoro_new(rt, &shutdown_asyncgens_def, NULL, 0);
  return sl_ccoro_new(rt, &shutdown_executor_def, &timeout, 1);
}

/* loop.run_until_complete(coro) for a coroutine we create. */
static int run_coro(sl_rt *rt, sl_obj *coro) {
  if (!coro) return -1;
  sl_obj *task = sl_loop_create_task(rt, coro, NULL);
  sl_decref(rt, coro);
  if (!task) return -1;
  sl_value result = sl_none();
  int rc = sl_loop_run_until_complete(rt, task, &result);
  sl_vdecref(rt, result);
  sl_decref(rt, task);
  return rc;
}

/* runners._cancel_all_tasks */
static int cancel_all_tasks(sl_rt *rt) {
  sl_obj *to_cancel = sl_task_all(rt);
  if (!to_cancel) return -1;
  sl_list *list = sl_as_list(to_cancel);
  int rc = 0;
  if (list->len == 0) goto done;
  for (size_t i = 0; i < list->len; i++)
    if (sl_task_cancel(rt, list->items[i].u.o, sl_none()) < 0) goto fail;
  sl_obj *gathered = sl_gather(rt, list->items, list->len, true);
  if (!gathered) goto fail;
  sl_value ignored = sl_none();
  rc = sl_loop_run_until_complete(rt, gathered, &ignored);
  sl_vdecref(rt, ignored);
  sl_decref(rt, gathered);
  if (rc) goto fail;
  for (size_t i = 0; i < list->len; i++) {
    sl_obj *task = list->items[i].u.o;
    if (sl_future_cancelled(task)) continue;
    sl_obj *exc = NULL;
    if (sl_future_exception(rt, task, &exc)) goto fail;
    if (exc)
      sl_loop_call_exception_handler_ctx(rt, "unhandled exception during asyncio.run() shutdown",
                                         exc, "task", task);
    sl_decref(rt, exc);
  }
done:
  sl_decref(rt, to_cancel);
  return rc;
fail:
  sl_decref(rt, to_cancel);
  return -1;
}

int sl_runner_close(sl_rt *rt) {
  if (cancel_all_tasks(rt)) return -1;
  if (run_coro(rt, sl_ccoro_new(rt, &shutdown_asyncgens_def, NULL, 0))) return -1;
  /* 3.12+: loop.shutdown_default_executor(constants.THREAD_JOIN_TIMEOUT) */
  sl_value timeout = rt->profile->shutdown_executor_timeout ? sl_int(300) : sl_none();
  if (run_coro(rt, sl_ccoro_new(rt, &shutdown_executor_def, &timeout, 1))) return -1;
  return sl_loop_close(rt);
}

int sl_asyncio_run(sl_rt *rt, sl_obj *coro, sl_value *out) {
  *out = sl_none();
  sl_obj *task = sl_loop_create_task(rt, coro, NULL);
  if (!task) return -1;
  int rc = sl_loop_run_until_complete(rt, task, out);
  sl_decref(rt, task);
  if (rt->fatal) return -1;
  /* `with Runner(...)`: close() runs whatever main did; main's exception
   * wins unless closing itself fails. */
  sl_obj *main_exc = sl_err_fetch(rt);
  if (sl_runner_close(rt)) {
    sl_decref(rt, main_exc);
    sl_vset(rt, out, sl_none());
    return -1;
  }
  if (main_exc) return sl_err_restore(rt, main_exc);
  return rc;
}
