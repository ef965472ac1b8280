/* enum.Flag and enum.IntFlag, after Lib/enum.py (3.11-3.14 agree on
 * everything below but `value in Cls`).
 *
 * A Flag class's members are made as Enum's (mod_enum_class.c), and only
 * the single-bit ones are canonical: they alone are iterated, counted by
 * len() and listed in _member_names_; a multi-bit value (RWX = 7) is a
 * named member all the same, and a later equal value an alias. The class
 * keeps _flag_mask_ (every member's bits), _singles_mask_ (the canonical
 * ones), _all_bits_ and _value2member_map_, which also caches the
 * pseudo-members that |, &, ^, ~ and Cls(value) make (Flag._missing_):
 * an instance named after its canonical members in definition order
 * ("R|W"; unknown bits of an IntFlag as a number, "R|8"; None when no
 * member is in it). Flag's boundary is STRICT (a value with unknown bits is
 * a ValueError), IntFlag's KEEP. Values are ints that fit 64 bits.
 *
 * 3.11.2's enum.py is older (profile switch flag_strict_boundary off):
 * Flag's boundary is CONFORM (unknown bits are dropped), _flag_mask_ holds
 * only the single bits, a pseudo-member is named after canonical members
 * only and cached only without unknown bits, and ~ is the complement within
 * _flag_mask_, linking both values' _inverted_.
 *
 * IntFlag members are also ints (mod_enum.c's mixed-in methods: str(),
 * format(), comparisons, arithmetic on the value), with Flag's |, &, ^, ~,
 * repr, in, iter and len on top, as EnumType puts Flag's operators first. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_enum-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"

/* ---- the class's bookkeeping ----------------------------------------------------- */

/* A borrowed attribute of the class's own dict (undef when absent). */
static sl_value own(sl_rt *rt, sl_obj *cls, const char *name) {
  sl_obj *d = sl_as_class(cls)->attrs;
  sl_value v = sl_undef();
  bool found = false;
  if (d && !sl_dict_get_str(rt, d, name, &v, &found) && found) sl_vdecref(rt, v);
  return found ? v : sl_undef();
}

static int64_t own_int(sl_rt *rt, sl_obj *cls, const char *name) {
  sl_value v = own(rt, cls, name);
  return v.tag == SL_V_INT ? v.u.i : 0;
}

static bool single_bit(int64_t v) { return v > 0 && !(v & (v - 1)); }

static int bit_length(int64_t v) {
  uint64_t u = v < 0 ? ~(uint64_t)v : (uint64_t)v;
  int n = 0;
  while (u) n++, u >>= 1;
  return n;
}

/* A member's _value_ as int64 (its own dict; members always have it). */
static int64_t value_of(sl_rt *rt, sl_value m) {
  sl_obj *attrs = m.tag == SL_V_OBJ && m.u.o->type == &sl_exc_type ? sl_as_exc(m.u.o)->attrs : NULL;
  sl_value v = sl_undef();
  bool found = false;
  if (attrs && !sl_dict_get_str(rt, attrs, "_value_", &v, &found) && found) sl_vdecref(rt, v);
  return v.tag == SL_V_INT ? v.u.i : v.tag == SL_V_BOOL ? v.u.b : 0;
}

static bool is_member_of(sl_value v, sl_obj *cls) {
  sl_obj *c = v.tag == SL_V_OBJ ? sl_user_cls_of(v.u.o) : NULL;
  return c && sl_class_is_subclass(c, cls);
}

/* A flag value: an int of 64 bits (bools are ints). 0 or -1. */
static int flag_int(sl_rt *rt, sl_value v, int64_t *out) {
  if (v.tag == SL_V_INT) return *out = v.u.i, 0;
  if (v.tag == SL_V_BOOL) return *out = v.u.b, 0;
  if (sl_is_long(v))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR,
                    "simloop supports Flag values that fit 64 bits (a value is beyond them)");
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported operand type(s) for |=: 'int' and '%s'",
                  sl_type_name(v));
}

static int set_int(sl_rt *rt, sl_obj *cls, const char *name, int64_t v) {
  return sl_dict_set_str(rt, sl_as_class(cls)->attrs, name, sl_int(v));
}

/* ---- the class statement's end ----------------------------------------------------- */

