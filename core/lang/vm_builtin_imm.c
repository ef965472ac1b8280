/* Scenario classes deriving from the immutable built-ins: `class
 * Name(str)`, `class Point(tuple)`, `class Blob(bytes)`, `class
 * Tags(frozenset)`, and `T.__new__(cls, ...)` for every built-in base.
 *
 * As for dict, list and set (vm_builtin_sub.c), an instance is the
 * built-in object itself with an instance extension (core/object.h
 * sl_obj_ext: the class and an attribute dict) behind its inline items,
 * so every builtin and method that takes a str or a tuple takes it, and
 * what they return is a plain str or tuple, as in CPython (`s.upper()`,
 * `s + "x"`). The value is fixed when the object is made, so the class
 * call runs the built-in constructor on the arguments first (the type's
 * tp_new), then copies the result into an object carrying the class,
 * then runs a scenario __init__; a scenario __new__ reaches the built-in
 * one through super().__new__(cls, ...) or str.__new__(cls, ...).
 *
 * Mirrors Objects/typeobject.c (type_call, slot inheritance) and the
 * subtype branches of unicode_new, tuple_new, bytes_new, frozenset_new. */
#include <string.h>

#include "core/dict-int.h"
#include "core/exc.h"
#include "core/long.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static bool is_immutable(const sl_type *t) {
  return t == &sl_str_type || t == &sl_tuple_type || t == &sl_bytes_type || t == &sl_frozenset_type;
}

static bool is_container(const sl_type *t) {
  return t == &sl_dict_type || t == &sl_list_type || t == &sl_set_type;
}

/* The sl_type an instance of a class deriving from t is made of: int and
 * float, immediates otherwise, have heap forms for it (core/long.h). */
static const sl_type *inst_type(const sl_typeobj *t) {
  if (t->type || t->cls) return t->type;
  return t->tag == SL_V_INT ? &sl_long_type : t->tag == SL_V_FLOAT ? &sl_floatobj_type : NULL;
}

static bool is_number(const sl_type *t) { return t == &sl_long_type || t == &sl_floatobj_type; }

/* The built-in type object behind a class (or the type object itself). */
static const sl_typeobj *builtin_of(sl_value cls) {
  if (sl_is_type(cls, &sl_class_type)) {
    sl_obj *n = sl_as_class(cls.u.o)->native;
    if (!n) return NULL;
    cls = sl_obj_val(n);
  }
  if (!sl_is_type(cls, &sl_typeobj_type)) return NULL;
  const sl_typeobj *t = (const sl_typeobj *)cls.u.o;
  return sl__builtin_new_ok(t) ? t : NULL;
}

bool sl__imm_base_ok(sl_value b) {
  const sl_typeobj *t = sl_is_type(b, &sl_typeobj_type) ? builtin_of(b) : NULL;
  return t && (is_immutable(inst_type(t)) || is_number(inst_type(t)));
}

bool sl__builtin_new_ok(const sl_typeobj *t) {
  const sl_type *it = inst_type(t);
  return !t->cls && it && (is_immutable(it) || is_container(it) || is_number(it));
}

/* A new object of built-in type t carrying cls: a copy of v for the
 * immutable types, empty for the containers. */
