/* Python arithmetic on int64 and double: the sign rules of // and %,
 * float_pow's special cases, round() with correctly rounded decimals and
 * exact int/float comparison. Mirrors Objects/longobject.c (l_divmod,
 * long_true_divide, long_pow) and Objects/floatobject.c (float_rem,
 * float_divmod, float_pow, double_round, float_richcompare), plus the
 * ZeroDivisionError texts of each CPython version. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num/numfmt-int.h"

sl_num_status sl_int_add(int64_t a, int64_t b, int64_t *r) {
  return __builtin_add_overflow(a, b, r) ? SL_NUM_INT_OVERFLOW : SL_NUM_OK;
}

sl_num_status sl_int_sub(int64_t a, int64_t b, int64_t *r) {
  return __builtin_sub_overflow(a, b, r) ? SL_NUM_INT_OVERFLOW : SL_NUM_OK;
}

sl_num_status sl_int_mul(int64_t a, int64_t b, int64_t *r) {
  return __builtin_mul_overflow(a, b, r) ? SL_NUM_INT_OVERFLOW : SL_NUM_OK;
}

sl_num_status sl_int_neg(int64_t a, int64_t *r) {
  return __builtin_sub_overflow((int64_t)0, a, r) ? SL_NUM_INT_OVERFLOW : SL_NUM_OK;
}

sl_num_status sl_int_divmod(int64_t a, int64_t b, int64_t *q, int64_t *m) {
  if (b == 0) return SL_NUM_ZERO_DIVISION;
  if (b == -1) {
    /* INT64_MIN // -1 is 2**63; the remainder is always 0. */
    if (a == INT64_MIN) return SL_NUM_INT_OVERFLOW;
    *q = -a;
    *m = 0;
    return SL_NUM_OK;
  }
  int64_t qq = a / b, mm = a % b;
  /* C truncates toward zero; Python floors, so the remainder takes the
   * divisor's sign. */
  if (mm != 0 && ((mm < 0) != (b < 0))) {
    qq -= 1;
    mm += b;
  }
  *q = qq;
  *m = mm;
  return SL_NUM_OK;
}

sl_num_status sl_int_floordiv(int64_t a, int64_t b, int64_t *r) {
  int64_t m;
  return sl_int_divmod(a, b, r, &m);
}

sl_num_status sl_int_mod(int64_t a, int64_t b, int64_t *r) {
  int64_t q;
  if (b == -1) {
    /* Never overflows, even for INT64_MIN. */
    *r = 0;
    return SL_NUM_OK;
  }
  return sl_int_divmod(a, b, &q, r);
}

static int bit_length(uint64_t v) { return v ? 64 - __builtin_clzll(v) : 0; }

sl_num_status sl_int_truediv(int64_t a, int64_t b, double *r) {
  if (b == 0) return SL_NUM_ZERO_DIVISION;
  bool neg = (a < 0) != (b < 0);
  uint64_t n = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
  uint64_t d = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
  /* Both exact as doubles: one correctly rounded IEEE division. */
  if (n <= (UINT64_C(1) << 53) && d <= (UINT64_C(1) << 53)) {
    double q = (double)n / (double)d;
    *r = neg ? -q : q;
    return SL_NUM_OK;
  }
  /* Otherwise divide exactly in 128 bits with a quotient of at least 55
   * bits, keep a sticky bit for the remainder, and round half to even. */
  int shift = 55 + bit_length(d) - bit_length(n);
  if (shift < 0) shift = 0;
  unsigned __int128 num = (unsigned __int128)n << shift;
  unsigned __int128 q = num / d;
  bool sticky = num % d != 0;
  int qbits = 0;
  for (unsigned __int128 t = q; t; t >>= 1) qbits++;
  int drop = qbits - 53;
  uint64_t mant;
  if (drop > 0) {
    unsigned __int128 rest = q & (((unsigned __int128)1 << drop) - 1);
    unsigned __int128 half = (unsigned __int128)1 << (drop - 1);
    mant = (uint64_t)(q >> drop);
    if (rest > half || (rest == half && (sticky || (mant & 1)))) mant++;
  } else {
    drop = 0;
    mant = (uint64_t)q; /* exact: no bits dropped, sticky cannot happen */
  }
  double v = ldexp((double)mant, drop - shift);
  *r = neg ? -v : v;
  return SL_NUM_OK;
}

