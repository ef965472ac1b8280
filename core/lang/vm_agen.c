/* Async generators (Objects/genobject.c's async_gen, async_gen_asend and
 * async_gen_athrow): an `async def` with `yield`. Its frame suspends both
 * at `yield` (a value for the consumer: frame->yielded) and at `await`
 * (a future passed up to the task). __anext__()/asend() return an asend
 * awaitable, athrow()/aclose() an athrow awaitable; both are coroutines
 * to the engine (core/coro.h), so a Task can run one directly, as
 * asyncio's shutdown_asyncgens does with aclose().
 *
 * The loop's asyncgen hooks: the first __anext__/asend/athrow/aclose of a
 * generator while the loop runs registers it (firstiter) and gives it the
 * loop's finalizer. The registry is weak, as the loop's WeakSet: a
 * registered generator whose last reference goes unfinished hands its
 * aclose() to the loop (finalizer: call_soon_threadsafe(loop.create_task,
 * agen.aclose())) and so stays alive until that task closed it; the ones
 * still registered when asyncio.run ends are closed by shutdown_asyncgens
 * (sl__agen_closers). */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/code.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/loop.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct agen {
  sl_vmcoro g;        /* frame, code, started, running */
  bool hooks_inited;  /* ag_hooks_inited */
  bool running_async; /* ag_running_async: an asend/athrow is in progress */
  bool closed;        /* ag_closed */
  bool registered;    /* in sl_lang.asyncgens */
  bool finalizer;     /* ag_finalizer: first iterated while a loop ran */
  bool finalized;     /* the finalizer ran (it runs once, as tp_finalize) */
  uint32_t loop_gen;  /* the loop whose hooks it got (sl_lang.loop_gen) */
} agen;

typedef enum { AW_INIT, AW_ITER, AW_CLOSED } aw_state;

/* async_generator_asend and async_generator_athrow */
typedef struct agen_aw {
  sl_obj hdr;
  sl_obj *gen;    /* owned agen */
  sl_value value; /* owned: asend's value; athrow's exception (SL_V_UNDEF: aclose) */
  aw_state state;
} agen_aw;

extern const sl_type sl_vmagen_type;
static const sl_type asend_type, athrow_type;
static sl_obj *aw_new(sl_rt *rt, const sl_type *t, sl_obj *gen, sl_value v);

static void free_frame(sl_rt *rt, sl_vmcoro *g) {
  sl_frame *f = g->frame;
  g->frame = NULL;
  sl_frame_free(rt, f);
}

/* Runs the frame: sent value v, or exc thrown in. */
static sl_coro_status run(sl_rt *rt, agen *a, sl_value v, sl_obj *exc, sl_value *out,
                          bool *yielded) {
  sl_vmcoro *g = &a->g;
  *out = sl_none();
  *yielded = false;
  if (g->running) {
    sl_raise(rt, SL_EXC_VALUE_ERROR, "async generator already executing");
    return SL_CORO_ERROR;
  }
  if (!g->frame) {
    if (exc)
      sl_raise_obj(rt, exc);
    else
      sl_raise_noargs(rt, SL_EXC_STOP_ASYNC_ITERATION);
    return SL_CORO_ERROR;
  }
  sl_resume mode = exc ? SL_RESUME_THROW : SL_RESUME_SEND;
  if (!g->started) {
    g->started = true;
    if (!exc) mode = SL_RESUME_START;
  }
  g->running = true;
  sl_obj *self = &g->hdr;
  sl_incref(self);
  sl_coro_status st =
      sl_vm_eval(rt, g->frame, mode, mode == SL_RESUME_THROW ? sl_obj_val(exc) : v, out);
  g->running = false;
  if (st == SL_CORO_YIELD) {
    *yielded = g->frame->yielded;
  } else {
    free_frame(rt, g);
    /* PEP 479 for async generators. */
    if (st == SL_CORO_ERROR && rt->exc &&
        (sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION) ||
         sl_exc_isinstance(rt->exc, SL_EXC_STOP_ASYNC_ITERATION))) {
      bool async_stop = sl_exc_isinstance(rt->exc, SL_EXC_STOP_ASYNC_ITERATION);
      sl__vm_stop_to_runtime_error(rt, async_stop ? "async generator raised StopAsyncIteration"
                                                  : "async generator raised StopIteration");
    }
  }
  sl_decref(rt, self);
  return st;
}

