/* Float to text as CPython: Python/pystrtod.c's PyOS_double_to_string and
 * float_repr in Objects/floatobject.c.
 *
 * CPython gets its digits from David Gay's dtoa. We get the same digits
 * from the C library: glibc's printf prints the exact binary value rounded
 * half-to-even at any precision (dtoa modes 2 and 3), and the shortest
 * round-trip digits (mode 0) are found by trying 1..17 significant digits
 * with strtod (correctly rounded in glibc) as the judge. Both read the C
 * locale's decimal point, which is '.' because the engine never calls
 * setlocale (see numfmt.h). */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num/numfmt-int.h"

/* Appends snprintf(fmt, prec, x) to b; false on allocation failure. The
 * size bound covers %e (digits + exponent) and %f (309 integer digits). */
static bool print_double(sl_strbuf *b, const char *fmt, int prec, double x) {
  size_t need = (size_t)prec + 330;
  if (!sl_strbuf_reserve(b, need)) return false;
  int n = snprintf(b->data + b->len, need + 1, fmt, prec, x);
  if (n < 0 || (size_t)n > need) return false;
  b->len += (size_t)n;
  return true;
}

/* Rewrites a "%e" or "%f" rendering held in `s` (no sign) as bare digits
 * in `digits` and returns the decimal point position through *decpt. */
static void to_digits(const char *s, sl_strbuf *digits, int *decpt) {
  int point = -1, count = 0, exp10 = 0;
  const char *p = s;
  for (; *p && *p != 'e'; p++) {
    if (*p == '.') {
      point = count;
      continue;
    }
    sl_strbuf_putc(digits, *p);
    count++;
  }
  if (*p == 'e') exp10 = atoi(p + 1);
  if (point < 0) point = count;
  *decpt = point + exp10;
  /* Leading zeros (from %f of a value below 1) move the point left. */
  size_t lead = 0;
  while (lead < digits->len && digits->data[lead] == '0') lead++;
  if (lead == digits->len) {
    sl_strbuf_clear(digits);
    sl_strbuf_putc(digits, '0');
    *decpt = 1;
    return;
  }
  if (lead > 0 && !digits->failed) {
    memmove(digits->data, digits->data + lead, digits->len - lead);
    digits->len -= lead;
    *decpt -= (int)lead;
  }
  while (digits->len > 1 && digits->data[digits->len - 1] == '0') digits->len--;
  if (!digits->failed) digits->data[digits->len] = '\0';
}

/* The shortest digit string that strtod reads back as ax (ax > 0, finite);
 * among strings of that length the one nearest ax. The nearest p-digit
 * string is the correctly rounded one; when it misses only because the
 * gap below ax is half the gap above (ax a power of two), the next p-digit
 * string above may still read back, so it is tried too. */
static bool shortest(double ax, sl_strbuf *digits, int *decpt) {
  char buf[40], up[40];
  for (int p = 1; p <= 17; p++) {
    snprintf(buf, sizeof buf, "%.*e", p - 1, ax);
    double back = strtod(buf, NULL);
    if (back == ax) {
      to_digits(buf, digits, decpt);
      return !digits->failed;
    }
    if (back > ax) continue;
    /* Increment the last digit of the mantissa in a copy, with carry. */
    memcpy(up, buf, sizeof buf);
    char *e = strchr(up, 'e');
    int exp10 = atoi(e + 1);
    char *q = e - 1;
    for (;;) {
      if (*q == '.') {
        q--;
        continue;
      }
      if (*q != '9') {
        (*q)++;
        break;
      }
      *q = '0';
      if (q == up) {
        /* 9.99e+N rolled over to 10.0e+N: write 1.00e+(N+1). */
        up[0] = '1';
        exp10++;
        break;
      }
      q--;
    }
    snprintf(e, sizeof up - (size_t)(e - up), "e%d", exp10);
    if (strtod(up, NULL) == ax) {
      to_digits(up, digits, decpt);
      return !digits->failed;
    }
  }
  /* Unreachable: 17 significant digits always round-trip a double. */
  snprintf(buf, sizeof buf, "%.16e", ax);
  to_digits(buf, digits, decpt);
  return !digits->failed;
}