sl_num_status sl_int_pow(int64_t a, int64_t b, int64_t *ri, double *rf, bool *is_float) {
  if (b < 0) {
    /* long_pow: a negative exponent makes it float_pow. */
    *is_float = true;
    return sl_float_pow(sl_int_to_float(a), sl_int_to_float(b), rf);
  }
  *is_float = false;
  int64_t result = 1, base = a;
  while (b) {
    if (b & 1) {
      if (__builtin_mul_overflow(result, base, &result)) return SL_NUM_INT_OVERFLOW;
    }
    b >>= 1;
    if (b && __builtin_mul_overflow(base, base, &base)) {
      /* base**2 overflows: harmless only when the result is already 0. */
      if (result == 0) break;
      return SL_NUM_INT_OVERFLOW;
    }
  }
  *ri = result;
  return SL_NUM_OK;
}

sl_num_status sl_int_round(int64_t v, int64_t ndigits, int64_t *r) {
  if (ndigits >= 0) {
    *r = v;
    return SL_NUM_OK;
  }
  if (ndigits < -19) {
    *r = 0; /* |v| < 9.3e18 < 0.5e20 */
    return SL_NUM_OK;
  }
  uint64_t p = 1;
  for (int64_t k = 0; k < -ndigits; k++) p *= 10; /* at most 10**19 < 2**64 */
  uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t q = mag / p, rem = mag % p;
  if (rem > p - rem || (rem == p - rem && (q & 1))) q++;
  uint64_t limit = v < 0 ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  if (q && (q > limit / p)) return SL_NUM_INT_OVERFLOW;
  uint64_t res = q * p;
  if (res > limit) return SL_NUM_INT_OVERFLOW;
  *r = v < 0 ? (int64_t)(0 - res) : (int64_t)res;
  return SL_NUM_OK;
}

sl_num_status sl_float_truediv(double a, double b, double *r) {
  if (b == 0.0) return SL_NUM_ZERO_DIVISION;
  *r = a / b;
  return SL_NUM_OK;
}

sl_num_status sl_float_divmod(double a, double b, double *q, double *m) {
  if (b == 0.0) return SL_NUM_ZERO_DIVISION;
  double mod = fmod(a, b);
  /* fmod is exact, so a - mod is a multiple of b up to one rounding; the
   * quotient is snapped to an integer below. */
  double div = (a - mod) / b;
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= 1.0;
    }
  } else {
    /* A zero remainder takes the divisor's sign on every platform. */
    mod = copysign(0.0, b);
  }
  double floordiv;
  if (div != 0.0) {
    floordiv = floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = copysign(0.0, a / b);
  }
  *q = floordiv;
  *m = mod;
  return SL_NUM_OK;
}

sl_num_status sl_float_floordiv(double a, double b, double *r) {
  double m;
  return sl_float_divmod(a, b, r, &m);
}

sl_num_status sl_float_mod(double a, double b, double *r) {
  if (b == 0.0) return SL_NUM_ZERO_DIVISION;
  double mod = fmod(a, b);
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = copysign(0.0, b);
  }
  *r = mod;
  return SL_NUM_OK;
}

/* An odd integer, for a finite x. */
static bool odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

