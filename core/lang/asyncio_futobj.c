/* Methods of the engine's futures, tasks and handles as the scenario sees
 * them: Future and Task (mirrors the public methods of
 * Lib/asyncio/futures.py and tasks.py) and Handle/TimerHandle
 * (events.py). sl_asyncio_getattr (asyncio_objs.c) looks them up. */
#include <string.h>

#include "core/future.h"
#include "core/handle.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/task.h"

#define NOARGS(name)                                                                               \
  if (args->npos || args->nkw)                                                                     \
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no arguments (%zu given)", name,              \
                  args->npos + args->nkw)

/* The type a method of _asyncio's Future names in its messages: the
 * method descriptor's own (Task's table repeats Future's methods). */
static const char *fut_owner(sl_value self) { return sl_is_task(self) ? "Task" : "Future"; }

/* METH_NOARGS (Objects/methodobject.c): keywords refused first. */
static int fut_noargs(sl_rt *rt, sl_value self, const sl_args *args, const char *name) {
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.%s() takes no keyword arguments", fut_owner(self),
                    name);
  if (args->npos)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.%s() takes no arguments (%zu given)",
                    fut_owner(self), name, args->npos);
  return 0;
}

/* One positional-only argument: 3.11's METH_O, then (3.12+, with the
 * module state's defining_class) _PyArg_UnpackKeywords' texts. */
static int fut_arg1(sl_rt *rt, sl_value self, const sl_args *args, const char *name, sl_value *v) {
  if (rt->profile->minor < 12) {
    if (args->nkw)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.%s() takes no keyword arguments", fut_owner(self),
                      name);
    if (args->npos != 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.%s() takes exactly one argument (%zu given)",
                      fut_owner(self), name, args->npos);
  } else if (args->npos + args->nkw > 1) {
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes at most 1 argument (%zu given)", name,
                    args->npos + args->nkw);
  } else if (args->npos != 1) {
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly 1 positional argument (0 given)",
                    name);
  }
  *v = args->pos[0];
  return 0;
}

static int bind1(sl_rt *rt, const sl_args *args, const char *fname, const char *name, bool required,
                 sl_value *v) {
  const char *const names[] = {name};
  return sl_args_bind(rt, args, fname, names, 1, required ? 1 : 0, 1, v);
}

/* ---- Future ---------------------------------------------------------------- */

static int fut_result(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (fut_noargs(rt, self, args, "result")) return -1;
  return sl_future_result(rt, self.u.o, out);
}

static int fut_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  /* 3.12+: a clinic method with defining_class and no parameters. */
  if (rt->profile->minor >= 12 && (args->npos || args->nkw))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "exception() takes no arguments");
  if (fut_noargs(rt, self, args, "exception")) return -1;
  sl_obj *e = NULL;
  if (sl_future_exception(rt, self.u.o, &e)) return -1;
  *out = e ? sl_obj_val(e) : sl_none();
  return 0;
}

static int fut_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (fut_noargs(rt, self, args, "done")) return -1;
  *out = sl_bool(sl_future_done(self.u.o));
  return 0;
}

static int fut_cancelled(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (fut_noargs(rt, self, args, "cancelled")) return -1;
  *out = sl_bool(sl_future_cancelled(self.u.o));
  return 0;
}

/* cancel(msg=None)'s argument (_PyArg_UnpackKeywords' texts; 3.13+'s
 * unknown keyword is worded as a Python function's). */
static int fut_cancel_msg(sl_rt *rt, const sl_args *args, sl_value *msg) {
  if (args->npos + args->nkw > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "cancel() takes at most 1 argument (%zu given)",
                    args->npos + args->nkw);
  if (args->npos) {
    *msg = args->pos[0];
  } else if (args->nkw) {
    const char *kw = sl_str_cstr(args->kwnames[0]);
    if (strcmp(kw, "msg"))
      return rt->profile->minor < 13
                 ? sl_raise(rt, SL_EXC_TYPE_ERROR,
                            "'%s' is an invalid keyword argument for cancel()", kw)
                 : sl_raise(rt, SL_EXC_TYPE_ERROR,
                            "cancel() got an unexpected keyword argument '%s'", kw);
    *msg = args->kwvals[0];
  }
  return 0;
}

static int fut_cancel(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value msg = sl_none();
  if (fut_cancel_msg(rt, args, &msg)) return -1;
  int r = sl_future_cancel(rt, self.u.o, msg);
  if (r < 0) return -1;
  *out = sl_bool(r == 1);
  return 0;
}

static int fut_add_done_callback(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"fn", "context"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "add_done_callback", names, 2, 1, 1, a)) return -1;
  /* context=None: contextvars.copy_context(), once contexts are in use */
  sl_value ctx = sl_undef();
  if (!sl_is_undef(a[1]) && !sl_is_none(a[1]))
    ctx = sl_vincref(a[1]);
  else if (rt->context_copy && rt->context_copy(rt, &ctx))
    return -1;
  int rc = sl_future_add_done_callback_ctx(rt, self.u.o, a[0], ctx);
  sl_vdecref(rt, ctx);
  return rc;
}

static int fut_remove_done_callback(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value fn;
  if (fut_arg1(rt, self, args, "remove_done_callback", &fn)) return -1;
  int64_t n = sl_future_remove_done_callback(rt, self.u.o, fn);
  if (n < 0) return -1;
  *out = sl_int(n);
  return 0;
}

static int fut_set_result(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value v;
  if (fut_arg1(rt, self, args, "set_result", &v)) return -1;
  return sl_future_set_result(rt, self.u.o, v);
}

