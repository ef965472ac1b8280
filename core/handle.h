/* Handle and TimerHandle: mirrors Lib/asyncio/events.py.
 *
 * A handle holds a callable and its arguments. A TimerHandle also has a
 * deadline (`when`) and sits in the loop's timer heap while `scheduled`.
 * Cancelling drops the callable and arguments at once, as CPython does. */
#ifndef SL_HANDLE_H
#define SL_HANDLE_H

#include "core/cfunc.h"
#include "core/object.h"
#include "core/rt.h"

extern const sl_type sl_handle_type;
extern const sl_type sl_timer_handle_type;

typedef struct sl_handle {
  sl_obj hdr;
  sl_value callback; /* owned; None once cancelled */
  bool cancelled;
  bool scheduled; /* TimerHandle: in the loop's heap */
  bool is_timer;
  bool is_io;  /* a reader or writer (named "io:" in traces) */
  double when; /* TimerHandle deadline */
  /* owned: the contextvars.Context the callback runs in (Handle._context),
   * or undef: the current one */
  sl_value context;
  size_t nargs;
  sl_value args[]; /* owned */
} sl_handle;

static inline sl_handle *sl_as_handle(sl_obj *o) { return (sl_handle *)o; }
static inline bool sl_is_handle(sl_value v) {
  return v.tag == SL_V_OBJ &&
         (v.u.o->type == &sl_handle_type || v.u.o->type == &sl_timer_handle_type);
}

/* A new handle for callback(*args) (all borrowed). */
sl_obj *sl_handle_new(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs,
                      bool is_timer, double when);
/* Sets every field of a handle being made (the arguments fit). */
static inline void sl__handle_fill(sl_handle *h, sl_value callback, const sl_value *args,
                                   size_t nargs, bool is_timer, double when) {
  h->callback = sl_vincref(callback);
  h->cancelled = false;
  h->scheduled = false;
  h->is_timer = is_timer;
  h->is_io = false;
  h->when = when;
  h->context = sl_undef();
  h->nargs = nargs;
  for (size_t i = 0; i < nargs; i++) h->args[i] = sl_vincref(args[i]);
}
/* How many arguments the memory of handle `o` has room for (it is from a
 * size class: sl__handle_done_running keeps no other). */
static inline size_t sl__handle_arg_room(const sl_obj *o) {
  return ((size_t)o->size_class * SL_OBJ_GRAIN - sizeof(sl_handle)) / sizeof(sl_value);
}
/* sl__handle_done_running's case of the last reference. */
void sl__handle_done_last(sl_rt *rt, sl_obj *handle);
/* Drops a reference to a handle whose holder is done with it: the ready
 * queue's after the handle ran, asyncio.sleep's after its h.cancel(). When
 * it was the last one, the handle may be kept as the loop's spare (loop.h)
 * instead of being freed: nothing can refer to it any more. In line: a
 * handle someone else still holds (a TimerHandle its sleep holds, after it
 * ran) only loses a reference. */
static inline void sl__handle_done_running(sl_rt *rt, sl_obj *handle) {
  if (handle->refcnt > 1)
    handle->refcnt--;
  else
    sl__handle_done_last(rt, handle);
}
/* h.cancel(), then sl__handle_done_running(h): asyncio.sleep's `finally`. */
void sl__handle_cancel_done(sl_rt *rt, sl_obj *handle);
/* Handle.cancel() / TimerHandle.cancel(). */
void sl_handle_cancel(sl_rt *rt, sl_obj *handle);
/* Handle._run(): calls the callback; an exception goes to the loop's
 * exception handler, except SystemExit and KeyboardInterrupt, which stay
 * pending (-1) to leave the loop. Otherwise -1 only on a fatal error. */
int sl_handle_run(sl_rt *rt, sl_obj *handle);
/* The canonical name of the handle (docs/trace.md), NUL-terminated, its
 * length in *len: owned by the thread, valid until its next call of these
 * two. NULL when out of memory. */
const char *sl_handle_canon_name(sl_rt *rt, sl_obj *handle, size_t *len);
/* The same for a call queued without a handle object (loop.h
 * sl_ready_entry): `prefix` (a static string, "soon:") and the callback
 * and its arguments (borrowed), as a Handle holding them would be named. */
const char *sl__handle_canon_call(sl_rt *rt, const char *prefix, sl_value callback,
                                  const sl_value *args, size_t nargs, size_t *len);
/* callback(*args) (borrowed; *out gets the result), as sl_call_pos calls
 * it (same checks, same recursion bound) without the layers between; a
 * native function (a task's step or wakeup, a future's set_result, ...)
 * without its type's call either. In line: Handle._run and the loop's run
 * of a call queued without a handle (loop.c) both make it. */
/* What sl__handle_call gives a callback called without arguments. */
extern const sl_args sl__handle_no_args;
static inline int sl__handle_call(sl_rt *rt, sl_value cb, const sl_value *args, size_t nargs,
                                  sl_value *out) {
  if (cb.tag != SL_V_OBJ || rt->recursion_depth > SL_MAX_RECURSION)
    return sl_call_pos(rt, cb, args, nargs, out);
  const sl_type *type = cb.u.o->type;
  /* A call without arguments (known where this is in line) is given one
   * constant sl_args instead of one built on the stack. */
  sl_args a = {args, nargs, NULL, NULL, 0};
  const sl_args *ap = __builtin_constant_p(nargs) && nargs == 0 ? &sl__handle_no_args : &a;
  int rc;
  if (type == &sl_cfunc_type) {
    sl_cfunc *f = sl_as_cfunc(cb.u.o);
    rt->recursion_depth++;
    rc = f->def->fn(rt, f->self, ap, out);
  } else if (type->call) {
    rt->recursion_depth++;
    rc = type->call(rt, cb.u.o, ap, out);
  } else {
    return sl_call_pos(rt, cb, args, nargs, out); /* not callable: its TypeError */
  }
  rt->recursion_depth--;
  return rc;
}
/* Handle._run()'s end for a call queued without a handle object, when
 * sl__handle_call(callback, args) raised (rt->exc set): the report to the
 * exception handler, the Handle it is given being made only then;
 * -1 when the exception must leave the loop (fatal, SystemExit,
 * KeyboardInterrupt), else 0. callback and args are borrowed. */
int sl__handle_call_failed(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs);
/* format_helpers._format_callback_source(cb, args): "name(arg reprs)" with
 * each argument as reprlib.repr shows it (none from 3.13, which hides them),
 * then " at file:line" for a function of the program. The library's own
 * callbacks show no source: CPython's would name its install's paths. */
void sl_format_callback_source(sl_rt *rt, sl_value cb, const sl_value *args, size_t nargs,
                               sl_strbuf *out);

#endif
