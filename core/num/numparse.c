/* int(str), float(str) and the reprs of str and bytes, as CPython does
 * them: PyLong_FromUnicodeObject (Objects/longobject.c), float_from_string
 * (Objects/floatobject.c) and unicode_repr / bytes_repr.
 *
 * Unicode data (printable, whitespace, decimal digits) comes from the
 * generated numfmt_unicode.h (CPython 3.11's Unicode 14.0; later versions
 * know more assigned characters, so a few newly assigned ones print as
 * escapes here). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt-int.h"
#include "core/num/unicode_tables.h"

static bool in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < r[mid][0])
      hi = mid;
    else if (c > r[mid][1])
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

/* The ASCII character int() and float() see for code point c, as
 * _PyUnicode_TransformDecimalAndSpaceToASCII maps it: ASCII as is,
 * Unicode whitespace as ' ', decimal digits as '0'..'9', anything else as
 * '?' (which no parser accepts). */
static char ascii_view(uint32_t c) {
  if (c < 128)
    return (char)c;
  if (in_ranges(sl__space, sizeof sl__space / sizeof sl__space[0], c))
    return ' ';
  size_t n = sizeof sl__digit_zero / sizeof sl__digit_zero[0];
  for (size_t k = 0; k < n; k++)
    if (c >= sl__digit_zero[k] && c < sl__digit_zero[k] + 10)
      return (char)('0' + (c - sl__digit_zero[k]));
  return '?';
}

/* Python's Py_ISSPACE: the six ASCII whitespace characters only (0x1c to
 * 0x1f are str.isspace() but are not stripped by int() or float()). */
static bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Builds the ASCII view of a UTF-8 str, trimmed of whitespace. The caller
 * frees *buf. Returns false on allocation failure. */
static bool ascii_trimmed(const char *s, size_t len, char **buf, size_t *start,
                          size_t *end) {
  char *a = sl_malloc(len + 1);
  if (!a)
    return false;
  size_t n = 0, i = 0;
  while (i < len)
    a[n++] = ascii_view(sl__utf8_next((const unsigned char *)s, len, &i));
  a[n] = '\0';
  size_t b = 0, e = n;
  while (b < e && is_space(a[b]))
    b++;
  while (e > b && is_space(a[e - 1]))
    e--;
  *buf = a;
  *start = b;
  *end = e;
  return true;
}

static int digit_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return 99;
}

