/* The event loop (see loop.h). Mirrors Lib/asyncio/base_events.py:
 * call_soon/call_at/call_later, _run_once, run_forever, run_until_complete. */
#include "core/loop.h"

#include <math.h>
#include <stdint.h>

#include "core/alloc.h"
#include "core/assert.h"
#include "core/cfunc.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/rt.h"
#include "core/task.h"

/* ---- heapq, exactly: only `<` on `when`, Floyd-style _siftup. --------- */

/* heapq._siftdown: move heap[pos] up toward startpos. In line in its two
 * callers (a push, the end of siftup): a sleep makes one of each. Byte
 * offsets, not indices: the parent of the entry at offset o is at
 * ((o - size) / 2) rounded down to an entry, and no offset is scaled. */
static inline __attribute__((always_inline)) void siftdown(sl_timer_entry *heap, size_t startpos,
                                                           size_t pos) {
  _Static_assert((sizeof *heap & (sizeof *heap - 1)) == 0, "an entry's size is a power of 2");
  const size_t size = sizeof *heap, start = startpos * size;
  char *const base = (char *)heap;
  sl_timer_entry newitem = heap[pos];
  size_t off = pos * size;
  while (off > start) {
    size_t parentoff = ((off - size) >> 1) & ~(size - 1);
    sl_timer_entry parent = *(sl_timer_entry *)(base + parentoff);
    if (!(newitem.when < parent.when)) break;
    *(sl_timer_entry *)(base + off) = parent;
    off = parentoff;
  }
  *(sl_timer_entry *)(base + off) = newitem;
}

/* heapq's choice between the children at address `child` and the next
 * one: the right one unless the left is strictly earlier (a NaN takes the
 * right one too). A conditional move on x86-64, as the comparison is a
 * coin toss a branch would mispredict; gcc makes a set, shift and add of
 * the C form, two instructions more. */
static inline uintptr_t smaller_child(uintptr_t child) {
  const sl_timer_entry *pair = (const sl_timer_entry *)child;
#if defined(__x86_64__) && defined(__GNUC__)
  uintptr_t right = child + sizeof *pair;
  /* comisd sets CF or ZF (cmovbe) when right <= left or unordered. */
  __asm__("comisd %[l], %[r]\n\tcmovbe %[right], %[c]"
          : [c] "+r"(child)
          : [r] "x"(pair[1].when), [l] "m"(pair[0].when), [right] "r"(right)
          : "cc");
  return child;
#else
  return child + sizeof *pair * !(pair[0].when < pair[1].when);
#endif
}

/* heapq._siftup: go down to a leaf choosing the smaller child (the right one
 * on ties: `not heap[childpos] < heap[rightpos]`), then sift the new item
 * back up. While both children exist the choice is smaller_child's, not
 * a branch; an only child (the last entry) ends the descent. The descent
 * walks addresses (the first child of the entry at address a is at
 * 2a - heap + size): three instructions a level fewer than indices scaled
 * at every access. Integers, not pointers, since a child's address may lie
 * past the array's end. */
static void siftup(sl_timer_entry *heap, size_t len, size_t pos) {
  const uintptr_t base = (uintptr_t)heap, size = sizeof *heap;
  const uintptr_t last = base + (len - 1) * size; /* len > pos */
  sl_timer_entry newitem = heap[pos];
  sl_timer_entry *hole = &heap[pos];
  uintptr_t child = base + (2 * pos + 1) * size;
  while (child < last) {
    child = smaller_child(child);
    *hole = *(const sl_timer_entry *)child;
    hole = (sl_timer_entry *)child;
    child = 2 * child - base + size;
  }
  if (child == last) {
    *hole = *(const sl_timer_entry *)child;
    hole = (sl_timer_entry *)child;
  }
  *hole = newitem;
  siftdown(heap, pos, (size_t)(hole - heap));
}

/* heapq.heappush; in line in call_at, which makes one per timer. */
static inline __attribute__((always_inline)) void heap_push(sl_timer_entry *heap, size_t *len,
                                                            sl_obj *item) {
  heap[(*len)++] = (sl_timer_entry){sl_as_handle(item)->when, item};
  siftdown(heap, 0, *len - 1);
}

