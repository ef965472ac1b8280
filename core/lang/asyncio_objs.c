/* Methods of the engine's asyncio objects as the scenario sees them:
 * Future and Task (mirrors the public methods of Lib/asyncio/futures.py
 * and tasks.py), Handle/TimerHandle (events.py) and the event loop object
 * returned by get_running_loop() (base_events.py's public methods that the
 * engine implements). */
#include <string.h>

#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/str.h"
#include "core/task.h"
#include "core/tuple.h"

#define NOARGS(name)                                                                 \
  if (args->npos || args->nkw)                                                       \
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no arguments (%zu given)", name, \
                    args->npos + args->nkw)

static int bind1(sl_rt *rt, const sl_args *args, const char *fname, const char *name, bool required,
                 sl_value *v) {
  const char *const names[] = {name};
  return sl_args_bind(rt, args, fname, names, 1, required ? 1 : 0, 1, v);
}

/* ---- Future ---------------------------------------------------------------- */

static int fut_result(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("result");
  return sl_future_result(rt, self.u.o, out);
}

static int fut_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("exception");
  sl_obj *e = NULL;
  if (sl_future_exception(rt, self.u.o, &e)) return -1;
  *out = e ? sl_obj_val(e) : sl_none();
  return 0;
}

static int fut_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("done");
  *out = sl_bool(sl_future_done(self.u.o));
  return 0;
}

static int fut_cancelled(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("cancelled");
  *out = sl_bool(sl_future_cancelled(self.u.o));
  return 0;
}

static int fut_cancel(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value msg;
  if (bind1(rt, args, "cancel", "msg", false, &msg)) return -1;
  int r = sl_future_cancel(rt, self.u.o, sl_is_undef(msg) ? sl_none() : msg);
  if (r < 0) return -1;
  *out = sl_bool(r == 1);
  return 0;
}

static int fut_add_done_callback(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"fn", "context"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "add_done_callback", names, 2, 1, 1, a)) return -1;
  return sl_future_add_done_callback(rt, self.u.o, a[0]);
}

static int fut_remove_done_callback(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value fn;
  if (bind1(rt, args, "remove_done_callback", "fn", true, &fn)) return -1;
  int64_t n = sl_future_remove_done_callback(rt, self.u.o, fn);
  if (n < 0) return -1;
  *out = sl_int(n);
  return 0;
}

static int fut_set_result(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value v;
  if (bind1(rt, args, "set_result", "result", true, &v)) return -1;
  return sl_future_set_result(rt, self.u.o, v);
}

