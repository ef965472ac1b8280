/* Methods of the engine's asyncio objects as the scenario sees them: the
 * event loop object returned by get_running_loop() (base_events.py's
 * public methods that the engine implements), the lookup of a future's,
 * a task's and a handle's (asyncio_futobj.c) and the classes. */
#include <string.h>

#include "core/long.h"
#include "core/barrier.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/gather.h"
#include "core/handle.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/locks.h"
#include "core/lang/socket_mod.h"
#include "core/lang/io-int.h"
#include "core/loop.h"
#include "core/queues.h"
#include "core/rt.h"
#include "core/semaphore.h"
#include "core/str.h"
#include "core/task.h"
#include "core/taskgroup.h"
#include "core/timeouts.h"
#include "core/tuple.h"

#define NOARGS(name)                                                                               \
  if (args->npos || args->nkw)                                                                     \
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no arguments (%zu given)", name,              \
                  args->npos + args->nkw)

static int bind1(sl_rt *rt, const sl_args *args, const char *fname, const char *name, bool required,
                 sl_value *v) {
  const char *const names[] = {name};
  return sl_args_bind(rt, args, fname, names, 1, required ? 1 : 0, 1, v);
}

/* ---- the loop object ---------------------------------------------------------- */

static int loop_time(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("time");
  *out = sl_float(sl_loop_time(rt));
  return 0;
}

/* base_events.py _check_closed(): scheduling on a closed loop is refused
 * (after the arguments are checked, as call_at checks `when` first). */
static int check_open(sl_rt *rt, sl_value self) {
  if (!sl__aio_loop_closed(rt, self.u.o)) return 0;
  return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
}

/* call_soon(cb, *args, context=None) and friends: positional arguments
 * after `skip` leading ones are the callback's. */
static int loop_schedule(sl_rt *rt, sl_value self, const sl_args *args, const char *name,
                         size_t skip, sl_value *out) {
  sl_value context = sl_undef();
  for (size_t i = 0; i < args->nkw; i++) {
    if (!sl_str_eq_cstr(args->kwnames[i], "context"))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "BaseEventLoop.%s() got an unexpected keyword argument '%s'", name,
                      sl_str_cstr(args->kwnames[i]));
    context = args->kwvals[i];
  }
  if (args->npos < skip + 1) {
    const char *first = !strcmp(name, "call_at") ? "when" : "delay";
    if (args->npos < skip)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "BaseEventLoop.%s() missing 2 required positional arguments: '%s' and "
                      "'callback'",
                      name, first);
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "BaseEventLoop.%s() missing 1 required positional argument: 'callback'", name);
  }
  /* base_events.py call_later/call_at refuse None before anything else. */
  if (skip && sl_is_none(args->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    !strcmp(name, "call_at") ? "when cannot be None" : "delay must not be None");
  sl_value cb = args->pos[skip];
  /* base_events.py checks the callback only in debug mode (never on here):
   * a non-callable fails when the handle runs, through the exception
   * handler ("Exception in callback 5()"). */
  const sl_value *cargs = args->pos + skip + 1;
  size_t n = args->npos - skip - 1;
  sl_obj *h;
  if (skip == 0) {
    if (check_open(rt, self)) return -1;
    h = sl_loop_call_soon(rt, cb, cargs, n);
  } else {
    double t;
    sl_value w = sl_num_unbox(args->pos[0]);
    bool number = w.tag == SL_V_INT || w.tag == SL_V_BOOL || w.tag == SL_V_FLOAT;
    if (!number && !strcmp(name, "call_later")) /* call_at(self.time() + delay, ...) */
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported operand type(s) for +: 'float' and '%s'",
                      sl_type_name(w));
    if (sl__aio_number(rt, w, name, &t) || check_open(rt, self)) return -1;
    h = !strcmp(name, "call_at") ? sl_loop_call_at(rt, t, cb, cargs, n)
                                 : sl_loop_call_later(rt, t, cb, cargs, n);
  }
  if (!h) return -1;
  /* Handle(context=None): contextvars.copy_context() */
  sl_handle *hd = sl_as_handle(h);
  if (!sl_is_undef(context) && !sl_is_none(context))
    hd->context = sl_vincref(context);
  else if (rt->context_copy && rt->context_copy(rt, &hd->context)) {
    sl_decref(rt, h);
    return -1;
  }
  *out = sl_obj_val(h);
  return 0;
}