void sl_heapq_push(sl_timer_entry *heap, size_t *len, sl_obj *item) { heap_push(heap, len, item); }

sl_obj *sl_heapq_pop(sl_timer_entry *heap, size_t *len) {
  sl_timer_entry last = heap[--*len];
  if (*len == 0) return last.handle;
  sl_obj *ret = heap[0].handle;
  heap[0] = last;
  siftup(heap, *len, 0);
  return ret;
}

void sl_heapq_heapify(sl_timer_entry *heap, size_t len) {
  for (size_t i = len / 2; i-- > 0;) siftup(heap, len, i);
}

/* ---- the loop object ----------------------------------------------------- */

static inline void entry_drop(sl_rt *rt, sl_ready_entry e) {
  if (sl__ready_is_kind(e.call.tag))
    sl_decref(rt, e.call.u.o);
  else
    sl_vdecref(rt, e.call);
  sl_vdecref(rt, e.arg);
}

/* Returns the first ready entry, whose references pass to the caller. */
static inline sl_ready_entry ready_popleft(sl_loop *loop) {
  sl_ready_entry e = loop->ready[loop->ready_head];
  loop->ready_head = (loop->ready_head + 1) & (loop->ready_cap - 1);
  loop->ready_len--;
  return e;
}

static void loop_clear(sl_rt *rt, sl_obj *o) {
  sl_loop *loop = (sl_loop *)o;
  while (loop->ready_len) entry_drop(rt, ready_popleft(loop));
  sl_obj *spare = loop->spare_handle;
  loop->spare_handle = NULL;
  sl_decref(rt, spare);
  sl_obj *set_result_fn = loop->set_result_unless_cancelled;
  loop->set_result_unless_cancelled = NULL;
  sl_decref(rt, set_result_fn);
  while (loop->nscheduled) sl_decref(rt, loop->scheduled[--loop->nscheduled].handle);
  sl_iomap_clear(rt, &loop->io);
  sl_pool_clear(rt, &loop->pool);
}

static void loop_release(sl_obj *o) {
  sl_loop *loop = (sl_loop *)o;
  sl_free(loop->ready);
  sl_free(loop->scheduled);
  sl_iomap_release(&loop->io);
  sl_pool_release(&loop->pool);
}

const sl_type sl_loop_type = {.name = "_UnixSelectorEventLoop",
                              .clear = loop_clear,
                              .release = loop_release,
                              .size = sizeof(sl_loop)};

sl_loop *sl_loop_new(sl_rt *rt) {
  sl_loop *loop = (sl_loop *)sl_obj_alloc(rt, &sl_loop_type);
  if (!loop) return NULL;
  loop->clock_resolution = 1e-9;
  return loop;
}

void sl_loop_set_selector(sl_loop *loop, const sl_selector *selector) {
  loop->selector = *selector;
  loop->quiet_handles = 0; /* no grant of the new selector yet */
}

void sl_loop_advance(sl_rt *rt, double dt) {
  sl_loop *loop = rt->loop;
  if (loop->selector.advance && dt > 0) loop->selector.advance(loop->selector.ctx, rt, dt);
}

uint64_t sl_loop_seed_decision(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  return loop->selector.seed ? loop->selector.seed(loop->selector.ctx, rt) : 0;
}

/* ---- ready queue ----------------------------------------------------------- */

/* The ring's capacity is a power of two (64, doubled when full), so a
 * position wraps with a mask, not a division. Grows a full ring; returns
 * the free entry at the tail, NULL when out of memory. */
static sl_ready_entry *ready_grow(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  size_t cap = loop->ready_cap ? loop->ready_cap * 2 : 64;
  sl_ready_entry *grown = sl_malloc(cap * sizeof *grown);
  if (!grown) {
    sl_nomem(rt);
    return NULL;
  }
  for (size_t i = 0; i < loop->ready_len; i++)
    grown[i] = loop->ready[(loop->ready_head + i) & (loop->ready_cap - 1)];
  sl_free(loop->ready);
  loop->ready = grown;
  loop->ready_cap = cap;
  loop->ready_head = 0;
  return &grown[loop->ready_len];
}

/* The free entry at the tail (the caller fills it and counts it), NULL
 * when out of memory. */
