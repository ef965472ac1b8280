/* The event loop: mirrors Lib/asyncio/base_events.py (BaseEventLoop).
 *
 * The loop owns the ready queue (a FIFO of handles and of calls queued
 * without a handle object: sl_ready_entry) and the timer heap (a
 * binary heap with exactly heapq's sift rules, since equal deadlines are not
 * FIFO and their order is observable). Time and I/O come from a selector
 * installed by the embedder (sim/ provides the virtual one). */
#ifndef SL_LOOP_H
#define SL_LOOP_H

#include <stdint.h>

#include "core/alloc.h"
#include "core/io/backend.h"
#include "core/io/iomap.h"
#include "core/object.h"
#include "core/pool.h"
#include "core/rt.h"

typedef struct sl_task sl_task;
typedef struct sl_loop sl_loop;

/* base_events.py constants */
#define SL_MIN_SCHEDULED_TIMER_HANDLES          100
#define SL_MIN_CANCELLED_TIMER_HANDLES_FRACTION 0.5
#define SL_MAXIMUM_SELECT_TIMEOUT               (24 * 3600)

/* The backend that supplies time and waits: the simulated selector. */
typedef struct sl_selector {
  void *ctx;
  double (*time)(void *ctx);
  /* Waits for I/O or `timeout` seconds (has_timeout false: forever). Returns
   * 0, or -1 after sl_rt_fatal (e.g. SL_EDEADLOCK when waiting forever with
   * nothing that could ever arrive). */
  int (*select)(void *ctx, sl_rt *rt, bool has_timeout, double timeout);
  /* Called after each handle ran (a schedule may charge it virtual time),
   * except while the loop's quiet_handles lasts. */
  void (*handle_done)(void *ctx, sl_rt *rt);
  /* The simulated environment (DESIGN.md 4): time.sleep(dt) blocks, the
   * clock jumps by dt and nothing else runs. NULL: the clock stays. */
  void (*advance)(void *ctx, sl_rt *rt, double dt);
  /* A `seed` decision (random seeded before the module body, and by
   * random.seed() without an argument). NULL: the default 0. */
  uint64_t (*seed)(void *ctx, sl_rt *rt);
  /* The simulated network's socket operations (core/io/backend.h), called
   * with `ctx`; NULL when the embedder offers no network. select() reports
   * ready descriptors with sl_loop_io_event before it returns. */
  const sl_io_backend *io;
  /* A `thread` decision: seconds a job given to the simulated pool takes
   * (core/pool.h). NULL: the default 0. */
  double (*thread)(void *ctx, sl_rt *rt);
} sl_selector;

/* One timer in the heap: its deadline is kept beside the handle, so that
 * sifting compares without reading the handles (a TimerHandle's `when`
 * never changes). */
typedef struct sl_timer_entry {
  double when;
  sl_obj *handle; /* owned TimerHandle */
} sl_timer_entry;

/* One entry of the ready queue. A handle someone can name (call_soon's
 * result, a due TimerHandle, a reader's handle) waits as itself. A call
 * nobody can name (sl_loop_call_soon0 with at most one argument: a task's
 * step, a future's done callback) waits as its parts, so that scheduling
 * it allocates nothing; it becomes a Handle object only when the program
 * must see one (an exception in the callback: the handler's
 * context['handle']). Both run and appear in traces the same way. */
typedef struct sl_ready_entry {
  /* What runs, told by its tag. A value's tag (sl_vtag): a plain call,
   * `call` its callback (owned). Else one of the kinds below, `call.u.o`
   * owned: SL_READY_HANDLE a Handle; SL_READY_STEP a task's step without
   * an argument (its Task.__step callable: sl__task_step); SL_READY_WAKEUP
   * a task's wakeup (its wakeup callable, `arg` the future:
   * sl__task_wakeup). The kind shares the callback's tag word, so a plain
   * call is one test and an entry two values (32 bytes, four stores). */
  sl_value call;
  sl_value arg; /* owned; undef: called without an argument (always for a Handle) */
} sl_ready_entry;

/* The kinds: above every sl_vtag, so that one compare tells them from a
 * plain call's callback. */
#define SL_READY_HANDLE ((sl_vtag)16)
#define SL_READY_STEP   ((sl_vtag)17)
#define SL_READY_WAKEUP ((sl_vtag)18)
static inline bool sl__ready_is_kind(sl_vtag tag) { return tag >= SL_READY_HANDLE; }

