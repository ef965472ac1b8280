/* datetime.timedelta: days, seconds and microseconds, normalised as
 * CPython's (0 <= seconds < 86400, 0 <= microseconds < 10**6), with its
 * arithmetic done on the exact total of microseconds as Python ints (what
 * _datetimemodule.c does with delta_to_microseconds and
 * microseconds_to_delta), so floats round half to even exactly as there. */
#include <math.h>
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/vm.h"
#include "core/long.h"
#include "core/rt.h"
#include "core/tuple.h"

/* ---- Python int arithmetic on borrowed values ---------------------------- */

static int ibin(sl_rt *rt, int op, sl_value a, sl_value b, sl_value *out) {
  return sl_binary_op(rt, (sl_ast_binop)op, a, b, out);
}

/* a OP b, consuming a (the running total of an expression). */
static int iacc(sl_rt *rt, int op, sl_value *acc, sl_value b) {
  sl_value r;
  int rc = ibin(rt, op, *acc, b, &r);
  sl_vdecref(rt, *acc);
  *acc = rc ? sl_undef() : r;
  return rc;
}

static int icmp(sl_rt *rt, int op, sl_value a, sl_value b, bool *res) {
  return sl_compare(rt, (sl_ast_cmpop)op, a, b, res);
}

/* q = round(a / b), half to even (_PyLong_DivmodNear's quotient). */
static int divide_nearest(sl_rt *rt, sl_value a, sl_value b, sl_value *out) {
  sl_value q, r, r2 = sl_undef();
  if (sl__long_divmod(rt, a, b, &q, &r)) return -1;
  bool bpos, gt, eq, odd = false;
  int rc = icmp(rt, SL_CMP_GT, b, sl_int(0), &bpos);
  if (!rc) rc = ibin(rt, SL_BIN_MULT, r, sl_int(2), &r2);
  if (!rc) rc = icmp(rt, bpos ? SL_CMP_GT : SL_CMP_LT, r2, b, &gt);
  if (!rc) rc = icmp(rt, SL_CMP_EQ, r2, b, &eq);
  if (!rc && eq) {
    sl_value bit;
    rc = ibin(rt, SL_BIN_BITAND, q, sl_int(1), &bit);
    if (!rc) odd = bit.tag == SL_V_INT && bit.u.i == 1;
    sl_vdecref(rt, bit);
  }
  if (!rc && (gt || (eq && odd))) rc = iacc(rt, SL_BIN_ADD, &q, sl_int(1));
  sl_vdecref(rt, r);
  sl_vdecref(rt, r2);
  if (rc) {
    sl_vdecref(rt, q);
    return -1;
  }
  *out = q;
  return 0;
}

/* float.as_integer_ratio(): *n / *d == x exactly. */
static int integer_ratio(sl_rt *rt, double x, sl_value *n, sl_value *d) {
  if (isinf(x))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "cannot convert Infinity to integer ratio");
  if (isnan(x)) return sl_raise(rt, SL_EXC_VALUE_ERROR, "cannot convert NaN to integer ratio");
  int e;
  double m = frexp(x, &e);
  int64_t mant = (int64_t)ldexp(m, 53);
  e -= 53;
  while (mant && !(mant & 1) && e < 0) mant >>= 1, e++;
  if (e >= 0) {
    *d = sl_int(1);
    return ibin(rt, SL_BIN_LSHIFT, sl_int(mant), sl_int(e), n);
  }
  *n = sl_int(mant);
  return ibin(rt, SL_BIN_LSHIFT, sl_int(1), sl_int(-e), d);
}

/* ---- construction ------------------------------------------------------- */

static int days_overflow(sl_rt *rt, int64_t days) {
  return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "days=%lld; must have magnitude <= %d",
                  (long long)days, SL_DT_MAX_DELTA_DAYS);
}

