/* The builtin functions: len, repr, abs, min, max, sum, sorted,
 * reversed, enumerate, zip, map, filter, isinstance, hasattr, getattr,
 * setattr, any, all, round, divmod, pow, hash, chr, ord, hex, oct, bin,
 * format, callable, iter, next, ascii. Mirrors Python/bltinmodule.c (the
 * algorithms where they are observable, e.g. sum()'s float compensation,
 * and the messages). The types (int, str, list, ...) are in
 * builtins_types.c, print and vars in builtins_print.c. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/lang/modules/mod_enum-int.h"
#include "core/lang/builtins-int.h"
#include "core/lang/code.h"
#include "core/lang/vm-int.h"

#define FN(name) static int bi_##name(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out)

static int bind(sl_rt *rt, const sl_args *a, const char *fname, const char *const *names, size_t n,
                size_t nreq, size_t npos, sl_value *v) {
  return sl_args_bind(rt, a, fname, names, n, nreq, npos, v);
}

/* Positional-only builtins: "len() takes exactly one argument (0 given)". */
static int exactly(sl_rt *rt, const sl_args *a, const char *name, size_t n) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (a->npos == n) return 0;
  if (n == 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)", name,
                    a->npos);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected %zu arguments, got %zu", name, n, a->npos);
}

FN(len) {
  if (exactly(rt, a, "len", 1)) return -1;
  int64_t n;
  if (sl_len(rt, a->pos[0], &n)) return -1;
  *out = sl_int(n);
  return 0;
}

static int text_of(sl_rt *rt, sl_value v, int (*f)(sl_rt *, sl_value, sl_strbuf *), sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  if (f(rt, v, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

FN(repr) {
  if (exactly(rt, a, "repr", 1)) return -1;
  return text_of(rt, a->pos[0], sl_vm_repr, out);
}

FN(ascii) {
  if (exactly(rt, a, "ascii", 1)) return -1;
  return text_of(rt, a->pos[0], sl_ascii, out);
}

FN(abs) {
  if (exactly(rt, a, "abs", 1)) return -1;
  sl_value v = sl_num_unbox(a->pos[0]);
  if (v.tag == SL_V_FLOAT)
    *out = sl_float(fabs(v.u.f));
  else if (sl_is_long(v) || (v.tag == SL_V_INT && v.u.i == INT64_MIN)) {
    bool neg = sl_is_long(v) ? ((sl_longobj *)v.u.o)->sign < 0 : true;
    return sl__long_unary(rt, neg ? SL_UNARY_USUB : SL_UNARY_UADD, v, out);
  } else if (sl__is_intlike(v)) {
    int64_t i = sl__intval(v);
    *out = sl_int(i < 0 ? -i : i);
  } else {
    const sl_lang_slots *s = sl_lang_slots_of(v);
    int r = s && s->unary ? s->unary(rt, SL_LANG_ABS, v.u.o, out) : 0;
    if (r) return r < 0 ? -1 : 0;
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "bad operand type for abs(): '%s'", sl_type_name(v));
  }
  return 0;
}

static int minmax(sl_rt *rt, const sl_args *a, sl_value *out, bool is_max) {
  const char *name = is_max ? "max" : "min";
  sl_value key = sl_none(), dflt = sl_undef();
  for (size_t i = 0; i < a->nkw; i++) {
    const char *k = sl_str_cstr(a->kwnames[i]);
    if (!strcmp(k, "key"))
      key = a->kwvals[i];
    else if (!strcmp(k, "default"))
      dflt = a->kwvals[i];
    else
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", name,
                      k);
  }
  if (a->npos == 0)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at least 1 argument, got 0", name);
  if (a->npos > 1 && !sl_is_undef(dflt))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Cannot specify a default for %s() with multiple positional arguments", name);
  const sl_value *items;
  size_t n;
  sl_obj *owned = NULL;
  if (a->npos > 1)
    items = a->pos, n = a->npos;
  else if (sl_seq_items(rt, a->pos[0], &items, &n, &owned))
    return -1;
  int rc = 0;
  if (n == 0) {
    if (!sl_is_undef(dflt))
      *out = sl_vincref(dflt);
    else
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, sl__msg_minmax_empty(rt), name);
    sl_decref(rt, owned);
    return rc;
  }
  /* Hold our own references: a key function may mutate the list. */
  sl_obj *hold = sl_list_new(rt, items, n);
  sl_decref(rt, owned);
  if (!hold) return -1;
  items = sl_as_list(hold)->items;
  sl_value best = items[0], best_key = sl_undef();
  if (!sl_is_none(key))
    rc = sl_call_pos(rt, key, &best, 1, &best_key);
  else
    best_key = sl_vincref(best);
  for (size_t i = 1; i < n && !rc; i++) {
    sl_value k;
    if (!sl_is_none(key)) {
      if ((rc = sl_call_pos(rt, key, &items[i], 1, &k))) break;
    } else
      k = sl_vincref(items[i]);
    bool better;
    rc = sl__richcompare(rt, is_max ? SL_CMP_GT : SL_CMP_LT, k, best_key, &better);
    if (!rc && better) {
      sl_vset(rt, &best_key, k);
      best = items[i];
    } else
      sl_vdecref(rt, k);
  }
  sl_vdecref(rt, best_key);
  if (!rc) *out = sl_vincref(best);
  sl_decref(rt, hold);
  return rc;
}

