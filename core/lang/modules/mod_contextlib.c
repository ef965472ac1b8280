/* The `contextlib` module: contextmanager, asynccontextmanager, suppress,
 * closing, aclosing, nullcontext. Mirrors Lib/contextlib.py: a generator
 * context manager drives its generator with next()/throw() (anext()/
 * athrow() for the async one) and turns a generator that does not yield,
 * or does not stop, into CPython's RuntimeErrors; __aenter__/__aexit__ are
 * C coroutines that await the async generator's own awaitables, so a
 * trace sees exactly the steps CPython takes (no extra task, no extra
 * handle). ExitStack and AsyncExitStack are in mod_contextlib_stack.c,
 * redirect_stdout/redirect_stderr in mod_contextlib_redirect.c. Not
 * provided: using a generator context manager as a decorator. */
#include <string.h>

#include "core/coro.h"
#include "core/exc.h"
#include "core/lang/modules/mod_contextlib-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- helpers ------------------------------------------------------------ */

/* Raises RuntimeError(msg), `from None` when an exception was caught. */
static int raise_runtime(sl_rt *rt, const char *msg, sl_obj *caught /* borrowed or NULL */) {
  sl_obj *e = sl_exc_new_msg(rt, SL_EXC_RUNTIME_ERROR, msg);
  if (!e) return -1;
  if (caught) {
    sl_incref(caught);
    sl_as_exc(e)->context = caught;
    sl_as_exc(e)->suppress_context = true;
  }
  sl_raise_obj(rt, e);
  sl_decref(rt, e);
  return -1;
}

/* The exception instance __exit__ was given: `value`, or typ() when the
 * value is None (contextlib: `value = typ()`). New reference. */
static int exc_value(sl_rt *rt, sl_value typ, sl_value value, sl_value *out) {
  if (!sl_is_none(value) && !sl_is_undef(value)) {
    *out = sl_vincref(value);
    return 0;
  }
  return sl_vm_call_pos(rt, typ, NULL, 0, out);
}

/* What `except` decides after gen.throw(value)/athrow(value) raised
 * `exc` (pending): 1 suppressed (__exit__ returns True), 0 not (returns
 * False: the original exception goes on), -1 re-raise what is pending.
 * `stop` is StopIteration or StopAsyncIteration. */
static int after_throw(sl_rt *rt, sl_exc_id stop, sl_value value) {
  sl_obj *exc = rt->exc;
  if (!exc) return -1;
  if (sl_exc_isinstance(exc, stop)) {
    bool is_value = sl_is_obj(value) && exc == value.u.o;
    sl_err_clear(rt);
    return is_value ? 0 : 1;
  }
  if (sl_is_obj(value) && exc == value.u.o) {
    sl_err_clear(rt);
    return 0;
  }
  if (sl_exc_isinstance(exc, SL_EXC_RUNTIME_ERROR) && sl_is_obj(value) &&
      sl_as_exc(exc)->cause == value.u.o &&
      (sl_exc_isinstance(value.u.o, SL_EXC_STOP_ITERATION) ||
       sl_exc_isinstance(value.u.o, SL_EXC_STOP_ASYNC_ITERATION))) {
    sl_err_clear(rt);
    return 0;
  }
  return -1;
}

/* ---- _GeneratorContextManager / _AsyncGeneratorContextManager ---------- */

typedef struct gencm {
  sl_obj hdr;
  sl_value gen; /* owned */
  bool async;
} gencm;

static int gencm_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

static void gencm_clear(sl_rt *rt, sl_obj *o) {
  sl_vdecref(rt, ((gencm *)o)->gen);
  ((gencm *)o)->gen = sl_none();
}

static const sl_type gencm_type = {.name = "_GeneratorContextManager",
                                   .clear = gencm_clear,
                                   .getattr = gencm_getattr,
                                   .size = sizeof(gencm)};
static const sl_type agencm_type = {.name = "_AsyncGeneratorContextManager",
                                    .clear = gencm_clear,
                                    .getattr = gencm_getattr,
                                    .size = sizeof(gencm)};

static int cm_enter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "__enter__", NULL, 0, 0, 0, NULL)) return -1;
  if (sl__call_method(rt, ((gencm *)self.u.o)->gen, "__next__", NULL, 0, out) == 0) return 0;
  if (!sl_err_matches(rt, SL_EXC_STOP_ITERATION)) return -1;
  sl_obj *stop = sl_err_fetch(rt);
  raise_runtime(rt, "generator didn't yield", stop);
  sl_decref(rt, stop);
  return -1;
}

static int exit_args(sl_rt *rt, const sl_args *a, const char *fname, sl_value v[3]) {
  static const char *const names[] = {"typ", "value", "traceback"};
  return sl_args_bind(rt, a, fname, names, 3, 3, 3, v);
}

