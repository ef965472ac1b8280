/* Mirrors Lib/asyncio/tasks.py wait_for() in both shapes: 3.11
 * (tasks.py:426@3.11.2: inner task, call_later(_release_waiter),
 * partial(_release_waiter) done callback, _cancel_and_wait) and 3.12+
 * (tasks.py:472-520@3.12.1: `async with timeouts.timeout(timeout): return
 * await fut`). timeout <= 0 takes the _cancel_and_wait path everywhere. */
#include "core/long.h"
#include "core/wait_for.h"

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/sync-int.h"
#include "core/task.h"
#include "core/timeouts.h"
#include "core/wait.h"

/* ---- _cancel_and_wait ------------------------------------------------------ */

enum { CW_FUT, CW_WAITER, CW_CB };

/* waiter = create_future(); cb = partial(_release_waiter, waiter)
 * fut.add_done_callback(cb)
 * try: fut.cancel(); await waiter
 * finally: fut.remove_done_callback(cb) */
static sl_coro_status caw_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_obj *fut = co->slots[CW_FUT].u.o;
  if (co->pc == 0) {
    sl_obj *waiter = sl_future_new(rt);
    if (!waiter) return SL_CORO_ERROR;
    co->slots[CW_WAITER] = sl_obj_val(waiter);
    sl_obj *cb = sl_release_waiter_partial(rt, waiter);
    if (!cb) return SL_CORO_ERROR;
    co->slots[CW_CB] = sl_obj_val(cb);
    if (sl_future_add_done_callback(rt, fut, co->slots[CW_CB])) return SL_CORO_ERROR;
    if (sl_future_cancel(rt, fut, sl_none()) < 0) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[CW_WAITER], 1, out);
  }
  if (co->failed && rt->fatal) return SL_CORO_ERROR;
  sl_obj *exc = co->failed ? sl_err_fetch(rt) : NULL;
  if (sl_future_remove_done_callback(rt, fut, co->slots[CW_CB]) < 0) {
    sl_decref(rt, exc);
    return SL_CORO_ERROR;
  }
  if (exc) {
    sl_err_restore(rt, exc);
    return SL_CORO_ERROR;
  }
  *out = sl_ccoro_take_result(co);
  return SL_CORO_RETURN;
}

static const sl_ccoro_def caw_def = {"_cancel_and_wait", caw_resume, NULL};

sl_obj *sl_cancel_and_wait(sl_rt *rt, sl_obj *fut) {
  sl_value self = sl_obj_val(fut);
  return sl_ccoro_new(rt, &caw_def, &self, 1);
}

/* ---- wait_for ------------------------------------------------------------------ */

/* Slots. The 3.11 path (waiter, timer, callback) and the 3.12+ path
 * (timeout() manager) never run in the same coroutine, so each path's own
 * names share a slot. */
enum {
  WF_ARG,              /* the awaitable passed in */
  WF_TIMEOUT,          /* the timeout passed in */
  WF_FUT,              /* 3.11 and timeout <= 0: ensure_future(arg) */
  WF_WAITER,           /* 3.11: the waiter future */
  WF_HANDLE,           /* 3.11: the timer handle */
  WF_CB,               /* 3.11: the done callback on fut */
  WF_SAVED,            /* see WF_EXC, WF_TM */
  WF_AW,               /* the coroutine being awaited (await_new) */
  WF_EXC = WF_SAVED,   /* 3.11: the exception to re-raise after cancelling */
  WF_TM = WF_SAVED,    /* 3.12+: the timeout() manager */
  WF_OUTCOME = WF_FUT, /* 3.12+: `await fut`'s result, or the exception it raised */
};
enum {
  WF_START,
  Z_WAITED,    /* timeout <= 0: after _cancel_and_wait */
  N_DONE,      /* 3.11, timeout None: after `await fut` */
  S_WOKEN,     /* 3.11: after `await waiter` */
  S_CANCELLED, /* 3.11: after _cancel_and_wait in the except branch */
  S_TIMED_OUT, /* 3.11: after _cancel_and_wait on timeout */
  T_ENTERED,   /* 3.12+: after timeout.__aenter__ */
  T_DONE,      /* 3.12+: after `await fut` */
  T_EXITED,    /* 3.12+: after timeout.__aexit__ */
};

/* Awaits the coroutine object `co2` (steals it), continuing at next_pc. */
static sl_coro_status await_new(sl_rt *rt, sl_ccoro *co, sl_obj *co2, int next_pc, sl_value *out) {
  if (!co2) return SL_CORO_ERROR;
  sl_vset(rt, &co->slots[WF_AW], sl_obj_val(co2));
  return sl_ccoro_await(rt, co, co->slots[WF_AW], next_pc, out);
}