FN(max) { return minmax(rt, a, out, true); }
FN(min) { return minmax(rt, a, out, false); }

FN(sum) {
  static const char *const names[] = {"iterable", "start"};
  sl_value v[2];
  if (bind(rt, a, "sum", names, 2, 1, 2, v)) return -1;
  sl_value start = sl_is_undef(v[1]) ? sl_int(0) : v[1];
  if (sl_is_str(start))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "sum() can't sum strings [use ''.join(seq) instead]");
  if (sl_is_type(start, &sl_bytes_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "sum() can't sum bytes [use b''.join(seq) instead]");
  sl_value it, x, acc = sl_vincref(start);
  if (sl_iter(rt, v[0], &it)) return -1;
  if (acc.tag == SL_V_INT && it.u.o->type == &sl__list_iter_type) {
    /* A list's iterator (what seqiter_next reads in place): its leading
     * small ints are added from the items without a call each. Nothing
     * runs meanwhile, so the list cannot change; the iterator is left
     * where the loop below goes on. */
    sl__iter *li = (sl__iter *)it.u.o;
    if (li->src.tag == SL_V_OBJ && li->src.u.o->type == &sl_list_type) {
      const sl_list *l = sl_as_list(li->src.u.o);
      int64_t small;
      while (li->pos >= 0 && (uint64_t)li->pos < l->len && l->items[li->pos].tag == SL_V_INT &&
             !__builtin_add_overflow(acc.u.i, l->items[li->pos].u.i, &small)) {
        acc.u.i = small;
        li->pos += li->step;
      }
    }
  }
  bool compensate = rt->profile->sum_float_compensated;
  double c = 0.0;
  bool in_float = false;
  int r;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    int rc = 0;
    int64_t small;
    /* Small ints add in place until one overflows, as builtin_sum's
     * fast path does; the overflowing addition takes the general path. */
    if (acc.tag == SL_V_INT && x.tag == SL_V_INT &&
        !__builtin_add_overflow(acc.u.i, x.u.i, &small)) {
      acc.u.i = small;
      continue;
    }
    if (compensate && acc.tag == SL_V_FLOAT && x.tag == SL_V_FLOAT) {
      double f = acc.u.f, y = x.u.f, t = f + y;
      if (fabs(f) >= fabs(y))
        c += (f - t) + y;
      else
        c += (y - t) + f;
      acc = sl_float(t);
      in_float = true;
    } else if (compensate && acc.tag == SL_V_FLOAT && sl__is_intlike(x)) {
      acc = sl_float(acc.u.f + (double)sl__intval(x));
      in_float = true;
    } else {
      if (in_float && c != 0 && isfinite(c)) acc = sl_float(acc.u.f + c);
      c = 0, in_float = false;
      sl_value nacc;
      rc = sl_binary_op(rt, SL_BIN_ADD, acc, x, &nacc);
      if (!rc) sl_vset(rt, &acc, nacc);
    }
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  if (r < 0) {
    sl_vdecref(rt, acc);
    return -1;
  }
  if (in_float && c != 0 && isfinite(c)) acc = sl_float(acc.u.f + c);
  *out = acc;
  return 0;
}