static int cm_exit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value v[3];
  if (exit_args(rt, a, "__exit__", v)) return -1;
  sl_value gen = ((gencm *)self.u.o)->gen, r;
  if (sl_is_none(v[0])) {
    if (sl__call_method(rt, gen, "__next__", NULL, 0, &r) == 0) {
      sl_vdecref(rt, r);
      return raise_runtime(rt, "generator didn't stop", NULL);
    }
    if (!sl_err_matches(rt, SL_EXC_STOP_ITERATION)) return -1;
    sl_err_clear(rt);
    *out = sl_bool(false);
    return 0;
  }
  sl_value value;
  if (exc_value(rt, v[0], v[1], &value)) return -1;
  int rc = sl__call_method(rt, gen, "throw", &value, 1, &r);
  if (rc == 0) {
    sl_vdecref(rt, r);
    sl_vdecref(rt, value);
    return raise_runtime(rt, "generator didn't stop after throw()", NULL);
  }
  int verdict = after_throw(rt, SL_EXC_STOP_ITERATION, value);
  sl_vdecref(rt, value);
  if (verdict < 0) return -1;
  *out = sl_bool(verdict);
  return 0;
}

/* __aenter__: `return await anext(self.gen)`, StopAsyncIteration turned
 * into RuntimeError. Slot 0: the generator. */
enum { AE_GEN };

static sl_coro_status aenter_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    sl_value aw;
    if (sl__call_method(rt, co->slots[AE_GEN], "__anext__", NULL, 0, &aw)) return SL_CORO_ERROR;
    sl_coro_status st = sl_ccoro_await(rt, co, aw, 1, out);
    sl_vdecref(rt, aw);
    return st;
  }
  case 1:
    if (!co->failed) {
      *out = sl_ccoro_take_result(co);
      return SL_CORO_RETURN;
    }
    if (sl_err_matches(rt, SL_EXC_STOP_ASYNC_ITERATION)) {
      sl_obj *stop = sl_err_fetch(rt);
      raise_runtime(rt, "generator didn't yield", stop);
      sl_decref(rt, stop);
    }
    return SL_CORO_ERROR;
  }
  return SL_CORO_ERROR;
}

static const sl_ccoro_def aenter_def = {"_AsyncGeneratorContextManager.__aenter__", aenter_resume,
                                        NULL};

/* __aexit__(typ, value, tb). Slots: the generator, typ, the exception. */
enum { AX_GEN, AX_TYP, AX_VALUE };

static sl_coro_status aexit_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    sl_value aw;
    if (sl_is_none(co->slots[AX_TYP])) {
      if (sl__call_method(rt, co->slots[AX_GEN], "__anext__", NULL, 0, &aw)) return SL_CORO_ERROR;
      sl_coro_status st = sl_ccoro_await(rt, co, aw, 1, out);
      sl_vdecref(rt, aw);
      return st;
    }
    sl_value value;
    if (exc_value(rt, co->slots[AX_TYP], co->slots[AX_VALUE], &value)) return SL_CORO_ERROR;
    sl_vset(rt, &co->slots[AX_VALUE], value);
    if (sl__call_method(rt, co->slots[AX_GEN], "athrow", &co->slots[AX_VALUE], 1, &aw))
      return SL_CORO_ERROR;
    sl_coro_status st = sl_ccoro_await(rt, co, aw, 2, out);
    sl_vdecref(rt, aw);
    return st;
  }
  case 1: /* the body finished: the generator must stop now */
    if (!co->failed) {
      sl_vdecref(rt, sl_ccoro_take_result(co));
      raise_runtime(rt, "generator didn't stop", NULL);
      return SL_CORO_ERROR;
    }
    if (!sl_err_matches(rt, SL_EXC_STOP_ASYNC_ITERATION)) return SL_CORO_ERROR;
    sl_err_clear(rt);
    *out = sl_bool(false);
    return SL_CORO_RETURN;
  case 2: { /* the body raised: thrown into the generator */
    if (!co->failed) {
      sl_vdecref(rt, sl_ccoro_take_result(co));
      raise_runtime(rt, "generator didn't stop after athrow()", NULL);
      return SL_CORO_ERROR;
    }
    int verdict = after_throw(rt, SL_EXC_STOP_ASYNC_ITERATION, co->slots[AX_VALUE]);
    if (verdict < 0) return SL_CORO_ERROR;
    *out = sl_bool(verdict);
    return SL_CORO_RETURN;
  }
  }
  return SL_CORO_ERROR;
}

static const sl_ccoro_def aexit_def = {"_AsyncGeneratorContextManager.__aexit__", aexit_resume,
                                       NULL};

