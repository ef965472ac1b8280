/* The `inspect` module (Lib/inspect.py), for what asyncio programs ask of
 * it: the predicates that tell functions, coroutines, generators and
 * awaitables apart (iscoroutinefunction, isawaitable, isgenerator, ...).
 * Each answers as CPython's does from the object's type and, for the
 * *function ones, the code flags (a method is looked through to its
 * function, a functools.partial to what it wraps). getgeneratorstate and
 * getcoroutinestate read the object's attributes as Lib/inspect.py does.
 * signature() and its classes are Python source (mod_inspect_sig.c) over
 * _fparams below. Source and frames are not provided. */
#include <stdio.h>
#include <string.h>

#include "core/coro.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/lang/code.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

extern const sl_type sl__partial_type; /* mod_functools.c */
/* Signature, Parameter, BoundArguments, signature() (mod_inspect_sig.c) */
extern const char sl__inspect_sig_source[];
extern const unsigned long sl__inspect_sig_source_len;

static int one_arg(sl_rt *rt, const sl_args *a, const char *fname, sl_value *v) {
  static const char *const names[] = {"object"};
  return sl_args_bind(rt, a, fname, names, 1, 1, 1, v);
}

/* The code flags of what a call of f would run (the function of a bound
 * method, the wrapped callable of a partial), as inspect._has_code_flag
 * unwraps it: 1 with *flags set, 0 when f is no Python function, -1 error. */
static int code_flags(sl_rt *rt, sl_value f, uint32_t *flags) {
  sl_value held = sl_undef();
  int r = 0;
  for (int depth = 0; depth < 64; depth++) {
    if (sl_is_type(f, &sl_bound_type)) {
      f = ((sl_bound *)f.u.o)->func;
      continue;
    }
    if (!sl_is_type(f, &sl__partial_type)) break;
    sl_value inner;
    if (sl_vm_getattr(rt, f, "func", &inner)) {
      r = -1;
      break;
    }
    sl_vdecref(rt, held);
    held = f = inner;
  }
  if (!r && sl_is_type(f, &sl_func_type)) {
    *flags = sl_as_code(sl_as_func(f.u.o)->code)->flags;
    r = 1;
  }
  sl_vdecref(rt, held);
  return r;
}

/* A predicate on code flags: all of `on` set and none of `off`. */
static int flag_test(sl_rt *rt, const sl_args *a, const char *fname, uint32_t on, uint32_t off,
                     sl_value *out) {
  sl_value v;
  uint32_t flags = 0;
  if (one_arg(rt, a, fname, &v)) return -1;
  int r = code_flags(rt, v, &flags);
  if (r < 0) return -1;
  *out = sl_bool(r && (flags & on) == on && !(flags & off));
  return 0;
}

static int i_iscoroutinefunction(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  return flag_test(rt, a, "iscoroutinefunction", SL_CO_ASYNC, SL_CO_GENERATOR, out);
}
static int i_isgeneratorfunction(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  return flag_test(rt, a, "isgeneratorfunction", SL_CO_GENERATOR, SL_CO_ASYNC, out);
}
static int i_isasyncgenfunction(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  return flag_test(rt, a, "isasyncgenfunction", SL_CO_GENERATOR | SL_CO_ASYNC, 0, out);
}