/* Appends "prefix<repr(s) cut to 200 characters>" as %.200R does. */
static void message_with_repr(sl_strbuf *err, const char *prefix, const char *s,
                              size_t len, bool cut200) {
  if (!err)
    return;
  sl_strbuf_puts(err, prefix);
  sl_strbuf r = SL_STRBUF_INIT;
  sl_str_repr(&r, s, len);
  size_t keep = r.len;
  if (cut200) {
    size_t chars = 0;
    for (size_t i = 0; i < r.len; i++) {
      if (((unsigned char)r.data[i] & 0xc0) == 0x80)
        continue;
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

sl_num_status sl_parse_int(const char *s, size_t len, int base, int64_t *out,
                           sl_strbuf *err) {
  if (base != 0 && (base < 2 || base > 36)) {
    if (err)
      sl_strbuf_puts(err, "int() base must be >= 2 and <= 36, or 0");
    return SL_NUM_VALUE_ERROR;
  }
  char *a;
  size_t i, end;
  if (!ascii_trimmed(s, len, &a, &i, &end))
    return SL_NUM_NOMEM;
  bool neg = false, ok = false, overflow = false;
  int b = base;
  uint64_t mag = 0, limit = (uint64_t)INT64_MAX;
  size_t ndigits = 0;
  if (i < end && (a[i] == '+' || a[i] == '-'))
    neg = a[i++] == '-';
  if (neg)
    limit += 1;
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
  for (; i < end; i++) {
    char c = a[i];
    if (c == '_') {
      if (!prev_digit)
        break;
      prev_digit = false;
      continue;
    }
    int d = digit_value(c);
    if (d >= b)
      break;
    if (d)
      nonzero = true;
    prev_digit = true;
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
      sl_strbuf_printf(
          err,
          "Exceeds the limit (4300 digits) for integer string conversion: "
          "value has %zu digits; use sys.set_int_max_str_digits() to increase "
          "the limit",
          ndigits);
    return SL_NUM_VALUE_ERROR;
  }
  if (overflow)
    return SL_NUM_INT_OVERFLOW;
  *out = neg ? (int64_t)(0 - mag) : (int64_t)mag;
  return SL_NUM_OK;
}

static bool ieq(const char *s, size_t n, const char *word) {
  if (strlen(word) != n)
    return false;
  for (size_t k = 0; k < n; k++)
    if ((s[k] | 0x20) != word[k])
      return false;
  return true;
}

static bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Parses a[i..end) (trimmed ASCII view) as float's grammar; false when
 * it is not one. Underscores must stand between two digits. */
static bool parse_float_ascii(const char *a, size_t i, size_t end, double *out) {
  bool neg = false;
  if (i < end && (a[i] == '+' || a[i] == '-'))
    neg = a[i++] == '-';
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
  if (!buf)
    return false;
  size_t k = 0, p = 0, mant = 0;
  bool good = true;
  for (size_t j = 0; j < n; j++)
    if (t[j] == '_' && !(j > 0 && is_digit(t[j - 1]) && j + 1 < n && is_digit(t[j + 1])))
      good = false;
  if (neg)
    buf[k++] = '-';
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
  if (mant == 0)
    good = false;
  if (good && p < n && (t[p] == 'e' || t[p] == 'E')) {
    buf[k++] = t[p++];
    if (p < n && (t[p] == '+' || t[p] == '-'))
      buf[k++] = t[p++];
    size_t ed = 0;
    while (p < n && (is_digit(t[p]) || t[p] == '_')) {
      if (t[p] != '_') {
        buf[k++] = t[p];
        ed++;
      }
      p++;
    }
    if (ed == 0)
      good = false;
  }
  if (p != n)
    good = false;
  buf[k] = '\0';
  /* glibc's strtod is correctly rounded, as CPython's _Py_dg_strtod. */
  if (good)
    *out = strtod(buf, NULL);
  sl_free(buf);
  return good;
}

sl_num_status sl_parse_float(const char *s, size_t len, double *out, sl_strbuf *err) {
  char *a;
  size_t i, end;
  if (!ascii_trimmed(s, len, &a, &i, &end))
    return SL_NUM_NOMEM;
  bool ok = i < end && parse_float_ascii(a, i, end, out);
  sl_free(a);
  if (ok)
    return SL_NUM_OK;
  message_with_repr(err, "could not convert string to float: ", s, len, false);
  return SL_NUM_VALUE_ERROR;
}

/* Appends \xNN, \uNNNN or \UNNNNNNNN for code point c, as unicode_repr. */
static void put_escape(sl_strbuf *out, uint32_t c) {
  if (c < 0x100)
    sl_strbuf_printf(out, "\\x%02x", (unsigned)c);
  else if (c < 0x10000)
    sl_strbuf_printf(out, "\\u%04x", (unsigned)c);
  else
    sl_strbuf_printf(out, "\\U%08x", (unsigned)c);
}

void sl_str_repr(sl_strbuf *out, const char *utf8, size_t len) {
  /* Single quotes unless the text has ' and no ". */
  bool has_single = memchr(utf8, '\'', len) != NULL,
       has_double = memchr(utf8, '"', len) != NULL;
  char quote = has_single && !has_double ? '"' : '\'';
  sl_strbuf_putc(out, quote);
  size_t i = 0;
  while (i < len) {
    size_t at = i;
    uint32_t c = sl__utf8_next((const unsigned char *)utf8, len, &i);
    if (c == (uint32_t)quote || c == '\\') {
      sl_strbuf_putc(out, '\\');
      sl_strbuf_putc(out, (char)c);
    } else if (c == '\t') {
      sl_strbuf_puts(out, "\\t");
    } else if (c == '\n') {
      sl_strbuf_puts(out, "\\n");
    } else if (c == '\r') {
      sl_strbuf_puts(out, "\\r");
    } else if (c < 0x20 || c == 0x7f) {
      put_escape(out, c);
    } else if (c < 0x7f) {
      sl_strbuf_putc(out, (char)c);
    } else if (in_ranges(sl__unprintable,
                         sizeof sl__unprintable / sizeof sl__unprintable[0], c)) {
      put_escape(out, c);
    } else {
      sl_strbuf_append(out, utf8 + at, i - at);
    }
  }
  sl_strbuf_putc(out, quote);
}

void sl_bytes_repr(sl_strbuf *out, const unsigned char *b, size_t len) {
  bool has_single = memchr(b, '\'', len) != NULL,
       has_double = memchr(b, '"', len) != NULL;
  char quote = has_single && !has_double ? '"' : '\'';
  sl_strbuf_putc(out, 'b');
  sl_strbuf_putc(out, quote);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = b[i];
    if (c == (unsigned char)quote || c == '\\') {
      sl_strbuf_putc(out, '\\');
      sl_strbuf_putc(out, (char)c);
    } else if (c == '\t') {
      sl_strbuf_puts(out, "\\t");
    } else if (c == '\n') {
      sl_strbuf_puts(out, "\\n");
    } else if (c == '\r') {
      sl_strbuf_puts(out, "\\r");
    } else if (c < 0x20 || c >= 0x7f) {
      sl_strbuf_printf(out, "\\x%02x", c);
    } else {
      sl_strbuf_putc(out, (char)c);
    }
  }
  sl_strbuf_putc(out, quote);
}

uint32_t sl__utf8_next(const unsigned char *s, size_t len, size_t *i) {
  unsigned char b = s[*i];
  if (b < 0x80) {
    (*i)++;
    return b;
  }
  size_t extra = (b & 0xe0) == 0xc0   ? 1
                 : (b & 0xf0) == 0xe0 ? 2
                 : (b & 0xf8) == 0xf0 ? 3
                                      : 0;
  uint32_t v = extra == 1 ? (b & 0x1fu) : extra == 2 ? (b & 0x0fu) : (b & 0x07u);
  bool ok = extra > 0 && *i + extra < len;
  for (size_t k = 1; ok && k <= extra; k++) {
    unsigned char cb = s[*i + k];
    if ((cb & 0xc0) != 0x80)
      ok = false;
    else
      v = (v << 6) | (cb & 0x3fu);
  }
  if (!ok) {
    (*i)++;
    return 0xdc00u + b;
  }
  *i += extra + 1;
  return v;
}
