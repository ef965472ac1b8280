/* Generator objects: a frame that suspends at `yield` (Objects/genobject.c's
 * gen_send_ex, gen_throw, gen_close and gen_iternext), and `yield from`
 * delegation (the SEND/YIELD_VALUE loop CPython compiles `yield from` to).
 *
 * A generator is laid out as a coroutine (sl_vmcoro): it owns its frame
 * until the frame returns or raises; `running` guards re-entry.
 * StopIteration escaping the frame becomes RuntimeError (PEP 479). A
 * generator dropped while suspended inside a try block is closed first, so
 * its finally clauses run (CPython's _PyGen_Finalize). */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/code.h"
#include "core/lang/value.h"
#include "core/future.h"
#include "core/lang/vm-int.h"
#include "core/sleep.h"
#include "core/str.h"
#include "core/tuple.h"

static void free_frame(sl_rt *rt, sl_vmcoro *g) {
  sl_frame *f = g->frame;
  g->frame = NULL;
  sl_frame_free(rt, f);
}

void sl__vm_stop_to_runtime_error(sl_rt *rt, const char *msg) {
  sl_obj *si = sl_err_fetch(rt);
  sl_raise(rt, SL_EXC_RUNTIME_ERROR, "%s", msg);
  if (!rt->exc) {
    sl_decref(rt, si);
    return;
  }
  sl_as_exc(rt->exc)->cause = si;
  sl_incref(si);
  sl_as_exc(rt->exc)->context = si;
  sl_as_exc(rt->exc)->suppress_context = true;
}

static sl_coro_status run(sl_rt *rt, sl_vmcoro *g, sl_resume mode, sl_value v, sl_obj *exc,
                          sl_value *out) {
  g->running = true;
  sl_obj *self = &g->hdr;
  sl_incref(self); /* the frame may drop the last other reference */
  sl_coro_status st =
      sl_vm_eval(rt, g->frame, mode, mode == SL_RESUME_THROW ? sl_obj_val(exc) : v, out);
  g->running = false;
  if (st != SL_CORO_YIELD) {
    free_frame(rt, g);
    if (st == SL_CORO_ERROR && rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION))
      sl__vm_stop_to_runtime_error(rt, "generator raised StopIteration");
  }
  sl_decref(rt, self);
  return st;
}

/* gen_send_ex: resumes with `v` sent, or with `exc` (borrowed) thrown in.
 * A finished generator returns None (send) or re-raises exc (throw). */
static sl_coro_status send_ex(sl_rt *rt, sl_vmcoro *g, sl_value v, sl_obj *exc, sl_value *out) {
  *out = sl_none();
  if (g->running) {
    sl_raise(rt, SL_EXC_VALUE_ERROR, "generator already executing");
    return SL_CORO_ERROR;
  }
  if (!g->frame) {
    if (exc) {
      sl_raise_obj(rt, exc);
      return SL_CORO_ERROR;
    }
    return SL_CORO_RETURN;
  }
  sl_resume mode = exc ? SL_RESUME_THROW : SL_RESUME_SEND;
  if (!g->started) {
    if (!exc && !sl_is_none(v)) {
      sl_raise(rt, SL_EXC_TYPE_ERROR, "can't send non-None value to a just-started generator");
      return SL_CORO_ERROR;
    }
    g->started = true;
    if (!exc) mode = SL_RESUME_START;
  }
  return run(rt, g, mode, v, exc, out);
}

int sl__coro_method_result(sl_rt *rt, sl_coro_status st, sl_value *out) {
  if (st == SL_CORO_YIELD) return 0;
  if (st == SL_CORO_ERROR) return -1;
  sl_value v = *out;
  *out = sl_none();
  if (sl_is_none(v)) return sl_raise_noargs(rt, SL_EXC_STOP_ITERATION);
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_STOP_ITERATION], &v, 1);
  sl_vdecref(rt, v);
  if (!e) return -1;
  sl_raise_obj(rt, e);
  sl_decref(rt, e);
  return -1;
}

int sl_vmgen_next(sl_rt *rt, sl_obj *gen, sl_value *out) {
  return sl__coro_method_result(rt, send_ex(rt, (sl_vmcoro *)gen, sl_none(), NULL, out), out);
}

