/* The data model of scenario-defined classes: special methods (__eq__,
 * __lt__, __hash__, __len__, __bool__, __iter__, __next__, __getitem__,
 * __contains__, __call__, __add__/__radd__/__iadd__, __neg__, __repr__,
 * __str__, ...) found on the class are what the operators, builtins and the
 * engine call. Mirrors Objects/typeobject.c's slot wrappers (slot_tp_*,
 * SLOT1BINFULL), Objects/abstract.c's binary_op1 and Objects/object.c's
 * do_richcompare: special methods are looked up on the type, never the
 * instance; NotImplemented makes the other operand's reflected method run.
 *
 * Entry points: sl_rt.user_ops (engine-level slots for exc.c/object.c) and
 * the sl__user_* functions the language's ops call on their fallback paths
 * (only reached when no built-in type matched, so built-in fast paths
 * never pay for this). */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/exc_struct.h"
#include "core/lang/descr.h"
#include "core/lang/iter-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- looking up and calling special methods ------------------------------------ */

static sl_obj *cls_of(sl_value v) { return sl_user_cls_of(v.u.o); }

/* Whether v is an instance of a scenario-defined class (or an exception,
 * or an engine object of a class deriving from an engine class). */
static bool is_inst(sl_value v) { return v.tag == SL_V_OBJ && sl_user_cls_of(v.u.o); }

/* Looks type(self).name up and calls it with self and argv. Returns 1
 * called (*out new ref), 0 the class has no such method, -1 error. */
static int call_special(sl_rt *rt, sl_value self, const char *name, const sl_value *argv,
                        size_t argc, sl_value *out) {
  sl_value fn;
  int r = sl__class_lookup(rt, cls_of(self), name, &fn);
  if (r <= 0) return r;
  sl_args a = {argv, argc, NULL, NULL, 0};
  int rc;
  if (sl_is_type(fn, &sl_func_type)) {
    rc = sl_func_call_self(rt, fn.u.o, self, &a, out);
  } else {
    sl_value bound;
    rc = sl_descr_bind(rt, fn, self, sl_obj_val(cls_of(self)), &bound);
    if (rc > 0) {
      rc = sl_vm_call(rt, bound, &a, out);
      sl_vdecref(rt, bound);
    } else if (rc == 0) {
      sl_obj *b = sl_bound_new(rt, fn, self);
      rc = b ? sl_vm_call(rt, sl_obj_val(b), &a, out) : -1;
      sl_decref(rt, b);
    }
  }
  sl_vdecref(rt, fn);
  return rc ? -1 : 1;
}

static bool is_notimpl(sl_value v) { return sl_is_type(v, &sl__notimpl_type); }

/* Whether type(self) has `name` (without calling it). */
static int has_special(sl_rt *rt, sl_value self, const char *name) {
  if (!is_inst(self)) return 0;
  sl_value fn;
  int r = sl__class_lookup(rt, cls_of(self), name, &fn);
  if (r > 0) sl_vdecref(rt, fn);
  return r;
}

/* ---- class flags ------------------------------------------------------------------ */

static const struct {
  const char *name;
  uint32_t bit;
} flag_names[] = {
    {"__repr__", SL_CLS_REPR},        {"__str__", SL_CLS_STR},
    {"__eq__", SL_CLS_CMP},           {"__ne__", SL_CLS_CMP},
    {"__lt__", SL_CLS_CMP},           {"__le__", SL_CLS_CMP},
    {"__gt__", SL_CLS_CMP},           {"__ge__", SL_CLS_CMP},
    {"__hash__", SL_CLS_HASH},        {"__bool__", SL_CLS_BOOL},
    {"__len__", SL_CLS_BOOL},         {"__call__", SL_CLS_CALL},
    {"__getattr__", SL__CLS_GETATTR}, {"__setattr__", SL__CLS_SETATTR},
    {"__delattr__", SL__CLS_SETATTR}, {"__get__", SL__CLS_HAS_GET},
    {"__set__", SL__CLS_HAS_SET},     {"__delete__", SL__CLS_HAS_SET},
    {"__del__", SL_CLS_DEL},          {"__getattribute__", SL__CLS_GETATTRIBUTE},
};

uint32_t sl__class_flags_of_attr(sl_value key, sl_value v) {
  uint32_t f = 0;
  if (sl_is_type(v, &sl_property_type)) f |= SL__CLS_DESCR;
  if (sl__is_user_descr(v)) f |= SL__CLS_DESCR | SL__CLS_UDESCR;
  if (!sl_is_str(key)) return f;
  const char *k = sl_str_cstr(key.u.o);
  if (k[0] != '_' || k[1] != '_') return f;
  for (size_t i = 0; i < sizeof flag_names / sizeof *flag_names; i++)
    if (!strcmp(k, flag_names[i].name)) f |= flag_names[i].bit;
  return f;
}