struct sl_loop {
  sl_obj hdr;
  sl_ready_entry *ready; /* owned entries: ring buffer */
  size_t ready_head, ready_len, ready_cap;
  /* owned, or NULL: a Handle that ran while nothing else referred to it,
   * its callback, arguments and context dropped, kept for the next
   * handle (sl_handle_new), so the common call_soon neither allocates
   * nor frees (sl__handle_done_running). */
  sl_obj *spare_handle;
  /* owned, or NULL until first asked for: futures._set_result_unless_cancelled
   * (sleep.h), one function object for every sleep, as in CPython. */
  sl_obj *set_result_unless_cancelled;
  sl_timer_entry *scheduled; /* heapq array */
  size_t nscheduled, capscheduled;
  int64_t timer_cancelled_count; /* _timer_cancelled_count, drift included */
  bool stopping, running, closed;
  /* Handles that may still run without a call of selector.handle_done
   * after them, counted down: the selector grants them (from handle_done)
   * when nothing it watches can change but through its own hooks, which
   * take the grant back (set 0). While a grant lasts, a select with
   * timeout 0 while the pool has no job and no descriptor is registered
   * would do nothing either, and is not made. Saves an indirect call per
   * handle and per step. */
  uint32_t quiet_handles;
  uint64_t step;           /* _run_once calls so far */
  uint32_t handle_pos;     /* index of the running handle in its step */
  double clock_resolution; /* pinned to 1e-9 */
  sl_selector selector;
  sl_task *current_task;                /* borrowed */
  sl_task *pending_head, *pending_tail; /* tasks not done, creation order */
  uint64_t max_steps;                   /* 0: unlimited */
  bool eager_factory;                   /* set_task_factory(eager_task_factory) */
  bool has_task_factory;                /* any task factory installed */
  sl_iomap io;                          /* readers and writers by descriptor */
  sl_pool pool;                         /* the simulated default executor */
  /* A call queued without a handle and without an argument, whose
   * callback's type is `held0_type`, is made by `held0(fn)`: as the type's
   * call with no arguments, for a caller that holds a reference to fn
   * until it returns (the ready entry's), so the callee need not take
   * one. The caller checks the recursion bound; held0 raises the depth
   * around the call, and drops the call's result before it returns (the
   * loop never reads it). Both NULL until the language installs them (a
   * Python function: its frame run without the generic call's binding). */
  const sl_type *held0_type;
  int (*held0)(sl_rt *rt, sl_obj *fn);
};

extern const sl_type sl_loop_type;

sl_loop *sl_loop_new(sl_rt *rt);
void sl_loop_set_selector(sl_loop *loop, const sl_selector *selector);
/* loop.time(): the selector's clock. In line (every timer asks it). */
static inline double sl_loop_time(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  return loop->selector.time ? loop->selector.time(loop->selector.ctx) : 0.0;
}
/* time.sleep(dt), dt >= 0: the clock jumps by dt. */
void sl_loop_advance(sl_rt *rt, double dt);
/* Takes a `seed` decision: the seed random uses. rt->fatal may be set. */
uint64_t sl_loop_seed_decision(sl_rt *rt);

/* call_soon(callback, *args): new reference to the Handle, NULL on error. */
sl_obj *sl_loop_call_soon(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs);
/* Same, dropping the returned handle. 0 or -1. */
int sl_loop_call_soon0(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs);
/* sl__loop_ready_put's rare path (a plain call's entry): a decision of the
 * out-of-memory sweep due (alloc.h sl__alloc_count_due) or a full ring.
 * Same contract. */
int sl__loop_ready_push_rare(sl_rt *rt, sl_value callback, sl_value arg);
/* Queues a call nobody can name (loop.h sl_ready_entry) whose references
 * the caller hands over: `callback` and `arg` (undef: no argument) are
 * stolen, also on failure (then dropped). 0 or -1. Still one allocation
 * attempt, as the Handle was, so the out-of-memory sweep fails the same
 * calls. In line (a task's step, a future's one done callback), its rare
 * path out of line, so that callers save no registers for it. `call` is
 * the entry's first value: the callback itself (a plain call), or an
 * object callback with a kind's tag (SL_READY_STEP, SL_READY_WAKEUP); the
 * rare path queues the same call as a plain one, made the long way. */
