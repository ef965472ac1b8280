/* Scenario classes deriving from the built-in containers: `class
 * Registry(dict)`, `class History(list)`, `class Tags(set)`.
 *
 * As for asyncio's engine classes (vm_native.c), an instance is the
 * built-in object itself, allocated with an instance extension
 * (core/object.h sl_obj_ext) holding its class and attribute dict, so
 * every builtin that takes a dict, list or set takes it unchanged. The
 * class's special methods come first where CPython's slots of a heap type
 * call them: d[k], d[k] = v, del d[k], len(), iter() (for loops,
 * comprehensions, unpacking), `in`, the binary operators, repr/str and
 * comparisons; a missing key calls __missing__ (dict_subscript). The
 * built-in methods (dict.get, update, setdefault, list.append, ...) never
 * call the overrides, as in CPython. dict.__getitem__, list.__len__, ...
 * called through super() or the type reach the built-in behaviour
 * (ops-int.h sl__getitem_base and friends).
 *
 * Mirrors Objects/typeobject.c (slot inheritance of heap types),
 * Objects/dictobject.c (dict_subscript's __missing__, dict___init__),
 * Objects/listobject.c (list___init__) and Objects/setobject.c
 * (set_init). str, tuple, frozenset and bytes (immutable, built by
 * __new__) are vm_builtin_imm.c's. */
#include <string.h>

#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"

static bool is_container_type(const sl_type *t) {
  return t == &sl_dict_type || t == &sl_list_type || t == &sl_set_type;
}

bool sl__builtin_base_ok(sl_value b) {
  if (!sl_is_type(b, &sl_typeobj_type)) return false;
  const sl_typeobj *t = (const sl_typeobj *)b.u.o;
  return !t->cls && is_container_type(t->type);
}

int sl__ext_special(sl_rt *rt, sl_value self, const char *name, const sl_value *argv, size_t argc,
                    sl_value *out) {
  if (!sl_user_cls_of(self.u.o) || !rt->user_ops) return 0;
  return rt->user_ops->method(rt, self.u.o, name, argv, argc, out);
}

/* Calls the built-in method `name` of self (never an override). */
static int call_builtin_method(sl_rt *rt, sl_value self, const char *name, const sl_args *args) {
  sl_value m, res;
  if (sl_lang_getattr(rt, self, name, &m)) return -1;
  int rc = sl_call(rt, m, args, &res);
  sl_vdecref(rt, m);
  if (!rc) sl_vdecref(rt, res);
  return rc;
}

/* dict.__init__ (dict_update_common), list.__init__ (clear, then
 * extend) and set.__init__ (clear, then update) on an existing object. */
static int base_init(sl_rt *rt, sl_value self, const sl_args *args) {
  const sl_type *t = self.u.o->type;
  const char *tn = t->name;
  if (args->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at most 1 argument, got %zu", tn,
                    args->npos);
  if (t == &sl_dict_type)
    return args->npos || args->nkw ? call_builtin_method(rt, self, "update", args) : 0;
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", tn);
  sl_args none = {NULL, 0, NULL, NULL, 0};
  if (call_builtin_method(rt, self, "clear", &none)) return -1;
  if (!args->npos) return 0;
  return call_builtin_method(rt, self, t == &sl_list_type ? "extend" : "update", args);
}

int sl__builtin_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  if (sl__imm_base_ok(sl_obj_val(sl_as_class(cls)->native)))
    return sl__imm_call_class(rt, cls, args, out);
  const sl_typeobj *base = (const sl_typeobj *)sl_as_class(cls)->native;
  sl_value init;
  int r = sl__class_lookup(rt, cls, "__init__", &init);
  if (r < 0) return -1;
  /* The object starts empty (the type's __new__), then __init__ runs. */
  sl_obj_ext_request(rt, base->type);
  sl_obj *o = base->type == &sl_dict_type   ? sl_dict_new(rt)
              : base->type == &sl_list_type ? sl_list_new(rt, NULL, 0)
                                            : sl_set_new(rt);
  rt->ext_next_type = NULL;
  if (!o) {
    if (r) sl_vdecref(rt, init);
    return -1;
  }
  sl_obj_ext *x = sl_obj_ext_of(o);
  sl_incref(cls);
  x->cls = cls;
  sl_value self = sl_obj_val(o), res = sl_none();
  int rc = r ? sl__call_bound(rt, init, self, args, &res) : base_init(rt, self, args);
  if (r) sl_vdecref(rt, init);
  if (!rc && !sl_is_none(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "__init__() should return None, not '%s'", tn);
  }
  if (rc) {
    sl_decref(rt, o);
    return -1;
  }
  *out = self;
  return 0;
}

/* ---- the built-in special methods, callable by name ---------------------------- */

static int want(sl_rt *rt, const sl_args *a, size_t n, const char *name) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (a->npos != n)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected %zu argument%s, got %zu", n, n == 1 ? "" : "s",
                    a->npos);
  return 0;
}