static int loop_call_soon(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return loop_schedule(rt, self, args, "call_soon", 0, out); /* statements: loop_call_soon_stmt */
}
/* `loop.call_soon(cb, ...)` as a statement (sl_cstmt_fn) in loop_call_soon's plain case: no
 * Handle, which nobody could see (one is made only if the callback raises); it runs and is
 * traced as the Handle would be. One callback: the stack's reference moved into the entry. */
static __attribute__((noinline)) int call_soon_args(sl_rt *rt, sl_value *slots, int32_t argc) {
  int rc = sl_loop_call_soon0(rt, slots[1], slots + 2, (size_t)argc - 1);
  for (int32_t i = argc; i > 0; i--) sl_vdecref(rt, slots[i]);
  return rc;
}
static int loop_call_soon_stmt(sl_rt *rt, sl_value *slots, int32_t argc) {
  if (!argc || rt->context_copy || sl__aio_loop_closed(rt, slots[0].u.o)) return SL_CSTMT_PLAIN;
  return argc == 1 ? sl__loop_ready_push(rt, slots[1], sl_undef())
                   : call_soon_args(rt, slots, argc);
}
/* The program has one thread (threads are simulated: DESIGN.md 4), so
 * this is call_soon with its own name in messages; CPython's extra
 * _write_to_self() only wakes a selector that is not sleeping here. */
static int loop_call_soon_threadsafe(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return loop_schedule(rt, self, args, "call_soon_threadsafe", 0, out);
}
static int loop_call_later(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return loop_schedule(rt, self, args, "call_later", 1, out);
}
static int loop_call_at(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return loop_schedule(rt, self, args, "call_at", 1, out);
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
  if (sl__aio_create_task(rt, a[0], a[1], false, out)) return -1;
  if (sl_is_task(*out)) sl_task_set_context(rt, out->u.o, a[2]);
  return 0;
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
  *out = sl_bool(sl__aio_loop_closed(rt, self.u.o));
  return 0;
}

static const sl_cfunc_def loop_methods[] = {
    {"BaseEventLoop.time", loop_time, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.call_soon", loop_call_soon, NULL, SL_CANON_LABEL, .stmt = loop_call_soon_stmt},
    {"BaseEventLoop.call_soon_threadsafe", loop_call_soon_threadsafe, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.call_later", loop_call_later, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.call_at", loop_call_at, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.create_future", loop_create_future, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.create_task", loop_create_task, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.set_task_factory", loop_set_task_factory, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.get_task_factory", loop_get_task_factory, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.stop", loop_stop, "loop.stop", SL_CANON_LABEL},
    {"BaseEventLoop.is_running", loop_is_running, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.is_closed", loop_is_closed, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.run_until_complete", sl__aio_loop_run_until_complete, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.run_forever", sl__aio_loop_run_forever, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.close", sl__aio_loop_close, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.shutdown_asyncgens", sl__aio_loop_shutdown_asyncgens, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.shutdown_default_executor", sl__aio_loop_shutdown_default_executor, NULL,
     SL_CANON_LABEL},
    {"BaseEventLoop.run_in_executor", sl__aio_loop_run_in_executor, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int loopobj_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = sl__aio_loop_attr_get(rt, o, name, out);
  if (r == 0) r = sl_methods_lookup(rt, sl_obj_val(o), loop_methods, name, out);
  if (r == 0) r = sl__io_loop_getattr(rt, sl_obj_val(o), name, out);
  if (r == 0) r = sl__aio_handler_getattr(rt, sl_obj_val(o), name, out);
  if (r == 0) r = sl__io_server_getattr(rt, sl_obj_val(o), name, out);
  if (r < 0) return -1;
  if (r == 0)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                    "'_UnixSelectorEventLoop' object has no attribute '%s'", name);
  return 0;
}

static int loopobj_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<_UnixSelectorEventLoop running=%s closed=%s debug=",
                   rt->loop->running && sl_vm_lang(rt)->loop_obj == o ? "True" : "False",
                   sl__aio_loop_closed(rt, o) ? "True" : "False");
  sl_value debug = sl_undef();
  int rc = sl__aio_loop_debug(rt, o, &debug) || sl_vm_str(rt, debug, out);
  sl_vdecref(rt, debug);
  sl_strbuf_putc(out, '>');
  return rc ? -1 : 0;
}