FN(sorted) {
  if (a->npos != 1) {
    if (a->npos == 0) return sl_raise(rt, SL_EXC_TYPE_ERROR, "sorted expected 1 argument, got 0");
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "sorted expected 1 argument, got %zu", a->npos);
  }
  sl_obj *l;
  if (sl_list_from_iterable(rt, a->pos[0], &l)) return -1;
  sl_value m;
  if (sl_lang_getattr(rt, sl_obj_val(l), "sort", &m)) {
    sl_decref(rt, l);
    return -1;
  }
  sl_args kw = *a;
  kw.npos = 0;
  sl_value ignored;
  int rc = sl_call(rt, m, &kw, &ignored);
  sl_vdecref(rt, m);
  if (rc) {
    sl_decref(rt, l);
    return -1;
  }
  sl_vdecref(rt, ignored);
  *out = sl_obj_val(l);
  return 0;
}

FN(isinstance) {
  if (exactly(rt, a, "isinstance", 2)) return -1;
  sl_value cls = a->pos[1];
  bool res = false;
  if (sl__is_tuple(cls)) {
    sl_tuple *t = sl_as_tuple(cls.u.o);
    for (size_t i = 0; i < t->len && !res; i++) {
      sl_args sub = {(sl_value[]){a->pos[0], t->items[i]}, 2, NULL, NULL, 0};
      sl_value r;
      if (bi_isinstance(rt, self, &sub, &r)) return -1;
      res = r.u.b;
    }
  } else if (sl_isinstance1(rt, a->pos[0], cls, &res))
    return -1;
  *out = sl_bool(res);
  return 0;
}

FN(issubclass) {
  if (exactly(rt, a, "issubclass", 2)) return -1;
  sl_value c = a->pos[0], base = a->pos[1];
  if (!sl_is_type(c, &sl_class_type) && !sl_is_type(c, &sl_typeobj_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "issubclass() arg 1 must be a class");
  bool res = false;
  const sl_value *bases = &base;
  size_t n = 1;
  if (sl__is_tuple(base)) bases = sl_as_tuple(base.u.o)->items, n = sl_as_tuple(base.u.o)->len;
  for (size_t i = 0; i < n && !res; i++) {
    sl_value b = bases[i];
    if (sl_is_type(b, &sl_class_type)) {
      res = sl_is_type(c, &sl_class_type) && sl_class_is_subclass(c.u.o, b.u.o);
      /* ABCMeta.__subclasscheck__: classes registered as virtual subclasses. */
      if (!res && (sl_as_class(b.u.o)->lang_flags & (SL__CLS_ABC_REG | SL__CLS_ABC_HOOK)) &&
          sl__abc_subclasscheck(rt, c, b.u.o, &res))
        return -1;
    } else if (sl_is_type(b, &sl_typeobj_type)) {
      const char *bn = ((sl_typeobj *)b.u.o)->name;
      res = sl_is(c, b) || !strcmp(bn, "object") ||
            (sl_is_type(c, &sl_typeobj_type) && !strcmp(bn, "int") &&
             !strcmp(((sl_typeobj *)c.u.o)->name, "bool"));
      /* Classes with bases (asyncio.LifoQueue -> Queue): walk c's chain. */
      const sl_classdef *bc = ((sl_typeobj *)b.u.o)->cls;
      sl_value cn = c;
      /* A scenario class deriving from an engine class: from that one. */
      if (sl_is_type(c, &sl_class_type) && sl_as_class(c.u.o)->native)
        cn = sl_obj_val(sl_as_class(c.u.o)->native);
      if (!res && sl_is_type(c, &sl_class_type)) res = cn.u.o == b.u.o; /* class D(dict) */
      if (!res && sl_is_type(c, &sl_class_type) && !strcmp(bn, "type")) /* class M(type) */
        res = sl_as_class(c.u.o)->lang_flags & SL__CLS_META;
      if (!res && sl_is_type(c, &sl_class_type) &&
          (sl_as_class(c.u.o)->lang_flags & SL_CLS_ENUM)) { /* IntEnum, IntFlag, StrEnum */
        sl__enum_kind k = sl__enum_kind_of(c.u.o);
        res = !strcmp(bn, k == SL__ENUM_STR || k == SL__ENUM_STR_MIX ? "str" : "int") &&
              sl__enum_is_mixed(k);
      }
      if (!res && bc && sl_is_type(cn, &sl_typeobj_type))
        for (const sl_classdef *cc = ((sl_typeobj *)cn.u.o)->cls; cc && !res; cc = cc->base)
          res = cc == bc;
    } else
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  }
  *out = sl_bool(res);
  return 0;
}

static int attr_name(sl_rt *rt, sl_value v) {
  if (sl_is_str(v)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "attribute name must be string, not '%s'",
                  sl_type_name(v));
}

FN(getattr) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "getattr() takes no keyword arguments");
  if (a->npos < 2 || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "getattr expected at %s %d arguments, got %zu",
                    a->npos < 2 ? "least" : "most", a->npos < 2 ? 2 : 3, a->npos);
  if (attr_name(rt, a->pos[1])) return -1;
  if (!sl_vm_getattr(rt, a->pos[0], sl_str_cstr(a->pos[1].u.o), out)) return 0;
  if (a->npos == 3 && sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) {
    sl_err_clear(rt);
    *out = sl_vincref(a->pos[2]);
    return 0;
  }
  return -1;
}