static int gen_iternext(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_coro_status st = send_ex(rt, (sl_vmcoro *)o, sl_none(), NULL, out);
  if (st == SL_CORO_YIELD) return 1;
  if (st == SL_CORO_ERROR) return -1;
  sl_vdecref(rt, *out);
  *out = sl_none();
  return 0;
}

static int gen_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  (void)rt;
  sl_incref(o);
  *out = sl_obj_val(o);
  return 0;
}

/* Closes a `yield from` delegate: gen.close(), or its close() method when
 * it has one. */
static int close_delegate(sl_rt *rt, sl_value it);

/* gen_close: throws GeneratorExit in at the suspension point. 0 with the
 * return value (3.13+, else None), -1 with the exception pending. */
static int gen_close(sl_rt *rt, sl_vmcoro *g, sl_value *out) {
  *out = sl_none();
  if (!g->frame) return 0;
  if (g->running) return sl_raise(rt, SL_EXC_VALUE_ERROR, "generator already executing");
  if (!g->started) {
    g->started = true;
    free_frame(rt, g);
    return 0;
  }
  sl_obj *thrown = NULL;
  if (g->frame->yf && sl_await_active(&g->frame->aw)) {
    sl_value it = g->frame->aw.target;
    g->frame->aw.target = sl_undef();
    g->frame->yf = false;
    g->running = true;
    int rc = close_delegate(rt, it);
    g->running = false;
    sl_vdecref(rt, it);
    /* The delegate's own failure is what the generator sees instead. */
    if (rc) thrown = sl_err_fetch(rt);
  }
  if (!thrown) thrown = sl_exc_new_msg(rt, SL_EXC_GENERATOR_EXIT, NULL);
  if (!thrown) return -1;
  sl_coro_status st = send_ex(rt, g, sl_none(), thrown, out);
  sl_decref(rt, thrown);
  if (st == SL_CORO_YIELD) {
    sl_vdecref(rt, *out);
    *out = sl_none();
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "generator ignored GeneratorExit");
  }
  if (st == SL_CORO_RETURN) {
    if (!rt->profile->gen_close_returns_value) {
      sl_vdecref(rt, *out);
      *out = sl_none();
    }
    return 0;
  }
  if (rt->exc && (sl_exc_isinstance(rt->exc, SL_EXC_GENERATOR_EXIT) ||
                  sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION))) {
    sl_err_clear(rt);
    return 0;
  }
  return -1;
}

static int call_method(sl_rt *rt, sl_value obj, const char *name, const sl_value *argv, size_t n,
                       sl_value *out) {
  sl_value m;
  if (sl_vm_getattr(rt, obj, name, &m)) return -1;
  sl_args a = {argv, n, NULL, NULL, 0};
  int rc = sl_vm_call(rt, m, &a, out);
  sl_vdecref(rt, m);
  return rc;
}

static int close_delegate(sl_rt *rt, sl_value it) {
  if (sl_is_type(it, &sl_vmgen_type)) {
    sl_value r;
    int rc = gen_close(rt, (sl_vmcoro *)it.u.o, &r);
    if (!rc) sl_vdecref(rt, r);
    return rc;
  }
  sl_value m, r;
  if (sl_vm_getattr(rt, it, "close", &m)) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
      sl_err_clear(rt);
      return 0;
    }
    return -1;
  }
  sl_args a = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, m, &a, &r);
  sl_vdecref(rt, m);
  if (!rc) sl_vdecref(rt, r);
  return rc;
}

/* ---- yield from ------------------------------------------------------------ */

static sl_coro_status yf_finish(sl_rt *rt, sl_frame *f, sl_coro_status st) {
  if (st != SL_CORO_YIELD) {
    f->yf = false;
    sl_await_clear(rt, &f->aw);
  }
  return st;
}

/* The delegate's StopIteration (pending) ends the delegation with its value. */
static sl_coro_status delegate_stopped(sl_rt *rt, sl_value *out) {
  if (!rt->exc || !sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION)) return SL_CORO_ERROR;
  sl_obj *si = sl_err_fetch(rt);
  sl_tuple *args = sl_as_exc(si)->args ? sl_as_tuple(sl_as_exc(si)->args) : NULL;
  *out = args && args->len ? sl_vincref(args->items[0]) : sl_none();
  sl_decref(rt, si);
  return SL_CORO_RETURN;
}

/* A method of a delegate that is not a generator (send(v), or __next__ of
 * the program's own iterator, whose StopIteration carries the value): its
 * result is yielded. */