/* A predicate on the object's type alone. */
#define TYPE_TEST(fname, test)                                                                     \
  static int i_##fname(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {                \
    (void)self;                                                                                    \
    sl_value v;                                                                                    \
    if (one_arg(rt, a, #fname, &v)) return -1;                                                     \
    *out = sl_bool(test);                                                                          \
    return 0;                                                                                      \
  }

/* asyncio's own coroutines (asyncio.sleep(), q.get(), ...) are coroutine
 * objects in CPython too: `async def`s of Lib/asyncio. */
TYPE_TEST(iscoroutine, sl_is_coro(v))
TYPE_TEST(isgenerator, sl_is_type(v, &sl_vmgen_type))
TYPE_TEST(isasyncgen, sl_is_type(v, &sl_vmagen_type))
TYPE_TEST(isfunction, sl_is_type(v, &sl_func_type))
TYPE_TEST(ismethod, sl_is_type(v, &sl_bound_type))
TYPE_TEST(isbuiltin, sl_is_type(v, &sl_cfunc_type))
/* A partial is a method descriptor (has __get__) from 3.14 on (3.13 only
 * warned that it would be), which isroutine counts as a routine. */
TYPE_TEST(isroutine, sl_is_type(v, &sl_func_type) || sl_is_type(v, &sl_bound_type) ||
                         sl_is_type(v, &sl_cfunc_type) ||
                         (sl_is_type(v, &sl__partial_type) && rt->profile->minor >= 14))
TYPE_TEST(isclass, sl_is_type(v, &sl_class_type) || sl_is_type(v, &sl_typeobj_type))
TYPE_TEST(ismodule, sl_is_type(v, &sl_module_type))
TYPE_TEST(iscode, sl_is_type(v, &sl_code_type))

/* isawaitable: a coroutine, a generator of a types.coroutine function
 * (CO_ITERABLE_COROUTINE), or what collections.abc.Awaitable accepts, an
 * object whose class has __await__ (futures and tasks among them). */
static int i_isawaitable(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  sl_value v;
  if (one_arg(rt, a, "isawaitable", &v)) return -1;
  bool yes = sl_is_coro(v) || sl_is_future(v);
  if (!yes && sl_is_type(v, &sl_vmgen_type))
    yes = (sl_as_code(((sl_vmcoro *)v.u.o)->code)->flags & SL_CO_ITERABLE_COROUTINE) != 0;
  sl_obj *cls = !yes && v.tag == SL_V_OBJ ? sl_user_cls_of(v.u.o) : NULL;
  if (cls) {
    sl_value m;
    int r = sl__class_lookup(rt, cls, "__await__", &m);
    if (r < 0) return -1;
    if (r > 0) {
      yes = !sl_is_none(m);
      sl_vdecref(rt, m);
    }
  }
  *out = sl_bool(yes);
  return 0;
}

/* Lib/inspect.py getgeneratorstate/getcoroutinestate: `running`, then
 * `suspended`, then whether `frame` is gone, each read as an attribute of
 * the object (prefix "gi"/"cr"), so anything else fails as there. */
static int run_state(sl_rt *rt, const sl_args *a, const char *fname, const char *pfx,
                     const char *up, sl_value *out) {
  static const char *const names[] = {"generator"}, *const cnames[] = {"coroutine"};
  sl_value v;
  if (sl_args_bind(rt, a, fname, pfx[0] == 'g' ? names : cnames, 1, 1, 1, &v)) return -1;
  static const char *const attrs[] = {"running", "suspended", "frame"};
  static const char *const states[] = {"RUNNING", "SUSPENDED", "CLOSED"};
  const char *state = "CREATED";
  for (int i = 0; i < 3; i++) {
    char attr[24];
    snprintf(attr, sizeof attr, "%s_%s", pfx, attrs[i]);
    sl_value x;
    bool yes;
    if (sl_vm_getattr(rt, v, attr, &x)) return -1;
    int r = i < 2 ? sl_truth(rt, x, &yes) : (yes = sl_is_none(x), 0);
    sl_vdecref(rt, x);
    if (r) return -1;
    if (yes) {
      state = states[i];
      break;
    }
  }
  char buf[24];
  snprintf(buf, sizeof buf, "%s_%s", up, state);
  sl_obj *s = sl_str_from_cstr(rt, buf);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

static int i_getgeneratorstate(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  return run_state(rt, a, "getgeneratorstate", "gi", "GEN", out);
}
static int i_getcoroutinestate(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  return run_state(rt, a, "getcoroutinestate", "cr", "CORO", out);
}

/* _fparams(func): the parameters of a Python function as a list of
 * (name, kind) pairs, kind numbered as inspect's _ParameterKind (0
 * positional-only ... 4 variadic keyword), in the code's order: the
 * positional ones, the keyword-only ones, then *args and **kwargs. */
static int i_fparams(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  static const char *const names[] = {"func"};
  sl_value f;
  if (sl_args_bind(rt, a, "_fparams", names, 1, 1, 1, &f)) return -1;
  if (!sl_is_type(f, &sl_func_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "_fparams() expects a function");
  sl_code *c = sl_as_code(sl_as_func(f.u.o)->code);
  size_t nvar = !!(c->flags & SL_CO_VARARGS), nkw = !!(c->flags & SL_CO_VARKW);
  size_t n = c->argcount + c->kwonly + nvar + nkw;
  sl_obj *list = sl_list_new(rt, NULL, 0);
  if (!list) return -1;
  for (size_t i = 0; i < n; i++) {
    /* the code keeps *args after the keyword-only names, inspect lists it before */
    size_t at = i;
    int kind;
    if (i < c->posonly) {
      kind = 0;
    } else if (i < c->argcount) {
      kind = 1;
    } else if (nvar && i == c->argcount) {
      kind = 2, at = c->argcount + c->kwonly;
    } else if (i < c->argcount + nvar + c->kwonly) {
      kind = 3, at = i - nvar;
    } else {
      kind = 4;
    }
    sl_value pair[2] = {sl_obj_val(c->localnames[at]), sl_int(kind)};
    sl_obj *t = sl_tuple_new(rt, pair, 2);
    int rc = t ? sl_list_append(rt, list, sl_obj_val(t)) : -1;
    sl_decref(rt, t);
    if (rc) {
      sl_decref(rt, list);
      return -1;
    }
  }
  *out = sl_obj_val(list);
  return 0;
}

static const sl_cfunc_def inspect_funcs[] = {
    {"_fparams", i_fparams, NULL, 0},
    {"getgeneratorstate", i_getgeneratorstate, NULL, 0},
    {"getcoroutinestate", i_getcoroutinestate, NULL, 0},
    {"isawaitable", i_isawaitable, NULL, 0},
    {"iscoroutinefunction", i_iscoroutinefunction, NULL, 0},
    {"isgeneratorfunction", i_isgeneratorfunction, NULL, 0},
    {"isasyncgenfunction", i_isasyncgenfunction, NULL, 0},
    {"iscoroutine", i_iscoroutine, NULL, 0},
    {"isgenerator", i_isgenerator, NULL, 0},
    {"isasyncgen", i_isasyncgen, NULL, 0},
    {"isfunction", i_isfunction, NULL, 0},
    {"ismethod", i_ismethod, NULL, 0},
    {"isbuiltin", i_isbuiltin, NULL, 0},
    {"isroutine", i_isroutine, NULL, 0},
    {"isclass", i_isclass, NULL, 0},
    {"ismodule", i_ismodule, NULL, 0},
    {"iscode", i_iscode, NULL, 0},
    {NULL, NULL, NULL, 0},
};

/* signature() and its classes: the source runs when the program first
 * asks for one of these names (module __getattr__, PEP 562), as compiling
 * it costs five empty runs and most programs import inspect for its
 * predicates alone. */
static const char *const LAZY[] = {"signature", "Signature", "Parameter",      "BoundArguments",
                                   "_empty",    "_void",     "_ParameterKind", NULL};

static int load_signature(sl_rt *rt, sl_obj *module_dict) {
  bool found;
  if (sl_stdmod_run_source(rt, module_dict, "inspect.py", sl__inspect_sig_source,
                           sl__inspect_sig_source_len))
    return -1;
  /* A class body run as simloop's own source names __main__ its module;
   * these print as inspect's (<class 'inspect._empty'>). */
  for (const char *const *n = LAZY + 1; *n; n++) {
    sl_value c;
    found = false;
    if (sl_dict_get_str(rt, module_dict, *n, &c, &found)) return -1;
    if (!found) continue;
    if (sl_is_type(c, &sl_class_type)) sl_as_class(c.u.o)->module = "inspect";
    sl_vdecref(rt, c);
  }
  sl_obj *key = sl_str_from_cstr(rt, "__getattr__");
  int rc = key ? sl_dict_del(rt, module_dict, sl_obj_val(key), &found) : -1;
  sl_decref(rt, key);
  return rc;
}

static int i_getattr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  static const char *const names[] = {"name"};
  sl_value name, mod;
  if (sl_args_bind(rt, a, "__getattr__", names, 1, 1, 1, &name)) return -1;
  const char *n = sl_is_str(name) ? sl_str_cstr(name.u.o) : "";
  const char *const *l = LAZY;
  while (*l && strcmp(*l, n)) l++;
  if (!*l) return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "module 'inspect' has no attribute '%s'", n);
  if (sl_vm_import(rt, "inspect", &mod)) return -1;
  sl_obj *d = ((sl_module *)mod.u.o)->dict;
  bool found = false;
  int rc = load_signature(rt, d) || sl_dict_get_str(rt, d, n, out, &found) ? -1 : 0;
  sl_vdecref(rt, mod);
  if (!rc && !found)
    rc = sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "module 'inspect' has no attribute '%s'", n);
  return rc;
}

static const sl_cfunc_def getattr_def = {"__getattr__", i_getattr, NULL, 0};

int sl_mod_inspect_init(sl_rt *rt, sl_obj *module_dict) {
  static const char *const consts[] = {"GEN_CREATED",    "GEN_RUNNING",  "GEN_SUSPENDED",
                                       "GEN_CLOSED",     "CORO_CREATED", "CORO_RUNNING",
                                       "CORO_SUSPENDED", "CORO_CLOSED"};
  for (size_t i = 0; i < sizeof consts / sizeof *consts; i++) {
    sl_obj *s = sl_str_from_cstr(rt, consts[i]);
    int rc = s ? sl_stdmod_add(rt, module_dict, consts[i], sl_obj_val(s)) : -1;
    sl_decref(rt, s);
    if (rc) return -1;
  }
  return sl_stdmod_add_funcs(rt, module_dict, inspect_funcs) ||
                 sl_stdmod_add_func(rt, module_dict, &getattr_def)
             ? -1
             : 0;
}