static int alloc_td(sl_rt *rt, int64_t days, int32_t secs, int32_t us, sl_value *out) {
  if (days > SL_DT_MAX_DELTA_DAYS || days < -SL_DT_MAX_DELTA_DAYS) return days_overflow(rt, days);
  sl_obj *o = sl_obj_alloc(rt, &sl__dt_delta_type);
  if (!o) return -1;
  sl_tdobj *t = (sl_tdobj *)o;
  t->days = days, t->secs = secs, t->us = us;
  *out = sl_obj_val(o);
  return 0;
}

static int64_t floordiv64(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int sl__td_new(sl_rt *rt, int64_t days, int64_t secs, int64_t us, sl_value *out) {
  int64_t c = floordiv64(us, 1000000);
  us -= c * 1000000;
  secs += c;
  c = floordiv64(secs, 86400);
  secs -= c * 86400;
  return alloc_td(rt, days + c, (int32_t)secs, (int32_t)us, out);
}

int sl__td_total_us(sl_rt *rt, const sl_tdobj *td, sl_value *out) {
  int64_t d;
  if (!__builtin_mul_overflow(td->days, SL_DT_US_PER_DAY, &d))
    return *out = sl_int(d + (int64_t)td->secs * 1000000 + td->us), 0;
  sl_value acc;
  if (ibin(rt, SL_BIN_MULT, sl_int(td->days), sl_int(SL_DT_US_PER_DAY), &acc)) return -1;
  if (iacc(rt, SL_BIN_ADD, &acc, sl_int((int64_t)td->secs * 1000000 + td->us))) return -1;
  *out = acc;
  return 0;
}

int sl__td_from_us(sl_rt *rt, sl_value us, sl_value *out) {
  if (us.tag == SL_V_INT) {
    int64_t days = floordiv64(us.u.i, SL_DT_US_PER_DAY);
    if (days > INT32_MAX || days < INT32_MIN) /* _PyLong_AsInt of the days */
      return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C int");
    int64_t rest = us.u.i - days * SL_DT_US_PER_DAY;
    return alloc_td(rt, days, (int32_t)(rest / 1000000), (int32_t)(rest % 1000000), out);
  }
  sl_value q, r;
  if (sl__long_divmod(rt, us, sl_int(SL_DT_US_PER_DAY), &q, &r)) return -1;
  int rc;
  if (q.tag != SL_V_INT || q.u.i > INT32_MAX || q.u.i < INT32_MIN)
    rc = sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C int");
  else
    rc = alloc_td(rt, q.u.i, (int32_t)(r.u.i / 1000000), (int32_t)(r.u.i % 1000000), out);
  sl_vdecref(rt, q);
  sl_vdecref(rt, r);
  return rc;
}

/* One argument of timedelta(): CPython's accum(), adding num * factor
 * microseconds to *sofar and a float's fraction of a microsecond to
 * *leftover. */
static int accum(sl_rt *rt, const char *tag, sl_value *sofar, sl_value num, int64_t factor,
                 double *leftover) {
  if (sl_is_intish(num)) {
    sl_value prod;
    if (ibin(rt, SL_BIN_MULT, num.tag == SL_V_BOOL ? sl_int(num.u.b) : num, sl_int(factor), &prod))
      return -1;
    int rc = iacc(rt, SL_BIN_ADD, sofar, prod);
    sl_vdecref(rt, prod);
    return rc;
  }
  if (num.tag != SL_V_FLOAT)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported type for timedelta %s component: %s", tag,
                    sl_type_name(num));
  double intpart, frac = modf(num.u.f, &intpart);
  sl_value x;
  if (sl__float_to_int(rt, intpart, &x)) return -1;
  sl_value prod;
  int rc = ibin(rt, SL_BIN_MULT, x, sl_int(factor), &prod);
  sl_vdecref(rt, x);
  if (rc) return -1;
  rc = iacc(rt, SL_BIN_ADD, sofar, prod);
  sl_vdecref(rt, prod);
  if (rc || frac == 0.0) return rc;
  frac = modf((double)factor * frac, &intpart);
  if (sl__float_to_int(rt, intpart, &x)) return -1;
  rc = iacc(rt, SL_BIN_ADD, sofar, x);
  sl_vdecref(rt, x);
  *leftover += frac;
  return rc;
}

/* timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0,
 * hours=0, weeks=0) */
static int ct_timedelta(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"days",    "seconds", "microseconds", "milliseconds",
                                      "minutes", "hours",   "weeks"};
  /* accumulated in CPython's order: microseconds first, weeks last */
  static const int order[] = {2, 3, 1, 4, 5, 0, 6};
  static const int64_t factor[] = {SL_DT_US_PER_DAY,    1000000, 1, 1000, 60000000, 3600000000LL,
                                   7 * SL_DT_US_PER_DAY};
  sl_value a[7];
  if (sl_args_bind(rt, args, "timedelta", names, 7, 0, 7, a)) return -1;
  sl_value x = sl_int(0);
  double leftover = 0;
  for (int k = 0; k < 7; k++) {
    int i = order[k];
    if (sl_is_undef(a[i])) continue;
    if (accum(rt, names[i], &x, a[i], factor[i], &leftover)) {
      sl_vdecref(rt, x);
      return -1;
    }
  }
  if (leftover != 0.0) {
    double whole = round(leftover);
    if (fabs(whole - leftover) == 0.5) { /* half way: to even, by x's parity */
      sl_value bit;
      if (ibin(rt, SL_BIN_BITAND, x, sl_int(1), &bit)) {
        sl_vdecref(rt, x);
        return -1;
      }
      int odd = bit.tag == SL_V_INT && bit.u.i;
      whole = 2.0 * round((leftover + odd) * 0.5) - odd;
    }
    if (iacc(rt, SL_BIN_ADD, &x, sl_int((int64_t)whole))) return -1;
  }
  int rc = sl__td_from_us(rt, x, out);
  sl_vdecref(rt, x);
  return rc;
}

/* ---- arithmetic --------------------------------------------------------- */

/* A timedelta of total microseconds us (consumed). */
static int td_of(sl_rt *rt, int rc, sl_value us, sl_value *out) {
  if (rc) return -1;
  rc = sl__td_from_us(rt, us, out);
  sl_vdecref(rt, us);
  return rc ? -1 : 1;
}

/* td * number (also number * td). */
static int td_mul(sl_rt *rt, const sl_tdobj *td, sl_value n, sl_value *out) {
  sl_value us, r;
  if (sl__td_total_us(rt, td, &us)) return -1;
  int rc;
  if (n.tag == SL_V_FLOAT) {
    sl_value num, den, prod;
    rc = integer_ratio(rt, n.u.f, &num, &den);
    if (!rc) {
      rc = ibin(rt, SL_BIN_MULT, us, num, &prod);
      if (!rc) rc = divide_nearest(rt, prod, den, &r);
      if (!rc) sl_vdecref(rt, prod);
      sl_vdecref(rt, num);
      sl_vdecref(rt, den);
    }
  } else {
    rc = ibin(rt, SL_BIN_MULT, us, n.tag == SL_V_BOOL ? sl_int(n.u.b) : n, &r);
  }
  sl_vdecref(rt, us);
  return td_of(rt, rc, r, out);
}

/* int division by zero: 3.14 words it as float division does. */
static int zero_division(sl_rt *rt) {
  return sl_raise(rt, SL_EXC_ZERO_DIVISION_ERROR, "%s",
                  rt->profile->minor >= 14 ? "division by zero"
                                           : "integer division or modulo by zero");
}