/* async_gen_unwrap_value: a yielded value ends the awaitable (RETURN);
 * an await passes up (YIELD); the frame returning is StopAsyncIteration. */
static sl_coro_status unwrap(sl_rt *rt, agen *a, sl_coro_status st, bool yielded, sl_value *out) {
  if (st == SL_CORO_YIELD) {
    if (!yielded) return SL_CORO_YIELD;
    a->running_async = false;
    return SL_CORO_RETURN;
  }
  if (st == SL_CORO_RETURN) {
    sl_vdecref(rt, *out);
    *out = sl_none();
    sl_raise_noargs(rt, SL_EXC_STOP_ASYNC_ITERATION);
    a->closed = true;
  } else if (rt->exc && (sl_exc_isinstance(rt->exc, SL_EXC_STOP_ASYNC_ITERATION) ||
                         sl_exc_isinstance(rt->exc, SL_EXC_GENERATOR_EXIT))) {
    a->closed = true;
  }
  a->running_async = false;
  return SL_CORO_ERROR;
}

/* ---- registration with the running loop (asyncgen hooks) -------------------- */

static int init_hooks(sl_rt *rt, agen *a) {
  if (a->hooks_inited) return 0;
  a->hooks_inited = true;
  sl_lang *L = sl_vm_lang(rt);
  if (!rt->loop || !rt->loop->running) return 0;
  /* async_gen_init_hooks: the finalizer is kept, then firstiter runs:
   * BaseEventLoop._asyncgen_firstiter_hook does self._asyncgens.add(agen). */
  a->finalizer = true;
  a->loop_gen = L->loop_gen;
  if (L->nasyncgens == L->asyncgens_cap) {
    size_t cap = L->asyncgens_cap ? 2 * L->asyncgens_cap : 8;
    sl_obj **grown = sl_realloc(L->asyncgens, cap * sizeof *grown);
    if (!grown) return sl_nomem(rt);
    L->asyncgens = grown;
    L->asyncgens_cap = cap;
  }
  L->asyncgens[L->nasyncgens++] = &a->g.hdr;
  a->registered = true;
  return 0;
}

/* self._asyncgens.discard(agen), keeping the others in order. */
static void unregister(sl_rt *rt, agen *a) {
  sl_lang *L = sl_vm_lang(rt);
  if (!a->registered || !L) return;
  a->registered = false;
  for (size_t i = 0; i < L->nasyncgens; i++)
    if (L->asyncgens[i] == &a->g.hdr) {
      memmove(L->asyncgens + i, L->asyncgens + i + 1,
              (L->nasyncgens - i - 1) * sizeof *L->asyncgens);
      L->nasyncgens--;
      return;
    }
}

/* _PyGen_Finalize for a suspended async generator that has the loop's
 * finalizer: BaseEventLoop._asyncgen_finalizer_hook,
 *     self._asyncgens.discard(agen)
 *     if not self.is_closed():
 *         self.call_soon_threadsafe(self.create_task, agen.aclose())
 * The handle's reference to aclose() keeps the generator alive. What
 * fails here is dropped, as CPython prints it as "Exception ignored". */
static void agen_finalize(sl_rt *rt, sl_obj *o) {
  agen *a = (agen *)o;
  sl_lang *L = sl_vm_lang(rt);
  if (!L || !a->finalizer || a->finalized || a->closed || !a->g.frame || a->g.running || rt->fatal)
    return;
  a->finalized = true;
  unregister(rt, a);
  if (!L->loop_obj || a->loop_gen != L->loop_gen || sl__aio_loop_closed(rt, L->loop_obj)) return;
  sl_obj *saved = sl_err_fetch(rt);
  sl_value create_task;
  if (!sl_getattr(rt, sl_obj_val(L->loop_obj), "create_task", &create_task)) {
    sl_obj *aw = aw_new(rt, &athrow_type, o, sl_undef());
    sl_value arg = aw ? sl_obj_val(aw) : sl_none();
    if (aw) sl_loop_call_soon0(rt, create_task, &arg, 1);
    sl_decref(rt, aw);
    sl_vdecref(rt, create_task);
  }
  sl_err_clear(rt);
  if (saved) sl_err_restore(rt, saved);
}

