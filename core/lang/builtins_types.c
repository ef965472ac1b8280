/* The built-in types as callables (int, float, bool, str, bytes, list,
 * tuple, dict, set, frozenset, range, slice, object, type, ...), and
 * sl_builtins_init, which fills a run's builtins namespace. Mirrors the
 * tp_new/tp_init of Objects/longobject.c, floatobject.c, unicodeobject.c,
 * listobject.c, dictobject.c, setobject.c, rangeobject.c and typeobject.c. */
#include <string.h>

#include "core/identity.h"

#include "core/alloc.h"
#include "core/dict-int.h"
#include "core/lang/buffer.h"
#include "core/lang/builtins-int.h"
#include "core/lang/descr.h"
#include "core/lang/iter-int.h"
#include "core/lang/vm-int.h"
#include "core/exc.h"
#include "core/rt.h"

#define CTOR(name) static int ct_##name(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out)

static int no_kwargs(sl_rt *rt, const sl_args *a, const char *name) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  return 0;
}

static int at_most(sl_rt *rt, const sl_args *a, const char *name, size_t n) {
  if (no_kwargs(rt, a, name)) return -1;
  if (a->npos <= n) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at most %zu argument%s, got %zu", name, n,
                  n == 1 ? "" : "s", a->npos);
}

/* ---- object, and the Ellipsis / NotImplemented singletons ---------------------- */

typedef struct plain_obj {
  sl_obj hdr;
} plain_obj;

static int object_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  /* The address is the run's identity of the object (core/identity.h). */
  sl_strbuf_puts(out, "<object object at ");
  return sl_identity_put_end(rt, o, out);
}
static const sl_type object_type = {
    .name = "object", .repr = object_repr, .size = sizeof(plain_obj)};

static int ellipsis_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "Ellipsis");
  return 0;
}
static const sl_type ellipsis_type = {
    .name = "ellipsis", .repr = ellipsis_repr, .size = sizeof(plain_obj)};

static int notimpl_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "NotImplemented");
  return 0;
}
const sl_type sl__notimpl_type = {
    .name = "NotImplementedType", .repr = notimpl_repr, .size = sizeof(plain_obj)};

CTOR(object) {
  if (a->npos || a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "object() takes no arguments");
  sl_obj *o = sl_obj_alloc(rt, &object_type);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

CTOR(type) {
  if (no_kwargs(rt, a, "type")) return -1;
  if (a->npos == 1) return sl_type_of(rt, a->pos[0], out);
  if (a->npos == 3) return sl__vm_type_new(rt, a->pos[0], a->pos[1], a->pos[2], out);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "type() takes 1 or 3 arguments");
}

/* ---- numbers ------------------------------------------------------------------------ */

static int parse_int_text(sl_rt *rt, const char *s, size_t len, int64_t base, sl_value *out) {
  sl_strbuf err = SL_STRBUF_INIT;
  int64_t v;
  sl_bigint big;
  sl_bigint_init(&big);
  sl_num_status st =
      sl_parse_bigint(s, len, (int)(base < -1 || base > 99 ? -1 : base), &v, &big, &err);
  int rc = 0;
  if (st == SL_NUM_OK)
    *out = sl_int(v);
  else if (st == SL_NUM_VALUE_ERROR)
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(&err));
  else if (st == SL_NUM_INT_OVERFLOW)
    rc = sl_long_from_bigint(rt, &big, out);
  else
    rc = sl_nomem(rt);
  sl_strbuf_free(&err);
  return rc;
}

