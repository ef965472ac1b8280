/* The mixin methods of collections.abc's Set and MutableSet
 * (Lib/_collections_abc.py): what a program's class inherits when it
 * defines only __contains__, __iter__ and __len__ (and add/discard for a
 * MutableSet): comparisons, &, |, -, ^ (and their reflected forms),
 * isdisjoint, _from_iterable, and remove/pop/clear and the in-place
 * operators. Written from the documented behaviour of the CPython
 * methods; results are made by self._from_iterable(items), which a class
 * may override (the default calls the class with the items). The items
 * are passed as a list where CPython passes a generator: the class's
 * constructor sees the same values in the same order. */
#include <string.h>

#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/tuple.h"

#define MIX(fn) static int fn(sl_rt *rt, sl_value fself, const sl_args *a, sl_value *out)

/* The items of an iterable (new list). */
static int items_of(sl_rt *rt, sl_value v, sl_obj **out) {
  return sl_list_from_iterable(rt, v, out);
}

/* self._from_iterable(list): steals the list. */
static int from_list(sl_rt *rt, sl_value self, sl_obj *l, sl_value *out) {
  sl_value v = sl_obj_val(l);
  int rc = sl__call_method(rt, self, "_from_iterable", &v, 1, out);
  sl_decref(rt, l);
  return rc;
}

/* The items of `from` that are (keep_in) or are not in `in` (new list). */
static int filter_in(sl_rt *rt, sl_value from, sl_value in, bool keep_in, sl_obj **out) {
  sl_obj *all;
  if (items_of(rt, from, &all)) return -1;
  sl_obj *kept = sl_list_new(rt, NULL, 0);
  int rc = kept ? 0 : -1;
  for (size_t i = 0; !rc && i < sl_as_list(all)->len; i++) {
    sl_value v = sl_as_list(all)->items[i];
    bool found;
    rc = sl_contains(rt, in, v, &found);
    if (!rc && found == keep_in) rc = sl_list_append(rt, kept, v);
  }
  sl_decref(rt, all);
  if (rc) {
    sl_decref(rt, kept);
    return -1;
  }
  *out = kept;
  return 0;
}

/* Whether every item of `sub` is in `super`. */
static int all_in(sl_rt *rt, sl_value sub, sl_value super, bool *res) {
  sl_obj *missing;
  if (filter_in(rt, sub, super, false, &missing)) return -1;
  *res = sl_as_list(missing)->len == 0;
  sl_decref(rt, missing);
  return 0;
}

/* The other operand of a comparison or an operator: 1 it is a Set (or,
 * with iterable_ok, any iterable), 0 NotImplemented was stored in *out,
 * -1 error. */
static int operand(sl_rt *rt, sl_value other, bool iterable_ok, sl_value *out) {
  bool ok;
  if (sl__abc_isinstance(rt, other, iterable_ok ? "Iterable" : "Set", &ok)) return -1;
  if (ok) return 1;
  return sl__vm_builtin(rt, "NotImplemented", out) ? -1 : 0;
}

static int lengths(sl_rt *rt, const sl_args *a, int64_t *self_len, int64_t *other_len) {
  return sl_len(rt, a->pos[0], self_len) || sl_len(rt, a->pos[1], other_len);
}

/* Set.__le__ (`strict`: __lt__): every item of self is in other. */
static int compare_le(sl_rt *rt, const sl_args *a, bool strict, sl_value *out) {
  int r = operand(rt, a->pos[1], false, out);
  if (r <= 0) return r;
  int64_t n, m;
  if (lengths(rt, a, &n, &m)) return -1;
  bool res = strict ? n < m : n <= m;
  if (res && all_in(rt, a->pos[0], a->pos[1], &res)) return -1;
  return *out = sl_bool(res), 0;
}

/* Set.__ge__ (`strict`: __gt__): every item of other is in self. */
static int compare_ge(sl_rt *rt, const sl_args *a, bool strict, sl_value *out) {
  int r = operand(rt, a->pos[1], false, out);
  if (r <= 0) return r;
  int64_t n, m;
  if (lengths(rt, a, &n, &m)) return -1;
  bool res = strict ? n > m : n >= m;
  if (res && all_in(rt, a->pos[1], a->pos[0], &res)) return -1;
  return *out = sl_bool(res), 0;
}

