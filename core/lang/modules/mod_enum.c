/* The `enum` module, after Lib/enum.py: Enum, IntEnum, StrEnum (3.11+),
 * auto, unique.
 *
 * An enumeration is a scenario class deriving from Enum: when the class
 * statement finishes (sl__enum_finish, called by the VM for classes with
 * SL__CLS_ENUM), each public attribute that is not a function, descriptor
 * or class becomes a member: an instance of the class with `name`,
 * `value`, `_name_` and `_value_`, replacing the attribute; a value seen
 * before makes an alias; auto() takes the last value + 1 (StrEnum: the
 * lower-cased name); a class __init__ runs with the value (unpacked when a
 * tuple), as EnumType does. The class keeps _member_names_, _member_map_
 * (also __members__) and _value2member_map_. The class object itself
 * iterates over its members, has len(), `in`, Cls[name] and Cls(value)
 * (EnumType's __iter__, __len__, __contains__, __getitem__, __call__;
 * vm_class.c and vm_dunder.c ask sl__enum_* for classes with the flag).
 *
 * Enum's methods: __repr__ `<Color.RED: 1>`, __str__ `Color.RED`,
 * __format__ (format(str(self), spec)), __hash__ (hash of the name).
 * IntEnum and StrEnum members stand for their values: comparisons,
 * hashing, arithmetic, str() and format() go to the value (str() is the
 * value's from 3.11 on), other attributes too (`.upper()`). Flag and
 * IntFlag are mod_enum_flag.c. Not provided: EnumMeta/EnumType,
 * _missing_, _generate_next_value_ overrides, class keywords (boundary=),
 * functional API Enum('Name', 'A B'). */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_enum-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- auto ---------------------------------------------------------------------- */

static int auto_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "<auto>");
  return 0;
}
static const sl_type auto_type = {.name = "auto", .repr = auto_repr, .size = sizeof(sl_obj)};

bool sl__enum_is_auto(sl_value v) { return v.tag == SL_V_OBJ && v.u.o->type == &auto_type; }

static int enum_auto(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "auto() takes no arguments");
  sl_obj *o = sl_obj_alloc(rt, &auto_type);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

/* ---- helpers -------------------------------------------------------------------- */

static int own(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out, bool *found) {
  *found = false;
  sl_obj *d = sl_as_class(cls)->attrs;
  return d ? sl_dict_get_str(rt, d, name, out, found) : 0;
}

/* The class's member of `name`/`value` attribute (borrowed from its dict). */
static int member_attr(sl_rt *rt, sl_value m, const char *name, sl_value *out) {
  return sl_vm_getattr(rt, m, name, out);
}

static int class_repr_name(sl_obj *cls, sl_strbuf *out) {
  sl_strbuf_printf(out, "%s", sl_str_cstr(sl_as_class(cls)->qualname));
  return 0;
}

/* ---- Enum's methods ------------------------------------------------------------- */

int sl__enum_need_args(sl_rt *rt, const sl_args *a, size_t n, const char *meth) {
  if (a->npos == n && !a->nkw) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes %zu positional argument%s but %zu were given",
                  meth, n, n == 1 ? "" : "s", a->npos);
}