int sl__dtoa(double x, int mode, int ndigits, sl_strbuf *digits, int *decpt) {
  sl_strbuf_clear(digits);
  if (isnan(x)) return SL__NAN;
  if (isinf(x)) return SL__INF;
  double ax = fabs(x);
  if (ax == 0.0) {
    sl_strbuf_putc(digits, '0');
    *decpt = 1;
    return digits->failed ? SL__NOMEM : SL__FINITE;
  }
  if (mode == SL__DTOA_SHORTEST) return shortest(ax, digits, decpt) ? SL__FINITE : SL__NOMEM;
  sl_strbuf text = SL_STRBUF_INIT;
  bool ok;
  if (mode == SL__DTOA_SIGNIFICANT)
    ok = print_double(&text, "%.*e", (ndigits < 1 ? 1 : ndigits) - 1, ax);
  else
    ok = print_double(&text, "%.*f", ndigits < 0 ? 0 : ndigits, ax);
  if (ok) to_digits(text.data, digits, decpt);
  sl_strbuf_free(&text);
  return ok && !digits->failed ? SL__FINITE : SL__NOMEM;
}

bool sl__double_to_string(sl_strbuf *out, double x, char type, int precision, unsigned flags) {
  bool upper = type == 'E' || type == 'F' || type == 'G';
  char lower = upper ? (char)(type - 'A' + 'a') : type;
  bool alt = flags & SL__DTS_ALT, add_dot_0 = flags & SL__DTS_ADD_DOT_0;
  int mode = SL__DTOA_SHORTEST, nd = 0;
  switch (lower) {
  case 'e':
    mode = SL__DTOA_SIGNIFICANT;
    nd = precision + 1;
    break;
  case 'f':
    mode = SL__DTOA_FIXED;
    nd = precision;
    break;
  case 'g':
    mode = SL__DTOA_SIGNIFICANT;
    if (precision == 0) precision = 1; /* pystrtod.c: %.0g means %.1g */
    nd = precision;
    break;
  default: /* 'r' */ break;
  }
  sl_strbuf digits = SL_STRBUF_INIT;
  int decpt = 0;
  int cls = sl__dtoa(x, mode, nd, &digits, &decpt);
  if (cls == SL__NOMEM) {
    sl_strbuf_free(&digits);
    return false;
  }
  if (cls == SL__NAN) {
    /* Python never shows a sign on a nan. */
    sl_strbuf_puts(out, upper ? "NAN" : "nan");
    sl_strbuf_free(&digits);
    return !out->failed;
  }
  bool neg = signbit(x) != 0;
  if (cls == SL__INF) {
    sl_strbuf_puts(out, neg ? (upper ? "-INF" : "-inf") : (upper ? "INF" : "inf"));
    sl_strbuf_free(&digits);
    return !out->failed;
  }
  const char *d = digits.data;
  int n = (int)digits.len;
  if ((flags & SL__DTS_NO_NEG_0) && n == 1 && d[0] == '0') neg = false;

  /* Which digit positions to show: positions are counted from the first
   * digit (0) with the decimal point before position `decpt`; positions
   * outside 0..n-1 show as '0'. Mirrors format_float_short's rules. */
  bool use_exp = false;
  int vend = n, exp10 = 0;
  switch (lower) {
  case 'e':
    use_exp = true;
    vend = nd;
    break;
  case 'f': vend = decpt + precision; break;
  case 'g':
    if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
    if (alt) vend = precision;
    break;
  default: /* 'r': exponent form from 1e16 (floatobject.c: repr(2e16+8)) */
    if (decpt <= -4 || decpt > 16) use_exp = true;
    break;
  }
  if (use_exp) {
    exp10 = decpt - 1;
    decpt = 1;
  }
  int vstart = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0) {
    if (vend < decpt + 1) vend = decpt + 1;
  } else if (vend < decpt) {
    vend = decpt;
  }
  if (neg) sl_strbuf_putc(out, '-');
  if (!sl_strbuf_reserve(out, (size_t)(vend - vstart) + 2)) {
    sl_strbuf_free(&digits);
    return false;
  }
  for (int i = vstart; i < vend; i++) {
    if (i == decpt) out->data[out->len++] = '.';
    out->data[out->len++] = (i >= 0 && i < n) ? d[i] : '0';
  }
  /* A point after the last digit shows only in alternate form. */
  if (decpt == vend && alt) out->data[out->len++] = '.';
  out->data[out->len] = '\0';
  if (use_exp) sl_strbuf_printf(out, "%c%+.02d", upper ? 'E' : 'e', exp10);
  sl_strbuf_free(&digits);
  return !out->failed;
}

void sl_float_repr(sl_strbuf *out, double x) {
  if (!sl__double_to_string(out, x, 'r', 0, SL__DTS_ADD_DOT_0)) out->failed = true;
}

void sl_int_repr(sl_strbuf *out, int64_t v) { sl_strbuf_printf(out, "%" PRId64, v); }
