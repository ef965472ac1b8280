/* Binds Lib/asyncio/{locks,queues,timeouts,taskgroups}.py and the
 * combinators of tasks.py (shield, wait, wait_for, as_completed) into the
 * scenario's `asyncio` module: argument parsing with CPython's TypeError
 * texts, then a call into core/. */
#include "core/lang/asyncio_sync.h"

#include "core/as_completed.h"
#include "core/barrier.h"
#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/value.h"
#include "core/locks.h"
#include "core/queues.h"
#include "core/rt.h"
#include "core/semaphore.h"
#include "core/shield.h"
#include "core/str.h"
#include "core/taskgroup.h"
#include "core/timeouts.h"
#include "core/wait.h"
#include "core/wait_for.h"

static int ret_obj(sl_obj *o, sl_value *out) {
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

#define BIND(fname, names, nreq, npos)                                                             \
  sl_value a[sizeof names / sizeof names[0]];                                                      \
  if (sl_args_bind(rt, args, fname, names, sizeof names / sizeof names[0], nreq, npos, a)) return -1
/* The same for a class whose __init__ CPython writes in Python. */
#define BIND_INIT(fname, names, nreq, npos)                                                        \
  sl_value a[sizeof names / sizeof names[0]];                                                      \
  if (sl_args_bind_pymethod(rt, args, fname, names, sizeof names / sizeof names[0], nreq, npos,    \
                            a))                                                                    \
  return -1

static sl_value or_none(sl_value v) { return sl_is_undef(v) ? sl_none() : v; }

/* ---- as_completed's iterator: the language sees a generator (≤3.12) or an
 * _AsCompletedIterator (3.13+) wrapping the core object. ------------------ */

typedef struct ac_iter {
  sl_obj hdr;
  sl_obj *ac; /* owned sl_as_completed */
} ac_iter;

static void ac_iter_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((ac_iter *)o)->ac);
  ((ac_iter *)o)->ac = NULL;
}

static int ac_iter_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_incref(o);
  *out = sl_obj_val(o);
  return 0;
}

static int ac_iter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  return sl_as_completed_next(rt, ((ac_iter *)o)->ac, out);
}

static const sl_lang_slots ac_iter_slots = {.iter = ac_iter_iter, .next = ac_iter_next};

static const sl_type ac_generator_type = {
    .name = "generator", .clear = ac_iter_clear, .lang = &ac_iter_slots, .size = sizeof(ac_iter)};
static const sl_type ac_iterator_type = {.name = "_AsCompletedIterator",
                                         .clear = ac_iter_clear,
                                         .lang = &ac_iter_slots,
                                         .size = sizeof(ac_iter)};

static int f_as_completed(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"fs", "timeout"};
  BIND("as_completed", names, 1, 1);
  sl_obj *ac = sl_as_completed_new(rt, a[0], or_none(a[1]));
  if (!ac) return -1;
  sl_obj *it =
      sl_obj_alloc(rt, rt->profile->as_completed_iterator ? &ac_iterator_type : &ac_generator_type);
  if (!it) {
    sl_decref(rt, ac);
    return -1;
  }
  ((ac_iter *)it)->ac = ac;
  *out = sl_obj_val(it);
  return 0;
}

/* ---- functions ------------------------------------------------------------------ */

static int f_shield(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"arg"};
  BIND("shield", names, 1, 1);
  sl_value wrapped;
  int w = sl__aio_wrap_awaitable(rt, a[0], &wrapped);
  if (w < 0) return -1;
  sl_obj *r = sl_shield(rt, w ? wrapped : a[0]);
  if (w) sl_vdecref(rt, wrapped);
  return ret_obj(r, out);
}

static int f_wait(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"fs", "timeout", "return_when"};
  BIND("wait", names, 1, 1);
  sl_value when = a[2];
  sl_obj *dflt = NULL;
  if (sl_is_undef(when)) {
    dflt = sl_str_from_cstr(rt, SL_ALL_COMPLETED);
    if (!dflt) return -1;
    when = sl_obj_val(dflt);
  }
  sl_obj *co = sl_wait(rt, a[0], or_none(a[1]), when);
  sl_decref(rt, dflt);
  return ret_obj(co, out);
}

static int f_wait_for(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"fut", "timeout"};
  BIND("wait_for", names, 2, 2);
  /* 3.11's wait_for ensure_future()s its argument (3.12 awaits it in a
   * coroutine of its own, which the wrapper stands for as well). */
  sl_value wrapped;
  int w = sl__aio_wrap_awaitable(rt, a[0], &wrapped);
  if (w < 0) return -1;
  sl_obj *r = sl_wait_for(rt, w ? wrapped : a[0], a[1]);
  if (w) sl_vdecref(rt, wrapped);
  return ret_obj(r, out);
}

static int f_timeout(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"delay"};
  BIND("timeout", names, 1, 1);
  return ret_obj(sl_timeout_after(rt, a[0]), out);
}

static int f_timeout_at(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"when"};
  BIND("timeout_at", names, 1, 1);
  return ret_obj(sl_timeout_new(rt, a[0]), out);
}

/* Timeout(when): the class asyncio.timeout_at() instantiates. */
static int f_timeout_cls(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"when"};
  BIND("Timeout.__init__", names, 1, 1);
  return ret_obj(sl_timeout_new(rt, a[0]), out);
}

static int f_taskgroup(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self"};
  if (sl_args_bind_pymethod(rt, args, "TaskGroup.__init__", names, 0, 0, 0, NULL)) return -1;
  return ret_obj(sl_taskgroup_new(rt), out);
}

