/* Methods of str that map case, classify characters, pad, encode and
 * format. Mirrors Objects/unicodeobject.c with CPython's messages; case
 * mapping and character classes come from core/num/unicase.h (CPython
 * 3.11's Unicode 14.0). */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/exc_struct.h"
#include "core/lang/methods_str-int.h"

#define CHECK(min, max, name)                                                                      \
  do {                                                                                             \
    if (sl__check_nargs(rt, a, name, min, max)) return -1;                                         \
  } while (0)

/* ---- case ----------------------------------------------------------------------------- */

enum { UPPER, LOWER, CASEFOLD, SWAP, TITLE, CAPITALIZE };

static void put_mapped(sl_strbuf *b, uint32_t c, sl_uc_kind kind) {
  uint32_t m[3];
  size_t n = sl_uc_map(c, kind, m);
  for (size_t k = 0; k < n; k++) encode(b, m[k]);
}

/* The first code point at or after byte i that is not case-ignorable is
 * cased (handle_capital_sigma's look-ahead). */
static bool cased_follows(const sl_strobj *s, size_t i) {
  while (i < s->len) {
    size_t n;
    uint32_t cls = sl_uc_class(decode(s->data, s->len, i, &n));
    if (!(cls & SL_UC_CASE_IGNORABLE)) return (cls & SL_UC_CASED) != 0;
    i += n;
  }
  return false;
}

/* lower_ucs4: the full lower-case mapping, except that a capital sigma
 * after a cased letter and not before one (case-ignorable characters
 * skipped both ways) becomes the final sigma. */
static void put_lower(sl_strbuf *b, const sl_strobj *s, uint32_t c, bool cased_before,
                      size_t next) {
  if (c == 0x3A3)
    encode(b, cased_before && !cased_follows(s, next) ? 0x3C2 : 0x3C3);
  else
    put_mapped(b, c, SL_UC_TO_LOWER);
}

/* The same for ASCII text, where a letter is the only cased character. */
static int recase_ascii(sl_rt *rt, const sl_strobj *s, int mode, sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  bool prev_cased = false;
  for (size_t i = 0; i < s->len; i++) {
    char c = s->data[i];
    bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    bool want_upper = mode == SWAP ? lower
                                   : mode == UPPER || (mode == TITLE && !prev_cased) ||
                                         (mode == CAPITALIZE && i == 0);
    if (want_upper && lower)
      c = (char)(c - 32);
    else if (!want_upper && upper)
      c = (char)(c + 32);
    sl_strbuf_putc(&b, c);
    prev_cased = upper || lower;
  }
  return sl__str_result(rt, &b, out);
}

/* do_upper/do_lower/do_casefold/do_swapcase/do_title/do_capitalize of
 * Objects/unicodeobject.c. */
static int recase(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int mode,
                  const char *name) {
  CHECK(0, 0, name);
  sl_strobj *s = S(self);
  size_t ascii = 0;
  while (ascii < s->len && (unsigned char)s->data[ascii] < 0x80) ascii++;
  if (ascii == s->len) return recase_ascii(rt, s, mode, out);
  sl_strbuf b = SL_STRBUF_INIT;
  bool prev_cased = false;   /* title: the previous code point is cased */
  bool cased_before = false; /* the last one not case-ignorable is cased */
  for (size_t i = 0; i < s->len;) {
    size_t n;
    uint32_t c = decode(s->data, s->len, i, &n), cls = sl_uc_class(c);
    switch (mode) {
    case UPPER: put_mapped(&b, c, SL_UC_TO_UPPER); break;
    case LOWER: put_lower(&b, s, c, cased_before, i + n); break;
    case CASEFOLD: put_mapped(&b, c, SL_UC_FOLD); break;
    case SWAP:
      if (cls & SL_UC_UPPER)
        put_lower(&b, s, c, cased_before, i + n);
      else if (cls & SL_UC_LOWER)
        put_mapped(&b, c, SL_UC_TO_UPPER);
      else
        encode(&b, c);
      break;
    case TITLE:
      if (prev_cased)
        put_lower(&b, s, c, cased_before, i + n);
      else
        put_mapped(&b, c, SL_UC_TO_TITLE);
      break;
    case CAPITALIZE:
      if (i == 0)
        put_mapped(&b, c, SL_UC_TO_TITLE);
      else
        put_lower(&b, s, c, cased_before, i + n);
      break;
    }
    prev_cased = (cls & SL_UC_CASED) != 0;
    if (!(cls & SL_UC_CASE_IGNORABLE)) cased_before = prev_cased;
    i += n;
  }
  return sl__str_result(rt, &b, out);
}
#define RECASE(fn, mode, name)                                                                     \
  static int fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {                       \
    return recase(rt, self, a, out, mode, name);                                                   \
  }