static inline sl_ready_entry *ready_slot(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  if (loop->ready_len == loop->ready_cap) return ready_grow(rt);
  return &loop->ready[(loop->ready_head + loop->ready_len) & (loop->ready_cap - 1)];
}

int sl__loop_ready_push_rare(sl_rt *rt, sl_value callback, sl_value arg) {
  bool injected = sl__alloc_due_failure();
  sl_ready_entry *e = injected ? NULL : ready_slot(rt);
  if (!e) {
    if (injected) sl_nomem(rt);
    sl_vdecref(rt, callback);
    sl_vdecref(rt, arg);
    return -1;
  }
  *e = (sl_ready_entry){callback, arg};
  rt->loop->ready_len++;
  return 0;
}

static int ready_append(sl_rt *rt, sl_obj *handle) {
  sl_ready_entry *e = ready_slot(rt);
  if (!e) return -1;
  sl_incref(handle);
  *e = (sl_ready_entry){{SL_READY_HANDLE, {.o = handle}}, sl_undef()};
  rt->loop->ready_len++;
  return 0;
}

int sl__loop_ready_append(sl_rt *rt, sl_obj *handle) { return ready_append(rt, handle); }

/* ---- scheduling -------------------------------------------------------------- */

sl_obj *sl_loop_call_soon(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs) {
  sl_obj *h = sl_handle_new(rt, callback, args, nargs, false, 0.0);
  if (!h) return NULL;
  if (ready_append(rt, h)) {
    sl_decref(rt, h);
    return NULL;
  }
  return h;
}

/* sl_loop_call_soon0 with more than one argument: a Handle holds them.
 * Out of line, so that the usual call needs no frame. */
static __attribute__((noinline)) int call_soon_args(sl_rt *rt, sl_value callback,
                                                    const sl_value *args, size_t nargs) {
  sl_obj *h = sl_loop_call_soon(rt, callback, args, nargs);
  sl_decref(rt, h);
  return h ? 0 : -1;
}

int sl_loop_call_soon0(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs) {
  if (nargs > 1) return call_soon_args(rt, callback, args, nargs);
  /* Nobody gets this handle, so nobody can cancel it or look at it: it
   * waits as its parts (sl_ready_entry). */
  return sl__loop_ready_push(rt, sl_vincref(callback), nargs ? sl_vincref(args[0]) : sl_undef());
}

/* sl_loop_call_at's end: the heap takes its reference to the new handle h
 * and the observer hears of the timer. */
static inline __attribute__((always_inline)) sl_obj *call_at_push(sl_rt *rt, sl_loop *loop,
                                                                  sl_obj *h, double when) {
  h->refcnt++; /* the heap's */
  heap_push(loop->scheduled, &loop->nscheduled, h);
  sl_as_handle(h)->scheduled = true;
  if (rt->observer.timer) rt->observer.timer(rt->observer.ctx, loop->step, false, when);
  return h;
}

/* The loop's spare handle h made into the timer of callback(*args) at
 * `when`. NULL (rt->fatal set) when the out-of-memory sweep fails this
 * allocation attempt. */
static inline __attribute__((always_inline)) sl_obj *
spare_timer(sl_rt *rt, sl_loop *loop, sl_obj *h, double when, sl_value callback,
            const sl_value *args, size_t nargs) {
  if (sl_alloc_injected_failure_inline()) {
    sl_nomem(rt);
    return NULL;
  }
  loop->spare_handle = NULL;
  h->type = &sl_timer_handle_type;
  sl__handle_fill(sl_as_handle(h), callback, args, nargs, true, when);
  return h;
}

/* sl_loop_call_at's cases that call out: the heap's growth, a handle that
 * is not the loop's spare (sl_handle_new), an observer. */
