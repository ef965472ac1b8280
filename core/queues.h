/* Queue, LifoQueue, PriorityQueue: mirror Lib/asyncio/queues.py.
 *
 * Items are owned by the queue. put()/get()/join() return new C coroutines;
 * the *_nowait methods act at once and raise QueueFull / QueueEmpty /
 * QueueShutDown (3.13+, profile switch queue_shutdown) as CPython does.
 * Returned objects are new references; arguments borrowed. */
#ifndef SL_QUEUES_H
#define SL_QUEUES_H

#include "core/object.h"
#include "core/waitq.h"

extern const sl_type sl_queue_type;
extern const sl_type sl_lifo_queue_type;
extern const sl_type sl_priority_queue_type;

typedef struct sl_queue {
  sl_obj hdr;
  sl_value maxsize;    /* owned: as given (its repr is printed) */
  int64_t maxsize_int; /* the same as a number */
  /* maxsize is not a number: full() fails as `self._maxsize <= 0` does,
   * when it is first called (not in Queue()). */
  bool bad_maxsize;
  sl_value *items; /* owned array: items[head .. head+len) */
  size_t head, len, cap;
  sl_waitq getters, putters;
  int64_t unfinished_tasks;
  sl_obj *finished; /* owned sl_event: _finished */
  bool is_shutdown;
  /* An instance of a scenario subclass overriding _put/_get (as LifoQueue
   * and PriorityQueue override Queue's): the items live where those
   * methods put them and `len` only counts them (qsize() is
   * len(self._queue) in CPython). Set by core/lang. */
  bool user_storage;
} sl_queue;

/* Queue(maxsize) of the given type (one of the three above). */
sl_obj *sl_queue_new(sl_rt *rt, const sl_type *type, sl_value maxsize);
/* full(), raising CPython's TypeError for a maxsize that is not a number
 * (sl_queue_full answers "not full" for one). */
int sl_queue_check_full(sl_rt *rt, sl_obj *o, bool *full);
size_t sl_queue_qsize(sl_obj *q);
bool sl_queue_empty(sl_obj *q);
bool sl_queue_full(sl_obj *q);
int sl_queue_put_nowait(sl_rt *rt, sl_obj *q, sl_value item);
/* *out gets the item (new reference). */
int sl_queue_get_nowait(sl_rt *rt, sl_obj *q, sl_value *out);
sl_obj *sl_queue_put(sl_rt *rt, sl_obj *q, sl_value item);
sl_obj *sl_queue_get(sl_rt *rt, sl_obj *q);
sl_obj *sl_queue_join(sl_rt *rt, sl_obj *q);
/* ValueError('task_done() called too many times') */
int sl_queue_task_done(sl_rt *rt, sl_obj *q);
/* shutdown(immediate) (3.13+). */
int sl_queue_shutdown(sl_rt *rt, sl_obj *q, bool immediate);

#endif