FN(hasattr) {
  if (exactly(rt, a, "hasattr", 2) || attr_name(rt, a->pos[1])) return -1;
  sl_value v;
  if (!sl_vm_getattr(rt, a->pos[0], sl_str_cstr(a->pos[1].u.o), &v)) {
    sl_vdecref(rt, v);
    *out = sl_bool(true);
    return 0;
  }
  if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
  sl_err_clear(rt);
  *out = sl_bool(false);
  return 0;
}

FN(setattr) {
  if (exactly(rt, a, "setattr", 3) || attr_name(rt, a->pos[1])) return -1;
  return sl_vm_setattr(rt, a->pos[0], sl_str_cstr(a->pos[1].u.o), a->pos[2]);
}

static int any_all(sl_rt *rt, const sl_args *a, sl_value *out, bool want) {
  if (exactly(rt, a, want ? "any" : "all", 1)) return -1;
  sl_value it, x;
  if (sl_iter(rt, a->pos[0], &it)) return -1;
  int r;
  bool found = false;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    bool t;
    int rc = sl_truth(rt, x, &t);
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
    if (t == want) {
      found = true;
      break;
    }
  }
  sl_vdecref(rt, it);
  if (r < 0) return -1;
  *out = sl_bool(want ? found : !found);
  return 0;
}
FN(any) { return any_all(rt, a, out, true); }
FN(all) { return any_all(rt, a, out, false); }

FN(round) {
  static const char *const names[] = {"number", "ndigits"};
  sl_value v[2];
  if (bind(rt, a, "round", names, 2, 1, 2, v)) return -1;
  sl_value x = sl_num_unbox(v[0]);
  bool has_nd = !sl_is_undef(v[1]) && !sl_is_none(v[1]);
  int64_t nd = 0;
  if (has_nd && !sl_as_index(v[1], &nd))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v[1]));
  sl_num_status st;
  if (x.tag == SL_V_FLOAT) {
    if (!has_nd) {
      int64_t r;
      st = sl_float_round_int(x.u.f, &r);
      /* Beyond int64 a float is integral: round(x) is int(x). */
      if (st == SL_NUM_INT_OVERFLOW) return sl__float_to_int(rt, x.u.f, out);
      if (st) return sl__num_error(rt, st, SL_OP_TO_INT, true);
      *out = sl_int(r);
    } else {
      double r;
      st = sl_float_round(x.u.f, nd, &r);
      if (st) return sl__num_error(rt, st, SL_OP_ROUND, true);
      *out = sl_float(r);
    }
    return 0;
  }
  if (sl_is_long(x) || (sl__is_intlike(x) && has_nd && nd < 0)) {
    if (!has_nd || nd >= 0) {
      *out = sl_vincref(x);
      return 0;
    }
    return sl__long_round(rt, x, nd, out);
  }
  if (sl__is_intlike(x)) {
    *out = sl_int(sl__intval(x));
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "type %s doesn't define __round__ method",
                  sl_type_name(x));
}