int sl__enum_str_result(sl_rt *rt, sl_strbuf *b, int rc, sl_value *out) {
  sl_obj *s = rc ? NULL : sl_str_take_buf(rt, b);
  sl_strbuf_free(b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

/* <Color.RED: 1> */
static int enum_repr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__repr__")) return -1;
  sl_value m = a->pos[0], name, value;
  if (member_attr(rt, m, "_name_", &name)) return -1;
  if (member_attr(rt, m, "_value_", &value)) {
    sl_vdecref(rt, name);
    return -1;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_putc(&b, '<');
  class_repr_name(sl_user_cls_of(m.u.o), &b);
  sl_strbuf_putc(&b, '.');
  int rc = sl_str(rt, name, &b);
  sl_strbuf_puts(&b, ": ");
  if (!rc) rc = sl_repr(rt, value, &b);
  sl_strbuf_putc(&b, '>');
  sl_vdecref(rt, name);
  sl_vdecref(rt, value);
  return sl__enum_str_result(rt, &b, rc, out);
}

/* Color.RED; IntEnum and StrEnum: the value's str (3.11+). */
static int enum_str(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__str__")) return -1;
  sl_value m = a->pos[0], v;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc;
  if (self.tag == SL_V_INT && self.u.i) { /* the mixed-in type's */
    if (member_attr(rt, m, "_value_", &v)) return -1;
    rc = sl_str(rt, v, &b);
  } else {
    if (member_attr(rt, m, "_name_", &v)) return -1;
    class_repr_name(sl_user_cls_of(m.u.o), &b);
    sl_strbuf_putc(&b, '.');
    rc = sl_str(rt, v, &b);
  }
  sl_vdecref(rt, v);
  return sl__enum_str_result(rt, &b, rc, out);
}

/* format(str(self), spec); IntEnum/StrEnum: format(value, spec). */
static int enum_format(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 2, "__format__")) return -1;
  if (!sl_is_str(a->pos[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__format__() argument must be str");
  sl_value v;
  if (self.tag == SL_V_INT && self.u.i) {
    if (member_attr(rt, a->pos[0], "_value_", &v)) return -1;
  } else {
    sl_value argv[1] = {a->pos[0]};
    sl_args one = {argv, 1, NULL, NULL, 0};
    if (enum_str(rt, sl_int(0), &one, &v)) return -1;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strobj *spec = sl_as_str(a->pos[1].u.o);
  int rc = sl_format(rt, v, spec->data, spec->len, &b);
  sl_vdecref(rt, v);
  return sl__enum_str_result(rt, &b, rc, out);
}

static int enum_hash(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__hash__")) return -1;
  sl_value v;
  if (member_attr(rt, a->pos[0], self.tag == SL_V_INT && self.u.i ? "_value_" : "_name_", &v))
    return -1;
  int64_t h;
  int rc = sl_hash(rt, v, &h);
  sl_vdecref(rt, v);
  if (rc) return -1;
  *out = sl_int(h);
  return 0;
}

/* The value a mixed-in member stands for (new reference); others as is. */
static int plain(sl_rt *rt, sl_value v, sl_value *out) {
  sl_obj *c = v.tag == SL_V_OBJ ? sl_user_cls_of(v.u.o) : NULL;
  if (c && (sl_as_class(c)->lang_flags & SL__CLS_ENUM)) return member_attr(rt, v, "_value_", out);
  *out = sl_vincref(v);
  return 0;
}

/* IntEnum/StrEnum comparisons and operators: on the values. self holds
 * the operator (sl_ast_cmpop + 100, or sl_ast_binop, +50 reflected). */
static int mixed_op(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 2, "operator")) return -1;
  int64_t op = self.u.i;
  sl_value x, y;
  if (plain(rt, a->pos[0], &x)) return -1;
  if (plain(rt, a->pos[1], &y)) {
    sl_vdecref(rt, x);
    return -1;
  }
  int rc;
  if (op >= 100) {
    bool res;
    rc = sl_compare(rt, (sl_ast_cmpop)(op - 100), x, y, &res);
    if (!rc) *out = sl_bool(res);
  } else if (op >= 50) {
    rc = sl_binary_op(rt, (sl_ast_binop)(op - 50), y, x, out);
  } else {
    rc = sl_binary_op(rt, (sl_ast_binop)op, x, y, out);
  }
  sl_vdecref(rt, x);
  sl_vdecref(rt, y);
  /* A type the value cannot work with: NotImplemented, so the other side
   * (or the default) answers. */
  if (rc && op < 100 && rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_TYPE_ERROR)) {
    sl_err_clear(rt);
    return sl__vm_builtin(rt, "NotImplemented", out);
  }
  return rc;
}

/* Attributes the member lacks come from its value (`Level.DEBUG.bit_length()`,
 * `Mode.READ.upper()`). */
static int mixed_getattr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 2, "__getattr__")) return -1;
  if (!sl_is_str(a->pos[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "attribute name must be string");
  const char *name = sl_str_cstr(a->pos[1].u.o);
  if (name[0] == '_')
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
                    sl_type_name(a->pos[0]), name);
  sl_value v;
  if (member_attr(rt, a->pos[0], "_value_", &v)) return -1;
  int rc = sl_vm_getattr(rt, v, name, out);
  sl_vdecref(rt, v);
  return rc;
}

