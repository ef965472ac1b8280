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

/* deque.append(fut): takes a new reference. 0, or -1 out of memory (the
 * queue is unchanged). */
int sl_waitq_append(sl_rt *rt, sl_waitq *q, sl_obj *fut);
/* deque.remove(fut): drops the first occurrence. Returns false when fut is
 * not there (CPython raises ValueError; callers decide). */
bool sl_waitq_remove(sl_rt *rt, sl_waitq *q, sl_obj *fut);
/* deque.popleft(): returns the queue's reference (caller owns it); NULL
 * when empty. */
sl_obj *sl_waitq_popleft(sl_waitq *q);
/* Borrowed i-th element, 0 = head. */
static inline sl_obj *sl_waitq_at(const sl_waitq *q, size_t i) { return q->items[q->head + i]; }
void sl_waitq_clear(sl_rt *rt, sl_waitq *q);
void sl_waitq_release(sl_waitq *q);

#endif
