/* Future: mirrors Lib/asyncio/futures.py (and _asynciomodule.c FutureObj).
 *
 * An explicit state machine: PENDING -> FINISHED or CANCELLED. Done callbacks
 * always run through call_soon, in registration order. Types whose layout
 * starts with sl_future (Task, gather's future) carry SL_TF_FUTURE. */
#ifndef SL_FUTURE_H
#define SL_FUTURE_H

#include "core/alloc.h"
#include "core/object.h"
#include "core/rt.h"

typedef enum sl_future_state {
  SL_FUTURE_PENDING,
  SL_FUTURE_CANCELLED,
  SL_FUTURE_FINISHED,
} sl_future_state;

typedef struct sl_future {
  sl_obj hdr;
  sl_future_state state;
  sl_value result;         /* owned */
  sl_obj *exception;       /* owned, or NULL */
  sl_value cancel_message; /* owned: None or the message */
  sl_obj *cancelled_exc;   /* owned: saved CancelledError (_cancelled_exc) */
  /* owned array of owned callables: cb_inline while there is room there
   * (a future waited on by one task has one callback: no allocation) */
  sl_value *callbacks;
  size_t ncallbacks, capcallbacks;
  sl_value cb_inline[1];
  /* owned array beside `callbacks` (capcallbacks slots): the context each
   * runs in (undef: none), or NULL while no callback has one */
  sl_value *cb_contexts;
  bool blocking;      /* _asyncio_future_blocking */
  bool log_traceback; /* an exception nobody has retrieved yet */
  uint64_t trace_id;  /* F<trace_id> in traces; 0 until first named */
  sl_obj *spare_next; /* borrowed: the next on rt->spare_futures, while on it */
} sl_future;

extern const sl_type sl_future_type;

static inline bool sl_is_future(sl_value v) {
  return v.tag == SL_V_OBJ && (v.u.o->type->flags & SL_TF_FUTURE);
}
static inline sl_future *sl_as_future(sl_obj *o) { return (sl_future *)o; }
static inline bool sl_future_done(sl_obj *f) { return sl_as_future(f)->state != SL_FUTURE_PENDING; }
static inline bool sl_future_cancelled(sl_obj *f) {
  return sl_as_future(f)->state == SL_FUTURE_CANCELLED;
}

/* sl_future_new's other cases: no spare to take (a new object), or the
 * allocation attempt of taking one failed as the out-of-memory sweep
 * asked (that attempt already counted). */
sl_obj *sl__future_new_other(sl_rt *rt);
/* loop.create_future(): a dead Future from rt->spare_futures when there
 * is one (a waiter future is made and dropped per wait), else a new
 * object. Either is one allocation attempt. A spare taken in line: every
 * wait makes one. */
static inline sl_obj *sl_future_new(sl_rt *rt) {
  sl_obj *o = rt->spare_futures;
  /* A spare is a plain Future: not when an extension is asked for. */
  if (o && rt->ext_next_type != &sl_future_type && !sl_alloc_injected_failure_inline()) {
    rt->spare_futures = sl_as_future(o)->spare_next;
    rt->nspare_futures--;
    return o;
  }
  return sl__future_new_other(rt);
}
/* A plain Future's death (heap.c's sl__decref_last, refcnt 1 there): true
 * when it went on rt->spare_futures as a new one instead (resurrected
 * with the list's reference, still on the run's list), false when it
 * holds something that must be dropped (a woken or cancelled waiter
 * future holds a bool or None and no callback), weak references live,
 * it has an extension or the list is full: then it is cleared and freed
 * as any object. In line: every wait's and sleep's future dies here. */
#define SL__SPARE_FUTURES_MAX 256u
void sl__future_spare_forget(sl_rt *rt, sl_obj *o);
static inline bool sl__future_spare(sl_rt *rt, sl_obj *o) {
  sl_future *f = sl_as_future(o);
  /* capcallbacks 0: no callback, no array of them or of contexts, the
   * inline slot undef (only grow_callbacks sets it, schedule_callbacks
   * resets it). */
  uintptr_t held = (uintptr_t)f->exception | (uintptr_t)f->cancelled_exc | f->capcallbacks;
  if (held || f->result.tag == SL_V_OBJ || f->cancel_message.tag == SL_V_OBJ ||
      (o->size_class & SL_OBJ_EXT_BIT) || rt->nspare_futures >= SL__SPARE_FUTURES_MAX ||
      rt->weakref_clear /* weak references to it must die with it */)
    return false;
  /* A new object has no identity yet (identity.h). */
  if (o->identified) sl__future_spare_forget(rt, o);
  /* cancel_message holds no object, so it is None. */
  f->state = SL_FUTURE_PENDING;
  f->result = sl_none();
  f->blocking = false;
  f->log_traceback = false;
  f->trace_id = 0;
  f->spare_next = rt->spare_futures;
  rt->spare_futures = o;
  rt->nspare_futures++;
  return true;
}
/* Initialises the sl_future part of a freshly allocated subtype object. */
void sl_future_init(sl_obj *fut);
/* Releases what the sl_future part holds (for subtypes' clear). */
void sl_future_clear_fields(sl_rt *rt, sl_obj *fut);
/* Appends what base_futures._future_repr_info shows after the state:
 * " result=..." (reprlib-shortened) or " exception=...", then " cb=[...]".
 * Returns -1 with an exception set when a repr failed. */