static __attribute__((noinline)) sl_obj *call_at_slow(sl_rt *rt, double when, sl_value callback,
                                                      const sl_value *args, size_t nargs) {
  sl_loop *loop = rt->loop;
  if (loop->nscheduled == loop->capscheduled) {
    size_t cap = loop->capscheduled ? loop->capscheduled * 2 : 64;
    sl_timer_entry *grown = sl_realloc(loop->scheduled, cap * sizeof *grown);
    if (!grown) {
      sl_nomem(rt);
      return NULL;
    }
    loop->scheduled = grown;
    loop->capscheduled = cap;
  }
  /* The loop's spare handle (sl_handle_new's first choice) in line. */
  sl_obj *h = loop->spare_handle;
  if (h && sl__handle_arg_room(h) >= nargs && !rt->ext_next_type)
    h = spare_timer(rt, loop, h, when, callback, args, nargs);
  else
    h = sl_handle_new(rt, callback, args, nargs, true, when);
  return h ? call_at_push(rt, loop, h, when) : NULL;
}

/* The common case (room in the heap, the spare handle, no observer) calls
 * nothing, so it saves no registers; the rest is call_at_slow, the same
 * steps in the same order. */
sl_obj *sl_loop_call_at(sl_rt *rt, double when, sl_value callback, const sl_value *args,
                        size_t nargs) {
  sl_loop *loop = rt->loop;
  sl_obj *h = loop->spare_handle;
  if (__builtin_expect(loop->nscheduled == loop->capscheduled || !h ||
                           sl__handle_arg_room(h) < nargs || rt->ext_next_type ||
                           rt->observer.timer,
                       0))
    return call_at_slow(rt, when, callback, args, nargs);
  h = spare_timer(rt, loop, h, when, callback, args, nargs);
  return h ? call_at_push(rt, loop, h, when) : NULL;
}

void sl_loop_timer_cancelled(sl_rt *rt, sl_obj *handle) {
  sl_handle *h = sl_as_handle(handle);
  if (!h->scheduled) return;
  rt->loop->timer_cancelled_count++;
  /* Reported only while in the heap, as the oracle does (docs/trace.md). */
  if (rt->observer.timer) rt->observer.timer(rt->observer.ctx, rt->loop->step, true, h->when);
}

/* ---- _run_once ------------------------------------------------------------------ */

/* Drops cancelled timers: a full rebuild when they are many, otherwise only
 * those at the head (base_events.py, start of _run_once). */
static void prune_cancelled_timers(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  size_t sched_count = loop->nscheduled;
  if (sched_count > SL_MIN_SCHEDULED_TIMER_HANDLES &&
      (double)loop->timer_cancelled_count / (double)sched_count >
          SL_MIN_CANCELLED_TIMER_HANDLES_FRACTION) {
    size_t kept = 0;
    for (size_t i = 0; i < sched_count; i++) {
      sl_obj *h = loop->scheduled[i].handle;
      if (sl_as_handle(h)->cancelled) {
        sl_as_handle(h)->scheduled = false;
        sl_decref(rt, h);
      } else {
        loop->scheduled[kept++] = loop->scheduled[i];
      }
    }
    loop->nscheduled = kept;
    sl_heapq_heapify(loop->scheduled, kept);
    loop->timer_cancelled_count = 0;
    return;
  }
  while (loop->nscheduled && sl_as_handle(loop->scheduled[0].handle)->cancelled) {
    loop->timer_cancelled_count--;
    sl_obj *h = sl_heapq_pop(loop->scheduled, &loop->nscheduled);
    sl_as_handle(h)->scheduled = false;
    sl_decref(rt, h);
  }
}

/* Moves the timers that are due to the ready queue, in heap-pop order. */
static int collect_due_timers(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  if (!loop->nscheduled) return 0;
  /* base_events.py: end_time = self.time() + self._clock_resolution */
  double end_time = sl_loop_time(rt) + loop->clock_resolution;
  while (loop->nscheduled) {
    if (loop->scheduled[0].when >= end_time) break;
    sl_obj *h = sl_heapq_pop(loop->scheduled, &loop->nscheduled);
    sl_as_handle(h)->scheduled = false;
    /* The heap's reference moves to the ready queue. */
    sl_ready_entry *e = ready_slot(rt);
    if (!e) {
      sl_decref(rt, h);
      return -1;
    }
    *e = (sl_ready_entry){{SL_READY_HANDLE, {.o = h}}, sl_undef()};
    loop->ready_len++;
  }
  return 0;
}

/* Reports the handle about to run to the observer: the canonical name of
 * `handle`, or (NULL) of a call queued without one. */
