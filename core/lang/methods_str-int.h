/* Text helpers shared by the str method files (methods_str.c and
 * methods_str_case.c): UTF-8 decoding and encoding of one code point and
 * the character classes (core/num/unicase.h: CPython 3.11's Unicode 14.0).
 * Private to core/lang/; nothing here allocates except encode(), which
 * appends to a caller-owned sl_strbuf. */
#ifndef SL_METHODS_STR_INT_H
#define SL_METHODS_STR_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/cfunc.h"
#include "core/lang/iter-int.h"
#include "core/num/unicase.h"

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

/* Character classes (core/num/unicase.h), ASCII answered inline. */
static inline bool uc_has(uint32_t c, uint32_t bits) { return (sl_uc_class(c) & bits) != 0; }
static inline bool is_space(uint32_t c) {
  if (c < 0x80) return (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20);
  return uc_has(c, SL_UC_SPACE);
}
static inline bool is_upper(uint32_t c) {
  return c < 0x80 ? c >= 'A' && c <= 'Z' : uc_has(c, SL_UC_UPPER);
}
static inline bool is_lower(uint32_t c) {
  return c < 0x80 ? c >= 'a' && c <= 'z' : uc_has(c, SL_UC_LOWER);
}
static inline bool is_alpha(uint32_t c) {
  return c < 0x80 ? (c | 32) >= 'a' && (c | 32) <= 'z' : uc_has(c, SL_UC_ALPHA);
}
static inline bool is_ascii_digit(uint32_t c) { return c >= '0' && c <= '9'; }
/* ASCII only: encoding names. */
static inline uint32_t to_lower(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

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
/* maketrans and translate (methods_str_translate.c), the same way. */
int sl__str_translate_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out);

/* bytes.strip, split, find, replace, join, ... (methods_bytes.c). */
extern const sl_cfunc_def sl__bytes_more_methods[];

#endif
