/* EnumType's part of the `enum` module (see mod_enum.c): the members made
 * when an enumeration's class statement ends, and what the class object
 * itself does (iteration, len, in, Cls[name], Cls(value)). */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_enum-int.h"
#include "core/lang/ops.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static int own(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out, bool *found) {
  *found = false;
  sl_obj *d = sl_as_class(cls)->attrs;
  return d ? sl_dict_get_str(rt, d, name, out, found) : 0;
}

sl__enum_kind sl__enum_kind_of(sl_obj *cls) {
  for (sl_obj *c = cls; c; c = sl_as_class(c)->bases[0]) {
    sl_class *k = sl_as_class(c);
    if (k->lang_flags & SL__CLS_MIX_STR) return SL__ENUM_STR_MIX;
    if (k->lang_flags & SL__CLS_MIX_INT) return SL__ENUM_INT_MIX;
    if (strcmp(k->module, "enum")) continue;
    if (sl_str_eq_cstr(k->name, "IntEnum")) return SL__ENUM_INT;
    if (sl_str_eq_cstr(k->name, "StrEnum")) return SL__ENUM_STR;
    if (sl_str_eq_cstr(k->name, "IntFlag")) return SL__ENUM_INTFLAG;
    if (sl_str_eq_cstr(k->name, "Flag")) return SL__ENUM_FLAG;
  }
  return SL__ENUM_PLAIN;
}

/* _is_dunder, _is_sunder, _is_private and descriptors are not members. */
bool sl__enum_is_member(const char *cn, const char *name, sl_value v) {
  size_t n = strlen(name);
  if (n > 4 && name[0] == '_' && name[1] == '_' && name[n - 1] == '_' && name[n - 2] == '_')
    return false;
  if (n > 2 && name[0] == '_' && name[n - 1] == '_' && name[1] != '_' && name[n - 2] != '_')
    return false;
  size_t cl = cn ? strlen(cn) : 0;
  if (cn && name[0] == '_' && !strncmp(name + 1, cn, cl) && !strncmp(name + 1 + cl, "__", 2))
    return false;
  return !(sl_is_type(v, &sl_func_type) || sl_is_type(v, &sl_cfunc_type) ||
           sl_is_type(v, &sl_property_type) || sl_is_type(v, &sl_classmethod_type) ||
           sl_is_type(v, &sl_staticmethod_type) || sl_is_type(v, &sl_class_type));
}

/* auto(): Enum/IntEnum the last value + 1 (1 first), StrEnum the name
 * lower-cased, Flag the power of two above the largest value so far. */
static int auto_value(sl_rt *rt, sl__enum_kind kind, const char *name, sl_value last, sl_value max,
                      size_t count, sl_value *out) {
  if (sl__enum_is_flag(kind)) { /* Flag._generate_next_value_ */
    if (!count) return *out = sl_int(1), 0;
    if (max.tag != SL_V_INT) {
      sl_strbuf b = SL_STRBUF_INIT;
      if (!sl_repr(rt, max, &b))
        sl_raise(rt, SL_EXC_TYPE_ERROR, "invalid flag value %s", sl_strbuf_cstr(&b));
      sl_strbuf_free(&b);
      return -1;
    }
    int bits = 0;
    for (uint64_t u = max.u.i < 0 ? 0 : (uint64_t)max.u.i; u; u >>= 1) bits++;
    if (bits >= 62)
      return sl_raise(rt, SL_EXC_OVERFLOW_ERROR,
                      "simloop supports Flag values that fit 64 bits (a value is beyond them)");
    return *out = sl_int((int64_t)1 << bits), 0;
  }
  if (kind == SL__ENUM_STR) {
    sl_value s;
    sl_obj *n = sl_str_from_cstr(rt, name);
    if (!n) return -1;
    int rc = sl_vm_getattr(rt, sl_obj_val(n), "lower", &s);
    sl_decref(rt, n);
    if (rc) return -1;
    rc = sl_call_pos(rt, s, NULL, 0, out);
    sl_vdecref(rt, s);
    return rc;
  }
  if (sl_is_undef(last)) return *out = sl_int(1), 0;
  return sl_binary_op(rt, SL_BIN_ADD, last, sl_int(1), out);
}