RECASE(str_upper, UPPER, "str.upper")
RECASE(str_lower, LOWER, "str.lower")
RECASE(str_casefold, CASEFOLD, "str.casefold")
RECASE(str_swapcase, SWAP, "str.swapcase")
RECASE(str_title, TITLE, "str.title")
RECASE(str_capitalize, CAPITALIZE, "str.capitalize")

enum {
  C_DECIMAL,
  C_DIGIT,
  C_NUMERIC,
  C_ALPHA,
  C_ALNUM,
  C_SPACE,
  C_UPPER,
  C_LOWER,
  C_ASCII,
  C_IDENT,
  C_TITLE
};

/* str.isX(): every code point in the class (for isupper/islower/istitle,
 * CPython's cased-letter rules), the empty string false except isascii. */
static int classify(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int cls,
                    const char *name) {
  CHECK(0, 0, name);
  sl_strobj *s = S(self);
  bool ok = s->len > 0 || cls == C_ASCII, cased = false, prev_cased = false;
  for (size_t i = 0; i < s->len && ok;) {
    size_t n;
    uint32_t c = decode(s->data, s->len, i, &n), bits = sl_uc_class(c);
    switch (cls) {
    case C_DECIMAL: ok = bits & SL_UC_DECIMAL; break;
    case C_DIGIT: ok = bits & SL_UC_DIGIT; break;
    case C_NUMERIC: ok = bits & SL_UC_NUMERIC; break;
    case C_ALPHA: ok = bits & SL_UC_ALPHA; break;
    case C_ALNUM: ok = bits & (SL_UC_ALPHA | SL_UC_DECIMAL | SL_UC_DIGIT | SL_UC_NUMERIC); break;
    case C_SPACE: ok = bits & SL_UC_SPACE; break;
    case C_ASCII: ok = c < 0x80; break;
    case C_UPPER:
      if (bits & (SL_UC_LOWER | SL_UC_TITLE)) ok = false;
      cased |= (bits & SL_UC_UPPER) != 0;
      break;
    case C_LOWER:
      if (bits & (SL_UC_UPPER | SL_UC_TITLE)) ok = false;
      cased |= (bits & SL_UC_LOWER) != 0;
      break;
    case C_IDENT: ok = c == '_' || is_alpha(c) || (i > 0 && (bits & SL_UC_DIGIT)); break;
    case C_TITLE:
      if (bits & (SL_UC_UPPER | SL_UC_TITLE)) {
        if (prev_cased) ok = false;
        prev_cased = cased = true;
      } else if (bits & SL_UC_LOWER) {
        if (!prev_cased) ok = false;
        prev_cased = cased = true;
      } else
        prev_cased = false;
      break;
    }
    i += n;
  }
  if (cls == C_UPPER || cls == C_LOWER || cls == C_TITLE) ok = ok && cased;
  *out = sl_bool(ok);
  return 0;
}
#define CLASSIFY(fn, cls, name)                                                                    \
  static int fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {                       \
    return classify(rt, self, a, out, cls, name);                                                  \
  }
CLASSIFY(str_isdigit, C_DIGIT, "str.isdigit")
CLASSIFY(str_isdecimal, C_DECIMAL, "str.isdecimal")
CLASSIFY(str_isnumeric, C_NUMERIC, "str.isnumeric")
CLASSIFY(str_isalpha, C_ALPHA, "str.isalpha")
CLASSIFY(str_isalnum, C_ALNUM, "str.isalnum")
CLASSIFY(str_isspace, C_SPACE, "str.isspace")
CLASSIFY(str_isupper, C_UPPER, "str.isupper")
CLASSIFY(str_islower, C_LOWER, "str.islower")
CLASSIFY(str_isascii, C_ASCII, "str.isascii")
CLASSIFY(str_isidentifier, C_IDENT, "str.isidentifier")
CLASSIFY(str_istitle, C_TITLE, "str.istitle")

/* ---- padding ---------------------------------------------------------------------------- */