static sl_coro_status delegate_call(sl_rt *rt, sl_value it, const char *name, const sl_value *argv,
                                    size_t n, sl_value *out) {
  if (!call_method(rt, it, name, argv, n, out)) return SL_CORO_YIELD;
  return delegate_stopped(rt, out);
}

static sl_coro_status delegate_send(sl_rt *rt, sl_value it, sl_value v, sl_value *out) {
  if (sl_is_type(it, &sl_vmgen_type)) return send_ex(rt, (sl_vmcoro *)it.u.o, v, NULL, out);
  if (!sl_is_none(v)) return delegate_call(rt, it, "send", &v, 1, out);
  if (!sl_lang_slots_of(it) || !sl_lang_slots_of(it)->next)
    return delegate_call(rt, it, "__next__", NULL, 0, out);
  int r = sl_iter_next(rt, it, out);
  if (r > 0) return SL_CORO_YIELD;
  if (r < 0) return delegate_stopped(rt, out);
  *out = sl_none();
  return SL_CORO_RETURN;
}

sl_coro_status sl__yf_begin(sl_rt *rt, sl_frame *f, sl_value iterable, sl_value *out) {
  *out = sl_none();
  sl_value it;
  if (sl_is_type(iterable, &sl_vmcoro_type)) {
    sl_raise(rt, SL_EXC_TYPE_ERROR,
             "cannot 'yield from' a coroutine object in a non-coroutine generator");
    return SL_CORO_ERROR;
  }
  sl_value awaitable;
  if (sl__awaititer_target(iterable, &awaitable)) return sl_await_begin(rt, &f->aw, awaitable, out);
  if (sl_is_future(iterable)) return sl_await_begin(rt, &f->aw, iterable, out);
  if (sl_is_type(iterable, &sl_vmgen_type))
    it = sl_vincref(iterable);
  else if (sl_iter(rt, iterable, &it))
    return SL_CORO_ERROR;
  f->aw.target = it;
  f->yf = true;
  return yf_finish(rt, f, delegate_send(rt, it, sl_none(), out));
}

/* PyIter_Check: v's type has __next__ (the engine's or the program's): 1,
 * 0 or -1 (error). */
static int is_iterator(sl_rt *rt, sl_value v) {
  const sl_lang_slots *s = sl_lang_slots_of(v);
  if (s && s->next) return 1;
  sl_obj *cls = v.tag == SL_V_OBJ ? sl_user_cls_of(v.u.o) : NULL;
  sl_value method;
  int found = cls ? sl__class_lookup(rt, cls, "__next__", &method) : 0;
  if (found > 0) sl_vdecref(rt, method);
  return found;
}

/* The iterator awaitable.__await__() gives, checked as
 * _PyCoro_GetAwaitableIter checks it: 1 (*it new ref), 0 awaitable has no
 * __await__ of the program's, -1 error. */
static int dunder_await_iter(sl_rt *rt, sl_value awaitable, sl_value *it) {
  sl_obj *cls = awaitable.tag == SL_V_OBJ ? sl_user_cls_of(awaitable.u.o) : NULL;
  sl_value method;
  int found = cls ? sl__class_lookup(rt, cls, "__await__", &method) : 0;
  if (found <= 0) return found;
  sl_vdecref(rt, method);
  if (sl__vm_call_method0(rt, awaitable, "__await__", it)) return -1;
  if (sl_is_coro(*it)) {
    sl_vdecref(rt, *it);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__await__() returned a coroutine");
  }
  int iterator = sl_is_type(*it, &sl_vmgen_type) ? 1 : is_iterator(rt, *it);
  if (iterator <= 0) {
    if (!iterator)
      sl_raise(rt, SL_EXC_TYPE_ERROR, "__await__() returned non-iterator of type '%s'",
               sl_type_name(*it));
    sl_vdecref(rt, *it);
    return -1;
  }
  return 1;
}

