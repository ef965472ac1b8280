/* Handle and TimerHandle (see handle.h). Mirrors Lib/asyncio/events.py. */
#include "core/handle.h"

#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/loop.h"
#include "core/num/numfmt.h"
#include "core/pysource.h"
#include "core/reprlib.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/task.h"
#include "core/tuple.h"

static const sl_value no_arg_value = {SL_V_UNDEF, {0}}; /* never read */
const sl_args sl__handle_no_args = {&no_arg_value, 0, NULL, NULL, 0};

static inline void handle_drop_callback(sl_rt *rt, sl_handle *h) {
  sl_vset(rt, &h->callback, sl_none());
  for (size_t i = 0; i < h->nargs; i++) sl_vset(rt, &h->args[i], sl_none());
}

static void handle_clear(sl_rt *rt, sl_obj *o) {
  sl_handle *h = sl_as_handle(o);
  /* A cancelled handle dropped its callback and arguments already. */
  if (!h->cancelled) handle_drop_callback(rt, h);
  sl_vset(rt, &h->context, sl_undef());
}

/* Handle.__repr__: '<' + ' '.join(self._repr_info()) + '>', where a
 * TimerHandle inserts when= after the name (and "cancelled"); a cancelled
 * handle has dropped its callback, so shows none. */
static int handle_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_handle *h = sl_as_handle(o);
  sl_strbuf_printf(out, "<%s%s", o->type->name, h->cancelled ? " cancelled" : "");
  if (h->is_timer) {
    sl_strbuf_puts(out, " when=");
    sl_float_repr(out, h->when);
  }
  if (!sl_is_none(h->callback)) {
    sl_strbuf_putc(out, ' ');
    sl_format_callback_source(rt, h->callback, h->args, h->nargs, out);
  }
  sl_strbuf_putc(out, '>');
  return 0;
}

/* TimerHandle ordering is `self._when < other._when` and nothing else. */
static int timer_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = sl_as_handle(a)->when < sl_as_handle(b.u.o)->when;
  return 0;
}

const sl_type sl_handle_type = {
    .name = "Handle", .clear = handle_clear, .repr = handle_repr, .size = sizeof(sl_handle)};
const sl_type sl_timer_handle_type = {.name = "TimerHandle",
                                      .clear = handle_clear,
                                      .repr = handle_repr,
                                      .lt = timer_lt,
                                      .size = sizeof(sl_handle)};

/* The loop's spare handle when it has room for `nargs` (its reference
 * passes to the caller), else NULL. Counted as an allocation attempt, as
 * a free-list block is, so the out-of-memory sweep fails the same calls
 * with and without it. */
static sl_obj *take_spare(sl_rt *rt, size_t nargs, bool *failed) {
  sl_loop *loop = rt->loop;
  sl_obj *o = loop ? loop->spare_handle : NULL;
  *failed = false;
  if (!o || sl__handle_arg_room(o) < nargs || rt->ext_next_type) return NULL;
  if (sl_alloc_injected_failure_inline()) {
    *failed = true;
    sl_nomem(rt);
    return NULL;
  }
  loop->spare_handle = NULL;
  return o;
}

sl_obj *sl_handle_new(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs,
                      bool is_timer, double when) {
  const sl_type *type = is_timer ? &sl_timer_handle_type : &sl_handle_type;
  bool failed;
  sl_obj *o = take_spare(rt, nargs, &failed);
  if (o) {
    o->type = type;
  } else {
    if (failed) return NULL;
    /* Not zeroed: every field is set here. */
    o = sl_obj_alloc_uninit(rt, type, sizeof(sl_handle) + nargs * sizeof(sl_value));
    if (!o) return NULL;
  }
  sl__handle_fill(sl_as_handle(o), callback, args, nargs, is_timer, when);
  return o;
}

/* Whether `o` may become the loop's spare: a plain object nothing else
 * holds. */
static inline bool may_be_spare(const sl_obj *o, const sl_loop *loop) {
  return o->refcnt == 1 && !loop->spare_handle && !o->identified && o->size_class &&
         !(o->size_class & SL_OBJ_EXT_BIT);
}

