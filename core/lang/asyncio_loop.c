/* The event loop objects and the older loop API: asyncio.run (any number
 * of times, one clock), new_event_loop, set_event_loop, get_event_loop (per
 * profile), loop.run_until_complete, run_forever, close,
 * shutdown_asyncgens, shutdown_default_executor. Mirrors
 * Lib/asyncio/events.py (the default policy: one current loop, created on
 * demand in the main thread until 3.14) and base_events.py.
 *
 * simloop simulates one event loop at a time (rt->loop). Each loop object
 * the program gets is bound to it for one "generation": creating a new loop
 * (new_event_loop, asyncio.run, get_event_loop creating one) reopens the
 * engine loop if it was closed and starts a new generation. A loop object
 * of an older generation that was never used simply stays behind (as an
 * unused loop would in CPython); using it, or creating a loop while the
 * current one is in use and not closed, is refused with a RuntimeError that
 * says so, never silently merged. */
#include <string.h>

#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/code.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/runner.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/task.h"

static sl_aio_loopobj *loopobj(sl_obj *o) { return (sl_aio_loopobj *)o; }

/* The engine loop is this object's (the current generation). */
static bool attached(sl_rt *rt, sl_obj *o) {
  sl_lang *L = sl_vm_lang(rt);
  return loopobj(o)->gen == L->loop_gen && !loopobj(o)->closed;
}

static int detached_error(sl_rt *rt) {
  return sl_raise(
      rt, SL_EXC_RUNTIME_ERROR,
      "simloop simulates one event loop at a time: this loop was replaced by a newer one");
}

/* 0 when the object may drive the engine loop, else -1 with an error. */
static int check_attached(sl_rt *rt, sl_value self) {
  if (attached(rt, self.u.o)) return 0;
  if (loopobj(self.u.o)->closed) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
  return detached_error(rt);
}

/* A new loop object of a new generation (events.new_event_loop()): the
 * engine loop is reopened if closed. Refused while the current loop is in
 * use (running, or it ran / has callbacks and is not closed). */
int sl__aio_loop_claim(sl_rt *rt, sl_obj **out) {
  sl_lang *L = sl_vm_lang(rt);
  sl_loop *loop = rt->loop;
  if (loop->running || (!loop->closed && (L->loop_used || loop->ready_len || loop->nscheduled)))
    return sl_raise(
        rt, SL_EXC_RUNTIME_ERROR,
        "simloop simulates one event loop at a time: close the current loop before creating "
        "another");
  sl_obj *o = sl_obj_alloc(rt, &sl__aio_loopobj_type);
  if (!o) return -1;
  if (loop->closed) sl_loop_reopen(rt);
  L->loop_gen++;
  L->loop_used = false;
  loopobj(o)->gen = L->loop_gen;
  sl_decref(rt, L->loop_obj);
  sl_incref(o);
  L->loop_obj = o;
  *out = o;
  return 0;
}

/* ---- data attributes --------------------------------------------------------- */

/* set_default_executor(executor): a concurrent.futures.ThreadPoolExecutor
 * (core/pool.h). Looked up here, not in the method table: its one user
 * per program need not be fast. */
static int loop_set_default_executor(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"executor"};
  sl_value a[1];
  *out = sl_none();
  if (sl_args_bind(rt, args, "set_default_executor", names, 1, 1, 1, a)) return -1;
  if (check_attached(rt, self)) return -1;
  return sl__aio_set_default_executor(rt, a[0]);
}

static const sl_cfunc_def set_default_executor_def = {
    "BaseEventLoop.set_default_executor", loop_set_default_executor, NULL, SL_CANON_LABEL};

int sl__aio_loop_attr_get(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  bool found = false;
  if (loopobj(o)->attrs && sl_dict_get_str(rt, loopobj(o)->attrs, name, out, &found)) return -1;
  if (found) return 1;
  /* base_events.py: self.slow_callback_duration = 0.1 */
  if (!strcmp(name, "slow_callback_duration")) return *out = sl_float(0.1), 1;
  if (!strcmp(name, "set_default_executor")) {
    sl_obj *m = sl_cfunc_new(rt, &set_default_executor_def, sl_obj_val(o));
    if (!m) return -1;
    return *out = sl_obj_val(m), 1;
  }
  return 0;
}

/* BaseEventLoop instances take any attribute. The loop's methods are
 * looked up once per code object and name (SL_TF_STABLE_ATTRS), so a
 * program replacing one would not be seen everywhere: refused. */