CTOR(int) {
  sl_value x = sl_undef(), base = sl_undef();
  if (a->npos > 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "int() takes at most 2 arguments (%zu given)", a->npos);
  if (a->npos > 0) x = a->pos[0];
  if (a->npos > 1) base = a->pos[1];
  for (size_t i = 0; i < a->nkw; i++) {
    if (strcmp(sl_str_cstr(a->kwnames[i]), "base") || !sl_is_undef(base))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' is an invalid keyword argument for int()",
                      sl_str_cstr(a->kwnames[i]));
    base = a->kwvals[i];
  }
  if (sl_is_undef(x)) {
    if (!sl_is_undef(base)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "int() missing string argument");
    *out = sl_int(0);
    return 0;
  }
  if (!sl_is_undef(base)) {
    int64_t b;
    if (!sl_as_index(base, &b))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(base));
    if (sl_is_str(x)) return parse_int_text(rt, sl_str_cstr(x.u.o), sl_as_str(x.u.o)->len, b, out);
    if (sl_is_type(x, &sl_bytes_type))
      return parse_int_text(rt, (const char *)sl_as_bytes(x.u.o)->data, sl_as_bytes(x.u.o)->len, b,
                            out);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "int() can't convert non-string with explicit base");
  }
  if (sl_is_number(x) && x.tag == SL_V_OBJ && sl_user_cls_of(x.u.o) && rt->user_ops) {
    /* An int or float subclass's instance: its own __int__, else the value. */
    int r = rt->user_ops->method(rt, x.u.o, "__int__", NULL, 0, out);
    if (r < 0) return -1;
    if (r > 0) {
      if (sl_is_int(*out) || out->tag == SL_V_BOOL) return 0;
      const char *tn = sl_type_name(*out);
      sl_vdecref(rt, *out);
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "__int__ returned non-int (type %s)", tn);
    }
    if (sl_is_floatobj(x)) return sl__float_to_int(rt, ((sl_floatobj *)x.u.o)->f, out);
    return sl_num_plain(rt, x, out);
  }
  if (sl_is_long(x)) {
    *out = sl_vincref(x);
    return 0;
  }
  if (sl__is_intlike(x)) {
    *out = sl_int(sl__intval(x));
    return 0;
  }
  if (x.tag == SL_V_FLOAT) return sl__float_to_int(rt, x.u.f, out);
  if (sl_is_str(x)) return parse_int_text(rt, sl_str_cstr(x.u.o), sl_as_str(x.u.o)->len, 10, out);
  if (sl_is_type(x, &sl_bytes_type))
    return parse_int_text(rt, (const char *)sl_as_bytes(x.u.o)->data, sl_as_bytes(x.u.o)->len, 10,
                          out);
  /* A scenario class's __int__, else its __index__. */
  for (int i = 0; i < 2 && x.tag == SL_V_OBJ && sl_user_cls_of(x.u.o) && rt->user_ops; i++) {
    const char *m = i ? "__index__" : "__int__";
    int r = rt->user_ops->method(rt, x.u.o, m, NULL, 0, out);
    if (r < 0) return -1;
    if (r == 0) continue;
    if (sl__is_intlike(*out) || sl_is_long(*out)) return 0;
    const char *tn = sl_type_name(*out);
    sl_vdecref(rt, *out);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s returned non-int (type %s)", m, tn);
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                  sl_type_name(x));
}

CTOR(float) {
  if (at_most(rt, a, "float", 1)) return -1;
  if (!a->npos) {
    *out = sl_float(0.0);
    return 0;
  }
  sl_value x = a->pos[0];
  if (sl__is_num(x)) {
    double f;
    if (sl__to_double(rt, x, &f)) return -1;
    *out = sl_float(f);
    return 0;
  }
  if (sl_is_str(x)) {
    sl_strbuf err = SL_STRBUF_INIT;
    double d;
    sl_num_status st = sl_parse_float(sl_str_cstr(x.u.o), sl_as_str(x.u.o)->len, &d, &err);
    int rc = 0;
    if (st == SL_NUM_OK)
      *out = sl_float(d);
    else if (st == SL_NUM_VALUE_ERROR)
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(&err));
    else
      rc = sl_nomem(rt);
    sl_strbuf_free(&err);
    return rc;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "float() argument must be a string or a real number, not '%s'", sl_type_name(x));
}

CTOR(bool) {
  if (at_most(rt, a, "bool", 1)) return -1;
  bool t = false;
  if (a->npos && sl_truth(rt, a->pos[0], &t)) return -1;
  *out = sl_bool(t);
  return 0;
}