void sl__handle_done_last(sl_rt *rt, sl_obj *o) {
  sl_loop *loop = rt->loop;
  /* Only a plain object nothing else holds: no identity handed out (an
   * id() or hash the program saw), no instance extension, from a size
   * class (which says how many arguments it has room for). */
  if (!may_be_spare(o, loop)) {
    sl_decref(rt, o);
    return;
  }
  /* Dropping the callback and arguments may run a finalizer that makes
   * handles (and a spare) meanwhile: keep this one only if none came. */
  handle_clear(rt, o);
  sl_as_handle(o)->nargs = 0;
  if (loop->spare_handle)
    sl_decref(rt, o);
  else
    loop->spare_handle = o;
}

/* sl__handle_cancel_done's case of a handle that cannot be the spare. */
static __attribute__((noinline)) void cancel_then_done(sl_rt *rt, sl_obj *o) {
  sl_handle_cancel(rt, o);
  sl__handle_done_running(rt, o);
}

/* Drops what the cancelled handle `o` (only its caller's now, its fields
 * already emptied) held from `cb` (undef: already dropped) and its
 * arguments from index `from` to `nargs` on, then keeps it as the spare
 * unless a finalizer run by those made one meanwhile. */
static __attribute__((noinline)) void drop_rest_to_spare(sl_rt *rt, sl_obj *o, sl_value cb,
                                                         size_t from, size_t nargs) {
  sl_handle *h = sl_as_handle(o);
  sl_vdecref(rt, cb);
  for (size_t i = from; i < nargs; i++) sl_vdecref(rt, h->args[i]);
  sl_loop *loop = rt->loop;
  if (loop->spare_handle)
    sl_decref(rt, o);
  else
    loop->spare_handle = o;
}

/* Counts v's reference down unless it is the last one (false: left as
 * it is). */
static inline bool count_down(sl_value v) {
  if (v.tag != SL_V_OBJ) return true;
  if (v.u.o->refcnt <= 1) return false;
  v.u.o->refcnt--;
  return true;
}

void sl__handle_cancel_done(sl_rt *rt, sl_obj *o) {
  sl_handle *h = sl_as_handle(o);
  sl_loop *loop = rt->loop;
  if (h->cancelled || !may_be_spare(o, loop) || !sl_is_undef(h->context)) {
    cancel_then_done(rt, o);
    return;
  }
  /* Only the caller holds it, so it is not in the heap (nothing to tell
   * the loop) and nothing can see it between cancel() and its reuse: its
   * callback and arguments go once, without being set to None first. */
  h->cancelled = true;
  sl_value cb = h->callback;
  size_t nargs = h->nargs;
  h->callback = sl_none();
  h->nargs = 0;
  /* Commonly each is held elsewhere too (the loop its callback, the sleep
   * its future), so they are only counted down here, without a call (no
   * finalizer runs: no spare can have come meanwhile); from the first
   * last reference on, drop_rest_to_spare. */
  if (!count_down(cb)) {
    drop_rest_to_spare(rt, o, cb, 0, nargs);
    return;
  }
  for (size_t i = 0; i < nargs; i++)
    if (!count_down(h->args[i])) {
      drop_rest_to_spare(rt, o, sl_undef(), i, nargs);
      return;
    }
  loop->spare_handle = o;
}

void sl_handle_cancel(sl_rt *rt, sl_obj *o) {
  sl_handle *h = sl_as_handle(o);
  if (h->cancelled) return;
  /* TimerHandle.cancel: tell the loop first (it counts scheduled ones). */
  if (h->is_timer && h->scheduled) sl_loop_timer_cancelled(rt, o);
  h->cancelled = true;
  handle_drop_callback(rt, h);
}

/* When cb is a functools.partial: its func, args (a tuple) and keywords
 * (a dict), new references, and true. The partial type lives in the
 * language's functools module, which the engine cannot name: it is known
 * by its type's name, unique among the types. */
static bool partial_parts(sl_rt *rt, sl_value cb, sl_value *func, sl_value *args, sl_value *kw) {
  if (cb.tag != SL_V_OBJ || strcmp(cb.u.o->type->name, "functools.partial")) return false;
  *func = *args = *kw = sl_undef();
  if (sl_getattr(rt, cb, "func", func) == 0 && sl_getattr(rt, cb, "args", args) == 0 &&
      sl_getattr(rt, cb, "keywords", kw) == 0 && sl_is_type(*args, &sl_tuple_type) &&
      sl_is_type(*kw, &sl_dict_type))
    return true;
  /* The partial type answers all three: only running out of memory gets
   * here, and the name is then the type's. */
  if (!rt->fatal) sl_err_clear(rt);
  sl_vdecref(rt, *func);
  sl_vdecref(rt, *args);
  sl_vdecref(rt, *kw);
  return false;
}

