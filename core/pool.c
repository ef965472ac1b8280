/* The simulated default executor (see pool.h). Mirrors base_events.py's
 * run_in_executor and _do_shutdown, futures.py's wrap_future and
 * _chain_future (_set_state, _call_check_cancel, _call_set_state), and
 * concurrent/futures/thread.py's _WorkItem.run. */
#include "core/pool.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/sleep.h"

/* _chain_future's _set_state(destination, source) with the source's
 * outcome as arguments: (destination, value, is_exception). The copy is
 * _copy_future_state: nothing when the destination was cancelled. */
static int set_state(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  *out = sl_none();
  sl_obj *dest = args->pos[0].u.o;
  if (sl_future_done(dest)) return 0;
  if (args->pos[2].u.b) return sl_future_set_exception(rt, dest, args->pos[1]);
  return sl_future_set_result(rt, dest, args->pos[1]);
}

static const sl_cfunc_def set_state_def = {"_chain_future.<locals>._set_state", set_state,
                                           "chain_future.set_state", SL_CANON_ARG0};

/* _call_check_cancel(destination): source.cancel() when the destination
 * was cancelled, which fails on a running job: nothing to do. */
static int check_cancel(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)rt, (void)self, (void)args;
  *out = sl_none();
  return 0;
}

static const sl_cfunc_def check_cancel_def = {"_chain_future.<locals>._call_check_cancel",
                                              check_cancel, "chain_future.check_cancel",
                                              SL_CANON_ARG0};

/* 3.11's _do_shutdown: call_soon_threadsafe(future.set_result, None). */
static int future_set_result(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  *out = sl_none();
  return sl_future_set_result(rt, self.u.o, args->npos ? args->pos[0] : sl_none());
}

static const sl_cfunc_def future_set_result_def = {"Future.set_result", future_set_result, NULL,
                                                   SL_CANON_LABEL};

/* _copy_future_state of a cancelled source: the destination is cancelled. */
static int set_state_cancel(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  *out = sl_none();
  sl_obj *dest = args->pos[0].u.o;
  if (sl_future_done(dest)) return 0;
  return sl_future_cancel_base(rt, dest, sl_none()) < 0 ? -1 : 0;
}

static const sl_cfunc_def set_state_cancel_def = {
    "_chain_future.<locals>._set_state", set_state_cancel, "chain_future.set_state", SL_CANON_ARG0};

static void job_free(sl_rt *rt, sl_pool_job *j) {
  sl_vdecref(rt, j->fn);
  for (size_t i = 0; i < j->npos + j->nkw; i++) sl_vdecref(rt, j->vals[i]);
  for (size_t i = 0; i < j->nkw; i++) sl_decref(rt, j->kwnames[i]);
  sl_free(j->vals);
  sl_free(j->kwnames);
  sl_decref(rt, j->future);
  sl_decref(rt, j->executor);
}

/* Appends a job (references taken on everything); 0 or -1 (no memory). */
static int push_job(sl_rt *rt, double due, sl_value fn, const sl_args *args, sl_obj *future,
                    sl_obj *executor) {
  sl_pool *pool = &rt->loop->pool;
  if (pool->n == pool->cap) {
    size_t cap = pool->cap ? pool->cap * 2 : 4;
    sl_pool_job *nj = sl_realloc(pool->jobs, cap * sizeof *nj);
    if (!nj) return sl_nomem(rt);
    pool->jobs = nj;
    pool->cap = cap;
  }
  sl_pool_job j = {due, ++pool->seq, fn, NULL, NULL, 0, 0, future, executor};
  if (args) {
    size_t nv = args->npos + args->nkw;
    j.vals = nv ? sl_malloc(nv * sizeof *j.vals) : NULL;
    j.kwnames = args->nkw ? sl_malloc(args->nkw * sizeof *j.kwnames) : NULL;
    if ((nv && !j.vals) || (args->nkw && !j.kwnames)) {
      sl_free(j.vals);
      sl_free(j.kwnames);
      return sl_nomem(rt);
    }
    for (size_t i = 0; i < args->npos; i++) j.vals[i] = args->pos[i];
    for (size_t i = 0; i < args->nkw; i++) {
      j.vals[args->npos + i] = args->kwvals[i];
      j.kwnames[i] = args->kwnames[i];
      sl_incref(j.kwnames[i]);
    }
    for (size_t i = 0; i < nv; i++) sl_vincref(j.vals[i]);
    j.npos = args->npos;
    j.nkw = args->nkw;
  }
  sl_vincref(fn);
  sl_incref(future);
  sl_incref(executor);
  pool->jobs[pool->n++] = j;
  return 0;
}