static inline int sl__loop_ready_put(sl_rt *rt, sl_value call, sl_value callback, sl_value arg) {
  sl_loop *loop = rt->loop;
  if (sl__alloc_count_due() || loop->ready_len == loop->ready_cap)
    return sl__loop_ready_push_rare(rt, callback, arg);
  loop->ready[(loop->ready_head + loop->ready_len) & (loop->ready_cap - 1)] =
      (sl_ready_entry){call, arg};
  loop->ready_len++;
  return 0;
}
/* The same for a plain call, written out: through the general one,
 * call_soon cost three instructions more. */
static inline int sl__loop_ready_push(sl_rt *rt, sl_value callback, sl_value arg) {
  sl_loop *loop = rt->loop;
  if (sl__alloc_count_due() || loop->ready_len == loop->ready_cap)
    return sl__loop_ready_push_rare(rt, callback, arg);
  loop->ready[(loop->ready_head + loop->ready_len) & (loop->ready_cap - 1)] =
      (sl_ready_entry){callback, arg};
  loop->ready_len++;
  return 0;
}
/* sl_loop_call_soon0(step) for a task's Task.__step callable (borrowed)
 * without an argument, queued as its kind (SL_READY_STEP) so that the loop
 * calls the step directly (the rare path queues a plain call: the same
 * call, made the long way). In line. 0 or -1. */
static inline int sl__loop_call_soon_step(sl_rt *rt, sl_obj *step) {
  step->refcnt++; /* sl_incref without its NULL test */
  sl_value call = {SL_READY_STEP, {.o = step}};
  return sl__loop_ready_put(rt, call, sl_obj_val(step), sl_undef());
}
sl_obj *sl_loop_call_at(sl_rt *rt, double when, sl_value callback, const sl_value *args,
                        size_t nargs);
/* In line: one call less per sleep. */
static inline sl_obj *sl_loop_call_later(sl_rt *rt, double delay, sl_value callback,
                                         const sl_value *args, size_t nargs) {
  /* base_events.py: self.call_at(self.time() + delay, ...) */
  return sl_loop_call_at(rt, sl_loop_time(rt) + delay, callback, args, nargs);
}
/* _timer_handle_cancelled() */
void sl_loop_timer_cancelled(sl_rt *rt, sl_obj *handle);

int sl_loop_run_once(sl_rt *rt);
/* _add_callback(handle) without the cancelled check: appends to the ready
 * queue (a reference is taken). 0 or -1. For core/io. */
int sl__loop_ready_append(sl_rt *rt, sl_obj *handle);
int sl_loop_run_forever(sl_rt *rt);
/* run_until_complete(fut): runs until `fut` (a future or task) is done;
 * *out gets its result (new ref) or the exception is raised. */
int sl_loop_run_until_complete(sl_rt *rt, sl_obj *fut, sl_value *out);
void sl_loop_stop(sl_rt *rt);
int sl_loop_close(sl_rt *rt);
/* A closed loop serves again as a new event loop (a second asyncio.run,
 * new_event_loop): open, not stopping, no task factory; the clock and the
 * step count go on (one clock per program). */
void sl_loop_reopen(sl_rt *rt);
/* call_exception_handler({'message': message, 'exception': exc, key: obj}):
 * reports it to the observer (`error`), then runs the program's handler
 * (sl_rt.lang_exc_handler) or the default one (`log` with the text
 * CPython's handler logs). exc, key and obj may be NULL. */
void sl_loop_call_exception_handler_ctx(sl_rt *rt, const char *message, sl_obj *exc,
                                        const char *key, sl_obj *obj);
/* The same with a context of message and exception only. */
void sl_loop_call_exception_handler(sl_rt *rt, const char *message, sl_obj *exc);

/* heapq on an array of timers ordered by `when` (exposed for the unit
 * tests): push takes the caller's reference to a TimerHandle, pop returns
 * it. */
void sl_heapq_push(sl_timer_entry *heap, size_t *len, sl_obj *item);
sl_obj *sl_heapq_pop(sl_timer_entry *heap, size_t *len);
void sl_heapq_heapify(sl_timer_entry *heap, size_t len);

#endif