sl_obj *sl__agen_closers(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  L->asyncgens_shutdown_called = true;
  sl_obj *out = sl_list_new(rt, NULL, 0);
  /* Each aclose() holds its generator, so the registry may be emptied. */
  for (size_t i = 0; out && i < L->nasyncgens; i++) {
    agen *a = (agen *)L->asyncgens[i];
    a->registered = false;
    /* Only the unfinished ones still matter (the weak set lost the rest). */
    if (!a->g.frame) continue;
    sl_obj *aw = sl_obj_alloc(rt, &athrow_type);
    if (!aw || sl_list_append(rt, out, sl_obj_val(aw))) {
      sl_decref(rt, aw);
      sl_decref(rt, out);
      out = NULL;
      break;
    }
    sl_decref(rt, aw);
    agen_aw *t = (agen_aw *)aw;
    t->gen = &a->g.hdr;
    sl_incref(t->gen);
    t->value = sl_undef();
  }
  for (size_t i = 0; i < L->nasyncgens; i++) ((agen *)L->asyncgens[i])->registered = false;
  L->nasyncgens = 0;
  return out;
}

/* ---- the awaitables --------------------------------------------------------- */

static void aw_clear(sl_rt *rt, sl_obj *o) {
  agen_aw *w = (agen_aw *)o;
  sl_decref(rt, w->gen);
  w->gen = NULL;
  sl_vset(rt, &w->value, sl_undef());
}

static sl_obj *aw_new(sl_rt *rt, const sl_type *t, sl_obj *gen, sl_value v) {
  sl_obj *o = sl_obj_alloc(rt, t);
  if (!o) return NULL;
  agen_aw *w = (agen_aw *)o;
  w->gen = gen;
  sl_incref(gen);
  w->value = sl_vincref(v);
  return o;
}

static sl_coro_status asend_send(sl_rt *rt, sl_obj *o, sl_value v, sl_value *out) {
  agen_aw *w = (agen_aw *)o;
  agen *a = (agen *)w->gen;
  *out = sl_none();
  if (w->state == AW_CLOSED) {
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot reuse already awaited __anext__()/asend()");
    return SL_CORO_ERROR;
  }
  if (w->state == AW_INIT) {
    if (a->running_async) {
      w->state = AW_CLOSED;
      sl_raise(rt, SL_EXC_RUNTIME_ERROR, "anext(): asynchronous generator is already running");
      return SL_CORO_ERROR;
    }
    if (sl_is_none(v)) v = w->value;
    w->state = AW_ITER;
  }
  a->running_async = true;
  bool yielded;
  sl_coro_status st = run(rt, a, v, NULL, out, &yielded);
  st = unwrap(rt, a, st, yielded, out);
  if (st != SL_CORO_YIELD) w->state = AW_CLOSED;
  return st;
}

static sl_coro_status asend_throw(sl_rt *rt, sl_obj *o, sl_obj *exc, sl_value *out) {
  agen_aw *w = (agen_aw *)o;
  agen *a = (agen *)w->gen;
  *out = sl_none();
  if (w->state == AW_CLOSED) {
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot reuse already awaited __anext__()/asend()");
    return SL_CORO_ERROR;
  }
  bool yielded;
  sl_coro_status st = run(rt, a, sl_none(), exc, out, &yielded);
  st = unwrap(rt, a, st, yielded, out);
  if (st != SL_CORO_YIELD) w->state = AW_CLOSED;
  return st;
}

static void aw_close(sl_rt *rt, sl_obj *o) {
  (void)rt;
  ((agen_aw *)o)->state = AW_CLOSED;
}

/* aclose()'s outcome once the frame ran: yielding a value ignores
 * GeneratorExit; GeneratorExit or StopAsyncIteration out of the frame
 * (or its return) is a successful close. */
static sl_coro_status aclose_outcome(sl_rt *rt, agen_aw *w, sl_coro_status st, bool yielded,
                                     sl_value *out) {
  agen *a = (agen *)w->gen;
  if (st == SL_CORO_YIELD && !yielded) return SL_CORO_YIELD;
  a->running_async = false;
  w->state = AW_CLOSED;
  if (st == SL_CORO_YIELD) {
    sl_vdecref(rt, *out);
    *out = sl_none();
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "async generator ignored GeneratorExit");
    return SL_CORO_ERROR;
  }
  if (st == SL_CORO_RETURN ||
      (rt->exc && (sl_exc_isinstance(rt->exc, SL_EXC_STOP_ASYNC_ITERATION) ||
                   sl_exc_isinstance(rt->exc, SL_EXC_GENERATOR_EXIT)))) {
    sl_err_clear(rt);
    sl_vdecref(rt, *out);
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  return SL_CORO_ERROR;
}

