/* Mirrors Lib/asyncio/queues.py: Queue (deque), LifoQueue (list, pop from
 * the end), PriorityQueue (heapq on the items, compared with `<` only, so
 * ties follow heapq's array layout exactly as in CPython). Identical in
 * 3.11-3.14 except shutdown()/QueueShutDown (3.13, gh-96471). */
#include "core/long.h"
#include "core/queues.h"

#include <string.h>

#include "core/alloc.h"
#include "core/coro.h"
#include "core/identity.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/locks.h"
#include "core/rt.h"
#include "core/sync-int.h"
#include "core/tuple.h"

static void queue_clear(sl_rt *rt, sl_obj *o) {
  sl_queue *q = (sl_queue *)o;
  if (!q->user_storage)
    for (size_t i = 0; i < q->len; i++) sl_vdecref(rt, q->items[q->head + i]);
  q->len = q->head = 0;
  sl_waitq_clear(rt, &q->getters);
  sl_waitq_clear(rt, &q->putters);
  sl_decref(rt, q->finished);
  q->finished = NULL;
  sl_vset(rt, &q->maxsize, sl_none());
}

static void queue_release(sl_obj *o) {
  sl_queue *q = (sl_queue *)o;
  sl_free(q->items);
  sl_waitq_release(&q->getters);
  sl_waitq_release(&q->putters);
}

/* _format(): maxsize=0 _queue=[1, 2] _getters[1] _putters[1] tasks=2 shutdown */
static int queue_format(sl_rt *rt, sl_queue *q, sl_strbuf *out) {
  sl_strbuf_puts(out, "maxsize=");
  if (sl_repr(rt, q->maxsize, out)) return -1;
  if (q->len && !q->user_storage) {
    sl_strbuf_puts(out, " _queue=");
    if (sl_seq_repr(rt, q->items + q->head, q->len, "[", "]", false, out)) return -1;
  } else if (q->len) { /* the subclass's own self._queue */
    sl_obj_ext *x = sl_obj_ext_of(&q->hdr);
    sl_value items;
    bool found = false;
    if (x && x->attrs && sl_dict_get_str(rt, x->attrs, "_queue", &items, &found)) return -1;
    if (found) {
      sl_strbuf_puts(out, " _queue=");
      int rc = sl_repr(rt, items, out);
      sl_vdecref(rt, items);
      if (rc) return -1;
    }
  }
  if (q->getters.len) sl_strbuf_printf(out, " _getters[%zu]", q->getters.len);
  if (q->putters.len) sl_strbuf_printf(out, " _putters[%zu]", q->putters.len);
  if (q->unfinished_tasks) sl_strbuf_printf(out, " tasks=%lld", (long long)q->unfinished_tasks);
  if (q->is_shutdown) sl_strbuf_puts(out, " shutdown");
  return 0;
}

/* __str__: <Queue maxsize=0 ...>; __repr__: <Queue at 0x... maxsize=0 ...>,
 * the address being the run's identity of the queue. */
static int queue_text(sl_rt *rt, sl_obj *o, bool with_address, sl_strbuf *out) {
  sl_strbuf_printf(out, "<%s ", sl_type_name(sl_obj_val(o)));
  if (with_address) {
    sl_strbuf_puts(out, "at ");
    if (sl_identity_put(rt, o, out)) return -1;
    sl_strbuf_putc(out, ' ');
  }
  if (queue_format(rt, (sl_queue *)o, out)) return -1;
  sl_strbuf_putc(out, '>');
  return 0;
}

static int queue_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) { return queue_text(rt, o, true, out); }
static int queue_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) { return queue_text(rt, o, false, out); }

static int queue_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static int queue_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                           sl_awaiter *aw, sl_value *out);

#define QUEUE_TYPE(var, pyname)                                                                    \
  const sl_type var = {.name = pyname,                                                             \
                       .clear = queue_clear,                                                       \
                       .release = queue_release,                                                   \
                       .repr = queue_repr,                                                         \
                       .str = queue_str,                                                           \
                       .getattr = queue_getattr,                                                   \
                       .await_now = queue_await_now,                                               \
                       .flags = SL_TF_STABLE_ATTRS,                                                \
                       .size = sizeof(sl_queue)}