MIX(mix_set_le) {
  return sl__abc_nargs(rt, a, "__le__", 1, 1) ? -1 : compare_le(rt, a, false, out);
}
MIX(mix_set_lt) { return sl__abc_nargs(rt, a, "__lt__", 1, 1) ? -1 : compare_le(rt, a, true, out); }
MIX(mix_set_ge) {
  return sl__abc_nargs(rt, a, "__ge__", 1, 1) ? -1 : compare_ge(rt, a, false, out);
}
MIX(mix_set_gt) { return sl__abc_nargs(rt, a, "__gt__", 1, 1) ? -1 : compare_ge(rt, a, true, out); }

/* Set.__eq__: the same length and self <= other. */
MIX(mix_set_eq) {
  if (sl__abc_nargs(rt, a, "__eq__", 1, 1)) return -1;
  int r = operand(rt, a->pos[1], false, out);
  if (r <= 0) return r;
  int64_t n, m;
  if (lengths(rt, a, &n, &m)) return -1;
  bool res = n == m;
  if (res && all_in(rt, a->pos[0], a->pos[1], &res)) return -1;
  return *out = sl_bool(res), 0;
}

/* Set._from_iterable(it), a classmethod: cls(it). */
MIX(mix_set_from_iterable) {
  if (sl__abc_nargs(rt, a, "_from_iterable", 1, 1)) return -1;
  return sl_vm_call_pos(rt, a->pos[0], &a->pos[1], 1, out);
}

/* Set.__and__ / __rand__: the items of other that are in self. */
MIX(mix_set_and) {
  if (sl__abc_nargs(rt, a, "__and__", 1, 1)) return -1;
  int r = operand(rt, a->pos[1], true, out);
  if (r <= 0) return r;
  sl_obj *l;
  if (filter_in(rt, a->pos[1], a->pos[0], true, &l)) return -1;
  return from_list(rt, a->pos[0], l, out);
}

/* Set.__or__ / __ror__: self's items, then other's. */
MIX(mix_set_or) {
  if (sl__abc_nargs(rt, a, "__or__", 1, 1)) return -1;
  int r = operand(rt, a->pos[1], true, out);
  if (r <= 0) return r;
  sl_obj *l, *more;
  if (items_of(rt, a->pos[0], &l)) return -1;
  if (items_of(rt, a->pos[1], &more)) {
    sl_decref(rt, l);
    return -1;
  }
  int rc = 0;
  for (size_t i = 0; !rc && i < sl_as_list(more)->len; i++)
    rc = sl_list_append(rt, l, sl_as_list(more)->items[i]);
  sl_decref(rt, more);
  if (rc) {
    sl_decref(rt, l);
    return -1;
  }
  return from_list(rt, a->pos[0], l, out);
}

/* other as a Set: itself, or self._from_iterable(other) for another
 * iterable (new reference). 0, or NotImplemented in *out (returns 1), or
 * -1. */
static int as_set(sl_rt *rt, sl_value self, sl_value other, sl_value *set, sl_value *out) {
  bool is_set;
  if (sl__abc_isinstance(rt, other, "Set", &is_set)) return -1;
  if (is_set) return *set = sl_vincref(other), 0;
  int r = operand(rt, other, true, out);
  if (r <= 0) return r < 0 ? -1 : 1;
  sl_obj *l;
  if (items_of(rt, other, &l)) return -1;
  return from_list(rt, self, l, set);
}

/* The items of x not in y, made by self._from_iterable. */
static int difference(sl_rt *rt, sl_value self, sl_value x, sl_value y, sl_value *out) {
  sl_obj *l;
  if (filter_in(rt, x, y, false, &l)) return -1;
  return from_list(rt, self, l, out);
}

/* Set.__sub__ (`reflected`: __rsub__). */
static int subtract(sl_rt *rt, const sl_args *a, bool reflected, sl_value *out) {
  sl_value other;
  int r = as_set(rt, a->pos[0], a->pos[1], &other, out);
  if (r) return r < 0 ? -1 : 0;
  int rc = reflected ? difference(rt, a->pos[0], other, a->pos[0], out)
                     : difference(rt, a->pos[0], a->pos[0], other, out);
  sl_vdecref(rt, other);
  return rc;
}

MIX(mix_set_sub) {
  return sl__abc_nargs(rt, a, "__sub__", 1, 1) ? -1 : subtract(rt, a, false, out);
}
MIX(mix_set_rsub) {
  return sl__abc_nargs(rt, a, "__rsub__", 1, 1) ? -1 : subtract(rt, a, true, out);
}

