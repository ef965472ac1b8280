/* Future (see future.h). Mirrors Lib/asyncio/futures.py; where the C
 * accelerator (_asynciomodule.c) differs observably we follow it. */
#include "core/handle.h"
#include "core/reprlib.h"
#include "core/future.h"

#include "core/alloc.h"
#include "core/exc.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/task.h"
#include "core/sync-int.h"

/* Keeps a rare path out of its caller, whose common case then saves no
 * registers for it. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* sl_future_clear_fields when something is held: the decrefs in field
 * order. */
static NOINLINE void clear_held(sl_rt *rt, sl_future *f) {
  sl_vset(rt, &f->result, sl_none());
  sl_decref(rt, f->exception);
  f->exception = NULL;
  sl_vset(rt, &f->cancel_message, sl_none());
  sl_decref(rt, f->cancelled_exc);
  f->cancelled_exc = NULL;
  for (size_t i = 0; i < f->ncallbacks; i++) {
    sl_vdecref(rt, f->callbacks[i]);
    if (f->cb_contexts) sl_vset(rt, &f->cb_contexts[i], sl_undef());
  }
  f->ncallbacks = 0;
}

void sl_future_clear_fields(sl_rt *rt, sl_obj *o) {
  sl_future *f = sl_as_future(o);
  /* A waiter future ends holding nothing but a bool or None (its result)
   * and no callback: then nothing is dropped and no register saved. */
  if (f->result.tag == SL_V_OBJ || f->cancel_message.tag == SL_V_OBJ || f->exception ||
      f->cancelled_exc || f->ncallbacks) {
    clear_held(rt, f);
    return;
  }
  f->result = sl_none();
  f->cancel_message = sl_none();
}

/* Frees only what is there: a waiter future has neither array. */
void sl_future_release_fields(sl_obj *o) {
  sl_future *f = sl_as_future(o);
  if (f->callbacks && f->callbacks != f->cb_inline) sl_free(f->callbacks);
  if (f->cb_contexts) sl_free(f->cb_contexts);
}

static void future_clear(sl_rt *rt, sl_obj *o) { sl_future_clear_fields(rt, o); }

/* Out of line: a future named in a trace or by id() is rare. */
void sl__future_spare_forget(sl_rt *rt, sl_obj *o) {
  sl_identity_forget(rt, o);
  o->identified = 0;
}

/* sl_type.finalize of Future, for a caller other than sl__decref_last
 * (which spares a plain Future itself, without the call): the same, the
 * spare with its own reference (heap.c's decref_last allows it). */
static void future_finalize(sl_rt *rt, sl_obj *o) {
  if (sl__future_spare(rt, o)) o->refcnt++;
}

static const char *state_name(sl_future_state s) {
  return s == SL_FUTURE_PENDING ? "pending" : s == SL_FUTURE_CANCELLED ? "cancelled" : "finished";
}

/* base_futures._format_callbacks: cb=[first, second] or
 * cb=[first, <N more>, last]. */
static void format_callbacks(sl_rt *rt, sl_future *f, sl_strbuf *out) {
  size_t n = f->ncallbacks;
  sl_strbuf_puts(out, " cb=[");
  sl_format_callback_source(rt, f->callbacks[0], NULL, 0, out);
  if (n == 2) {
    sl_strbuf_puts(out, ", ");
    sl_format_callback_source(rt, f->callbacks[1], NULL, 0, out);
  } else if (n > 2) {
    sl_strbuf_printf(out, ", <%zu more>, ", n - 2);
    sl_format_callback_source(rt, f->callbacks[n - 1], NULL, 0, out);
  }
  sl_strbuf_putc(out, ']');
}

int sl_future_repr_outcome(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_future *f = sl_as_future(o);
  if (f->state == SL_FUTURE_FINISHED) {
    if (f->exception) {
      sl_strbuf_puts(out, " exception=");
      if (sl_repr(rt, sl_obj_val(f->exception), out)) return -1;
    } else {
      /* reprlib.repr: long results are shortened. */
      sl_strbuf_puts(out, " result=");
      if (sl_reprlib(rt, f->result, out)) return -1;
    }
  }
  if (f->ncallbacks) format_callbacks(rt, f, out);
  return 0;
}

