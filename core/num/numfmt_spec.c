/* format(value, spec) for int, float and str: the format specification
 * mini-language of Python/formatter_unicode.c, with its exact ValueError
 * texts and the order in which CPython checks them.
 *
 * The spec is parsed as code points (a fill character may be any
 * character); widths and precisions count code points of the output. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt-int.h"
#include "core/num/unicode.h"
#include "core/num/bigint.h"

/* A parsed spec: [[fill]align][sign][z][#][0][width][grouping]
 * [.precision[grouping]][type]; the fractional grouping is 3.14's. */
typedef struct spec {
  uint32_t fill;
  uint32_t align;
  char sign; /* 0, '+', '-' or ' ' */
  bool no_neg_0;
  bool alt;
  int64_t width;     /* -1: not given */
  int64_t precision; /* -1: not given */
  char thousands;    /* 0, ',' or '_' */
  int group;         /* digits per group: 3, or 4 for '_' with b/o/x/X */
  char frac_sep;     /* 0, ',' or '_' (3.14) */
  uint32_t type;
} spec;

/* Decodes UTF-8 into code points; returns the count. */
static size_t decode_utf8(const unsigned char *s, size_t len, uint32_t *cp) {
  size_t n = 0, i = 0;
  while (i < len) cp[n++] = sl__utf8_next(s, len, &i);
  return n;
}

/* Appends code point c as UTF-8 (lone surrogates encoded as if valid). */
static void put_cp(sl_strbuf *b, uint32_t c) {
  char u[4];
  if (c < 0x80) {
    sl_strbuf_putc(b, (char)c);
    return;
  }
  if (c < 0x800) {
    u[0] = (char)(0xc0 | (c >> 6));
    u[1] = (char)(0x80 | (c & 0x3f));
    sl_strbuf_append(b, u, 2);
  } else if (c < 0x10000) {
    u[0] = (char)(0xe0 | (c >> 12));
    u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    u[2] = (char)(0x80 | (c & 0x3f));
    sl_strbuf_append(b, u, 3);
  } else {
    u[0] = (char)(0xf0 | (c >> 18));
    u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    u[3] = (char)(0x80 | (c & 0x3f));
    sl_strbuf_append(b, u, 4);
  }
}

static void put_fill(sl_strbuf *b, uint32_t fill, int64_t count) {
  for (int64_t i = 0; i < count; i++) put_cp(b, fill);
}

static sl_num_status fail(sl_strbuf *err, sl_num_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static sl_num_status fail(sl_strbuf *err, sl_num_status st, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    sl_strbuf_vprintf(err, fmt, ap);
    va_end(ap);
  }
  return st;
}

/* Python prints a presentation type with %c when it is a printable ASCII
 * character, as '\x..' (hex, no padding) otherwise. */
static void type_text(char *buf, size_t size, uint32_t t) {
  if (t > 32 && t < 128)
    snprintf(buf, size, "%c", (char)t);
  else
    snprintf(buf, size, "\\x%x", (unsigned)t);
}

static sl_num_status unknown_code(sl_strbuf *err, uint32_t type, const char *tname) {
  char t[16];
  type_text(t, sizeof t, type);
  return fail(err, SL_NUM_VALUE_ERROR, "Unknown format code '%s' for object of type '%s'", t,
              tname);
}

static sl_num_status bad_separator(sl_strbuf *err, char sep, uint32_t type) {
  char t[16];
  type_text(t, sizeof t, type);
  return fail(err, SL_NUM_VALUE_ERROR, "Cannot specify '%c' with '%s'.", sep, t);
}

/* Reads decimal digits at c[*pos]; returns how many were read, or -1 when
 * the value passes PY_SSIZE_T_MAX (a 64-bit CPython's limit). */
static int64_t get_integer(const uint32_t *c, size_t n, size_t *pos, int64_t *value) {
  int64_t acc = 0, count = 0;
  while (*pos < n && c[*pos] >= '0' && c[*pos] <= '9') {
    int64_t d = (int64_t)(c[*pos] - '0');
    if (acc > (INT64_MAX - d) / 10) return -1;
    acc = acc * 10 + d;
    (*pos)++;
    count++;
  }
  *value = acc;
  return count;
}

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* Parses a spec as parse_internal_render_format_spec does, including the
 * checks that need no knowledge of the value's type beyond its defaults. */