int sl__aio_loop_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  sl_value m;
  int r = sl_vm_getattr(rt, sl_obj_val(o), name, &m);
  if (r == 0) {
    bool data = !sl_is_type(m, &sl_cfunc_type);
    sl_vdecref(rt, m);
    if (!data)
      return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                      "simloop: replacing the event loop's method '%s' is not supported", name);
  } else if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) {
    return -1;
  } else {
    sl_err_clear(rt);
  }
  if (!loopobj(o)->attrs && !(loopobj(o)->attrs = sl_dict_new(rt))) return -1;
  return sl_dict_set_str(rt, loopobj(o)->attrs, name, v);
}

/* ---- loop methods ---------------------------------------------------------- */

int sl__aio_loop_run_until_complete(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"future"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "run_until_complete", names, 1, 1, 1, a)) return -1;
  if (check_attached(rt, self)) return -1;
  /* base_events.py: self._check_closed(); self._check_running() */
  if (rt->loop->closed) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
  if (rt->loop->running)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "This event loop is already running");
  sl_value fut, wrapped;
  int w = sl__aio_wrap_awaitable(rt, a[0], &wrapped);
  if (w < 0) return -1;
  if (w) {
    /* tasks.ensure_future(awaitable, loop=self): a _wrap_awaitable task */
    int rc = sl__aio_create_task(rt, wrapped, sl_undef(), false, &fut);
    sl_vdecref(rt, wrapped);
    if (rc) return -1;
  } else if (sl_is_future(a[0])) {
    fut = sl_vincref(a[0]);
  } else if (sl_is_coro(a[0])) {
    /* tasks.ensure_future(future, loop=self) -> loop.create_task(coro) */
    if (sl__aio_create_task(rt, a[0], sl_undef(), false, &fut)) return -1;
  } else {
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "An asyncio.Future, a coroutine or an awaitable is required");
  }
  sl_vm_lang(rt)->loop_used = true;
  int rc = sl_loop_run_until_complete(rt, fut.u.o, out);
  sl_vdecref(rt, fut);
  return rc;
}

int sl__aio_loop_run_forever(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "run_forever", NULL, 0, 0, 0, NULL)) return -1;
  if (check_attached(rt, self)) return -1;
  sl_vm_lang(rt)->loop_used = true;
  if (sl_loop_run_forever(rt)) return -1;
  *out = sl_none();
  return 0;
}

int sl__aio_loop_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "close", NULL, 0, 0, 0, NULL)) return -1;
  *out = sl_none();
  if (!attached(rt, self.u.o)) {
    loopobj(self.u.o)->closed = true; /* an unused, replaced loop: nothing to do */
    return 0;
  }
  if (sl_loop_close(rt)) return -1;
  loopobj(self.u.o)->closed = true;
  return 0;
}

static int shutdown_coro(sl_rt *rt, sl_value self, const sl_args *args, const char *name,
                         bool executor, sl_value *out) {
  /* 3.12+: shutdown_default_executor(timeout=None) */
  static const char *const names[] = {"timeout"};
  sl_value timeout = sl_none();
  size_t n = executor && rt->profile->shutdown_executor_timeout ? 1 : 0;
  if (sl_args_bind(rt, args, name, names, n, 0, n, &timeout)) return -1;
  if (timeout.tag == SL_V_UNDEF) timeout = sl_none();
  if (check_attached(rt, self)) return -1;
  sl_obj *co = sl_runner_shutdown_coro(rt, executor, timeout);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

int sl__aio_loop_shutdown_asyncgens(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return shutdown_coro(rt, self, args, "shutdown_asyncgens", false, out);
}

int sl__aio_loop_shutdown_default_executor(sl_rt *rt, sl_value self, const sl_args *args,
                                           sl_value *out) {
  return shutdown_coro(rt, self, args, "shutdown_default_executor", true, out);
}

/* run_in_executor(executor, func, *args) on the simulated default
 * executor, or a concurrent.futures.ThreadPoolExecutor (core/pool.h). */
int sl__aio_loop_run_in_executor(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"executor", "func"};
  sl_value a[2];
  sl_args head = {args->pos, args->npos < 2 ? args->npos : 2, args->kwvals, args->kwnames,
                  args->nkw};
  if (sl_args_bind(rt, &head, "run_in_executor", names, 2, 2, 2, a)) return -1;
  if (check_attached(rt, self)) return -1;
  sl_args rest = {args->pos + 2, args->npos - 2, NULL, NULL, 0};
  return sl__aio_run_in(rt, a[0], a[1], &rest, out);
}

/* ---- module functions --------------------------------------------------------- */

static void set_current(sl_rt *rt, sl_obj *loop) {
  sl_lang *L = sl_vm_lang(rt);
  sl_incref(loop);
  sl_decref(rt, L->cur_loop);
  L->cur_loop = loop;
  L->loop_set_called = true;
}

void sl__aio_set_current(sl_rt *rt, sl_obj *loop) { set_current(rt, loop); }

void sl__aio_loop_mark_closed(sl_obj *loop) { loopobj(loop)->closed = true; }