/* base_futures._future_repr: <Future pending cb=[...]>, <Future finished
 * result=1>, ... (the class name is the type's: _GatheringFuture). */
int sl_future_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<%s %s", sl_type_name(sl_obj_val(o)), state_name(sl_as_future(o)->state));
  if (sl_future_repr_outcome(rt, o, out)) return -1;
  sl_strbuf_putc(out, '>');
  return 0;
}

const sl_type sl_future_type = {.name = "Future",
                                .finalize = future_finalize,
                                .clear = future_clear,
                                .release = sl_future_release_fields,
                                .repr = sl_future_repr,
                                .flags = SL_TF_FUTURE | SL_TF_STABLE_ATTRS,
                                .size = sizeof(sl_future)};

void sl_future_init(sl_obj *o) {
  sl_future *f = sl_as_future(o);
  f->state = SL_FUTURE_PENDING;
  f->result = sl_none();
  f->cancel_message = sl_none();
}

/* Not zeroed: every field is set here (a waiter future is made per
 * contended acquire, get or put). */
sl_obj *sl__future_new_other(sl_rt *rt) {
  if (rt->spare_futures && rt->ext_next_type != &sl_future_type) {
    sl_nomem(rt); /* sl_future_new's attempt at a spare failed */
    return NULL;
  }
  sl_obj *o = sl_obj_alloc_uninit(rt, &sl_future_type, sizeof(sl_future));
  if (!o) return NULL;
  sl_future *f = sl_as_future(o);
  f->state = SL_FUTURE_PENDING;
  f->result = sl_none();
  f->exception = NULL;
  f->cancel_message = sl_none();
  f->cancelled_exc = NULL;
  f->callbacks = NULL;
  f->ncallbacks = f->capcallbacks = 0;
  f->cb_inline[0] = sl_undef();
  f->cb_contexts = NULL;
  f->blocking = false;
  f->log_traceback = false;
  f->trace_id = 0;
  f->spare_next = NULL;
  return o;
}

/* __schedule_callbacks: copy, clear, then call_soon(cb, self) for each. */
/* call_soon(cb, self, context=ctx); ctx (undef: none) is consumed. */
static int call_soon_in(sl_rt *rt, sl_obj *o, sl_value cb, sl_value ctx) {
  sl_value self = sl_obj_val(o);
  if (sl_is_undef(ctx)) return sl_loop_call_soon0(rt, cb, &self, 1);
  sl_obj *h = sl_loop_call_soon(rt, cb, &self, 1);
  if (!h) {
    sl_vdecref(rt, ctx);
    return -1;
  }
  sl_vset(rt, &sl_as_handle(h)->context, ctx);
  sl_decref(rt, h);
  return 0;
}

/* schedule_callbacks' general case: each callback in order, through
 * call_soon with its context. Out of line: the common case below then
 * saves no registers for its loop. */
static NOINLINE int schedule_each(sl_rt *rt, sl_obj *o) {
  sl_future *f = sl_as_future(o);
  size_t n = f->ncallbacks;
  sl_value *cbs = f->callbacks, *ctxs = f->cb_contexts, first;
  if (cbs == f->cb_inline) { /* taken out of the future, as an array is */
    first = f->cb_inline[0];
    f->cb_inline[0] = sl_undef();
    cbs = &first;
  }
  f->callbacks = f->cb_contexts = NULL;
  f->ncallbacks = f->capcallbacks = 0;
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    sl_value ctx = ctxs ? ctxs[i] : sl_undef();
    if (rc == 0)
      rc = call_soon_in(rt, o, cbs[i], ctx);
    else
      sl_vdecref(rt, ctx);
    sl_vdecref(rt, cbs[i]);
  }
  if (cbs != &first) sl_free(cbs);
  sl_free(ctxs);
  return rc;
}