static int observe_run(sl_rt *rt, sl_obj *handle, sl_value callback, const sl_value *args,
                       size_t nargs) {
  sl_loop *loop = rt->loop;
  size_t len;
  const char *name = handle ? sl_handle_canon_name(rt, handle, &len)
                            : sl__handle_canon_call(rt, "soon:", callback, args, nargs, &len);
  if (!name) return sl_nomem(rt);
  rt->observer.handle_run(rt->observer.ctx, loop->step, loop->handle_pos, sl_loop_time(rt), name,
                          len);
  return 0;
}

/* What a call queued without an argument is given (never read). */
static const sl_value no_arg = {SL_V_UNDEF, {0}};

/* Runs a task's step queued as SL_READY_STEP (loop.h sl_ready_entry), or
 * with `wakeup` its wakeup queued as SL_READY_WAKEUP (`fut` its argument,
 * undef for a step): as the plain queued call of `fn` would run (the
 * same recursion bound, report and failure), but calling the step or
 * wakeup itself. Drops the entry's references. `wakeup` is a constant
 * where it is in line, so each kind gets its own copy without the other's
 * tests; `observed` as run_first's. */
/* A wakeup's drop of the future it woke its task for, after the step: most
 * often the last reference to a wait's future (the waiters' and the
 * awaiter's went in the step), which is then spared in line as
 * sl__decref_last spares it (the list's reference the one it held). */
static inline __attribute__((always_inline)) void drop_woken(sl_rt *rt, sl_obj *fut) {
  if (fut->refcnt > 1)
    fut->refcnt--;
  else if (fut->type != &sl_future_type || !sl__future_spare(rt, fut))
    sl__decref_last(rt, fut);
}

static inline __attribute__((always_inline)) int run_task_call(sl_rt *rt, sl_value fn, sl_value fut,
                                                               bool wakeup, bool observed) {
  const sl_value *args = wakeup ? &fut : &no_arg;
  size_t nargs = wakeup ? 1 : 0;
  int rc = observed && rt->observer.handle_run ? observe_run(rt, NULL, fn, args, nargs) : 0;
  if (rc == 0) {
    if (rt->recursion_depth <= SL_MAX_RECURSION) {
      rt->recursion_depth++;
      sl_obj *task = sl_as_cfunc(fn.u.o)->self.u.o;
      /* No task is current: the loop runs outside every task. */
      rc = wakeup ? sl__task_wakeup(rt, task, fut.u.o, true)
                  : sl__task_step_in(rt, task, NULL, true);
      rt->recursion_depth--;
    } else {
      sl_value result = sl_none();
      rc = sl__handle_call(rt, fn, args, nargs, &result);
      sl_vdecref(rt, result);
    }
    if (rc) rc = sl__handle_call_failed(rt, fn, args, nargs);
  }
  sl_decref(rt, fn.u.o);
  if (wakeup) drop_woken(rt, fut.u.o);
  return rc;
}

/* Runs callback(*args) queued without a handle, and drops the callback's
 * reference (the entry's). `observed` as run_first's. */
static inline __attribute__((always_inline)) int
run_call(sl_rt *rt, sl_loop *loop, sl_value cb, const sl_value *args, size_t nargs, bool observed) {
  int rc = observed && rt->observer.handle_run ? observe_run(rt, NULL, cb, args, nargs) : 0;
  if (rc == 0) {
    /* The entry's reference to cb lives until the call returns (below):
     * the loop's direct call (loop.h held0). It raises the depth around
     * the call as sl__handle_call does, and drops its result itself, as
     * the other call's is dropped here: before the failure's report and
     * the callback. */
    if (nargs == 0 && cb.tag == SL_V_OBJ && cb.u.o->type == loop->held0_type &&
        rt->recursion_depth <= SL_MAX_RECURSION) {
      sl_obj *fn = cb.u.o;
      rc = loop->held0(rt, fn);
      if (rc) rc = sl__handle_call_failed(rt, cb, args, nargs);
      sl_decref(rt, fn);
      return rc;
    }
    sl_value result = sl_none();
    rc = sl__handle_call(rt, cb, args, nargs, &result);
    sl_vdecref(rt, result);
    if (rc) rc = sl__handle_call_failed(rt, cb, args, nargs);
  }
  sl_vdecref(rt, cb);
  return rc;
}