/* The member with this value already (an alias then), or NULL. */
static int find_value(sl_rt *rt, sl_obj *members, sl_value value, sl_value *out) {
  sl_list *l = sl_as_list(members);
  for (size_t i = 0; i < l->len; i++) {
    sl_value mv;
    if (sl_vm_getattr(rt, l->items[i], "_value_", &mv)) return -1;
    bool eq;
    int rc = sl_eq(rt, mv, value, &eq);
    sl_vdecref(rt, mv);
    if (rc) return -1;
    if (eq) return *out = l->items[i], 1;
  }
  return 0;
}

int sl__enum_auto_value(sl_rt *rt, sl_obj *ns, sl__enum_kind kind, const char *name,
                        sl_value *out) {
  size_t pos = 0, count = 0;
  sl_value k, v, last = sl_undef(), odd = sl_undef();
  int64_t max = 0;
  while (sl_dict_next(ns, &pos, &k, &v)) {
    if (!sl_is_str(k) || !sl__enum_is_member(NULL, sl_str_cstr(k.u.o), v) || sl__enum_is_auto(v))
      continue;
    if (v.tag != SL_V_INT && sl_is_undef(odd)) odd = v; /* max() of it: Flag's TypeError */
    if (v.tag == SL_V_INT && (!count || v.u.i > max)) max = v.u.i;
    count++, last = v;
  }
  return auto_value(rt, kind, name, last, sl_is_undef(odd) ? sl_int(max) : odd, count, out);
}

int sl__enum_body_store(sl_rt *rt, sl_obj *ns, int kind, sl_obj *name, sl_value *v) {
  if (!sl__enum_is_auto(*v)) return 0;
  sl_value r;
  if (sl__enum_auto_value(rt, ns, (sl__enum_kind)kind, sl_str_cstr(name), &r)) return -1;
  sl_vdecref(rt, *v);
  *v = r;
  return 0;
}

/* A new member: cls's instance with _name_/_value_ (and name/value), then
 * the class's own __init__ with the value (unpacked when a tuple). */
int sl__enum_new_member(sl_rt *rt, sl_obj *cls, sl_value name, sl_value value, bool run_init,
                        sl_value *out) {
  sl_obj *m = sl_exc_new(rt, cls, NULL, 0);
  if (!m) return -1;
  sl_value mv = sl_obj_val(m);
  int rc = sl__generic_setattr(rt, mv, "_value_", value) ||
           sl__generic_setattr(rt, mv, "_name_", name) ||
           sl__generic_setattr(rt, mv, "value", value) || sl__generic_setattr(rt, mv, "name", name);
  sl_value init;
  int r = rc ? -1 : run_init ? sl__class_lookup(rt, cls, "__init__", &init) : 0;
  if (r > 0) {
    sl_args a = {&value, 1, NULL, NULL, 0};
    if (sl_is_type(value, &sl_tuple_type))
      a = (sl_args){sl_as_tuple(value.u.o)->items, sl_as_tuple(value.u.o)->len, NULL, NULL, 0};
    sl_value res;
    rc = sl__call_bound(rt, init, mv, &a, &res);
    sl_vdecref(rt, init);
    if (!rc) sl_vdecref(rt, res);
  } else if (r < 0) {
    rc = -1;
  }
  if (rc) {
    sl_decref(rt, m);
    return -1;
  }
  *out = mv;
  return 0;
}

static int check_value(sl_rt *rt, sl__enum_kind kind, sl_value v) {
  if ((kind == SL__ENUM_INT || kind == SL__ENUM_INT_MIX) && v.tag != SL_V_INT &&
      v.tag != SL_V_BOOL && !sl_is_long(v)) {
    sl_strbuf b = SL_STRBUF_INIT;
    int rc = sl_repr(rt, v, &b);
    if (!rc)
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "invalid literal for int() with base 10: %s",
                    sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return -1;
  }
  if ((kind == SL__ENUM_STR || kind == SL__ENUM_STR_MIX) && !sl_is_str(v)) {
    sl_strbuf b = SL_STRBUF_INIT;
    int rc = sl_repr(rt, v, &b);
    if (!rc) rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "%s is not a string", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return -1;
  }
  return 0;
}