/* __int__ / __index__: the value. */
static int mixed_value(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__int__")) return -1;
  return member_attr(rt, a->pos[0], "_value_", out);
}

/* A str-valued member's sequence methods (StrEnum, `class C(str, Enum)`):
 * len(), m[i], iteration and `in` on the value; self.u.i says which. */
static int str_seq(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"__len__", "__getitem__", "__iter__", "__contains__"};
  int64_t which = self.u.i, n;
  if (sl__enum_need_args(rt, a, which == 1 || which == 3 ? 2 : 1, names[which])) return -1;
  sl_value v;
  if (member_attr(rt, a->pos[0], "_value_", &v)) return -1;
  bool in;
  int rc = which == 0   ? sl_len(rt, v, &n)
           : which == 1 ? sl_getitem(rt, v, a->pos[1], out)
           : which == 2 ? sl_iter(rt, v, out)
                        : sl_contains(rt, v, a->pos[1], &in);
  sl_vdecref(rt, v);
  if (rc) return -1;
  if (which == 0) *out = sl_int(n);
  if (which == 3) *out = sl_bool(in);
  return 0;
}

static const sl__enum_method enum_methods[] = {
    {"__repr__", enum_repr, 0}, {"__str__", enum_str, 0}, {"__format__", enum_format, 0},
    {"__hash__", enum_hash, 0}, {NULL, NULL, 0},
};

#define CMP(n, op)                                                                                 \
  { n, mixed_op, 100 + op }
#define BIN(n, rn, op)                                                                             \
  {n, mixed_op, op}, { rn, mixed_op, 50 + op }
static const sl__enum_method mixed_methods[] = {
    {"__str__", enum_str, 1},
    {"__format__", enum_format, 1},
    {"__hash__", enum_hash, 1},
    {"__getattr__", mixed_getattr, 0},
    {"__int__", mixed_value, 0},
    {"__index__", mixed_value, 0},
    CMP("__eq__", SL_CMP_EQ),
    CMP("__ne__", SL_CMP_NOTEQ),
    CMP("__lt__", SL_CMP_LT),
    CMP("__le__", SL_CMP_LTE),
    CMP("__gt__", SL_CMP_GT),
    CMP("__ge__", SL_CMP_GTE),
    BIN("__add__", "__radd__", SL_BIN_ADD),
    BIN("__sub__", "__rsub__", SL_BIN_SUB),
    BIN("__mul__", "__rmul__", SL_BIN_MULT),
    BIN("__truediv__", "__rtruediv__", SL_BIN_DIV),
    BIN("__floordiv__", "__rfloordiv__", SL_BIN_FLOORDIV),
    BIN("__mod__", "__rmod__", SL_BIN_MOD),
    BIN("__pow__", "__rpow__", SL_BIN_POW),
    BIN("__lshift__", "__rlshift__", SL_BIN_LSHIFT),
    BIN("__rshift__", "__rrshift__", SL_BIN_RSHIFT),
    BIN("__or__", "__ror__", SL_BIN_BITOR),
    BIN("__xor__", "__rxor__", SL_BIN_BITXOR),
    BIN("__and__", "__rand__", SL_BIN_BITAND),
    {NULL, NULL, 0},
};

