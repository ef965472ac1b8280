/* The `math` and `string` modules. math mirrors Modules/mathmodule.c for
 * the common functions: the C library's double results (what CPython
 * returns on the same platform), "math domain error" / "math range
 * error", floor/ceil/trunc as ints of any size, exact integer functions
 * (gcd, lcm, factorial, comb, perm, isqrt on 64-bit values), fsum's
 * correctly rounded sum (Shewchuk's partials, as msum in mathmodule.c).
 * string holds Lib/string.py's constants and capwords. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

/* The constants as CPython spells them (Include/pymath.h). */
#define PY_PI 3.141592653589793238462643383279502884197
#define PY_E  2.718281828459045235360287471352662497757

static int arg_double(sl_rt *rt, sl_value v, double *out) {
  if (sl_is_number(v)) return sl__to_double(rt, v, out);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "must be real number, not %s", sl_type_name(v));
}

static int nargs(sl_rt *rt, const sl_args *args, size_t lo, size_t hi, const char *fname) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", fname);
  if (args->npos < lo || args->npos > hi) {
    if (lo == hi && lo == 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "math.%s() takes exactly one argument (%zu given)",
                      fname, args->npos);
    if (lo == hi)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected %zu arguments, got %zu", fname, lo,
                      args->npos);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at %s %zu argument%s, got %zu", fname,
                    args->npos < lo ? "least" : "most", args->npos < lo ? lo : hi,
                    (args->npos < lo ? lo : hi) == 1 ? "" : "s", args->npos);
  }
  return 0;
}

static int domain(sl_rt *rt) { return sl_raise(rt, SL_EXC_VALUE_ERROR, "math domain error"); }
static int range_err(sl_rt *rt) { return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "math range error"); }

/* One-argument float functions: f, and the domain it accepts. */
typedef struct unary_def {
  const char *name;
  double (*fn)(double);
  bool (*ok)(double); /* NULL: every finite input */
} unary_def;

static bool nonneg(double x) { return x >= 0 || isnan(x); }
static bool positive(double x) { return x > 0 || isnan(x); }
static bool unit(double x) { return (x >= -1 && x <= 1) || isnan(x); }
static bool finite_or_nan(double x) { return !isinf(x); }

static const unary_def UNARY[] = {
    {"sqrt", sqrt, nonneg},      {"exp", exp, NULL},          {"log2", log2, positive},
    {"log10", log10, positive},  {"sin", sin, finite_or_nan}, {"cos", cos, finite_or_nan},
    {"tan", tan, finite_or_nan}, {"asin", asin, unit},        {"acos", acos, unit},
    {"atan", atan, NULL},        {"sinh", sinh, NULL},        {"cosh", cosh, NULL},
    {"tanh", tanh, NULL},        {"fabs", fabs, NULL},        {"expm1", expm1, NULL},
    {"log1p", log1p, NULL},      {NULL, NULL, NULL},
};

static int unary(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  const unary_def *d = &UNARY[self.u.i];
  if (nargs(rt, args, 1, 1, d->name)) return -1;
  double x;
  if (arg_double(rt, args->pos[0], &x)) return -1;
  if (d->ok && !d->ok(x)) {
    if (rt->profile->minor < 14) return domain(rt);
    /* 3.14 names the domain and the input (mathmodule.c math_1's err_msg). */
    if (d->ok == positive) return sl_raise(rt, SL_EXC_VALUE_ERROR, "expected a positive input");
    sl_strbuf b = SL_STRBUF_INIT;
    sl_repr(rt, sl_float(x), &b);
    int rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s, got %s",
                      d->ok == nonneg ? "expected a nonnegative input"
                      : d->ok == unit ? "expected a number in range from -1 up to 1"
                                      : "expected a finite input",
                      sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return rc;
  }
  if (d->fn == log1p && x <= -1) return domain(rt);
  double r = d->fn(x);
  if (isinf(r) && isfinite(x)) return range_err(rt);
  return *out = sl_float(r), 0;
}

