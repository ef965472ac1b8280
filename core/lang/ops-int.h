/* Helpers shared by the files that implement ops.h and value.h. Private to
 * core/lang. */
#ifndef SL_LANG_OPS_INT_H
#define SL_LANG_OPS_INT_H

#include "core/cfunc.h"
#include "core/dict-int.h"
#include "core/exc.h"
#include "core/long.h"
#include "core/num/numfmt.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* The number library (numfmt.h) keeps its own per-version text tables,
 * verified against each CPython; it is keyed by the profile's minor
 * version. Every other version difference is a switch in core/profile.c. */
static inline int sl__py_minor(sl_rt *rt) { return rt->profile->minor; }
static inline const char *sl__msg_not_container(sl_rt *rt) {
  return rt->profile->not_container_message ? "argument of type '%s' is not a container or iterable"
                                            : "argument of type '%s' is not iterable";
}
static inline const char *sl__msg_minmax_empty(sl_rt *rt) {
  return rt->profile->minmax_empty_iterable_message ? "%s() iterable argument is empty"
                                                    : "%s() arg is an empty sequence";
}

/* A number of any kind: bool, int (either representation), float. */
static inline bool sl__is_num(sl_value v) { return sl_is_number(v); }
/* An int within 64 bits: SL_V_INT, a bool, or an int subclass's instance
 * holding such a value (sl__intval reads all three). */
static inline bool sl__is_intlike(sl_value v) {
  return v.tag == SL_V_INT || v.tag == SL_V_BOOL || sl_num_unbox(v).tag == SL_V_INT;
}
static inline int64_t sl__intval(sl_value v) {
  if (v.tag == SL_V_INT) return v.u.i;
  if (v.tag == SL_V_BOOL) return v.u.b;
  return sl_num_unbox(v).u.i;
}
/* float(v) for a bool, int64 or float (not a long object: sl__to_double). */
static inline double sl__floatval(sl_value v) {
  if (v.tag == SL_V_OBJ) v = sl_num_unbox(v);
  return v.tag == SL_V_FLOAT ? v.u.f : sl_int_to_float(sl__intval(v));
}
static inline bool sl__is_list(sl_value v) { return sl_is_type(v, &sl_list_type); }
static inline bool sl__is_tuple(sl_value v) { return sl_is_type(v, &sl_tuple_type); }
static inline bool sl__is_dict(sl_value v) { return sl_is_type(v, &sl_dict_type); }
static inline bool sl__is_bytes(sl_value v) { return sl_is_type(v, &sl_bytes_type); }
/* An instance of a scenario class deriving from a built-in or engine
 * class (core/object.h sl_obj_ext): its class's special methods come
 * before the built-in behaviour, as CPython's slots of a heap type do. */
static inline bool sl__has_ext(sl_value v) {
  return v.tag == SL_V_OBJ && (v.u.o->size_class & SL_OBJ_EXT_BIT);
}

/* The built-in behaviour of sl_getitem, sl_setitem/sl_delitem (v
 * SL_V_UNDEF deletes), sl_len, sl_iter and sl_contains, ignoring a
 * subclass's overrides: what dict.__getitem__, list.__len__, ... called
 * through super() do (vm_builtin_sub.c). */
int sl__getitem_base(sl_rt *rt, sl_value c, sl_value key, sl_value *out);
int sl__store_base(sl_rt *rt, sl_value c, sl_value key, sl_value v);
int sl__len_base(sl_rt *rt, sl_value v, int64_t *out);
int sl__iter_base(sl_rt *rt, sl_value v, sl_value *out);
int sl__contains_base(sl_rt *rt, sl_value c, sl_value item, bool *res);
/* The scenario class's own special method of an instance with an
 * extension: 1 called (*out), 0 none, -1 error. */
int sl__ext_special(sl_rt *rt, sl_value self, const char *name, const sl_value *argv, size_t argc,
                    sl_value *out);

/* Raises the exception an arithmetic status stands for. */
int sl__num_error(sl_rt *rt, sl_num_status st, sl_num_op op, bool float_operands);

/* float(v) for any number; OverflowError for an int beyond the float range. */
int sl__to_double(sl_rt *rt, sl_value v, double *out);
/* Int operators past int64 (ops_long.c): operands are int, bool or long.
 * 0 or -1 (error). */