FN(divmod) {
  if (exactly(rt, a, "divmod", 2)) return -1;
  sl_value x = sl_num_unbox(a->pos[0]), y = sl_num_unbox(a->pos[1]), r[2];
  const sl_lang_slots *s = sl_lang_slots_of(x);
  if (s && s->binary) { /* timedelta: (x // y, x % y), as its __divmod__ */
    if (sl_binary_op(rt, SL_BIN_FLOORDIV, x, y, &r[0])) return -1;
    if (sl_binary_op(rt, SL_BIN_MOD, x, y, &r[1])) {
      sl_vdecref(rt, r[0]);
      return -1;
    }
    sl_obj *t = sl_tuple_new(rt, r, 2);
    sl_vdecref(rt, r[0]);
    sl_vdecref(rt, r[1]);
    return t ? (*out = sl_obj_val(t), 0) : -1;
  }
  if (!sl__is_num(x) || !sl__is_num(y))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "unsupported operand type(s) for divmod(): '%s' and '%s'", sl_type_name(x),
                    sl_type_name(y));
  if (x.tag != SL_V_FLOAT && y.tag != SL_V_FLOAT) {
    int64_t q, m;
    sl_num_status st = SL_NUM_INT_OVERFLOW;
    if (x.tag != SL_V_OBJ && y.tag != SL_V_OBJ)
      st = sl_int_divmod(sl__intval(x), sl__intval(y), &q, &m);
    if (st == SL_NUM_INT_OVERFLOW) {
      if (sl__long_divmod(rt, x, y, &r[0], &r[1])) return -1;
    } else if (st) {
      return sl__num_error(rt, st, SL_OP_DIVMOD, false);
    } else {
      r[0] = sl_int(q), r[1] = sl_int(m);
    }
  } else {
    double q, m, fx, fy;
    if (sl__to_double(rt, x, &fx) || sl__to_double(rt, y, &fy)) return -1;
    sl_num_status st = sl_float_divmod(fx, fy, &q, &m);
    if (st) return sl__num_error(rt, st, SL_OP_DIVMOD, true);
    r[0] = sl_float(q), r[1] = sl_float(m);
  }
  sl_obj *t = sl_tuple_new(rt, r, 2);
  sl_vdecref(rt, r[0]);
  sl_vdecref(rt, r[1]);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

/* (a * b) % m without overflow, for 0 <= a, b < m. */
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
  uint64_t r = 0;
  a %= m;
  while (b) {
    if (b & 1) r = r >= m - a ? r - (m - a) : r + a;
    a = a >= m - a ? a - (m - a) : a + a;
    b >>= 1;
  }
  return r;
}

