/* Internals shared by asyncio_mod.c and asyncio_objs.c. Not installed. */
#ifndef SL_LANG_ASYNCIO_INT_H
#define SL_LANG_ASYNCIO_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cfunc.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/object.h"
#include "core/rt.h"

/* A delay/time argument as a double; TypeError for non-numbers. */
int sl__aio_number(sl_rt *rt, sl_value v, const char *what, double *out);
/* RuntimeError('no running event loop') unless the loop runs. */
int sl__aio_running(sl_rt *rt);
/* What events.get_event_loop() would do, for its effect: 0 when the loop
 * runs or there is a current loop to use (creating the implicit one where
 * the profile does), else RuntimeError. ensure_future and gather use it
 * for a coroutine given outside a running loop. */
int sl__aio_event_loop(sl_rt *rt);
bool sl__aio_callable(sl_value v);
/* asyncio.sleep(delay, result=None): the coroutine (core/sleep.h). */
int sl__aio_sleep(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
/* Whether fn (borrowed) is asyncio.sleep and a call of it with n
 * positional arguments binds them (delay and result). */
static inline bool sl__aio_is_sleep(sl_value fn, int32_t n) {
  return fn.tag == SL_V_OBJ && fn.u.o->type == &sl_cfunc_type &&
         sl_as_cfunc(fn.u.o)->def->fn == sl__aio_sleep && (n == 1 || n == 2);
}
/* For such a call with the arguments argv (borrowed): whether the
 * coroutine it makes, awaited, would only suspend its awaiter once at a
 * bare yield and then return None (tasks.py: `if delay <= 0: await
 * __sleep0(); return result` with a plain number <= 0 and result None):
 * what sl_sleep_take_bare_yield takes, known before the call. Anything
 * else (a number's subclass, NaN, a result) is no. */
static inline bool sl__aio_sleep_is_bare(const sl_value *argv, int32_t n) {
  if (n != 1 && argv[1].tag != SL_V_NONE) return false;
  switch (argv[0].tag) {
  case SL_V_INT: return argv[0].u.i <= 0;
  case SL_V_FLOAT: return argv[0].u.f <= 0;
  case SL_V_BOOL: return !argv[0].u.b;
  default: return false;
  }
}
/* For such a call: whether the delay is a plain number > 0 (not NaN, not
 * a subclass), *delay set: the coroutine's first pass would schedule its
 * timer and wait (what sl_sleep_now runs). */
static inline bool sl__aio_sleep_is_timed(const sl_value *argv, double *delay) {
  switch (argv[0].tag) {
  case SL_V_INT: *delay = (double)argv[0].u.i; break;
  case SL_V_FLOAT: *delay = argv[0].u.f; break;
  case SL_V_BOOL: *delay = argv[0].u.b; break;
  default: return false;
  }
  return *delay > 0;
}
sl_obj *sl__aio_name(sl_rt *rt, sl_value v);
/* create_task for asyncio.create_task (module_api) or loop.create_task. */
int sl__aio_create_task(sl_rt *rt, sl_value coro, sl_value name, bool module_api, sl_value *out);
/* tasks._wrap_awaitable (asyncio_wrap.c): for an object with __await__
 * that is not a future or coroutine, the coroutine awaiting it that
 * ensure_future() gives a Task: 1 (*out new reference), 0 v is not such
 * an object, -1 error. */
int sl__aio_wrap_awaitable(sl_rt *rt, sl_value v, sl_value *out);
extern const sl_cfunc_def sl__aio_eager_factory_def;

/* Constructors of the asyncio classes (asyncio_mod.c, asyncio_sync.c),
 * called through the classes' type objects (asyncio_objs.c). Their names
 * are what a handle running one is named in traces ("user Queue"). */
extern const sl_cfunc_def sl__aio_future_ctor, sl__aio_task_ctor, sl__aio_taskgroup_ctor,
    sl__aio_queue_ctor, sl__aio_lifo_queue_ctor, sl__aio_priority_queue_ctor, sl__aio_lock_ctor,
    sl__aio_event_ctor, sl__aio_condition_ctor, sl__aio_semaphore_ctor,
    sl__aio_bounded_semaphore_ctor, sl__aio_barrier_ctor, sl__aio_timeout_ctor,
    sl__aio_selector_loop_ctor;
/* Event loop objects (asyncio_loop.c): each is bound to the engine loop
 * for one generation (sl_lang.loop_gen). */
typedef struct sl_aio_loopobj {
  sl_obj hdr;
  uint32_t gen;     /* the generation it was created for */
  bool closed;      /* close() was called on it (or asyncio.run closed it) */
  sl_value handler; /* owned: set_exception_handler's; SL_V_UNDEF/None: default */
  sl_obj *attrs;    /* owned dict of the attributes the program set, or NULL */
} sl_aio_loopobj;
/* The loop object, or the engine loop of its generation, is closed.
 * Inline: every loop.call_soon asks it; the engine loop's flag first, so
 * that while it is open the generation is not read. */
static inline bool sl__aio_loop_closed(sl_rt *rt, sl_obj *loop) {
  const sl_aio_loopobj *lo = (const sl_aio_loopobj *)loop;
  return lo->closed || (rt->loop->closed && lo->gen == sl_vm_lang(rt)->loop_gen);
}
/* The loop object's data attributes (asyncio_loop.c): what the program set
 * (`loop.slow_callback_duration = 0.25`), else BaseEventLoop's defaults
 * (slow_callback_duration 0.1). Get: 1 found (*out new reference), 0
 * another name, -1 error. Set: 0 or -1 with an error. */
int sl__aio_loop_attr_get(sl_rt *rt, sl_obj *loop, const char *name, sl_value *out);
int sl__aio_loop_setattr(sl_rt *rt, sl_obj *loop, const char *name, sl_value v);
/* The loop's exception-handler and debug-flag methods (asyncio_handler.c):
 * 1 found, 0 another name, -1 error; the engine hook
 * (sl_rt.lang_exc_handler); get_debug()'s value (new reference). */
int sl__aio_loop_debug(sl_rt *rt, sl_obj *loop, sl_value *out);
int sl__aio_handler_getattr(sl_rt *rt, sl_value loop, const char *name, sl_value *out);
int sl__aio_exc_handler_hook(sl_rt *rt, const char *message, sl_obj *exc, const char *key,
                             sl_obj *obj);
void sl__aio_loopobj_clear(sl_rt *rt, sl_obj *o);
extern const sl_type sl__aio_loopobj_type;
/* A new loop object of a new generation (new reference in *out). */
int sl__aio_loop_claim(sl_rt *rt, sl_obj **out);
int sl__aio_loop_run_until_complete(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__aio_loop_run_forever(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__aio_loop_close(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__aio_loop_shutdown_asyncgens(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__aio_loop_shutdown_default_executor(sl_rt *rt, sl_value self, const sl_args *args,
                                           sl_value *out);
int sl__aio_loop_run_in_executor(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
/* asyncio.to_thread (asyncio_threads.c). */
extern const sl_cfunc_def sl__aio_to_thread_def, sl__aio_wrap_future_def;
/* asyncio_threads.c: wrap_future, run_in_executor and set_default_executor
 * with a concurrent.futures executor (core/pool.h). 0 or -1. */
int sl__aio_wrap_future(sl_rt *rt, sl_value source, sl_value *out);
int sl__aio_run_in(sl_rt *rt, sl_value executor, sl_value fn, const sl_args *args, sl_value *out);
int sl__aio_set_default_executor(sl_rt *rt, sl_value executor);
/* asyncio.Runner (asyncio_runner.c). */
extern const sl_cfunc_def sl__aio_runner_def;
/* set_event_loop(loop) (NULL: None), for the Runner. */
void sl__aio_set_current(sl_rt *rt, sl_obj *loop);
/* The loop object is closed for good (its Runner or asyncio.run ended). */
void sl__aio_loop_mark_closed(sl_obj *loop);
/* Adds the asyncio classes (type objects) to the module dict: asyncio_objs.c. */
int sl__aio_bind_classes(sl_rt *rt, sl_obj *module_dict);
/* Adds BaseProtocol, Protocol, ... (asyncio_protocols.c). */
int sl__aio_bind_protocols(sl_rt *rt, sl_obj *module_dict);
/* transports.py's classes into asyncio's dict, once (asyncio.transports'
 * init). 0 or -1. */
int sl__aio_bind_transports(sl_rt *rt, sl_obj *module_dict);
/* A name of asyncio's that is made on first use (the transport classes):
 * 1 found (*out new reference, now in the dict), 0 not such a name, -1. */
int sl__aio_lazy_attr(sl_rt *rt, sl_obj *module_dict, const char *name, sl_value *out);

/* Task.get_stack and Task.print_stack (asyncio_stack.c). */
extern const sl_cfunc_def sl__aio_task_stack_methods[];
/* asyncio_futobj.c: the methods of a Future, a Task (before Future's),
 * a Handle and a TimerHandle (before Handle's); NULL-terminated. */
extern const sl_cfunc_def sl__aio_future_methods[], sl__aio_task_methods[];
extern const sl_cfunc_def sl__aio_handle_methods[], sl__aio_timer_methods[];
/* Future._state: 'PENDING', 'CANCELLED' or 'FINISHED' (new str). 1, or -1
 * out of memory (asyncio_stack.c). */
int sl__aio_future_state(sl_rt *rt, sl_obj *fut, sl_value *out);

/* The engine classes asyncio_objs.c's table has no room for
 * (modules/mod_asyncio_sub.c: asyncio.trsock.TransportSocket), or NULL. */
const struct sl_classdef *sl__aio_more_classdef_of(const sl_type *t);

#endif
