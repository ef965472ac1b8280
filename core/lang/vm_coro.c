/* Coroutine objects of `async def` functions: a heap frame that suspends at
 * `await` and implements core/coro.h's send/throw/close (Python's
 * coroutine protocol, as Objects/genobject.c does for coroutines). */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/code.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"

static void vmcoro_clear(sl_rt *rt, sl_obj *o) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  sl_frame *f = co->frame;
  co->frame = NULL;
  sl_frame_free(rt, f);
  sl_decref(rt, co->code);
  sl_decref(rt, co->name);
  sl_decref(rt, co->qualname);
  co->code = co->name = co->qualname = NULL;
}

static void vmcoro_release(sl_obj *o) {
  /* At teardown the frame's memory (not its objects) must still go. */
  sl_vmcoro *co = (sl_vmcoro *)o;
  if (co->frame) {
    sl_free(co->frame);
    co->frame = NULL;
  }
}

static sl_coro_status already(sl_rt *rt, sl_vmcoro *co) {
  if (co->running)
    sl_raise(rt, SL_EXC_VALUE_ERROR, "coroutine already executing");
  else
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot reuse already awaited coroutine");
  return SL_CORO_ERROR;
}

/* The end of a resume that did not yield: the frame goes, and a
 * StopIteration escaping a coroutine becomes RuntimeError (PEP 479). Out
 * of line: a resume that yields saves no registers for it. */
static __attribute__((noinline)) sl_coro_status ended(sl_rt *rt, sl_vmcoro *co, sl_coro_status st) {
  sl_frame *f = co->frame;
  co->frame = NULL;
  sl_frame_free(rt, f);
  if (st == SL_CORO_ERROR && rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION))
    sl__vm_stop_to_runtime_error(rt, "coroutine raised StopIteration");
  return st;
}

/* Runs the frame to its next suspension or its end. No reference to the
 * coroutine is taken for it: the callers of send and throw hold one
 * throughout (core/coro.h); close takes its own. Inline: a task's every
 * step comes through here (vmcoro_send). */
static inline __attribute__((always_inline)) sl_coro_status
run(sl_rt *rt, sl_vmcoro *co, sl_resume mode, sl_value v, sl_obj *exc, sl_value *out) {
  co->running = true;
  sl_coro_status st =
      sl_vm_eval(rt, co->frame, mode, mode == SL_RESUME_THROW ? sl_obj_val(exc) : v, out);
  co->running = false;
  if (st != SL_CORO_YIELD) return ended(rt, co, st);
  return st;
}

/* send(v) to a coroutine that has not started, has ended or is running. */
static __attribute__((noinline)) sl_coro_status send_other(sl_rt *rt, sl_vmcoro *co, sl_value v,
                                                           sl_value *out) {
  if (!co->frame || co->running) return already(rt, co);
  co->started = true;
  if (!sl_is_none(v)) {
    sl_raise(rt, SL_EXC_TYPE_ERROR, "can't send non-None value to a just-started coroutine");
    co->started = false;
    return SL_CORO_ERROR;
  }
  return run(rt, co, SL_RESUME_START, v, NULL, out);
}

/* A resume of a suspended coroutine (every task step after the first)
 * tests and runs; anything else is send_other's. */
static sl_coro_status vmcoro_send(sl_rt *rt, sl_obj *o, sl_value v, sl_value *out) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  if (__builtin_expect(!co->frame || co->running || !co->started, 0))
    return send_other(rt, co, v, out);
  return run(rt, co, SL_RESUME_SEND, v, NULL, out);
}

static sl_coro_status vmcoro_throw(sl_rt *rt, sl_obj *o, sl_obj *exc, sl_value *out) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  if (!co->frame || co->running) {
    if (co->running) return already(rt, co);
    sl_raise_obj(rt, exc);
    return SL_CORO_ERROR;
  }
  if (!co->started) {
    /* Throwing into a coroutine that never ran: it finishes with exc. */
    co->started = true;
    sl_frame *f = co->frame;
    co->frame = NULL;
    sl_frame_free(rt, f);
    sl_raise_obj(rt, exc);
    return SL_CORO_ERROR;
  }
  return run(rt, co, SL_RESUME_THROW, sl_none(), exc, out);
}

static void vmcoro_close(sl_rt *rt, sl_obj *o) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  if (!co->frame || co->running) return;
  if (!co->started) {
    sl_frame *f = co->frame;
    co->frame = NULL;
    sl_frame_free(rt, f);
    return;
  }
  /* Throw GeneratorExit in so finally blocks run; swallow what comes out. */
  sl_obj *ge = sl_exc_new_msg(rt, SL_EXC_GENERATOR_EXIT, NULL);
  if (!ge) return;
  sl_obj *saved = sl_err_fetch(rt);
  sl_value out = sl_none();
  /* The frame's finally blocks may drop the last other reference. */
  sl_incref(o);
  sl_coro_status st = run(rt, co, SL_RESUME_THROW, sl_none(), ge, &out);
  sl_decref(rt, ge);
  if (st == SL_CORO_YIELD) {
    sl_vdecref(rt, out);
    if (!rt->fatal) sl_raise(rt, SL_EXC_RUNTIME_ERROR, "coroutine ignored GeneratorExit");
  } else if (st == SL_CORO_RETURN) {
    sl_vdecref(rt, out);
  }
  if (co->frame) {
    sl_frame *f = co->frame;
    co->frame = NULL;
    sl_frame_free(rt, f);
  }
  sl_err_clear(rt);
  if (saved) sl_err_restore(rt, saved);
  sl_decref(rt, o);
}