static int f_log(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (nargs(rt, args, 1, 2, "log")) return -1;
  double x, b = PY_E;
  if (arg_double(rt, args->pos[0], &x)) return -1;
  if (args->npos == 2 && arg_double(rt, args->pos[1], &b)) return -1;
  if (!positive(x) || !positive(b))
    return rt->profile->minor >= 14 ? sl_raise(rt, SL_EXC_VALUE_ERROR, "expected a positive input")
                                    : domain(rt);
  double r = log(x);
  if (args->npos == 2) {
    if (log(b) == 0) return sl_raise(rt, SL_EXC_ZERO_DIVISION_ERROR, "float division by zero");
    r /= log(b);
  }
  return *out = sl_float(r), 0;
}

static int binary2(sl_rt *rt, const sl_args *args, const char *fname, double *x, double *y) {
  if (nargs(rt, args, 2, 2, fname)) return -1;
  return arg_double(rt, args->pos[0], x) || arg_double(rt, args->pos[1], y) ? -1 : 0;
}

static int f_pow(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  double x, y;
  if (binary2(rt, args, "pow", &x, &y)) return -1;
  if (x == 0 && y < 0) return domain(rt);
  if (x < 0 && isfinite(y) && y != floor(y)) return domain(rt);
  double r = pow(x, y);
  if (isinf(r) && isfinite(x) && isfinite(y)) return range_err(rt);
  return *out = sl_float(r), 0;
}

static int f_atan2(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  double y, x;
  if (binary2(rt, args, "atan2", &y, &x)) return -1;
  return *out = sl_float(atan2(y, x)), 0;
}

static int f_copysign(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  double x, y;
  if (binary2(rt, args, "copysign", &x, &y)) return -1;
  return *out = sl_float(copysign(x, y)), 0;
}

static int f_fmod(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  double x, y;
  if (binary2(rt, args, "fmod", &x, &y)) return -1;
  if (y == 0 || isinf(x)) return domain(rt);
  return *out = sl_float(fmod(x, y)), 0;
}

static int f_hypot(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "hypot() takes no keyword arguments");
  double acc = 0;
  for (size_t i = 0; i < args->npos; i++) {
    double x;
    if (arg_double(rt, args->pos[i], &x)) return -1;
    acc = i ? hypot(acc, x) : fabs(x);
  }
  return *out = sl_float(acc), 0;
}

static int f_degrees(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  double x;
  if (nargs(rt, args, 1, 1, "degrees") || arg_double(rt, args->pos[0], &x)) return -1;
  return *out = sl_float(x * (180.0 / PY_PI)), 0;
}

static int f_radians(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  double x;
  if (nargs(rt, args, 1, 1, "radians") || arg_double(rt, args->pos[0], &x)) return -1;
  return *out = sl_float(x * (PY_PI / 180.0)), 0;
}

/* floor/ceil/trunc: an int stays itself; a float becomes an int of any size. */
static int rounding(sl_rt *rt, const sl_args *args, const char *fname, double (*fn)(double),
                    sl_value *out) {
  if (nargs(rt, args, 1, 1, fname)) return -1;
  sl_value v = sl_num_unbox(args->pos[0]);
  if (sl__is_intlike(v)) return *out = sl_int(sl__intval(v)), 0;
  if (sl_is_long(v)) return *out = sl_vincref(v), 0;
  if (v.tag != SL_V_FLOAT) {
    sl_value m;
    char dunder[16];
    snprintf(dunder, sizeof dunder, "__%s__", fname);
    if (sl_vm_getattr(rt, v, dunder, &m)) {
      sl_err_clear(rt);
      if (!strcmp(fname, "trunc"))
        return sl_raise(rt, SL_EXC_TYPE_ERROR, "type %s doesn't define __trunc__ method",
                        sl_type_name(v));
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "must be real number, not %s", sl_type_name(v));
    }
    int rc = sl_vm_call_pos(rt, m, NULL, 0, out);
    sl_vdecref(rt, m);
    return rc;
  }
  return sl__float_to_int(rt, fn(v.u.f), out);
}

