/* A deque of waiter futures (see waitq.h): the collections.deque that
 * Lib/asyncio/locks.py and queues.py keep their waiters in. O(n) remove, as
 * deque.remove is. */
#include "core/waitq.h"

#include <string.h>

#include "core/alloc.h"
#include "core/rt.h"

int sl_waitq_append(sl_rt *rt, sl_waitq *q, sl_obj *fut) {
  if (q->head + q->len == q->cap) {
    if (q->head > 0 && q->head >= q->len) {
      /* Plenty of dead space at the front: slide down instead of growing. */
      memmove(q->items, q->items + q->head, q->len * sizeof *q->items);
      q->head = 0;
    } else {
      size_t cap = q->cap ? q->cap * 2 : 4;
      sl_obj **grown = sl_realloc(q->items, cap * sizeof *grown);
      if (!grown) return sl_nomem(rt);
      q->items = grown;
      q->cap = cap;
    }
  }
  sl_incref(fut);
  q->items[q->head + q->len++] = fut;
  return 0;
}

bool sl_waitq_remove(sl_rt *rt, sl_waitq *q, sl_obj *fut) {
  for (size_t i = 0; i < q->len; i++) {
    if (q->items[q->head + i] != fut) continue;
    if (i == 0) { /* the head (waiters leave in turn): as popleft */
      sl_decref(rt, sl_waitq_popleft(q));
      return true;
    }
    memmove(q->items + q->head + i, q->items + q->head + i + 1,
            (q->len - i - 1) * sizeof *q->items);
    q->len--;
    sl_decref(rt, fut);
    return true;
  }
  return false;
}

sl_obj *sl_waitq_popleft(sl_waitq *q) {
  if (!q->len) return NULL;
  sl_obj *fut = q->items[q->head++];
  if (--q->len == 0) q->head = 0;
  return fut;
}

void sl_waitq_clear(sl_rt *rt, sl_waitq *q) {
  while (q->len) sl_decref(rt, sl_waitq_popleft(q));
}

void sl_waitq_release(sl_waitq *q) {
  sl_free(q->items);
  q->items = NULL;
  q->head = q->len = q->cap = 0;
}