/* try: return fut.result()
 * except CancelledError as exc: raise TimeoutError() from exc */
static sl_coro_status result_or_timeout(sl_rt *rt, sl_obj *fut, sl_value *out) {
  if (sl_future_result(rt, fut, out) == 0) return SL_CORO_RETURN;
  if (!sl__pending_is_cancelled(rt)) return SL_CORO_ERROR;
  sl_obj *exc = sl_err_fetch(rt);
  sl_obj *te = sl_exc_new(rt, rt->classes[SL_EXC_TIMEOUT_ERROR], NULL, 0);
  if (!te) {
    sl_decref(rt, exc);
    return SL_CORO_ERROR;
  }
  sl_exc *e = sl_as_exc(te);
  e->cause = exc;
  sl_incref(exc);
  e->context = exc; /* steals the fetched reference */
  e->suppress_context = true;
  sl_err_restore_chained(rt, te); /* raised in `except CancelledError as exc` */
  return SL_CORO_ERROR;
}

static int timeout_value(sl_rt *rt, sl_value t, double *out) {
  t = sl_num_unbox(t);
  if (t.tag == SL_V_FLOAT)
    *out = t.u.f;
  else if (t.tag == SL_V_INT)
    *out = (double)t.u.i;
  else if (t.tag == SL_V_BOOL)
    *out = t.u.b;
  else
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'<=' not supported between instances of '%s' and 'int'",
                    sl_type_name(t));
  return 0;
}

static sl_coro_status take_result_return(sl_ccoro *co, sl_value *out) {
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_ccoro_take_result(co);
  return SL_CORO_RETURN;
}

static void cancel_handle(sl_rt *rt, sl_ccoro *co) {
  if (sl_is_obj(co->slots[WF_HANDLE])) sl_handle_cancel(rt, co->slots[WF_HANDLE].u.o);
}