static int copy_with_class(sl_rt *rt, sl_obj *cls, const sl_type *t, sl_value v, sl_value *out) {
  if (is_immutable(t) && !sl_is_type(v, t))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.__new__ returned %s", t->name, sl_type_name(v));
  sl_obj_ext_request(rt, t);
  sl_obj *o = NULL;
  sl_value num = sl_undef();
  if (t == &sl_long_type) {
    if (!sl_long_copy(rt, sl_num_unbox(v), &num)) o = num.u.o;
  } else if (t == &sl_floatobj_type) {
    if (!sl_floatobj_new(rt, sl_num_unbox(v).u.f, &num)) o = num.u.o;
  } else if (t == &sl_str_type) {
    o = sl_str_new(rt, sl_str_cstr(v.u.o), sl_as_str(v.u.o)->len);
  } else if (t == &sl_tuple_type) {
    o = sl_tuple_new(rt, sl_as_tuple(v.u.o)->items, sl_as_tuple(v.u.o)->len);
  } else if (t == &sl_bytes_type) {
    o = sl_bytes_new(rt, sl_as_bytes(v.u.o)->data, sl_as_bytes(v.u.o)->len);
  } else if (t == &sl_frozenset_type) {
    o = sl__set_copy(rt, v.u.o, &sl_frozenset_type);
  } else if (t == &sl_dict_type) {
    o = sl_dict_new(rt);
  } else if (t == &sl_list_type) {
    o = sl_list_new(rt, NULL, 0);
  } else if (t == &sl_set_type) {
    o = sl_set_new(rt);
  }
  rt->ext_next_type = NULL;
  if (!o) return rt->exc || rt->fatal ? -1 : sl_raise(rt, SL_EXC_TYPE_ERROR, "bad base");
  sl_obj_ext *x = sl_obj_ext_of(o);
  if (!x) {
    sl_decref(rt, o);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot derive a class from %s", t->name);
  }
  sl_incref(cls);
  x->cls = cls;
  *out = sl_obj_val(o);
  return 0;
}

/* The built-in constructor's value for the arguments (tp_new on the
 * base type); containers start empty (their __init__ fills them). */
static int base_value(sl_rt *rt, const sl_typeobj *t, const sl_args *args, sl_value *out) {
  if (is_container(inst_type(t))) return *out = sl_none(), 0;
  return sl_call(rt, sl_obj_val((sl_obj *)t), args, out);
}

/* T.__new__(cls, *args) */
static int builtin_new_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const sl_typeobj *want = sl_is_type(self, &sl_typeobj_type) ? (sl_typeobj *)self.u.o : NULL;
  const char *tn = want ? want->name : "object";
  if (a->npos < 1) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.__new__(): not enough arguments", tn);
  sl_value cls = a->pos[0];
  const sl_typeobj *t = builtin_of(cls);
  if (!sl_is_type(cls, &sl_class_type) && !sl_is_type(cls, &sl_typeobj_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.__new__(X): X is not a type object (%s)", tn,
                    sl_type_name(cls));
  if (!t || (want && t != want)) {
    const char *cn = sl_is_type(cls, &sl_class_type) ? sl_str_cstr(sl_as_class(cls.u.o)->name)
                                                     : ((const sl_typeobj *)cls.u.o)->name;
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.__new__(%s): %s is not a subtype of %s", tn, cn, cn,
                    tn);
  }
  sl_args rest = *a;
  rest.pos++;
  rest.npos--;
  if (sl_is_type(cls, &sl_typeobj_type)) return sl_call(rt, cls, &rest, out);
  sl_value v;
  if (base_value(rt, t, &rest, &v)) return -1;
  int rc = copy_with_class(rt, cls.u.o, inst_type(t), v, out);
  sl_vdecref(rt, v);
  return rc;
}

const sl_cfunc_def sl__builtin_new_def = {"__new__", builtin_new_fn, NULL, 0};

int sl__builtin_new(sl_rt *rt, const sl_args *args, sl_value *out) {
  return builtin_new_fn(rt, sl_undef(), args, out);
}

int sl__imm_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  const sl_typeobj *t = builtin_of(sl_obj_val(cls));
  sl_value v, self, init, res = sl_none();
  if (base_value(rt, t, args, &v)) return -1;
  int rc = copy_with_class(rt, cls, inst_type(t), v, &self);
  sl_vdecref(rt, v);
  if (rc) return -1;
  int r = sl__class_lookup(rt, cls, "__init__", &init);
  if (r > 0) {
    rc = sl__call_bound(rt, init, self, args, &res);
    sl_vdecref(rt, init);
    if (!rc && !sl_is_none(res)) {
      const char *tn = sl_type_name(res);
      sl_vdecref(rt, res);
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "__init__() should return None, not '%s'", tn);
    }
  }
  if (r < 0 || rc) {
    sl_vdecref(rt, self);
    return -1;
  }
  *out = self;
  return 0;
}