/* One body attribute: a member, or an alias of the member with that value. */
static int flag_member(sl_rt *rt, sl_obj *cls, sl_value key, sl_value val, sl_obj *v2m,
                       sl_obj *names, sl_obj *members, sl_obj *map, int64_t *all,
                       int64_t *singles) {
  int64_t value;
  sl_value m;
  bool found = false;
  if (flag_int(rt, val, &value) || sl_dict_get(rt, v2m, sl_int(value), &m, &found)) return -1;
  if (!found) {
    if (sl__enum_new_member(rt, cls, key, sl_int(value), true, &m) ||
        sl__generic_setattr(rt, m, "_sort_order_", sl_int((int64_t)sl_as_list(names)->len))) {
      return -1;
    }
    *all |= value;
    if (single_bit(value)) *singles |= value;
    int rc = sl_dict_set(rt, v2m, sl_int(value), m);
    if (!rc && single_bit(value))
      rc = sl_list_append(rt, names, key) || sl_list_append(rt, members, m);
    if (rc) {
      sl_vdecref(rt, m);
      return -1;
    }
  }
  int rc = sl_dict_set(rt, map, key, m) || sl_dict_set(rt, sl_as_class(cls)->attrs, key, m);
  sl_vdecref(rt, m);
  return rc ? -1 : 0;
}

int sl__flag_finish(sl_rt *rt, sl_obj *cls, sl__enum_kind kind) {
  sl_class *c = sl_as_class(cls);
  sl_obj *names = sl_list_new(rt, NULL, 0), *members = sl_list_new(rt, NULL, 0),
         *map = sl_dict_new(rt), *v2m = sl_dict_new(rt), *keys = sl_list_new(rt, NULL, 0);
  int rc = names && members && map && v2m && keys ? 0 : -1;
  size_t pos = 0;
  sl_value k, v;
  while (!rc && sl_dict_next(c->attrs, &pos, &k, &v))
    if (sl_is_str(k) && sl__enum_is_member(sl_str_cstr(c->name), sl_str_cstr(k.u.o), v))
      rc = sl_list_append(rt, keys, k);
  int64_t all = 0, singles = 0;
  for (size_t i = 0; !rc && keys && i < sl_as_list(keys)->len; i++) {
    sl_value key = sl_as_list(keys)->items[i], val = own(rt, cls, sl_str_cstr(key.u.o));
    if (sl_is_undef(val)) continue;
    sl_vincref(val);
    if (sl__enum_is_auto(val)) { /* auto() inside a tuple or set later: resolve now */
      sl_vdecref(rt, val);
      rc = sl__enum_auto_value(rt, c->attrs, kind, sl_str_cstr(key.u.o), &val);
      if (rc) break;
    }
    rc = flag_member(rt, cls, key, val, v2m, names, members, map, &all, &singles);
    sl_vdecref(rt, val);
  }
  /* 3.11.7+: _flag_mask_ |= value as each member is made; 3.11.2 sets it
   * to the single bits at the end (_all_bits_ covers every value in both). */
  if (!rc)
    rc = set_int(rt, cls, "_flag_mask_", rt->profile->flag_strict_boundary ? all : singles) ||
         set_int(rt, cls, "_singles_mask_", singles) ||
         set_int(rt, cls, "_all_bits_", (int64_t)((1ull << bit_length(all)) - 1)) ||
         sl_dict_set_str(rt, c->attrs, "_member_names_", sl_obj_val(names)) ||
         sl_dict_set_str(rt, c->attrs, "_members_", sl_obj_val(members)) ||
         sl_dict_set_str(rt, c->attrs, "_member_map_", sl_obj_val(map)) ||
         sl_dict_set_str(rt, c->attrs, "__members__", sl_obj_val(map)) ||
         sl_dict_set_str(rt, c->attrs, "_value2member_map_", sl_obj_val(v2m));
  sl_decref(rt, names);
  sl_decref(rt, members);
  sl_decref(rt, map);
  sl_decref(rt, v2m);
  sl_decref(rt, keys);
  return rc ? -1 : 0;
}

/* ---- Flag._missing_: pseudo-members ------------------------------------------------ */

