/* The `types` module (Lib/types.py), for what programs use of it:
 * coroutine() (a generator function whose generators may be awaited, the
 * pre-async-def way of writing a coroutine), SimpleNamespace,
 * MappingProxyType, MethodType(func, obj), and the type objects of
 * functions, coroutines, generators, async generators, methods, built-in
 * functions and modules (FunctionType, CoroutineType, ...), the same
 * objects type() gives, for isinstance. TracebackType is there for the
 * annotations of __exit__/__aexit__ (`exc_tb: Optional[TracebackType]`):
 * simloop keeps no traceback objects (`e.__traceback__` is None), so it has
 * no instances. */
#include <string.h>

#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/code.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/str.h"

/* ---- SimpleNamespace ------------------------------------------------------------ */

typedef struct simple_ns {
  sl_obj hdr;
  sl_obj *dict; /* owned: the attributes */
} simple_ns;

extern const sl_type sl__simple_ns_type;

static void sns_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((simple_ns *)o)->dict);
  ((simple_ns *)o)->dict = NULL;
}

/* namespace(a=1, b='x'): every attribute, in insertion order. */
static int sns_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "namespace(");
  size_t pos = 0, n = 0;
  sl_value k, v;
  while (sl_dict_next(((simple_ns *)o)->dict, &pos, &k, &v)) {
    if (n++) sl_strbuf_puts(out, ", ");
    if (sl_vm_str(rt, k, out)) return -1;
    sl_strbuf_putc(out, '=');
    if (sl_vm_repr(rt, v, out)) return -1;
  }
  sl_strbuf_putc(out, ')');
  return 0;
}

static int sns_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_obj *d = ((simple_ns *)o)->dict;
  if (!strcmp(name, "__dict__")) return sl_incref(d), *out = sl_obj_val(d), 0;
  bool found;
  if (sl_dict_get_str(rt, d, name, out, &found)) return -1;
  if (found) return 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                  "'types.SimpleNamespace' object has no attribute '%s'", name);
}

static int sns_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  sl_obj *d = ((simple_ns *)o)->dict;
  if (!sl_is_undef(v)) return sl_dict_set_str(rt, d, name, v);
  sl_obj *ko = sl_str_from_cstr(rt, name);
  if (!ko) return -1;
  bool found;
  int rc = sl_dict_del(rt, d, sl_obj_val(ko), &found);
  sl_decref(rt, ko);
  if (rc) return -1;
  if (!found)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                    "'types.SimpleNamespace' object has no attribute '%s'", name);
  return 0;
}

/* namespace_richcompare: equal when both are namespaces with equal dicts. */
static int sns_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (!sl_is_type(b, &sl__simple_ns_type)) return *res = false, 0;
  return sl_eq(rt, sl_obj_val(((simple_ns *)a)->dict), sl_obj_val(((simple_ns *)b.u.o)->dict), res);
}

const sl_type sl__simple_ns_type = {.name = "types.SimpleNamespace",
                                    .clear = sns_clear,
                                    .repr = sns_repr,
                                    .eq = sns_eq,
                                    .unhashable = true,
                                    .getattr = sns_getattr,
                                    .setattr = sns_setattr,
                                    .flags = SL_TF_REPR_GUARD,
                                    .size = sizeof(simple_ns)};

/* Stores the (key, value) pairs of a mapping or iterable (3.13's
 * positional argument) in d. */
static int sns_fill(sl_rt *rt, sl_obj *d, sl_value src) {
  sl_value dict, tmp;
  if (sl__vm_builtin(rt, "dict", &dict)) return -1;
  int rc = sl_vm_call_pos(rt, dict, &src, 1, &tmp);
  sl_vdecref(rt, dict);
  if (rc) return -1;
  size_t pos = 0;
  sl_value k, v;
  while (!rc && sl_dict_next(tmp.u.o, &pos, &k, &v)) {
    if (!sl_is_str(k))
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "keywords must be strings");
    else
      rc = sl_dict_set(rt, d, k, v);
  }
  sl_vdecref(rt, tmp);
  return rc;
}

/* SimpleNamespace(**kwargs); from 3.13 also one mapping or iterable of
 * pairs first. */
static int ct_simple_ns(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  bool positional = rt->profile->minor >= 13;
  if (args->npos > (positional ? 1u : 0u)) {
    if (positional)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "SimpleNamespace expected at most 1 argument, got %zu",
                      args->npos);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "no positional arguments expected");
  }
  sl_obj *d = sl_dict_new(rt);
  simple_ns *ns = d ? (simple_ns *)sl_obj_alloc(rt, &sl__simple_ns_type) : NULL;
  if (!ns) {
    sl_decref(rt, d);
    return -1;
  }
  ns->dict = d;
  *out = sl_obj_val(&ns->hdr);
  int rc = args->npos ? sns_fill(rt, d, args->pos[0]) : 0;
  for (size_t i = 0; i < args->nkw && !rc; i++)
    rc = sl_dict_set(rt, d, sl_obj_val(args->kwnames[i]), args->kwvals[i]);
  if (rc) sl_vdecref(rt, *out);
  return rc;
}

static const sl_cfunc_def ct_simple_ns_def = {"SimpleNamespace", ct_simple_ns, NULL, 0};
static const sl_type *const simple_ns_types[] = {&sl__simple_ns_type, NULL};
const sl_classdef sl__simple_ns_class = {
    "types.SimpleNamespace", "types", "SimpleNamespace", simple_ns_types, NULL,
    &ct_simple_ns_def,       NULL};