static int fut_set_exception(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value v;
  if (bind1(rt, args, "set_exception", "exception", true, &v)) return -1;
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
#define SL_FUTURE_METHODS(CLS)                                                 \
  {CLS ".result", fut_result, NULL, SL_CANON_LABEL},                           \
      {CLS ".exception", fut_exception, NULL, SL_CANON_LABEL},                 \
      {CLS ".done", fut_done, NULL, SL_CANON_LABEL},                           \
      {CLS ".cancelled", fut_cancelled, NULL, SL_CANON_LABEL},                 \
      {CLS ".cancel", fut_cancel, NULL, SL_CANON_LABEL},                       \
      {CLS ".add_done_callback", fut_add_done_callback, NULL, SL_CANON_LABEL}, \
      {CLS ".remove_done_callback", fut_remove_done_callback, NULL, SL_CANON_LABEL}, \
      {CLS ".set_result", fut_set_result, NULL, SL_CANON_LABEL},               \
      {CLS ".set_exception", fut_set_exception, NULL, SL_CANON_LABEL},         \
      {CLS ".get_loop", fut_get_loop, NULL, SL_CANON_LABEL}

static const sl_cfunc_def future_methods[] = {
    SL_FUTURE_METHODS("Future"),
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* ---- Task ------------------------------------------------------------------ */

static int task_get_name(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("get_name");
  sl_obj *n = sl_as_task(self.u.o)->name;
  sl_incref(n);
  *out = sl_obj_val(n);
  return 0;
}

static int task_set_name(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value v;
  if (bind1(rt, args, "set_name", "value", true, &v)) return -1;
  sl_obj *n = sl__aio_name(rt, v);
  if (!n) return -1;
  sl_task *t = sl_as_task(self.u.o);
  sl_decref(rt, t->name);
  t->name = n;
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

static const sl_cfunc_def task_methods[] = {
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

static const sl_cfunc_def handle_methods[] = {
    {"Handle.cancel", handle_cancel, NULL, SL_CANON_LABEL},
    {"Handle.cancelled", handle_cancelled, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static const sl_cfunc_def timer_methods[] = {
    {"TimerHandle.when", handle_when, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* ---- the loop object ---------------------------------------------------------- */

static int need_callable(sl_rt *rt, sl_value cb, const char *method) {
  if (sl__aio_callable(cb)) return 0;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = sl_vm_repr(rt, cb, &b);
  if (!rc)
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "a callable object was expected by %s(), got %s", method,
                  sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

static int loop_time(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("time");
  *out = sl_float(sl_loop_time(rt));
  return 0;
}

/* call_soon(cb, *args, context=None) and friends: positional arguments
 * after `skip` leading ones are the callback's. */
static int loop_schedule(sl_rt *rt, const sl_args *args, const char *name, size_t skip, sl_value *out) {
  for (size_t i = 0; i < args->nkw; i++)
    if (!sl_str_eq_cstr(args->kwnames[i], "context"))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", name,
                      sl_str_cstr(args->kwnames[i]));
  if (args->npos < skip + 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() missing %zu required positional argument%s", name,
                    skip + 1 - args->npos, skip + 1 - args->npos == 1 ? "" : "s");
  sl_value cb = args->pos[skip];
  if (need_callable(rt, cb, name)) return -1;
  const sl_value *cargs = args->pos + skip + 1;
  size_t n = args->npos - skip - 1;
  sl_obj *h;
  if (skip == 0) {
    h = sl_loop_call_soon(rt, cb, cargs, n);
  } else {
    double t;
    if (sl__aio_number(rt, args->pos[0], name, &t)) return -1;
    h = !strcmp(name, "call_at") ? sl_loop_call_at(rt, t, cb, cargs, n) : sl_loop_call_later(rt, t, cb, cargs, n);
  }
  if (!h) return -1;
  *out = sl_obj_val(h);
  return 0;
}

static int loop_call_soon(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return loop_schedule(rt, args, "call_soon", 0, out);
}
static int loop_call_later(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return loop_schedule(rt, args, "call_later", 1, out);
}
static int loop_call_at(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return loop_schedule(rt, args, "call_at", 1, out);
}

static int loop_create_future(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("create_future");
  sl_obj *f = sl_future_new(rt);
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

static int loop_create_task(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"coro", "name", "context"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "create_task", names, 3, 1, 1, a)) return -1;
  return sl__aio_create_task(rt, a[0], a[1], false, out);
}

static bool is_eager_factory(sl_value v) {
  return sl_is_type(v, &sl_cfunc_type) && sl_as_cfunc(v.u.o)->def == &sl__aio_eager_factory_def;
}

static int loop_set_task_factory(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value f;
  if (bind1(rt, args, "set_task_factory", "factory", true, &f)) return -1;
  if (sl_is_none(f)) {
    rt->loop->eager_factory = rt->loop->has_task_factory = false;
    return 0;
  }
  if (!sl__aio_callable(f))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "task factory must be a callable or None");
  if (!is_eager_factory(f))
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR,
                    "simloop supports only asyncio.eager_task_factory as a task factory");
  rt->loop->eager_factory = rt->loop->has_task_factory = true;
  return 0;
}

static int loop_get_task_factory(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("get_task_factory");
  if (!rt->loop->has_task_factory) return 0;
  sl_obj *f = sl_cfunc_new(rt, &sl__aio_eager_factory_def, sl_undef());
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

static int loop_stop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("stop");
  sl_loop_stop(rt);
  return 0;
}

static int loop_is_running(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("is_running");
  *out = sl_bool(rt->loop->running);
  return 0;
}

static int loop_is_closed(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("is_closed");
  *out = sl_bool(rt->loop->closed);
  return 0;
}

static int loop_get_debug(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("get_debug");
  *out = sl_bool(false);
  return 0;
}

static const sl_cfunc_def loop_methods[] = {
    {"BaseEventLoop.time", loop_time, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.call_soon", loop_call_soon, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.call_later", loop_call_later, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.call_at", loop_call_at, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.create_future", loop_create_future, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.create_task", loop_create_task, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.set_task_factory", loop_set_task_factory, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.get_task_factory", loop_get_task_factory, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.stop", loop_stop, "loop.stop", SL_CANON_LABEL},
    {"BaseEventLoop.is_running", loop_is_running, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.is_closed", loop_is_closed, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.get_debug", loop_get_debug, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int loopobj_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, sl_obj_val(o), loop_methods, name, out);
  if (r < 0) return -1;
  if (r == 0)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'_UnixSelectorEventLoop' object has no attribute '%s'", name);
  return 0;
}

static int loopobj_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<_UnixSelectorEventLoop running=%s closed=%s debug=False>",
                   rt->loop->running ? "True" : "False", rt->loop->closed ? "True" : "False");
  return 0;
}

static const sl_type loopobj_type = {.name = "_UnixSelectorEventLoop", .repr = loopobj_repr,
                                     .getattr = loopobj_getattr, .size = sizeof(sl_obj)};

int sl_asyncio_loop_object(sl_rt *rt, sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L->loop_obj && !(L->loop_obj = sl_obj_alloc(rt, &loopobj_type))) return -1;
  *out = sl_obj_val(L->loop_obj);
  return 0;
}

int sl_asyncio_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  if (v.tag != SL_V_OBJ) return 0;
  const char *tn = NULL;
  if (sl_is_future(v)) {
    int r = 0;
    r = sl_methods_lookup(rt, v, sl_is_task(v) ? task_methods : future_methods, name, out);
    if (r) return r;
    tn = v.u.o->type->name;
  } else if (sl_is_handle(v)) {
    int r = 0;
    if (sl_as_handle(v.u.o)->is_timer) r = sl_methods_lookup(rt, v, timer_methods, name, out);
    if (r == 0) r = sl_methods_lookup(rt, v, handle_methods, name, out);
    if (r) return r;
    tn = sl_as_handle(v.u.o)->is_timer ? "TimerHandle" : "Handle";
  } else {
    return 0;
  }
  sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", tn, name);
  return -1;
}