QUEUE_TYPE(sl_queue_type, "Queue");
QUEUE_TYPE(sl_lifo_queue_type, "LifoQueue");
QUEUE_TYPE(sl_priority_queue_type, "PriorityQueue");

sl_obj *sl_queue_new(sl_rt *rt, const sl_type *type, sl_value maxsize) {
  int64_t n;
  bool bad = false;
  maxsize = sl_num_unbox(maxsize);
  if (maxsize.tag == SL_V_FLOAT)
    n = maxsize.u.f > 0 ? (int64_t)maxsize.u.f + (maxsize.u.f != (double)(int64_t)maxsize.u.f) : 0;
  else if (maxsize.tag == SL_V_INT || maxsize.tag == SL_V_BOOL)
    sl__as_int(rt, maxsize, "maxsize", &n); /* cannot fail */
  else
    bad = true, n = 0;
  sl_obj *finished = sl_event_new(rt);
  if (!finished) return NULL;
  sl_obj *o = sl_obj_alloc(rt, type);
  if (!o) {
    sl_decref(rt, finished);
    return NULL;
  }
  sl_queue *q = (sl_queue *)o;
  q->maxsize = sl_vincref(maxsize);
  q->maxsize_int = n;
  q->bad_maxsize = bad;
  q->finished = finished;
  sl_event_set(rt, finished); /* no waiters yet: cannot fail */
  return o;
}

size_t sl_queue_qsize(sl_obj *o) { return ((sl_queue *)o)->len; }
bool sl_queue_empty(sl_obj *o) { return ((sl_queue *)o)->len == 0; }

/* full(): maxsize <= 0 never fills; else qsize() >= maxsize. (A float
 * maxsize is compared as its ceiling, which gives the same answers.) */
bool sl_queue_full(sl_obj *o) {
  sl_queue *q = (sl_queue *)o;
  if (q->maxsize_int <= 0) return false;
  return (int64_t)q->len >= q->maxsize_int;
}

int sl_queue_check_full(sl_rt *rt, sl_obj *o, bool *full) {
  sl_queue *q = (sl_queue *)o;
  if (q->bad_maxsize)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'<=' not supported between instances of '%s' and 'int'",
                    sl_type_name(q->maxsize));
  *full = sl_queue_full(o);
  return 0;
}

/* _wakeup_next(waiters): pop from the left until a waiter not done is
 * found, and wake it with None. */
static __attribute__((noinline)) int wakeup_waiters_loop(sl_rt *rt, sl_waitq *waiters) {
  while (waiters->len) {
    sl_obj *w = sl_waitq_popleft(waiters);
    int rc = 0;
    bool woke = false;
    if (!sl_future_done(w)) {
      rc = sl_future_set_result(rt, w, sl_none());
      woke = true;
    }
    sl_decref(rt, w);
    if (rc || woke) return rc;
  }
  return 0;
}

/* The same when the head waits, held by its awaiter too (every wake of
 * a waiter not cancelled): the deque's drop is not the last and nothing
 * sees it before set_result, which ends the call without a frame. */
static int wakeup_waiters(sl_rt *rt, sl_waitq *waiters) {
  sl_obj *w = waiters->len ? waiters->items[waiters->head] : NULL;
  if (!w || sl_future_done(w) || w->refcnt < 2) return wakeup_waiters_loop(rt, waiters);
  sl_waitq_popleft(waiters);
  w->refcnt--;
  return sl_future_set_result(rt, w, sl_none());
}

/* Most puts and gets find no one waiting: that test inline, without the
 * call (and its saved registers) of the loop above. */
static inline int wakeup_next(sl_rt *rt, sl_waitq *waiters) {
  return waiters->len ? wakeup_waiters(rt, waiters) : 0;
}

/* ---- storage: _init/_put/_get of each class ------------------------------ */

static int storage_reserve(sl_rt *rt, sl_queue *q) {
  if (q->head + q->len < q->cap) return 0;
  if (q->head) {
    memmove(q->items, q->items + q->head, q->len * sizeof *q->items);
    q->head = 0;
    if (q->len < q->cap) return 0;
  }
  size_t cap = q->cap ? q->cap * 2 : 8;
  sl_value *grown = sl_realloc(q->items, cap * sizeof *grown);
  if (!grown) return sl_nomem(rt);
  q->items = grown;
  q->cap = cap;
  return 0;
}