/* enum.bin(num, max_bits): "0b0 1000", the sign bit apart. */
static void flag_bin(sl_strbuf *b, int64_t num, int max_bits) {
  int n = bit_length(num);
  bool neg = num < 0;
  /* digits of num + 2**n (num >= 0), or of the complement (num < 0),
   * without the leading 1 */
  uint64_t u = neg ? (uint64_t)(~num ^ (int64_t)((1ull << n) - 1)) : (uint64_t)num;
  char digits[72];
  int len = 0;
  for (int i = n - 1; i >= 0; i--) digits[len++] = (char)('0' + ((u >> i) & 1));
  if (n == 0) digits[len++] = neg ? '1' : '0';
  digits[len] = 0;
  sl_strbuf_printf(b, "0b%c ", neg ? '1' : '0');
  for (int i = len; i < max_bits; i++) sl_strbuf_putc(b, neg ? '1' : '0');
  sl_strbuf_puts(b, digits);
}

static int strict_error(sl_rt *rt, sl_obj *cls, int64_t value, int64_t mask) {
  int bits = bit_length(value) > bit_length(mask) ? bit_length(value) : bit_length(mask);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "<flag '%s'> invalid value %lld\n    given ",
                   sl_str_cstr(sl_as_class(cls)->name), (long long)value);
  flag_bin(&b, value, bits);
  sl_strbuf_puts(&b, "\n  allowed ");
  flag_bin(&b, mask, bits);
  sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return -1;
}

static bool picked_has(sl_obj *picked, sl_value m) {
  sl_list *l = sl_as_list(picked);
  for (size_t i = 0; i < l->len; i++)
    if (sl_is(l->items[i], m)) return true;
  return false;
}

/* The members a pseudo-member of `value` is named after: its canonical
 * members in definition order, then the named multi-bit members that
 * cover its other bits (Flag._missing_'s `members`). *combined: their
 * bits. */
static int pseudo_members(sl_rt *rt, sl_obj *cls, int64_t value, int64_t singles, sl_obj *picked,
                          int64_t *combined) {
  sl_list *l = sl_as_list(own(rt, cls, "_members_").u.o);
  *combined = 0;
  for (size_t i = 0; i < l->len; i++) {
    int64_t mv = value_of(rt, l->items[i]);
    if (!(mv & value & singles)) continue;
    if (sl_list_append(rt, picked, l->items[i])) return -1;
    *combined |= mv;
  }
  if (!(value & ~singles) || !rt->profile->flag_strict_boundary) return 0;
  sl_obj *map = own(rt, cls, "_member_map_").u.o;
  size_t pos = 0;
  sl_value k, m;
  while (sl_dict_next(map, &pos, &k, &m)) {
    int64_t mv = value_of(rt, m);
    if (!mv || (mv & value) != mv || picked_has(picked, m)) continue;
    if (sl_list_append(rt, picked, m)) return -1;
    *combined |= mv;
  }
  return 0;
}

/* The name of a pseudo-member of `value` ("R|W", "R|8" with unknown bits
 * under KEEP), None when no member is in it; STRICT's ValueError for
 * bits no member covers. */