/* One attribute of the class body: a member (or alias) replacing it. */
static int make_member(sl_rt *rt, sl_obj *cls, sl__enum_kind kind, sl_value k, sl_value v,
                       sl_obj *names, sl_obj *map, sl_value *last) {
  sl_value value = sl_vincref(v);
  if (sl__enum_is_auto(v)) { /* not resolved when stored (inside a tuple, ...) */
    sl_vdecref(rt, value);
    if (auto_value(rt, kind, sl_str_cstr(k.u.o), *last, *last, 1, &value)) return -1;
  }
  sl_value m;
  int r = check_value(rt, kind, value) ? -1 : find_value(rt, names, value, &m);
  if (r == 0) {
    if (sl__enum_new_member(rt, cls, k, value, true, &m) || sl_list_append(rt, names, m))
      r = -1;
    else
      sl_vdecref(rt, m); /* names holds it */
  }
  if (r >= 0) {
    sl_vset(rt, last, sl_vincref(value));
    r = sl_dict_set(rt, map, k, m) || sl_dict_set(rt, sl_as_class(cls)->attrs, k, m) ? -1 : 0;
  }
  sl_vdecref(rt, value);
  return r < 0 ? -1 : 0;
}

int sl__enum_finish(sl_rt *rt, sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  for (int i = 0; i < 2; i++) { /* "Cannot extend enumerations" */
    sl_value bn;
    bool found;
    if (c->bases[i] && own(rt, c->bases[i], "_member_names_", &bn, &found)) return -1;
    if (!c->bases[i] || !found) continue;
    bool has = sl_is_type(bn, &sl_list_type) && sl_as_list(bn.u.o)->len;
    sl_vdecref(rt, bn);
    if (has)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s: cannot extend enumeration '%s'",
                      sl_str_cstr(c->name), sl_str_cstr(sl_as_class(c->bases[i])->name));
  }
  sl__enum_kind kind = sl__enum_kind_of(cls);
  if (sl__enum_is_flag(kind)) return sl__flag_finish(rt, cls, kind);
  if ((kind == SL__ENUM_INT_MIX || kind == SL__ENUM_STR_MIX) && sl__enum_add_mixin_methods(rt, cls))
    return -1;
  sl_obj *names = sl_list_new(rt, NULL, 0), *members = sl_list_new(rt, NULL, 0),
         *map = sl_dict_new(rt);
  sl_obj *keys = c->attrs ? sl_list_new(rt, NULL, 0) : NULL;
  int rc = names && members && map && keys ? 0 : -1;
  size_t pos = 0;
  sl_value k, v, last = sl_undef();
  while (!rc && sl_dict_next(c->attrs, &pos, &k, &v))
    if (sl_is_str(k) && sl__enum_is_member(sl_str_cstr(c->name), sl_str_cstr(k.u.o), v))
      rc = sl_list_append(rt, keys, k);
  for (size_t i = 0; !rc && i < (keys ? sl_as_list(keys)->len : 0); i++) {
    sl_value key = sl_as_list(keys)->items[i], val;
    bool found;
    rc = own(rt, cls, sl_str_cstr(key.u.o), &val, &found);
    if (rc || !found) continue;
    size_t before = sl_as_list(members)->len;
    rc = make_member(rt, cls, kind, key, val, members, map, &last);
    if (!rc && sl_as_list(members)->len > before) rc = sl_list_append(rt, names, key);
    sl_vdecref(rt, val);
  }
  sl_vdecref(rt, last);
  if (!rc)
    rc = sl_dict_set_str(rt, c->attrs, "_member_names_", sl_obj_val(names)) ||
         sl_dict_set_str(rt, c->attrs, "_members_", sl_obj_val(members)) ||
         sl_dict_set_str(rt, c->attrs, "_member_map_", sl_obj_val(map)) ||
         sl_dict_set_str(rt, c->attrs, "__members__", sl_obj_val(map));
  sl_decref(rt, names);
  sl_decref(rt, members);
  sl_decref(rt, map);
  sl_decref(rt, keys);
  return rc ? -1 : 0;
}

/* ---- the class object ------------------------------------------------------------ */

static int members_of(sl_rt *rt, sl_obj *cls, const char *which, sl_value *out) {
  bool found;
  if (own(rt, cls, which, out, &found)) return -1;
  if (found) return 0;
  sl_obj *empty = !strcmp(which, "_member_map_") ? sl_dict_new(rt) : sl_list_new(rt, NULL, 0);
  if (!empty) return -1;
  *out = sl_obj_val(empty);
  return 0;
}