int sl_future_repr_outcome(sl_rt *rt, sl_obj *fut, sl_strbuf *out);
/* The repr slot of Future and its engine subclasses (_GatheringFuture):
 * "<Future pending cb=[...]>", "<_GatheringFuture finished result=[5]>". */
int sl_future_repr(sl_rt *rt, sl_obj *fut, sl_strbuf *out);
void sl_future_release_fields(sl_obj *fut);

/* sl_future_result's other cases: raises CancelledError (cancelled),
 * InvalidStateError (pending) or the future's exception. -1. */
int sl__future_result_raise(sl_rt *rt, sl_obj *fut);
/* result(): 0 and *out (new ref), or -1 with the exception raised. In
 * line: a task's wakeup asks it of every future it awaited. */
static inline int sl_future_result(sl_rt *rt, sl_obj *fut, sl_value *out) {
  sl_future *f = sl_as_future(fut);
  if (f->state != SL_FUTURE_FINISHED || f->exception) return sl__future_result_raise(rt, fut);
  f->log_traceback = false;
  *out = sl_vincref(f->result);
  return 0;
}
/* exception(): 0 and *out (new ref or NULL), or -1. */
int sl_future_exception(sl_rt *rt, sl_obj *fut, sl_obj **out);
int sl_future_set_result(sl_rt *rt, sl_obj *fut, sl_value v);
/* `exc` is borrowed; a class is instantiated as CPython does. */
int sl_future_set_exception(sl_rt *rt, sl_obj *fut, sl_value exc);
/* Future.cancel(msg) without the Task override: 1 cancelled, 0 already done,
 * -1 error. */
int sl_future_cancel_base(sl_rt *rt, sl_obj *fut, sl_value msg);
/* fut.cancel(msg) dispatching to Task.cancel for tasks. */
int sl_future_cancel(sl_rt *rt, sl_obj *fut, sl_value msg);
/* add_done_callback(fn, context=ctx): fn runs in ctx (borrowed; undef:
 * in the context current when the loop runs it). */
int sl_future_add_done_callback_ctx(sl_rt *rt, sl_obj *fut, sl_value cb, sl_value ctx);
/* add_done_callback(fn) (cb borrowed). In line for a pending future's
 * first callback (a task awaiting a new waiter future: no array to grow,
 * no contexts, which capcallbacks 0 says). */
static inline int sl_future_add_done_callback(sl_rt *rt, sl_obj *fut, sl_value cb) {
  sl_future *f = sl_as_future(fut);
  if (f->state == SL_FUTURE_PENDING && !f->capcallbacks) {
    f->callbacks = f->cb_inline;
    f->capcallbacks = f->ncallbacks = 1;
    f->cb_inline[0] = sl_vincref(cb);
    return 0;
  }
  return sl_future_add_done_callback_ctx(rt, fut, cb, sl_undef());
}
/* Removes every callback equal to cb; returns how many, or -1. */
int64_t sl_future_remove_done_callback(sl_rt *rt, sl_obj *fut, sl_value cb);
/* _make_cancelled_error(): new reference, NULL when out of memory. */
sl_obj *sl_future_make_cancelled_error(sl_rt *rt, sl_obj *fut);
/* futures._set_result_unless_cancelled as a callable's body. */
int sl_future_set_result_unless_cancelled(sl_rt *rt, sl_obj *fut, sl_value v);
/* The trace id of a future or task ("T3", "F2"); assigns F ids on first use. */
void sl_future_trace_id(sl_rt *rt, sl_obj *fut, sl_strbuf *out);
/* The same as its letter ('T' or 'F', in *letter) and number (from 1). */
uint64_t sl_future_trace_number(sl_rt *rt, sl_obj *fut, char *letter);

#endif
