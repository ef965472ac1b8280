/* A deque of waiter futures (see waitq.h): the collections.deque that
 * Lib/asyncio/locks.py and queues.py keep their waiters in. O(n) remove, as
 * deque.remove is. */
#include "core/waitq.h"

#include <string.h>

#include "core/alloc.h"
#include "core/rt.h"

int sl__waitq_make_room(sl_rt *rt, sl_waitq *q) {
  if (q->head > 0 && q->head >= q->len) {
    /* Plenty of dead space at the front: slide down instead of growing. */
    memmove(q->items, q->items + q->head, q->len * sizeof *q->items);
    q->head = 0;
    return 0;
  }
  size_t cap = q->cap ? q->cap * 2 : 4;
  sl_obj **grown = sl_realloc(q->items, cap * sizeof *grown);
  if (!grown) return sl_nomem(rt);
  q->items = grown;
  q->cap = cap;
  return 0;
}

bool sl__waitq_remove_inner(sl_rt *rt, sl_waitq *q, sl_obj *fut) {
  for (size_t i = 1; i < q->len; i++) {
    if (q->items[q->head + i] != fut) continue;
    memmove(q->items + q->head + i, q->items + q->head + i + 1,
            (q->len - i - 1) * sizeof *q->items);
    q->len--;
    sl_decref(rt, fut);
    return true;
  }
  return false;
}

void sl_waitq_clear(sl_rt *rt, sl_waitq *q) {
  while (q->len) sl_decref(rt, sl_waitq_popleft(q));
}

void sl_waitq_release(sl_waitq *q) {
  sl_free(q->items);
  q->items = NULL;
  q->head = q->len = q->cap = 0;
}
