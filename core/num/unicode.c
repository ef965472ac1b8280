/* Python text at the code point level: UTF-8 decoding, the code point
 * classes CPython's tables give (printable, whitespace, decimal digit),
 * and repr() of str and bytes (unicode_repr and bytes_repr in
 * Objects/unicodeobject.c and Objects/bytesobject.c).
 *
 * These live in core/num/ rather than beside the str object (core/str.c)
 * because the number library needs them below core/: int() and float()
 * quote repr(s) in their errors and read Unicode digits and spaces, and
 * format() decodes its fill character. core/str.c, traces/ and the
 * language call them from above.
 *
 * Unicode data comes from the generated unicode_tables.h (CPython 3.11's
 * Unicode 14.0; later versions know more assigned characters, so a few
 * newly assigned ones print as escapes here). */
#include <stdbool.h>
#include <string.h>

#include "core/num/unicode.h"
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
char sl__unicode_ascii_view(uint32_t c) {
  if (c < 128) return (char)c;
  if (in_ranges(sl__space, sizeof sl__space / sizeof sl__space[0], c)) return ' ';
  size_t n = sizeof sl__digit_zero / sizeof sl__digit_zero[0];
  for (size_t k = 0; k < n; k++)
    if (c >= sl__digit_zero[k] && c < sl__digit_zero[k] + 10)
      return (char)('0' + (c - sl__digit_zero[k]));
  return '?';
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
  bool has_single = memchr(utf8, '\'', len) != NULL, has_double = memchr(utf8, '"', len) != NULL;
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
    } else if (in_ranges(sl__unprintable, sizeof sl__unprintable / sizeof sl__unprintable[0], c)) {
      put_escape(out, c);
    } else {
      sl_strbuf_append(out, utf8 + at, i - at);
    }
  }
  sl_strbuf_putc(out, quote);
}

void sl_bytes_repr(sl_strbuf *out, const unsigned char *b, size_t len) {
  bool has_single = memchr(b, '\'', len) != NULL, has_double = memchr(b, '"', len) != NULL;
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
  size_t extra = (b & 0xe0) == 0xc0 ? 1 : (b & 0xf0) == 0xe0 ? 2 : (b & 0xf8) == 0xf0 ? 3 : 0;
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
