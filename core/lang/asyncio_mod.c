/* The `asyncio` module: its module-level functions (mirrors the public
 * names of Lib/asyncio/runners.py, tasks.py, events.py, futures.py that
 * the engine implements) and the registration of the other parts (see
 * asyncio_mod.h). */
#include <string.h>

#include "core/alloc.h"
#include "core/long.h"
#include "core/dict-int.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/gather.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/io-int.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/runner.h"
#include "core/sleep.h"
#include "core/str.h"
#include "core/task.h"
#include "core/tuple.h"

/* ---- REGISTER BIND FUNCTIONS HERE (one line per part, in order) ------- */
static const sl_asyncio_binder binders[] = {
    sl_asyncio_bind_core, sl_asyncio_bind_loop,   sl_asyncio_bind_sync,
    sl__aio_bind_classes, sl__aio_bind_protocols, NULL,
};

int sl_asyncio_module_add(sl_rt *rt, sl_obj *module_dict, const char *name, sl_value v) {
  return sl_dict_set_str(rt, module_dict, name, v);
}

int sl_asyncio_add_func(sl_rt *rt, sl_obj *module_dict, const sl_cfunc_def *def) {
  sl_obj *f = sl_cfunc_new(rt, def, sl_undef());
  if (!f) return -1;
  int rc = sl_dict_set_str(rt, module_dict, def->name, sl_obj_val(f));
  sl_decref(rt, f);
  return rc;
}

int sl_asyncio_module_new(sl_rt *rt, sl_obj **out) {
  sl_obj *m = sl_module_new(rt, "asyncio");
  if (!m) return -1;
  if (sl__dict_reserve(rt, ((sl_module *)m)->dict, 128)) {
    sl_decref(rt, m);
    return -1;
  }
  for (const sl_asyncio_binder *b = binders; *b; b++)
    if ((*b)(rt, ((sl_module *)m)->dict)) {
      sl_decref(rt, m);
      return -1;
    }
  *out = m;
  return 0;
}

/* ---- helpers ------------------------------------------------------------ */

int sl__aio_number(sl_rt *rt, sl_value v, const char *what, double *out) {
  v = sl_num_unbox(v);
  switch (v.tag) {
  case SL_V_INT: *out = (double)v.u.i; return 0;
  case SL_V_BOOL: *out = v.u.b; return 0;
  case SL_V_FLOAT: *out = v.u.f; return 0;
  default:
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'<=' not supported between instances of '%s' and 'int'",
                    sl_type_name(v));
  }
}

int sl__aio_running(sl_rt *rt) {
  /* A pool thread (core/pool.h) has no running loop. */
  if (!rt->loop || !rt->loop->running || rt->loop->pool.in_thread)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "no running event loop");
  return 0;
}

bool sl__aio_callable(sl_value v) {
  return v.tag == SL_V_OBJ && (v.u.o->type->call || v.u.o->type == &sl_class_type);
}

/* A task name: str(name) for anything but a str. NULL + error. */
sl_obj *sl__aio_name(sl_rt *rt, sl_value v) {
  if (sl_is_str(v)) {
    sl_incref(v.u.o);
    return v.u.o;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  sl_obj *s = NULL;
  if (!sl_vm_str(rt, v, &b)) s = sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  return s;
}

/* create_task(coro, name=) as asyncio.create_task (`named_api`) or
 * loop.create_task. */
int sl__aio_create_task(sl_rt *rt, sl_value coro, sl_value name, bool module_api, sl_value *out) {
  /* asyncio.create_task needs a running loop; loop.create_task an open one
   * (base_events.py: self._check_closed()). */
  if (module_api && sl__aio_running(rt)) return -1;
  if (!module_api && rt->loop->closed)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
  if (!sl_is_coro(coro)) {
    sl_strbuf b = SL_STRBUF_INIT;
    int rc = sl_vm_repr(rt, coro, &b);
    if (!rc)
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "a coroutine was expected, got %s", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return rc;
  }
  sl_obj *nm = NULL;
  if (!sl_is_undef(name) && !sl_is_none(name) && !(nm = sl__aio_name(rt, name))) return -1;
  /* 3.11/3.12 tasks.create_task: loop.create_task(coro) consumes a
   * Task-N, then _set_task_name(task, name) renames it (after an eager
   * first step, which shows the number). */
  sl_obj *task = nm && module_api && !rt->profile->named_task_keeps_counter
                     ? sl_loop_create_task_name_after(rt, coro.u.o, nm)
                     : sl_loop_create_task(rt, coro.u.o, nm);
  sl_decref(rt, nm);
  if (!task) return -1;
  *out = sl_obj_val(task);
  return 0;
}

/* ---- module functions ----------------------------------------------------- */

int sl__aio_sleep(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"delay", "result"};
  sl_value a[2];
  if (args->npos == 1 && !args->nkw) { /* sleep(delay): nothing to bind */
    a[0] = args->pos[0];
    a[1] = sl_undef();
  } else if (sl_args_bind(rt, args, "sleep", names, 2, 1, 2, a)) {
    return -1;
  }
  double d;
  sl_value res = sl_is_undef(a[1]) ? sl_none() : a[1];
  sl_value d0 = sl_num_unbox(a[0]);
  bool number = d0.tag == SL_V_INT || d0.tag == SL_V_BOOL || d0.tag == SL_V_FLOAT;
  if (number && sl__aio_number(rt, a[0], "delay", &d)) return -1;
  sl_obj *co = number ? sl_sleep(rt, d, res) : sl_sleep_bad_delay(rt, a[0], res);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int aio_create_task(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"coro", "name", "context"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "create_task", names, 3, 1, 1, a)) return -1;
  if (sl__aio_create_task(rt, a[0], a[1], true, out)) return -1;
  sl_task_set_context(rt, out->u.o, a[2]);
  return 0;
}