FN(pow) {
  static const char *const names[] = {"base", "exp", "mod"};
  sl_value v[3];
  if (bind(rt, a, "pow", names, 3, 2, 3, v)) return -1;
  if (sl_is_undef(v[2]) || sl_is_none(v[2])) return sl_binary_op(rt, SL_BIN_POW, v[0], v[1], out);
  for (int i = 0; i < 3; i++) v[i] = sl_num_unbox(v[i]);
  if (!sl_is_intish(v[0]) || !sl_is_intish(v[1]) || !sl_is_intish(v[2]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "pow() 3rd argument not allowed unless all arguments are integers");
  if (sl_is_long(v[0]) || sl_is_long(v[1]) || sl_is_long(v[2]))
    return sl__long_powmod(rt, v[0], v[1], v[2], out);
  int64_t b = sl__intval(v[0]), e = sl__intval(v[1]), m = sl__intval(v[2]);
  if (m == 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
  uint64_t um = m < 0 ? 0 - (uint64_t)m : (uint64_t)m;
  uint64_t base = b < 0 ? um - (0 - (uint64_t)b) % um : (uint64_t)b % um;
  if (base == um) base = 0;
  if (e < 0) {
    /* Modular inverse by the extended Euclid algorithm. */
    int64_t t = 0, nt = 1;
    uint64_t r = um, nr = base;
    while (nr) {
      uint64_t q = r / nr, tmp = r - q * nr;
      int64_t tt = t - (int64_t)q * nt;
      t = nt, nt = tt, r = nr, nr = tmp;
    }
    if (r != 1)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "base is not invertible for the given modulus");
    base = t < 0 ? (uint64_t)(t + (int64_t)um) : (uint64_t)t;
    e = e == INT64_MIN ? INT64_MAX : -e; /* INT64_MIN: off by one, never reached in practice */
  }
  uint64_t res = um == 1 ? 0 : 1;
  for (uint64_t ue = (uint64_t)e; ue; ue >>= 1) {
    if (ue & 1) res = mulmod(res, base, um);
    base = mulmod(base, base, um);
  }
  /* The result takes the modulus's sign. */
  int64_t r = (int64_t)res;
  if (m < 0 && res) r = (int64_t)(res - um);
  *out = sl_int(r);
  return 0;
}

FN(hash) {
  if (exactly(rt, a, "hash", 1)) return -1;
  int64_t h;
  if (sl_hash(rt, a->pos[0], &h)) return -1;
  *out = sl_int(h);
  return 0;
}

FN(chr) {
  if (exactly(rt, a, "chr", 1)) return -1;
  int64_t cp;
  if (sl_is_long(sl_num_unbox(a->pos[0]))) {
    if (rt->profile->chr_big_value_error)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C int");
  }
  if (!sl_as_index(a->pos[0], &cp))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a->pos[0]));
  /* <=3.12: the argument is a C int (_PyLong_AsInt) before the range check. */
  if (!rt->profile->chr_big_value_error && (cp < INT32_MIN || cp > INT32_MAX))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C int");
  if (cp < 0 || cp > 0x10FFFF)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
  sl_strbuf b = SL_STRBUF_INIT, err = SL_STRBUF_INIT;
  sl_num_status st = sl_format_int(&b, cp, "c", 1, sl__py_minor(rt), &err);
  sl_strbuf_free(&err);
  if (st) {
    sl_strbuf_free(&b);
    return sl_nomem(rt);
  }
  return sl__str_result(rt, &b, out);
}

FN(ord) {
  if (exactly(rt, a, "ord", 1)) return -1;
  sl_value v = a->pos[0];
  if (sl_is_str(v)) {
    sl_strobj *s = sl_as_str(v.u.o);
    if (s->cplen != 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "ord() expected a character, but string of length %zu found", s->cplen);
    const unsigned char *p = (const unsigned char *)s->data;
    uint32_t cp = p[0];
    size_t k = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
    if (k > 1) {
      cp &= 0x7Fu >> k;
      for (size_t j = 1; j < k && j < s->len; j++) cp = (cp << 6) | (p[j] & 0x3F);
    }
    *out = sl_int(cp);
    return 0;
  }
  if (sl_is_type(v, &sl_bytes_type)) {
    if (sl_as_bytes(v.u.o)->len != 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "ord() expected a character, but string of length %zu found",
                      sl_as_bytes(v.u.o)->len);
    *out = sl_int(sl_as_bytes(v.u.o)->data[0]);
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "ord() expected string of length 1, but %s found",
                  sl_type_name(v));
}

static int radix(sl_rt *rt, const sl_args *a, sl_value *out, const char *name, const char *spec) {
  if (exactly(rt, a, name, 1)) return -1;
  int64_t v;
  if (sl_is_long(sl_num_unbox(a->pos[0]))) {
    sl_strbuf b = SL_STRBUF_INIT;
    if (sl_format(rt, a->pos[0], spec, strlen(spec), &b)) {
      sl_strbuf_free(&b);
      return -1;
    }
    return sl__str_result(rt, &b, out);
  }
  if (!sl_as_index(a->pos[0], &v))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a->pos[0]));
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_format(rt, sl_int(v), spec, strlen(spec), &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}
FN(hex) { return radix(rt, a, out, "hex", "#x"); }
FN(oct) { return radix(rt, a, out, "oct", "#o"); }
FN(bin) { return radix(rt, a, out, "bin", "#b"); }