static inline int schedule_callbacks(sl_rt *rt, sl_obj *o) {
  sl_future *f = sl_as_future(o);
  if (f->ncallbacks != 1 || f->callbacks != f->cb_inline || f->cb_contexts)
    return schedule_each(rt, o);
  /* One callback without a context (a task waits on this future): its
   * reference moves from the future to the ready queue. */
  sl_value cb = f->cb_inline[0];
  f->cb_inline[0] = sl_undef();
  f->callbacks = NULL;
  f->ncallbacks = f->capcallbacks = 0;
  sl_incref(o);
  /* A task's wakeup (the common case) is queued as its kind for the loop
   * to call directly (loop.h sl_ready_entry). */
  bool wakeup = cb.tag == SL_V_OBJ && cb.u.o->type == &sl_cfunc_type &&
                sl_as_cfunc(cb.u.o)->def == &sl__task_wakeup_def;
  sl_value call = cb;
  if (wakeup) call.tag = SL_READY_WAKEUP;
  return sl__loop_ready_put(rt, call, cb, sl_obj_val(o));
}

/* A task reaches a final state: tell the task machinery (all_tasks, the
 * observer). */
static void state_changed(sl_rt *rt, sl_obj *o) {
  if (o->type->flags & SL_TF_TASK) sl_task_finished(rt, o);
}

/* state_changed and schedule_callbacks for a task. Out of line: a plain
 * future's set_result (a wake) then makes no call but its last, and saves
 * no registers. */
static NOINLINE int task_finished_schedule(sl_rt *rt, sl_obj *o) {
  sl_task_finished(rt, o);
  return schedule_callbacks(rt, o);
}

sl_obj *sl_future_make_cancelled_error(sl_rt *rt, sl_obj *o) {
  sl_future *f = sl_as_future(o);
  if (f->cancelled_exc) {
    sl_obj *exc = f->cancelled_exc;
    f->cancelled_exc = NULL;
    return exc;
  }
  if (sl_is_none(f->cancel_message))
    return sl_exc_new(rt, rt->classes[SL_EXC_CANCELLED_ERROR], NULL, 0);
  return sl_exc_new(rt, rt->classes[SL_EXC_CANCELLED_ERROR], &f->cancel_message, 1);
}

static int raise_cancelled(sl_rt *rt, sl_obj *o) {
  sl_obj *exc = sl_future_make_cancelled_error(rt, o);
  if (!exc) return -1;
  sl_err_restore(rt, exc);
  sl_err_chain(rt); /* futures.py: raise exc */
  return -1;
}

int sl__future_result_raise(sl_rt *rt, sl_obj *o) {
  sl_future *f = sl_as_future(o);
  if (f->state == SL_FUTURE_CANCELLED) return raise_cancelled(rt, o);
  if (f->state != SL_FUTURE_FINISHED)
    return sl_raise(rt, SL_EXC_INVALID_STATE_ERROR, "Result is not set.");
  f->log_traceback = false;
  /* futures.py: raise self._exception.with_traceback(...): a raise. */
  sl_raise_obj(rt, f->exception);
  sl_err_chain(rt);
  return -1;
}

int sl_future_exception(sl_rt *rt, sl_obj *o, sl_obj **out) {
  sl_future *f = sl_as_future(o);
  if (f->state == SL_FUTURE_CANCELLED) return raise_cancelled(rt, o);
  if (f->state != SL_FUTURE_FINISHED)
    return sl_raise(rt, SL_EXC_INVALID_STATE_ERROR, "Exception is not set.");
  f->log_traceback = false;
  sl_incref(f->exception);
  *out = f->exception;
  return 0;
}

/* _asynciomodule.c future_set_result/future_set_exception: the C Future
 * (what programs use) says just "invalid state". */
static int invalid_state(sl_rt *rt, sl_obj *o) {
  return sl_raise(rt, SL_EXC_INVALID_STATE_ERROR, "invalid state");
}

/* set_result of pending future o, v a new reference: its state, then its
 * callbacks scheduled (a task's as its finish). */