static sl_coro_status athrow_send(sl_rt *rt, sl_obj *o, sl_value v, sl_value *out) {
  agen_aw *w = (agen_aw *)o;
  agen *a = (agen *)w->gen;
  bool aclose = sl_is_undef(w->value), yielded;
  *out = sl_none();
  if (w->state == AW_CLOSED) {
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot reuse already awaited aclose()/athrow()");
    return SL_CORO_ERROR;
  }
  /* A finished frame: StopIteration for athrow() too (genobject.c), so
   * `await agen.athrow(E)` on an exhausted generator gives None. */
  if (!a->g.frame) {
    w->state = AW_CLOSED;
    return SL_CORO_RETURN;
  }
  if (w->state == AW_INIT) {
    if (a->running_async) {
      w->state = AW_CLOSED;
      sl_raise(rt, SL_EXC_RUNTIME_ERROR,
               aclose ? "aclose(): asynchronous generator is already running"
                      : "athrow(): asynchronous generator is already running");
      return SL_CORO_ERROR;
    }
    if (a->closed) {
      w->state = AW_CLOSED;
      sl_raise_noargs(rt, SL_EXC_STOP_ASYNC_ITERATION);
      return SL_CORO_ERROR;
    }
    if (!sl_is_none(v)) {
      sl_raise(rt, SL_EXC_RUNTIME_ERROR, "can't send non-None value to a just-started coroutine");
      return SL_CORO_ERROR;
    }
    w->state = AW_ITER;
    a->running_async = true;
    if (aclose) {
      a->closed = true;
      if (!a->g.started) {
        /* Never ran: nothing to unwind. */
        a->g.started = true;
        free_frame(rt, &a->g);
        a->running_async = false;
        w->state = AW_CLOSED;
        return SL_CORO_RETURN;
      }
      sl_obj *ge = sl_exc_new_msg(rt, SL_EXC_GENERATOR_EXIT, NULL);
      if (!ge) return SL_CORO_ERROR;
      sl_coro_status st = run(rt, a, sl_none(), ge, out, &yielded);
      sl_decref(rt, ge);
      return aclose_outcome(rt, w, st, yielded, out);
    }
    sl_coro_status st = run(rt, a, sl_none(), w->value.u.o, out, &yielded);
    st = unwrap(rt, a, st, yielded, out);
    if (st != SL_CORO_YIELD) w->state = AW_CLOSED;
    return st;
  }
  sl_coro_status st = run(rt, a, v, NULL, out, &yielded);
  if (aclose) return aclose_outcome(rt, w, st, yielded, out);
  st = unwrap(rt, a, st, yielded, out);
  if (st != SL_CORO_YIELD) w->state = AW_CLOSED;
  return st;
}

static sl_coro_status athrow_throw(sl_rt *rt, sl_obj *o, sl_obj *exc, sl_value *out) {
  agen_aw *w = (agen_aw *)o;
  agen *a = (agen *)w->gen;
  bool yielded;
  *out = sl_none();
  if (w->state == AW_CLOSED) {
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot reuse already awaited aclose()/athrow()");
    return SL_CORO_ERROR;
  }
  sl_coro_status st = run(rt, a, sl_none(), exc, out, &yielded);
  if (sl_is_undef(w->value)) return aclose_outcome(rt, w, st, yielded, out);
  st = unwrap(rt, a, st, yielded, out);
  if (st != SL_CORO_YIELD) w->state = AW_CLOSED;
  return st;
}

static const char *asend_qualname(sl_obj *o) {
  (void)o;
  return "async_generator_asend";
}
static const char *athrow_qualname(sl_obj *o) {
  (void)o;
  return "async_generator_athrow";
}

static int aw_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<%s object at ", o->type->name);
  return sl_identity_put_end(rt, o, out);
}

static const sl_coro_ops asend_ops = {asend_send,     asend_throw, aw_close,
                                      asend_qualname, NULL,        NULL};
static const sl_coro_ops athrow_ops = {athrow_send,     athrow_throw, aw_close,
                                       athrow_qualname, NULL,         NULL};

static const sl_type asend_type = {.name = "async_generator_asend",
                                   .clear = aw_clear,
                                   .repr = aw_repr,
                                   .coro = &asend_ops,
                                   .size = sizeof(agen_aw)};
static const sl_type athrow_type = {.name = "async_generator_athrow",
                                    .clear = aw_clear,
                                    .repr = aw_repr,
                                    .coro = &athrow_ops,
                                    .size = sizeof(agen_aw)};