static int acm_enter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "__aenter__", NULL, 0, 0, 0, NULL)) return -1;
  sl_obj *co = sl_ccoro_new(rt, &aenter_def, &((gencm *)self.u.o)->gen, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int acm_exit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value v[3];
  if (exit_args(rt, a, "__aexit__", v)) return -1;
  sl_value slots[3] = {((gencm *)self.u.o)->gen, v[0], v[1]};
  sl_obj *co = sl_ccoro_new(rt, &aexit_def, slots, 3);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_cfunc_def gencm_methods[] = {
    {"_GeneratorContextManager.__enter__", cm_enter, NULL, 0},
    {"_GeneratorContextManager.__exit__", cm_exit, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static const sl_cfunc_def agencm_methods[] = {
    {"_AsyncGeneratorContextManager.__aenter__", acm_enter, NULL, 0},
    {"_AsyncGeneratorContextManager.__aexit__", acm_exit, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int gencm_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  gencm *cm = (gencm *)o;
  if (!strcmp(name, "gen")) {
    *out = sl_vincref(cm->gen);
    return 0;
  }
  int r =
      sl_methods_lookup(rt, sl_obj_val(o), cm->async ? agencm_methods : gencm_methods, name, out);
  if (r < 0) return -1;
  if (!r)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                    name);
  return 0;
}

/* The function @contextmanager returns: calls the generator function and
 * wraps the generator (self: the generator function). */
static int helper_call(sl_rt *rt, sl_value self, const sl_args *a, bool async, sl_value *out) {
  sl_value gen;
  if (sl_vm_call(rt, self, a, &gen)) return -1;
  gencm *cm = (gencm *)sl_obj_alloc(rt, async ? &agencm_type : &gencm_type);
  if (!cm) {
    sl_vdecref(rt, gen);
    return -1;
  }
  cm->gen = gen;
  cm->async = async;
  *out = sl_obj_val(&cm->hdr);
  return 0;
}

static int helper_sync(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return helper_call(rt, self, a, false, out);
}

static int helper_async(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return helper_call(rt, self, a, true, out);
}

static const sl_cfunc_def helper_defs[] = {
    {"contextmanager.<locals>.helper", helper_sync, NULL, 0},
    {"asynccontextmanager.<locals>.helper", helper_async, NULL, 0},
};

static int decorate(sl_rt *rt, const sl_args *a, const char *fname, const sl_cfunc_def *def,
                    sl_value *out) {
  static const char *const names[] = {"func"};
  sl_value v[1];
  if (sl_args_bind(rt, a, fname, names, 1, 1, 1, v)) return -1;
  sl_obj *f = sl_cfunc_new(rt, def, v[0]);
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

static int m_contextmanager(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return decorate(rt, a, "contextmanager", &helper_defs[0], out);
}

static int m_asynccontextmanager(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return decorate(rt, a, "asynccontextmanager", &helper_defs[1], out);
}

/* ---- suppress, closing, aclosing, nullcontext --------------------------- */

typedef enum simple_kind { SUPPRESS, CLOSING, ACLOSING, NULLCONTEXT } simple_kind;

typedef struct simplecm {
  sl_obj hdr;
  simple_kind kind;
  sl_value v; /* owned: suppress: the tuple of exceptions; else the thing / enter_result */
} simplecm;

static int simple_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

static void simple_clear(sl_rt *rt, sl_obj *o) {
  sl_vdecref(rt, ((simplecm *)o)->v);
  ((simplecm *)o)->v = sl_none();
}

static const sl_type suppress_type = {
    .name = "suppress", .clear = simple_clear, .getattr = simple_getattr, .size = sizeof(simplecm)};
static const sl_type closing_type = {
    .name = "closing", .clear = simple_clear, .getattr = simple_getattr, .size = sizeof(simplecm)};
static const sl_type aclosing_type = {
    .name = "aclosing", .clear = simple_clear, .getattr = simple_getattr, .size = sizeof(simplecm)};
static const sl_type nullcontext_type = {.name = "nullcontext",
                                         .clear = simple_clear,
                                         .getattr = simple_getattr,
                                         .size = sizeof(simplecm)};

/* An awaitable that returns slot 0 at once. */
static sl_coro_status value_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  *out = sl_vincref(co->slots[0]);
  return SL_CORO_RETURN;
}

static const sl_ccoro_def value_def = {"AbstractAsyncContextManager.__aenter__", value_resume,
                                       NULL};

/* `await thing.aclose()`, then return None. */
static sl_coro_status aclose_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_value aw;
    if (sl__call_method(rt, co->slots[0], "aclose", NULL, 0, &aw)) return SL_CORO_ERROR;
    sl_coro_status st = sl_ccoro_await(rt, co, aw, 1, out);
    sl_vdecref(rt, aw);
    return st;
  }
  if (co->failed) return SL_CORO_ERROR;
  sl_vdecref(rt, sl_ccoro_take_result(co));
  *out = sl_none();
  return SL_CORO_RETURN;
}

static const sl_ccoro_def aclose_def = {"aclosing.__aexit__", aclose_resume, NULL};

static int s_enter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  simplecm *s = (simplecm *)self.u.o;
  if (sl_args_bind(rt, a, "__enter__", NULL, 0, 0, 0, NULL)) return -1;
  *out = s->kind == SUPPRESS ? sl_none() : sl_vincref(s->v);
  return 0;
}