/* heapq's _siftdown as Modules/_heapqmodule.c writes it (swapping, so a
 * failing `<` leaves a consistent list behind, as CPython's does). */
static int heap_siftdown(sl_rt *rt, sl_value *heap, size_t startpos, size_t pos) {
  while (pos > startpos) {
    size_t parentpos = (pos - 1) >> 1;
    bool lt;
    if (sl_lt(rt, heap[pos], heap[parentpos], &lt)) return -1;
    if (!lt) break;
    sl_value tmp = heap[parentpos];
    heap[parentpos] = heap[pos];
    heap[pos] = tmp;
    pos = parentpos;
  }
  return 0;
}

/* heapq's _siftup (C version): bubble the smaller child up to a leaf, on a
 * tie taking the right child, then sift down. */
static int heap_siftup(sl_rt *rt, sl_value *heap, size_t len, size_t pos) {
  size_t startpos = pos, limit = len >> 1;
  while (pos < limit) {
    size_t childpos = 2 * pos + 1;
    if (childpos + 1 < len) {
      bool lt;
      if (sl_lt(rt, heap[childpos], heap[childpos + 1], &lt)) return -1;
      if (!lt) childpos++;
    }
    sl_value tmp = heap[childpos];
    heap[childpos] = heap[pos];
    heap[pos] = tmp;
    pos = childpos;
  }
  return heap_siftdown(rt, heap, startpos, pos);
}

/* self._put(item) / self._get() of a scenario subclass. */
static int user_storage_call(sl_rt *rt, sl_queue *q, const char *name, sl_value *arg,
                             sl_value *out) {
  int r = rt->user_ops ? rt->user_ops->method(rt, &q->hdr, name, arg, arg ? 1 : 0, out) : 0;
  if (r == 0) return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "%s() of a Queue subclass", name);
  return r < 0 ? -1 : 0;
}

static int queue_put_item(sl_rt *rt, sl_queue *q, sl_value item) {
  if (q->user_storage) {
    sl_value r;
    if (user_storage_call(rt, q, "_put", &item, &r)) return -1;
    sl_vdecref(rt, r);
    q->len++;
    return 0;
  }
  if (storage_reserve(rt, q)) return -1;
  q->items[q->head + q->len++] = sl_vincref(item);
  if (q->hdr.type == &sl_priority_queue_type)
    return heap_siftdown(rt, q->items + q->head, 0, q->len - 1); /* heappush */
  return 0;
}

/* queue_get_item of a scenario subclass's _get, a LifoQueue or a
 * PriorityQueue. */
static int queue_get_other(sl_rt *rt, sl_queue *q, sl_value *out) {
  if (q->user_storage) {
    if (user_storage_call(rt, q, "_get", NULL, out)) return -1;
    q->len--;
    return 0;
  }
  sl_value last = q->items[q->head + --q->len]; /* list.pop() */
  if (q->hdr.type == &sl_lifo_queue_type || q->len == 0) {
    *out = last;
    return 0;
  }
  /* heappop: the last item replaces the root, then _siftup. */
  sl_value *heap = q->items + q->head;
  *out = heap[0];
  heap[0] = last;
  if (heap_siftup(rt, heap, q->len, 0)) {
    sl_vdecref(rt, *out);
    *out = sl_none();
    return -1;
  }
  return 0;
}

/* *out new reference (the queue's). A plain Queue's deque.popleft()
 * inline: the get that finds an item (queue_get_held) is the common one. */
static inline int queue_get_item(sl_rt *rt, sl_queue *q, sl_value *out) {
  if (q->user_storage || q->hdr.type != &sl_queue_type) return queue_get_other(rt, q, out);
  *out = q->items[q->head++];
  if (--q->len == 0) q->head = 0;
  return 0;
}

/* ---- the Queue API ---------------------------------------------------------- */

/* put_nowait() past its checks: the queue has room. */
static int queue_put_room(sl_rt *rt, sl_queue *q, sl_value item) {
  if (queue_put_item(rt, q, item)) return -1;
  q->unfinished_tasks++;
  sl_event_clear(q->finished);
  return wakeup_next(rt, &q->getters);
}

