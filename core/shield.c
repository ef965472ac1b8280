/* Mirrors Lib/asyncio/tasks.py shield() and, for 3.14 (profile switch
 * shield_awaited_by_callbacks, tasks.py:911-1004@3.14.2), its
 * _clear_awaited_by_callback and the module-level _log_on_exception.
 * The closures are cfuncs: _inner_done_callback bound to outer,
 * _outer_done_callback bound to inner. */
#include "core/shield.h"

#include "core/cfunc.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/strbuf.h"
#include "core/task.h"

/* shield.<locals>._inner_done_callback(inner); self is outer. */
static int inner_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_obj *outer = self.u.o, *inner = args->pos[0].u.o;
  if (sl_future_cancelled(outer)) {
    /* ≤3.13: "Mark inner's result as retrieved." (3.14 leaves that to
     * _log_on_exception). */
    if (!rt->profile->shield_awaited_by_callbacks && !sl_future_cancelled(inner))
      sl_as_future(inner)->log_traceback = false;
    return 0;
  }
  if (sl_future_cancelled(inner)) return sl_future_cancel(rt, outer, sl_none()) < 0 ? -1 : 0;
  sl_obj *exc = NULL;
  if (sl_future_exception(rt, inner, &exc)) return -1;
  if (exc) {
    int rc = sl_future_set_exception(rt, outer, sl_obj_val(exc));
    sl_decref(rt, exc);
    return rc;
  }
  sl_value result;
  if (sl_future_result(rt, inner, &result)) return -1;
  int rc = sl_future_set_result(rt, outer, result);
  sl_vdecref(rt, result);
  return rc;
}

/* 3.14 tasks._log_on_exception(fut) */
static int log_on_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_obj *fut = args->pos[0].u.o;
  if (sl_future_cancelled(fut)) return 0;
  sl_obj *exc = NULL;
  if (sl_future_exception(rt, fut, &exc)) return -1;
  if (!exc) return 0;
  sl_strbuf msg = SL_STRBUF_INIT;
  sl_strbuf_printf(&msg, "%s exception in shielded future", sl_exc_type_name(exc));
  sl_loop_call_exception_handler_ctx(rt, sl_strbuf_cstr(&msg), exc, "future", fut);
  sl_strbuf_free(&msg);
  sl_decref(rt, exc);
  return 0;
}

/* 3.14 _clear_awaited_by_callback(inner): the awaited-by graph is not
 * modelled; only the handle it costs is. */
static int clear_awaited_by(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return 0;
}

static const sl_cfunc_def inner_done_def = {"shield.<locals>._inner_done_callback", inner_done,
                                            "shield.inner_done", SL_CANON_ARG0};
static const sl_cfunc_def log_on_exception_def = {"_log_on_exception", log_on_exception,
                                                  "shield.log_on_exception", SL_CANON_ARG0};
static const sl_cfunc_def clear_awaited_by_def = {"shield.<locals>._clear_awaited_by_callback",
                                                  clear_awaited_by, "shield.clear_awaited_by",
                                                  SL_CANON_ARG0};

/* shield.<locals>._outer_done_callback(outer); self is inner. */
static int outer_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_obj *inner = self.u.o, *outer = args->pos[0].u.o;
  if (sl_future_done(inner)) return 0;
  sl_obj *cb = sl_cfunc_new(rt, &inner_done_def, sl_obj_val(outer));
  if (!cb) return -1;
  int64_t rc = sl_future_remove_done_callback(rt, inner, sl_obj_val(cb));
  sl_decref(rt, cb);
  if (rc < 0) return -1;
  if (!rt->profile->shield_awaited_by_callbacks) return 0;
  /* inner.remove_done_callback(_log_on_exception); inner.add_done_callback(...) */
  sl_obj *log = sl_cfunc_new(rt, &log_on_exception_def, sl_undef());
  if (!log) return -1;
  int r = sl_future_remove_done_callback(rt, inner, sl_obj_val(log)) < 0
              ? -1
              : sl_future_add_done_callback(rt, inner, sl_obj_val(log));
  sl_decref(rt, log);
  return r;
}

static const sl_cfunc_def outer_done_def = {"shield.<locals>._outer_done_callback", outer_done,
                                            "shield.outer_done", SL_CANON_ARG0};

sl_obj *sl_shield(sl_rt *rt, sl_value arg) {
  sl_obj *inner = sl_ensure_future(rt, arg);
  if (!inner) return NULL;
  if (sl_future_done(inner)) return inner;
  sl_obj *outer = sl_future_new(rt);
  sl_obj *icb = outer ? sl_cfunc_new(rt, &inner_done_def, sl_obj_val(outer)) : NULL;
  sl_obj *ocb = icb ? sl_cfunc_new(rt, &outer_done_def, sl_obj_val(inner)) : NULL;
  bool track = rt->profile->shield_awaited_by_callbacks && sl_task_current(rt);
  sl_obj *ccb = ocb && track ? sl_cfunc_new(rt, &clear_awaited_by_def, sl_obj_val(outer)) : NULL;
  int rc = (!ocb || (track && !ccb)) ? -1 : 0;
  /* 3.14: `if cur_task is not None: inner.add_done_callback(_clear_awaited_by_callback)`
   * comes before _inner_done_callback. */
  if (rc == 0 && ccb) rc = sl_future_add_done_callback(rt, inner, sl_obj_val(ccb));
  if (rc == 0) rc = sl_future_add_done_callback(rt, inner, sl_obj_val(icb));
  if (rc == 0) rc = sl_future_add_done_callback(rt, outer, sl_obj_val(ocb));
  sl_decref(rt, ccb);
  sl_decref(rt, ocb);
  sl_decref(rt, icb);
  sl_decref(rt, inner);
  if (rc) {
    sl_decref(rt, outer);
    return NULL;
  }
  return outer;
}
