/* The `dataclasses` module, after Lib/dataclasses.py: @dataclass (with or
 * without arguments: init, repr, eq, order, unsafe_hash, frozen,
 * match_args, kw_only; slots is accepted), field(), fields(), asdict(),
 * astuple(), replace(), is_dataclass(), MISSING, KW_ONLY and
 * FrozenInstanceError.
 *
 * The fields come from the class body's __annotations__ (the compiler
 * keeps each annotation's source text there, never evaluated, so a field's
 * `type` is that text, as under `from __future__ import annotations`):
 * ClassVar[...] annotations are not fields, InitVar[...] ones are passed
 * to __init__ and __post_init__ only. The generated methods are C
 * callables stored on the class, sharing one spec object (the fields, in
 * order): __init__ binds arguments with CPython's TypeError texts naming
 * `Cls.__init__`, __repr__ prints `Cls(x=1, y='a')` with the class's
 * __qualname__, __eq__ and the order methods compare tuples of the fields
 * of two instances of the same class (else NotImplemented), __hash__
 * follows dataclasses' table, frozen classes refuse assignment with
 * FrozenInstanceError (an AttributeError). The generated __doc__ is not
 * set. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/modules/dc-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/alloc.h"
#include "core/lang/ops.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- MISSING and Field ------------------------------------------------------ */

static int missing_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "<dataclasses._MISSING_TYPE object at ");
  return sl_identity_put_end(rt, o, out);
}
const sl_type sl__dc_missing_type = {
    .name = "_MISSING_TYPE", .repr = missing_repr, .size = sizeof(sl_obj)};

bool sl__dc_is_missing(sl_value v) { return sl_is_type(v, &sl__dc_missing_type); }

static void field_clear(sl_rt *rt, sl_obj *o) {
  sl__dc_field *f = (sl__dc_field *)o;
  sl_vset(rt, &f->name, sl_undef());
  sl_vset(rt, &f->type, sl_undef());
  sl_vset(rt, &f->def, sl_undef());
  sl_vset(rt, &f->factory, sl_undef());
  sl_vset(rt, &f->hash, sl_undef());
  sl_vset(rt, &f->metadata, sl_undef());
  sl_vset(rt, &f->kw_only, sl_undef());
}

static int field_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl__dc_field *f = (sl__dc_field *)o;
  static const char *const kinds[] = {"_FIELD", "_FIELD_CLASSVAR", "_FIELD_INITVAR"};
  const struct {
    const char *name;
    sl_value v;
  } parts[] = {{"name", f->name},          {"type", f->type},
               {"default", f->def},        {"default_factory", f->factory},
               {"init", sl_bool(f->init)}, {"repr", sl_bool(f->repr)},
               {"hash", f->hash},          {"compare", sl_bool(f->compare)},
               {"metadata", f->metadata},  {"kw_only", f->kw_only}};
  sl_strbuf_puts(out, "Field(");
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    sl_strbuf_printf(out, "%s%s=", i ? "," : "", parts[i].name);
    if (sl_is_undef(parts[i].v))
      sl_strbuf_puts(out, "None");
    else if (sl_repr(rt, parts[i].v, out))
      return -1;
  }
  sl_strbuf_printf(out, ",_field_type=%s)",
                   f->kind == SL__DC_CLASSVAR  ? kinds[1]
                   : f->kind == SL__DC_INITVAR ? kinds[2]
                                               : kinds[0]);
  return 0;
}

static int field_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl__dc_field *f = (sl__dc_field *)o;
  sl_value v = sl_undef();
  if (!strcmp(name, "name"))
    v = f->name;
  else if (!strcmp(name, "type"))
    v = f->type;
  else if (!strcmp(name, "default"))
    v = f->def;
  else if (!strcmp(name, "default_factory"))
    v = f->factory;
  else if (!strcmp(name, "hash"))
    v = f->hash;
  else if (!strcmp(name, "metadata"))
    v = f->metadata;
  else if (!strcmp(name, "kw_only"))
    v = f->kw_only;
  else if (!strcmp(name, "init"))
    v = sl_bool(f->init);
  else if (!strcmp(name, "repr"))
    v = sl_bool(f->repr);
  else if (!strcmp(name, "compare"))
    v = sl_bool(f->compare);
  else
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'Field' object has no attribute '%s'", name);
  *out = sl_is_undef(v) ? sl_none() : sl_vincref(v);
  return 0;
}

static int field_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  sl__dc_field *f = (sl__dc_field *)o;
  if (!strcmp(name, "name"))
    sl_vset(rt, &f->name, sl_vincref(v));
  else if (!strcmp(name, "type"))
    sl_vset(rt, &f->type, sl_vincref(v));
  else
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                    "simloop's Field allows setting only name and type");
  return 0;
}