static int aio_ensure_future(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"coro_or_future", "loop"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "ensure_future", names, 2, 1, 1, a)) return -1;
  sl_value wrapped;
  int w = sl__aio_wrap_awaitable(rt, a[0], &wrapped);
  if (w < 0) return -1;
  if (w) a[0] = wrapped;
  sl_obj *f = sl_is_coro(a[0]) && sl__aio_event_loop(rt) ? NULL : sl_ensure_future(rt, a[0]);
  if (w) sl_vdecref(rt, wrapped);
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

static int aio_gather(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  bool ret_exc = false;
  for (size_t i = 0; i < args->nkw; i++) {
    if (!sl_str_eq_cstr(args->kwnames[i], "return_exceptions"))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "gather() got an unexpected keyword argument '%s'",
                      sl_str_cstr(args->kwnames[i]));
    if (sl_truth(rt, args->kwvals[i], &ret_exc)) return -1;
  }
  /* Objects with __await__ become _wrap_awaitable coroutines, in order,
   * as _ensure_future wraps each argument. */
  sl_value *items = args->npos ? sl_malloc(args->npos * sizeof *items) : NULL;
  if (args->npos && !items) return sl_nomem(rt);
  size_t filled = 0; /* items holding a reference */
  int rc = 0;
  bool coros = false;
  for (size_t i = 0; i < args->npos && !rc; i++) {
    int w = sl__aio_wrap_awaitable(rt, args->pos[i], &items[i]);
    if (w < 0) {
      rc = -1;
      break;
    }
    if (w == 0) items[i] = sl_vincref(args->pos[i]);
    filled = i + 1;
    if (!sl_is_future(items[i]) && !sl_is_coro(items[i]))
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "An asyncio.Future, a coroutine or an awaitable is required");
    coros |= sl_is_coro(items[i]);
  }
  /* tasks.gather takes the loop of its first future, and asks
   * events.get_event_loop() only for a coroutine's task. */
  sl_obj *g = NULL;
  if (!rc && !(coros && sl__aio_event_loop(rt))) g = sl_gather(rt, items, args->npos, ret_exc);
  for (size_t i = 0; i < filled; i++) sl_vdecref(rt, items[i]);
  sl_free(items);
  if (!g) return -1;
  *out = sl_obj_val(g);
  return 0;
}

static int aio_current_task(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"loop"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "current_task", names, 1, 0, 1, a)) return -1;
  if ((sl_is_undef(a[0]) || sl_is_none(a[0])) && sl__aio_running(rt)) return -1;
  sl_obj *t = sl_task_current(rt);
  if (t) sl_incref(t);
  *out = t ? sl_obj_val(t) : sl_none();
  return 0;
}

static int aio_all_tasks(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"loop"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "all_tasks", names, 1, 0, 1, a)) return -1;
  if ((sl_is_undef(a[0]) || sl_is_none(a[0])) && sl__aio_running(rt)) return -1;
  sl_obj *list = sl_task_all(rt);
  if (!list) return -1;
  sl_obj *set = sl_set_new(rt);
  int rc = set ? 0 : -1;
  for (size_t i = 0; !rc && i < sl_as_list(list)->len; i++)
    rc = sl_set_add(rt, set, sl_as_list(list)->items[i]);
  sl_decref(rt, list);
  if (rc) {
    sl_decref(rt, set);
    return -1;
  }
  *out = sl_obj_val(set);
  return 0;
}

static int aio_get_running_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "get_running_loop", NULL, 0, 0, 0, NULL)) return -1;
  if (sl__aio_running(rt)) return -1;
  if (sl_asyncio_loop_object(rt, out)) return -1;
  sl_vincref(*out);
  return 0;
}

static int aio_iscoroutine(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"obj"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "iscoroutine", names, 1, 1, 1, a)) return -1;
  *out = sl_bool(sl_is_coro(a[0]));
  return 0;
}

/* inspect.iscoroutinefunction (what asyncio's calls first): a function
 * (or a method's function) whose code is an `async def` without `yield`. */