const sl_type sl__aio_loopobj_type = {.name = "_UnixSelectorEventLoop",
                                      .clear = sl__aio_loopobj_clear,
                                      .repr = loopobj_repr,
                                      .getattr = loopobj_getattr,
                                      .setattr = sl__aio_loop_setattr,
                                      .flags = SL_TF_STABLE_ATTRS,
                                      .size = sizeof(sl_aio_loopobj)};

int sl_asyncio_loop_object(sl_rt *rt, sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L->loop_obj) {
    if (!(L->loop_obj = sl_obj_alloc(rt, &sl__aio_loopobj_type))) return -1;
    ((sl_aio_loopobj *)L->loop_obj)->gen = L->loop_gen;
  }
  *out = sl_obj_val(L->loop_obj);
  return 0;
}

int sl_asyncio_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  /* __class__ is every value's: the generic lookup answers it (type()). */
  if (v.tag != SL_V_OBJ || !strcmp(name, "__class__")) return 0;
  /* asyncio's C coroutines (q.join(), ...): send()/throw() as CPython's. */
  if (sl_is_coro(v) && !v.u.o->type->getattr)
    return sl_methods_lookup(rt, v, sl__coro_methods, name, out);
  const char *tn = NULL;
  if (sl_is_future(v)) {
    int r = sl_methods_lookup(rt, v, sl_is_task(v) ? sl__aio_task_methods : sl__aio_future_methods,
                              name, out);
    if (!r && sl_is_task(v)) r = sl_methods_lookup(rt, v, sl__aio_task_stack_methods, name, out);
    if (!r && !strcmp(name, "_state")) r = sl__aio_future_state(rt, v.u.o, out);
    if (r) return r;
    tn = v.u.o->type->name;
  } else if (sl_is_handle(v)) {
    int r = 0;
    if (sl_as_handle(v.u.o)->is_timer)
      r = sl_methods_lookup(rt, v, sl__aio_timer_methods, name, out);
    if (r == 0) r = sl_methods_lookup(rt, v, sl__aio_handle_methods, name, out);
    if (r) return r;
    tn = sl_as_handle(v.u.o)->is_timer ? "TimerHandle" : "Handle";
  } else {
    return 0;
  }
  sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", tn, name);
  return -1;
}

/* ---- the classes -------------------------------------------------------------
 *
 * asyncio.Queue, asyncio.Lock, ..., asyncio.Future and asyncio.Task are
 * type objects (value.h sl_classdef): repr "<class 'asyncio.queues.Queue'>",
 * type() of an instance, isinstance() (a LifoQueue is a Queue, a Task a
 * Future), issubclass(), calling constructs. Their class attributes are the
 * public methods each class defines in Lib/asyncio (dir(cls) in CPython),
 * as unbound methods: `asyncio.Queue.get(q)` looks `get` up on q and calls
 * it, so the instances' own tables stay the one implementation. Keep these
 * lists in step with the instances' method tables (core/locks.c,
 * queues.c, semaphore.c, barrier.c, taskgroup.c, timeouts.c and the
 * tables above). Properties (Queue.maxsize, Barrier.parties, ...) are not
 * class attributes here. */