const sl_type sl__dc_field_type = {.name = "Field",
                                   .clear = field_clear,
                                   .repr = field_repr,
                                   .getattr = field_getattr,
                                   .setattr = field_setattr,
                                   .size = sizeof(sl__dc_field)};

static int get_missing(sl_rt *rt, sl_value *out) {
  sl_value mod;
  if (sl_vm_import(rt, "dataclasses", &mod)) return -1;
  int rc = sl_vm_getattr(rt, mod, "MISSING", out);
  sl_vdecref(rt, mod);
  return rc;
}

sl__dc_field *sl__dc_field_new(sl_rt *rt) {
  sl_value missing;
  if (get_missing(rt, &missing)) return NULL;
  sl__dc_field *f = (sl__dc_field *)sl_obj_alloc(rt, &sl__dc_field_type);
  if (!f) {
    sl_vdecref(rt, missing);
    return NULL;
  }
  f->name = sl_none();
  f->type = sl_none();
  f->def = sl_vincref(missing);
  f->factory = sl_vincref(missing);
  f->kw_only = missing;
  f->hash = sl_none();
  f->metadata = sl_none();
  f->init = f->repr = f->compare = true;
  return f;
}

/* field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
 * hash=None, compare=True, metadata=None, kw_only=MISSING) */
static int dc_field_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"default", "default_factory", "init",     "repr",
                                      "hash",    "compare",         "metadata", "kw_only"};
  sl_value v[8];
  if (sl_args_bind(rt, a, "field", names, 8, 0, 0, v)) return -1;
  sl__dc_field *f = sl__dc_field_new(rt);
  if (!f) return -1;
  int rc = 0;
  if (!sl_is_undef(v[0])) sl_vset(rt, &f->def, sl_vincref(v[0]));
  if (!sl_is_undef(v[1])) sl_vset(rt, &f->factory, sl_vincref(v[1]));
  if (!sl__dc_is_missing(f->def) && !sl__dc_is_missing(f->factory))
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "cannot specify both default and default_factory");
  bool *flags[3] = {&f->init, &f->repr, &f->compare};
  int idx[3] = {2, 3, 5};
  for (int i = 0; i < 3 && !rc; i++)
    if (!sl_is_undef(v[idx[i]])) rc = sl_truth(rt, v[idx[i]], flags[i]);
  if (!sl_is_undef(v[4])) sl_vset(rt, &f->hash, sl_vincref(v[4]));
  if (!sl_is_undef(v[6])) sl_vset(rt, &f->metadata, sl_vincref(v[6]));
  if (!sl_is_undef(v[7])) sl_vset(rt, &f->kw_only, sl_vincref(v[7]));
  if (rc) {
    sl_decref(rt, &f->hdr);
    return -1;
  }
  *out = sl_obj_val(&f->hdr);
  return 0;
}

/* ---- fields(), asdict(), astuple(), replace(), is_dataclass() ------------------ */

/* The class's __dataclass_fields__ (new reference) or NULL with 0 when
 * `v` (a class or an instance) is not a dataclass. */
static int fields_dict(sl_rt *rt, sl_value v, sl_obj **out) {
  *out = NULL;
  sl_obj *cls = sl_is_type(v, &sl_class_type) ? v.u.o
                : v.tag == SL_V_OBJ           ? sl_user_cls_of(v.u.o)
                                              : NULL;
  if (!cls) return 0;
  sl_value d;
  int r = sl__class_lookup(rt, cls, "__dataclass_fields__", &d);
  if (r <= 0) return r;
  if (!sl_is_type(d, &sl_dict_type)) {
    sl_vdecref(rt, d);
    return 0;
  }
  *out = d.u.o;
  return 0;
}

int sl__dc_fields_list(sl_rt *rt, sl_value v, const char *fname, sl_obj **out) {
  sl_obj *d;
  if (fields_dict(rt, v, &d)) return -1;
  if (!d)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() should be called on dataclass instances", fname);
  sl_obj *l = sl_list_new(rt, NULL, 0);
  size_t pos = 0;
  sl_value k, f;
  int rc = l ? 0 : -1;
  while (!rc && sl_dict_next(d, &pos, &k, &f))
    if (sl_is_type(f, &sl__dc_field_type) && ((sl__dc_field *)f.u.o)->kind == SL__DC_FIELD)
      rc = sl_list_append(rt, l, f);
  sl_decref(rt, d);
  if (rc) {
    sl_decref(rt, l);
    return -1;
  }
  *out = l;
  return 0;
}