/* Appends a callable's __qualname__ (a native one's name); without one,
 * its type's name (the trace label) or, for a message (`for_message`),
 * what format_helpers._format_callback prints: __name__, else repr(func)
 * (a non-callable scheduled outside debug mode). */
static void append_callable_name(sl_rt *rt, sl_value cb, sl_strbuf *out, bool for_message) {
  if (sl_is_type(cb, &sl_cfunc_type)) {
    sl_cfunc *f = sl_as_cfunc(cb.u.o);
    const char *name = f->def->name, *dot = strrchr(name, '.');
    /* A method of an engine object whose class is a scenario subclass:
     * a builtin method's __qualname__ names type(self) (Answer.set_result). */
    sl_obj_ext *x = f->self.tag == SL_V_OBJ ? sl_obj_ext_of(f->self.u.o) : NULL;
    if (x && x->cls && dot) {
      sl_strbuf_puts(out, sl_str_cstr(sl_as_class(x->cls)->qualname));
      sl_strbuf_puts(out, dot);
      return;
    }
    sl_strbuf_puts(out, name);
    return;
  }
  if (sl_is_type(cb, &sl_class_type) && sl_as_class(cb.u.o)->qualname) {
    /* A scenario class: the interpreter answers its attributes, the
     * engine's sl_getattr does not (a class has no getattr hook). */
    sl_strbuf_puts(out, sl_str_cstr(sl_as_class(cb.u.o)->qualname));
    return;
  }
  sl_value qualname;
  if (sl_getattr(rt, cb, "__qualname__", &qualname) == 0 && sl_is_str(qualname)) {
    sl_strbuf_puts(out, sl_str_cstr(qualname.u.o));
    sl_vdecref(rt, qualname);
  } else {
    if (!rt->fatal) sl_err_clear(rt);
    if (!for_message) {
      sl_strbuf_puts(out, sl_type_name(cb));
      return;
    }
    sl_value name;
    if (sl_getattr(rt, cb, "__name__", &name) == 0 && sl_is_str(name)) {
      sl_strbuf_puts(out, sl_str_cstr(name.u.o));
      sl_vdecref(rt, name);
      return;
    }
    if (!rt->fatal) sl_err_clear(rt);
    if (sl_repr(rt, cb, out) && !rt->fatal) sl_err_clear(rt);
  }
}

/* The trace's name of a user callback: the oracle's names.qualname, which
 * sees through functools.partial. */
static void append_trace_callable(sl_rt *rt, sl_value cb, sl_strbuf *out) {
  sl_value func, args, kw;
  if (!partial_parts(rt, cb, &func, &args, &kw)) {
    append_callable_name(rt, cb, out, false);
    return;
  }
  append_trace_callable(rt, func, out);
  sl_vdecref(rt, func);
  sl_vdecref(rt, args);
  sl_vdecref(rt, kw);
}

/* format_helpers._format_args_and_kwargs: "(1, 'a', k=2)", each value as
 * reprlib.repr shows it; "()" from 3.13, which hides them outside debug
 * mode. kw is a dict or UNDEF. */
static void format_call_args(sl_rt *rt, const sl_value *args, size_t nargs, sl_value kw,
                             sl_strbuf *out) {
  sl_strbuf_putc(out, '(');
  if (!rt->profile->callback_repr_hides_args) {
    for (size_t i = 0; i < nargs; i++) {
      if (i) sl_strbuf_puts(out, ", ");
      if (sl_reprlib(rt, args[i], out) && !rt->fatal) sl_err_clear(rt);
    }
    size_t pos = 0, i = nargs;
    sl_value k, v;
    while (!sl_is_undef(kw) && sl_dict_next(kw.u.o, &pos, &k, &v)) {
      if (i++) sl_strbuf_puts(out, ", ");
      sl_strbuf_printf(out, "%s=", sl_is_str(k) ? sl_str_cstr(k.u.o) : "?");
      if (sl_reprlib(rt, v, out) && !rt->fatal) sl_err_clear(rt);
    }
  }
  sl_strbuf_putc(out, ')');
}