static double thread_decision(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  return loop->selector.thread ? loop->selector.thread(loop->selector.ctx, rt) : 0.0;
}

/* wrap_future's destination: a new asyncio future whose first done
 * callback is _call_check_cancel (bound to `source`, or the default
 * executor's running job: nothing to cancel). NULL on error. */
sl_obj *sl_pool_new_destination(sl_rt *rt, sl_obj *check_cancel) {
  sl_obj *dest = sl_future_new(rt);
  if (!dest) return NULL;
  sl_obj *cb = check_cancel ? check_cancel : sl_cfunc_new(rt, &check_cancel_def, sl_undef());
  int rc = cb ? sl_future_add_done_callback(rt, dest, sl_obj_val(cb)) : -1;
  if (!check_cancel) sl_decref(rt, cb);
  if (rc) sl_decref(rt, dest);
  return rc ? NULL : dest;
}

int sl_pool_run_in_executor(sl_rt *rt, sl_value fn, const sl_args *args, sl_value *out) {
  sl_loop *loop = rt->loop;
  if (loop->closed) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
  /* _check_default_executor */
  if (loop->pool.shutdown_called)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Executor shutdown has been called");
  /* executor.submit(func, *args): the decision, then wrap_future. */
  double delay = thread_decision(rt);
  if (rt->fatal) return -1;
  sl_obj *dest = sl_pool_new_destination(rt, NULL);
  if (!dest) return -1;
  if (push_job(rt, sl_loop_time(rt) + delay, fn, args, dest, NULL)) {
    sl_decref(rt, dest);
    return -1;
  }
  loop->pool.default_executor = true;
  *out = sl_obj_val(dest);
  return 0;
}

int sl_pool_start_shutdown(sl_rt *rt, sl_obj *fut) {
  sl_pool *pool = &rt->loop->pool;
  double due = sl_loop_time(rt);
  for (size_t i = 0; i < pool->n; i++)
    if (pool->jobs[i].due > due) due = pool->jobs[i].due;
  return push_job(rt, due, sl_undef(), NULL, fut, NULL);
}

int sl_pool_submit(sl_rt *rt, sl_value run, sl_obj *executor) {
  double delay = thread_decision(rt);
  if (rt->fatal) return -1;
  return push_job(rt, sl_loop_time(rt) + delay, run, NULL, NULL, executor);
}

int sl_pool_set_state_soon(sl_rt *rt, sl_obj *dest, sl_value v, int kind) {
  if (rt->loop->closed) return 0;
  sl_obj *fn = sl_cfunc_new(rt, kind == 2 ? &set_state_cancel_def : &set_state_def, sl_undef());
  if (!fn) return -1;
  sl_value a[3] = {sl_obj_val(dest), v, sl_bool(kind == 1)};
  int rc = sl_loop_call_soon0(rt, sl_obj_val(fn), a, 3);
  sl_decref(rt, fn);
  return rc;
}

void sl_pool_set_default(sl_rt *rt, sl_obj *executor, sl_value shutdown) {
  sl_pool *pool = &rt->loop->pool;
  sl_incref(executor);
  sl_vincref(shutdown);
  sl_decref(rt, pool->executor);
  sl_vdecref(rt, pool->shutdown);
  pool->executor = executor;
  pool->shutdown = shutdown;
  pool->default_executor = true;
}

bool sl_pool_next_due(sl_rt *rt, double *due) {
  sl_pool *pool = &rt->loop->pool;
  for (size_t i = 0; i < pool->n; i++)
    if (i == 0 || pool->jobs[i].due < *due) *due = pool->jobs[i].due;
  return pool->n > 0;
}

/* Index of the first job due by `now` in (due, seq) order, of `executor`
 * unless `any`; -1: none. */
static long first_due_of(const sl_pool *pool, double now, bool any, const sl_obj *executor) {
  long best = -1;
  for (size_t i = 0; i < pool->n; i++) {
    const sl_pool_job *j = &pool->jobs[i];
    if (j->due > now || (!any && j->executor != executor)) continue;
    if (best < 0 || j->due < pool->jobs[best].due ||
        (j->due == pool->jobs[best].due && j->seq < pool->jobs[best].seq))
      best = (long)i;
  }
  return best;
}

static long first_due(const sl_pool *pool, double now) {
  return first_due_of(pool, now, true, NULL);
}

/* The outcome of the job reaches the loop: _call_set_state, or
 * _do_shutdown's call_soon_threadsafe. A closed loop gets nothing. */