static int dc_fields(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"class_or_instance"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "fields", names, 1, 1, 1, v)) return -1;
  sl_obj *l;
  if (sl__dc_fields_list(rt, v[0], "fields", &l)) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_TYPE_ERROR)) {
      sl_err_clear(rt);
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "must be called with a dataclass type or instance");
    }
    return -1;
  }
  sl_obj *t = sl_tuple_new(rt, sl_as_list(l)->items, sl_as_list(l)->len);
  sl_decref(rt, l);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static int is_dc_instance(sl_rt *rt, sl_value v, bool *res) {
  sl_obj *d;
  *res = false;
  if (sl_is_type(v, &sl_class_type)) return 0;
  if (fields_dict(rt, v, &d)) return -1;
  *res = d != NULL;
  sl_decref(rt, d);
  return 0;
}

/* _asdict_inner / _astuple_inner: dataclass instances, lists, tuples and
 * dicts are rebuilt recursively; anything else is kept (CPython deep-copies
 * it, which makes no difference to immutable values). */
static int as_inner(sl_rt *rt, sl_value v, bool as_dict, sl_value *out, int depth) {
  if (depth > 200) return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
  bool dc;
  if (is_dc_instance(rt, v, &dc)) return -1;
  if (dc) {
    sl_obj *fl;
    if (sl__dc_fields_list(rt, v, "asdict", &fl)) return -1;
    sl_list *l = sl_as_list(fl);
    sl_obj *res = as_dict ? sl_dict_new(rt) : sl_list_new(rt, NULL, 0);
    int rc = res ? 0 : -1;
    for (size_t i = 0; i < l->len && !rc; i++) {
      sl__dc_field *f = (sl__dc_field *)l->items[i].u.o;
      sl_value x, y;
      if (sl_vm_getattr(rt, v, sl_str_cstr(f->name.u.o), &x)) {
        rc = -1;
        break;
      }
      rc = as_inner(rt, x, as_dict, &y, depth + 1);
      sl_vdecref(rt, x);
      if (rc) break;
      rc = as_dict ? sl_dict_set(rt, res, f->name, y) : sl_list_append(rt, res, y);
      sl_vdecref(rt, y);
    }
    sl_decref(rt, fl);
    if (!rc && !as_dict) {
      sl_obj *t = sl_tuple_new(rt, sl_as_list(res)->items, sl_as_list(res)->len);
      sl_decref(rt, res);
      res = t;
      rc = t ? 0 : -1;
    }
    if (rc) {
      sl_decref(rt, res);
      return -1;
    }
    *out = sl_obj_val(res);
    return 0;
  }
  if (sl_is_type(v, &sl_list_type) || sl_is_type(v, &sl_tuple_type)) {
    bool tuple = sl_is_type(v, &sl_tuple_type);
    const sl_value *items = tuple ? sl_as_tuple(v.u.o)->items : sl_as_list(v.u.o)->items;
    size_t n = tuple ? sl_as_tuple(v.u.o)->len : sl_as_list(v.u.o)->len;
    sl_obj *res = sl_list_new(rt, NULL, 0);
    int rc = res ? 0 : -1;
    for (size_t i = 0; i < n && !rc; i++) {
      sl_value y;
      rc = as_inner(rt, items[i], as_dict, &y, depth + 1);
      if (rc) break;
      rc = sl_list_append(rt, res, y);
      sl_vdecref(rt, y);
    }
    if (!rc && tuple) {
      sl_obj *t = sl_tuple_new(rt, sl_as_list(res)->items, sl_as_list(res)->len);
      sl_decref(rt, res);
      res = t;
      rc = t ? 0 : -1;
    }
    if (rc) {
      sl_decref(rt, res);
      return -1;
    }
    *out = sl_obj_val(res);
    return 0;
  }
  if (sl_is_type(v, &sl_dict_type)) {
    sl_obj *res = sl_dict_new(rt);
    size_t pos = 0;
    sl_value k, x;
    int rc = res ? 0 : -1;
    while (!rc && sl_dict_next(v.u.o, &pos, &k, &x)) {
      sl_value k2, x2;
      if (as_inner(rt, k, as_dict, &k2, depth + 1)) {
        rc = -1;
        break;
      }
      if (as_inner(rt, x, as_dict, &x2, depth + 1)) {
        sl_vdecref(rt, k2);
        rc = -1;
        break;
      }
      rc = sl_dict_set(rt, res, k2, x2);
      sl_vdecref(rt, k2);
      sl_vdecref(rt, x2);
    }
    if (rc) {
      sl_decref(rt, res);
      return -1;
    }
    *out = sl_obj_val(res);
    return 0;
  }
  *out = sl_vincref(v);
  return 0;
}