/* ---- MappingProxyType ------------------------------------------------------------- */

/* MappingProxyType(mapping): a read-only live view of a dict. */
static int ct_mappingproxy(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw || args->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "mappingproxy() takes exactly one argument (%zu given)",
                    args->npos + args->nkw);
  if (!sl__is_dict(args->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "mappingproxy() argument must be a mapping, not %s",
                    sl_type_name(args->pos[0]));
  return sl__mappingproxy_new(rt, args->pos[0].u.o, out);
}

static const sl_cfunc_def ct_mappingproxy_def = {"mappingproxy", ct_mappingproxy, NULL, 0};
extern const sl_type sl__mappingproxy_type;
static const sl_type *const mappingproxy_types[] = {&sl__mappingproxy_type, NULL};
const sl_classdef sl__mappingproxy_class = {
    "mappingproxy",       "builtins", "mappingproxy", mappingproxy_types, NULL,
    &ct_mappingproxy_def, NULL};

/* ---- coroutine, MethodType ----------------------------------------------------------- */

/* types.coroutine(func): a generator function's code is marked so its
 * generators can be awaited (CO_ITERABLE_COROUTINE); anything else is
 * returned as it is (an async def function already is a coroutine
 * function). */
static int f_coroutine(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw || args->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "coroutine() missing 1 required positional argument: 'func'");
  sl_value fn = args->pos[0];
  if (sl_is_type(fn, &sl_func_type)) {
    sl_code *co = sl_as_code(sl_as_func(fn.u.o)->code);
    if ((co->flags & SL_CO_GENERATOR) && !(co->flags & SL_CO_ASYNC))
      co->flags |= SL_CO_ITERABLE_COROUTINE;
  } else if (!sl_is_type(fn, &sl_cfunc_type) && !sl_is_type(fn, &sl_bound_type) &&
             !(fn.tag == SL_V_OBJ && fn.u.o->type->call))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "types.coroutine() expects a callable");
  *out = sl_vincref(fn);
  return 0;
}

/* MethodType(func, obj): func bound to obj. */
static int ct_method(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw || args->npos != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "method expected 2 arguments, got %zu", args->npos);
  sl_value fn = args->pos[0];
  if (fn.tag != SL_V_OBJ || (!fn.u.o->type->call && !sl_is_type(fn, &sl_func_type)))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "first argument must be callable");
  sl_obj *b = sl_bound_new(rt, fn, args->pos[1]);
  if (!b) return -1;
  *out = sl_obj_val(b);
  return 0;
}

static const sl_cfunc_def ct_method_def = {"method", ct_method, NULL, 0};

static const sl_cfunc_def types_funcs[] = {{"coroutine", f_coroutine, NULL, 0},
                                           {NULL, NULL, NULL, 0}};

/* CPython's `traceback` type; never instantiated here (see above). */
static const sl_type traceback_type = {.name = "traceback", .size = sizeof(sl_obj)};

/* Adds the type object of the engine type ty under name. */
static int add_type(sl_rt *rt, sl_obj *module_dict, const char *name, const sl_type *ty,
                    const sl_cfunc_def *ctor) {
  sl_value t;
  if (sl_typeobj_of_type(rt, ty, &t)) return -1;
  if (ctor) ((sl_typeobj *)t.u.o)->ctor = ctor;
  int rc = sl_stdmod_add(rt, module_dict, name, t);
  sl_vdecref(rt, t);
  return rc;
}

static int add_class(sl_rt *rt, sl_obj *module_dict, const char *name, const sl_classdef *cd) {
  sl_value t;
  if (sl_typeobj_of_class(rt, cd, &t)) return -1;
  int rc = sl_stdmod_add(rt, module_dict, name, t);
  sl_vdecref(rt, t);
  return rc;
}

int sl_mod_types_init(sl_rt *rt, sl_obj *module_dict) {
  sl_value none_type;
  if (sl_stdmod_add_funcs(rt, module_dict, types_funcs) ||
      add_class(rt, module_dict, "SimpleNamespace", &sl__simple_ns_class) ||
      add_class(rt, module_dict, "MappingProxyType", &sl__mappingproxy_class) ||
      add_type(rt, module_dict, "FunctionType", &sl_func_type, NULL) ||
      add_type(rt, module_dict, "LambdaType", &sl_func_type, NULL) ||
      add_type(rt, module_dict, "CoroutineType", &sl_vmcoro_type, NULL) ||
      add_type(rt, module_dict, "GeneratorType", &sl_vmgen_type, NULL) ||
      add_type(rt, module_dict, "AsyncGeneratorType", &sl_vmagen_type, NULL) ||
      add_type(rt, module_dict, "MethodType", &sl_bound_type, &ct_method_def) ||
      add_type(rt, module_dict, "BuiltinFunctionType", &sl_cfunc_type, NULL) ||
      add_type(rt, module_dict, "BuiltinMethodType", &sl_cfunc_type, NULL) ||
      add_type(rt, module_dict, "ModuleType", &sl_module_type, NULL) ||
      add_type(rt, module_dict, "CellType", &sl_cell_type, NULL) ||
      add_type(rt, module_dict, "CodeType", &sl_code_type, NULL) ||
      add_type(rt, module_dict, "TracebackType", &traceback_type, NULL) ||
      sl_type_of(rt, sl_none(), &none_type))
    return -1;
  int rc = sl_stdmod_add(rt, module_dict, "NoneType", none_type);
  sl_vdecref(rt, none_type);
  return rc;
}