static int f_floor(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return rounding(rt, args, "floor", floor, out);
}
static int f_ceil(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return rounding(rt, args, "ceil", ceil, out);
}
static int f_trunc(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return rounding(rt, args, "trunc", trunc, out);
}

static int pred(sl_rt *rt, const sl_args *args, const char *fname, int kind, sl_value *out) {
  double x;
  if (nargs(rt, args, 1, 1, fname) || arg_double(rt, args->pos[0], &x)) return -1;
  return *out = sl_bool(kind == 0 ? isfinite(x) : kind == 1 ? isinf(x) : isnan(x)), 0;
}
static int f_isfinite(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return pred(rt, args, "isfinite", 0, out);
}
static int f_isinf(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return pred(rt, args, "isinf", 1, out);
}
static int f_isnan(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return pred(rt, args, "isnan", 2, out);
}

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) */
static int f_isclose(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
  sl_value a[4];
  if (sl_args_bind(rt, args, "isclose", names, 4, 2, 2, a)) return -1;
  double x, y, rel = 1e-09, abs_tol = 0.0;
  if (arg_double(rt, a[0], &x) || arg_double(rt, a[1], &y)) return -1;
  if (!sl_is_undef(a[2]) && arg_double(rt, a[2], &rel)) return -1;
  if (!sl_is_undef(a[3]) && arg_double(rt, a[3], &abs_tol)) return -1;
  if (rel < 0 || abs_tol < 0)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "tolerances must be non-negative");
  if (x == y) return *out = sl_bool(true), 0;
  if (isinf(x) || isinf(y)) return *out = sl_bool(false), 0;
  double diff = fabs(y - x);
  bool r = (diff <= fabs(rel * y)) || (diff <= fabs(rel * x)) || diff <= abs_tol;
  return *out = sl_bool(r), 0;
}

/* fsum: msum's exact partials, rounded once (mathmodule.c math_fsum). */
static int f_fsum(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (nargs(rt, args, 1, 1, "fsum")) return -1;
  sl_obj *l;
  if (sl_list_from_iterable(rt, args->pos[0], &l)) return -1;
  size_t n = sl_as_list(l)->len, m = 0;
  double *p = sl_malloc((n + 1) * sizeof *p), special = 0, inf_sum = 0;
  int rc = p ? 0 : sl_nomem(rt);
  for (size_t i = 0; i < n && !rc; i++) {
    double x;
    if ((rc = arg_double(rt, sl_as_list(l)->items[i], &x))) break;
    if (!isfinite(x)) {
      if (isinf(x)) inf_sum += x;
      special += x;
      continue;
    }
    size_t k = 0;
    for (size_t j = 0; j < m; j++) {
      double y = p[j];
      if (fabs(x) < fabs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y, lo = y - (hi - x);
      if (lo != 0.0) p[k++] = lo;
      x = hi;
    }
    m = k;
    p[m++] = x;
  }
  sl_decref(rt, l);
  if (rc) {
    sl_free(p);
    return -1;
  }
  if (special != 0.0) {
    sl_free(p);
    if (isnan(inf_sum)) return sl_raise(rt, SL_EXC_VALUE_ERROR, "-inf + inf in fsum");
    return *out = sl_float(special), 0;
  }
  double hi = 0.0;
  if (m > 0) {
    hi = p[--m];
    double lo = 0;
    while (m > 0) {
      double x = hi, y = p[--m];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    /* round half even across the remaining partials */
    if (m > 0 && ((lo < 0.0 && p[m - 1] < 0.0) || (lo > 0.0 && p[m - 1] > 0.0))) {
      double y = lo * 2.0, x = hi + y, yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  sl_free(p);
  return *out = sl_float(hi), 0;
}

/* ---- integer functions (int64 operands) --------------------------------------- */

static int int_arg(sl_rt *rt, sl_value v, int64_t *out) {
  if (sl__is_intlike(v)) return *out = sl__intval(v), 0;
  if (sl_is_big(v))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR,
                    "simloop: math on integers beyond 64 bits is not supported");
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                  sl_type_name(v));
}

static int64_t gcd64(int64_t a, int64_t b) {
  uint64_t x = a < 0 ? 0 - (uint64_t)a : (uint64_t)a, y = b < 0 ? 0 - (uint64_t)b : (uint64_t)b;
  while (y) {
    uint64_t t = x % y;
    x = y;
    y = t;
  }
  return (int64_t)x;
}

static int f_gcd(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "gcd() takes no keyword arguments");
  int64_t g = 0;
  for (size_t i = 0; i < args->npos; i++) {
    int64_t x;
    if (int_arg(rt, args->pos[i], &x)) return -1;
    g = gcd64(g, x);
  }
  return *out = sl_int(g), 0;
}

/* Multiplies acc by v (any size) through the language's `*`. */
static int mul_into(sl_rt *rt, sl_value *acc, sl_value v) {
  sl_value r;
  if (sl_binary_op(rt, SL_BIN_MULT, *acc, v, &r)) return -1;
  sl_vset(rt, acc, r);
  return 0;
}

static int f_lcm(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "lcm() takes no keyword arguments");
  int64_t l = 1;
  for (size_t i = 0; i < args->npos; i++) {
    int64_t x;
    if (int_arg(rt, args->pos[i], &x)) return -1;
    if (x == 0 || l == 0) {
      l = 0;
      continue;
    }
    int64_t g = gcd64(l, x), ax = x < 0 ? -x : x;
    if (__builtin_mul_overflow(l / g, ax, &l)) return sl_raise_int_overflow(rt);
  }
  return *out = sl_int(l), 0;
}