int sl_queue_put_nowait(sl_rt *rt, sl_obj *o, sl_value item) {
  sl_queue *q = (sl_queue *)o;
  if (q->is_shutdown) return sl_raise_noargs(rt, SL_EXC_QUEUE_SHUTDOWN);
  bool full = false;
  if (sl_queue_check_full(rt, o, &full)) return -1;
  if (full) return sl_raise_noargs(rt, SL_EXC_QUEUE_FULL);
  return queue_put_room(rt, q, item);
}

/* get_nowait() past its check: the queue holds an item. */
static inline int queue_get_held(sl_rt *rt, sl_queue *q, sl_value *out) {
  if (queue_get_item(rt, q, out)) return -1;
  if (wakeup_next(rt, &q->putters)) {
    sl_vdecref(rt, *out);
    return -1;
  }
  return 0;
}

int sl_queue_get_nowait(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_queue *q = (sl_queue *)o;
  if (sl_queue_empty(o)) {
    if (q->is_shutdown) return sl_raise_noargs(rt, SL_EXC_QUEUE_SHUTDOWN);
    return sl_raise_noargs(rt, SL_EXC_QUEUE_EMPTY);
  }
  return queue_get_held(rt, q, out);
}

int sl_queue_task_done(sl_rt *rt, sl_obj *o) {
  sl_queue *q = (sl_queue *)o;
  if (q->unfinished_tasks <= 0)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "task_done() called too many times");
  if (--q->unfinished_tasks == 0) return sl_event_set(rt, q->finished);
  return 0;
}

int sl_queue_shutdown(sl_rt *rt, sl_obj *o, bool immediate) {
  sl_queue *q = (sl_queue *)o;
  q->is_shutdown = true;
  if (immediate) {
    while (!sl_queue_empty(o)) {
      sl_value item;
      if (queue_get_item(rt, q, &item)) return -1;
      sl_vdecref(rt, item);
      if (q->unfinished_tasks > 0) q->unfinished_tasks--;
    }
    if (q->unfinished_tasks == 0 && sl_event_set(rt, q->finished)) return -1;
  }
  /* All getters, then all putters, wake with None and re-check. */
  sl_waitq *lists[2] = {&q->getters, &q->putters};
  for (int k = 0; k < 2; k++)
    while (lists[k]->len) {
      sl_obj *w = sl_waitq_popleft(lists[k]);
      int rc = sl_future_done(w) ? 0 : sl_future_set_result(rt, w, sl_none());
      sl_decref(rt, w);
      if (rc) return -1;
    }
  return 0;
}

/* Slots of get(), put() and join(), whose coroutines have room for these
 * only (sl_ccoro_new_sized: one is made per blocking put or get). */
enum { QS_SELF, QS_ITEM, QS_WAITER, QS_SLOTS };

/* The except-clause of get()/put() around `await getter`:
 *     getter.cancel(); try: self._getters.remove(getter) except ValueError
 *     if not self.empty() and not getter.cancelled(): self._wakeup_next(...)
 *     raise */
static sl_coro_status waiter_failed(sl_rt *rt, sl_queue *q, sl_obj *w, bool getter) {
  if (rt->fatal) return SL_CORO_ERROR;
  sl_obj *exc = sl_err_fetch(rt);
  int rc = sl_future_cancel(rt, w, sl_none()) < 0 ? -1 : 0;
  sl_waitq *list = getter ? &q->getters : &q->putters;
  if (rc == 0) sl_waitq_remove(rt, list, w);
  bool room = getter ? !sl_queue_empty(&q->hdr) : !sl_queue_full(&q->hdr);
  if (rc == 0 && room && !sl_future_cancelled(w)) rc = wakeup_next(rt, list);
  if (rc) {
    sl_decref(rt, exc);
    return SL_CORO_ERROR;
  }
  sl_err_restore(rt, exc);
  return SL_CORO_ERROR;
}

/* get()'s `while self.empty():` with its 3.13 `if self._is_shutdown:
 * raise QueueShutDown`: 1 wait, 0 take an item, -1 raised. */
static inline int get_must_wait(sl_rt *rt, sl_queue *q) {
  if (!sl_queue_empty(&q->hdr)) return 0;
  return q->is_shutdown ? sl_raise_noargs(rt, SL_EXC_QUEUE_SHUTDOWN) : 1;
}