static sl_num_status parse_spec(const uint32_t *c, size_t n, const char *raw, size_t raw_len,
                                uint32_t default_type, uint32_t default_align, const char *tname,
                                int minor, spec *f, sl_strbuf *err) {
  size_t pos = 0;
  bool fill_given = false, align_given = false;
  memset(f, 0, sizeof *f);
  f->fill = ' ';
  f->align = default_align;
  f->width = -1;
  f->precision = -1;
  f->group = 3;
  f->type = default_type;
  if (n - pos >= 2 && is_align(c[pos + 1])) {
    f->fill = c[pos];
    f->align = c[pos + 1];
    fill_given = align_given = true;
    pos += 2;
  } else if (n - pos >= 1 && is_align(c[pos])) {
    f->align = c[pos];
    align_given = true;
    pos++;
  }
  if (pos < n && (c[pos] == '+' || c[pos] == '-' || c[pos] == ' ')) f->sign = (char)c[pos++];
  if (pos < n && c[pos] == 'z') {
    f->no_neg_0 = true;
    pos++;
  }
  if (pos < n && c[pos] == '#') {
    f->alt = true;
    pos++;
  }
  /* A leading '0' means fill '0' and, for numbers, '=' alignment; strings
   * keep their '<' (bpo-27772, 3.10). */
  if (!fill_given && pos < n && c[pos] == '0') {
    f->fill = '0';
    if (!align_given && default_align == '>') f->align = '=';
    pos++;
  }
  int64_t got = get_integer(c, n, &pos, &f->width);
  if (got < 0) return fail(err, SL_NUM_VALUE_ERROR, "Too many decimal digits in format string");
  if (got == 0) f->width = -1;
  if (pos < n && c[pos] == ',') {
    f->thousands = ',';
    pos++;
  }
  if (pos < n && c[pos] == '_') {
    if (f->thousands) return fail(err, SL_NUM_VALUE_ERROR, "Cannot specify both ',' and '_'.");
    f->thousands = '_';
    pos++;
  }
  if (pos < n && c[pos] == ',' && f->thousands == '_')
    return fail(err, SL_NUM_VALUE_ERROR, "Cannot specify both ',' and '_'.");
  if (pos < n && c[pos] == '.') {
    pos++;
    got = get_integer(c, n, &pos, &f->precision);
    if (got < 0) return fail(err, SL_NUM_VALUE_ERROR, "Too many decimal digits in format string");
    if (minor >= 14) {
      /* 3.14 groups the fraction too: ".3_f", "._f". */
      if (pos < n && c[pos] == ',') {
        f->frac_sep = ',';
        pos++;
      }
      if (pos < n && c[pos] == '_') {
        if (f->frac_sep) return fail(err, SL_NUM_VALUE_ERROR, "Cannot specify both ',' and '_'.");
        f->frac_sep = '_';
        pos++;
      }
      if (pos < n && c[pos] == ',' && f->frac_sep == '_')
        return fail(err, SL_NUM_VALUE_ERROR, "Cannot specify both ',' and '_'.");
    }
    if (got == 0) {
      if (!f->frac_sep) return fail(err, SL_NUM_VALUE_ERROR, "Format specifier missing precision");
      f->precision = -1;
    }
  }
  if (n - pos > 1) {
    /* The spec goes in verbatim: it may hold a NUL, which %s would cut. */
    if (err) {
      sl_strbuf_puts(err, "Invalid format specifier '");
      sl_strbuf_append(err, raw, raw_len);
      sl_strbuf_printf(err, "' for object of type '%s'", tname);
    }
    return SL_NUM_VALUE_ERROR;
  }
  if (n - pos == 1) f->type = c[pos];
  if (f->thousands) {
    switch (f->type) {
    case 'd':
    case 'e':
    case 'f':
    case 'g':
    case 'E':
    case 'G':
    case '%':
    case 'F':
    case 0: break;
    case 'b':
    case 'o':
    case 'x':
    case 'X':
      /* PEP 515: '_' groups hex, octal and binary digits by four. */
      if (f->thousands == '_') {
        f->group = 4;
        break;
      }
      return bad_separator(err, f->thousands, f->type);
    default: return bad_separator(err, f->thousands, f->type);
    }
  }
  if (f->frac_sep && f->type == 'n') return bad_separator(err, f->frac_sep, f->type);
  return SL_NUM_OK;
}