static int f_factorial(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (nargs(rt, args, 1, 1, "factorial")) return -1;
  if (args->pos[0].tag == SL_V_FLOAT)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'float' object cannot be interpreted as an integer");
  int64_t n;
  if (int_arg(rt, args->pos[0], &n)) return -1;
  if (n < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "factorial() not defined for negative values");
  sl_value acc = sl_int(1);
  for (int64_t i = 2; i <= n; i++)
    if (mul_into(rt, &acc, sl_int(i))) {
      sl_vdecref(rt, acc);
      return -1;
    }
  return *out = acc, 0;
}

/* perm(n, k) = n! / (n-k)!; comb divides by k! (exact, any size). */
static int perm_comb(sl_rt *rt, const sl_args *args, bool comb, sl_value *out) {
  const char *fname = comb ? "comb" : "perm";
  if (nargs(rt, args, comb ? 2 : 1, 2, fname)) return -1;
  int64_t n, k;
  if (int_arg(rt, args->pos[0], &n)) return -1;
  if (args->npos == 2 && !sl_is_none(args->pos[1])) {
    if (int_arg(rt, args->pos[1], &k)) return -1;
  } else {
    k = n;
  }
  if (n < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "n must be a non-negative integer");
  if (k < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "k must be a non-negative integer");
  if (k > n) return *out = sl_int(0), 0;
  if (comb && k > n - k) k = n - k;
  sl_value acc = sl_int(1);
  for (int64_t i = 0; i < k; i++) {
    if (mul_into(rt, &acc, sl_int(n - i))) goto fail;
    if (comb) {
      sl_value q;
      if (sl_binary_op(rt, SL_BIN_FLOORDIV, acc, sl_int(i + 1), &q)) goto fail;
      sl_vset(rt, &acc, q);
    }
  }
  return *out = acc, 0;
fail:
  sl_vdecref(rt, acc);
  return -1;
}

static int f_comb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return perm_comb(rt, args, true, out);
}
static int f_perm(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return perm_comb(rt, args, false, out);
}