static int s_exit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  simplecm *s = (simplecm *)self.u.o;
  sl_value v[3];
  if (exit_args(rt, a, "__exit__", v)) return -1;
  *out = sl_none();
  if (s->kind == CLOSING) {
    sl_value r;
    if (sl__call_method(rt, s->v, "close", NULL, 0, &r)) return -1;
    sl_vdecref(rt, r);
    return 0;
  }
  if (s->kind != SUPPRESS) return 0;
  /* suppress: `return exctype is not None and issubclass(exctype, self._exceptions)` */
  if (sl_is_none(v[0])) {
    *out = sl_bool(false);
    return 0;
  }
  sl_value issub;
  if (sl__vm_builtin(rt, "issubclass", &issub)) return -1;
  sl_value argv[2] = {v[0], s->v};
  int rc = sl_vm_call_pos(rt, issub, argv, 2, out);
  sl_vdecref(rt, issub);
  return rc;
}

static int s_aenter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "__aenter__", NULL, 0, 0, 0, NULL)) return -1;
  sl_obj *co = sl_ccoro_new(rt, &value_def, &((simplecm *)self.u.o)->v, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int s_aexit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  simplecm *s = (simplecm *)self.u.o;
  sl_value v[3];
  if (exit_args(rt, a, "__aexit__", v)) return -1;
  sl_value none = sl_none();
  sl_obj *co = s->kind == ACLOSING ? sl_ccoro_new(rt, &aclose_def, &s->v, 1)
                                   : sl_ccoro_new(rt, &value_def, &none, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_cfunc_def sync_methods[] = {
    {"__enter__", s_enter, NULL, 0},
    {"__exit__", s_exit, NULL, 0},
    {NULL, NULL, NULL, 0},
};
static const sl_cfunc_def async_methods[] = {
    {"__aenter__", s_aenter, NULL, 0},
    {"__aexit__", s_aexit, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int simple_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  simplecm *s = (simplecm *)o;
  int r = 0;
  if (s->kind != ACLOSING) r = sl_methods_lookup(rt, sl_obj_val(o), sync_methods, name, out);
  if (r == 0 && (s->kind == ACLOSING || s->kind == NULLCONTEXT))
    r = sl_methods_lookup(rt, sl_obj_val(o), async_methods, name, out);
  if (r < 0) return -1;
  if (!r)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                    name);
  return 0;
}

static int new_simple(sl_rt *rt, const sl_type *type, simple_kind kind, sl_value v, sl_value *out) {
  simplecm *s = (simplecm *)sl_obj_alloc(rt, type);
  if (!s) return -1;
  s->kind = kind;
  s->v = sl_vincref(v);
  *out = sl_obj_val(&s->hdr);
  return 0;
}

static int m_suppress(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "suppress() takes no keyword arguments");
  sl_obj *t = sl_tuple_new(rt, a->pos, a->npos);
  if (!t) return -1;
  int rc = new_simple(rt, &suppress_type, SUPPRESS, sl_obj_val(t), out);
  sl_decref(rt, t);
  return rc;
}

static int m_closing(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"thing"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "closing", names, 1, 1, 1, v)) return -1;
  return new_simple(rt, &closing_type, CLOSING, v[0], out);
}

static int m_aclosing(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"thing"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "aclosing", names, 1, 1, 1, v)) return -1;
  return new_simple(rt, &aclosing_type, ACLOSING, v[0], out);
}

static int m_nullcontext(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"enter_result"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "nullcontext", names, 1, 0, 1, v)) return -1;
  return new_simple(rt, &nullcontext_type, NULLCONTEXT, sl_is_undef(v[0]) ? sl_none() : v[0], out);
}

static const sl_cfunc_def contextlib_funcs[] = {
    {"contextmanager", m_contextmanager, NULL, 0},
    {"asynccontextmanager", m_asynccontextmanager, NULL, 0},
    {"suppress", m_suppress, NULL, 0},
    {"closing", m_closing, NULL, 0},
    {"aclosing", m_aclosing, NULL, 0},
    {"nullcontext", m_nullcontext, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_contextlib_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl__contextlib_stack_init(rt, module_dict) || sl__contextlib_redirect_init(rt, module_dict))
    return -1;
  return sl_stdmod_add_funcs(rt, module_dict, contextlib_funcs);
}