/* Set.__xor__ / __rxor__: (self - other) | (other - self). */
MIX(mix_set_xor) {
  if (sl__abc_nargs(rt, a, "__xor__", 1, 1)) return -1;
  sl_value other, x, y;
  int r = as_set(rt, a->pos[0], a->pos[1], &other, out);
  if (r) return r < 0 ? -1 : 0;
  int rc = difference(rt, a->pos[0], a->pos[0], other, &x);
  if (!rc && difference(rt, a->pos[0], other, a->pos[0], &y)) {
    sl_vdecref(rt, x);
    rc = -1;
  }
  sl_vdecref(rt, other);
  if (rc) return -1;
  rc = sl_binary_op(rt, SL_BIN_BITOR, x, y, out);
  sl_vdecref(rt, x);
  sl_vdecref(rt, y);
  return rc;
}

/* Set.isdisjoint(other): no item of other is in self. */
MIX(mix_set_isdisjoint) {
  if (sl__abc_nargs(rt, a, "isdisjoint", 1, 1)) return -1;
  sl_obj *common;
  if (filter_in(rt, a->pos[1], a->pos[0], true, &common)) return -1;
  *out = sl_bool(sl_as_list(common)->len == 0);
  sl_decref(rt, common);
  return 0;
}

/* ---- MutableSet ------------------------------------------------------------------------- */

/* self.<name>(v) for each item of the iterable it; result dropped. */
static int each_item(sl_rt *rt, sl_value self, const char *name, sl_value it) {
  sl_obj *l;
  if (items_of(rt, it, &l)) return -1;
  int rc = 0;
  for (size_t i = 0; !rc && i < sl_as_list(l)->len; i++)
    rc = sl__abc_call_drop(rt, self, name, &sl_as_list(l)->items[i], 1);
  sl_decref(rt, l);
  return rc;
}

static int return_self(const sl_args *a, sl_value *out) {
  *out = sl_vincref(a->pos[0]);
  return 0;
}

/* MutableSet.remove(value): KeyError(value) when absent, else discard. */
MIX(mix_mset_remove) {
  if (sl__abc_nargs(rt, a, "remove", 1, 1)) return -1;
  bool found;
  if (sl_contains(rt, a->pos[0], a->pos[1], &found)) return -1;
  if (!found) {
    sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &a->pos[1], 1);
    return e ? sl_err_restore(rt, e) : -1;
  }
  if (sl__abc_call_drop(rt, a->pos[0], "discard", &a->pos[1], 1)) return -1;
  return *out = sl_none(), 0;
}

/* MutableSet.pop(): the first item iter(self) gives, discarded; KeyError
 * when empty. */
MIX(mix_mset_pop) {
  if (sl__abc_nargs(rt, a, "pop", 0, 0)) return -1;
  sl_value it;
  if (sl_iter(rt, a->pos[0], &it)) return -1;
  int r = sl_iter_next(rt, it, out);
  sl_vdecref(rt, it);
  if (r < 0) return -1;
  if (r == 0) return sl_raise_noargs(rt, SL_EXC_KEY_ERROR);
  if (sl__abc_call_drop(rt, a->pos[0], "discard", out, 1)) {
    sl_vdecref(rt, *out);
    return -1;
  }
  return 0;
}

MIX(mix_mset_clear) {
  if (sl__abc_nargs(rt, a, "clear", 0, 0)) return -1;
  return sl__abc_clear_by(rt, a->pos[0], "pop", SL_EXC_KEY_ERROR, out);
}

/* MutableSet.__ior__(it): add each item. */
MIX(mix_mset_ior) {
  if (sl__abc_nargs(rt, a, "__ior__", 1, 1)) return -1;
  return each_item(rt, a->pos[0], "add", a->pos[1]) ? -1 : return_self(a, out);
}

/* MutableSet.__iand__(it): discard each item of self - it. */
MIX(mix_mset_iand) {
  if (sl__abc_nargs(rt, a, "__iand__", 1, 1)) return -1;
  sl_value gone;
  if (sl_binary_op(rt, SL_BIN_SUB, a->pos[0], a->pos[1], &gone)) return -1;
  int rc = each_item(rt, a->pos[0], "discard", gone);
  sl_vdecref(rt, gone);
  return rc ? -1 : return_self(a, out);
}