/* put()'s `while self.full():`, the same way. */
static inline int put_must_wait(sl_rt *rt, sl_queue *q) {
  bool full = false;
  if (sl_queue_check_full(rt, &q->hdr, &full)) return -1;
  if (!full) return 0;
  return q->is_shutdown ? sl_raise_noargs(rt, SL_EXC_QUEUE_SHUTDOWN) : 1;
}

/* put_nowait() finds room at the tail of the array and nothing unusual
 * (a number for maxsize, not shut down, the deque's or the list's
 * storage): its whole effect is the store, the count and the wakeup. */
static inline bool put_room_plain(const sl_queue *q) {
  return !q->bad_maxsize && !q->is_shutdown && !q->user_storage &&
         q->hdr.type != &sl_priority_queue_type && q->head + q->len < q->cap &&
         (q->maxsize_int <= 0 || (int64_t)q->len < q->maxsize_int);
}

/* The rest of get() after `await getter`, run by the awaiter that awaited
 * the getter in the coroutine's place (queue_await_now): the except
 * clause, or the loop's next test and either the next getter or
 * get_nowait(). */
static sl_coro_status get_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                               sl_value *out);
static sl_coro_status get_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                    sl_obj *fut, sl_coro_status st, sl_value *out) {
  sl_queue *q = (sl_queue *)self;
  if (st == SL_CORO_ERROR) return waiter_failed(rt, q, fut, true);
  sl_vdecref(rt, *out);
  int wait = get_must_wait(rt, q);
  if (wait < 0) return SL_CORO_ERROR;
  if (wait)
    return sl__waiter_suspend(rt, &q->getters, self, arg, get_then, aw, out) ? SL_CORO_ERROR
                                                                             : SL_CORO_YIELD;
  return sl_queue_get_nowait(rt, self, out) ? SL_CORO_ERROR : SL_CORO_RETURN;
}
static __attribute__((noinline)) sl_coro_status get_then_all(sl_rt *rt, sl_awaiter *aw, sl_obj *fut,
                                                             sl_coro_status st, sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, get_then_body);
}

/* A woken waiter (None back, no object to drop) whose drops free nothing
 * (the loop's wakeup still holds fut, the queue is held elsewhere): they
 * are made first, as no one can see them, and the rest ends in the
 * wakeup of the other side's waiter, or a failed one's drop of the
 * taken item. */
static inline bool woken_quiet(const sl_obj *self, const sl_obj *fut, sl_coro_status st,
                               const sl_value *out) {
  return st == SL_CORO_RETURN && out->tag != SL_V_OBJ && fut->refcnt > 1 && self->refcnt > 1;
}
static __attribute__((noinline)) sl_coro_status get_then_wake(sl_rt *rt, sl_queue *q,
                                                              sl_value *out) {
  if (!wakeup_waiters(rt, &q->putters)) return SL_CORO_RETURN;
  sl_vdecref(rt, *out);
  return SL_CORO_ERROR;
}
static __attribute__((noinline)) sl_coro_status put_then_wake(sl_rt *rt, sl_queue *q) {
  return wakeup_waiters(rt, &q->getters) ? SL_CORO_ERROR : SL_CORO_RETURN;
}
/* get()'s rest after a woken getter, without a frame when it finds an
 * item of a plain Queue (get_plain's test but for the putters, which it
 * wakes): the same steps as get_then_all's. (arg is undef: get has
 * none.) */
static sl_coro_status get_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                               sl_value *out) {
  sl_obj *self = aw->then_self;
  sl_queue *q = (sl_queue *)self;
  if (!woken_quiet(self, fut, st, out) || !q->len || q->user_storage ||
      q->hdr.type != &sl_queue_type)
    return get_then_all(rt, aw, fut, st, out);
  self->refcnt--;
  fut->refcnt--;
  *out = q->items[q->head++];
  if (--q->len == 0) q->head = 0;
  return q->putters.len ? get_then_wake(rt, q, out) : SL_CORO_RETURN;
}