static int pseudo_name(sl_rt *rt, sl_obj *cls, int64_t value, int64_t singles, sl_value *out) {
  sl_obj *picked = sl_list_new(rt, NULL, 0);
  int64_t combined;
  if (!picked || pseudo_members(rt, cls, value, singles, picked, &combined)) {
    sl_decref(rt, picked);
    return -1;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = 0;
  sl_list *l = sl_as_list(picked);
  for (size_t i = 0; !rc && i < l->len; i++) {
    sl_value n;
    if (sl_vm_getattr(rt, l->items[i], "_name_", &n)) {
      rc = -1;
      break;
    }
    if (i) sl_strbuf_putc(&b, '|');
    rc = sl_str(rt, n, &b);
    sl_vdecref(rt, n);
  }
  sl_decref(rt, picked);
  int64_t unknown = value ^ combined;
  if (rc || !combined) {
    sl_strbuf_free(&b);
    return rc ? -1 : (*out = sl_none(), 0);
  }
  if (unknown && sl__enum_kind_of(cls) == SL__ENUM_FLAG) {
    sl_strbuf_free(&b);
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "<flag '%s'>: no members with value %lld",
                    sl_str_cstr(sl_as_class(cls)->name), (long long)unknown);
  }
  if (unknown) sl_strbuf_printf(&b, "|%lld", (long long)unknown);
  sl_obj *s = sl_str_take_buf(rt, &b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

/* Flag._missing_(value) for an int value, *out the (cached) member. */
static int flag_missing(sl_rt *rt, sl_obj *cls, int64_t value, sl_value *out) {
  bool keep = sl__enum_kind_of(cls) == SL__ENUM_INTFLAG;
  int64_t mask = own_int(rt, cls, "_flag_mask_"), singles = own_int(rt, cls, "_singles_mask_");
  int64_t all_bits = own_int(rt, cls, "_all_bits_"), neg_value = 0;
  bool neg = false, strict = rt->profile->flag_strict_boundary;
  if (!(~all_bits <= value && value <= all_bits) || (value & (all_bits ^ mask))) {
    if (!keep && strict) return strict_error(rt, cls, value, mask);
    if (!keep) value &= mask; /* 3.11.2's CONFORM */
    if (keep && value < 0) {
      int n = bit_length(value);
      if (n >= 62)
        return sl_raise(rt, SL_EXC_OVERFLOW_ERROR,
                        "simloop supports Flag values that fit 64 bits (a value is beyond them)");
      int64_t p = (int64_t)1 << n;
      value += all_bits + 1 > p ? all_bits + 1 : p;
    }
  }
  if (value < 0) neg = true, neg_value = value, value = all_bits + 1 + value;
  int64_t unknown = value & ~mask;
  if (unknown && !keep) {
    sl_strbuf b = SL_STRBUF_INIT;
    flag_bin(&b, unknown, 0);
    sl_raise(rt, SL_EXC_VALUE_ERROR, "%s(%lld) -->  unknown values %lld [%s]",
             sl_str_cstr(sl_as_class(cls)->name), (long long)value, (long long)unknown,
             sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return -1;
  }
  sl_obj *v2m = own(rt, cls, "_value2member_map_").u.o;
  sl_value m, name;
  bool found = false;
  if (sl_dict_get(rt, v2m, sl_int(value), &m, &found)) return -1;
  if (!found) {
    if (pseudo_name(rt, cls, value, singles, &name)) return -1;
    int rc = sl__enum_new_member(rt, cls, name, sl_int(value), false, &m);
    sl_vdecref(rt, name);
    if (!strict && unknown) return rc ? -1 : (*out = m, 0); /* 3.11.2 caches known bits only */
    if (rc || sl_dict_set(rt, v2m, sl_int(value), m)) {
      if (!rc) sl_vdecref(rt, m);
      return -1;
    }
  }
  if (neg && sl_dict_set(rt, v2m, sl_int(neg_value), m)) {
    sl_vdecref(rt, m);
    return -1;
  }
  *out = m;
  return 0;
}

int sl__flag_call(sl_rt *rt, sl_obj *cls, sl_value v, sl_value *out) {
  if (is_member_of(v, cls)) return *out = sl_vincref(v), 0;
  if (v.tag != SL_V_INT && v.tag != SL_V_BOOL && !sl_is_long(v)) {
    sl_strbuf b = SL_STRBUF_INIT;
    if (!sl_repr(rt, v, &b))
      sl_raise(rt, SL_EXC_VALUE_ERROR, "%s is not a valid %s", sl_strbuf_cstr(&b),
               sl_str_cstr(sl_as_class(cls)->qualname));
    sl_strbuf_free(&b);
    return -1;
  }
  int64_t i;
  if (flag_int(rt, v, &i)) return -1;
  sl_obj *v2m = own(rt, cls, "_value2member_map_").u.o;
  bool found = false;
  if (sl_dict_get(rt, v2m, sl_int(i), out, &found)) return -1;
  return found ? 0 : flag_missing(rt, cls, i, out);
}

int sl__flag_class_contains(sl_rt *rt, sl_obj *cls, sl_value item, bool *res) {
  *res = false;
  if (sl__py_minor(rt) >= 14) { /* Flag: whether _missing_ makes a member */
    sl_value m;
    if (!sl__flag_call(rt, cls, item, &m)) {
      sl_vdecref(rt, m);
      return *res = true, 0;
    }
    if (!rt->exc || !sl_exc_isinstance(rt->exc, SL_EXC_VALUE_ERROR)) return -1;
    sl_err_clear(rt);
  }
  /* 3.12, 3.13: `value in cls._value2member_map_` (pseudo-members made so
   * far included); 3.14 then the members' values. */
  if (item.tag != SL_V_INT && item.tag != SL_V_BOOL) return 0;
  sl_value m;
  bool found = false;
  if (sl_dict_get(rt, own(rt, cls, "_value2member_map_").u.o, item, &m, &found)) return -1;
  if (found) sl_vdecref(rt, m);
  *res = found;
  return 0;
}

/* ---- Flag's methods --------------------------------------------------------------- */

/* Flag.__repr__: <Perm.R|W: 6>, <Perm: 0> when nameless. */
static int flag_repr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__repr__")) return -1;
  sl_value m = a->pos[0], name;
  if (sl_vm_getattr(rt, m, "_name_", &name)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "<%s", sl_str_cstr(sl_as_class(sl_user_cls_of(m.u.o))->name));
  if (!sl_is_none(name)) sl_strbuf_printf(&b, ".%s", sl_str_cstr(name.u.o));
  sl_strbuf_printf(&b, ": %lld>", (long long)value_of(rt, m));
  sl_vdecref(rt, name);
  return sl__enum_str_result(rt, &b, 0, out);
}

/* Flag.__str__: Perm.R|W, Perm(0) when nameless. */
static int flag_str_of(sl_rt *rt, sl_value m, sl_value *out) {
  sl_value name;
  if (sl_vm_getattr(rt, m, "_name_", &name)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  const char *cls = sl_str_cstr(sl_as_class(sl_user_cls_of(m.u.o))->name);
  if (sl_is_none(name))
    sl_strbuf_printf(&b, "%s(%lld)", cls, (long long)value_of(rt, m));
  else
    sl_strbuf_printf(&b, "%s.%s", cls, sl_str_cstr(name.u.o));
  sl_vdecref(rt, name);
  return sl__enum_str_result(rt, &b, 0, out);
}

static int flag_str(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__str__")) return -1;
  return flag_str_of(rt, a->pos[0], out);
}

/* Enum.__format__: format(str(self), spec). */
static int flag_format(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 2, "__format__")) return -1;
  if (!sl_is_str(a->pos[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__format__() argument must be str");
  sl_value s;
  if (flag_str_of(rt, a->pos[0], &s)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strobj *spec = sl_as_str(a->pos[1].u.o);
  int rc = sl_format(rt, s, spec->data, spec->len, &b);
  sl_vdecref(rt, s);
  return sl__enum_str_result(rt, &b, rc, out);
}

static int flag_bool(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__bool__")) return -1;
  return *out = sl_bool(value_of(rt, a->pos[0]) != 0), 0;
}

static int flag_len(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__len__")) return -1;
  return *out = sl_int(__builtin_popcountll((uint64_t)value_of(rt, a->pos[0]))), 0;
}

/* Flag.__iter__: the canonical members in it, in definition order. */
static int flag_iter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__iter__")) return -1;
  sl_obj *cls = sl_user_cls_of(a->pos[0].u.o);
  int64_t v = value_of(rt, a->pos[0]);
  sl_list *l = sl_as_list(own(rt, cls, "_members_").u.o);
  sl_obj *res = sl_list_new(rt, NULL, 0);
  int rc = res ? 0 : -1;
  for (size_t i = 0; !rc && i < l->len; i++)
    if (value_of(rt, l->items[i]) & v) rc = sl_list_append(rt, res, l->items[i]);
  if (!rc) rc = sl_iter(rt, sl_obj_val(res), out);
  sl_decref(rt, res);
  return rc ? -1 : 0;
}

static int flag_contains(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 2, "__contains__")) return -1;
  sl_obj *cls = sl_user_cls_of(a->pos[0].u.o);
  if (!is_member_of(a->pos[1], cls))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported operand type(s) for 'in': '%s' and '%s'",
                    sl_type_name(a->pos[1]), sl_str_cstr(sl_as_class(cls)->qualname));
  int64_t other = value_of(rt, a->pos[1]);
  return *out = sl_bool((other & value_of(rt, a->pos[0])) == other), 0;
}

/* Flag.__or__/__and__/__xor__ and their reflections (self.u.i holds the
 * operator): another member of the class, or an int for IntFlag. */
static int flag_binop(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 2, "operator")) return -1;
  sl_obj *cls = sl_user_cls_of(a->pos[0].u.o);
  sl_value o = a->pos[1];
  int64_t x = value_of(rt, a->pos[0]), y;
  if (is_member_of(o, cls)) {
    y = value_of(rt, o);
  } else if (sl__enum_kind_of(cls) == SL__ENUM_INTFLAG && (o.tag == SL_V_INT || sl_is_long(o))) {
    if (flag_int(rt, o, &y)) return -1;
  } else {
    return sl__vm_builtin(rt, "NotImplemented", out);
  }
  int64_t r = self.u.i == SL_BIN_BITOR ? x | y : self.u.i == SL_BIN_BITAND ? x & y : x ^ y;
  return sl__flag_call(rt, cls, sl_int(r), out);
}

