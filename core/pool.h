/* The simulated default executor: threads as a pool (DESIGN.md section 4).
 * Mirrors BaseEventLoop.run_in_executor(None, ...), futures.wrap_future /
 * _chain_future and shutdown_default_executor's _do_shutdown thread
 * (base_events.py, futures.py, concurrent/futures/thread.py).
 *
 * A function given to the pool runs whole, synchronously, in the engine,
 * when its job is due: `thread` seconds (a schedule decision, default 0)
 * after the submit. The selector runs the due jobs at the start of a
 * select (sl_pool_next_due, sl_pool_run_due): the default schedule is a
 * quiet machine's, where the worker finishes before the loop sleeps. A job
 * runs as in its thread: there is no running loop and time.sleep moves
 * nothing (sl_pool.in_thread). Its outcome reaches the loop as
 * _call_set_state delivers it: call_soon_threadsafe(_set_state,
 * destination, source), a handle named "chain_future.set_state F<k>"; the
 * destination future's first done callback is _call_check_cancel
 * ("chain_future.check_cancel F<k>"). Every worker starts its job at once
 * (no max_workers queue), so a job is running from its submit on and
 * cancelling the asyncio future never cancels it.
 *
 * Ownership: the pool is embedded in the loop and owns its jobs (the
 * function, the arguments, the futures); sl_pool_clear drops them. */
#ifndef SL_POOL_H
#define SL_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/object.h"

typedef struct sl_pool_job {
  double due;       /* virtual time at which the function runs */
  uint64_t seq;     /* submit order: breaks ties between equal dues */
  sl_value fn;      /* owned; SL_V_UNDEF: the _do_shutdown thread */
  sl_value *vals;   /* owned: positional then keyword argument values */
  sl_obj **kwnames; /* owned: the keyword arguments' names (str) */
  size_t npos, nkw;
  sl_obj *future;   /* owned: the asyncio future the outcome goes to; NULL:
                   * a concurrent.futures job, whose work item sets its own
                   * Future (its done callbacks reach the loop) */
  sl_obj *executor; /* owned: the ThreadPoolExecutor of a concurrent.futures
                     * job (shutdown(wait=False) runs its jobs); NULL: the
                     * simulated default executor */
} sl_pool_job;

typedef struct sl_pool {
  sl_pool_job *jobs; /* owned array, unordered */
  size_t n, cap;
  uint64_t seq;
  sl_obj *executor;      /* owned: set_default_executor's executor, or NULL */
  sl_value shutdown;     /* owned: its bound shutdown method (with executor) */
  bool default_executor; /* loop._default_executor is not None */
  bool shutdown_called;  /* loop._executor_shutdown_called */
  bool in_thread;        /* a job's function is running */
} sl_pool;

/* loop.run_in_executor(None, fn, *args) (and to_thread's **kwargs, all
 * borrowed): takes a `thread` decision, queues the job and sets *out to
 * the new asyncio future (wrap_future). 0, or -1 with an exception
 * (RuntimeError: the loop is closed, or its executor shut down). */
int sl_pool_run_in_executor(sl_rt *rt, sl_value fn, const sl_args *args, sl_value *out);
/* concurrent.futures.ThreadPoolExecutor.submit (SimPoolExecutor in the
 * oracle's pool.py): a `thread` decision, then a job calling `run` (the
 * work item, borrowed) with no argument, tagged with `executor`
 * (borrowed). 0 or -1. */
int sl_pool_submit(sl_rt *rt, sl_value run, sl_obj *executor);
/* shutdown(wait=False) of `executor`: its jobs run now, by (due, submit
 * order). 0 or -1 (fatal). */
int sl_pool_run_executor(sl_rt *rt, sl_obj *executor);
/* wrap_future's destination: a new asyncio future whose first done
 * callback is `check_cancel` (borrowed: _call_check_cancel bound to the
 * source), or NULL: the default executor's (its job runs: nothing to
 * cancel). NULL on error. */
sl_obj *sl_pool_new_destination(sl_rt *rt, sl_obj *check_cancel);
/* _call_set_state's call_soon_threadsafe(_set_state, dest, source) with
 * the source's outcome `v` (borrowed), `kind` 0 a result, 1 an exception,
 * 2 cancelled. Nothing when the loop is closed. 0 or -1. */
int sl_pool_set_state_soon(sl_rt *rt, sl_obj *dest, sl_value v, int kind);
/* loop.set_default_executor(executor), with its bound `shutdown` method
 * (both borrowed): loop.close() calls shutdown(False), the _do_shutdown
 * thread shutdown(True). */
void sl_pool_set_default(sl_rt *rt, sl_obj *executor, sl_value shutdown);
/* The _do_shutdown thread of shutdown_default_executor: due with the last
 * pending job, after it; then `fut` (borrowed) gets None through
 * call_soon_threadsafe (3.11: future.set_result; 3.12+:
 * _set_result_unless_cancelled). 0 or -1. */
int sl_pool_start_shutdown(sl_rt *rt, sl_obj *fut);
/* The earliest due time of a pending job; false when none is pending. */
bool sl_pool_next_due(sl_rt *rt, double *due);
/* Runs every job due by the loop's time, by (due, submit order). 0, or -1
 * on a fatal error. */
int sl_pool_run_due(sl_rt *rt);
/* loop.close(): executor.shutdown(wait=False): the workers finish their
 * jobs now, and nothing reaches the closed loop. 0 or -1 (fatal). */
int sl_pool_close(sl_rt *rt);
/* Drops every job (the run's teardown). */
void sl_pool_clear(sl_rt *rt, sl_pool *pool);
void sl_pool_release(sl_pool *pool);

#endif