/* format_helpers._format_callback: a partial shows its function and
 * stored arguments, then the call's own ("boom(3)(4)"). Returns the
 * innermost function (borrowed from cb or its partials, which the caller
 * holds) for the source. */
static sl_value format_callback(sl_rt *rt, sl_value cb, const sl_value *args, size_t nargs,
                                sl_value kw, sl_strbuf *out) {
  sl_value func, pargs, pkw;
  if (!partial_parts(rt, cb, &func, &pargs, &pkw)) {
    append_callable_name(rt, cb, out, true);
    format_call_args(rt, args, nargs, kw, out);
    return cb;
  }
  const sl_tuple *t = sl_as_tuple(pargs.u.o);
  sl_value inner = format_callback(rt, func, t->items, t->len, pkw, out);
  format_call_args(rt, args, nargs, kw, out);
  /* The partial (held by the caller's cb) keeps func and what it holds. */
  sl_vdecref(rt, func);
  sl_vdecref(rt, pargs);
  sl_vdecref(rt, pkw);
  return inner;
}

void sl_format_callback_source(sl_rt *rt, sl_value cb, const sl_value *args, size_t nargs,
                               sl_strbuf *out) {
  sl_value func = format_callback(rt, cb, args, nargs, sl_undef(), out);
  const char *file;
  int line;
  if (rt->lang_func_source && rt->lang_func_source(func, &file, &line)) {
    sl_strbuf_printf(out, " at %s:%d", file, line);
  } else if (sl_is_type(func, &sl_cfunc_type) &&
             sl_pysource_find(rt->profile, sl_as_cfunc(func.u.o)->def->name, &file, &line)) {
    /* One of asyncio's Python functions, implemented natively here. */
    const char *dir = rt->stdlib_dir ? rt->stdlib_dir : sl_pysource_default_dir(rt->profile);
    sl_strbuf_printf(out, " at %s/asyncio/%s:%d", dir, file, line);
  }
}

/* SystemExit and KeyboardInterrupt leave the loop instead of going to the
 * exception handler. */
static bool pending_escapes_loop(sl_rt *rt) {
  return rt->exc && (sl_exc_isinstance(rt->exc, SL_EXC_SYSTEM_EXIT) ||
                     sl_exc_isinstance(rt->exc, SL_EXC_KEYBOARD_INTERRUPT));
}

/* Handle._run's except branch: reports the exception pending after
 * callback(*args) to the loop's exception handler, with `handle` as the
 * context's 'handle' (NULL: a call queued without a handle object; one is
 * made now, as the program sees it). 0, or -1 when fatal. */
static int report_callback_error(sl_rt *rt, sl_obj *handle, sl_value callback, const sl_value *args,
                                 size_t nargs) {
  sl_obj *exc = sl_err_fetch(rt);
  sl_obj *made = NULL;
  if (!handle) {
    made = sl_handle_new(rt, callback, args, nargs, false, 0.0);
    if (!made) {
      sl_decref(rt, exc);
      return -1;
    }
    handle = made;
  }
  sl_strbuf msg = SL_STRBUF_INIT;
  sl_strbuf_puts(&msg, "Exception in callback ");
  sl_format_callback_source(rt, callback, args, nargs, &msg);
  sl_loop_call_exception_handler_ctx(rt, sl_strbuf_cstr(&msg), exc, "handle", handle);
  sl_strbuf_free(&msg);
  sl_decref(rt, exc);
  sl_decref(rt, made);
  return rt->fatal ? -1 : 0;
}

/* A failed Handle._run's end: `except (SystemExit, KeyboardInterrupt):
 * raise` (-1, as when fatal); anything else is reported (0) and the loop
 * carries on with the next handle. */
static __attribute__((noinline)) int handle_run_failed(sl_rt *rt, sl_obj *o, sl_value callback) {
  sl_handle *h = sl_as_handle(o);
  if (rt->fatal || pending_escapes_loop(rt)) return -1;
  return report_callback_error(rt, o, callback, h->args, h->nargs);
}