/* Enters cls in its scenario bases' subclass dicts (sl_class.subclasses). */
static int class_register(sl_rt *rt, sl_obj *cls) {
  sl_value key = sl_int((int64_t)(intptr_t)cls);
  for (size_t i = 0, n = sl_class_nbases(cls); i < n; i++) {
    sl_class *b = sl_as_class(sl_class_base(cls, i));
    if (b->builtin != SL_EXC_NONE) continue; /* immutable: never changes */
    if (!b->subclasses && !(b->subclasses = sl_dict_new(rt))) return -1;
    if (sl_dict_set(rt, b->subclasses, key, sl_none())) return -1;
  }
  return 0;
}

/* Bits a class gained reach the subclasses made before (a decorator such
 * as @dataclass or @total_ordering applied to a class that already has
 * some, which adds methods straight into its dict). */
static void flags_spread_down(sl_obj *cls, uint32_t add) {
  sl_class *c = sl_as_class(cls);
  size_t pos = 0;
  sl_value k, v;
  while (c->subclasses && sl_dict_next(c->subclasses, &pos, &k, &v)) {
    sl_class *sub = sl_as_class((sl_obj *)(intptr_t)k.u.i);
    if ((sub->lang_flags & add) == add) continue;
    sub->lang_flags |= add;
    flags_spread_down((sl_obj *)(intptr_t)k.u.i, add);
  }
}

int sl__class_flags_compute(sl_rt *rt, sl_obj *cls) {
  if (class_register(rt, cls)) return -1;
  sl_class *c = sl_as_class(cls);
  uint32_t f = 0;
  for (size_t i = 0, n = sl_class_nbases(cls); i < n; i++)
    f |= sl_as_class(sl_class_base(cls, i))->lang_flags &
         ~(uint32_t)(SL_CLS_PLAIN | SL__CLS_ABSTRACT | SL__CLS_ABC_REG);
  if (!sl_class_is_subclass(cls, rt->classes[SL_EXC_BASE_EXCEPTION])) f |= SL_CLS_PLAIN;
  if (c->attrs) {
    size_t pos = 0;
    sl_value k, v;
    while (sl_dict_next(c->attrs, &pos, &k, &v)) f |= sl__class_flags_of_attr(k, v);
  }
  c->lang_flags = f;
  flags_spread_down(cls, f & ~(uint32_t)(SL_CLS_PLAIN | SL__CLS_ABSTRACT | SL__CLS_ABC_REG));
  return 0;
}

/* ---- engine slots (sl_rt.user_ops) ------------------------------------------------ */