/* Flag.__invert__, cached in _inverted_: the complement within the
 * canonical members (STRICT; 3.11.2: within _flag_mask_, and the result's
 * _inverted_ is set back to self), or ~value (IntFlag's KEEP). */
static int flag_invert(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__enum_need_args(rt, a, 1, "__invert__")) return -1;
  sl_value m = a->pos[0], cached;
  sl_obj *cls = sl_user_cls_of(m.u.o), *attrs = sl_as_exc(m.u.o)->attrs;
  bool found = false;
  if (attrs && sl_dict_get_str(rt, attrs, "_inverted_", &cached, &found)) return -1;
  if (found && !sl_is_none(cached)) return *out = cached, 0;
  if (found) sl_vdecref(rt, cached);
  int64_t v = value_of(rt, m);
  bool strict = rt->profile->flag_strict_boundary;
  int64_t r = sl__enum_kind_of(cls) == SL__ENUM_INTFLAG ? ~v
              : strict                                  ? own_int(rt, cls, "_singles_mask_") & ~v
                                                        : own_int(rt, cls, "_flag_mask_") ^ v;
  if (sl__flag_call(rt, cls, sl_int(r), out)) return -1;
  if (sl__generic_setattr(rt, m, "_inverted_", *out) ||
      (!strict && sl__generic_setattr(rt, *out, "_inverted_", m))) {
    sl_vdecref(rt, *out);
    return -1;
  }
  return 0;
}