/* td / x, td // x, td % x */
static int td_div(sl_rt *rt, int op, const sl_tdobj *td, sl_value b, sl_value *out) {
  sl_value us, r, bus = sl_undef();
  if (sl__is_delta(b)) {
    if (op == SL_BIN_DIV && !sl__td(b)->days && !sl__td(b)->secs && !sl__td(b)->us)
      return sl_raise(rt, SL_EXC_ZERO_DIVISION_ERROR, "division by zero");
    if (sl__td_total_us(rt, sl__td(b), &bus)) return -1;
  } else if (op == SL_BIN_MOD || (b.tag != SL_V_FLOAT && !sl_is_intish(b)) ||
             (op == SL_BIN_FLOORDIV && b.tag == SL_V_FLOAT)) {
    return 0;
  }
  if (sl__td_total_us(rt, td, &us)) {
    sl_vdecref(rt, bus);
    return -1;
  }
  int rc;
  if (!sl_is_undef(bus)) { /* td OP td */
    rc = ibin(rt, op, us, bus, &r);
    sl_vdecref(rt, us);
    sl_vdecref(rt, bus);
    if (rc) return -1;
    if (op != SL_BIN_MOD) return *out = r, 1;
    return td_of(rt, 0, r, out);
  }
  if (b.tag == SL_V_FLOAT) { /* round(us * den / num) */
    sl_value num, den, prod;
    rc = integer_ratio(rt, b.u.f, &num, &den);
    if (!rc) {
      bool zero = num.tag == SL_V_INT && num.u.i == 0;
      rc = zero ? zero_division(rt) : ibin(rt, SL_BIN_MULT, us, den, &prod);
      if (!rc) rc = divide_nearest(rt, prod, num, &r);
      if (!rc) sl_vdecref(rt, prod);
      sl_vdecref(rt, num);
      sl_vdecref(rt, den);
    }
  } else {
    sl_value n = b.tag == SL_V_BOOL ? sl_int(b.u.b) : b;
    if (n.tag == SL_V_INT && n.u.i == 0)
      rc = zero_division(rt);
    else if (op == SL_BIN_DIV)
      rc = divide_nearest(rt, us, n, &r);
    else
      rc = ibin(rt, SL_BIN_FLOORDIV, us, n, &r);
  }
  sl_vdecref(rt, us);
  return td_of(rt, rc, r, out);
}

static int td_binary(sl_rt *rt, int op, sl_value a, sl_value b, sl_value *out) {
  bool da = sl__is_delta(a), db = sl__is_delta(b);
  if (da && db && (op == SL_BIN_ADD || op == SL_BIN_SUB)) {
    const sl_tdobj *x = sl__td(a), *y = sl__td(b);
    int s = op == SL_BIN_ADD ? 1 : -1;
    return sl__td_new(rt, x->days + s * y->days, x->secs + s * y->secs, x->us + s * y->us, out) ? -1
                                                                                                : 1;
  }
  if (op == SL_BIN_MULT) {
    sl_value n = da ? b : a;
    if (sl__is_delta(n) || (n.tag != SL_V_FLOAT && !sl_is_intish(n))) return 0;
    return td_mul(rt, sl__td(da ? a : b), n, out);
  }
  if (da && (op == SL_BIN_DIV || op == SL_BIN_FLOORDIV || op == SL_BIN_MOD))
    return td_div(rt, op, sl__td(a), b, out);
  return 0;
}

static int td_unary(sl_rt *rt, int op, sl_obj *o, sl_value *out) {
  const sl_tdobj *t = (sl_tdobj *)o;
  bool neg = op == SL_UNARY_USUB || (op == SL_LANG_ABS && t->days < 0);
  if (op != SL_UNARY_USUB && op != SL_UNARY_UADD && op != SL_LANG_ABS) return 0;
  if (!neg) {
    sl_incref(o);
    return *out = sl_obj_val(o), 1;
  }
  return sl__td_new(rt, -t->days, -t->secs, -t->us, out) ? -1 : 1;
}

/* ---- protocols ---------------------------------------------------------- */

static int td_cmp(const sl_tdobj *a, const sl_tdobj *b) {
  if (a->days != b->days) return a->days < b->days ? -1 : 1;
  if (a->secs != b->secs) return a->secs < b->secs ? -1 : 1;
  return a->us < b->us ? -1 : a->us > b->us;
}

static int td_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = sl__is_delta(b) && td_cmp((sl_tdobj *)a, sl__td(b)) == 0;
  return 0;
}

static int td_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = td_cmp((sl_tdobj *)a, sl__td(b)) < 0;
  return 0;
}