/* Runs the first ready entry (the ready queue is not empty): 0, 1 when it
 * was a cancelled handle (skipped), -1 as sl_handle_run. The entry leaves
 * the ring before it runs, as the callback may schedule more. `observed`
 * false: the caller knows there is no handle observer (a constant: in line,
 * the tests go). */
static inline __attribute__((always_inline)) int run_first(sl_rt *rt, sl_loop *loop,
                                                           bool observed) {
  const sl_ready_entry *slot = &loop->ready[loop->ready_head];
  loop->ready_head = (loop->ready_head + 1) & (loop->ready_cap - 1);
  loop->ready_len--;
  int rc;
  if (sl__ready_is_kind(slot->call.tag)) {
    sl_obj *h = slot->call.u.o;
    if (slot->call.tag == SL_READY_STEP)
      return run_task_call(rt, sl_obj_val(h), sl_undef(), false, observed);
    if (slot->call.tag == SL_READY_WAKEUP)
      return run_task_call(rt, sl_obj_val(h), slot->arg, true, observed);
    if (sl_as_handle(h)->cancelled) {
      sl_decref(rt, h);
      return 1;
    }
    rc = observed && rt->observer.handle_run ? observe_run(rt, h, sl_none(), NULL, 0) : 0;
    if (rc == 0) rc = sl_handle_run(rt, h);
    sl__handle_done_running(rt, h);
    return rc;
  }
  /* Two copies of the call: without an argument, none is kept in memory
   * for it (the slot's tag is read in place: a copy of the argument would
   * be made on the stack for the other copy's pointer). */
  if (sl_is_undef(slot->arg)) return run_call(rt, loop, slot->call, &no_arg, 0, observed);
  sl_value cb = slot->call, arg = slot->arg;
  rc = run_call(rt, loop, cb, &arg, 1, observed);
  sl_vdecref(rt, arg);
  return rc;
}

/* Runs `ntodo` entries (at least one); cancelled handles are skipped but
 * use up their slot. `observed` as run_first's (handle_pos is only the
 * observer's). The quiet run passes its loop (`quiet_loop`, NULL for the
 * observed copy, which reads rt->loop): there gcc then keeps one register
 * for it across the steps instead of a spill and a reload of rt->loop. */
static inline __attribute__((always_inline)) int run_ready(sl_rt *rt, sl_loop *quiet_loop,
                                                           size_t ntodo, bool observed) {
  sl_loop *loop = observed ? rt->loop : quiet_loop;
  if (observed) loop->handle_pos = 0;
  do {
    int rc = run_first(rt, loop, observed);
    if (rc == 1) continue;
    if (rc && rt->fatal) return -1;
    if (observed) loop->handle_pos++;
    /* The oracle takes the cost in a `finally`: also for a SystemExit or
     * KeyboardInterrupt leaving the loop (Handle._run re-raises them; the
     * handles after it stay in the ready queue). */
    if (loop->quiet_handles)
      loop->quiet_handles--;
    else if (loop->selector.handle_done)
      loop->selector.handle_done(loop->selector.ctx, rt);
    if (rt->fatal || rc) return -1;
  } while (--ntodo);
  return 0;
}