static int pad(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int where,
               const char *name) {
  CHECK(1, 2, name);
  int64_t width;
  if (!sl_as_index(a->pos[0], &width))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a->pos[0]));
  const char *fill = " ";
  size_t fl = 1;
  if (a->npos > 1) {
    if (!sl_is_str(a->pos[1]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() argument 2 must be a unicode character, not %s",
                      strchr(name, '.') + 1, sl_type_name(a->pos[1]));
    if (S(a->pos[1])->cplen != 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "The fill character must be exactly one character long");
    fill = S(a->pos[1])->data, fl = S(a->pos[1])->len;
  }
  sl_strobj *s = S(self);
  int64_t len = (int64_t)s->cplen;
  if (width <= len) {
    *out = sl_vincref(self);
    return 0;
  }
  if (width > SL_NUMFMT_MAX_WIDTH) return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  int64_t marg = width - len, left;
  if (where == 0)
    left = 0; /* ljust */
  else if (where == 1)
    left = marg; /* rjust */
  else
    left = marg / 2 + (marg & width & 1); /* center (pad()) */
  sl_strbuf b = SL_STRBUF_INIT;
  for (int64_t i = 0; i < left; i++) sl_strbuf_append(&b, fill, fl);
  sl_strbuf_append(&b, s->data, s->len);
  for (int64_t i = left; i < marg; i++) sl_strbuf_append(&b, fill, fl);
  return sl__str_result(rt, &b, out);
}
static int str_ljust(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return pad(rt, self, a, out, 0, "str.ljust");
}
static int str_rjust(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return pad(rt, self, a, out, 1, "str.rjust");
}
static int str_center(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return pad(rt, self, a, out, 2, "str.center");
}

static int str_zfill(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "str.zfill");
  int64_t width;
  if (!sl_as_index(a->pos[0], &width))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a->pos[0]));
  sl_strobj *s = S(self);
  if (width <= (int64_t)s->cplen) {
    *out = sl_vincref(self);
    return 0;
  }
  if (width > SL_NUMFMT_MAX_WIDTH) return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  sl_strbuf b = SL_STRBUF_INIT;
  size_t sign = s->len && (s->data[0] == '+' || s->data[0] == '-');
  sl_strbuf_append(&b, s->data, sign);
  for (int64_t i = (int64_t)s->cplen; i < width; i++) sl_strbuf_putc(&b, '0');
  sl_strbuf_append(&b, s->data + sign, s->len - sign);
  return sl__str_result(rt, &b, out);
}

/* ---- encode / format --------------------------------------------------------------------- */

static int str_encode(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"encoding", "errors"};
  sl_value v[2];
  if (sl_args_bind(rt, a, "encode", names, 2, 0, 2, v)) return -1;
  for (int i = 0; i < 2; i++)
    if (!sl_is_undef(v[i]) && !sl_is_str(v[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "encode() argument '%s' must be str, not %s", names[i],
                      sl_type_name(v[i]));
  sl_strobj *s = S(self);
  if (!sl_is_undef(v[0]) && !utf8_name(sl_str_cstr(v[0].u.o))) {
    const char *e = sl_str_cstr(v[0].u.o);
    unsigned limit;
    const char *codec = sl__narrow_codec(e, &limit);
    if (!codec)
      return sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "simloop supports only the utf-8, ascii and latin-1 codecs, not '%s'", e);
    if (!s->ascii)
      return sl__encode_narrow(rt, self, codec, limit,
                               sl_is_undef(v[1]) ? "strict" : sl_str_cstr(v[1].u.o), out);
  }
  sl_obj *b = sl_bytes_new(rt, (const unsigned char *)s->data, s->len);
  if (!b) return -1;
  *out = sl_obj_val(b);
  return 0;
}

static int str_format_m(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_str_format(rt, S(self)->data, S(self)->len, a, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

static const sl_cfunc_def str_case_methods[] = {
    {"str.upper", str_upper, NULL, 0},         {"str.lower", str_lower, NULL, 0},
    {"str.casefold", str_casefold, NULL, 0},   {"str.swapcase", str_swapcase, NULL, 0},
    {"str.title", str_title, NULL, 0},         {"str.capitalize", str_capitalize, NULL, 0},
    {"str.isdigit", str_isdigit, NULL, 0},     {"str.isdecimal", str_isdecimal, NULL, 0},
    {"str.isnumeric", str_isnumeric, NULL, 0}, {"str.isalpha", str_isalpha, NULL, 0},
    {"str.isalnum", str_isalnum, NULL, 0},     {"str.isspace", str_isspace, NULL, 0},
    {"str.isupper", str_isupper, NULL, 0},     {"str.islower", str_islower, NULL, 0},
    {"str.isascii", str_isascii, NULL, 0},     {"str.isidentifier", str_isidentifier, NULL, 0},
    {"str.istitle", str_istitle, NULL, 0},     {"str.ljust", str_ljust, NULL, 0},
    {"str.rjust", str_rjust, NULL, 0},         {"str.center", str_center, NULL, 0},
    {"str.zfill", str_zfill, NULL, 0},         {"str.encode", str_encode, NULL, 0},
    {"str.format", str_format_m, NULL, 0},     {NULL, NULL, NULL, 0}};

int sl__str_case_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, self, str_case_methods, name, out);
  return r ? r : sl__str_translate_getattr(rt, self, name, out);
}
