/* Descriptors written in the scenario: an instance of a class defining
 * __get__, __set__ or __delete__ found as a class attribute, and
 * __set_name__ called when the owning class is created. Mirrors
 * Objects/object.c (_PyObject_GenericGetAttrWithDict: a data descriptor
 * on the type wins over the instance dict, a non-data one loses to it;
 * _PyObject_GenericSetAttrWithDict) and Objects/typeobject.c
 * (type_new_set_names).
 *
 * The classes involved carry flags (vm-int.h): SL__CLS_HAS_GET /
 * SL__CLS_HAS_SET on a descriptor class, SL__CLS_UDESCR (and
 * SL__CLS_DESCR, as a property sets it) on a class holding one, so
 * attribute access on other classes pays nothing. A class holding an
 * instance of a class that becomes a descriptor class later gets them then
 * (vm_attr.c, descr_holders_refresh). */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"

/* The flags of v's class when v is an instance of a scenario class. */
static uint32_t inst_flags(sl_value v) {
  if (!sl_is_type(v, &sl_exc_type)) return 0;
  return sl_as_class(sl_as_exc(v.u.o)->cls)->lang_flags;
}

bool sl__is_user_descr(sl_value v) { return inst_flags(v) & (SL__CLS_HAS_GET | SL__CLS_HAS_SET); }

bool sl__is_data_descr(sl_value v) { return inst_flags(v) & SL__CLS_HAS_SET; }

/* d.name(argv...) through type(d), as slot_tp_descr_get does. 1 called,
 * 0 no such method, -1 error. */
static int call_slot(sl_rt *rt, sl_value d, const char *name, const sl_value *argv, size_t argc,
                     sl_value *out) {
  sl_value fn;
  int r = sl__class_lookup(rt, sl_as_exc(d.u.o)->cls, name, &fn);
  if (r <= 0) return r;
  sl_args a = {argv, argc, NULL, NULL, 0};
  int rc = sl__call_bound(rt, fn, d, &a, out);
  sl_vdecref(rt, fn);
  return rc ? -1 : 1;
}

int sl__user_descr_get(sl_rt *rt, sl_value d, sl_value obj, sl_value cls, sl_value *out) {
  if (!(inst_flags(d) & SL__CLS_HAS_GET)) return 0;
  sl_value argv[2] = {obj, cls};
  return call_slot(rt, d, "__get__", argv, 2, out);
}

int sl__user_descr_set(sl_rt *rt, sl_value d, sl_value obj, sl_value val) {
  if (!(inst_flags(d) & SL__CLS_HAS_SET)) return 0;
  sl_value res, argv[2] = {obj, val};
  bool del = sl_is_undef(val);
  int r = call_slot(rt, d, del ? "__delete__" : "__set__", argv, del ? 1 : 2, &res);
  if (r == 0) return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, del ? "__delete__" : "__set__");
  if (r > 0) sl_vdecref(rt, res);
  return r;
}

int sl__set_names(sl_rt *rt, sl_obj *cls) {
  sl_obj *ns = sl_as_class(cls)->attrs;
  size_t pos = 0;
  sl_value k, v;
  /* type_new_set_names iterates a copy: __set_name__ may add attributes. */
  sl_obj *copy = sl_dict_new(rt);
  if (!copy || sl__dict_update(rt, copy, sl_obj_val(ns))) {
    sl_decref(rt, copy);
    return -1;
  }
  int rc = 0;
  while (!rc && sl_dict_next(copy, &pos, &k, &v)) {
    if (sl_is_type(v, &sl_property_type)) sl_property_set_name(rt, v.u.o, k);
    if (!sl_is_type(v, &sl_exc_type)) continue;
    sl_value res, argv[2] = {sl_obj_val(cls), k};
    int r = call_slot(rt, v, "__set_name__", argv, 2, &res);
    if (r > 0) sl_vdecref(rt, res);
    rc = r < 0 ? -1 : 0;
  }
  sl_decref(rt, copy);
  return rc;
}

/* ---- __slots__ ------------------------------------------------------------------ */

/* Whether `name` is one of the names a `__slots__` value lists (a str or
 * an iterable of them): 1 yes, 0 no, -1 error. */
static int slots_list(sl_rt *rt, sl_value slots, const char *name) {
  if (sl_is_str(slots)) return !strcmp(sl_str_cstr(slots.u.o), name);
  sl_obj *owned = NULL;
  const sl_value *items;
  size_t n;
  if (sl_seq_items(rt, slots, &items, &n, &owned)) return -1;
  int found = 0;
  for (size_t i = 0; i < n && !found; i++)
    found = sl_is_str(items[i]) && !strcmp(sl_str_cstr(items[i].u.o), name);
  sl_decref(rt, owned);
  return found;
}

/* name in the __slots__ of cls or a base: 1 yes, 0 no, -1 error. */
static int slots_allow(sl_rt *rt, sl_obj *cls, const char *name, int depth) {
  if (!cls || depth > 64) return 0;
  sl_class *c = sl_as_class(cls);
  bool found = false;
  sl_value slots;
  if (c->attrs && sl_dict_get_str(rt, c->attrs, "__slots__", &slots, &found)) return -1;
  if (found) {
    int r = slots_list(rt, slots, name);
    sl_vdecref(rt, slots);
    if (r) return r;
  }
  for (size_t i = 0, n = sl_class_nbases(cls); i < n; i++) {
    int r = slots_allow(rt, sl_class_base(cls, i), name, depth + 1);
    if (r) return r;
  }
  return 0;
}

int sl__slots_finish(sl_rt *rt, sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  c->lang_flags &= ~(uint32_t)SL__CLS_SLOTS;
  bool found = false;
  sl_value slots;
  if (sl_dict_get_str(rt, c->attrs, "__slots__", &slots, &found)) return -1;
  if (!found) return 0;
  /* Instances have no __dict__ when every class up to object says so
   * (and no slot is "__dict__"). */
  int r = slots_list(rt, slots, "__dict__");
  sl_vdecref(rt, slots);
  if (r) return r < 0 ? -1 : 0;
  if (c->native || !(c->lang_flags & SL_CLS_PLAIN)) return 0;
  for (size_t i = 0, n = sl_class_nbases(cls); i < n; i++)
    if (!(sl_as_class(sl_class_base(cls, i))->lang_flags & SL__CLS_SLOTS)) return 0;
  c->lang_flags |= SL__CLS_SLOTS;
  return 0;
}

int sl__slots_check(sl_rt *rt, sl_obj *cls, sl_value obj, const char *name) {
  if (!(sl_as_class(cls)->lang_flags & SL__CLS_SLOTS)) return 0;
  int r = slots_allow(rt, cls, name, 0);
  if (r) return r < 0 ? -1 : 0;
  return sl_no_dict_attr_error(rt, obj, name);
}