static int f_isqrt(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  int64_t n;
  if (nargs(rt, args, 1, 1, "isqrt") || int_arg(rt, args->pos[0], &n)) return -1;
  if (n < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "isqrt() argument must be nonnegative");
  uint64_t r = (uint64_t)sqrt((double)n);
  while (r * r > (uint64_t)n) r--;
  while ((r + 1) * (r + 1) <= (uint64_t)n) r++;
  return *out = sl_int((int64_t)r), 0;
}

/* prod(iterable, *, start=1): the language's `*` left to right. */
static int f_prod(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"iterable", "start"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "prod", names, 2, 1, 1, a)) return -1;
  sl_obj *l;
  if (sl_list_from_iterable(rt, a[0], &l)) return -1;
  sl_value acc = sl_is_undef(a[1]) ? sl_int(1) : sl_vincref(a[1]);
  int rc = 0;
  for (size_t i = 0; i < sl_as_list(l)->len && !rc; i++)
    rc = mul_into(rt, &acc, sl_as_list(l)->items[i]);
  sl_decref(rt, l);
  if (rc) {
    sl_vdecref(rt, acc);
    return -1;
  }
  return *out = acc, 0;
}

static int f_modf(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  double x, ip;
  if (nargs(rt, args, 1, 1, "modf") || arg_double(rt, args->pos[0], &x)) return -1;
  double fp = isinf(x) ? copysign(0.0, x) : modf(x, &ip);
  if (isinf(x)) ip = x;
  sl_value items[2] = {sl_float(fp), sl_float(ip)};
  sl_obj *t = sl_tuple_new(rt, items, 2);
  return t ? (*out = sl_obj_val(t), 0) : -1;
}

static int f_dist(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (nargs(rt, args, 2, 2, "dist")) return -1;
  sl_obj *p, *q;
  if (sl_list_from_iterable(rt, args->pos[0], &p)) return -1;
  if (sl_list_from_iterable(rt, args->pos[1], &q)) {
    sl_decref(rt, p);
    return -1;
  }
  int rc = 0;
  double acc = 0;
  if (sl_as_list(p)->len != sl_as_list(q)->len)
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "both points must have the same number of dimensions");
  for (size_t i = 0; !rc && i < sl_as_list(p)->len; i++) {
    double a, b;
    rc = arg_double(rt, sl_as_list(p)->items[i], &a) || arg_double(rt, sl_as_list(q)->items[i], &b);
    if (!rc) acc = i ? hypot(acc, a - b) : fabs(a - b);
  }
  sl_decref(rt, p);
  sl_decref(rt, q);
  return rc ? -1 : (*out = sl_float(acc), 0);
}

static const sl_cfunc_def math_funcs[] = {
    {"log", f_log, NULL, 0},
    {"pow", f_pow, NULL, 0},
    {"atan2", f_atan2, NULL, 0},
    {"copysign", f_copysign, NULL, 0},
    {"fmod", f_fmod, NULL, 0},
    {"hypot", f_hypot, NULL, 0},
    {"degrees", f_degrees, NULL, 0},
    {"radians", f_radians, NULL, 0},
    {"floor", f_floor, NULL, 0},
    {"ceil", f_ceil, NULL, 0},
    {"trunc", f_trunc, NULL, 0},
    {"isfinite", f_isfinite, NULL, 0},
    {"isinf", f_isinf, NULL, 0},
    {"isnan", f_isnan, NULL, 0},
    {"isclose", f_isclose, NULL, 0},
    {"fsum", f_fsum, NULL, 0},
    {"gcd", f_gcd, NULL, 0},
    {"lcm", f_lcm, NULL, 0},
    {"factorial", f_factorial, NULL, 0},
    {"comb", f_comb, NULL, 0},
    {"perm", f_perm, NULL, 0},
    {"isqrt", f_isqrt, NULL, 0},
    {"prod", f_prod, NULL, 0},
    {"modf", f_modf, NULL, 0},
    {"dist", f_dist, NULL, 0},
    {NULL, NULL, NULL, 0},
};

/* One cfunc per entry of UNARY (same order), its index there as self. */
#define U(name)                                                                                    \
  { name, unary, NULL, 0 }