sl_coro_status sl__vm_await_begin(sl_rt *rt, sl_frame *f, sl_value awaitable, sl_value *out) {
  if (sl_is_coro(awaitable)) {
    /* `await asyncio.sleep(0)`: the coroutine has no other reference than
     * the one the caller drops after this (so nothing can see its state),
     * and all it would do is yield None once and return None. */
    if (awaitable.u.o->refcnt == 1 && sl_sleep_take_bare_yield(awaitable.u.o))
      return sl_await_bare_yield(&f->aw, out);
    return sl_await_begin(rt, &f->aw, awaitable, out);
  }
  if (sl_is_future(awaitable)) return sl_await_begin(rt, &f->aw, awaitable, out);
  if (sl_is_type(awaitable, &sl_vmgen_type) &&
      (sl_as_code(((sl_vmcoro *)awaitable.u.o)->code)->flags & SL_CO_ITERABLE_COROUTINE))
    return sl__yf_begin(rt, f, awaitable, out);
  sl_value it;
  int found = dunder_await_iter(rt, awaitable, &it);
  if (found < 0) return SL_CORO_ERROR;
  if (!found) return sl_await_begin(rt, &f->aw, awaitable, out);
  sl_value target;
  sl_coro_status st = sl__awaititer_target(it, &target) ? sl_await_begin(rt, &f->aw, target, out)
                                                        : sl__yf_begin(rt, f, it, out);
  sl_vdecref(rt, it);
  return st;
}

sl_coro_status sl__yf_send(sl_rt *rt, sl_frame *f, sl_value v, sl_value *out) {
  return yf_finish(rt, f, delegate_send(rt, f->aw.target, v, out));
}

/* _gen_throw with a delegate: GeneratorExit closes the delegate and is
 * raised here; otherwise the exception is thrown into the delegate (or
 * raised here when the delegate has no throw()). */
sl_coro_status sl__yf_throw(sl_rt *rt, sl_frame *f, sl_obj *exc, sl_value *out) {
  *out = sl_none();
  sl_value it = sl_vincref(f->aw.target);
  sl_coro_status st;
  if (sl_exc_isinstance(exc, SL_EXC_GENERATOR_EXIT)) {
    yf_finish(rt, f, SL_CORO_ERROR);
    if (!close_delegate(rt, it)) sl_raise_obj(rt, exc);
    st = SL_CORO_ERROR;
  } else if (sl_is_type(it, &sl_vmgen_type)) {
    st = yf_finish(rt, f, send_ex(rt, (sl_vmcoro *)it.u.o, sl_none(), exc, out));
  } else {
    sl_value m;
    if (sl_vm_getattr(rt, it, "throw", &m)) {
      if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
        sl_err_clear(rt);
        sl_raise_obj(rt, exc);
      }
      st = yf_finish(rt, f, SL_CORO_ERROR);
    } else {
      sl_vdecref(rt, m);
      sl_value excv = sl_obj_val(exc);
      st = yf_finish(rt, f, delegate_call(rt, it, "throw", &excv, 1, out));
    }
  }
  sl_vdecref(rt, it);
  return st;
}

/* ---- methods ------------------------------------------------------------- */

static int gen_send_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw || a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "generator.send() takes exactly one argument (%zu given)", a->npos + a->nkw);
  return sl__coro_method_result(rt, send_ex(rt, (sl_vmcoro *)self.u.o, a->pos[0], NULL, out), out);
}

/* throw(exc) or throw(type[, value[, tb]]): the exception instance to throw. */
int sl__make_thrown(sl_rt *rt, const sl_args *a, sl_obj **exc) {
  if (a->nkw || a->npos < 1 || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "throw expected at least 1 argument, got %zu", a->npos);
  sl_value typ = a->pos[0], val = a->npos > 1 ? a->pos[1] : sl_none();
  if (sl_is_type(typ, &sl_exc_type)) {
    if (!sl_is_none(val))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "instance exception may not have a separate value");
    sl_incref(typ.u.o);
    *exc = typ.u.o;
    return 0;
  }
  if (sl_is_type(typ, &sl_class_type) &&
      sl_class_is_subclass(typ.u.o, rt->classes[SL_EXC_BASE_EXCEPTION])) {
    if (sl_is_type(val, &sl_exc_type) && sl_exc_isinstance_cls(val.u.o, typ.u.o)) {
      sl_incref(val.u.o);
      *exc = val.u.o;
      return 0;
    }
    sl_value r;
    sl_args ca = {&val, sl_is_none(val) ? 0 : 1, NULL, NULL, 0};
    if (sl_is_type(val, &sl_tuple_type))
      ca = (sl_args){sl_as_tuple(val.u.o)->items, sl_as_tuple(val.u.o)->len, NULL, NULL, 0};
    if (sl_vm_call(rt, typ, &ca, &r)) return -1;
    *exc = r.u.o;
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "exceptions must be classes or instances deriving from BaseException, not %s",
                  sl_type_name(typ));
}

