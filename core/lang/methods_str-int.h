/* Text helpers shared by the str method files (methods_str.c and
 * methods_str_case.c): UTF-8 decoding and encoding of one code point and
 * the character classes, exact for ASCII and Latin-1 (docs/language.md).
 * Private to core/lang/; nothing here allocates except encode(), which
 * appends to a caller-owned sl_strbuf. */
#ifndef SL_METHODS_STR_INT_H
#define SL_METHODS_STR_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/lang/iter-int.h"

/* ---- UTF-8 helpers ------------------------------------------------------------ */

static inline uint32_t decode(const char *s, size_t len, size_t i, size_t *n) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) return *n = 1, c;
  size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + k > len) return *n = 1, c; /* truncated: take the byte alone */
  uint32_t cp = c & (0x7F >> k);
  for (size_t j = 1; j < k; j++) cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
  *n = k;
  return cp;
}

static inline void encode(sl_strbuf *b, uint32_t cp) {
  char t[4];
  if (cp < 0x80)
    sl_strbuf_putc(b, (char)cp);
  else if (cp < 0x800) {
    t[0] = (char)(0xC0 | (cp >> 6)), t[1] = (char)(0x80 | (cp & 0x3F));
    sl_strbuf_append(b, t, 2);
  } else if (cp < 0x10000) {
    t[0] = (char)(0xE0 | (cp >> 12)), t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    t[2] = (char)(0x80 | (cp & 0x3F));
    sl_strbuf_append(b, t, 3);
  } else {
    t[0] = (char)(0xF0 | (cp >> 18)), t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), t[3] = (char)(0x80 | (cp & 0x3F));
    sl_strbuf_append(b, t, 4);
  }
}

static inline bool is_space(uint32_t c) {
  return (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}
static inline bool is_upper(uint32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}
static inline bool is_lower(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || c == 0xB5 ||
         c == 0xAA || c == 0xBA;
}
static inline bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static inline bool is_alpha(uint32_t c) {
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  if (c < 0x100) return is_upper(c) || is_lower(c);
  /* Approximation: most code points above Latin-1 used in text are
   * letters; spaces are not. */
  return !is_space(c) && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F);
}
static inline uint32_t to_upper(uint32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c == 0xFF) return 0x178;
  return c;
}
static inline uint32_t to_lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  return c;
}

static inline sl_strobj *S(sl_value v) { return sl_as_str(v.u.o); }

static inline bool utf8_name(const char *e) {
  char low[16];
  size_t n = strlen(e);
  if (n >= sizeof low) return false;
  for (size_t i = 0; i <= n; i++)
    low[i] = (char)(e[i] == '_' ? '-' : to_lower((unsigned char)e[i]));
  return !strcmp(low, "utf-8") || !strcmp(low, "utf8") || !strcmp(low, "u8");
}

/* Looks up the case, class, padding, encode and format methods of str
 * (methods_str_case.c): as sl_methods_lookup, 0 when `name` is not one. */
int sl__str_case_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);

#endif