static const sl_cfunc_def unary_defs[] = {
    U("sqrt"), U("exp"),  U("log2"), U("log10"), U("sin"),  U("cos"),  U("tan"),   U("asin"),
    U("acos"), U("atan"), U("sinh"), U("cosh"),  U("tanh"), U("fabs"), U("expm1"), U("log1p"),
};
#undef U

int sl_mod_math_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, math_funcs)) return -1;
  for (size_t i = 0; UNARY[i].name; i++) {
    sl_obj *f = sl_cfunc_new(rt, &unary_defs[i], sl_int((int64_t)i));
    if (!f) return -1;
    int rc = sl_stdmod_add(rt, module_dict, UNARY[i].name, sl_obj_val(f));
    sl_decref(rt, f);
    if (rc) return -1;
  }
  return sl_stdmod_add(rt, module_dict, "pi", sl_float(PY_PI)) ||
                 sl_stdmod_add(rt, module_dict, "e", sl_float(PY_E)) ||
                 sl_stdmod_add(rt, module_dict, "tau", sl_float(2 * PY_PI)) ||
                 sl_stdmod_add(rt, module_dict, "inf", sl_float(INFINITY)) ||
                 sl_stdmod_add(rt, module_dict, "nan", sl_float(NAN))
             ? -1
             : 0;
}

/* ---- string ------------------------------------------------------------------- */

static int f_capwords(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"s", "sep"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "capwords", names, 2, 1, 2, a)) return -1;
  /* (sep or ' ').join(map(str.capitalize, s.split(sep))) */
  sl_value split, parts;
  if (sl_lang_getattr(rt, a[0], "split", &split)) return -1;
  sl_value sep = sl_is_undef(a[1]) ? sl_none() : a[1];
  int rc = sl_vm_call_pos(rt, split, &sep, 1, &parts);
  sl_vdecref(rt, split);
  if (rc) return -1;
  sl_list *l = sl_as_list(parts.u.o);
  for (size_t i = 0; i < l->len && !rc; i++) {
    sl_value cap, r;
    if ((rc = sl_lang_getattr(rt, l->items[i], "capitalize", &cap))) break;
    rc = sl_vm_call_pos(rt, cap, NULL, 0, &r);
    sl_vdecref(rt, cap);
    if (!rc) sl_vset(rt, &l->items[i], r);
  }
  sl_obj *space = rc ? NULL : sl_str_from_cstr(rt, " ");
  sl_value joiner = sl_is_none(sep) ? (space ? sl_obj_val(space) : sl_none()) : sep, join;
  if (!rc && !space) rc = -1;
  if (!rc && !(rc = sl_lang_getattr(rt, joiner, "join", &join))) {
    rc = sl_vm_call_pos(rt, join, &parts, 1, out);
    sl_vdecref(rt, join);
  }
  sl_decref(rt, space);
  sl_vdecref(rt, parts);
  return rc;
}

static const sl_cfunc_def capwords_def = {"capwords", f_capwords, NULL, 0};

int sl_mod_string_init(sl_rt *rt, sl_obj *module_dict) {
  static const char *const consts[][2] = {
      {"ascii_lowercase", "abcdefghijklmnopqrstuvwxyz"},
      {"ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
      {"ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"},
      {"digits", "0123456789"},
      {"hexdigits", "0123456789abcdefABCDEF"},
      {"octdigits", "01234567"},
      {"punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"},
      {"whitespace", " \t\n\r\x0b\x0c"},
      {"printable", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c"},
  };
  for (size_t i = 0; i < sizeof consts / sizeof *consts; i++) {
    sl_obj *s = sl_str_from_cstr(rt, consts[i][1]);
    if (!s) return -1;
    int rc = sl_stdmod_add(rt, module_dict, consts[i][0], sl_obj_val(s));
    sl_decref(rt, s);
    if (rc) return -1;
  }
  return sl_stdmod_add_func(rt, module_dict, &capwords_def);
}