/* ---- text ------------------------------------------------------------------------------ */

CTOR(str) {
  static const char *const names[] = {"object", "encoding", "errors"};
  sl_value v[3];
  if (a->npos > 3) /* Objects/unicodeobject.c: Argument Clinic's text from 3.13 */
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    rt->profile->str_ctor_clinic_message
                        ? "str expected at most 3 arguments, got %zu"
                        : "str() takes at most 3 arguments (%zu given)",
                    a->npos);
  if (sl_args_bind(rt, a, "str", names, 3, 0, 3, v)) return -1;
  if (sl_is_undef(v[0])) return sl__str_value(rt, "", 0, out);
  if (!sl_is_undef(v[1]) || !sl_is_undef(v[2])) {
    if (!sl_is_type(v[0], &sl_bytes_type))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "decoding to str: need a bytes-like object, %s found",
                      sl_type_name(v[0]));
    sl_value m;
    if (sl_lang_getattr(rt, v[0], "decode", &m)) return -1;
    sl_value args[2] = {sl_is_undef(v[1]) ? sl_undef() : v[1], v[2]};
    int rc = sl_call_pos(rt, m, args, sl_is_undef(v[1]) ? 0 : 1, out);
    sl_vdecref(rt, m);
    return rc;
  }
  if (sl_is_str(v[0]) && !sl_obj_ext_of(v[0].u.o)) {
    *out = sl_vincref(v[0]);
    return 0;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_vm_str(rt, v[0], &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

CTOR(bytes) {
  static const char *const names[] = {"source", "encoding", "errors"};
  sl_value v[3];
  if (sl_args_bind(rt, a, "bytes", names, 3, 0, 3, v)) return -1;
  sl_value src = v[0];
  sl_obj *o = NULL;
  const unsigned char *bp;
  size_t bn;
  if (sl_is_undef(src))
    o = sl_bytes_new(rt, NULL, 0);
  else if (sl_is_str(src)) {
    if (sl_is_undef(v[1]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "string argument without an encoding");
    sl_value m;
    if (sl_lang_getattr(rt, src, "encode", &m)) return -1;
    int rc = sl_call_pos(rt, m, &v[1], 1, out);
    sl_vdecref(rt, m);
    return rc;
  } else if (sl_is_type(src, &sl_bytes_type)) {
    *out = sl_vincref(src);
    return 0;
  } else if (sl_buffer_read(src, &bp, &bn)) {
    o = sl_bytes_new(rt, bp, bn);
  } else if (sl__is_intlike(src)) {
    int64_t n = sl__intval(src);
    if (n < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "negative count");
    if (n > SL_NUMFMT_MAX_WIDTH) return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
    unsigned char *z = sl_calloc((size_t)n + 1, 1);
    if (!z) return sl_nomem(rt);
    o = sl_bytes_new(rt, z, (size_t)n);
    sl_free(z);
  } else {
    const sl_value *items;
    size_t n;
    sl_obj *owned;
    if (sl_seq_items(rt, src, &items, &n, &owned)) {
      if (sl_err_matches(rt, SL_EXC_TYPE_ERROR)) {
        sl_err_clear(rt);
        return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot convert '%s' object to bytes",
                        sl_type_name(src));
      }
      return -1;
    }
    unsigned char *buf = sl_malloc(n + 1);
    int rc = buf ? 0 : sl_nomem(rt);
    for (size_t i = 0; i < n && !rc; i++) {
      if (!sl__is_intlike(items[i]))
        rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(items[i]));
      else if (sl__intval(items[i]) < 0 || sl__intval(items[i]) > 255)
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "bytes must be in range(0, 256)");
      else
        buf[i] = (unsigned char)sl__intval(items[i]);
    }
    if (!rc) o = sl_bytes_new(rt, buf, n);
    sl_free(buf);
    sl_decref(rt, owned);
    if (rc) return -1;
  }
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

/* ---- containers ----------------------------------------------------------------------- */

CTOR(list) {
  if (at_most(rt, a, "list", 1)) return -1;
  sl_obj *l;
  if (!a->npos)
    l = sl_list_new(rt, NULL, 0);
  else if (sl_list_from_iterable(rt, a->pos[0], &l))
    return -1;
  if (!l) return -1;
  *out = sl_obj_val(l);
  return 0;
}

CTOR(tuple) {
  if (at_most(rt, a, "tuple", 1)) return -1;
  if (a->npos && sl_is_type(a->pos[0], &sl_tuple_type) && !sl_obj_ext_of(a->pos[0].u.o)) {
    *out = sl_vincref(a->pos[0]);
    return 0;
  }
  const sl_value *items = NULL;
  size_t n = 0;
  sl_obj *owned = NULL;
  if (a->npos && sl_seq_items(rt, a->pos[0], &items, &n, &owned)) return -1;
  sl_obj *t = sl_tuple_new(rt, items, n);
  sl_decref(rt, owned);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

CTOR(dict) {
  if (a->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "dict expected at most 1 argument, got %zu", a->npos);
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  int rc = a->npos ? sl__dict_update(rt, d, a->pos[0]) : 0;
  for (size_t i = 0; i < a->nkw && !rc; i++)
    rc = sl_dict_set(rt, d, sl_obj_val(a->kwnames[i]), a->kwvals[i]);
  if (rc) {
    sl_decref(rt, d);
    return -1;
  }
  *out = sl_obj_val(d);
  return 0;
}

static int make_set(sl_rt *rt, const sl_args *a, sl_value *out, bool frozen) {
  if (at_most(rt, a, frozen ? "frozenset" : "set", 1)) return -1;
  if (frozen && a->npos && sl_is_type(a->pos[0], &sl_frozenset_type) &&
      !sl_obj_ext_of(a->pos[0].u.o)) {
    *out = sl_vincref(a->pos[0]);
    return 0;
  }
  sl_obj *s = frozen ? sl__frozenset_new(rt) : sl_set_new(rt);
  if (!s) return -1;
  if (a->npos && sl__set_update(rt, s, a->pos[0])) {
    sl_decref(rt, s);
    return -1;
  }
  *out = sl_obj_val(s);
  return 0;
}
CTOR(set) { return make_set(rt, a, out, false); }
CTOR(frozenset) { return make_set(rt, a, out, true); }

static int int_arg(sl_rt *rt, sl_value v, int64_t *out) {
  if (sl_as_index(v, out)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                  sl_type_name(v));
}

/* range() with an argument beyond 64 bits: all of them as int values. */
static int long_range(sl_rt *rt, const sl_args *a, sl_value *out) {
  sl_value v[3] = {sl_int(0), sl_undef(), sl_int(1)};
  for (size_t i = 0; i < a->npos; i++) {
    sl_value x = a->pos[i];
    int64_t small;
    if (x.tag == SL_V_BOOL || (!sl_is_big(x) && x.tag != SL_V_INT)) {
      if (int_arg(rt, x, &small)) return -1;
      x = sl_int(small);
    }
    v[a->npos == 1 ? 1 : i] = x;
  }
  return sl__longrange_new(rt, v[0], v[1], v[2], out);
}

CTOR(range) {
  if (no_kwargs(rt, a, "range")) return -1;
  if (a->npos < 1 || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "range expected at %s %d argument%s, got %zu",
                    a->npos < 1 ? "least" : "most", a->npos < 1 ? 1 : 3, a->npos < 1 ? "" : "s",
                    a->npos);
  for (size_t i = 0; i < a->npos; i++)
    if (sl_is_big(a->pos[i])) return long_range(rt, a, out);
  int64_t v[3] = {0, 0, 1};
  if (a->npos == 1) {
    if (int_arg(rt, a->pos[0], &v[1])) return -1;
  } else {
    for (size_t i = 0; i < a->npos; i++)
      if (int_arg(rt, a->pos[i], &v[i])) return -1;
  }
  return sl_range_new(rt, v[0], v[1], v[2], out);
}

CTOR(slice) {
  if (no_kwargs(rt, a, "slice")) return -1;
  if (a->npos < 1 || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "slice expected at %s %d argument%s, got %zu",
                    a->npos < 1 ? "least" : "most", a->npos < 1 ? 1 : 3, a->npos < 1 ? "" : "s",
                    a->npos);
  sl_obj *s = a->npos == 1
                  ? sl_slice_new(rt, sl_none(), a->pos[0], sl_none())
                  : sl_slice_new(rt, a->pos[0], a->pos[1], a->npos > 2 ? a->pos[2] : sl_none());
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

/* ---- the namespace ---------------------------------------------------------------------- */

int sl__bytes_from(sl_rt *rt, const sl_args *args, sl_value *out) {
  return ct_bytes(rt, sl_none(), args, out);
}

static const sl_cfunc_def ctor_defs[] = {
    {"type", ct_type, NULL, 0},   {"object", ct_object, NULL, 0},
    {"int", ct_int, NULL, 0},     {"float", ct_float, NULL, 0},
    {"bool", ct_bool, NULL, 0},   {"str", ct_str, NULL, 0},
    {"bytes", ct_bytes, NULL, 0}, {"list", ct_list, NULL, 0},
    {"tuple", ct_tuple, NULL, 0}, {"dict", ct_dict, NULL, 0},
    {"set", ct_set, NULL, 0},     {"frozenset", ct_frozenset, NULL, 0},
    {"range", ct_range, NULL, 0}, {"slice", ct_slice, NULL, 0}};

static const struct {
  const char *name;
  const sl_type *type;
  sl_vtag tag;
  const sl_cfunc_def *ctor;
  bool in_builtins; /* NoneType is only reachable through type(None) */
} types[] = {
    {"type", &sl_typeobj_type, SL_V_OBJ, &ctor_defs[0], true},
    {"object", &object_type, SL_V_OBJ, &ctor_defs[1], true},
    {"int", NULL, SL_V_INT, &ctor_defs[2], true},
    {"float", NULL, SL_V_FLOAT, &ctor_defs[3], true},
    {"bool", NULL, SL_V_BOOL, &ctor_defs[4], true},
    {"str", &sl_str_type, SL_V_OBJ, &ctor_defs[5], true},
    {"bytes", &sl_bytes_type, SL_V_OBJ, &ctor_defs[6], true},
    {"bytearray", &sl_bytearray_type, SL_V_OBJ, &sl__ctor_bytearray, true},
    {"memoryview", &sl_memoryview_type, SL_V_OBJ, &sl__ctor_memoryview, true},
    {"list", &sl_list_type, SL_V_OBJ, &ctor_defs[7], true},
    {"tuple", &sl_tuple_type, SL_V_OBJ, &ctor_defs[8], true},
    {"dict", &sl_dict_type, SL_V_OBJ, &ctor_defs[9], true},
    {"set", &sl_set_type, SL_V_OBJ, &ctor_defs[10], true},
    {"frozenset", &sl_frozenset_type, SL_V_OBJ, &ctor_defs[11], true},
    {"range", &sl_range_type, SL_V_OBJ, &ctor_defs[12], true},
    {"slice", &sl_slice_type, SL_V_OBJ, &ctor_defs[13], true},
    {"enumerate", &sl__enumerate_type, SL_V_OBJ, &sl__ctor_enumerate, true},
    {"zip", &sl__zip_type, SL_V_OBJ, &sl__ctor_zip, true},
    {"map", &sl__map_type, SL_V_OBJ, &sl__ctor_map, true},
    {"filter", &sl__filter_type, SL_V_OBJ, &sl__ctor_filter, true},
    {"reversed", &sl__seq_reviter_type, SL_V_OBJ, &sl__ctor_reversed, true},
    {"property", &sl_property_type, SL_V_OBJ, &sl__ctor_property, true},
    {"classmethod", &sl_classmethod_type, SL_V_OBJ, &sl__ctor_classmethod, true},
    {"staticmethod", &sl_staticmethod_type, SL_V_OBJ, &sl__ctor_staticmethod, true},
    {"NoneType", NULL, SL_V_NONE, NULL, false},
};

static int put(sl_rt *rt, sl_obj *dict, const char *name, sl_obj *o) {
  if (!o) return -1;
  int rc = sl_dict_set_str(rt, dict, name, sl_obj_val(o));
  sl_decref(rt, o);
  return rc;
}

int sl_builtins_init(sl_rt *rt, sl_obj *dict) {
  if (sl__dict_reserve(rt, dict, 256)) return -1;
  for (const sl_cfunc_def *d = sl__builtin_funcs; d->name; d++)
    if (put(rt, dict, d->name, sl_cfunc_new(rt, d, sl_undef()))) return -1;
  for (const sl_cfunc_def *d = sl__builtin_async_funcs; d->name; d++)
    if (put(rt, dict, d->name, sl_cfunc_new(rt, d, sl_undef()))) return -1;
  for (const sl_cfunc_def *d = sl__builtin_obj_funcs; d->name; d++)
    if (put(rt, dict, d->name, sl_cfunc_new(rt, d, sl_undef()))) return -1;
  for (const sl_cfunc_def *d = sl__builtin_names_funcs; d->name; d++)
    if (put(rt, dict, d->name, sl_cfunc_new(rt, d, sl_undef()))) return -1;
  for (const sl_cfunc_def *d = sl__builtin_io_funcs; d->name; d++)
    if (put(rt, dict, d->name, sl_cfunc_new(rt, d, sl_undef()))) return -1;
  /* The type table lives in the builtins dict (see value.c, TYPES_KEY). */
  sl_obj *table = sl_dict_new(rt);
  if (!table) return -1;
  sl_incref(table);
  if (put(rt, dict, " types", table)) {
    sl_decref(rt, table);
    return -1;
  }
  int rc = 0;
  for (size_t i = 0; i < sizeof types / sizeof *types && !rc; i++) {
    sl_obj *o = sl_obj_alloc(rt, &sl_typeobj_type);
    if (!o) {
      rc = -1;
      break;
    }
    sl_typeobj *t = (sl_typeobj *)o;
    t->name = types[i].name;
    t->type = types[i].type;
    t->tag = types[i].tag;
    t->ctor = types[i].ctor;
    t->table = sl_none();
    rc = sl_dict_set_str(rt, table, t->name, sl_obj_val(o));
    if (!rc && types[i].in_builtins) rc = sl_dict_set_str(rt, dict, t->name, sl_obj_val(o));
    sl_decref(rt, o);
  }
  sl_decref(rt, table);
  if (rc) return -1;
  if (put(rt, dict, "Ellipsis", sl_obj_alloc(rt, &ellipsis_type)) ||
      put(rt, dict, "NotImplemented", sl_obj_alloc(rt, &sl__notimpl_type)))
    return -1;
  /* The built-in exception classes (those CPython has in builtins). */
  static const char *const modules[] = {
#define SL_EXC_MOD(id, name, base, base2, module) module,
      SL_EXC_MAP(SL_EXC_MOD)
#undef SL_EXC_MOD
  };
  for (int i = 0; i < SL_EXC__COUNT; i++) {
    if (strcmp(modules[i], "builtins")) continue;
    sl_obj *cls = rt->classes[i];
    if (sl_dict_set(rt, dict, sl_obj_val(sl_as_class(cls)->name), sl_obj_val(cls))) return -1;
  }
  /* OSError's old names (PEP 3151). */
  sl_value os_error = sl_obj_val(rt->classes[SL_EXC_OS_ERROR]);
  if (sl_dict_set_str(rt, dict, "IOError", os_error) ||
      sl_dict_set_str(rt, dict, "EnvironmentError", os_error))
    return -1;
  return 0;
}