/* Appends digits[0..nd) grouped by `group` with `sep` (0: no separator),
 * padded on the left with zeros (and separators) to at least min_width
 * characters, as CPython's InsertThousandsGrouping does for '0' padding. */
static void group_digits(sl_strbuf *out, const char *digits, int64_t nd, char sep, int group,
                         int64_t min_width) {
  if (nd == 0) return; /* inf and nan: padding does the work */
  if (!sep) {
    for (int64_t i = nd; i < min_width; i++) sl_strbuf_putc(out, '0');
    sl_strbuf_append(out, digits, (size_t)nd);
    return;
  }
  /* Build right to left in a scratch buffer, then append reversed. */
  sl_strbuf rev = SL_STRBUF_INIT;
  int64_t remaining = nd, mw = min_width;
  bool first = true;
  for (;;) {
    int64_t want = remaining > mw ? remaining : mw;
    if (want < 1) want = 1;
    int64_t l = want < group ? want : group;
    int64_t chars = remaining < l ? remaining : l;
    if (!first) sl_strbuf_putc(&rev, sep);
    first = false;
    for (int64_t i = 0; i < chars; i++) sl_strbuf_putc(&rev, digits[remaining - 1 - i]);
    for (int64_t i = chars; i < l; i++) sl_strbuf_putc(&rev, '0');
    remaining -= chars;
    mw -= l;
    if (remaining <= 0 && mw <= 0) break;
    mw -= 1; /* the separator */
  }
  if (!rev.failed && sl_strbuf_reserve(out, rev.len)) {
    for (size_t i = rev.len; i > 0; i--) out->data[out->len++] = rev.data[i - 1];
    out->data[out->len] = '\0';
  } else {
    out->failed = true;
  }
  sl_strbuf_free(&rev);
}

/* Lays out sign, prefix, integer digits and the rest (point, fraction,
 * exponent, '%', or a 'c' character) in the spec's width and alignment,
 * as calc_number_widths and fill_number do. rem_chars counts code points. */
static sl_num_status compose(sl_strbuf *out, const spec *f, char sign, const char *prefix,
                             const char *digits, int64_t nd, const char *rem, size_t rem_len,
                             int64_t rem_chars) {
  if (f->width > SL_NUMFMT_MAX_WIDTH) return SL_NUM_MEMORY_ERROR;
  int64_t n_sign = sign ? 1 : 0, n_prefix = (int64_t)strlen(prefix);
  int64_t min_width = 0;
  if (f->fill == '0' && f->align == '=') min_width = f->width - n_sign - n_prefix - rem_chars;
  sl_strbuf grouped = SL_STRBUF_INIT;
  group_digits(&grouped, digits, nd, f->thousands, f->group, min_width);
  if (grouped.failed) {
    sl_strbuf_free(&grouped);
    return SL_NUM_NOMEM;
  }
  int64_t total = n_sign + n_prefix + (int64_t)grouped.len + rem_chars;
  int64_t pad = f->width > total ? f->width - total : 0, left = 0, right = 0, mid = 0;
  switch (f->align) {
  case '<': right = pad; break;
  case '^':
    left = pad / 2;
    right = pad - left;
    break;
  case '=': mid = pad; break;
  default: left = pad; break;
  }
  put_fill(out, f->fill, left);
  if (sign) sl_strbuf_putc(out, sign);
  sl_strbuf_puts(out, prefix);
  put_fill(out, f->fill, mid);
  sl_strbuf_append(out, grouped.data ? grouped.data : "", grouped.len);
  sl_strbuf_append(out, rem, rem_len);
  put_fill(out, f->fill, right);
  sl_strbuf_free(&grouped);
  return out->failed ? SL_NUM_NOMEM : SL_NUM_OK;
}