/* The same for put(item) (arg). */
static sl_coro_status put_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                               sl_value *out);
static sl_coro_status put_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                    sl_obj *fut, sl_coro_status st, sl_value *out) {
  sl_queue *q = (sl_queue *)self;
  if (st == SL_CORO_ERROR) return waiter_failed(rt, q, fut, false);
  sl_vdecref(rt, *out);
  int wait = put_must_wait(rt, q);
  if (wait < 0) return SL_CORO_ERROR;
  if (wait)
    return sl__waiter_suspend(rt, &q->putters, self, arg, put_then, aw, out) ? SL_CORO_ERROR
                                                                             : SL_CORO_YIELD;
  if (sl_queue_put_nowait(rt, self, arg)) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}
static __attribute__((noinline)) sl_coro_status put_then_all(sl_rt *rt, sl_awaiter *aw, sl_obj *fut,
                                                             sl_coro_status st, sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, put_then_body);
}
/* put(item)'s rest after a woken putter, without a frame when it finds
 * room (put_plain's test but for the getters, which it wakes): the item
 * (then_arg, the awaiter's reference) moves into the queue, where
 * put_nowait would take a reference and the drop of arg give it back. */
static sl_coro_status put_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                               sl_value *out) {
  sl_obj *self = aw->then_self;
  sl_queue *q = (sl_queue *)self;
  if (!woken_quiet(self, fut, st, out) || !put_room_plain(q))
    return put_then_all(rt, aw, fut, st, out);
  self->refcnt--;
  fut->refcnt--;
  q->items[q->head + q->len++] = aw->then_arg;
  q->unfinished_tasks++;
  sl_event_clear(q->finished);
  *out = sl_none();
  return q->getters.len ? put_then_wake(rt, q) : SL_CORO_RETURN;
}

/* async def get(self) */
static sl_coro_status get_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_queue *q = (sl_queue *)co->slots[QS_SELF].u.o;
  if (co->pc == 1) {
    if (co->failed) return waiter_failed(rt, q, co->slots[QS_WAITER].u.o, true);
    sl_value ignored = sl_ccoro_take_result(co);
    sl_vdecref(rt, ignored);
  }
  int wait = get_must_wait(rt, q);
  if (wait < 0) return SL_CORO_ERROR;
  if (wait) {
    sl_obj *getter = sl_future_new(rt);
    if (!getter) return SL_CORO_ERROR;
    sl_vset(rt, &co->slots[QS_WAITER], sl_obj_val(getter));
    if (sl_waitq_append(rt, &q->getters, getter)) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[QS_WAITER], 1, out);
  }
  return sl_queue_get_nowait(rt, &q->hdr, out) ? SL_CORO_ERROR : SL_CORO_RETURN;
}

/* async def put(self, item) */
static sl_coro_status put_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_queue *q = (sl_queue *)co->slots[QS_SELF].u.o;
  if (co->pc == 1) {
    if (co->failed) return waiter_failed(rt, q, co->slots[QS_WAITER].u.o, false);
    sl_value ignored = sl_ccoro_take_result(co);
    sl_vdecref(rt, ignored);
  }
  int wait = put_must_wait(rt, q);
  if (wait < 0) return SL_CORO_ERROR;
  if (wait) {
    sl_obj *putter = sl_future_new(rt);
    if (!putter) return SL_CORO_ERROR;
    sl_vset(rt, &co->slots[QS_WAITER], sl_obj_val(putter));
    if (sl_waitq_append(rt, &q->putters, putter)) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[QS_WAITER], 1, out);
  }
  if (sl_queue_put_nowait(rt, &q->hdr, co->slots[QS_ITEM])) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}

/* async def join(self): if self._unfinished_tasks > 0: await self._finished.wait() */
static sl_coro_status join_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_queue *q = (sl_queue *)co->slots[QS_SELF].u.o;
  if (co->pc == 0) {
    if (q->unfinished_tasks > 0) {
      sl_obj *w = sl_event_wait(rt, q->finished);
      if (!w) return SL_CORO_ERROR;
      co->slots[QS_WAITER] = sl_obj_val(w);
      return sl_ccoro_await(rt, co, co->slots[QS_WAITER], 1, out);
    }
  } else if (co->failed) {
    return SL_CORO_ERROR;
  } else {
    sl_value ignored = sl_ccoro_take_result(co);
    sl_vdecref(rt, ignored);
  }
  *out = sl_none();
  return SL_CORO_RETURN;
}