static int gen_throw_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_obj *exc = NULL;
  if (sl__make_thrown(rt, a, &exc)) return -1;
  sl_coro_status st = send_ex(rt, (sl_vmcoro *)self.u.o, sl_none(), exc, out);
  sl_decref(rt, exc);
  return sl__coro_method_result(rt, st, out);
}

static int gen_close_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "generator.close() takes no arguments (%zu given)",
                    a->npos + a->nkw);
  return gen_close(rt, (sl_vmcoro *)self.u.o, out);
}

static int gen_next_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 0 arguments, got %zu", a->npos + a->nkw);
  return sl_vmgen_next(rt, self.u.o, out);
}

static int gen_iter_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 0 arguments, got %zu", a->npos + a->nkw);
  return gen_iter(rt, self.u.o, out);
}

static const sl_cfunc_def gen_methods[] = {{"send", gen_send_fn, NULL, SL_CANON_LABEL},
                                           {"throw", gen_throw_fn, NULL, SL_CANON_LABEL},
                                           {"close", gen_close_fn, NULL, SL_CANON_LABEL},
                                           {"__next__", gen_next_fn, NULL, SL_CANON_LABEL},
                                           {"__iter__", gen_iter_fn, NULL, SL_CANON_LABEL},
                                           {NULL, NULL, NULL, 0}};

static int gen_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_vmcoro *g = (sl_vmcoro *)o;
  sl_code *c = sl_as_code(g->code);
  if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__")) {
    sl_obj *s = name[2] == 'n' ? c->name : c->qualname;
    sl_incref(s);
    *out = sl_obj_val(s);
    return 0;
  }
  if (!strcmp(name, "gi_running")) return *out = sl_bool(g->running), 0;
  int rf = sl__coro_frame_attr(rt, o, name, out);
  if (rf) return rf < 0 ? -1 : 0;
  if (!strcmp(name, "gi_suspended"))
    return *out = sl_bool(g->frame && g->started && !g->running), 0;
  if (!strcmp(name, "gi_yieldfrom")) {
    *out = g->frame && g->frame->yf ? sl_vincref(g->frame->aw.target) : sl_none();
    return 0;
  }
  int r = sl_methods_lookup(rt, sl_obj_val(o), gen_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'generator' object has no attribute '%s'", name);
}

static int gen_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<generator object %s at ",
                   sl_str_cstr(sl_as_code(((sl_vmcoro *)o)->code)->qualname));
  return sl_identity_put_end(rt, o, out);
}

/* Dropped while suspended where a handler could run (inside try, with,
 * or a loop's cleanup): close it first, as _PyGen_Finalize does. What the
 * close raises is dropped (CPython prints it as "Exception ignored"). */
static void gen_clear(sl_rt *rt, sl_obj *o) {
  sl_vmcoro *g = (sl_vmcoro *)o;
  if (g->frame && g->started && !g->running && !rt->fatal && (g->frame->nblocks || g->frame->yf)) {
    sl_obj *saved = sl_err_fetch(rt);
    sl_value r;
    if (!gen_close(rt, g, &r)) sl_vdecref(rt, r);
    sl_err_clear(rt);
    if (saved) sl_err_restore(rt, saved);
  }
  if (g->frame) free_frame(rt, g);
  sl_decref(rt, g->code);
  g->code = NULL;
}

static void gen_release(sl_obj *o) {
  sl_vmcoro *g = (sl_vmcoro *)o;
  if (g->frame) {
    sl_free(g->frame);
    g->frame = NULL;
  }
}

static const sl_lang_slots gen_slots = {.iter = gen_iter, .next = gen_iternext};

const sl_type sl_vmgen_type = {.name = "generator",
                               .clear = gen_clear,
                               .release = gen_release,
                               .repr = gen_repr,
                               .getattr = gen_getattr,
                               .lang = &gen_slots,
                               .size = sizeof(sl_vmcoro)};

sl_obj *sl_vmgen_new(sl_rt *rt, sl_frame *f) {
  sl_obj *o = sl_obj_alloc(rt, &sl_vmgen_type);
  if (!o) {
    sl_frame_free(rt, f);
    return NULL;
  }
  sl_vmcoro *g = (sl_vmcoro *)o;
  g->frame = f;
  g->code = f->code;
  sl_incref(f->code);
  return o;
}
