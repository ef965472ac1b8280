/* A deque of waiter futures, as locks.py and queues.py keep in
 * collections.deque: append at the tail, popleft, remove the first
 * occurrence (identity: futures compare by identity), iterate in order.
 *
 * Ownership: the queue holds one reference to every future in it. The
 * structure is embedded in its owner (Lock, Queue, ...) and freed with
 * sl_waitq_clear (references) and sl_waitq_release (the array). */
#ifndef SL_WAITQ_H
#define SL_WAITQ_H

#include "core/object.h"

typedef struct sl_waitq {
  sl_obj **items; /* owned array; items[head .. head+len) owned futures */
  size_t head, len, cap;
} sl_waitq;

/* Makes room for one more at the tail (slides down or grows). 0, or -1
 * out of memory (the queue is unchanged). */
int sl__waitq_make_room(sl_rt *rt, sl_waitq *q);
/* deque.append(fut) taking over the caller's reference (a waiter future
 * just made): 0, or -1 out of memory with the reference still the
 * caller's. Inline: a wait appends one future, and there is nearly always
 * room. */
static inline int sl_waitq_append_move(sl_rt *rt, sl_waitq *q, sl_obj *fut) {
  if (q->head + q->len == q->cap && sl__waitq_make_room(rt, q)) return -1;
  q->items[q->head + q->len++] = fut;
  return 0;
}
/* deque.append(fut): takes a new reference. 0, or -1 out of memory (the
 * queue is unchanged). */
static inline int sl_waitq_append(sl_rt *rt, sl_waitq *q, sl_obj *fut) {
  if (sl_waitq_append_move(rt, q, fut)) return -1;
  sl_incref(fut);
  return 0;
}
/* deque.popleft(): returns the queue's reference (caller owns it); NULL
 * when empty. */
static inline sl_obj *sl_waitq_popleft(sl_waitq *q) {
  if (!q->len) return NULL;
  sl_obj *fut = q->items[q->head++];
  if (--q->len == 0) q->head = 0;
  return fut;
}
/* sl_waitq_remove past the head. */
bool sl__waitq_remove_inner(sl_rt *rt, sl_waitq *q, sl_obj *fut);
/* deque.remove(fut): drops the first occurrence. Returns false when fut is
 * not there (CPython raises ValueError; callers decide). Woken waiters
 * leave in turn, so the head is tested inline. */
static inline bool sl_waitq_remove(sl_rt *rt, sl_waitq *q, sl_obj *fut) {
  if (!q->len || q->items[q->head] != fut) return sl__waitq_remove_inner(rt, q, fut);
  sl_decref(rt, sl_waitq_popleft(q));
  return true;
}
/* Borrowed i-th element, 0 = head. */
static inline sl_obj *sl_waitq_at(const sl_waitq *q, size_t i) { return q->items[q->head + i]; }
void sl_waitq_clear(sl_rt *rt, sl_waitq *q);
void sl_waitq_release(sl_waitq *q);

#endif