/* `fut.set_result(v)` as a statement (sl_cstmt_fn): no binding; a done
 * future's InvalidStateError, and every count's TypeError, are the plain
 * body's. */
static int fut_set_result_stmt(sl_rt *rt, sl_value *slots, int32_t argc) {
  if (argc != 1 || sl_future_done(slots[0].u.o)) return SL_CSTMT_PLAIN;
  int rc = sl_future_set_result(rt, slots[0].u.o, slots[1]);
  sl_vdecref(rt, slots[1]);
  return rc ? -1 : 0;
}

static int fut_set_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value v;
  if (fut_arg1(rt, self, args, "set_exception", &v)) return -1;
  if (sl_is_type(v, &sl_class_type)) {
    /* Instantiate through the VM so a user __init__ runs. */
    sl_value inst;
    sl_args none = {NULL, 0, NULL, NULL, 0};
    if (sl_vm_call(rt, v, &none, &inst)) return -1;
    int rc = sl_future_set_exception(rt, self.u.o, inst);
    sl_vdecref(rt, inst);
    return rc;
  }
  if (!sl_is_type(v, &sl_exc_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "exception must be an exception instance or class");
  return sl_future_set_exception(rt, self.u.o, v);
}

static int fut_get_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("get_loop");
  if (sl_asyncio_loop_object(rt, out)) return -1;
  sl_vincref(*out);
  return 0;
}

/* Future's methods, named after the class they are looked up on: CPython's
 * Task has its own copies (`Task.cancel`), which callback names show. */
#define SL_FUTURE_METHODS(CLS)                                                                     \
  {CLS ".result", fut_result, NULL, SL_CANON_LABEL},                                               \
      {CLS ".exception", fut_exception, NULL, SL_CANON_LABEL},                                     \
      {CLS ".done", fut_done, NULL, SL_CANON_LABEL},                                               \
      {CLS ".cancelled", fut_cancelled, NULL, SL_CANON_LABEL},                                     \
      {CLS ".cancel", fut_cancel, NULL, SL_CANON_LABEL},                                           \
      {CLS ".add_done_callback", fut_add_done_callback, NULL, SL_CANON_LABEL},                     \
      {CLS ".remove_done_callback", fut_remove_done_callback, NULL, SL_CANON_LABEL},               \
      {CLS ".set_result", fut_set_result, NULL, SL_CANON_LABEL, .stmt = fut_set_result_stmt},      \
      {CLS ".set_exception", fut_set_exception, NULL, SL_CANON_LABEL},                             \
      {CLS ".__await__", sl__await_method, NULL, SL_CANON_LABEL},                                  \
      {CLS ".__iter__", sl__await_method, NULL, SL_CANON_LABEL}, {                                 \
    CLS ".get_loop", fut_get_loop, NULL, SL_CANON_LABEL                                            \
  }

const sl_cfunc_def sl__aio_future_methods[] = {
    SL_FUTURE_METHODS("Future"),
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* ---- Task ------------------------------------------------------------------ */

static int task_get_name(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("get_name");
  sl_obj *n = sl_task_name(rt, self.u.o);
  if (!n) return sl_nomem(rt);
  sl_incref(n);
  *out = sl_obj_val(n);
  return 0;
}

static int task_set_name(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value v;
  if (bind1(rt, args, "set_name", "value", true, &v)) return -1;
  sl_obj *n = sl__aio_name(rt, v);
  if (!n) return -1;
  sl_task_set_name(rt, self.u.o, n);
  return 0;
}

static int task_cancelling(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("cancelling");
  *out = sl_int(sl_task_cancelling(self.u.o));
  return 0;
}

static int task_uncancel(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("uncancel");
  *out = sl_int(sl_task_uncancel(rt, self.u.o));
  return 0;
}

static int task_get_coro(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("get_coro");
  sl_obj *c = sl_as_task(self.u.o)->coro;
  if (c) sl_incref(c);
  *out = c ? sl_obj_val(c) : sl_none();
  return 0;
}

static int task_set_result(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Task does not support set_result operation");
}

static int task_set_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Task does not support set_exception operation");
}

const sl_cfunc_def sl__aio_task_methods[] = {
    {"Task.get_name", task_get_name, NULL, SL_CANON_LABEL},
    {"Task.set_name", task_set_name, NULL, SL_CANON_LABEL},
    {"Task.cancelling", task_cancelling, NULL, SL_CANON_LABEL},
    {"Task.uncancel", task_uncancel, NULL, SL_CANON_LABEL},
    {"Task.get_coro", task_get_coro, NULL, SL_CANON_LABEL},
    {"Task.set_result", task_set_result, NULL, SL_CANON_LABEL},
    {"Task.set_exception", task_set_exception, NULL, SL_CANON_LABEL},
    /* Lookups take the first match: Task's own set_result/set_exception
     * above win over Future's. */
    SL_FUTURE_METHODS("Task"),
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* ---- Handle / TimerHandle --------------------------------------------------- */

static int handle_cancel(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("cancel");
  sl_handle_cancel(rt, self.u.o);
  return 0;
}

static int handle_cancelled(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("cancelled");
  *out = sl_bool(sl_as_handle(self.u.o)->cancelled);
  return 0;
}

static int handle_when(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("when");
  *out = sl_float(sl_as_handle(self.u.o)->when);
  return 0;
}

const sl_cfunc_def sl__aio_handle_methods[] = {
    {"Handle.cancel", handle_cancel, NULL, SL_CANON_LABEL},
    {"Handle.cancelled", handle_cancelled, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

const sl_cfunc_def sl__aio_timer_methods[] = {
    {"TimerHandle.when", handle_when, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};