static __attribute__((noinline)) int handle_run_in_context(sl_rt *rt, sl_obj *o);

/* sl_handle_run of the loop's own _set_result_unless_cancelled (asyncio.sleep's
 * timer, the pool's and transports' waiters), which the program cannot
 * reach: called as sl__handle_call would call it (the same recursion bound)
 * without the native call's layers. The loop and the handle hold the
 * callback and its arguments throughout: nothing the call runs can drop
 * them. */
static __attribute__((noinline)) int handle_run_set_result(sl_rt *rt, sl_obj *o) {
  sl_handle *h = sl_as_handle(o);
  rt->recursion_depth++;
  int rc = sl_future_set_result_unless_cancelled(rt, h->args[0].u.o, h->args[1]);
  rt->recursion_depth--;
  return rc ? handle_run_failed(rt, o, h->callback) : 0;
}

/* sl_handle_run of any other handle without a context of its own. */
static __attribute__((noinline)) int handle_run_plain(sl_rt *rt, sl_obj *o) {
  sl_handle *h = sl_as_handle(o);
  /* The handle's callback may go while it runs (h.cancel() in it). */
  sl_value callback = sl_vincref(h->callback);
  int rc;
  /* A Python callback without arguments: the loop's direct call (loop.h
   * held0), which drops its result itself, as is done below. */
  if (h->nargs == 0 && callback.tag == SL_V_OBJ && callback.u.o->type == rt->loop->held0_type &&
      rt->recursion_depth <= SL_MAX_RECURSION) {
    rc = rt->loop->held0(rt, callback.u.o);
  } else {
    sl_value result = sl_none();
    rc = sl__handle_call(rt, callback, h->args, h->nargs, &result);
    sl_vdecref(rt, result);
  }
  if (rc) rc = handle_run_failed(rt, o, callback);
  sl_vdecref(rt, callback);
  return rc;
}

/* Only tests, so that each case has the frame it needs. */
int sl_handle_run(sl_rt *rt, sl_obj *o) {
  sl_handle *h = sl_as_handle(o);
  if (!sl_is_undef(h->context)) return handle_run_in_context(rt, o);
  if (h->callback.tag == SL_V_OBJ && h->callback.u.o == rt->loop->set_result_unless_cancelled &&
      h->nargs == 2 && rt->recursion_depth <= SL_MAX_RECURSION)
    return handle_run_set_result(rt, o);
  return handle_run_plain(rt, o);
}

/* sl_handle_run of a handle with a context of its own:
 * self._context.run(self._callback, *self._args). */
static int handle_run_in_context(sl_rt *rt, sl_obj *o) {
  sl_handle *h = sl_as_handle(o);
  sl_value callback = sl_vincref(h->callback), result = sl_none();
  sl_value saved_context = rt->context, context = sl_vincref(h->context);
  rt->context = context;
  int rc = sl__handle_call(rt, callback, h->args, h->nargs, &result);
  rt->context = saved_context;
  sl_vdecref(rt, context);
  sl_vdecref(rt, result);
  if (rc) rc = handle_run_failed(rt, o, callback);
  sl_vdecref(rt, callback);
  return rc;
}

int sl__handle_call_failed(sl_rt *rt, sl_value callback, const sl_value *args, size_t nargs) {
  if (rt->fatal || pending_escapes_loop(rt)) return -1;
  return report_callback_error(rt, NULL, callback, args, nargs);
}

/* Appends the trace id of a task or future argument, "?" for anything else. */
static void append_id(sl_rt *rt, sl_value v, sl_strbuf *out) {
  if (sl_is_future(v))
    sl_future_trace_id(rt, v.u.o, out);
  else
    sl_strbuf_putc(out, '?');
}

