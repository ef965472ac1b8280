/* int(str) and float(str) as CPython parses them: PyLong_FromUnicodeObject
 * (Objects/longobject.c) and float_from_string (Objects/floatobject.c).
 * Unicode digits and whitespace are mapped to ASCII first (unicode.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt-int.h"
#include "core/num/unicode.h"
#include "core/num/bigint.h"

/* Python's Py_ISSPACE: the six ASCII whitespace characters only (0x1c to
 * 0x1f are str.isspace() but are not stripped by int() or float()). */
static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Builds the ASCII view of a UTF-8 str, trimmed of whitespace. The caller
 * frees *buf. Returns false on allocation failure. */
static bool ascii_trimmed(const char *s, size_t len, char **buf, size_t *start, size_t *end) {
  char *a = sl_malloc(len + 1);
  if (!a) return false;
  size_t n = 0, i = 0;
  while (i < len) a[n++] = sl__unicode_ascii_view(sl__utf8_next((const unsigned char *)s, len, &i));
  a[n] = '\0';
  size_t b = 0, e = n;
  while (b < e && is_space(a[b])) b++;
  while (e > b && is_space(a[e - 1])) e--;
  *buf = a;
  *start = b;
  *end = e;
  return true;
}

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* Appends "prefix<repr(s) cut to 200 characters>" as %.200R does. */
static void message_with_repr(sl_strbuf *err, const char *prefix, const char *s, size_t len,
                              bool cut200) {
  if (!err) return;
  sl_strbuf_puts(err, prefix);
  sl_strbuf r = SL_STRBUF_INIT;
  sl_str_repr(&r, s, len);
  size_t keep = r.len;
  if (cut200) {
    size_t chars = 0;
    for (size_t i = 0; i < r.len; i++) {
      if (((unsigned char)r.data[i] & 0xc0) == 0x80) continue;
      if (chars == 200) {
        keep = i;
        break;
      }
      chars++;
    }
  }
  if (r.failed)
    err->failed = true;
  else
    sl_strbuf_append(err, r.data, keep);
  sl_strbuf_free(&r);
}

/* int(s, base): the value into *out when it fits, else (big != NULL) into
 * *big with SL_NUM_INT_OVERFLOW returned. */
static sl_num_status parse_int(const char *s, size_t len, int base, int64_t *out, sl_bigint *big,
                               sl_strbuf *err) {
  if (base != 0 && (base < 2 || base > 36)) {
    if (err) sl_strbuf_puts(err, "int() base must be >= 2 and <= 36, or 0");
    return SL_NUM_VALUE_ERROR;
  }
  char *a;
  size_t i, end;
  if (!ascii_trimmed(s, len, &a, &i, &end)) return SL_NUM_NOMEM;
  bool neg = false, ok = false, overflow = false;
  int b = base;
  uint64_t mag = 0, limit = (uint64_t)INT64_MAX;
  size_t ndigits = 0;
  if (i < end && (a[i] == '+' || a[i] == '-')) neg = a[i++] == '-';
  if (neg) limit += 1;
  /* A prefix: 0x/0o/0b for base 0 or the matching base. After it one
   * underscore may come before the first digit ("0x_1f"). */
  bool prefixed = false;
  if (i + 1 < end && a[i] == '0') {
    char p = (char)(a[i + 1] | 0x20);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb && (b == 0 || b == pb)) {
      b = pb;
      i += 2;
      prefixed = true;
    }
  }
  bool zero_only = false; /* base 0 without prefix: "0..." must be all zeros */
  if (b == 0) {
    b = 10;
    zero_only = i < end && a[i] == '0';
  }
  bool prev_digit = prefixed; /* an underscore may follow the prefix */
  bool nonzero = false;
  /* The digit values, kept for a value beyond int64. */
  unsigned char *digits = big ? sl_malloc(end - i + 1) : NULL;
  if (big && !digits) {
    sl_free(a);
    return SL_NUM_NOMEM;
  }
  for (; i < end; i++) {
    char c = a[i];
    if (c == '_') {
      if (!prev_digit) break;
      prev_digit = false;
      continue;
    }
    int d = digit_value(c);
    if (d >= b) break;
    if (d) nonzero = true;
    prev_digit = true;
    if (digits) digits[ndigits] = (unsigned char)d;
    ndigits++;
    if (!overflow) {
      if (mag > (limit - (uint64_t)d) / (uint64_t)b)
        overflow = true;
      else
        mag = mag * (uint64_t)b + (uint64_t)d;
    }
  }
  ok = i == end && prev_digit && ndigits > 0 && !(zero_only && nonzero);
  sl_free(a);
  if (!ok || !overflow) {
    sl_free(digits);
    digits = NULL;
  }
  if (!ok) {
    if (err) {
      char head[64];
      snprintf(head, sizeof head, "invalid literal for int() with base %d: ", base);
      message_with_repr(err, head, s, len, true);
    }
    return SL_NUM_VALUE_ERROR;
  }
  /* sys.get_int_max_str_digits() (default 4300) applies to bases that
   * are not powers of two; such values are far beyond int64 anyway. */
  if ((b & (b - 1)) != 0 && ndigits > 4300) {
    if (err)
      sl_strbuf_printf(err,
                       "Exceeds the limit (4300 digits) for integer string conversion: "
                       "value has %zu digits; use sys.set_int_max_str_digits() to increase "
                       "the limit",
                       ndigits);
    sl_free(digits);
    return SL_NUM_VALUE_ERROR;
  }
  if (overflow && digits) {
    sl_num_status st = sl_bigint_from_digits(big, digits, ndigits, b, neg);
    sl_free(digits);
    return st ? st : SL_NUM_INT_OVERFLOW;
  }
  if (overflow) return SL_NUM_INT_OVERFLOW;
  *out = neg ? (int64_t)(0 - mag) : (int64_t)mag;
  return SL_NUM_OK;
}