static int deliver(sl_rt *rt, sl_pool_job *j, int rc, sl_value result) {
  sl_loop *loop = rt->loop;
  if (loop->closed || !j->future) return 0;
  if (j->fn.tag == SL_V_UNDEF) {
    sl_value none = sl_none();
    if (rt->profile->shutdown_executor_timeout) {
      sl_obj *fn = sl_set_result_unless_cancelled_fn(rt);
      if (!fn) return -1;
      sl_value a[2] = {sl_obj_val(j->future), none};
      int r = sl_loop_call_soon0(rt, sl_obj_val(fn), a, 2);
      sl_decref(rt, fn);
      return r;
    }
    sl_obj *fn = sl_cfunc_new(rt, &future_set_result_def, sl_obj_val(j->future));
    if (!fn) return -1;
    int r = sl_loop_call_soon0(rt, sl_obj_val(fn), &none, 1);
    sl_decref(rt, fn);
    return r;
  }
  sl_obj *exc = rc ? sl_err_fetch(rt) : NULL;
  sl_obj *fn = sl_cfunc_new(rt, &set_state_def, sl_undef());
  int r = -1;
  if (fn) {
    sl_value a[3] = {sl_obj_val(j->future), exc ? sl_obj_val(exc) : result, sl_bool(exc != NULL)};
    r = sl_loop_call_soon0(rt, sl_obj_val(fn), a, 3);
    sl_decref(rt, fn);
  }
  sl_decref(rt, exc);
  return r;
}

/* Runs job `i` (removed from the pool first) as its thread would. */
static int run_job(sl_rt *rt, size_t i) {
  sl_pool *pool = &rt->loop->pool;
  sl_pool_job j = pool->jobs[i];
  pool->jobs[i] = pool->jobs[--pool->n];
  int rc = 0;
  sl_value result = sl_none();
  bool was = pool->in_thread;
  sl_task *task = rt->loop->current_task; /* shutdown(wait=False) from a task */
  pool->in_thread = true;
  rt->loop->current_task = NULL; /* a thread runs no task */
  if (j.fn.tag != SL_V_UNDEF) {
    sl_args a = {j.vals, j.npos, j.vals + j.npos, j.kwnames, j.nkw};
    rc = sl_call(rt, j.fn, &a, &result);
  } else if (pool->executor) {
    /* _do_shutdown: self._default_executor.shutdown(wait=True) */
    sl_value t = sl_bool(true);
    sl_args a = {&t, 1, NULL, NULL, 0};
    rc = sl_call(rt, pool->shutdown, &a, &result);
    if (rc == 0) sl_vdecref(rt, result);
    result = sl_none();
  }
  pool->in_thread = was;
  rt->loop->current_task = task;
  int out = rt->fatal ? -1 : deliver(rt, &j, rc, result);
  if (rc == 0) sl_vdecref(rt, result);
  if (rt->exc && !rt->fatal) sl_err_clear(rt); /* a closed loop drops the outcome */
  job_free(rt, &j);
  return rt->fatal ? -1 : out;
}

int sl_pool_run_due(sl_rt *rt) {
  for (;;) {
    long i = first_due(&rt->loop->pool, sl_loop_time(rt));
    if (i < 0) return 0;
    if (run_job(rt, (size_t)i)) return -1;
  }
}

int sl_pool_run_executor(sl_rt *rt, sl_obj *executor) {
  for (;;) {
    long i = first_due_of(&rt->loop->pool, HUGE_VAL, false, executor);
    if (i < 0) return 0;
    if (run_job(rt, (size_t)i)) return -1;
  }
}

int sl_pool_close(sl_rt *rt) {
  sl_pool *pool = &rt->loop->pool;
  pool->shutdown_called = false;
  if (!pool->default_executor) return 0;
  pool->default_executor = false;
  if (pool->executor) {
    /* executor.shutdown(wait=False) of set_default_executor's executor */
    sl_value m = pool->shutdown, f = sl_bool(false), r;
    sl_decref(rt, pool->executor);
    pool->executor = NULL;
    pool->shutdown = sl_undef();
    sl_args a = {&f, 1, NULL, NULL, 0};
    int rc = sl_call(rt, m, &a, &r);
    sl_vdecref(rt, m);
    if (rc) return -1;
    sl_vdecref(rt, r);
    return 0;
  }
  return sl_pool_run_executor(rt, NULL);
}

void sl_pool_clear(sl_rt *rt, sl_pool *pool) {
  while (pool->n) job_free(rt, &pool->jobs[--pool->n]);
  sl_decref(rt, pool->executor);
  sl_vdecref(rt, pool->shutdown);
  pool->executor = NULL;
  pool->shutdown = sl_undef();
}

void sl_pool_release(sl_pool *pool) {
  sl_free(pool->jobs);
  memset(pool, 0, sizeof *pool);
}