static inline int finish_pending(sl_rt *rt, sl_obj *o, sl_value v) {
  sl_future *f = sl_as_future(o);
  f->result = v; /* a pending future's result is None */
  f->state = SL_FUTURE_FINISHED;
  if (o->type->flags & SL_TF_TASK) return task_finished_schedule(rt, o);
  return schedule_callbacks(rt, o);
}

int sl_future_set_result(sl_rt *rt, sl_obj *o, sl_value v) {
  if (sl_as_future(o)->state != SL_FUTURE_PENDING) return invalid_state(rt, o);
  return finish_pending(rt, o, sl_vincref(v));
}

int sl_future_set_exception(sl_rt *rt, sl_obj *o, sl_value exc) {
  sl_future *f = sl_as_future(o);
  if (f->state != SL_FUTURE_PENDING) return invalid_state(rt, o);
  sl_obj *instance = NULL;
  if (sl_is_type(exc, &sl_class_type)) {
    sl_value made;
    if (sl_call_pos(rt, exc, NULL, 0, &made)) return -1;
    instance = made.u.o;
  } else if (sl_is_type(exc, &sl_exc_type)) {
    instance = exc.u.o;
    sl_incref(instance);
  } else {
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "invalid exception object");
  }
  /* 3.11's _asyncio refuses only the exact class: `Py_IS_TYPE(exc_val,
   * PyExc_StopIteration)`; a subclass's instance is stored as is. */
  bool refused = rt->profile->set_exception_refuses_stopiteration_subclass
                     ? sl_exc_isinstance(instance, SL_EXC_STOP_ITERATION)
                     : sl_as_exc(instance)->cls == rt->classes[SL_EXC_STOP_ITERATION];
  if (refused) {
    if (!rt->profile->set_exception_stopiteration_runtimeerror) {
      sl_decref(rt, instance);
      return sl_raise(
          rt, SL_EXC_TYPE_ERROR,
          "StopIteration interacts badly with generators and cannot be raised into a Future");
    }
    sl_obj *wrapped = sl_exc_new_msg(
        rt, SL_EXC_RUNTIME_ERROR,
        "StopIteration interacts badly with generators and cannot be raised into a Future");
    if (!wrapped) {
      sl_decref(rt, instance);
      return -1;
    }
    sl_as_exc(wrapped)->cause = instance;
    sl_incref(instance);
    sl_as_exc(wrapped)->context = instance;
    instance = wrapped;
  }
  f->exception = instance;
  f->state = SL_FUTURE_FINISHED;
  f->log_traceback = true;
  state_changed(rt, o);
  return schedule_callbacks(rt, o);
}

int sl_future_cancel_base(sl_rt *rt, sl_obj *o, sl_value msg) {
  sl_future *f = sl_as_future(o);
  f->log_traceback = false;
  if (f->state != SL_FUTURE_PENDING) return 0;
  f->state = SL_FUTURE_CANCELLED;
  sl_vset(rt, &f->cancel_message, sl_vincref(msg));
  state_changed(rt, o);
  return schedule_callbacks(rt, o) ? -1 : 1;
}

int sl_future_cancel(sl_rt *rt, sl_obj *o, sl_value msg) {
  if (o->type->future_cancel) return o->type->future_cancel(rt, o, msg);
  return sl_future_cancel_base(rt, o, msg);
}

/* Room for one more callback (and its context slot, once there are). */
static NOINLINE int grow_callbacks_more(sl_rt *rt, sl_future *f, bool with_context) {
  if (!f->capcallbacks) {
    f->callbacks = f->cb_inline;
    f->capcallbacks = 1;
  } else if (f->ncallbacks == f->capcallbacks) {
    size_t cap = f->capcallbacks * 2;
    bool inline_ = f->callbacks == f->cb_inline;
    sl_value *grown = sl_realloc(inline_ ? NULL : f->callbacks, cap * sizeof *grown);
    if (!grown) return sl_nomem(rt);
    if (inline_) grown[0] = f->cb_inline[0];
    f->callbacks = grown;
    if (f->cb_contexts) {
      sl_value *ctxs = sl_realloc(f->cb_contexts, cap * sizeof *ctxs);
      if (!ctxs) return sl_nomem(rt);
      for (size_t i = f->capcallbacks; i < cap; i++) ctxs[i] = sl_undef();
      f->cb_contexts = ctxs;
    }
    f->capcallbacks = cap;
  }
  if (with_context && !f->cb_contexts) {
    f->cb_contexts = sl_calloc(f->capcallbacks, sizeof *f->cb_contexts); /* undef is 0 */
    if (!f->cb_contexts) return sl_nomem(rt);
  }
  return 0;
}