/* Appends the canonical name of callback(*args) queued with `prefix`. */
static void append_canon_call(sl_rt *rt, const char *prefix, sl_value cb, const sl_value *args,
                              size_t nargs, sl_strbuf *out) {
  sl_strbuf_puts(out, prefix);
  if (sl_is_type(cb, &sl_cfunc_type) && sl_as_cfunc(cb.u.o)->def->label) {
    sl_cfunc *f = sl_as_cfunc(cb.u.o);
    sl_value arg0 = nargs ? args[0] : sl_none();
    sl_strbuf_puts(out, f->def->label);
    switch (f->def->canon) {
    case SL_CANON_LABEL: break;
    case SL_CANON_SELF:
      sl_strbuf_putc(out, ' ');
      append_id(rt, f->self, out);
      break;
    case SL_CANON_ARG0:
      sl_strbuf_putc(out, ' ');
      append_id(rt, arg0, out);
      break;
    case SL_CANON_SELF_ARG0:
      sl_strbuf_putc(out, ' ');
      append_id(rt, f->self, out);
      sl_strbuf_puts(out, " <- ");
      append_id(rt, arg0, out);
      break;
    }
    return;
  }
  sl_strbuf_puts(out, "user ");
  append_trace_callable(rt, cb, out);
}

/* ---- names kept per thread ------------------------------------------------
 * A recorded run names every handle it runs, and the names repeat (a task's
 * step is "soon:step T3" at each of its steps): building each one as text
 * was ~390 instructions of the ~1,000 a recorded handle cost. A labelled
 * native callback's name is decided by the prefix, the callable's static
 * definition and the trace ids it shows, so it is made once and kept in a
 * small direct-mapped table under those: ids are numbers that no other
 * object ever gets, where addresses are reused. A user callback's name
 * (its __qualname__ can change) is built every time. */

#define CANON_SLOTS 256 /* a power of two */
#define CANON_TEXT  64  /* longer names are built every time */

typedef struct canon_entry {
  const sl_cfunc_def *def; /* NULL: unused */
  const char *prefix;
  uint64_t self_id, arg_id; /* id_key of the ids the name shows, else 0 */
  uint32_t len;
  char text[CANON_TEXT];
} canon_entry;

/* id_key of v when it asks nothing of v (not a future, or a task, whose id
 * is its ordinal); false for another future, whose id may be given now. */
static inline bool id_key_quick(sl_value v, uint64_t *key) {
  if (!sl_is_future(v)) {
    *key = 0;
    return true;
  }
  if (!(v.u.o->type->flags & SL_TF_TASK)) return false;
  *key = UINT64_C(1) << 62 | sl_as_task(v.u.o)->ordinal;
  return true;
}

/* A trace id as a key: 0 for "?" (not a future), else the letter as a
 * high bit and the number. */
static inline uint64_t id_key(sl_rt *rt, sl_value v) {
  uint64_t k;
  if (id_key_quick(v, &k)) return k;
  char letter;
  k = sl_future_trace_number(rt, v.u.o, &letter);
  return (letter == 'T' ? UINT64_C(1) << 62 : UINT64_C(2) << 62) | k;
}

static _Thread_local canon_entry kept_names[CANON_SLOTS];

/* The slot of a name's key in kept_names. */
static inline size_t canon_slot(const sl_cfunc_def *def, const char *prefix, uint64_t self_id,
                                uint64_t arg_id) {
  uint64_t h = ((uint64_t)(uintptr_t)def ^ (uint64_t)(uintptr_t)prefix) +
               self_id * UINT64_C(0x9E3779B97F4A7C15) + arg_id * UINT64_C(0xC2B2AE3D27D4EB4F);
  return (size_t)((h * UINT64_C(0x9E3779B97F4A7C15)) >> 56 & (CANON_SLOTS - 1));
}

/* Makes entry e the kept name of labelled native callback cb called with
 * arg0 under its key; false when the name is too long to keep (or out of
 * memory). Out of line: the names are made once and looked up often. */
static __attribute__((noinline)) bool keep_name(sl_rt *rt, canon_entry *e, const char *prefix,
                                                sl_value cb, sl_value arg0, uint64_t self_id,
                                                uint64_t arg_id) {
  sl_strbuf b = SL_STRBUF_INIT;
  append_canon_call(rt, prefix, cb, &arg0, 1, &b);
  bool fits = !b.failed && b.len < CANON_TEXT;
  if (fits) {
    memcpy(e->text, b.data, b.len + 1);
    e->len = (uint32_t)b.len;
    e->def = sl_as_cfunc(cb.u.o)->def;
    e->prefix = prefix;
    e->self_id = self_id;
    e->arg_id = arg_id;
  }
  sl_strbuf_free(&b);
  return fits;
}