int sl__enum_iter(sl_rt *rt, sl_obj *cls, sl_value *out) {
  sl_value l;
  if (members_of(rt, cls, "_members_", &l)) return -1;
  int rc = sl_iter(rt, l, out);
  sl_vdecref(rt, l);
  return rc ? -1 : 1;
}

int sl__enum_len(sl_rt *rt, sl_obj *cls, int64_t *out) {
  sl_value l;
  if (members_of(rt, cls, "_members_", &l)) return -1;
  *out = (int64_t)sl_as_list(l.u.o)->len;
  sl_vdecref(rt, l);
  return 1;
}

/* A member; 3.12+ also a member's value (3.11 raises TypeError for
 * anything not an Enum member). */
int sl__enum_contains(sl_rt *rt, sl_obj *cls, sl_value item, bool *res) {
  *res = false;
  if (item.tag == SL_V_OBJ && sl_user_cls_of(item.u.o)) {
    *res = sl_class_is_subclass(sl_user_cls_of(item.u.o), cls);
    return 1;
  }
  if (sl__py_minor(rt) < 12)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "unsupported operand type(s) for 'in': '%s' and 'EnumType'",
                    sl_type_name(item));
  if (sl__enum_is_flag(sl__enum_kind_of(cls)))
    return sl__flag_class_contains(rt, cls, item, res) ? -1 : 1;
  sl_value l, m;
  if (members_of(rt, cls, "_members_", &l)) return -1;
  int r = find_value(rt, l.u.o, item, &m);
  sl_vdecref(rt, l);
  if (r < 0) return -1;
  *res = r > 0;
  return 1;
}

int sl__enum_getitem(sl_rt *rt, sl_obj *cls, sl_value key, sl_value *out) {
  sl_value map;
  if (members_of(rt, cls, "_member_map_", &map)) return -1;
  bool found = false;
  int rc = sl_dict_get(rt, map.u.o, key, out, &found);
  sl_vdecref(rt, map);
  if (rc) return -1;
  if (!found) {
    sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &key, 1);
    if (!e) return -1;
    sl_raise_obj(rt, e);
    sl_decref(rt, e);
    return -1;
  }
  return 1;
}

/* Cls(value): the member with that value (a member passes through);
 * ValueError "5 is not a valid Color". */
int sl__enum_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop supports only %s(value) on an enumeration (lookup by value)",
                    sl_str_cstr(sl_as_class(cls)->name));
  sl_value v = args->pos[0], l, m;
  if (v.tag == SL_V_OBJ && sl_user_cls_of(v.u.o) == cls) return *out = sl_vincref(v), 0;
  if (sl__enum_is_flag(sl__enum_kind_of(cls))) return sl__flag_call(rt, cls, v, out);
  if (members_of(rt, cls, "_members_", &l)) return -1;
  int r = find_value(rt, l.u.o, v, &m);
  if (r > 0) *out = sl_vincref(m);
  sl_vdecref(rt, l);
  if (r) return r < 0 ? -1 : 0;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = sl_repr(rt, v, &b);
  if (!rc)
    sl_raise(rt, SL_EXC_VALUE_ERROR, "%s is not a valid %s", sl_strbuf_cstr(&b),
             sl_str_cstr(sl_as_class(cls)->qualname));
  sl_strbuf_free(&b);
  return -1;
}

int sl__enum_mixed_value(sl_rt *rt, sl_value v, sl_value *out) {
  sl_obj *cls = v.tag == SL_V_OBJ ? sl_user_cls_of(v.u.o) : NULL;
  if (!cls || !(sl_as_class(cls)->lang_flags & SL__CLS_ENUM) ||
      !sl__enum_is_mixed(sl__enum_kind_of(cls)) || v.u.o->type != &sl_exc_type)
    return 0;
  sl_obj *attrs = sl_as_exc(v.u.o)->attrs;
  bool found = false;
  sl_value x;
  /* _value_ is in the member's own dict (new_member); borrowed here. */
  if (!attrs || sl_dict_get_str(rt, attrs, "_value_", &x, &found) || !found) return 0;
  *out = x;
  sl_vdecref(rt, x);
  return 1;
}
