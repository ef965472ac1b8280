/* asyncio.Runner (3.11+): mirrors Lib/asyncio/runners.py. run(coro) runs
 * a task on the Runner's loop with run_until_complete, close() is
 * asyncio.run's end (cancel the remaining tasks, shutdown_asyncgens,
 * shutdown_default_executor: core/runner.c), get_loop(), and the context
 * manager. The loop is made on first use (_lazy_init: new_event_loop,
 * set_event_loop). Not simulated: loop_factory (only None), debug (only
 * None/False), KeyboardInterrupt's SIGINT handler, contextvars. */
#include "core/exc.h"
#include "core/future.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/runner.h"
#include "core/rt.h"
#include "core/task.h"

typedef enum { RUNNER_CREATED, RUNNER_INITIALIZED, RUNNER_CLOSED } runner_state;

typedef struct runner {
  sl_obj hdr;
  runner_state state;
  sl_obj *loop;        /* owned: the loop object once initialized, else NULL */
  bool set_event_loop; /* _set_event_loop */
} runner;

static void runner_clear(sl_rt *rt, sl_obj *o) {
  runner *r = (runner *)o;
  sl_decref(rt, r->loop);
  r->loop = NULL;
}

static int runner_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

static const sl_type runner_type = {
    .name = "Runner", .clear = runner_clear, .getattr = runner_getattr, .size = sizeof(runner)};

/* _lazy_init */
static int lazy_init(sl_rt *rt, runner *r) {
  if (r->state == RUNNER_CLOSED) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Runner is closed");
  if (r->state == RUNNER_INITIALIZED) return 0;
  sl_obj *loop;
  if (sl__aio_loop_claim(rt, &loop)) return -1;
  r->loop = loop;
  if (!r->set_event_loop) {
    sl__aio_set_current(rt, loop);
    r->set_event_loop = true;
  }
  r->state = RUNNER_INITIALIZED;
  return 0;
}

static int r_enter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "__enter__", NULL, 0, 0, 0, NULL)) return -1;
  if (lazy_init(rt, (runner *)self.u.o)) return -1;
  *out = sl_vincref(self);
  return 0;
}

/* close(): asyncio.run's end; the loop is closed even when that fails. */
static int runner_close(sl_rt *rt, runner *r) {
  if (r->state != RUNNER_INITIALIZED) return 0;
  int rc = 0;
  if (!sl__aio_loop_closed(rt, r->loop)) {
    sl_vm_lang(rt)->loop_used = true;
    rc = sl_runner_close(rt); /* cancel, shutdown_asyncgens, _default_executor, close */
  }
  sl_obj *pending = sl_err_fetch(rt);
  if (r->set_event_loop) sl__aio_set_current(rt, NULL);
  if (!rt->fatal && !rt->loop->closed && sl_loop_close(rt)) rc = -1;
  sl__aio_loop_mark_closed(r->loop);
  sl_decref(rt, r->loop);
  r->loop = NULL;
  r->state = RUNNER_CLOSED;
  if (pending) {
    sl_obj *later = sl_err_fetch(rt);
    sl_decref(rt, later);
    sl_err_restore(rt, pending);
  }
  return rc;
}

static int r_exit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  *out = sl_none();
  return runner_close(rt, (runner *)self.u.o);
}

static int r_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "close", NULL, 0, 0, 0, NULL)) return -1;
  *out = sl_none();
  return runner_close(rt, (runner *)self.u.o);
}

static int r_get_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "get_loop", NULL, 0, 0, 0, NULL)) return -1;
  runner *r = (runner *)self.u.o;
  if (lazy_init(rt, r)) return -1;
  sl_incref(r->loop);
  *out = sl_obj_val(r->loop);
  return 0;
}

static int r_run(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"coro", "context"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "run", names, 2, 1, 1, a)) return -1;
  runner *r = (runner *)self.u.o;
  if (rt->profile->runner_run_takes_awaitables) {
    if (rt->loop->running)
      return sl_raise(rt, SL_EXC_RUNTIME_ERROR,
                      "Runner.run() cannot be called from a running event loop");
    if (lazy_init(rt, r)) return -1;
    if (!sl_is_coro(a[0]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      sl_is_future(a[0])
                          ? "simloop's Runner.run takes a coroutine (3.14's awaitables are "
                            "not simulated)"
                          : "An asyncio.Future, a coroutine or an awaitable is required");
  } else if (!sl_is_coro(a[0])) {
    sl_strbuf b = SL_STRBUF_INIT;
    int rc = sl_vm_repr(rt, a[0], &b);
    if (!rc)
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "a coroutine was expected, got %s", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return rc;
  }
  if (rt->loop->running)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR,
                    "Runner.run() cannot be called from a running event loop");
  if (lazy_init(rt, r)) return -1;
  if (sl__aio_loop_closed(rt, r->loop))
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
  sl_obj *task = sl_loop_create_task(rt, a[0].u.o, NULL);
  if (!task) return -1;
  sl_vm_lang(rt)->loop_used = true;
  int rc = sl_loop_run_until_complete(rt, task, out);
  sl_decref(rt, task);
  return rc;
}

static const sl_cfunc_def runner_methods[] = {
    {"Runner.__enter__", r_enter, NULL, SL_CANON_LABEL},
    {"Runner.__exit__", r_exit, NULL, SL_CANON_LABEL},
    {"Runner.close", r_close, NULL, SL_CANON_LABEL},
    {"Runner.get_loop", r_get_loop, NULL, SL_CANON_LABEL},
    {"Runner.run", r_run, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int runner_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, sl_obj_val(o), runner_methods, name, out);
  if (r < 0) return -1;
  if (!r)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'Runner' object has no attribute '%s'", name);
  return 0;
}

/* Runner(*, debug=None, loop_factory=None) */
static int aio_runner(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"debug", "loop_factory"};
  sl_value a[2];
  if (sl_args_bind_pymethod(rt, args, "Runner.__init__", names, 2, 0, 0, a)) return -1;
  if (a[1].tag != SL_V_UNDEF && !sl_is_none(a[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop's Runner makes its own loop: loop_factory must be None");
  sl_obj *o = sl_obj_alloc(rt, &runner_type);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

const sl_cfunc_def sl__aio_runner_def = {"Runner", aio_runner, NULL, SL_CANON_LABEL};