static int as_common(sl_rt *rt, const sl_args *a, bool as_dict, sl_value *out) {
  const char *fname = as_dict ? "asdict" : "astuple";
  static const char *const names[] = {"obj"};
  sl_value v[1];
  if (sl_args_bind(rt, a, fname, names, 1, 1, 1, v)) return -1;
  bool dc;
  if (is_dc_instance(rt, v[0], &dc)) return -1;
  if (!dc)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() should be called on dataclass instances", fname);
  return as_inner(rt, v[0], as_dict, out, 0);
}

static int dc_asdict(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return as_common(rt, a, true, out);
}
static int dc_astuple(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return as_common(rt, a, false, out);
}

static int dc_is_dataclass(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"obj"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "is_dataclass", names, 1, 1, 1, v)) return -1;
  sl_obj *d;
  if (fields_dict(rt, v[0], &d)) return -1;
  *out = sl_bool(d != NULL);
  sl_decref(rt, d);
  return 0;
}

/* replace(obj, /, **changes): type(obj)(**{init fields from obj, changes}). */
static int dc_replace(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "replace() takes 1 positional argument but %zu were given", a->npos);
  sl_value obj = a->pos[0];
  bool dc;
  if (is_dc_instance(rt, obj, &dc)) return -1;
  if (!dc)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "replace() should be called on dataclass instances");
  sl_obj *d;
  if (fields_dict(rt, obj, &d)) return -1;
  size_t cap = sl_dict_len(d) + a->nkw;
  sl_value *vals = sl_calloc(cap ? cap : 1, sizeof *vals);
  sl_obj **names = sl_calloc(cap ? cap : 1, sizeof *names);
  size_t n = 0;
  int rc = vals && names ? 0 : sl_nomem(rt);
  size_t pos = 0;
  sl_value k, fv;
  while (!rc && sl_dict_next(d, &pos, &k, &fv)) {
    sl__dc_field *f = (sl__dc_field *)fv.u.o;
    if (f->kind == SL__DC_CLASSVAR) continue;
    bool changed = false;
    for (size_t i = 0; i < a->nkw; i++)
      changed |= sl_str_eq_cstr(a->kwnames[i], sl_str_cstr(f->name.u.o));
    if (!f->init) {
      if (changed)
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "field %s is declared with init=False, it cannot be specified "
                      "with replace()",
                      sl_str_cstr(f->name.u.o));
      continue;
    }
    if (changed) continue;
    if (f->kind == SL__DC_INITVAR) {
      if (sl__dc_is_missing(f->def))
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "InitVar '%s' must be specified with replace()",
                      sl_str_cstr(f->name.u.o));
      continue;
    }
    if (sl_vm_getattr(rt, obj, sl_str_cstr(f->name.u.o), &vals[n]))
      rc = -1;
    else
      names[n++] = f->name.u.o;
  }
  for (size_t i = 0; i < a->nkw && !rc; i++) {
    vals[n] = sl_vincref(a->kwvals[i]);
    names[n++] = a->kwnames[i];
  }
  sl_decref(rt, d);
  if (!rc) {
    sl_args ca = {NULL, 0, vals, names, n};
    sl_value cls = sl_obj_val(sl_user_cls_of(obj.u.o));
    rc = sl_call(rt, cls, &ca, out);
  }
  for (size_t i = 0; i < n; i++) sl_vdecref(rt, vals[i]);
  sl_free(vals);
  sl_free(names);
  return rc;
}

/* ---- the module ----------------------------------------------------------- */

static const sl_cfunc_def dc_funcs[] = {
    {"dataclass", sl__dc_dataclass, NULL, 0},
    {"field", dc_field_fn, NULL, 0},
    {"fields", dc_fields, NULL, 0},
    {"asdict", dc_asdict, NULL, 0},
    {"astuple", dc_astuple, NULL, 0},
    {"replace", dc_replace, NULL, 0},
    {"is_dataclass", dc_is_dataclass, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_dataclasses_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, dc_funcs)) return -1;
  sl_obj *missing = sl_obj_alloc(rt, &sl__dc_missing_type);
  sl_obj *kw_only = missing ? sl_str_from_cstr(rt, "KW_ONLY") : NULL;
  sl_obj *frozen = kw_only ? sl_class_new(rt, "FrozenInstanceError", NULL, "dataclasses",
                                          rt->classes[SL_EXC_ATTRIBUTE_ERROR], NULL)
                           : NULL;
  int rc = !frozen || sl_stdmod_add(rt, module_dict, "MISSING", sl_obj_val(missing)) ||
           sl_stdmod_add(rt, module_dict, "KW_ONLY", sl_obj_val(kw_only)) ||
           sl_stdmod_add(rt, module_dict, "FrozenInstanceError", sl_obj_val(frozen));
  sl_decref(rt, missing);
  sl_decref(rt, kw_only);
  sl_decref(rt, frozen);
  return rc ? -1 : 0;
}