/* Calls __repr__ / __str__ and appends the str it returned. 1 done, 0 absent. */
static int text_special(sl_rt *rt, sl_obj *inst, const char *name, sl_strbuf *out) {
  sl_value res;
  int r = call_special(rt, sl_obj_val(inst), name, NULL, 0, &res);
  if (r <= 0) return r;
  if (!sl_is_str(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s returned non-string (type %s)", name, tn);
  }
  sl_strbuf_append(out, sl_str_cstr(res.u.o), sl_as_str(res.u.o)->len);
  sl_vdecref(rt, res);
  return out->failed ? sl_nomem(rt) : 1;
}

/* object.__repr__ of a plain instance. CPython prints the address, which no
 * run can reproduce; simloop prints the run's identity of the object
 * (core/identity.h), so reruns print the same. */
int sl__plain_repr(sl_rt *rt, sl_obj *inst, sl_strbuf *out) {
  sl_class *c = sl_as_class(sl_as_exc(inst)->cls);
  sl_strbuf_printf(out, "<%s.%s object at ", c->module, sl_str_cstr(c->qualname));
  return sl_identity_put_end(rt, inst, out);
}

static int user_repr(sl_rt *rt, sl_obj *inst, sl_strbuf *out) {
  int r = text_special(rt, inst, "__repr__", out);
  if (r) return r < 0 ? -1 : 0;
  if (inst->type != &sl_exc_type) return inst->type->repr ? inst->type->repr(rt, inst, out) : 0;
  if (sl_as_class(sl_as_exc(inst)->cls)->lang_flags & SL_CLS_PLAIN) {
    if (sl__plain_repr(rt, inst, out)) return -1;
    return out->failed ? sl_nomem(rt) : 0;
  }
  return sl_exc_repr_builtin(rt, inst, out);
}

static int user_str(sl_rt *rt, sl_obj *inst, sl_strbuf *out) {
  int r = text_special(rt, inst, "__str__", out);
  if (r) return r < 0 ? -1 : 0;
  /* object.__str__ is repr(); BaseException has a __str__ of its own. */
  if (inst->type != &sl_exc_type) {
    if (inst->type->str) return inst->type->str(rt, inst, out);
    return user_repr(rt, inst, out);
  }
  if (sl_as_class(sl_as_exc(inst)->cls)->lang_flags & SL_CLS_PLAIN) return user_repr(rt, inst, out);
  return sl_exc_str_builtin(rt, inst, out);
}

static const char *const rich_name[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
static const int rich_swap[] = {SL_RICH_GT, SL_RICH_GE, SL_RICH_EQ,
                                SL_RICH_NE, SL_RICH_LT, SL_RICH_LE};
static const char *const rich_sym[] = {"<", "<=", "==", "!=", ">", ">="};

/* One side's comparison method: 1 answered (*res), 0 NotImplemented or
 * absent, -1 error. object.__ne__ inverts __eq__ when no __ne__ exists. */
static int rich_one(sl_rt *rt, int op, sl_value self, sl_value other, bool *res) {
  if (!is_inst(self)) return 0;
  sl_value r;
  int found = call_special(rt, self, rich_name[op], &other, 1, &r);
  bool invert = false;
  if (found == 0 && op == SL_RICH_NE) {
    found = call_special(rt, self, "__eq__", &other, 1, &r);
    invert = true;
  }
  if (found <= 0) return found;
  if (is_notimpl(r)) {
    sl_vdecref(rt, r);
    return 0;
  }
  int rc = sl_truth(rt, r, res);
  sl_vdecref(rt, r);
  if (rc) return -1;
  if (invert) *res = !*res;
  return 1;
}

/* Whether type(w) is a proper subclass of type(v): its reflected method
 * then runs first (scenario classes cannot derive from built-in types). */
static bool is_strict_subclass(sl_value w, sl_value v) {
  return is_inst(w) && is_inst(v) && cls_of(w) != cls_of(v) &&
         sl_class_is_subclass(cls_of(w), cls_of(v));
}

static int user_richcmp(sl_rt *rt, int op, sl_value v, sl_value w, bool *res) {
  if (rt->recursion_depth > SL_MAX_RECURSION)
    return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded in comparison");
  rt->recursion_depth++;
  int r = 0;
  bool checked_reverse = false;
  if (is_strict_subclass(w, v)) {
    checked_reverse = true;
    r = rich_one(rt, rich_swap[op], w, v, res);
  }
  if (r == 0) r = rich_one(rt, op, v, w, res);
  if (r == 0 && !checked_reverse) r = rich_one(rt, rich_swap[op], w, v, res);
  rt->recursion_depth--;
  if (r) return r < 0 ? -1 : 0;
  if (sl_is_number(v) && sl_is_number(w)) {
    /* An int or float subclass without this method: int's or float's
     * tp_richcompare on the values (2: a nan, unordered). */
    int c = sl_number_cmp(v, w);
    *res = op == SL_RICH_NE   ? c != 0
           : c == 2           ? false
           : op == SL_RICH_EQ ? c == 0
           : op == SL_RICH_LT ? c < 0
           : op == SL_RICH_LE ? c <= 0
           : op == SL_RICH_GT ? c > 0
                              : c >= 0;
    return 0;
  }
  if (op == SL_RICH_EQ || op == SL_RICH_NE) {
    *res = sl_is(v, w) == (op == SL_RICH_EQ);
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' not supported between instances of '%s' and '%s'",
                  rich_sym[op], sl_type_name(v), sl_type_name(w));
}

static int user_hash(sl_rt *rt, sl_obj *inst, int64_t *out) {
  sl_value fn;
  int r = sl__class_lookup(rt, sl_user_cls_of(inst), "__hash__", &fn);
  if (r < 0) return -1;
  if (r == 0) { return sl_identity_hash(rt, inst, out); }
  bool none = sl_is_none(fn);
  sl_vdecref(rt, fn);
  if (none)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "unhashable type: '%s'", sl_type_name(sl_obj_val(inst)));
  sl_value h;
  if (call_special(rt, sl_obj_val(inst), "__hash__", NULL, 0, &h) < 0) return -1;
  if (h.tag != SL_V_INT && h.tag != SL_V_BOOL) {
    sl_vdecref(rt, h);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__hash__ method should return an integer");
  }
  /* slot_tp_hash: a result that fits a Py_ssize_t is the hash itself
   * (-1 becomes -2); only a bigger int is hashed again. */
  if (h.tag == SL_V_INT) return *out = h.u.i == -1 ? -2 : h.u.i, 0;
  return sl_hash(rt, h, out);
}

static int index_result(sl_rt *rt, sl_value r, int64_t *out) {
  if (r.tag == SL_V_INT || r.tag == SL_V_BOOL) {
    *out = r.tag == SL_V_INT ? r.u.i : r.u.b;
    return 0;
  }
  const char *tn = sl_type_name(r);
  sl_vdecref(rt, r);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", tn);
}

static bool is_enum_class(sl_value v) {
  return sl_is_type(v, &sl_class_type) && (sl_as_class(v.u.o)->lang_flags & SL__CLS_ENUM);
}

int sl__user_len(sl_rt *rt, sl_value v, int64_t *out) {
  if (is_enum_class(v)) return sl__enum_len(rt, v.u.o, out);
  if (!is_inst(v)) return 0;
  sl_value r;
  int found = call_special(rt, v, "__len__", NULL, 0, &r);
  if (found <= 0) return found;
  if (index_result(rt, r, out)) return -1;
  if (*out < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "__len__() should return >= 0");
  return 1;
}

static int user_truth(sl_rt *rt, sl_obj *inst, bool *res) {
  sl_value r, self = sl_obj_val(inst);
  int found = call_special(rt, self, "__bool__", NULL, 0, &r);
  if (found < 0) return -1;
  if (found) {
    if (r.tag != SL_V_BOOL) {
      const char *tn = sl_type_name(r);
      sl_vdecref(rt, r);
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "__bool__ should return bool, returned %s", tn);
    }
    *res = r.u.b;
    return 0;
  }
  int64_t n;
  found = sl__user_len(rt, self, &n);
  if (found < 0) return -1;
  *res = found == 0 || n != 0;
  return 0;
}