int sl_loop_run_once(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  if (loop->max_steps && loop->step >= loop->max_steps) return sl_rt_fatal(rt, SL_EBUDGET);
  prune_cancelled_timers(rt);

  bool has_timeout = false, idle_select = false;
  double timeout = 0.0;
  if (loop->ready_len || loop->stopping) {
    has_timeout = true;
    /* A select that waits for nothing (timeout 0), with no pool job to
     * run and no descriptor to look at, while the selector's grant lasts
     * (its budgets cannot run out: loop.h quiet_handles), would do
     * nothing. */
    idle_select = loop->quiet_handles && !loop->pool.n && !loop->io.nregistered;
  } else if (loop->nscheduled) {
    /* min(max(0, when - self.time()), MAXIMUM_SELECT_TIMEOUT); NaN aside,
     * 3.13's rewritten clamp gives the same values. */
    has_timeout = true;
    timeout = loop->scheduled[0].when - sl_loop_time(rt);
    if (!(timeout > 0)) timeout = 0.0;
    if (timeout > SL_MAXIMUM_SELECT_TIMEOUT) timeout = SL_MAXIMUM_SELECT_TIMEOUT;
  }
  loop->step++;
  if (rt->observer.step_begin)
    rt->observer.step_begin(rt->observer.ctx, loop->step, sl_loop_time(rt), has_timeout, timeout);
  if (!loop->selector.select) return sl_rt_fatal(rt, SL_EINVAL);
  if (idle_select ? rt->fatal != 0
                  : loop->selector.select(loop->selector.ctx, rt, has_timeout, timeout) != 0)
    return -1;
  if (collect_due_timers(rt)) return -1;
  return loop->ready_len ? run_ready(rt, NULL, loop->ready_len, true) : 0;
}

/* Whether the loop's next step has the commonest shape: handles ready, no
 * timer, nothing for a select to look at while the selector's grant lasts
 * (sl_loop_run_once's idle_select), not stopping, no failure, the step
 * budget not reached (`limit`: the last step allowed). */
static inline bool quiet_step_next(const sl_rt *rt, const sl_loop *loop, uint64_t limit) {
  if (!loop->ready_len || !loop->quiet_handles || loop->step >= limit) return false;
  /* The fields that end a quiet run are or'ed, not tested one by one:
   * they are all zero in the run, so one branch instead of five. */
  uint64_t ends = (uint64_t)loop->stopping | loop->nscheduled | loop->pool.n |
                  loop->io.nregistered | (uint64_t)rt->fatal;
  return !ends;
}

/* Runs steps of that shape, each as sl_loop_run_once makes it (the timers'
 * pruning and collection find none, the select is not made), in one frame
 * without the step's other tests; stops before a step of another shape or
 * when the loop is stopping. Only without step and handle observers (set
 * before the run: tracing, exploring). 0, or -1 as sl_loop_run_once. */
static __attribute__((noinline)) int run_quiet_steps(sl_rt *rt, sl_loop *loop) {
  if (rt->observer.step_begin || rt->observer.handle_run || !loop->selector.select) return 0;
  uint64_t limit = loop->max_steps ? loop->max_steps : UINT64_MAX;
  while (quiet_step_next(rt, loop, limit)) {
    loop->step++;
    if (run_ready(rt, loop, loop->ready_len, false)) return -1;
  }
  return 0;
}

int sl_loop_run_forever(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  if (loop->closed) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
  if (loop->running)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "This event loop is already running");
  loop->running = true;
  int rc = 0;
  for (;;) {
    /* The steps' commonest shape is tested here first, so that a loop
     * with timers pays two tests for it. */
    if (sl_loop_run_once(rt) || (loop->ready_len && !loop->nscheduled && loop->quiet_handles &&
                                 run_quiet_steps(rt, loop))) {
      rc = -1;
      break;
    }
    if (loop->stopping) break;
  }
  loop->stopping = false;
  loop->running = false;
  return rc;
}

void sl_loop_stop(sl_rt *rt) { rt->loop->stopping = true; }

/* base_events._run_until_complete_cb: stop unless the future ended with
 * SystemExit or KeyboardInterrupt. */
static int run_until_complete_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_obj *fut = args->pos[0].u.o;
  if (!sl_future_cancelled(fut)) {
    sl_obj *exc = NULL;
    if (sl_future_exception(rt, fut, &exc)) return -1;
    bool fatal_exc = exc && (sl_exc_isinstance(exc, SL_EXC_SYSTEM_EXIT) ||
                             sl_exc_isinstance(exc, SL_EXC_KEYBOARD_INTERRUPT));
    sl_decref(rt, exc);
    if (fatal_exc) return 0;
  }
  sl_loop_stop(rt);
  return 0;
}

static const sl_cfunc_def run_until_complete_cb_def = {
    "_run_until_complete_cb", run_until_complete_cb, "run_until_complete", SL_CANON_ARG0};