static int aio_new_event_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "new_event_loop", NULL, 0, 0, 0, NULL)) return -1;
  sl_obj *o;
  if (sl__aio_loop_claim(rt, &o)) return -1;
  *out = sl_obj_val(o);
  return 0;
}

/* asyncio.SelectorEventLoop(selector=None): a new loop, as new_event_loop()
 * makes it; the simulated selector is the only one. */
static int aio_selector_loop_ctor(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"selector"};
  sl_value a[1];
  if (sl_args_bind_pymethod(rt, args, "_UnixSelectorEventLoop.__init__", names, 1, 0, 1, a))
    return -1;
  if (!sl_is_undef(a[0]) && !sl_is_none(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "SelectorEventLoop(selector): simloop's loop runs on its simulated selector "
                    "only; pass no selector");
  sl_obj *o;
  if (sl__aio_loop_claim(rt, &o)) return -1;
  *out = sl_obj_val(o);
  return 0;
}

const sl_cfunc_def sl__aio_selector_loop_ctor = {"SelectorEventLoop", aio_selector_loop_ctor, NULL,
                                                 SL_CANON_LABEL};

static int aio_set_event_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"loop"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "set_event_loop", names, 1, 1, 1, a)) return -1;
  if (!sl_is_none(a[0]) && !sl_is_type(a[0], &sl__aio_loopobj_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "loop must be an instance of AbstractEventLoop or None, not '%s'",
                    sl_type_name(a[0]));
  set_current(rt, sl_is_none(a[0]) ? NULL : a[0].u.o);
  *out = sl_none();
  return 0;
}

/* The policy's current loop for events.get_event_loop() when no loop
 * runs: until 3.14 the main thread gets one created on first use unless
 * set_event_loop() was ever called (asyncio.run calls it). Borrowed. */
static sl_obj *current_loop(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L->cur_loop && !L->loop_set_called && rt->profile->minor < 14) {
    sl_obj *o;
    if (sl__aio_loop_claim(rt, &o)) return NULL;
    set_current(rt, o);
    sl_decref(rt, o);
  }
  if (!L->cur_loop)
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "There is no current event loop in thread 'MainThread'.");
  return L->cur_loop;
}

int sl__aio_event_loop(sl_rt *rt) {
  if (rt->loop->running && !rt->loop->pool.in_thread) return 0;
  return current_loop(rt) ? 0 : -1;
}

/* events.get_event_loop(): the running loop, else the current one. */
static int aio_get_event_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "get_event_loop", NULL, 0, 0, 0, NULL)) return -1;
  if (rt->loop->running) {
    if (sl_asyncio_loop_object(rt, out)) return -1;
    sl_vincref(*out);
    return 0;
  }
  sl_obj *loop = current_loop(rt);
  if (!loop) return -1;
  sl_incref(loop);
  *out = sl_obj_val(loop);
  return 0;
}

/* asyncio.run(main): a Runner on a new loop (runners.py): set as the
 * current loop while it runs, set_event_loop(None) when it closes. */
static int aio_run(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"main", "debug"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "run", names, 2, 1, 1, a)) return -1;
  if (rt->loop->running)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR,
                    "asyncio.run() cannot be called from a running event loop");
  if (!sl_is_coro(a[0])) {
    sl_strbuf b = SL_STRBUF_INIT;
    int rc = sl_vm_repr(rt, a[0], &b);
    if (!rc)
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "a coroutine was expected, got %s", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return rc;
  }
  sl_obj *o;
  if (sl__aio_loop_claim(rt, &o)) return -1;
  set_current(rt, o);
  sl_vm_lang(rt)->loop_used = true;
  int rc = sl_asyncio_run(rt, a[0].u.o, out);
  loopobj(o)->closed = true;
  sl_decref(rt, o);
  sl_obj *pending = sl_err_fetch(rt);
  set_current(rt, NULL);
  if (pending) sl_err_restore(rt, pending);
  return rc;
}

static const sl_cfunc_def loop_funcs[] = {
    {"run", aio_run, NULL, SL_CANON_LABEL},
    {"new_event_loop", aio_new_event_loop, NULL, SL_CANON_LABEL},
    {"set_event_loop", aio_set_event_loop, NULL, SL_CANON_LABEL},
    {"get_event_loop", aio_get_event_loop, NULL, SL_CANON_LABEL},
};

int sl_asyncio_bind_loop(sl_rt *rt, sl_obj *module_dict) {
  rt->loop->held0_type = &sl_func_type;
  rt->loop->held0 = sl_frame_call_held0;
  for (size_t i = 0; i < sizeof loop_funcs / sizeof *loop_funcs; i++)
    if (sl_asyncio_add_func(rt, module_dict, &loop_funcs[i])) return -1;
  return 0;
}