/* The kept name of labelled native callback cb called with arg0, or NULL
 * when it is too long to keep (or out of memory). Asks for the ids in the
 * order append_canon_call shows them: a future gets its F id on first use. */
static inline const char *kept_name(sl_rt *rt, const char *prefix, sl_value cb, sl_value arg0,
                                    size_t *len) {
  const sl_cfunc *f = sl_as_cfunc(cb.u.o);
  sl_canon canon = f->def->canon;
  uint64_t self_id =
      canon == SL_CANON_SELF || canon == SL_CANON_SELF_ARG0 ? id_key(rt, f->self) : 0;
  uint64_t arg_id = canon == SL_CANON_ARG0 || canon == SL_CANON_SELF_ARG0 ? id_key(rt, arg0) : 0;
  canon_entry *e = &kept_names[canon_slot(f->def, prefix, self_id, arg_id)];
  /* one test of the whole key */
  uint64_t differs = ((uintptr_t)e->def ^ (uintptr_t)f->def) |
                     ((uintptr_t)e->prefix ^ (uintptr_t)prefix) | (e->self_id ^ self_id) |
                     (e->arg_id ^ arg_id);
  if (differs && !keep_name(rt, e, prefix, cb, arg0, self_id, arg_id)) return NULL;
  *len = e->len;
  return e->text;
}

/* A name built every time (a user callback's, or too long to keep), in
 * one buffer kept between handles. */
static __attribute__((noinline)) const char *built_name(sl_rt *rt, const char *prefix, sl_value cb,
                                                        const sl_value *args, size_t nargs,
                                                        size_t *len) {
  static _Thread_local sl_strbuf built;
  sl_strbuf_clear(&built);
  append_canon_call(rt, prefix, cb, args, nargs, &built);
  if (built.failed) return NULL;
  *len = built.len;
  return built.data;
}

/* sl__handle_canon_call past its quick look: the kept name (asking for
 * ids, which can give a future its F id) or a name built now. */
static __attribute__((noinline)) const char *canon_call_slow(sl_rt *rt, const char *prefix,
                                                             sl_value cb, const sl_value *args,
                                                             size_t nargs, size_t *len) {
  if (sl_is_type(cb, &sl_cfunc_type) && sl_as_cfunc(cb.u.o)->def->label) {
    const char *kept = kept_name(rt, prefix, cb, nargs ? args[0] : sl_none(), len);
    if (kept) return kept;
  }
  return built_name(rt, prefix, cb, args, nargs, len);
}

/* The look-up of the commonest names (a task's step, a wake-up by a task)
 * calls nothing, so the kept name of a hit costs no frame; anything else
 * goes the general way, which asks for the ids in their order. */
const char *sl__handle_canon_call(sl_rt *rt, const char *prefix, sl_value cb, const sl_value *args,
                                  size_t nargs, size_t *len) {
  if (sl_is_type(cb, &sl_cfunc_type)) {
    const sl_cfunc *f = sl_as_cfunc(cb.u.o);
    const sl_cfunc_def *def = f->def;
    sl_canon canon = def->canon;
    uint64_t self_id = 0, arg_id = 0;
    if (def->label &&
        (!(canon == SL_CANON_SELF || canon == SL_CANON_SELF_ARG0) ||
         id_key_quick(f->self, &self_id)) &&
        (!(canon == SL_CANON_ARG0 || canon == SL_CANON_SELF_ARG0) ||
         id_key_quick(nargs ? args[0] : sl_none(), &arg_id))) {
      const canon_entry *e = &kept_names[canon_slot(def, prefix, self_id, arg_id)];
      if (!(((uintptr_t)e->def ^ (uintptr_t)def) | ((uintptr_t)e->prefix ^ (uintptr_t)prefix) |
            (e->self_id ^ self_id) | (e->arg_id ^ arg_id))) {
        *len = e->len;
        return e->text;
      }
    }
  }
  return canon_call_slow(rt, prefix, cb, args, nargs, len);
}

const char *sl_handle_canon_name(sl_rt *rt, sl_obj *o, size_t *len) {
  sl_handle *h = sl_as_handle(o);
  return sl__handle_canon_call(rt,
                               h->is_timer ? "timer:"
                               : h->is_io  ? "io:"
                                           : "soon:",
                               h->callback, h->args, h->nargs, len);
}