/* self is (class, "Queue.get"): the class defining the method and its
 * qualname, whose last part is the instance attribute to call. */
static int unbound_call(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_tuple *info = sl_as_tuple(self.u.o);
  sl_value cls = info->items[0];
  const char *qual = sl_str_cstr(info->items[1].u.o), *dot = strrchr(qual, '.');
  const char *name = dot ? dot + 1 : qual;
  if (!args->npos)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() missing 1 required positional argument: 'self'",
                    qual);
  bool ok;
  if (sl_isinstance1(rt, args->pos[0], cls, &ok)) return -1;
  if (!ok)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name,
                    ((sl_typeobj *)cls.u.o)->cls->fullname, sl_type_name(args->pos[0]));
  sl_value m;
  if (sl_vm_getattr(rt, args->pos[0], name, &m)) return -1;
  sl_args rest = *args;
  rest.pos++;
  rest.npos--;
  int rc = sl_call(rt, m, &rest, out);
  sl_vdecref(rt, m);
  return rc;
}

#define UNBOUND(qual)                                                                              \
  { qual, unbound_call, NULL, SL_CANON_LABEL }
#define UNBOUND_END                                                                                \
  { NULL, NULL, NULL, SL_CANON_LABEL }

static const sl_cfunc_def queue_cls_methods[] = {
    UNBOUND("Queue.put"),
    UNBOUND("Queue.get"),
    UNBOUND("Queue.join"),
    UNBOUND("Queue.put_nowait"),
    UNBOUND("Queue.get_nowait"),
    UNBOUND("Queue.task_done"),
    UNBOUND("Queue.qsize"),
    UNBOUND("Queue.empty"),
    UNBOUND("Queue.full"),
    UNBOUND("Queue.shutdown"),
    UNBOUND_END,
};
#define CM_METHODS                                                                                 \
  UNBOUND("_ContextManagerMixin.__aenter__"), UNBOUND("_ContextManagerMixin.__aexit__")
static const sl_cfunc_def lock_cls_methods[] = {
    UNBOUND("Lock.acquire"),
    UNBOUND("Lock.release"),
    UNBOUND("Lock.locked"),
    CM_METHODS,
    UNBOUND_END,
};
static const sl_cfunc_def event_cls_methods[] = {
    UNBOUND("Event.wait"),   UNBOUND("Event.set"), UNBOUND("Event.clear"),
    UNBOUND("Event.is_set"), UNBOUND_END,
};
/* Condition's acquire/release/locked are the lock's, set per instance in
 * Condition.__init__: not class attributes. */
static const sl_cfunc_def condition_cls_methods[] = {
    UNBOUND("Condition.wait"),
    UNBOUND("Condition.wait_for"),
    UNBOUND("Condition.notify"),
    UNBOUND("Condition.notify_all"),
    CM_METHODS,
    UNBOUND_END,
};
static const sl_cfunc_def semaphore_cls_methods[] = {
    UNBOUND("Semaphore.acquire"),
    UNBOUND("Semaphore.release"),
    UNBOUND("Semaphore.locked"),
    CM_METHODS,
    UNBOUND_END,
};
static const sl_cfunc_def bounded_semaphore_cls_methods[] = {
    UNBOUND("BoundedSemaphore.release"), UNBOUND_END, /* the rest: Semaphore's */
};
static const sl_cfunc_def barrier_cls_methods[] = {
    UNBOUND("Barrier.wait"),       UNBOUND("Barrier.reset"),     UNBOUND("Barrier.abort"),
    UNBOUND("Barrier.__aenter__"), UNBOUND("Barrier.__aexit__"), UNBOUND_END,
};
static const sl_cfunc_def taskgroup_cls_methods[] = {
    UNBOUND("TaskGroup.create_task"),
    UNBOUND("TaskGroup.__aenter__"),
    UNBOUND("TaskGroup.__aexit__"),
    UNBOUND_END,
};
static const sl_cfunc_def timeout_cls_methods[] = {
    UNBOUND("Timeout.when"),       UNBOUND("Timeout.expired"),   UNBOUND("Timeout.reschedule"),
    UNBOUND("Timeout.__aenter__"), UNBOUND("Timeout.__aexit__"), UNBOUND_END,
};
#define FUTURE_CLS_METHODS(CLS)                                                                    \
  UNBOUND(CLS ".result"), UNBOUND(CLS ".exception"), UNBOUND(CLS ".done"),                         \
      UNBOUND(CLS ".cancelled"), UNBOUND(CLS ".cancel"), UNBOUND(CLS ".add_done_callback"),        \
      UNBOUND(CLS ".remove_done_callback"), UNBOUND(CLS ".set_result"),                            \
      UNBOUND(CLS ".set_exception"), UNBOUND(CLS ".get_loop")