/* MutableSet.__isub__(it): discard each item (clear when it is self). */
MIX(mix_mset_isub) {
  if (sl__abc_nargs(rt, a, "__isub__", 1, 1)) return -1;
  sl_value none;
  int rc = sl_is(a->pos[0], a->pos[1])
               ? sl__abc_clear_by(rt, a->pos[0], "pop", SL_EXC_KEY_ERROR, &none)
               : each_item(rt, a->pos[0], "discard", a->pos[1]);
  return rc ? -1 : return_self(a, out);
}

/* MutableSet.__ixor__(it): each item of it (as a Set) toggled. */
MIX(mix_mset_ixor) {
  if (sl__abc_nargs(rt, a, "__ixor__", 1, 1)) return -1;
  sl_value self = a->pos[0], none;
  if (sl_is(self, a->pos[1]))
    return sl__abc_clear_by(rt, self, "pop", SL_EXC_KEY_ERROR, &none) ? -1 : return_self(a, out);
  sl_value other;
  int r = as_set(rt, self, a->pos[1], &other, out);
  if (r) return r < 0 ? -1 : 0;
  sl_obj *l = NULL;
  int rc = items_of(rt, other, &l);
  sl_vdecref(rt, other);
  for (size_t i = 0; !rc && i < sl_as_list(l)->len; i++) {
    bool found;
    sl_value v = sl_as_list(l)->items[i];
    rc = sl_contains(rt, self, v, &found);
    if (!rc) rc = sl__abc_call_drop(rt, self, found ? "discard" : "add", &v, 1);
  }
  if (l) sl_decref(rt, l);
  return rc ? -1 : return_self(a, out);
}

/* ---- the tables ------------------------------------------------------------------------ */

static const sl_cfunc_def MIX_SET[] = {{"__le__", mix_set_le, NULL, 0},
                                       {"__lt__", mix_set_lt, NULL, 0},
                                       {"__ge__", mix_set_ge, NULL, 0},
                                       {"__gt__", mix_set_gt, NULL, 0},
                                       {"__eq__", mix_set_eq, NULL, 0},
                                       {"__and__", mix_set_and, NULL, 0},
                                       {"__rand__", mix_set_and, NULL, 0},
                                       {"__or__", mix_set_or, NULL, 0},
                                       {"__ror__", mix_set_or, NULL, 0},
                                       {"__sub__", mix_set_sub, NULL, 0},
                                       {"__rsub__", mix_set_rsub, NULL, 0},
                                       {"__xor__", mix_set_xor, NULL, 0},
                                       {"__rxor__", mix_set_xor, NULL, 0},
                                       {"isdisjoint", mix_set_isdisjoint, NULL, 0},
                                       {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_MUTSET[] = {
    {"remove", mix_mset_remove, NULL, 0}, {"pop", mix_mset_pop, NULL, 0},
    {"clear", mix_mset_clear, NULL, 0},   {"__ior__", mix_mset_ior, NULL, 0},
    {"__iand__", mix_mset_iand, NULL, 0}, {"__isub__", mix_mset_isub, NULL, 0},
    {"__ixor__", mix_mset_ixor, NULL, 0}, {NULL, NULL, NULL, 0}};
static const sl_cfunc_def from_iterable_def = {"_from_iterable", mix_set_from_iterable, NULL, 0};

/* Set: the mixins, and _from_iterable as a classmethod. */
static int add_set(sl_rt *rt, sl_obj *ns) {
  if (sl_stdmod_add_funcs(rt, ns, MIX_SET)) return -1;
  sl_obj *f = sl_cfunc_new(rt, &from_iterable_def, sl_undef());
  if (!f) return -1;
  sl_obj *cm = sl_obj_alloc(rt, &sl_classmethod_type);
  if (!cm) {
    sl_decref(rt, f);
    return -1;
  }
  ((sl_methwrap *)cm)->func = sl_obj_val(f); /* the reference moves */
  int rc = sl_stdmod_add(rt, ns, "_from_iterable", sl_obj_val(cm));
  sl_decref(rt, cm);
  return rc;
}

int sl__abc_set_mixins(sl_rt *rt, bool mutable, sl_obj *ns) {
  return mutable ? sl_stdmod_add_funcs(rt, ns, MIX_MUTSET) : add_set(rt, ns);
}