FN(format) {
  static const char *const names[] = {"value", "format_spec"};
  sl_value v[2];
  if (bind(rt, a, "format", names, 2, 1, 2, v)) return -1;
  const char *spec = "";
  size_t len = 0;
  if (!sl_is_undef(v[1])) {
    if (!sl_is_str(v[1]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "format() argument 2 must be str, not %s",
                      sl_type_name(v[1]));
    spec = sl_str_cstr(v[1].u.o), len = sl_as_str(v[1].u.o)->len;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_format(rt, v[0], spec, len, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

FN(callable) {
  if (exactly(rt, a, "callable", 1)) return -1;
  sl_value v = a->pos[0];
  /* Instances are callable when their class has __call__. */
  *out = sl_bool(v.tag == SL_V_OBJ && v.u.o->type->call != NULL &&
                 (v.u.o->type != &sl_exc_type || sl_is_user_inst(v, SL_CLS_CALL)));
  return 0;
}

FN(iter) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "iter() takes no keyword arguments");
  if (a->npos == 2) {
    sl_value fn = a->pos[0];
    if (fn.tag != SL_V_OBJ || !fn.u.o->type->call)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      rt->profile->iter_sentinel_object_message
                          ? "iter(object, sentinel): object must be callable"
                          : "iter(v, w): v must be callable");
    return sl__callable_iter_new(rt, fn, a->pos[1], out);
  }
  if (a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "iter expected %s 1 argument%s, got %zu",
                    a->npos ? "at most" : "at least", a->npos ? "s" : "", a->npos);
  return sl_iter(rt, a->pos[0], out);
}

FN(next) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "next() takes no keyword arguments");
  if (a->npos < 1 || a->npos > 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "next expected at %s %d argument%s, got %zu",
                    a->npos < 1 ? "least" : "most", a->npos < 1 ? 1 : 2, a->npos < 1 ? "" : "s",
                    a->npos);
  /* next(gen) raises StopIteration(return value). */
  if (a->npos == 1 && sl_is_type(a->pos[0], &sl_vmgen_type))
    return sl_vmgen_next(rt, a->pos[0].u.o, out);
  int r = sl_iter_next(rt, a->pos[0], out);
  if (r == 1) return 0;
  if (r < 0) return -1;
  if (a->npos == 2) {
    *out = sl_vincref(a->pos[1]);
    return 0;
  }
  return sl_raise_noargs(rt, SL_EXC_STOP_ITERATION);
}

/* reversed(x) for an instance of a program's class: its __reversed__
 * (None: not reversible), else the sequence protocol, x[len(x) - 1] down
 * to x[0] (a snapshot). 1 done, 0 not such an instance, -1 error. */
static int user_reversed(sl_rt *rt, sl_value v, sl_value *out) {
  sl_obj *cls = v.tag == SL_V_OBJ ? sl_user_cls_of(v.u.o) : NULL;
  if (!cls) return 0;
  sl_value fn;
  int r = sl__class_lookup(rt, cls, "__reversed__", &fn);
  if (r < 0) return -1;
  if (r > 0) {
    bool none = sl_is_none(fn);
    int rc = none
                 ? sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not reversible", sl_type_name(v))
                 : sl__call_bound(rt, fn, v, &(sl_args){NULL, 0, NULL, NULL, 0}, out);
    sl_vdecref(rt, fn);
    return rc ? -1 : 1;
  }
  r = sl__class_lookup(rt, cls, "__getitem__", &fn);
  if (r <= 0) return r;
  sl_vdecref(rt, fn);
  int64_t n;
  if (sl_len(rt, v, &n)) return -1;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  int rc = l ? 0 : -1;
  for (int64_t i = n - 1; i >= 0 && !rc; i--) {
    sl_value item;
    rc = sl_getitem(rt, v, sl_int(i), &item);
    if (!rc) {
      rc = sl_list_append(rt, l, item);
      sl_vdecref(rt, item);
    }
  }
  if (!rc) rc = sl_iter(rt, sl_obj_val(l), out);
  sl_decref(rt, l);
  return rc ? -1 : 1;
}