static const sl_cfunc_def future_cls_methods[] = {FUTURE_CLS_METHODS("Future"), UNBOUND_END};
/* CPython's Task has its own copies of Future's methods (Task.result). */
static const sl_cfunc_def task_cls_methods[] = {
    UNBOUND("Task.get_name"),
    UNBOUND("Task.set_name"),
    UNBOUND("Task.cancelling"),
    UNBOUND("Task.uncancel"),
    UNBOUND("Task.get_coro"),
    FUTURE_CLS_METHODS("Task"),
    UNBOUND_END,
};
static const sl_cfunc_def handle_cls_methods[] = {
    UNBOUND("Handle.cancel"),
    UNBOUND("Handle.cancelled"),
    UNBOUND_END,
};
static const sl_cfunc_def timer_cls_methods[] = {UNBOUND("TimerHandle.when"), UNBOUND_END};

/* Handles are made by the loop (call_soon, call_later, call_at) only. */
static int handle_ctor(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "simloop makes asyncio.%s objects only through loop.call_soon, call_later and "
                  "call_at",
                  ((sl_typeobj *)self.u.o)->name);
}
static const sl_cfunc_def handle_ctor_def = {"Handle", handle_ctor, NULL, SL_CANON_LABEL};

static int class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out);

/* The type lists: each class's own sl_type first, then its subclasses'. */
#define TYPES(...) ((const sl_type *const[]){__VA_ARGS__, NULL})
enum {
  C_FUTURE,
  C_TASK,
  C_GATHERING,
  C_QUEUE,
  C_LIFO,
  C_PRIORITY,
  C_LOCK,
  C_EVENT,
  C_CONDITION,
  C_SEMAPHORE,
  C_BOUNDED,
  C_BARRIER,
  C_TASKGROUP,
  C_TIMEOUT,
  C_HANDLE,
  C_TIMER,
  C_STREAM_READER,
  C_STREAM_WRITER,
  C_LOOP, /* before its bases: type(loop) is the first class listing its type */
  C_BASE_LOOP,
  C_ABSTRACT_LOOP,
  C__COUNT
};
static const sl_classdef classes[C__COUNT] = {
    [C_FUTURE] = {"_asyncio.Future", "_asyncio", "Future",
                  TYPES(&sl_future_type, &sl_task_type, &sl_gathering_future_type), NULL,
                  &sl__aio_future_ctor, class_getattr},
    [C_TASK] = {"_asyncio.Task", "_asyncio", "Task", TYPES(&sl_task_type), &classes[C_FUTURE],
                &sl__aio_task_ctor, class_getattr},
    /* Not a name of the asyncio module: only type(gather(...)) shows it. */
    [C_GATHERING] = {"asyncio.tasks._GatheringFuture", "asyncio.tasks", "_GatheringFuture",
                     TYPES(&sl_gathering_future_type), &classes[C_FUTURE], NULL, class_getattr},
    [C_QUEUE] = {"asyncio.queues.Queue", "asyncio.queues", "Queue",
                 TYPES(&sl_queue_type, &sl_lifo_queue_type, &sl_priority_queue_type), NULL,
                 &sl__aio_queue_ctor, class_getattr},
    [C_LIFO] = {"asyncio.queues.LifoQueue", "asyncio.queues", "LifoQueue",
                TYPES(&sl_lifo_queue_type), &classes[C_QUEUE], &sl__aio_lifo_queue_ctor,
                class_getattr},
    [C_PRIORITY] = {"asyncio.queues.PriorityQueue", "asyncio.queues", "PriorityQueue",
                    TYPES(&sl_priority_queue_type), &classes[C_QUEUE], &sl__aio_priority_queue_ctor,
                    class_getattr},
    [C_LOCK] = {"asyncio.locks.Lock", "asyncio.locks", "Lock", TYPES(&sl_lock_type), NULL,
                &sl__aio_lock_ctor, class_getattr},
    [C_EVENT] = {"asyncio.locks.Event", "asyncio.locks", "Event", TYPES(&sl_event_type), NULL,
                 &sl__aio_event_ctor, class_getattr},
    [C_CONDITION] = {"asyncio.locks.Condition", "asyncio.locks", "Condition",
                     TYPES(&sl_condition_type), NULL, &sl__aio_condition_ctor, class_getattr},
    [C_SEMAPHORE] = {"asyncio.locks.Semaphore", "asyncio.locks", "Semaphore",
                     TYPES(&sl_semaphore_type, &sl_bounded_semaphore_type), NULL,
                     &sl__aio_semaphore_ctor, class_getattr},
    [C_BOUNDED] = {"asyncio.locks.BoundedSemaphore", "asyncio.locks", "BoundedSemaphore",
                   TYPES(&sl_bounded_semaphore_type), &classes[C_SEMAPHORE],
                   &sl__aio_bounded_semaphore_ctor, class_getattr},
    [C_BARRIER] = {"asyncio.locks.Barrier", "asyncio.locks", "Barrier", TYPES(&sl_barrier_type),
                   NULL, &sl__aio_barrier_ctor, class_getattr},
    [C_TASKGROUP] = {"asyncio.taskgroups.TaskGroup", "asyncio.taskgroups", "TaskGroup",
                     TYPES(&sl_taskgroup_type), NULL, &sl__aio_taskgroup_ctor, class_getattr},
    [C_TIMEOUT] = {"asyncio.timeouts.Timeout", "asyncio.timeouts", "Timeout",
                   TYPES(&sl_timeout_type), NULL, &sl__aio_timeout_ctor, class_getattr},
    [C_HANDLE] = {"asyncio.events.Handle", "asyncio.events", "Handle",
                  TYPES(&sl_handle_type, &sl_timer_handle_type), NULL, &handle_ctor_def,
                  class_getattr},
    [C_TIMER] = {"asyncio.events.TimerHandle", "asyncio.events", "TimerHandle",
                 TYPES(&sl_timer_handle_type), &classes[C_HANDLE], &handle_ctor_def, class_getattr},
    [C_STREAM_READER] = {"asyncio.streams.StreamReader", "asyncio.streams", "StreamReader",
                         TYPES(&sl__stream_reader_type), NULL, &sl__aio_stream_reader_def,
                         class_getattr},
    [C_STREAM_WRITER] = {"asyncio.streams.StreamWriter", "asyncio.streams", "StreamWriter",
                         TYPES(&sl__stream_writer_type), NULL, &sl__aio_stream_writer_def,
                         class_getattr},
    /* The loop's classes, for type(loop), isinstance and annotations; the
     * simulated machine makes a SelectorEventLoop as new_event_loop() does,
     * and the abstract bases have no constructor. */
    [C_LOOP] = {"asyncio.unix_events._UnixSelectorEventLoop", "asyncio.unix_events",
                "_UnixSelectorEventLoop", TYPES(&sl__aio_loopobj_type), &classes[C_BASE_LOOP],
                &sl__aio_selector_loop_ctor, NULL},
    [C_BASE_LOOP] = {"asyncio.base_events.BaseEventLoop", "asyncio.base_events", "BaseEventLoop",
                     TYPES(&sl__aio_loopobj_type), &classes[C_ABSTRACT_LOOP], NULL, NULL},
    [C_ABSTRACT_LOOP] = {"asyncio.events.AbstractEventLoop", "asyncio.events", "AbstractEventLoop",
                         TYPES(&sl__aio_loopobj_type), NULL, NULL, NULL},
};
static const sl_cfunc_def *const class_methods[C__COUNT] = {
    [C_FUTURE] = future_cls_methods,
    [C_TASK] = task_cls_methods,
    [C_GATHERING] = NULL,
    [C_QUEUE] = queue_cls_methods,
    [C_LIFO] = NULL,
    [C_PRIORITY] = NULL,
    [C_LOCK] = lock_cls_methods,
    [C_EVENT] = event_cls_methods,
    [C_CONDITION] = condition_cls_methods,
    [C_SEMAPHORE] = semaphore_cls_methods,
    [C_BOUNDED] = bounded_semaphore_cls_methods,
    [C_BARRIER] = barrier_cls_methods,
    [C_TASKGROUP] = taskgroup_cls_methods,
    [C_TIMEOUT] = timeout_cls_methods,
    [C_HANDLE] = handle_cls_methods,
    [C_TIMER] = timer_cls_methods,
    [C_STREAM_READER] = NULL,
    [C_STREAM_WRITER] = NULL,
    [C_LOOP] = NULL,
    [C_BASE_LOOP] = NULL,
    [C_ABSTRACT_LOOP] = NULL,
};