static const sl__enum_method str_methods[] = {
    {"__len__", str_seq, 0},  {"__getitem__", str_seq, 1},
    {"__iter__", str_seq, 2}, {"__contains__", str_seq, 3},
    {NULL, NULL, 0},
};

/* The cfunc defs: one per method row (static storage, filled once). */
static sl_cfunc_def enum_defs[sizeof enum_methods / sizeof *enum_methods];
static sl_cfunc_def mixed_defs[sizeof mixed_methods / sizeof *mixed_methods];
static sl_cfunc_def str_defs[sizeof str_methods / sizeof *str_methods];

int sl__enum_add_methods(sl_rt *rt, sl_obj *cls, const sl__enum_method *m, sl_cfunc_def *defs) {
  for (size_t i = 0; m[i].name; i++) {
    defs[i] = (sl_cfunc_def){m[i].name, m[i].fn, "user", SL_CANON_LABEL};
    sl_obj *f = sl_cfunc_new(rt, &defs[i], sl_int(m[i].arg));
    int rc = f ? sl_dict_set_str(rt, sl_as_class(cls)->attrs, m[i].name, sl_obj_val(f)) : -1;
    sl_decref(rt, f);
    if (rc) return -1;
  }
  return 0;
}

static int make_base(sl_rt *rt, const char *name, sl_obj *base, const sl__enum_method *m,
                     sl_cfunc_def *defs, sl_obj **out) {
  sl_obj *cls = sl_class_new(rt, name, name, "enum", base, NULL);
  if (!cls || !(sl_as_class(cls)->attrs = sl_dict_new(rt)) ||
      sl__enum_add_methods(rt, cls, m, defs) || sl__class_flags_compute(rt, cls)) {
    sl_decref(rt, cls);
    return -1;
  }
  sl_as_class(cls)->lang_flags |= SL__CLS_ENUM;
  *out = cls;
  return 0;
}

/* Adds the rows of m (defs filled by add_methods when the module was made)
 * that the class itself does not define, but for `skip` (NULL-terminated). */
static int add_missing(sl_rt *rt, sl_obj *cls, const sl__enum_method *m, const sl_cfunc_def *defs,
                       const char *const *skip) {
  sl_obj *attrs = sl_as_class(cls)->attrs;
  for (size_t i = 0; m[i].name; i++) {
    bool skipped = false, found = false;
    for (size_t k = 0; skip[k]; k++) skipped |= !strcmp(skip[k], m[i].name);
    sl_value v;
    if (!skipped && sl_dict_get_str(rt, attrs, m[i].name, &v, &found)) return -1;
    if (found) sl_vdecref(rt, v);
    if (skipped || found) continue;
    sl_obj *f = sl_cfunc_new(rt, &defs[i], sl_int(m[i].arg));
    int rc = f ? sl_dict_set_str(rt, attrs, m[i].name, sl_obj_val(f)) : -1;
    sl_decref(rt, f);
    if (rc) return -1;
  }
  return 0;
}

int sl__enum_add_mixin_methods(sl_rt *rt, sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  uint32_t mix = c->lang_flags & (SL__CLS_MIX_STR | SL__CLS_MIX_INT);
  /* "%s" % member is str's %, with str(member): str.__mod__ comes first, as
   * the member's class does not override __rmod__. */
  static const char *const int_skip[] = {"__str__", "__format__", NULL};
  static const char *const str_skip[] = {"__str__", "__format__", "__rmod__", NULL};
  static const char *const none[] = {NULL};
  bool str = mix & SL__CLS_MIX_STR;
  if (add_missing(rt, cls, mixed_methods, mixed_defs, str ? str_skip : int_skip) ||
      (str && add_missing(rt, cls, str_methods, str_defs, none)) ||
      sl__class_flags_compute(rt, cls))
    return -1;
  c->lang_flags |= mix;
  return 0;
}