/* The float presentation types (also reached by an int with e, f, g, %). */
static sl_num_status format_float_internal(sl_strbuf *out, double x, const spec *f,
                                           sl_strbuf *err) {
  if (f->precision > INT_MAX) return fail(err, SL_NUM_VALUE_ERROR, "precision too big");
  if (f->precision > SL_NUMFMT_MAX_WIDTH) return SL_NUM_MEMORY_ERROR;
  unsigned flags = 0;
  if (f->alt) flags |= SL__DTS_ALT;
  if (f->no_neg_0) flags |= SL__DTS_NO_NEG_0;
  char type = (char)f->type;
  int default_precision = 6, precision = (int)f->precision;
  bool pct = false;
  if (type == 0) {
    /* No type: repr() without a precision, else 'g' that keeps a ".0". */
    flags |= SL__DTS_ADD_DOT_0;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g'; /* the C locale: 'n' is 'g' */
  if (type == '%') {
    type = 'f';
    x *= 100;
    pct = true;
  }
  if (precision < 0)
    precision = default_precision;
  else if (type == 'r')
    type = 'g';
  sl_strbuf text = SL_STRBUF_INIT;
  if (!sl__double_to_string(&text, x, type, precision, flags)) {
    sl_strbuf_free(&text);
    return SL_NUM_NOMEM;
  }
  if (pct) sl_strbuf_putc(&text, '%');
  if (text.failed) {
    sl_strbuf_free(&text);
    return SL_NUM_NOMEM;
  }
  const char *s = text.data;
  char sign = 0;
  if (*s == '-') {
    sign = '-';
    s++;
  } else if (f->sign == '+' || f->sign == ' ') {
    sign = f->sign;
  }
  size_t nd = 0;
  while (s[nd] >= '0' && s[nd] <= '9') nd++;
  const char *rem = s + nd;
  sl_strbuf fr = SL_STRBUF_INIT;
  if (f->frac_sep && rem[0] == '.') {
    /* 3.14: group the fraction's digits by three from the point. */
    sl_strbuf_putc(&fr, '.');
    size_t i = 1;
    for (; rem[i] >= '0' && rem[i] <= '9'; i++) {
      if (i > 1 && (i - 1) % 3 == 0) sl_strbuf_putc(&fr, f->frac_sep);
      sl_strbuf_putc(&fr, rem[i]);
    }
    sl_strbuf_puts(&fr, rem + i);
    if (fr.failed) {
      sl_strbuf_free(&fr);
      sl_strbuf_free(&text);
      return SL_NUM_NOMEM;
    }
    rem = fr.data;
  }
  size_t rem_len = strlen(rem);
  sl_num_status st = compose(out, f, sign, "", s, (int64_t)nd, rem, rem_len, (int64_t)rem_len);
  sl_strbuf_free(&fr);
  sl_strbuf_free(&text);
  return st;
}

/* Runs parse_spec over a UTF-8 spec, decoding it first. */
static sl_num_status parse_utf8(const char *spec_text, size_t spec_len, uint32_t default_type,
                                uint32_t default_align, const char *tname, int minor, spec *f,
                                sl_strbuf *err) {
  uint32_t small[64];
  uint32_t *cp = small;
  if (spec_len > 64) {
    cp = sl_malloc(spec_len * sizeof *cp);
    if (!cp) return SL_NUM_NOMEM;
  }
  size_t n = decode_utf8((const unsigned char *)spec_text, spec_len, cp);
  sl_num_status st =
      parse_spec(cp, n, spec_text, spec_len, default_type, default_align, tname, minor, f, err);
  if (cp != small) sl_free(cp);
  return st;
}

sl_num_status sl_format_float(sl_strbuf *out, double x, const char *spec_text, size_t spec_len,
                              int py_minor, sl_strbuf *err) {
  if (spec_len == 0) {
    /* format(x, '') is str(x). */
    sl_float_repr(out, x);
    return out->failed ? SL_NUM_NOMEM : SL_NUM_OK;
  }
  spec f;
  sl_num_status st = parse_utf8(spec_text, spec_len, 0, '>', "float", py_minor, &f, err);
  if (st != SL_NUM_OK) return st;
  switch (f.type) {
  case 0:
  case 'e':
  case 'E':
  case 'f':
  case 'F':
  case 'g':
  case 'G':
  case 'n':
  case '%': return format_float_internal(out, x, &f, err);
  default: return unknown_code(err, f.type, "float");
  }
}

sl_num_status sl_format_int(sl_strbuf *out, int64_t v, const char *spec_text, size_t spec_len,
                            int py_minor, sl_strbuf *err) {
  if (spec_len == 0) {
    sl_int_repr(out, v);
    return out->failed ? SL_NUM_NOMEM : SL_NUM_OK;
  }
  sl_bigint b;
  sl_bigint_init(&b);
  sl_bigint_set_i64(&b, v);
  return sl_format_bigint(out, &b, spec_text, spec_len, py_minor, err);
}

/* The digits of |v| in base 2, 8, 10 or 16, appended to `digits`. Decimal
 * conversions of more than 4300 digits are refused as CPython does. */
static sl_num_status int_digits(const sl_bigint *v, int base, bool upper, sl_strbuf *digits,
                                sl_strbuf *err) {
  if (v->n <= 2) {
    uint64_t mag = v->n == 0 ? 0 : v->d[0] | (v->n == 2 ? (uint64_t)v->d[1] << 32 : 0);
    const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[72];
    int i = (int)sizeof buf;
    do {
      buf[--i] = alphabet[mag % (uint64_t)base];
      mag /= (uint64_t)base;
    } while (mag);
    sl_strbuf_append(digits, buf + i, sizeof buf - (size_t)i);
    return digits->failed ? SL_NUM_NOMEM : SL_NUM_OK;
  }
  if (base != 10) return sl_bigint_to_pow2(v, base == 2 ? 1 : base == 8 ? 3 : 4, upper, digits);
  sl_num_status st = sl_bigint_to_decimal(v, digits, SL_INT_MAX_STR_DIGITS);
  if (st == SL_NUM_VALUE_ERROR)
    return fail(err, st,
                "Exceeds the limit (%d digits) for integer string conversion; use "
                "sys.set_int_max_str_digits() to increase the limit",
                SL_INT_MAX_STR_DIGITS);
  return st;
}

sl_num_status sl_format_bigint(sl_strbuf *out, const sl_bigint *v, const char *spec_text,
                               size_t spec_len, int py_minor, sl_strbuf *err) {
  sl_num_status st;
  spec f;
  if (spec_len == 0) {
    /* format(v, '') is str(v). */
    memset(&f, 0, sizeof f);
    f.fill = ' ';
    f.align = '>';
    f.width = -1;
    f.precision = -1;
    f.group = 3;
    f.type = 'd';
  } else {
    st = parse_utf8(spec_text, spec_len, 'd', '>', "int", py_minor, &f, err);
    if (st != SL_NUM_OK) return st;
  }
  switch (f.type) {
  case 'b':
  case 'c':
  case 'd':
  case 'o':
  case 'x':
  case 'X':
  case 'n': break;
  case 'e':
  case 'E':
  case 'f':
  case 'F':
  case 'g':
  case 'G':
  case '%': {
    /* int.__format__ hands these to float.__format__ with float(v). */
    double x;
    if (sl_bigint_to_double(v, &x))
      return fail(err, SL_NUM_OVERFLOW_ERROR, "int too large to convert to float");
    return format_float_internal(out, x, &f, err);
  }
  default: return unknown_code(err, f.type, "int");
  }
  if (f.precision != -1)
    return fail(err, SL_NUM_VALUE_ERROR, "Precision not allowed in integer format specifier");
  if (f.no_neg_0)
    return fail(err, SL_NUM_VALUE_ERROR,
                "Negative zero coercion (z) not allowed in integer format specifier");
  if (f.type == 'c') {
    if (f.sign)
      return fail(err, SL_NUM_VALUE_ERROR, "Sign not allowed with integer format specifier 'c'");
    if (f.alt)
      return fail(err, SL_NUM_VALUE_ERROR,
                  "Alternate form (#) not allowed with integer format specifier 'c'");
    int64_t c;
    if (!sl_bigint_to_i64(v, &c))
      return fail(err, SL_NUM_OVERFLOW_ERROR, "Python int too large to convert to C long");
    if (c < 0 || c > 0x10ffff)
      return fail(err, SL_NUM_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
    sl_strbuf ch = SL_STRBUF_INIT;
    put_cp(&ch, (uint32_t)c);
    if (ch.failed) return SL_NUM_NOMEM;
    st = compose(out, &f, 0, "", "", 0, ch.data, ch.len, 1);
    sl_strbuf_free(&ch);
    return st;
  }
  int base = 10;
  const char *prefix = "";
  switch (f.type) {
  case 'b':
    base = 2;
    prefix = "0b";
    break;
  case 'o':
    base = 8;
    prefix = "0o";
    break;
  case 'x':
    base = 16;
    prefix = "0x";
    break;
  case 'X':
    base = 16;
    prefix = "0X";
    break;
  default: break;
  }
  if (!f.alt) prefix = "";
  sl_strbuf digits = SL_STRBUF_INIT;
  st = int_digits(v, base, f.type == 'X', &digits, err);
  if (st == SL_NUM_OK) {
    char sign = v->sign < 0 ? '-' : (f.sign == '+' || f.sign == ' ') ? f.sign : 0;
    /* 'n' in the C locale: no separator. */
    st = compose(out, &f, sign, prefix, digits.data, (int64_t)digits.len, "", 0, 0);
  }
  sl_strbuf_free(&digits);
  return st;
}

sl_num_status sl_format_str(sl_strbuf *out, const char *s, size_t len, const char *spec_text,
                            size_t spec_len, int py_minor, sl_strbuf *err) {
  if (spec_len == 0) {
    sl_strbuf_append(out, s, len);
    return out->failed ? SL_NUM_NOMEM : SL_NUM_OK;
  }
  spec f;
  sl_num_status st = parse_utf8(spec_text, spec_len, 's', '<', "str", py_minor, &f, err);
  if (st != SL_NUM_OK) return st;
  if (f.type != 's') return unknown_code(err, f.type, "str");
  if (f.sign == ' ')
    return fail(err, SL_NUM_VALUE_ERROR, "Space not allowed in string format specifier");
  if (f.sign) return fail(err, SL_NUM_VALUE_ERROR, "Sign not allowed in string format specifier");
  if (f.no_neg_0)
    return fail(err, SL_NUM_VALUE_ERROR,
                "Negative zero coercion (z) not allowed in string format specifier");
  if (f.alt)
    return fail(err, SL_NUM_VALUE_ERROR,
                "Alternate form (#) not allowed in string format specifier");
  if (f.align == '=')
    return fail(err, SL_NUM_VALUE_ERROR, "'=' alignment not allowed in string format specifier");
  if (f.width > SL_NUMFMT_MAX_WIDTH) return SL_NUM_MEMORY_ERROR;
  /* Count code points (UTF-8 lead bytes), cutting at the precision. */
  size_t cut = len;
  int64_t chars = 0;
  for (size_t i = 0; i < len; i++) {
    if (((unsigned char)s[i] & 0xc0) == 0x80) continue;
    if (f.precision >= 0 && chars == f.precision) {
      cut = i;
      break;
    }
    chars++;
  }
  int64_t pad = f.width > chars ? f.width - chars : 0, left = 0;
  if (f.align == '>')
    left = pad;
  else if (f.align == '^')
    left = pad / 2;
  put_fill(out, f.fill, left);
  sl_strbuf_append(out, s, cut);
  put_fill(out, f.fill, pad - left);
  return out->failed ? SL_NUM_NOMEM : SL_NUM_OK;
}