sl_num_status sl_float_pow(double v, double w, double *r) {
  /* float_pow settles the special cases itself rather than trust libm. */
  if (w == 0.0) {
    *r = 1.0; /* even 0**0 and nan**0 */
    return SL_NUM_OK;
  }
  if (isnan(v)) {
    *r = v;
    return SL_NUM_OK;
  }
  if (isnan(w)) {
    *r = v == 1.0 ? 1.0 : w;
    return SL_NUM_OK;
  }
  if (isinf(w)) {
    double av = fabs(v);
    if (av == 1.0)
      *r = 1.0;
    else if ((w > 0.0) == (av > 1.0))
      *r = fabs(w);
    else
      *r = 0.0;
    return SL_NUM_OK;
  }
  if (isinf(v)) {
    bool odd = odd_integer(w);
    if (w > 0.0)
      *r = odd ? v : fabs(v);
    else
      *r = odd ? copysign(0.0, v) : 0.0;
    return SL_NUM_OK;
  }
  if (v == 0.0) {
    if (w < 0.0) return SL_NUM_ZERO_DIVISION;
    *r = odd_integer(w) ? v : 0.0;
    return SL_NUM_OK;
  }
  bool negate = false;
  if (v < 0.0) {
    if (w != floor(w)) return SL_NUM_COMPLEX; /* Python returns a complex */
    v = -v;
    negate = odd_integer(w);
  }
  if (v == 1.0) {
    *r = negate ? -1.0 : 1.0;
    return SL_NUM_OK;
  }
  double x = pow(v, w);
  /* Finite operands: an infinite result is ERANGE, an underflow to 0 is
   * not an error (_Py_ADJUST_ERANGE1). */
  if (isinf(x)) return SL_NUM_OVERFLOW_ERROR;
  *r = negate ? -x : x;
  return SL_NUM_OK;
}

/* x rounded to a multiple of 10**-ndigits, ndigits < 0: the integer part's
 * exact digits are rounded half to even (the fraction only breaks ties),
 * then read back with strtod, as double_round does with dtoa mode 3. */
static sl_num_status round_left(double x, int ndigits, double *r) {
  double ax = fabs(x), ip = trunc(ax);
  bool frac = ax != ip;
  char digits[400], text[420];
  snprintf(digits, sizeof digits, "%.0f", ip);
  int len = (int)strlen(digits), k = -ndigits;
  if (len == 1 && digits[0] == '0') len = 0;
  int head = len - k;
  bool up = false;
  if (head >= 0) {
    const char *tail = digits + head;
    if (tail[0] > '5') {
      up = true;
    } else if (tail[0] == '5') {
      bool more = frac;
      for (int i = 1; i < k && !more; i++) more = tail[i] != '0';
      up = more || (head > 0 && ((digits[head - 1] - '0') & 1));
    }
  } else {
    head = 0;
  }
  /* head digits, incremented when rounding up (with carry). */
  char h[402];
  memcpy(h + 1, digits, (size_t)head);
  h[0] = '0';
  int hl = head + 1;
  if (up) {
    int i = hl - 1;
    while (i >= 0 && h[i] == '9') h[i--] = '0';
    if (i >= 0) h[i]++;
  }
  snprintf(text, sizeof text, "%s%.*se%d", x < 0 || signbit(x) ? "-" : "", hl, h, k);
  double v = strtod(text, NULL);
  if (isinf(v)) return SL_NUM_OVERFLOW_ERROR;
  *r = v;
  return SL_NUM_OK;
}

sl_num_status sl_float_round(double x, int64_t ndigits, double *r) {
  if (!isfinite(x)) {
    *r = x;
    return SL_NUM_OK;
  }
  /* floatobject.c: beyond these every x rounds to itself or to +-0.0. */
  if (ndigits > 323) {
    *r = x;
    return SL_NUM_OK;
  }
  if (ndigits < -308) {
    *r = 0.0 * x;
    return SL_NUM_OK;
  }
  if (ndigits < 0) return round_left(x, (int)ndigits, r);
  /* %.*f is the exact value rounded half to even at ndigits places
   * (dtoa mode 3); strtod reads it back correctly rounded. */
  char small[512];
  size_t need = (size_t)ndigits + 330;
  char *buf = small;
  sl_strbuf big = SL_STRBUF_INIT;
  if (need > sizeof small) {
    if (!sl_strbuf_reserve(&big, need)) return SL_NUM_NOMEM;
    buf = big.data;
  }
  snprintf(buf, need, "%.*f", (int)ndigits, x);
  *r = strtod(buf, NULL);
  sl_strbuf_free(&big);
  return SL_NUM_OK;
}