/* hash((days, seconds, microseconds)), as delta_hash. */
static int td_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  const sl_tdobj *t = (sl_tdobj *)o;
  sl_value items[3] = {sl_int(t->days), sl_int(t->secs), sl_int(t->us)};
  sl_obj *tup = sl_tuple_new(rt, items, 3);
  if (!tup) return -1;
  int rc = sl_hash(rt, sl_obj_val(tup), out);
  sl_decref(rt, tup);
  return rc;
}

static int td_truth(sl_rt *rt, sl_obj *o, bool *res) {
  (void)rt;
  const sl_tdobj *t = (sl_tdobj *)o;
  *res = t->days || t->secs || t->us;
  return 0;
}

int sl__td_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  const sl_tdobj *t = (sl_tdobj *)o;
  sl_strbuf_puts(out, "datetime.timedelta(");
  const char *sep = "";
  if (t->days) sl_strbuf_printf(out, "days=%lld", (long long)t->days), sep = ", ";
  if (t->secs) sl_strbuf_printf(out, "%sseconds=%d", sep, (int)t->secs), sep = ", ";
  if (t->us) sl_strbuf_printf(out, "%smicroseconds=%d", sep, (int)t->us), sep = ", ";
  if (!*sep) sl_strbuf_putc(out, '0');
  sl_strbuf_putc(out, ')');
  return 0;
}

void sl__td_put_str(sl_strbuf *b, const sl_tdobj *t) {
  if (t->days)
    sl_strbuf_printf(b, "%lld day%s, ", (long long)t->days,
                     t->days == 1 || t->days == -1 ? "" : "s");
  sl_strbuf_printf(b, "%d:%02d:%02d", t->secs / 3600, t->secs / 60 % 60, t->secs % 60);
  if (t->us) sl_strbuf_printf(b, ".%06d", (int)t->us);
}

static int td_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  sl__td_put_str(out, (sl_tdobj *)o);
  return 0;
}

static int m_total_seconds(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "total_seconds", NULL, 0, 0, 0, NULL)) return -1;
  sl_value us;
  if (sl__td_total_us(rt, sl__td(self), &us)) return -1;
  int rc = ibin(rt, SL_BIN_DIV, us, sl_int(1000000), out);
  sl_vdecref(rt, us);
  return rc;
}

static const sl_cfunc_def td_methods[] = {
    {"timedelta.total_seconds", m_total_seconds, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int td_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  const sl_tdobj *t = (sl_tdobj *)o;
  if (!strcmp(name, "days")) return *out = sl_int(t->days), 0;
  if (!strcmp(name, "seconds")) return *out = sl_int(t->secs), 0;
  if (!strcmp(name, "microseconds")) return *out = sl_int(t->us), 0;
  int r = sl_methods_lookup(rt, sl_obj_val(o), td_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'datetime.timedelta' object has no attribute '%s'",
                  name);
}

static const sl_lang_slots td_slots = {.binary = td_binary, .unary = td_unary};

const sl_type sl__dt_delta_type = {.name = "datetime.timedelta",
                                   .repr = sl__td_repr,
                                   .str = td_str,
                                   .eq = td_eq,
                                   .lt = td_lt,
                                   .hash = td_hash,
                                   .truth = td_truth,
                                   .getattr = td_getattr,
                                   .lang = &td_slots,
                                   .size = sizeof(sl_tdobj)};

/* timedelta.min, .max, .resolution */
static int td_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  (void)cls;
  if (!strcmp(name, "min")) return alloc_td(rt, -SL_DT_MAX_DELTA_DAYS, 0, 0, out) ? -1 : 1;
  if (!strcmp(name, "max")) return alloc_td(rt, SL_DT_MAX_DELTA_DAYS, 86399, 999999, out) ? -1 : 1;
  if (!strcmp(name, "resolution")) return alloc_td(rt, 0, 0, 1, out) ? -1 : 1;
  return 0;
}

static const sl_cfunc_def ct_timedelta_def = {"timedelta", ct_timedelta, NULL, 0};
static const sl_type *const td_types[] = {&sl__dt_delta_type, NULL};
const sl_classdef sl__dt_delta_class = {
    "datetime.timedelta", "datetime",      "timedelta", td_types, NULL,
    &ct_timedelta_def,    td_class_getattr};