/* ---- the async generator's methods ---------------------------------------- */

static int new_aw(sl_rt *rt, sl_value self, const sl_type *t, sl_value v, sl_value *out) {
  if (init_hooks(rt, (agen *)self.u.o)) return -1;
  sl_obj *o = aw_new(rt, t, self.u.o, v);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static int anext_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 0 arguments, got %zu", a->npos + a->nkw);
  return new_aw(rt, self, &asend_type, sl_none(), out);
}

static int asend_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw || a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "async_generator.asend() takes exactly one argument (%zu given)",
                    a->npos + a->nkw);
  return new_aw(rt, self, &asend_type, a->pos[0], out);
}

static int athrow_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw || a->npos < 1 || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "athrow expected at least 1 argument, got %zu", a->npos);
  sl_value typ = a->pos[0], val = a->npos > 1 ? a->pos[1] : sl_none(), exc;
  if (sl_is_type(typ, &sl_exc_type)) {
    exc = sl_vincref(typ);
  } else if (sl_is_type(typ, &sl_class_type) &&
             sl_class_is_subclass(typ.u.o, rt->classes[SL_EXC_BASE_EXCEPTION])) {
    sl_args ca = {&val, sl_is_none(val) ? 0 : 1, NULL, NULL, 0};
    if (sl_vm_call(rt, typ, &ca, &exc)) return -1;
  } else {
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "exceptions must be classes or instances deriving from BaseException, not %s",
                    sl_type_name(typ));
  }
  int rc = new_aw(rt, self, &athrow_type, exc, out);
  sl_vdecref(rt, exc);
  return rc;
}

static int aclose_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 0 arguments, got %zu", a->npos + a->nkw);
  return new_aw(rt, self, &athrow_type, sl_undef(), out);
}

static int aiter_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 0 arguments, got %zu", a->npos + a->nkw);
  *out = sl_vincref(self);
  return 0;
}

static const sl_cfunc_def agen_methods[] = {
    {"__anext__", anext_fn, NULL, SL_CANON_LABEL}, {"asend", asend_fn, NULL, SL_CANON_LABEL},
    {"athrow", athrow_fn, NULL, SL_CANON_LABEL},   {"aclose", aclose_fn, NULL, SL_CANON_LABEL},
    {"__aiter__", aiter_fn, NULL, SL_CANON_LABEL}, {NULL, NULL, NULL, 0}};

static int agen_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  agen *a = (agen *)o;
  sl_code *c = sl_as_code(a->g.code);
  if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__")) {
    sl_obj *s = name[2] == 'n' ? c->name : c->qualname;
    sl_incref(s);
    *out = sl_obj_val(s);
    return 0;
  }
  if (!strcmp(name, "ag_running")) return *out = sl_bool(a->running_async), 0;
  int rf = sl__coro_frame_attr(rt, o, name, out);
  if (rf) return rf < 0 ? -1 : 0;
  int r = sl_methods_lookup(rt, sl_obj_val(o), agen_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'async_generator' object has no attribute '%s'",
                  name);
}

static int agen_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<async_generator object %s at ",
                   sl_str_cstr(sl_as_code(((agen *)o)->g.code)->qualname));
  return sl_identity_put_end(rt, o, out);
}

static void agen_clear(sl_rt *rt, sl_obj *o) {
  agen *a = (agen *)o;
  unregister(rt, a);
  if (a->g.frame) free_frame(rt, &a->g);
  sl_decref(rt, a->g.code);
  a->g.code = NULL;
}

static void agen_release(sl_obj *o) {
  agen *a = (agen *)o;
  if (a->g.frame) {
    sl_free(a->g.frame);
    a->g.frame = NULL;
  }
}

const sl_type sl_vmagen_type = {.name = "async_generator",
                                .finalize = agen_finalize,
                                .clear = agen_clear,
                                .release = agen_release,
                                .repr = agen_repr,
                                .getattr = agen_getattr,
                                .size = sizeof(agen)};

sl_obj *sl_vmagen_new(sl_rt *rt, sl_frame *f) {
  sl_obj *o = sl_obj_alloc(rt, &sl_vmagen_type);
  if (!o) {
    sl_frame_free(rt, f);
    return NULL;
  }
  agen *a = (agen *)o;
  a->g.frame = f;
  a->g.code = f->code;
  sl_incref(f->code);
  return o;
}