static int user_call(sl_rt *rt, sl_obj *inst, const sl_args *args, sl_value *out) {
  sl_value fn;
  int r = sl__class_lookup(rt, sl_user_cls_of(inst), "__call__", &fn);
  if (r < 0) return -1;
  if (r == 0)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not callable",
                    sl_type_name(sl_obj_val(inst)));
  int rc;
  if (sl_is_type(fn, &sl_func_type)) {
    rc = sl_func_call_self(rt, fn.u.o, sl_obj_val(inst), args, out);
  } else {
    sl_obj *b = sl_bound_new(rt, fn, sl_obj_val(inst));
    rc = b ? sl_vm_call(rt, sl_obj_val(b), args, out) : -1;
    sl_decref(rt, b);
  }
  sl_vdecref(rt, fn);
  return rc;
}

/* A method the scenario class of an engine object defines (Queue._put of
 * `class MyQueue(asyncio.Queue)`): 1 called, 0 absent, -1 error. */
static int user_method(sl_rt *rt, sl_obj *inst, const char *name, const sl_value *argv, size_t argc,
                       sl_value *out) {
  return call_special(rt, sl_obj_val(inst), name, argv, argc, out);
}

static const sl_user_ops user_ops = {
    .method = user_method,
    .call_class = sl__vm_call_class,
    .repr = user_repr,
    .str = user_str,
    .richcmp = user_richcmp,
    .hash = user_hash,
    .truth = user_truth,
    .call = user_call,
    .exc_init = sl__exc_struct_init,
    .exc_str = sl__exc_struct_str,
    .finalize = sl__user_finalize,
};

void sl__vm_install_user_ops(sl_rt *rt) { rt->user_ops = &user_ops; }

/* ---- operators -------------------------------------------------------------------- */

static const char *const bin_name[] = {"add", "sub",    "mul",    "truediv", "floordiv", "mod",
                                       "pow", "lshift", "rshift", "or",      "xor",      "and"};

/* Calls self.__<prefix><op>__(other): 1 answered (*out), 0 absent or
 * NotImplemented, -1 error. */
static int binop_one(sl_rt *rt, const char *prefix, sl_ast_binop op, sl_value self, sl_value other,
                     sl_value *out) {
  if (!is_inst(self)) return 0;
  char name[24];
  snprintf(name, sizeof name, "__%s%s__", prefix, bin_name[op]);
  sl_value r;
  int found = call_special(rt, self, name, &other, 1, &r);
  if (found <= 0) return found;
  if (is_notimpl(r)) {
    sl_vdecref(rt, r);
    return 0;
  }
  *out = r;
  return 1;
}