sl_num_status sl_float_to_int(double x, int64_t *r) {
  if (isnan(x)) return SL_NUM_VALUE_ERROR;
  if (isinf(x)) return SL_NUM_OVERFLOW_ERROR;
  double t = trunc(x);
  if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) return SL_NUM_INT_OVERFLOW;
  *r = (int64_t)t;
  return SL_NUM_OK;
}

sl_num_status sl_float_round_int(double x, int64_t *r) {
  if (!isfinite(x)) return sl_float_to_int(x, r);
  double rounded = round(x);
  /* C's round() breaks ties away from zero; Python's to even. */
  if (fabs(x - rounded) == 0.5) rounded = 2.0 * round(x / 2.0);
  return sl_float_to_int(rounded, r);
}

double sl_int_to_float(int64_t v) {
  /* The conversion rounds to nearest, ties to even, in the default
   * floating-point environment, which is PyLong_AsDouble's rounding. */
  return (double)v;
}

int sl_int_float_cmp(int64_t v, double x) {
  if (isnan(x)) return 2;
  if (x >= 9223372036854775808.0) return -1;
  if (x < -9223372036854775808.0) return 1;
  /* |x| < 2**63: its integer part is an exact int64; compare that first,
   * then let the fraction decide. */
  double t = trunc(x);
  int64_t ti = (int64_t)t;
  if (v < ti) return -1;
  if (v > ti) return 1;
  double frac = x - t;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

const char *sl_zerodiv_message(sl_num_op op, bool float_operands, int py_minor) {
  /* Verified against CPython 3.11.2, 3.12.7, 3.13.2 and 3.14.2. */
  if (op == SL_OP_POW)
    return py_minor >= 14 ? "zero to a negative power" : "0.0 cannot be raised to a negative power";
  if (py_minor >= 14) return "division by zero";
  if (!float_operands) {
    switch (op) {
    case SL_OP_TRUEDIV: return "division by zero";
    case SL_OP_MOD: return "integer modulo by zero";
    default: return "integer division or modulo by zero";
    }
  }
  switch (op) {
  case SL_OP_FLOORDIV: return "float floor division by zero";
  case SL_OP_MOD: return py_minor >= 13 ? "float modulo by zero" : "float modulo";
  case SL_OP_DIVMOD: return "float divmod()";
  default: return "float division by zero";
  }
}

const char *sl_num_message(sl_num_status st, sl_num_op op, bool float_operands, int py_minor) {
  switch (st) {
  case SL_NUM_ZERO_DIVISION: return sl_zerodiv_message(op, float_operands, py_minor);
  case SL_NUM_OVERFLOW_ERROR:
    if (op == SL_OP_TO_INT) return "cannot convert float infinity to integer";
    if (op == SL_OP_ROUND) return "rounded value too large to represent";
    /* float_pow raises from errno ERANGE; glibc's strerror text. */
    return "(34, 'Numerical result out of range')";
  case SL_NUM_VALUE_ERROR:
    return op == SL_OP_TO_INT ? "cannot convert float NaN to integer" : "invalid value";
  case SL_NUM_INT_OVERFLOW: return "integer result outside the 64-bit range";
  case SL_NUM_COMPLEX: return "result would be a complex number";
  case SL_NUM_NOMEM: return "out of memory";
  case SL_NUM_MEMORY_ERROR: return "";
  default: return "";
  }
}