int sl__long_binary(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out);
int sl__long_unary(sl_rt *rt, sl_ast_unaryop op, sl_value a, sl_value *out);
int sl__long_divmod(sl_rt *rt, sl_value a, sl_value b, sl_value *q, sl_value *m);
/* pow(a, b, m) for ints of any size. */
int sl__long_powmod(sl_rt *rt, sl_value a, sl_value b, sl_value m, sl_value *out);

/* int(f) for a float of any size: OverflowError for inf, ValueError for nan. */
int sl__float_to_int(sl_rt *rt, double f, sl_value *out);
/* round(v, ndigits) for an int of any size and ndigits < 0 (half to even). */
int sl__long_round(sl_rt *rt, sl_value v, int64_t ndigits, sl_value *out);

/* Numeric binary operators (ops_num.c): 1 handled, 0 not numbers, -1 error. */
int sl__num_binary(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out);

/* Rich comparison of one operator (no `in`/`is`). */
int sl__richcompare(sl_rt *rt, sl_ast_cmpop op, sl_value a, sl_value b, bool *res);

/* Wraps a new str from a buffer (consumes it: sl_str_take_buf). */
int sl__str_result(sl_rt *rt, sl_strbuf *b, sl_value *out);
/* A new str value from bytes. */
int sl__str_value(sl_rt *rt, const char *s, size_t len, sl_value *out);

/* Method tables and getattr for the built-in types (methods_*.c). */
int sl__str_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);
int sl__seq_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);
int sl__dict_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);
int sl__set_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);
int sl__num_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);
int sl__exc_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);
int sl__bytes_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);

/* Extends list `l` with the items of any iterable (list.extend, +=). */
int sl__list_extend(sl_rt *rt, sl_obj *l, sl_value iterable);
/* dict.update(other) for a mapping or an iterable of pairs. */
int sl__dict_update(sl_rt *rt, sl_obj *d, sl_value other);
/* set.update(iterable) for a set or frozenset under construction. */
int sl__set_update(sl_rt *rt, sl_obj *s, sl_value iterable);
/* Set algebra: a new set of a's type. */
int sl__set_binop(sl_rt *rt, sl_ast_binop op, sl_obj *a, sl_obj *b, const sl_type *type,
                  sl_value *out);

/* Dict views (iter.c). */
extern const sl_type sl__dict_keys_type;
extern const sl_type sl__dict_values_type;
extern const sl_type sl__dict_items_type;
int sl__dict_view_new(sl_rt *rt, sl_obj *dict, const sl_type *type, sl_value *out);

/* An int beyond int64 used as an index or a repeat count (IndexError or
 * OverflowError, as PyNumber_AsSsize_t). */
static const char sl__msg_index_size[] = "cannot fit 'int' into an index-sized integer";

/* Index normalisation: Python's negative indexes; false when out of range. */
static inline bool sl__norm_index(int64_t *i, int64_t len) {
  if (*i < 0) *i += len;
  return *i >= 0 && *i < len;
}

/* Argument-count checks with CPython's texts, for methods taking only
 * positional arguments: max 0 is METH_NOARGS ("list.copy() takes no
 * arguments (1 given)"), min == max == 1 is METH_O ("list.append() takes
 * exactly one argument (0 given)"), otherwise Argument Clinic's ("pop
 * expected at most 1 argument, got 2"). `qualname` is "list.pop". */
int sl__check_nargs(sl_rt *rt, const sl_args *a, const char *qualname, size_t min, size_t max);

/* Stable sort of `items` by keys (or the items), < only, as list.sort. */
int sl__sort(sl_rt *rt, sl_value *items, size_t n, sl_value key, bool reverse);

/* The VM's text and attribute hooks (core/lang/vm.h, vm_attr.c), which add
 * user classes' __str__/__repr__, user exception attributes and asyncio
 * objects to str()/repr()/getattr(). Declared here as well so these files
 * do not depend on the VM's private layout. */
int sl_vm_str(sl_rt *rt, sl_value v, sl_strbuf *out);
int sl_vm_repr(sl_rt *rt, sl_value v, sl_strbuf *out);
int sl_vm_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out);
int sl_vm_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val);
/* dict.fromkeys(iterable, v) into the new dict `d` (owned; NULL after a
 * failed allocation, which is reported): *out gets `d` filled, or `d` is
 * freed and -1 returned. OrderedDict.fromkeys shares it. */
int sl__dict_fromkeys_into(sl_rt *rt, sl_obj *d, sl_value iterable, sl_value v, sl_value *out);

#endif