int sl__user_binary(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, bool inplace,
                    sl_value *out) {
  if (!is_inst(a) && !is_inst(b)) return 0;
  int r;
  if (inplace && (r = binop_one(rt, "i", op, a, b, out))) return r;
  bool same = is_inst(a) && is_inst(b) && cls_of(a) == cls_of(b);
  if (is_strict_subclass(b, a)) {
    if ((r = binop_one(rt, "r", op, b, a, out))) return r;
    return binop_one(rt, "", op, a, b, out);
  }
  if ((r = binop_one(rt, "", op, a, b, out))) return r;
  if (same) return 0;
  return binop_one(rt, "r", op, b, a, out);
}

int sl__user_unary(sl_rt *rt, sl_ast_unaryop op, sl_value a, sl_value *out) {
  if (!is_inst(a)) return 0;
  const char *name = op == SL_UNARY_USUB   ? "__neg__"
                     : op == SL_UNARY_UADD ? "__pos__"
                                           : "__invert__";
  return call_special(rt, a, name, NULL, 0, out);
}

/* ---- containers and iteration ------------------------------------------------------ */

int sl__user_getitem(sl_rt *rt, sl_value c, sl_value key, sl_value *out) {
  if (is_enum_class(c)) return sl__enum_getitem(rt, c.u.o, key, out);
  if (!is_inst(c)) return 0;
  return call_special(rt, c, "__getitem__", &key, 1, out);
}

int sl__user_setitem(sl_rt *rt, sl_value c, sl_value key, sl_value v) {
  if (!is_inst(c)) return 0;
  sl_value r, argv[2] = {key, v};
  int found = sl_is_undef(v) ? call_special(rt, c, "__delitem__", &key, 1, &r)
                             : call_special(rt, c, "__setitem__", argv, 2, &r);
  if (found > 0) sl_vdecref(rt, r);
  return found;
}

int sl__user_iter(sl_rt *rt, sl_value v, sl_value *out) {
  if (is_enum_class(v)) return sl__enum_iter(rt, v.u.o, out);
  if (!is_inst(v)) return 0;
  int found = call_special(rt, v, "__iter__", NULL, 0, out);
  if (found == 0 && v.u.o->type == &sl_exc_type) {
    /* PyObject_GetIter: a class with __getitem__ alone is a sequence. */
    found = has_special(rt, v, "__getitem__");
    if (found > 0 && sl__seq_iter_new(rt, v, out)) return -1;
    return found;
  }
  if (found <= 0) return found;
  /* PyObject_GetIter: the result must be an iterator. */
  bool ok = sl_lang_slots_of(*out) && sl_lang_slots_of(*out)->next;
  if (!ok && is_inst(*out)) {
    int r = has_special(rt, *out, "__next__");
    if (r < 0) {
      sl_vdecref(rt, *out);
      return -1;
    }
    ok = r > 0;
  }
  if (!ok) {
    const char *tn = sl_type_name(*out);
    sl_vdecref(rt, *out);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "iter() returned non-iterator of type '%s'", tn);
  }
  return 1;
}

int sl__user_next(sl_rt *rt, sl_value it, sl_value *out) {
  if (!is_inst(it)) return -2;
  int found = call_special(rt, it, "__next__", NULL, 0, out);
  if (found == 0) return -2;
  if (found > 0) return 1;
  if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION)) {
    sl_err_clear(rt);
    return 0;
  }
  return -1;
}

int sl__user_contains(sl_rt *rt, sl_value c, sl_value item, bool *res) {
  if (is_enum_class(c)) return sl__enum_contains(rt, c.u.o, item, res);
  if (!is_inst(c)) return 0;
  sl_value r;
  int found = call_special(rt, c, "__contains__", &item, 1, &r);
  if (found < 0) return -1;
  if (found) {
    int rc = sl_truth(rt, r, res);
    sl_vdecref(rt, r);
    return rc ? -1 : 1;
  }
  /* PySequence_Contains falls back to iterating. */
  sl_value it;
  found = sl__user_iter(rt, c, &it);
  if (found <= 0) return found;
  *res = false;
  for (;;) {
    sl_value x;
    int n = sl_iter_next(rt, it, &x);
    if (n <= 0) {
      sl_vdecref(rt, it);
      return n < 0 ? -1 : 1;
    }
    bool eq = sl_is(x, item);
    int rc = eq ? 0 : sl_eq(rt, x, item, &eq);
    sl_vdecref(rt, x);
    if (rc || eq) {
      sl_vdecref(rt, it);
      *res = eq;
      return rc ? -1 : 1;
    }
  }
}