static sl_coro_status wf_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  bool v312 = rt->profile->wait_for_uses_timeout;
  if (co->failed && rt->fatal) return SL_CORO_ERROR;
  switch (co->pc) {
  case WF_START: {
    sl_value timeout = co->slots[WF_TIMEOUT];
    double t = 0;
    if (!sl_is_none(timeout) && timeout_value(rt, timeout, &t)) return SL_CORO_ERROR;
    if (!sl_is_none(timeout) && t <= 0) {
      /* fut = ensure_future(fut); if fut.done(): return fut.result() */
      sl_obj *fut = sl_ensure_future(rt, co->slots[WF_ARG]);
      if (!fut) return SL_CORO_ERROR;
      co->slots[WF_FUT] = sl_obj_val(fut);
      if (sl_future_done(fut))
        return sl_future_result(rt, fut, out) ? SL_CORO_ERROR : SL_CORO_RETURN;
      return await_new(rt, co, sl_cancel_and_wait(rt, fut), Z_WAITED, out);
    }
    if (v312) {
      sl_obj *tm = sl_timeout_after(rt, timeout);
      if (!tm) return SL_CORO_ERROR;
      co->slots[WF_TM] = sl_obj_val(tm);
      return await_new(rt, co, sl_timeout_aenter(rt, tm), T_ENTERED, out);
    }
    if (sl_is_none(timeout)) return sl_ccoro_await(rt, co, co->slots[WF_ARG], N_DONE, out);
    /* 3.11: waiter, timer, partial callback, inner task. */
    sl_obj *waiter = sl_future_new(rt);
    if (!waiter) return SL_CORO_ERROR;
    co->slots[WF_WAITER] = sl_obj_val(waiter);
    sl_obj *fn = sl_release_waiter_fn(rt);
    sl_value warg = co->slots[WF_WAITER];
    sl_obj *h = fn ? sl_loop_call_later(rt, t, sl_obj_val(fn), &warg, 1) : NULL;
    sl_decref(rt, fn);
    if (!h) return SL_CORO_ERROR;
    co->slots[WF_HANDLE] = sl_obj_val(h);
    sl_obj *cb = sl_release_waiter_partial(rt, waiter);
    if (!cb) return SL_CORO_ERROR;
    co->slots[WF_CB] = sl_obj_val(cb);
    sl_obj *fut = sl_ensure_future(rt, co->slots[WF_ARG]);
    if (!fut) {
      cancel_handle(rt, co);
      return SL_CORO_ERROR;
    }
    co->slots[WF_FUT] = sl_obj_val(fut);
    if (sl_future_add_done_callback(rt, fut, co->slots[WF_CB])) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[WF_WAITER], S_WOKEN, out);
  }
  case Z_WAITED:
    if (co->failed) return SL_CORO_ERROR;
    return result_or_timeout(rt, co->slots[WF_FUT].u.o, out);
  case N_DONE: return take_result_return(co, out);
  case S_WOKEN: {
    sl_obj *fut = co->slots[WF_FUT].u.o;
    if (co->failed) {
      if (!sl__pending_is_cancelled(rt)) {
        cancel_handle(rt, co);
        return SL_CORO_ERROR;
      }
      /* except CancelledError: if fut.done(): return fut.result()
       * else: remove cb; await _cancel_and_wait(fut); raise */
      sl_obj *exc = sl_err_fetch(rt);
      if (sl_future_done(fut)) {
        sl_decref(rt, exc);
        cancel_handle(rt, co);
        return sl_future_result(rt, fut, out) ? SL_CORO_ERROR : SL_CORO_RETURN;
      }
      co->slots[WF_EXC] = sl_obj_val(exc);
      if (sl_future_remove_done_callback(rt, fut, co->slots[WF_CB]) < 0) return SL_CORO_ERROR;
      return await_new(rt, co, sl_cancel_and_wait(rt, fut), S_CANCELLED, out);
    }
    if (sl_future_done(fut)) {
      cancel_handle(rt, co);
      return sl_future_result(rt, fut, out) ? SL_CORO_ERROR : SL_CORO_RETURN;
    }
    if (sl_future_remove_done_callback(rt, fut, co->slots[WF_CB]) < 0) return SL_CORO_ERROR;
    return await_new(rt, co, sl_cancel_and_wait(rt, fut), S_TIMED_OUT, out);
  }
  case S_CANCELLED:
    cancel_handle(rt, co); /* finally: timeout_handle.cancel() */
    if (co->failed) return SL_CORO_ERROR;
    sl_incref(co->slots[WF_EXC].u.o);
    sl_err_restore(rt, co->slots[WF_EXC].u.o); /* raise */
    return SL_CORO_ERROR;
  case S_TIMED_OUT:
    cancel_handle(rt, co);
    if (co->failed) return SL_CORO_ERROR;
    return result_or_timeout(rt, co->slots[WF_FUT].u.o, out);
  case T_ENTERED: {
    if (co->failed) return SL_CORO_ERROR;
    sl_value tm = sl_ccoro_take_result(co);
    sl_vdecref(rt, tm);
    return sl_ccoro_await(rt, co, co->slots[WF_ARG], T_DONE, out); /* return await fut */
  }
  case T_DONE: {
    sl_obj *tm = co->slots[WF_TM].u.o;
    sl_value et = sl_none(), ev = sl_none();
    if (co->failed) {
      /* The exception goes to __aexit__ and is kept to re-raise. */
      sl_obj *exc = sl_err_fetch(rt);
      et = sl_obj_val(sl_as_exc(exc)->cls);
      ev = sl_obj_val(exc);
      co->slots[WF_OUTCOME] = ev; /* owned by the slot */
    } else {
      co->slots[WF_OUTCOME] = sl_ccoro_take_result(co);
    }
    co->local.wait_for_body_raised = co->failed;
    return await_new(rt, co, sl_timeout_aexit(rt, tm, et, ev), T_EXITED, out);
  }
  case T_EXITED:
    if (co->failed) return SL_CORO_ERROR;
    {
      sl_value ignored = sl_ccoro_take_result(co);
      sl_vdecref(rt, ignored);
    }
    if (co->local.wait_for_body_raised) { /* __aexit__ returned None: the exception propagates */
      sl_obj *exc = co->slots[WF_OUTCOME].u.o;
      sl_incref(exc);
      sl_err_restore(rt, exc);
      return SL_CORO_ERROR;
    }
    *out = sl_vincref(co->slots[WF_OUTCOME]);
    return SL_CORO_RETURN;
  }
  return SL_CORO_ERROR;
}

/* The await of tasks.py's wait_for the frame stands at, numbered as
 * oracle/tools/pysource_coro.py lists them. */
static int wf_suspended_at(const sl_ccoro *co) {
  switch (co->pc) {
  case N_DONE:
  case T_DONE: return 1;      /* await fut */
  case Z_WAITED: return 2;    /* timeout <= 0: await _cancel_and_wait(fut) */
  case S_WOKEN: return 3;     /* await waiter */
  case S_CANCELLED: return 4; /* except CancelledError: await _cancel_and_wait */
  case S_TIMED_OUT: return 5; /* timed out: await _cancel_and_wait */
  default: return 6;          /* async with timeouts.timeout(timeout) */
  }
}

static const sl_ccoro_def wait_for_def = {"wait_for", wf_resume, wf_suspended_at};

sl_obj *sl_wait_for(sl_rt *rt, sl_value fut, sl_value timeout) {
  sl_value slots[2] = {fut, timeout};
  return sl_ccoro_new(rt, &wait_for_def, slots, 2);
}