static const char *vmcoro_qualname(sl_obj *o) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  return sl_str_cstr(co->qualname ? co->qualname : sl_as_code(co->code)->qualname);
}

static void vmcoro_where(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  /* Report the innermost coroutine of the await chain: that is where the
   * program actually waits. */
  while (co->frame && sl_is_type(co->frame->aw.target, &sl_vmcoro_type) &&
         ((sl_vmcoro *)co->frame->aw.target.u.o)->frame)
    co = (sl_vmcoro *)co->frame->aw.target.u.o;
  sl_code *c = sl_as_code(co->code);
  if (co->frame)
    sl_strbuf_printf(out, "%s:%d in %s", sl_str_cstr(c->filename), sl_frame_line(co->frame),
                     sl_str_cstr(c->qualname));
  else
    sl_strbuf_printf(out, "%s in %s (finished)", sl_str_cstr(c->filename),
                     sl_str_cstr(c->qualname));
}

/* coroutines._format_coroutine: a coroutine with a frame (not finished,
 * started or not) is "running at" its current line, the def line before it
 * starts (the frame's f_lineno); a finished one is "done, defined at". */
static void vmcoro_format(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  sl_code *c = sl_as_code(co->code);
  const char *file = sl_str_cstr(c->filename);
  if (co->frame)
    sl_strbuf_printf(out, "%s() running at %s:%d", vmcoro_qualname(o), file,
                     co->started ? sl_frame_line(co->frame) : (int)c->firstline);
  else
    sl_strbuf_printf(out, "%s() done, defined at %s:%u", vmcoro_qualname(o), file,
                     (unsigned)c->firstline);
}

static const sl_coro_ops vmcoro_ops = {vmcoro_send,     vmcoro_throw, vmcoro_close,
                                       vmcoro_qualname, vmcoro_where, vmcoro_format};

static int vmcoro_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<coroutine object %s at ", vmcoro_qualname(o));
  return sl_identity_put_end(rt, o, out);
}

static int coro_close_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "close() takes no arguments (%zu given)",
                    args->npos + args->nkw);
  sl_coro_close(rt, self.u.o);
  *out = sl_none();
  return rt->exc || rt->fatal ? -1 : 0;
}

const sl_cfunc_def sl__coro_close_def = {"coroutine.close", coro_close_fn, NULL, SL_CANON_LABEL};

/* coroutine.send(value): runs it to its next suspension by hand (as an
 * event loop of the program's own does); the value it yields, or
 * StopIteration(result) when it returns. */
static int coro_send_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw || a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "coroutine.send() takes exactly one argument (%zu given)", a->npos + a->nkw);
  return sl__coro_method_result(rt, sl_coro_send(rt, self.u.o, a->pos[0], out), out);
}

/* coroutine.throw(exc): raises exc inside it, at its suspension point. */
static int coro_throw_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_obj *exc = NULL;
  if (sl__make_thrown(rt, a, &exc)) return -1;
  sl_coro_status st = sl_coro_throw(rt, self.u.o, exc, out);
  sl_decref(rt, exc);
  return sl__coro_method_result(rt, st, out);
}

const sl_cfunc_def sl__coro_methods[] = {{"send", coro_send_fn, NULL, SL_CANON_LABEL},
                                         {"throw", coro_throw_fn, NULL, SL_CANON_LABEL},
                                         {NULL, NULL, NULL, 0}};

static int vmcoro_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_vmcoro *co = (sl_vmcoro *)o;
  sl_code *c = sl_as_code(co->code);
  sl_obj *s = !strcmp(name, "__name__")       ? (co->name ? co->name : c->name)
              : !strcmp(name, "__qualname__") ? (co->qualname ? co->qualname : c->qualname)
                                              : NULL;
  if (!s) {
    int rf = sl__coro_frame_attr(rt, o, name, out);
    if (rf) return rf < 0 ? -1 : 0;
    if (!strcmp(name, "cr_running")) return *out = sl_bool(co->running), 0;
    if (!strcmp(name, "cr_suspended"))
      return *out = sl_bool(co->frame && co->started && !co->running), 0;
    if (!strcmp(name, "close")) {
      sl_obj *f = sl_cfunc_new(rt, &sl__coro_close_def, sl_obj_val(o));
      if (!f) return -1;
      *out = sl_obj_val(f);
      return 0;
    }
    int r = sl_methods_lookup(rt, sl_obj_val(o), sl__coro_methods, name, out);
    if (r) return r < 0 ? -1 : 0;
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'coroutine' object has no attribute '%s'", name);
  }
  sl_incref(s);
  *out = sl_obj_val(s);
  return 0;
}

const sl_type sl_vmcoro_type = {.name = "coroutine",
                                .clear = vmcoro_clear,
                                .release = vmcoro_release,
                                .repr = vmcoro_repr,
                                .getattr = vmcoro_getattr,
                                .coro = &vmcoro_ops,
                                .size = sizeof(sl_vmcoro)};

sl_obj *sl_vmcoro_new(sl_rt *rt, sl_frame *f) {
  sl_obj *o = sl_obj_alloc(rt, &sl_vmcoro_type);
  if (!o) {
    sl_frame_free(rt, f);
    return NULL;
  }
  sl_vmcoro *co = (sl_vmcoro *)o;
  co->frame = f;
  co->code = f->code;
  sl_incref(f->code);
  return o;
}