/* ---- unique ---------------------------------------------------------------------- */

static int enum_unique(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "unique")) return -1;
  sl_value cls = a->pos[0], map, names;
  if (!sl_is_type(cls, &sl_class_type) || !(sl_as_class(cls.u.o)->lang_flags & SL__CLS_ENUM))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "unique() applies to enumerations");
  bool f1, f2;
  if (own(rt, cls.u.o, "_member_map_", &map, &f1)) return -1;
  if (own(rt, cls.u.o, "_member_names_", &names, &f2)) {
    if (f1) sl_vdecref(rt, map);
    return -1;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  size_t pos = 0, n = 0;
  sl_value k, m;
  int rc = 0;
  while (f1 && f2 && !rc && sl_dict_next(map.u.o, &pos, &k, &m)) {
    sl_value canon;
    if (member_attr(rt, m, "_name_", &canon)) {
      rc = -1;
      break;
    }
    if (!sl_is(canon, k) && !(sl_is_str(canon) && sl_str_eq_cstr(canon.u.o, sl_str_cstr(k.u.o)))) {
      sl_strbuf_printf(&b, "%s%s -> %s", n++ ? ", " : "", sl_str_cstr(k.u.o),
                       sl_str_cstr(canon.u.o));
    }
    sl_vdecref(rt, canon);
  }
  if (f1) sl_vdecref(rt, map);
  if (f2) sl_vdecref(rt, names);
  if (!rc && n) {
    sl_strbuf msg = SL_STRBUF_INIT;
    sl_strbuf_puts(&msg, "duplicate values found in <enum '");
    class_repr_name(cls.u.o, &msg);
    sl_strbuf_printf(&msg, "'>: %s", sl_strbuf_cstr(&b));
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(&msg));
    sl_strbuf_free(&msg);
  }
  sl_strbuf_free(&b);
  if (rc) return -1;
  *out = sl_vincref(cls);
  return 0;
}

static const sl_cfunc_def enum_funcs[] = {
    {"auto", enum_auto, NULL, 0},
    {"unique", enum_unique, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_enum_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, enum_funcs)) return -1;
  sl_obj *e, *ie = NULL, *se = NULL, *fl = NULL, *ifl = NULL;
  if (make_base(rt, "Enum", NULL, enum_methods, enum_defs, &e)) return -1;
  static const sl__enum_method none[] = {{NULL, NULL, 0}};
  /* StrEnum is new in 3.11, the oldest profile. IntFlag: the int methods,
   * then Flag's operators over them (sl__flag_add_methods). */
  int rc = make_base(rt, "IntEnum", e, mixed_methods, mixed_defs, &ie) ||
           make_base(rt, "StrEnum", e, mixed_methods, mixed_defs, &se) ||
           sl__enum_add_methods(rt, se, str_methods, str_defs) || sl__class_flags_compute(rt, se) ||
           make_base(rt, "Flag", e, none, NULL, &fl) ||
           make_base(rt, "IntFlag", fl, mixed_methods, mixed_defs, &ifl) ||
           sl__flag_add_methods(rt, fl, ifl) || sl__class_flags_compute(rt, fl) ||
           sl__class_flags_compute(rt, ifl) ||
           sl_stdmod_add(rt, module_dict, "Enum", sl_obj_val(e)) ||
           sl_stdmod_add(rt, module_dict, "IntEnum", sl_obj_val(ie)) ||
           sl_stdmod_add(rt, module_dict, "StrEnum", sl_obj_val(se)) ||
           sl_stdmod_add(rt, module_dict, "Flag", sl_obj_val(fl)) ||
           sl_stdmod_add(rt, module_dict, "IntFlag", sl_obj_val(ifl));
  sl_decref(rt, e);
  sl_decref(rt, ie);
  sl_decref(rt, se);
  sl_decref(rt, fl);
  sl_decref(rt, ifl);
  return rc ? -1 : 0;
}