static const sl_ccoro_def get_def = {"Queue.get", get_resume, NULL};
static const sl_ccoro_def put_def = {"Queue.put", put_resume, NULL};
static const sl_ccoro_def join_def = {"Queue.join", join_resume, NULL};

sl_obj *sl_queue_get(sl_rt *rt, sl_obj *q) {
  sl_value self = sl_obj_val(q);
  return sl_ccoro_new_sized(rt, &get_def, QS_SLOTS, &self, 1);
}

sl_obj *sl_queue_put(sl_rt *rt, sl_obj *q, sl_value item) {
  sl_value slots[2] = {sl_obj_val(q), item};
  return sl_ccoro_new_sized(rt, &put_def, QS_SLOTS, slots, 2);
}

sl_obj *sl_queue_join(sl_rt *rt, sl_obj *q) {
  sl_value self = sl_obj_val(q);
  return sl_ccoro_new_sized(rt, &join_def, QS_SLOTS, &self, 1);
}

/* ---- Python-level methods ------------------------------------------------- */

static const char *const self_only[] = {"self"};
static const char *const self_item[] = {"self", "item"};

#define BIND(qual, names, n, req)                                                                  \
  sl_value a[n];                                                                                   \
  if (sl__bind_method(rt, self, args, qual, names, n, req, n, a)) return -1

static int ret_coro(sl_obj *co, sl_value *out) {
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int m_put(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.put", self_item, 2, 2);
  return ret_coro(sl_queue_put(rt, self.u.o, a[1]), out);
}
static int m_get(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.get", self_only, 1, 1);
  return ret_coro(sl_queue_get(rt, self.u.o), out);
}
static int m_join(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.join", self_only, 1, 1);
  return ret_coro(sl_queue_join(rt, self.u.o), out);
}
static int m_put_nowait(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.put_nowait", self_item, 2, 2);
  return sl_queue_put_nowait(rt, self.u.o, a[1]);
}
/* `q.put_nowait(x)` as a statement (sl_cstmt_fn): no binding (any other
 * count takes the plain body, which owns the TypeError); QueueFull and
 * QueueShutDown are sl_queue_put_nowait's either way. */
static int m_put_nowait_stmt(sl_rt *rt, sl_value *slots, int32_t argc) {
  if (argc != 1) return SL_CSTMT_PLAIN;
  int rc = sl_queue_put_nowait(rt, slots[0].u.o, slots[1]);
  sl_vdecref(rt, slots[1]);
  return rc ? -1 : 0;
}
static int m_get_nowait(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.get_nowait", self_only, 1, 1);
  return sl_queue_get_nowait(rt, self.u.o, out);
}
static int m_task_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.task_done", self_only, 1, 1);
  return sl_queue_task_done(rt, self.u.o);
}
static int m_qsize(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.qsize", self_only, 1, 1);
  *out = sl_int((int64_t)sl_queue_qsize(self.u.o));
  return 0;
}
static int m_empty(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.empty", self_only, 1, 1);
  *out = sl_bool(sl_queue_empty(self.u.o));
  return 0;
}
static int m_full(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  BIND("Queue.full", self_only, 1, 1);
  bool full = false;
  if (sl_queue_check_full(rt, self.u.o, &full)) return -1;
  *out = sl_bool(full);
  return 0;
}
static int m_shutdown(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "immediate"};
  BIND("Queue.shutdown", names, 2, 1);
  bool immediate = false;
  if (!sl_is_undef(a[1]) && sl_truth(rt, a[1], &immediate)) return -1;
  return sl_queue_shutdown(rt, self.u.o, immediate);
}

/* sl_type.await_now past queue_await_now's common cases: `await
 * q.put(item)` with room, `await q.get()` with
 * an item, `await q.join()` with nothing unfinished: the first pass of
 * put_resume, get_resume and join_resume, which finishes there; with an
 * awaiter, a put or get that must wait does so in place (put_then,
 * get_then). Only the arguments the method binds without a message are
 * taken. */