sl_num_status sl_parse_int(const char *s, size_t len, int base, int64_t *out, sl_strbuf *err) {
  return parse_int(s, len, base, out, NULL, err);
}

sl_num_status sl_parse_bigint(const char *s, size_t len, int base, int64_t *out, sl_bigint *big,
                              sl_strbuf *err) {
  return parse_int(s, len, base, out, big, err);
}

static bool ieq(const char *s, size_t n, const char *word) {
  if (strlen(word) != n) return false;
  for (size_t k = 0; k < n; k++)
    if ((s[k] | 0x20) != word[k]) return false;
  return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Parses a[i..end) (trimmed ASCII view) as float's grammar; false when
 * it is not one. Underscores must stand between two digits. */
static bool parse_float_ascii(const char *a, size_t i, size_t end, double *out) {
  bool neg = false;
  if (i < end && (a[i] == '+' || a[i] == '-')) neg = a[i++] == '-';
  size_t n = end - i;
  const char *t = a + i;
  if (ieq(t, n, "inf") || ieq(t, n, "infinity")) {
    *out = neg ? -INFINITY : INFINITY;
    return true;
  }
  if (ieq(t, n, "nan")) {
    *out = neg ? -NAN : NAN;
    return true;
  }
  /* Copy without underscores, checking the grammar
   * digits [. digits] [e [sign] digits] with at least one mantissa digit. */
  char *buf = sl_malloc(n + 2);
  if (!buf) return false;
  size_t k = 0, p = 0, mant = 0;
  bool good = true;
  for (size_t j = 0; j < n; j++)
    if (t[j] == '_' && !(j > 0 && is_digit(t[j - 1]) && j + 1 < n && is_digit(t[j + 1])))
      good = false;
  if (neg) buf[k++] = '-';
  while (p < n && (is_digit(t[p]) || t[p] == '_')) {
    if (t[p] != '_') {
      buf[k++] = t[p];
      mant++;
    }
    p++;
  }
  if (p < n && t[p] == '.') {
    buf[k++] = t[p++];
    while (p < n && (is_digit(t[p]) || t[p] == '_')) {
      if (t[p] != '_') {
        buf[k++] = t[p];
        mant++;
      }
      p++;
    }
  }
  if (mant == 0) good = false;
  if (good && p < n && (t[p] == 'e' || t[p] == 'E')) {
    buf[k++] = t[p++];
    if (p < n && (t[p] == '+' || t[p] == '-')) buf[k++] = t[p++];
    size_t ed = 0;
    while (p < n && (is_digit(t[p]) || t[p] == '_')) {
      if (t[p] != '_') {
        buf[k++] = t[p];
        ed++;
      }
      p++;
    }
    if (ed == 0) good = false;
  }
  if (p != n) good = false;
  buf[k] = '\0';
  /* glibc's strtod is correctly rounded, as CPython's _Py_dg_strtod. */
  if (good) *out = strtod(buf, NULL);
  sl_free(buf);
  return good;
}

sl_num_status sl_parse_float(const char *s, size_t len, double *out, sl_strbuf *err) {
  char *a;
  size_t i, end;
  if (!ascii_trimmed(s, len, &a, &i, &end)) return SL_NUM_NOMEM;
  bool ok = i < end && parse_float_ascii(a, i, end, out);
  sl_free(a);
  if (ok) return SL_NUM_OK;
  message_with_repr(err, "could not convert string to float: ", s, len, false);
  return SL_NUM_VALUE_ERROR;
}