int sl_loop_run_until_complete(sl_rt *rt, sl_obj *fut, sl_value *out) {
  sl_obj *cb = sl_cfunc_new(rt, &run_until_complete_cb_def, sl_undef());
  if (!cb) return -1;
  int rc = sl_future_add_done_callback(rt, fut, sl_obj_val(cb));
  if (rc == 0) {
    rc = sl_loop_run_forever(rt);
    /* finally: future.remove_done_callback(_run_until_complete_cb) */
    sl_obj *pending = sl_err_fetch(rt);
    if (!rt->fatal && sl_future_remove_done_callback(rt, fut, sl_obj_val(cb)) < 0) rc = -1;
    if (pending) sl_err_restore(rt, pending);
  }
  sl_decref(rt, cb);
  if (rc) return -1;
  if (!sl_future_done(fut))
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop stopped before Future completed.");
  return sl_future_result(rt, fut, out);
}

int sl_loop_close(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  if (loop->running) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Cannot close a running event loop");
  if (loop->closed) return 0;
  loop->closed = true;
  /* BaseEventLoop.close: self._ready.clear(); self._scheduled.clear(), then
   * the default executor's shutdown(wait=False): its jobs finish now. */
  if (sl_pool_close(rt)) return -1;
  loop_clear(rt, &loop->hdr);
  return 0;
}

void sl_loop_reopen(sl_rt *rt) {
  sl_loop *loop = rt->loop;
  loop->closed = loop->stopping = false;
  loop->timer_cancelled_count = 0;
  loop->eager_factory = loop->has_task_factory = false;
}

static void cut(sl_strbuf *b, size_t len) {
  b->len = len;
  if (b->data) b->data[len] = '\0';
}

/* BaseEventLoop.default_exception_handler's text: logger.error('\n'.join(
 * [message, *(f'{key}: {value!r}' ...)]), exc_info=...) as logging's last
 * resort prints it. A repr or traceback that fails is left out, as it
 * cannot stop the loop either. */
static void log_default_handler(sl_rt *rt, const char *message, sl_obj *exc, const char *key,
                                sl_obj *obj) {
  sl_strbuf text = SL_STRBUF_INIT;
  sl_strbuf_printf(&text, "%s\n",
                   message && *message ? message : "Unhandled exception in event loop");
  if (key && obj) {
    size_t mark = text.len;
    sl_strbuf_printf(&text, "%s: ", key);
    if (sl_repr(rt, sl_obj_val(obj), &text) == 0)
      sl_strbuf_putc(&text, '\n');
    else if (!rt->fatal) {
      sl_err_clear(rt);
      cut(&text, mark);
    }
  }
  if (exc) {
    size_t mark = text.len;
    int rc = rt->lang_traceback ? rt->lang_traceback(rt, exc, &text)
                                : sl_exc_format_only(rt, exc, &text);
    if (rc == 0 && !rt->lang_traceback) sl_strbuf_putc(&text, '\n');
    if (rc && !rt->fatal) {
      sl_err_clear(rt);
      cut(&text, mark);
    }
  }
  if (!text.failed && !rt->fatal)
    rt->observer.log(rt->observer.ctx, rt->loop->step, sl_strbuf_cstr(&text));
  sl_strbuf_free(&text);
}

void sl_loop_call_exception_handler(sl_rt *rt, const char *message, sl_obj *exc) {
  sl_loop_call_exception_handler_ctx(rt, message, exc, NULL, NULL);
}

void sl_loop_call_exception_handler_ctx(sl_rt *rt, const char *message, sl_obj *exc,
                                        const char *key, sl_obj *obj) {
  if (rt->observer.error) {
    sl_strbuf text = SL_STRBUF_INIT;
    if (exc && sl_exc_format_only(rt, exc, &text) && !rt->fatal) sl_err_clear(rt);
    rt->observer.error(rt->observer.ctx, rt->loop->step, message,
                       exc ? sl_strbuf_cstr(&text) : NULL);
    sl_strbuf_free(&text);
  }
  /* base_events.py call_exception_handler: the program's handler when it
   * set one, else the default handler. */
  if (rt->lang_exc_handler && !rt->fatal && rt->lang_exc_handler(rt, message, exc, key, obj))
    return;
  if (rt->observer.log && !rt->fatal) log_default_handler(rt, message, exc, key, obj);
}