static __attribute__((noinline)) int queue_await_other(sl_rt *rt, const sl_cfunc_def *def,
                                                       const sl_value *argv, size_t argc,
                                                       sl_awaiter *aw, sl_value *out) {
  sl_obj *o = argv[-1].u.o;
  sl_queue *q = (sl_queue *)o;
  if (def->fn == m_put && argc == 1) {
    int wait = put_must_wait(rt, q);
    if (wait < 0) return -1;
    if (wait)
      return aw ? sl__waiter_suspend_now(rt, &q->putters, o, argv[0], put_then, aw) : SL_NOW_LATER;
    /* put_nowait() without its second full() test */
    if (q->is_shutdown) return sl_raise_noargs(rt, SL_EXC_QUEUE_SHUTDOWN);
    if (queue_put_room(rt, q, argv[0])) return -1;
    *out = sl_none();
    return SL_NOW_DONE;
  }
  if (argc) return SL_NOW_LATER;
  if (def->fn == m_get) {
    int wait = get_must_wait(rt, q);
    if (wait < 0) return -1;
    if (wait)
      return aw ? sl__waiter_suspend_now(rt, &q->getters, o, sl_undef(), get_then, aw)
                : SL_NOW_LATER;
    return queue_get_held(rt, q, out) ? -1 : SL_NOW_DONE;
  }
  if (def->fn == m_join) {
    /* join_resume's first pass, and the Event.wait() it awaits in place. */
    if (q->unfinished_tasks > 0 && !sl_event_is_set(q->finished))
      return aw ? sl__event_wait_now(rt, q->finished, true, aw) : SL_NOW_LATER;
    *out = sl_none();
    return SL_NOW_DONE;
  }
  return SL_NOW_LATER;
}

/* A put into a queue with room at the tail of its array, nothing unusual
 * about it (a number for maxsize, not shut down, the deque's or the
 * list's storage, no getter to wake): put_nowait()'s whole effect. */
static inline bool put_plain(const sl_queue *q) { return !q->getters.len && put_room_plain(q); }

/* A plain Queue's get of a held item with no putter to wake. */
static inline bool get_plain(const sl_queue *q) {
  return q->len && !q->user_storage && !q->putters.len && q->hdr.type == &sl_queue_type;
}

/* The put that finds room and the get that finds an item (most awaits of
 * a queue) with no saved registers; everything else, in the same order as
 * before, in queue_await_other. */
static int queue_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                           sl_awaiter *aw, sl_value *out) {
  sl_queue *q = (sl_queue *)argv[-1].u.o;
  if (def->fn == m_put) {
    if (argc == 1 && put_plain(q)) {
      q->items[q->head + q->len++] = sl_vincref(argv[0]);
      q->unfinished_tasks++;
      sl_event_clear(q->finished);
      *out = sl_none();
      return SL_NOW_DONE;
    }
  } else if (def->fn == m_get && !argc && get_plain(q)) {
    *out = q->items[q->head++];
    if (--q->len == 0) q->head = 0;
    return SL_NOW_DONE;
  }
  return queue_await_other(rt, def, argv, argc, aw, out);
}

static const sl_cfunc_def queue_methods[] = {
    {"Queue.put", m_put, NULL, SL_CANON_LABEL},
    {"Queue.get", m_get, NULL, SL_CANON_LABEL},
    {"Queue.join", m_join, NULL, SL_CANON_LABEL},
    {"Queue.put_nowait", m_put_nowait, NULL, SL_CANON_LABEL, .stmt = m_put_nowait_stmt},
    {"Queue.get_nowait", m_get_nowait, NULL, SL_CANON_LABEL},
    {"Queue.task_done", m_task_done, NULL, SL_CANON_LABEL},
    {"Queue.qsize", m_qsize, NULL, SL_CANON_LABEL},
    {"Queue.empty", m_empty, NULL, SL_CANON_LABEL},
    {"Queue.full", m_full, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static const sl_cfunc_def shutdown_method[] = {
    {"Queue.shutdown", m_shutdown, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int queue_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "_unfinished_tasks"))
    return *out = sl_int(((sl_queue *)o)->unfinished_tasks), 0;
  if (!strcmp(name, "maxsize") || !strcmp(name, "_maxsize")) { /* @property maxsize */
    *out = sl_vincref(((sl_queue *)o)->maxsize);
    return 0;
  }
  int found = sl_methods_lookup(rt, sl_obj_val(o), queue_methods, name, out);
  if (found) return found < 0 ? -1 : 0;
  if (rt->profile->queue_shutdown) return sl__getattr_methods(rt, o, shutdown_method, name, out);
  return sl__no_attribute(rt, o, name);
}
