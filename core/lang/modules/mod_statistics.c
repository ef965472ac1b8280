/* `statistics` (mean, median) and `textwrap` (dedent). statistics.mean
 * is exact as Lib/statistics.py's (the sum of exact fractions, rounded
 * once): ints give an int when the mean is whole, else the correctly
 * rounded quotient; floats are summed exactly as integers scaled by
 * 2**1074 and divided once. Decimal and Fraction data are not supported.
 * textwrap.dedent mirrors Lib/textwrap.py: lines of only whitespace
 * become empty, then the longest common leading whitespace goes. */
#include <math.h>
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* acc += v; steals nothing. */
static int add_into(sl_rt *rt, sl_value *acc, sl_ast_binop op, sl_value v) {
  sl_value r;
  if (sl_binary_op(rt, op, *acc, v, &r)) return -1;
  sl_vset(rt, acc, r);
  return 0;
}

/* A float as the exact integer f * 2**1074. */
static int scaled(sl_rt *rt, double f, sl_value *out) {
  int e;
  double m = frexp(f, &e); /* f = m * 2**e, 0.5 <= |m| < 1 */
  int64_t mant = (int64_t)ldexp(m, 53);
  int shift = e - 53 + 1074;
  sl_value r = sl_int(mant);
  if (shift > 0) return sl_binary_op(rt, SL_BIN_LSHIFT, r, sl_int(shift), out);
  return sl_binary_op(rt, SL_BIN_RSHIFT, r, sl_int(-shift), out); /* exact: subnormals */
}

/* raise StatisticsError(msg): `self` is the class the functions are bound
 * to (sl_mod_statistics_init). */
static int stat_error(sl_rt *rt, sl_value self, const char *msg) {
  sl_obj *m = sl_str_from_cstr(rt, msg);
  if (!m) return -1;
  sl_value mv = sl_obj_val(m);
  sl_obj *e = sl_exc_new(rt, self.u.o, &mv, 1);
  sl_decref(rt, m);
  return e ? sl_err_restore(rt, e) : -1;
}

static int f_mean(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"data"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "mean", names, 1, 1, 1, a)) return -1;
  sl_obj *l;
  if (sl_list_from_iterable(rt, a[0], &l)) return -1;
  sl_list *d = sl_as_list(l);
  int rc = 0;
  if (!d->len) {
    sl_decref(rt, l);
    return stat_error(rt, self, "mean requires at least one data point");
  }
  bool any_float = false;
  for (size_t i = 0; i < d->len; i++) {
    sl_value v = d->items[i];
    if (v.tag == SL_V_FLOAT)
      any_float = true;
    else if (!(v.tag == SL_V_INT || v.tag == SL_V_BOOL || sl_is_long(v))) {
      sl_decref(rt, l);
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "simloop: statistics.mean of '%s' values is not supported", sl_type_name(v));
    }
  }
  sl_value sum = sl_int(0), x;
  for (size_t i = 0; i < d->len && !rc; i++) {
    sl_value v = d->items[i];
    if (v.tag == SL_V_FLOAT) {
      if (!isfinite(v.u.f)) {
        /* _sum: an inf or nan data point makes the mean that float */
        sl_vdecref(rt, sum);
        double acc = 0;
        for (size_t j = 0; j < d->len; j++)
          acc += sl__floatval(d->items[j].tag == SL_V_FLOAT ? d->items[j] : sl_float(0));
        sl_decref(rt, l);
        return *out = sl_float(acc), 0;
      }
      rc = scaled(rt, v.u.f, &x);
    } else {
      rc = any_float ? sl_binary_op(rt, SL_BIN_LSHIFT, v.tag == SL_V_BOOL ? sl_int(v.u.b) : v,
                                    sl_int(1074), &x)
                     : (x = sl_vincref(v.tag == SL_V_BOOL ? sl_int(v.u.b) : v), 0);
    }
    if (!rc) {
      rc = add_into(rt, &sum, SL_BIN_ADD, x);
      sl_vdecref(rt, x);
    }
  }
  sl_value n = sl_int((int64_t)d->len), den = sl_undef();
  sl_decref(rt, l);
  if (rc) {
    sl_vdecref(rt, sum);
    return -1;
  }
  if (!any_float) {
    /* whole mean: an int (_convert of a Fraction with denominator 1) */
    sl_value q, m;
    if (sl__long_divmod(rt, sum, n, &q, &m)) {
      sl_vdecref(rt, sum);
      return -1;
    }
    bool whole = m.tag == SL_V_INT && m.u.i == 0;
    sl_vdecref(rt, m);
    if (whole) {
      sl_vdecref(rt, sum);
      return *out = q, 0;
    }
    sl_vdecref(rt, q);
    rc = sl_binary_op(rt, SL_BIN_DIV, sum, n, out);
    sl_vdecref(rt, sum);
    return rc;
  }
  rc = sl_binary_op(rt, SL_BIN_LSHIFT, n, sl_int(1074), &den);
  if (!rc) rc = sl_binary_op(rt, SL_BIN_DIV, sum, den, out);
  sl_vdecref(rt, den);
  sl_vdecref(rt, sum);
  return rc;
}