static int d_init(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (base_init(rt, self, a)) return -1;
  *out = sl_none();
  return 0;
}
static int d_getitem(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (want(rt, a, 1, "__getitem__")) return -1;
  return sl__getitem_base(rt, self, a->pos[0], out);
}
static int d_setitem(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (want(rt, a, 2, "__setitem__") || sl__store_base(rt, self, a->pos[0], a->pos[1])) return -1;
  *out = sl_none();
  return 0;
}
static int d_delitem(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (want(rt, a, 1, "__delitem__") || sl__store_base(rt, self, a->pos[0], sl_undef())) return -1;
  *out = sl_none();
  return 0;
}
static int d_contains(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  bool res;
  if (want(rt, a, 1, "__contains__") || sl__contains_base(rt, self, a->pos[0], &res)) return -1;
  *out = sl_bool(res);
  return 0;
}
static int d_len(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  int64_t n;
  if (want(rt, a, 0, "__len__") || sl__len_base(rt, self, &n)) return -1;
  *out = sl_int(n);
  return 0;
}
static int d_iter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (want(rt, a, 0, "__iter__")) return -1;
  return sl__iter_base(rt, self, out);
}
static int d_repr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (want(rt, a, 0, "__repr__")) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = self.u.o->type->repr(rt, self.u.o, &b);
  if (!rc && b.failed) rc = sl_nomem(rt);
  sl_obj *s = rc ? NULL : sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}
static int d_eq_common(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, bool ne) {
  if (want(rt, a, 1, ne ? "__ne__" : "__eq__")) return -1;
  sl_value other = a->pos[0];
  /* A built-in comparison only answers for its own kind of object. */
  bool same_kind = other.tag == SL_V_OBJ &&
                   (other.u.o->type == self.u.o->type ||
                    (self.u.o->type == &sl_set_type && other.u.o->type == &sl_frozenset_type));
  if (!same_kind) {
    bool found = false;
    if (sl_dict_get_str(rt, sl_builtins_dict(rt), "NotImplemented", out, &found)) return -1;
    return found ? 0 : sl_raise(rt, SL_EXC_TYPE_ERROR, "NotImplemented is missing");
  }
  bool res;
  if (self.u.o->type->eq(rt, self.u.o, other, &res)) return -1;
  *out = sl_bool(res != ne);
  return 0;
}
static int d_eq(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return d_eq_common(rt, self, a, out, false);
}
static int d_ne(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return d_eq_common(rt, self, a, out, true);
}

#define DUNDERS(T)                                                                                 \
  {#T ".__init__", d_init, NULL, 0}, {#T ".__len__", d_len, NULL, 0},                              \
      {#T ".__iter__", d_iter, NULL, 0}, {#T ".__contains__", d_contains, NULL, 0},                \
      {#T ".__repr__", d_repr, NULL, 0}, {#T ".__eq__", d_eq, NULL, 0}, {                          \
#T ".__ne__", d_ne, NULL, 0                                                                    \
  }
static const sl_cfunc_def dict_dunders[] = {DUNDERS(dict),
                                            {"dict.__getitem__", d_getitem, NULL, 0},
                                            {"dict.__setitem__", d_setitem, NULL, 0},
                                            {"dict.__delitem__", d_delitem, NULL, 0},
                                            {NULL, NULL, NULL, 0}};
static const sl_cfunc_def list_dunders[] = {DUNDERS(list),
                                            {"list.__getitem__", d_getitem, NULL, 0},
                                            {"list.__setitem__", d_setitem, NULL, 0},
                                            {"list.__delitem__", d_delitem, NULL, 0},
                                            {NULL, NULL, NULL, 0}};
static const sl_cfunc_def set_dunders[] = {DUNDERS(set), {NULL, NULL, NULL, 0}};

/* str.__str__, tuple.__hash__, ...: the type's own slots. */
static int d_str(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (want(rt, a, 0, "__str__")) return -1;
  const sl_type *t = self.u.o->type;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = (t->str ? t->str : t->repr)(rt, self.u.o, &b);
  if (!rc && b.failed) rc = sl_nomem(rt);
  sl_obj *s = rc ? NULL : sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}
static int d_hash(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  int64_t h;
  if (want(rt, a, 0, "__hash__") || self.u.o->type->hash(rt, self.u.o, &h)) return -1;
  *out = sl_int(h);
  return 0;
}
#define IMM_DUNDERS(T)                                                                             \
  {#T ".__len__", d_len, NULL, 0}, {#T ".__iter__", d_iter, NULL, 0},                              \
      {#T ".__contains__", d_contains, NULL, 0}, {#T ".__repr__", d_repr, NULL, 0},                \
      {#T ".__str__", d_str, NULL, 0}, {#T ".__hash__", d_hash, NULL, 0},                          \
      {#T ".__eq__", d_eq, NULL, 0}, {#T ".__ne__", d_ne, NULL, 0}, {                              \
#T ".__getitem__", d_getitem, NULL, 0                                                          \
  }
static const sl_cfunc_def str_dunders[] = {IMM_DUNDERS(str), {NULL, NULL, NULL, 0}};
static const sl_cfunc_def tuple_dunders[] = {IMM_DUNDERS(tuple), {NULL, NULL, NULL, 0}};
static const sl_cfunc_def bytes_dunders[] = {IMM_DUNDERS(bytes), {NULL, NULL, NULL, 0}};

int sl__builtin_dunder(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  if (self.tag != SL_V_OBJ || name[0] != '_' || name[1] != '_') return 0;
  const sl_type *t = self.u.o->type;
  const sl_cfunc_def *table = t == &sl_dict_type    ? dict_dunders
                              : t == &sl_list_type  ? list_dunders
                              : t == &sl_set_type   ? set_dunders
                              : t == &sl_str_type   ? str_dunders
                              : t == &sl_tuple_type ? tuple_dunders
                              : t == &sl_bytes_type ? bytes_dunders
                                                    : NULL;
  return table ? sl_methods_lookup(rt, self, table, name, out) : 0;
}