/* The methods the class or one of its bases defines, nearest first (Task's
 * own copies before Future's). */
static int class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  for (const sl_classdef *cd = ((sl_typeobj *)cls)->cls; cd; cd = cd->base) {
    const sl_cfunc_def *table = class_methods[cd - classes];
    for (const sl_cfunc_def *d = table; d && d->name; d++) {
      const char *dot = strrchr(d->name, '.');
      if (strcmp(dot ? dot + 1 : d->name, name)) continue;
      /* Queue.shutdown exists from 3.13 (profile queue_shutdown). */
      if (!rt->profile->queue_shutdown && !strcmp(d->name, "Queue.shutdown")) return 0;
      /* The method belongs to the class defining it (LifoQueue.get is
       * Queue.get, which takes any Queue). */
      sl_value owner;
      if (sl_typeobj_of_class(rt, cd, &owner)) return -1;
      sl_obj *q = sl_str_from_cstr(rt, d->name);
      sl_value info[2] = {owner, q ? sl_obj_val(q) : sl_none()};
      sl_obj *tup = q ? sl_tuple_new(rt, info, 2) : NULL;
      sl_vdecref(rt, owner);
      sl_decref(rt, q);
      sl_obj *f = tup ? sl_cfunc_new(rt, d, sl_obj_val(tup)) : NULL;
      sl_decref(rt, tup);
      if (!f) return -1;
      *out = sl_obj_val(f);
      return 1;
    }
  }
  return 0;
}

const sl_classdef *sl_asyncio_classdef_of(const sl_type *t) {
  for (size_t i = 0; i < C__COUNT; i++)
    if (classes[i].types[0] == t) return &classes[i];
  return sl__aio_more_classdef_of(t);
}

int sl__aio_bind_classes(sl_rt *rt, sl_obj *d) {
  for (size_t i = 0; i < C__COUNT; i++) {
    if (i == C_GATHERING) continue;
    sl_value cls;
    if (sl_typeobj_of_class(rt, &classes[i], &cls)) return -1;
    int rc = sl_asyncio_module_add(rt, d, i == C_LOOP ? "SelectorEventLoop" : classes[i].name, cls);
    sl_vdecref(rt, cls);
    if (rc) return -1;
  }
  return 0;
}