FN(reversed) {
  if (exactly(rt, a, "reversed", 1)) return -1;
  int r = user_reversed(rt, a->pos[0], out);
  if (r) return r < 0 ? -1 : 0;
  return sl__reversed_new(rt, a->pos[0], out);
}

FN(enumerate) {
  static const char *const names[] = {"iterable", "start"};
  sl_value v[2];
  if (bind(rt, a, "enumerate", names, 2, 1, 2, v)) return -1;
  int64_t start = 0;
  if (!sl_is_undef(v[1]) && !sl_as_index(v[1], &start))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v[1]));
  return sl__enumerate_new(rt, v[0], start, out);
}

FN(zip) {
  bool strict = false;
  for (size_t i = 0; i < a->nkw; i++) {
    if (strcmp(sl_str_cstr(a->kwnames[i]), "strict"))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "zip() got an unexpected keyword argument '%s'",
                      sl_str_cstr(a->kwnames[i]));
    if (sl_truth(rt, a->kwvals[i], &strict)) return -1;
  }
  return sl__zip_new(rt, a->pos, a->npos, strict, out);
}

FN(map) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "map() takes no keyword arguments");
  if (a->npos < 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "map() must have at least two arguments.");
  return sl__map_new(rt, a->pos[0], a->pos + 1, a->npos - 1, out);
}

FN(filter) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "filter() takes no keyword arguments");
  if (a->npos != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "filter expected 2 arguments, got %zu", a->npos);
  return sl__filter_new(rt, a->pos[0], a->pos[1], out);
}

const sl_cfunc_def sl__builtin_funcs[] = {{"len", bi_len, NULL, 0},
                                          {"repr", bi_repr, NULL, 0},
                                          {"ascii", bi_ascii, NULL, 0},
                                          {"abs", bi_abs, NULL, 0},
                                          {"max", bi_max, NULL, 0},
                                          {"min", bi_min, NULL, 0},
                                          {"sum", bi_sum, NULL, 0},
                                          {"sorted", bi_sorted, NULL, 0},
                                          {"isinstance", bi_isinstance, NULL, 0},
                                          {"issubclass", bi_issubclass, NULL, 0},
                                          {"getattr", bi_getattr, NULL, 0},
                                          {"hasattr", bi_hasattr, NULL, 0},
                                          {"setattr", bi_setattr, NULL, 0},
                                          {"any", bi_any, NULL, 0},
                                          {"all", bi_all, NULL, 0},
                                          {"round", bi_round, NULL, 0},
                                          {"divmod", bi_divmod, NULL, 0},
                                          {"pow", bi_pow, NULL, 0},
                                          {"hash", bi_hash, NULL, 0},
                                          {"chr", bi_chr, NULL, 0},
                                          {"ord", bi_ord, NULL, 0},
                                          {"hex", bi_hex, NULL, 0},
                                          {"oct", bi_oct, NULL, 0},
                                          {"bin", bi_bin, NULL, 0},
                                          {"format", bi_format, NULL, 0},
                                          {"callable", bi_callable, NULL, 0},
                                          {"iter", bi_iter, NULL, 0},
                                          {"next", bi_next, NULL, 0},
                                          {NULL, NULL, NULL, 0}};

/* Constructors that are plain functions over their types (the type
 * objects for reversed, enumerate, zip, map and filter call these). */
const sl_cfunc_def sl__ctor_reversed = {"reversed", bi_reversed, NULL, 0};
const sl_cfunc_def sl__ctor_enumerate = {"enumerate", bi_enumerate, NULL, 0};
const sl_cfunc_def sl__ctor_zip = {"zip", bi_zip, NULL, 0};
const sl_cfunc_def sl__ctor_map = {"map", bi_map, NULL, 0};
const sl_cfunc_def sl__ctor_filter = {"filter", bi_filter, NULL, 0};