static const sl__enum_method flag_methods[] = {
    {"__repr__", flag_repr, 0},
    {"__str__", flag_str, 0},
    {"__format__", flag_format, 0},
    {"__bool__", flag_bool, 0},
    {"__len__", flag_len, 0},
    {"__iter__", flag_iter, 0},
    {"__contains__", flag_contains, 0},
    {"__invert__", flag_invert, 0},
    {"__or__", flag_binop, SL_BIN_BITOR},
    {"__ror__", flag_binop, SL_BIN_BITOR},
    {"__and__", flag_binop, SL_BIN_BITAND},
    {"__rand__", flag_binop, SL_BIN_BITAND},
    {"__xor__", flag_binop, SL_BIN_BITXOR},
    {"__rxor__", flag_binop, SL_BIN_BITXOR},
    {NULL, NULL, 0},
};
/* IntFlag: Flag's operators win over int's (EnumType copies them in). */
static const sl__enum_method intflag_methods[] = {
    {"__invert__", flag_invert, 0},          {"__or__", flag_binop, SL_BIN_BITOR},
    {"__ror__", flag_binop, SL_BIN_BITOR},   {"__and__", flag_binop, SL_BIN_BITAND},
    {"__rand__", flag_binop, SL_BIN_BITAND}, {"__xor__", flag_binop, SL_BIN_BITXOR},
    {"__rxor__", flag_binop, SL_BIN_BITXOR}, {NULL, NULL, 0},
};

static sl_cfunc_def flag_defs[sizeof flag_methods / sizeof *flag_methods];
static sl_cfunc_def intflag_defs[sizeof intflag_methods / sizeof *intflag_methods];

int sl__flag_add_methods(sl_rt *rt, sl_obj *flag, sl_obj *intflag) {
  return sl__enum_add_methods(rt, flag, flag_methods, flag_defs) ||
                 sl__enum_add_methods(rt, intflag, intflag_methods, intflag_defs)
             ? -1
             : 0;
}
