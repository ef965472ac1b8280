/* str.encode to the one-byte codecs, 'ascii' and 'latin-1': each code
 * point below 128 (256) is its byte; a run of those above is one error,
 * handled by the `errors` handler ('strict' raises UnicodeEncodeError,
 * 'ignore', 'replace' (?), 'backslashreplace', 'xmlcharrefreplace').
 * Mirrors Objects/unicodeobject.c unicode_encode_ucs1. */
#include <stdio.h>
#include <string.h>

#include "core/exc.h"
#include "core/lang/exc_struct.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"

/* The codec's name as CPython reports it, or NULL when `name` is neither
 * (encodings.normalize_encoding's spelling variants). */
const char *sl__narrow_codec(const char *name, unsigned *limit) {
  char n[24];
  size_t i = 0;
  for (; name[i] && i + 1 < sizeof n; i++) {
    char c = name[i];
    n[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == '_' ? '-' : c;
  }
  n[i] = 0;
  if (name[i]) return NULL;
  static const char *const ascii[] = {"ascii", "us-ascii", "646", NULL};
  static const char *const latin[] = {"latin-1", "latin1", "iso-8859-1", "iso8859-1",
                                      "8859",    "cp819",  "l1",         NULL};
  for (size_t k = 0; ascii[k]; k++)
    if (!strcmp(n, ascii[k])) return *limit = 128, "ascii";
  for (size_t k = 0; latin[k]; k++)
    if (!strcmp(n, latin[k])) return *limit = 256, "latin-1";
  return NULL;
}

/* The code point at byte offset *i of UTF-8 text; advances *i. */
static uint32_t next_cp(const unsigned char *p, size_t *i) {
  uint32_t c = p[*i];
  size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (k > 1) c &= 0x7Fu >> k;
  for (size_t j = 1; j < k; j++) c = (c << 6) | (p[*i + j] & 0x3F);
  *i += k;
  return c;
}

static int raise_encode(sl_rt *rt, const char *codec, sl_value self, int64_t start, int64_t end,
                        unsigned limit) {
  sl_obj *enc = sl_str_from_cstr(rt, codec);
  sl_obj *why = NULL;
  if (enc) {
    char text[40];
    snprintf(text, sizeof text, "ordinal not in range(%u)", limit);
    why = sl_str_from_cstr(rt, text);
  }
  if (!why) {
    sl_decref(rt, enc);
    return -1;
  }
  sl_value a[5] = {sl_obj_val(enc), self, sl_int(start), sl_int(end), sl_obj_val(why)};
  sl_obj *exc = sl_exc_new(rt, rt->classes[SL_EXC_UNICODE_ENCODE_ERROR], a, 5);
  sl_decref(rt, enc);
  sl_decref(rt, why);
  if (!exc) return -1;
  sl_raise_obj(rt, exc);
  sl_decref(rt, exc);
  return -1;
}

int sl__encode_narrow(sl_rt *rt, sl_value self, const char *codec, unsigned limit,
                      const char *errors, sl_value *out) {
  const sl_strobj *s = sl_as_str(self.u.o);
  const unsigned char *p = (const unsigned char *)s->data;
  sl_strbuf b = SL_STRBUF_INIT;
  int64_t cp_index = 0;
  for (size_t i = 0; i < s->len;) {
    uint32_t c = next_cp(p, &i);
    if (c < limit) {
      sl_strbuf_putc(&b, (char)c);
      cp_index++;
      continue;
    }
    /* The run of code points the codec cannot encode. */
    int64_t start = cp_index++;
    if (!strcmp(errors, "strict")) {
      size_t j = i;
      while (j < s->len) {
        size_t k = j;
        if (next_cp(p, &k) < limit) break;
        j = k;
        cp_index++;
      }
      sl_strbuf_free(&b);
      return raise_encode(rt, codec, self, start, cp_index, limit);
    }
    if (!strcmp(errors, "replace"))
      sl_strbuf_putc(&b, '?');
    else if (!strcmp(errors, "backslashreplace"))
      sl_strbuf_printf(&b,
                       c <= 0xff     ? "\\x%02x"
                       : c <= 0xffff ? "\\u%04x"
                                     : "\\U%08x",
                       (unsigned)c);
    else if (!strcmp(errors, "xmlcharrefreplace"))
      sl_strbuf_printf(&b, "&#%u;", (unsigned)c);
    else if (strcmp(errors, "ignore")) {
      sl_strbuf_free(&b);
      return sl_raise(rt, SL_EXC_LOOKUP_ERROR, "unknown error handler name '%s'", errors);
    }
  }
  if (b.failed) {
    sl_strbuf_free(&b);
    return sl_nomem(rt);
  }
  sl_obj *o = sl_bytes_new(rt, (const unsigned char *)(b.data ? b.data : ""), b.len);
  sl_strbuf_free(&b);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}