static int new_queue(sl_rt *rt, const sl_args *args, const sl_type *type, sl_value *out) {
  static const char *const names[] = {"maxsize"};
  BIND_INIT("Queue.__init__", names, 0, 1); /* LifoQueue, PriorityQueue inherit it */
  return ret_obj(sl_queue_new(rt, type, sl_is_undef(a[0]) ? sl_int(0) : a[0]), out);
}

static int f_queue(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return new_queue(rt, args, &sl_queue_type, out);
}
static int f_lifo_queue(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return new_queue(rt, args, &sl_lifo_queue_type, out);
}
static int f_priority_queue(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return new_queue(rt, args, &sl_priority_queue_type, out);
}

static int f_lock(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind_pymethod(rt, args, "Lock.__init__", NULL, 0, 0, 0, NULL)) return -1;
  return ret_obj(sl_lock_new(rt), out);
}

static int f_event(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind_pymethod(rt, args, "Event.__init__", NULL, 0, 0, 0, NULL)) return -1;
  return ret_obj(sl_event_new(rt), out);
}

static int f_condition(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"lock"};
  BIND_INIT("Condition.__init__", names, 0, 1);
  sl_obj *lock = NULL;
  if (!sl_is_undef(a[0]) && !sl_is_none(a[0])) {
    if (!sl_is_type(a[0], &sl_lock_type))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "Condition() needs an asyncio.Lock, not %s",
                      sl_type_name(a[0]));
    lock = a[0].u.o;
  }
  return ret_obj(sl_condition_new(rt, lock), out);
}

static int new_semaphore(sl_rt *rt, const sl_args *args, bool bounded, sl_value *out) {
  static const char *const names[] = {"value"};
  BIND_INIT(bounded ? "BoundedSemaphore.__init__" : "Semaphore.__init__", names, 0, 1);
  int64_t value = 1;
  if (!sl_is_undef(a[0])) {
    if (a[0].tag == SL_V_INT)
      value = a[0].u.i;
    else if (a[0].tag == SL_V_BOOL)
      value = a[0].u.b;
    else
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "'<' not supported between instances of '%s' and 'int'", sl_type_name(a[0]));
  }
  return ret_obj(sl_semaphore_new(rt, value, bounded), out);
}

static int f_semaphore(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return new_semaphore(rt, args, false, out);
}
static int f_bounded_semaphore(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return new_semaphore(rt, args, true, out);
}

/* Barrier(parties): the checks (`parties < 1`) are Barrier.__init__'s. */
static int f_barrier(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"parties"};
  BIND_INIT("Barrier.__init__", names, 1, 1);
  return ret_obj(sl_barrier_new(rt, a[0]), out);
}

static const sl_cfunc_def functions[] = {
    {"shield", f_shield, NULL, SL_CANON_LABEL},
    {"wait", f_wait, NULL, SL_CANON_LABEL},
    {"wait_for", f_wait_for, NULL, SL_CANON_LABEL},
    {"as_completed", f_as_completed, NULL, SL_CANON_LABEL},
    {"timeout", f_timeout, NULL, SL_CANON_LABEL},
    {"timeout_at", f_timeout_at, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* The constructors of the classes: their type objects (asyncio_objs.c)
 * call these. */
const sl_cfunc_def sl__aio_taskgroup_ctor = {"TaskGroup", f_taskgroup, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_queue_ctor = {"Queue", f_queue, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_lifo_queue_ctor = {"LifoQueue", f_lifo_queue, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_priority_queue_ctor = {"PriorityQueue", f_priority_queue, NULL,
                                                  SL_CANON_LABEL};
const sl_cfunc_def sl__aio_lock_ctor = {"Lock", f_lock, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_event_ctor = {"Event", f_event, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_condition_ctor = {"Condition", f_condition, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_semaphore_ctor = {"Semaphore", f_semaphore, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_bounded_semaphore_ctor = {"BoundedSemaphore", f_bounded_semaphore, NULL,
                                                     SL_CANON_LABEL};
const sl_cfunc_def sl__aio_barrier_ctor = {"Barrier", f_barrier, NULL, SL_CANON_LABEL};
const sl_cfunc_def sl__aio_timeout_ctor = {"Timeout", f_timeout_cls, NULL, SL_CANON_LABEL};

int sl_asyncio_bind_sync(sl_rt *rt, sl_obj *module_dict) {
  for (const sl_cfunc_def *d = functions; d->name; d++) {
    sl_obj *f = sl_cfunc_new(rt, d, sl_undef());
    if (!f) return -1;
    int rc = sl_dict_set_str(rt, module_dict, d->name, sl_obj_val(f));
    sl_decref(rt, f);
    if (rc) return -1;
  }
  static const struct {
    const char *name;
    sl_exc_id id;
  } classes[] = {{"QueueEmpty", SL_EXC_QUEUE_EMPTY},
                 {"QueueFull", SL_EXC_QUEUE_FULL},
                 {"QueueShutDown", SL_EXC_QUEUE_SHUTDOWN},
                 {"BrokenBarrierError", SL_EXC_BROKEN_BARRIER_ERROR}};
  for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
    if (classes[i].id == SL_EXC_QUEUE_SHUTDOWN && !rt->profile->queue_shutdown) continue;
    if (sl_dict_set_str(rt, module_dict, classes[i].name, sl_obj_val(rt->classes[classes[i].id])))
      return -1;
  }
  static const char *const consts[] = {SL_FIRST_COMPLETED, SL_FIRST_EXCEPTION, SL_ALL_COMPLETED};
  for (size_t i = 0; i < 3; i++) {
    sl_obj *s = sl_str_from_cstr(rt, consts[i]);
    if (!s) return -1;
    int rc = sl_dict_set_str(rt, module_dict, consts[i], sl_obj_val(s));
    sl_decref(rt, s);
    if (rc) return -1;
  }
  return 0;
}