/* median: the middle of sorted(data), or the mean of the two middle ones. */
static int f_median(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"data"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "median", names, 1, 1, 1, a)) return -1;
  sl_value sorted;
  bool found = false;
  if (sl_dict_get_str(rt, sl_builtins_dict(rt), "sorted", &sorted, &found) || !found) return -1;
  sl_value s;
  int rc = sl_vm_call_pos(rt, sorted, &a[0], 1, &s);
  sl_vdecref(rt, sorted);
  if (rc) return -1;
  sl_list *l = sl_as_list(s.u.o);
  size_t n = l->len;
  if (!n) {
    sl_vdecref(rt, s);
    return stat_error(rt, self, "no median for empty data");
  }
  if (n % 2) {
    *out = sl_vincref(l->items[n / 2]);
  } else {
    sl_value sum;
    rc = sl_binary_op(rt, SL_BIN_ADD, l->items[n / 2 - 1], l->items[n / 2], &sum);
    if (!rc) {
      rc = sl_binary_op(rt, SL_BIN_DIV, sum, sl_int(2), out);
      sl_vdecref(rt, sum);
    }
  }
  sl_vdecref(rt, s);
  return rc;
}

static const sl_cfunc_def statistics_funcs[] = {
    {"mean", f_mean, NULL, 0},
    {"median", f_median, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_statistics_init(sl_rt *rt, sl_obj *module_dict) {
  /* class StatisticsError(ValueError), module statistics; the functions
   * are bound to it to raise it. */
  sl_obj *cls = sl_class_new(rt, "StatisticsError", "StatisticsError", "statistics",
                             rt->classes[SL_EXC_VALUE_ERROR], NULL);
  if (!cls) return -1;
  sl_as_class(cls)->attrs = sl_dict_new(rt);
  int rc = !sl_as_class(cls)->attrs || sl__class_flags_compute(rt, cls) ||
           sl_stdmod_add(rt, module_dict, "StatisticsError", sl_obj_val(cls));
  for (const sl_cfunc_def *f = statistics_funcs; !rc && f->name; f++) {
    sl_obj *fn = sl_cfunc_new(rt, f, sl_obj_val(cls));
    rc = !fn || sl_stdmod_add(rt, module_dict, f->name, sl_obj_val(fn));
    sl_decref(rt, fn);
  }
  sl_decref(rt, cls);
  return rc ? -1 : 0;
}

/* ---- textwrap.dedent ---------------------------------------------------------------- */

static bool is_ws(char c) { return c == ' ' || c == '\t'; }

static int f_dedent(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"text"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "dedent", names, 1, 1, 1, a)) return -1;
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: textwrap.dedent() takes a str");
  const char *s = sl_str_cstr(a[0].u.o);
  size_t n = sl_as_str(a[0].u.o)->len;
  /* The margin: the longest prefix of spaces/tabs common to every line
   * that is not whitespace only (_whitespace_only_re, _leading_whitespace_re). */
  const char *margin = NULL;
  size_t mlen = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && is_ws(s[j])) j++;
    size_t e = j;
    while (e < n && s[e] != '\n') e++;
    if (j < e) { /* a line with content */
      if (!margin)
        margin = s + i, mlen = j - i;
      else {
        size_t k = 0;
        while (k < mlen && k < j - i && margin[k] == s[i + k]) k++;
        mlen = k;
      }
    }
    i = e < n ? e + 1 : n;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && is_ws(s[j])) j++;
    size_t e = j;
    while (e < n && s[e] != '\n') e++;
    if (j < e) sl_strbuf_append(&b, s + i + mlen, e - i - mlen);
    if (e < n) sl_strbuf_putc(&b, '\n');
    i = e < n ? e + 1 : n;
  }
  sl_obj *r = sl_str_take_buf(rt, &b);
  return r ? (*out = sl_obj_val(r), 0) : -1;
}

static const sl_cfunc_def dedent_def = {"dedent", f_dedent, NULL, 0};

int sl_mod_textwrap_init(sl_rt *rt, sl_obj *module_dict) {
  return sl_stdmod_add_func(rt, module_dict, &dedent_def);
}