static int aio_iscoroutinefunction(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"func"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "iscoroutinefunction", names, 1, 1, 1, a)) return -1;
  sl_value f = a[0];
  if (sl_is_type(f, &sl_bound_type)) f = ((sl_bound *)f.u.o)->func;
  bool yes = false;
  if (sl_is_type(f, &sl_func_type)) {
    uint32_t flags = sl_as_code(sl_as_func(f.u.o)->code)->flags;
    yes = (flags & SL_CO_ASYNC) && !(flags & SL_CO_GENERATOR);
  }
  *out = sl_bool(yes);
  return 0;
}

static int aio_isfuture(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"obj"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "isfuture", names, 1, 1, 1, a)) return -1;
  *out = sl_bool(sl_is_future(a[0]));
  return 0;
}

static int aio_future(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"loop"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "Future", names, 1, 0, 0, a)) return -1;
  sl_obj *f = sl_future_new(rt);
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

static int aio_task(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"coro", "loop", "name", "context", "eager_start"};
  sl_value a[5];
  if (sl_args_bind(rt, args, "Task", names, 5, 1, 1, a)) return -1;
  return sl__aio_create_task(rt, a[0], a[2], false, out);
}

/* eager_task_factory(loop, coro, *, name=None, context=None): only ever
 * installed by identity (set_task_factory), but callable too. */
static int aio_eager_factory(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"loop", "coro", "name", "context"};
  sl_value a[4];
  if (sl_args_bind(rt, args, "eager_task_factory", names, 4, 2, 2, a)) return -1;
  return sl__aio_create_task(rt, a[1], a[2], false, out);
}

static const sl_cfunc_def funcs[] = {
    {"sleep", sl__aio_sleep, NULL, SL_CANON_LABEL},
    {"create_task", aio_create_task, NULL, SL_CANON_LABEL},
    {"ensure_future", aio_ensure_future, NULL, SL_CANON_LABEL},
    {"gather", aio_gather, NULL, SL_CANON_LABEL},
    {"current_task", aio_current_task, NULL, SL_CANON_LABEL},
    {"all_tasks", aio_all_tasks, NULL, SL_CANON_LABEL},
    {"get_running_loop", aio_get_running_loop, NULL, SL_CANON_LABEL},
    {"iscoroutine", aio_iscoroutine, NULL, SL_CANON_LABEL},
    {"iscoroutinefunction", aio_iscoroutinefunction, NULL, SL_CANON_LABEL},
    {"isfuture", aio_isfuture, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* Future and Task are classes: asyncio_objs.c makes their type objects. */
const sl_cfunc_def sl__aio_future_ctor = {"Future", aio_future, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_task_ctor = {"Task", aio_task, NULL, SL_CANON_LABEL};

const sl_cfunc_def sl__aio_eager_factory_def = {"eager_task_factory", aio_eager_factory, NULL,
                                                SL_CANON_LABEL};

int sl_asyncio_bind_core(sl_rt *rt, sl_obj *d) {
  for (const sl_cfunc_def *f = funcs; f->name; f++)
    if (sl_asyncio_add_func(rt, d, f)) return -1;
  if (rt->profile->eager_tasks && sl_asyncio_add_func(rt, d, &sl__aio_eager_factory_def)) return -1;
  if (sl_asyncio_add_func(rt, d, &sl__aio_to_thread_def) ||
      sl_asyncio_add_func(rt, d, &sl__aio_wrap_future_def) ||
      sl_asyncio_add_func(rt, d, &sl__aio_runner_def) ||
      sl_asyncio_add_func(rt, d, &sl__aio_open_connection_def) ||
      sl_asyncio_add_func(rt, d, &sl__aio_start_server_def))
    return -1;
  static const struct {
    const char *name;
    sl_exc_id id;
  } excs[] = {
      {"CancelledError", SL_EXC_CANCELLED_ERROR},
      {"TimeoutError", SL_EXC_TIMEOUT_ERROR},
      {"InvalidStateError", SL_EXC_INVALID_STATE_ERROR},
      {"QueueEmpty", SL_EXC_QUEUE_EMPTY},
      {"QueueFull", SL_EXC_QUEUE_FULL},
      {"BrokenBarrierError", SL_EXC_BROKEN_BARRIER_ERROR},
      {"IncompleteReadError", SL_EXC_INCOMPLETE_READ_ERROR},
      {"LimitOverrunError", SL_EXC_LIMIT_OVERRUN_ERROR},
  };
  for (size_t i = 0; i < sizeof excs / sizeof excs[0]; i++)
    if (sl_asyncio_module_add(rt, d, excs[i].name, sl_obj_val(rt->classes[excs[i].id]))) return -1;
  if (rt->profile->queue_shutdown &&
      sl_asyncio_module_add(rt, d, "QueueShutDown", sl_obj_val(rt->classes[SL_EXC_QUEUE_SHUTDOWN])))
    return -1;
  return 0;
}