/* The same, the first callback without a context (a task awaiting the
 * future) in line: it takes the inline slot; the rest out of line, so
 * that the caller saves no registers for it. */
static inline int grow_callbacks(sl_rt *rt, sl_future *f, bool with_context) {
  if (f->capcallbacks || with_context) return grow_callbacks_more(rt, f, with_context);
  f->callbacks = f->cb_inline;
  f->capcallbacks = 1;
  return 0;
}

int sl_future_add_done_callback_ctx(sl_rt *rt, sl_obj *o, sl_value cb, sl_value ctx) {
  sl_future *f = sl_as_future(o);
  if (f->state != SL_FUTURE_PENDING) return call_soon_in(rt, o, cb, sl_vincref(ctx));
  if (grow_callbacks(rt, f, !sl_is_undef(ctx))) return -1;
  if (f->cb_contexts) f->cb_contexts[f->ncallbacks] = sl_vincref(ctx);
  f->callbacks[f->ncallbacks++] = sl_vincref(cb);
  return 0;
}

int64_t sl_future_remove_done_callback(sl_rt *rt, sl_obj *o, sl_value cb) {
  sl_future *f = sl_as_future(o);
  size_t kept = 0;
  int64_t removed = 0;
  for (size_t i = 0; i < f->ncallbacks; i++) {
    bool same;
    if (sl_eq(rt, f->callbacks[i], cb, &same)) return -1;
    if (same) {
      sl_vdecref(rt, f->callbacks[i]);
      if (f->cb_contexts) sl_vset(rt, &f->cb_contexts[i], sl_undef());
      removed++;
    } else {
      if (f->cb_contexts) f->cb_contexts[kept] = f->cb_contexts[i];
      f->callbacks[kept++] = f->callbacks[i];
    }
  }
  f->ncallbacks = kept;
  return removed;
}

int sl__waiters_wake(sl_rt *rt, sl_waitq *q, bool value, int64_t n) {
  for (size_t i = 0; i < q->len && n > 0; i++) {
    sl_obj *o = q->items[q->head + i];
    if (sl_as_future(o)->state != SL_FUTURE_PENDING) continue;
    n--;
    if (finish_pending(rt, o, sl_bool(value))) return -1;
  }
  return 0;
}

int sl_future_set_result_unless_cancelled(sl_rt *rt, sl_obj *fut, sl_value v) {
  if (sl_future_cancelled(fut)) return 0;
  return sl_future_set_result(rt, fut, v);
}

/* Appends "<letter><k>" without printf: recording names every handle run,
 * and formatting these ids was a visible part of a recorded run. */
static void put_trace_id(sl_strbuf *out, char letter, uint64_t k) {
  char b[24];
  size_t i = sizeof b;
  do b[--i] = (char)('0' + k % 10);
  while ((k /= 10) != 0);
  b[--i] = letter;
  sl_strbuf_append(out, b + i, sizeof b - i);
}

uint64_t sl_future_trace_number(sl_rt *rt, sl_obj *o, char *letter) {
  if (o->type->flags & SL_TF_TASK) {
    *letter = 'T';
    return sl_as_task(o)->ordinal;
  }
  sl_future *f = sl_as_future(o);
  if (!f->trace_id) f->trace_id = ++rt->future_ordinal;
  *letter = 'F';
  return f->trace_id;
}

void sl_future_trace_id(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  char letter;
  uint64_t k = sl_future_trace_number(rt, o, &letter);
  put_trace_id(out, letter, k);
}
