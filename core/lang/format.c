/* format(v, spec), str.format and the % operator on str. Mirrors
 * Objects/stringlib/unicode_format.h (field parsing, auto/manual
 * numbering, nested specs, conversions) and the printf-style formatting of
 * Objects/unicodeobject.c (PyUnicode_Format); the number formatting itself
 * is numfmt's. */
#include <stdio.h>
#include <string.h>

#include "core/exc.h"
#include "core/lang/iter-int.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"

/* ---- format() -------------------------------------------------------------- */

static int num_status(sl_rt *rt, sl_num_status st, sl_strbuf *err) {
  int rc;
  if (st == SL_NUM_VALUE_ERROR)
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(err));
  else if (st == SL_NUM_OVERFLOW_ERROR)
    rc = sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "%s", sl_strbuf_cstr(err));
  else if (st == SL_NUM_MEMORY_ERROR)
    rc = sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  else
    rc = sl_nomem(rt);
  sl_strbuf_free(err);
  return rc;
}

/* A scenario class's own __format__: 1 called (its text appended), 0 the
 * class has none, -1 error. */
static int user_format(sl_rt *rt, sl_value v, const char *spec, size_t spec_len, sl_strbuf *out) {
  sl_obj *spec_s = sl_str_new(rt, spec, spec_len);
  if (!spec_s) return -1;
  sl_value argv[1] = {sl_obj_val(spec_s)}, res;
  int r = rt->user_ops->method(rt, v.u.o, "__format__", argv, 1, &res);
  sl_decref(rt, spec_s);
  if (r <= 0) return r;
  if (!sl_is_str(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__format__ must return a str, not %s", tn);
  }
  sl_strbuf_append(out, sl_str_cstr(res.u.o), sl_as_str(res.u.o)->len);
  sl_vdecref(rt, res);
  return out->failed ? sl_nomem(rt) : 1;
}

int sl_format(sl_rt *rt, sl_value v, const char *spec, size_t spec_len, sl_strbuf *out) {
  sl_strbuf err = SL_STRBUF_INIT;
  sl_num_status st;
  int minor = sl__py_minor(rt);
  if (v.tag == SL_V_OBJ && (v.u.o->size_class & SL_OBJ_EXT_BIT) && sl_is_number(v) &&
      rt->user_ops) {
    /* An int or float subclass's instance: its own __format__, else
     * int.__format__ / float.__format__, which give str(self) for an empty
     * spec (format_obj in Python/formatter_unicode.c) and format the value
     * otherwise. */
    int r = user_format(rt, v, spec, spec_len, out);
    if (r) return r < 0 ? -1 : 0;
    if (!spec_len) return sl_vm_str(rt, v, out);
    v = sl_num_unbox(v);
  }
  if (v.tag == SL_V_INT || (v.tag == SL_V_BOOL && spec_len)) {
    st = sl_format_int(out, sl__intval(v), spec, spec_len, minor, &err);
  } else if (sl_is_long(v)) {
    sl_bigint x;
    sl_long_view(v, &x);
    st = sl_format_bigint(out, &x, spec, spec_len, minor, &err);
  } else if (v.tag == SL_V_FLOAT) {
    st = sl_format_float(out, v.u.f, spec, spec_len, minor, &err);
  } else if (sl_is_str(v)) {
    st = sl_format_str(out, sl_as_str(v.u.o)->data, sl_as_str(v.u.o)->len, spec, spec_len, minor,
                       &err);
  } else if (v.tag == SL_V_OBJ && sl_user_cls_of(v.u.o) && rt->user_ops) {
    /* A scenario class's own __format__. */
    int r = user_format(rt, v, spec, spec_len, out);
    if (r) return r < 0 ? -1 : 0;
    if (spec_len)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported format string passed to %s.__format__",
                      sl_type_name(v));
    return sl_vm_str(rt, v, out);
  } else {
    /* A native type's own __format__ (datetime's strftime). */
    sl_value fmt;
    if (spec_len && v.tag == SL_V_OBJ && v.u.o->type->getattr) {
      if (v.u.o->type->getattr(rt, v.u.o, "__format__", &fmt) == 0) {
        sl_obj *spec_s = sl_str_new(rt, spec, spec_len);
        if (!spec_s) {
          sl_vdecref(rt, fmt);
          return -1;
        }
        sl_value argv[1] = {sl_obj_val(spec_s)}, res;
        int r = sl_call_pos(rt, fmt, argv, 1, &res);
        sl_decref(rt, spec_s);
        sl_vdecref(rt, fmt);
        if (r) return -1;
        if (sl_is_str(res)) sl_strbuf_append(out, sl_str_cstr(res.u.o), sl_as_str(res.u.o)->len);
        sl_vdecref(rt, res);
        return out->failed ? sl_nomem(rt) : 0;
      }
      sl_err_clear(rt);
    }
    /* object.__format__: str(self) for an empty spec, else TypeError. */
    if (spec_len)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported format string passed to %s.__format__",
                      sl_type_name(v));
    return sl_vm_str(rt, v, out);
  }
  if (st == SL_NUM_OK) {
    sl_strbuf_free(&err);
    return out->failed ? sl_nomem(rt) : 0;
  }
  return num_status(rt, st, &err);
}

int sl_ascii(sl_rt *rt, sl_value v, sl_strbuf *out) {
  sl_strbuf r = SL_STRBUF_INIT;
  if (sl_vm_repr(rt, v, &r)) {
    sl_strbuf_free(&r);
    return -1;
  }
  /* Escape every non-ASCII code point as \xNN, \uNNNN or \UNNNNNNNN. */
  const unsigned char *s = (const unsigned char *)sl_strbuf_cstr(&r);
  for (size_t i = 0; i < r.len;) {
    unsigned char c = s[i];
    if (c < 0x80) {
      sl_strbuf_putc(out, (char)c);
      i++;
      continue;
    }
    size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = c & (0x7F >> k);
    for (size_t j = 1; j < k && i + j < r.len; j++) cp = (cp << 6) | (s[i + j] & 0x3F);
    if (cp < 0x100)
      sl_strbuf_printf(out, "\\x%02x", cp);
    else if (cp < 0x10000)
      sl_strbuf_printf(out, "\\u%04x", cp);
    else
      sl_strbuf_printf(out, "\\U%08x", cp);
    i += k;
  }
  sl_strbuf_free(&r);
  return out->failed ? sl_nomem(rt) : 0;
}

/* ---- str.format ------------------------------------------------------------------- */

typedef struct fmt_state {
  const sl_args *args;
  int auto_index; /* next automatic index; -1 once manual numbering is used */
  bool manual;
} fmt_state;

static int fmt_error(sl_rt *rt, const char *msg) {
  return sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", msg);
}

/* Resolves the field name "0[1].x" to a value (new reference). */
static int get_field(sl_rt *rt, fmt_state *st, const char *f, size_t len, sl_value *out) {
  size_t i = 0;
  while (i < len && f[i] != '.' && f[i] != '[') i++;
  sl_value obj;
  bool numeric = i > 0;
  for (size_t k = 0; k < i; k++) numeric = numeric && f[k] >= '0' && f[k] <= '9';
  if (i == 0 || numeric) {
    int64_t idx = 0;
    if (i == 0) {
      if (st->manual)
        return fmt_error(rt, "cannot switch from manual field specification to automatic field "
                             "numbering");
      idx = st->auto_index++;
    } else {
      if (st->auto_index > 0)
        return fmt_error(rt, "cannot switch from automatic field numbering to manual field "
                             "specification");
      st->manual = true;
      for (size_t k = 0; k < i; k++) {
        if (idx > (INT64_MAX - 9) / 10)
          return fmt_error(rt, "Too many decimal digits in format string");
        idx = idx * 10 + (f[k] - '0');
      }
    }
    if ((uint64_t)idx >= st->args->npos)
      return sl_raise(rt, SL_EXC_INDEX_ERROR,
                      "Replacement index %lld out of range for positional args tuple",
                      (long long)idx);
    obj = sl_vincref(st->args->pos[idx]);
  } else {
    size_t k = 0;
    for (; k < st->args->nkw; k++) {
      sl_strobj *n = sl_as_str(st->args->kwnames[k]);
      if (n->len == i && memcmp(n->data, f, i) == 0) break;
    }
    if (k == st->args->nkw) {
      sl_obj *key = sl_str_new(rt, f, i);
      if (!key) return -1;
      sl_value kv = sl_obj_val(key);
      sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &kv, 1);
      sl_decref(rt, key);
      return e ? sl_err_restore(rt, e) : -1;
    }
    obj = sl_vincref(st->args->kwvals[k]);
  }
  while (i < len) {
    sl_value next;
    int rc;
    if (f[i] == '.') {
      size_t j = ++i;
      while (j < len && f[j] != '.' && f[j] != '[') j++;
      if (j == i) {
        sl_vdecref(rt, obj);
        return fmt_error(rt, "Empty attribute in format string");
      }
      char name[128];
      size_t n = j - i < sizeof name - 1 ? j - i : sizeof name - 1;
      memcpy(name, f + i, n);
      name[n] = 0;
      rc = sl_vm_getattr(rt, obj, name, &next);
      i = j;
    } else if (f[i] == '[') {
      size_t j = ++i;
      while (j < len && f[j] != ']') j++;
      if (j >= len) {
        sl_vdecref(rt, obj);
        return fmt_error(rt, "Missing ']' in format string");
      }
      bool digits = j > i;
      for (size_t k = i; k < j; k++) digits = digits && f[k] >= '0' && f[k] <= '9';
      sl_value key;
      if (digits) {
        int64_t n = 0;
        for (size_t k = i; k < j; k++) n = n * 10 + (f[k] - '0');
        key = sl_int(n);
      } else {
        sl_obj *ks = sl_str_new(rt, f + i, j - i);
        if (!ks) {
          sl_vdecref(rt, obj);
          return -1;
        }
        key = sl_obj_val(ks);
      }
      rc = sl_getitem(rt, obj, key, &next);
      sl_vdecref(rt, key);
      i = j + 1;
      if (!rc && i < len && f[i] != '.' && f[i] != '[') {
        sl_vdecref(rt, next);
        sl_vdecref(rt, obj);
        return fmt_error(rt, "Only '.' or '[' may follow ']' in format field specifier");
      }
    } else {
      sl_vdecref(rt, obj);
      return fmt_error(rt, "Only '.' or '[' may follow ']' in format field specifier");
    }
    sl_vdecref(rt, obj);
    if (rc) return -1;
    obj = next;
  }
  *out = obj;
  return 0;
}

static int render(sl_rt *rt, fmt_state *st, const char *s, size_t len, int depth, sl_strbuf *out);

/* One replacement field (the text between the braces). */
static int field(sl_rt *rt, fmt_state *st, const char *f, size_t len, int depth, sl_strbuf *out) {
  /* Split name / !conv / :spec; brackets may hold ':' or '!'. */
  size_t i = 0;
  while (i < len && f[i] != '!' && f[i] != ':') {
    if (f[i] == '[')
      while (i < len && f[i] != ']') i++;
    if (i < len) i++;
  }
  size_t name_len = i < len ? i : len;
  char conv = 0;
  const char *spec = "";
  size_t spec_len = 0;
  if (i < len && f[i] == '!') {
    if (i + 1 >= len) return fmt_error(rt, "end of string while looking for conversion specifier");
    conv = f[i + 1];
    i += 2;
    if (i < len && f[i] != ':') return fmt_error(rt, "expected ':' after conversion specifier");
  }
  if (i < len && f[i] == ':') {
    spec = f + i + 1;
    spec_len = len - i - 1;
  }
  sl_value obj;
  if (get_field(rt, st, f, name_len, &obj)) return -1;
  sl_strbuf conv_buf = SL_STRBUF_INIT, spec_buf = SL_STRBUF_INIT;
  int rc = 0;
  if (conv) {
    if (conv == 'r')
      rc = sl_vm_repr(rt, obj, &conv_buf);
    else if (conv == 's')
      rc = sl_vm_str(rt, obj, &conv_buf);
    else if (conv == 'a')
      rc = sl_ascii(rt, obj, &conv_buf);
    else {
      rc = conv >= 0x20 && conv < 0x7f
               ? sl_raise(rt, SL_EXC_VALUE_ERROR, "Unknown conversion specifier %c", conv)
               : sl_raise(rt, SL_EXC_VALUE_ERROR, "Unknown conversion specifier \\x%02x",
                          (unsigned char)conv);
    }
    if (!rc) {
      sl_obj *s = sl_str_take_buf(rt, &conv_buf);
      if (!s)
        rc = -1;
      else
        sl_vset(rt, &obj, sl_obj_val(s));
    }
  }
  /* Nested fields in the spec are expanded first ("{:{width}}"). */
  if (!rc && memchr(spec, '{', spec_len)) {
    if (depth >= 1)
      rc = fmt_error(rt, "Max string recursion exceeded");
    else
      rc = render(rt, st, spec, spec_len, depth + 1, &spec_buf);
    spec = sl_strbuf_cstr(&spec_buf);
    spec_len = spec_buf.len;
  }
  if (!rc) rc = sl_format(rt, obj, spec, spec_len, out);
  sl_strbuf_free(&conv_buf);
  sl_strbuf_free(&spec_buf);
  sl_vdecref(rt, obj);
  return rc;
}

static int render(sl_rt *rt, fmt_state *st, const char *s, size_t len, int depth, sl_strbuf *out) {
  size_t i = 0;
  while (i < len) {
    char c = s[i];
    if (c == '}') {
      if (i + 1 < len && s[i + 1] == '}') {
        sl_strbuf_putc(out, '}');
        i += 2;
        continue;
      }
      return fmt_error(rt, "Single '}' encountered in format string");
    }
    if (c != '{') {
      size_t j = i;
      while (j < len && s[j] != '{' && s[j] != '}') j++;
      sl_strbuf_append(out, s + i, j - i);
      i = j;
      continue;
    }
    if (i + 1 < len && s[i + 1] == '{') {
      sl_strbuf_putc(out, '{');
      i += 2;
      continue;
    }
    /* Find the matching '}' (nested braces count). */
    size_t j = i + 1;
    int level = 1;
    while (j < len) {
      if (s[j] == '[' && level == 1) {
        /* Inside a key, braces are text. */
        while (j < len && s[j] != ']') j++;
        if (j >= len) break;
      } else if (s[j] == '{')
        level++;
      else if (s[j] == '}' && --level == 0)
        break;
      j++;
    }
    if (j >= len)
      return fmt_error(rt, level > 1 ? "unmatched '{' in format spec"
                                     : "expected '}' before end of string");
    if (field(rt, st, s + i + 1, j - i - 1, depth, out)) return -1;
    i = j + 1;
  }
  if (i < len) return fmt_error(rt, "Single '{' encountered in format string");
  return out->failed ? sl_nomem(rt) : 0;
}

int sl_str_format(sl_rt *rt, const char *fmt, size_t len, const sl_args *args, sl_strbuf *out) {
  fmt_state st = {args, 0, false};
  /* A lone '{' at the very end is its own error. */
  if (len && fmt[len - 1] == '{') {
    size_t n = 0;
    while (n < len && fmt[len - 1 - n] == '{') n++;
    if (n % 2) return fmt_error(rt, "Single '{' encountered in format string");
  }
  return render(rt, &st, fmt, len, 0, out);
}

/* ---- printf-style % ---------------------------------------------------------------- */

/* %d, %x, %X, %o of an int of any size (v is an int, bool or long). */
static int pct_int(sl_rt *rt, sl_strbuf *out, sl_value v, char type, const char *flags,
                   int64_t width, int64_t prec) {
  bool left = strchr(flags, '-'), zero = strchr(flags, '0') && !left, alt = strchr(flags, '#');
  sl_bigint x;
  sl_long_view(v, &x);
  bool neg = x.sign < 0;
  if (neg) x.sign = 1;
  char sign = neg ? '-' : strchr(flags, '+') ? '+' : strchr(flags, ' ') ? ' ' : 0;
  sl_strbuf digits = SL_STRBUF_INIT, err = SL_STRBUF_INIT;
  char spec[2] = {type, 0};
  sl_num_status st = sl_format_bigint(&digits, &x, spec, 1, sl__py_minor(rt), &err);
  if (st) {
    sl_strbuf_free(&digits);
    return num_status(rt, st, &err);
  }
  sl_strbuf_free(&err);
  const char *prefix = !alt          ? ""
                       : type == 'x' ? "0x"
                       : type == 'X' ? "0X"
                       : type == 'o' ? "0o"
                                     : "";
  int64_t nd = (int64_t)digits.len;
  int64_t zeros = prec > nd ? prec - nd : 0;
  int64_t body = (sign ? 1 : 0) + (int64_t)strlen(prefix) + zeros + nd;
  if (zero && width > body) zeros += width - body, body = width;
  if (width > SL_NUMFMT_MAX_WIDTH || zeros > SL_NUMFMT_MAX_WIDTH) {
    sl_strbuf_free(&digits);
    return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  }
  if (!left)
    for (int64_t i = body; i < width; i++) sl_strbuf_putc(out, ' ');
  if (sign) sl_strbuf_putc(out, sign);
  sl_strbuf_puts(out, prefix);
  for (int64_t i = 0; i < zeros; i++) sl_strbuf_putc(out, '0');
  sl_strbuf_append(out, digits.data ? digits.data : "", digits.len);
  sl_strbuf_free(&digits);
  if (left)
    for (int64_t i = body; i < width; i++) sl_strbuf_putc(out, ' ');
  return 0;
}

static void pad_text(sl_strbuf *out, const char *s, size_t len, size_t cplen, bool left,
                     int64_t width) {
  if (!left)
    for (int64_t i = (int64_t)cplen; i < width; i++) sl_strbuf_putc(out, ' ');
  sl_strbuf_append(out, s, len);
  if (left)
    for (int64_t i = (int64_t)cplen; i < width; i++) sl_strbuf_putc(out, ' ');
}

static size_t cp_count(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

/* Truncates UTF-8 text to prec code points (byte length). */
static size_t cp_prefix(const char *s, size_t len, int64_t prec) {
  size_t i = 0;
  for (int64_t n = 0; i < len; i++) {
    if (((unsigned char)s[i] & 0xC0) != 0x80) {
      if (n == prec) break;
      n++;
    }
  }
  return i;
}

static int pct_one(sl_rt *rt, sl_strbuf *out, sl_value v, char type, const char *flags,
                   int64_t width, int64_t prec) {
  bool left = strchr(flags, '-');
  switch (type) {
  case 's':
  case 'r':
  case 'a': {
    sl_strbuf t = SL_STRBUF_INIT;
    int rc = type == 's'   ? sl_vm_str(rt, v, &t)
             : type == 'r' ? sl_vm_repr(rt, v, &t)
                           : sl_ascii(rt, v, &t);
    if (!rc) {
      size_t n = prec >= 0 ? cp_prefix(t.data ? t.data : "", t.len, prec) : t.len;
      pad_text(out, sl_strbuf_cstr(&t), n, cp_count(sl_strbuf_cstr(&t), n), left, width);
    }
    sl_strbuf_free(&t);
    return rc;
  }
  case 'd':
  case 'i':
  case 'u':
  case 'x':
  case 'X':
  case 'o': {
    sl_value iv = sl_undef(), mixed;
    if (sl__enum_mixed_value(rt, v, &mixed) && sl_is_intish(mixed)) v = mixed; /* IntEnum */
    v = sl_num_unbox(v);
    if (sl_is_intish(v))
      iv = sl_vincref(v);
    else if (v.tag == SL_V_FLOAT && (type == 'd' || type == 'i' || type == 'u')) {
      if (sl__float_to_int(rt, v.u.f, &iv)) return -1;
    } else if (type == 'd' || type == 'i' || type == 'u')
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%%%c format: a real number is required, not %s", type,
                      sl_type_name(v));
    else
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%%%c format: an integer is required, not %s", type,
                      sl_type_name(v));
    int rc = pct_int(rt, out, iv, type == 'i' || type == 'u' ? 'd' : type, flags, width, prec);
    sl_vdecref(rt, iv);
    return rc;
  }
  case 'e':
  case 'E':
  case 'f':
  case 'F':
  case 'g':
  case 'G': {
    if (!sl__is_num(v))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "must be real number, not %s", sl_type_name(v));
    char spec[64];
    int n = snprintf(spec, sizeof spec, "%s%s%s%s", left ? "<" : "",
                     strchr(flags, '+')   ? "+"
                     : strchr(flags, ' ') ? " "
                                          : "",
                     strchr(flags, '#') ? "#" : "", strchr(flags, '0') && !left ? "0" : "");
    if (width >= 0) n += snprintf(spec + n, sizeof spec - (size_t)n, "%lld", (long long)width);
    n += snprintf(spec + n, sizeof spec - (size_t)n, ".%lld%c", (long long)(prec < 0 ? 6 : prec),
                  type);
    double fv;
    if (sl__to_double(rt, v, &fv)) return -1;
    return sl_format(rt, sl_float(fv), spec, (size_t)n, out);
  }
  case 'c': {
    if (sl_is_str(v)) {
      if (sl_as_str(v.u.o)->cplen != 1)
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        "%%c requires an int or a unicode character, not a string of length %zu",
                        sl_as_str(v.u.o)->cplen);
      pad_text(out, sl_as_str(v.u.o)->data, sl_as_str(v.u.o)->len, 1, left, width);
      return 0;
    }
    if (!sl_is_intish(v))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%%c requires an int or a unicode character, not %s",
                      sl_type_name(v));
    if (sl_is_big(v)) return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
    int64_t cp = sl__intval(v);
    if (cp < 0 || cp > 0x10FFFF)
      return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
    sl_strbuf t = SL_STRBUF_INIT;
    sl_strbuf f = SL_STRBUF_INIT;
    /* chr(cp) through format's 'c' type. */
    sl_num_status st = sl_format_int(&t, cp, "c", 1, sl__py_minor(rt), &f);
    sl_strbuf_free(&f);
    if (st) {
      sl_strbuf_free(&t);
      return sl_nomem(rt);
    }
    pad_text(out, sl_strbuf_cstr(&t), t.len, 1, left, width);
    sl_strbuf_free(&t);
    return 0;
  }
  default: return -2;
  }
}

int sl_str_percent(sl_rt *rt, sl_obj *fmt, sl_value args, sl_value *out) {
  sl_strobj *f = sl_as_str(fmt);
  const sl_value *items = &args;
  size_t nitems = 1, next = 0;
  bool is_tuple = sl__is_tuple(args), mapping = sl__is_dict(args);
  if (is_tuple) items = sl_as_tuple(args.u.o)->items, nitems = sl_as_tuple(args.u.o)->len;
  sl_strbuf b = SL_STRBUF_INIT;
  const char *s = f->data;
  size_t len = f->len, i = 0;
  bool used_mapping = false;
  int rc = 0;
  while (i < len && !rc) {
    if (s[i] != '%') {
      size_t j = i;
      while (j < len && s[j] != '%') j++;
      sl_strbuf_append(&b, s + i, j - i);
      i = j;
      continue;
    }
    i++;
    sl_value key_val = sl_undef();
    if (i < len && s[i] == '(') {
      if (!mapping) {
        rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "format requires a mapping");
        break;
      }
      size_t j = ++i;
      int depth = 1;
      while (j < len && depth) {
        if (s[j] == '(')
          depth++;
        else if (s[j] == ')')
          depth--;
        if (depth) j++;
      }
      if (j >= len) {
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "incomplete format key");
        break;
      }
      sl_obj *k = sl_str_new(rt, s + i, j - i);
      if (!k) {
        rc = -1;
        break;
      }
      rc = sl_getitem(rt, args, sl_obj_val(k), &key_val);
      sl_decref(rt, k);
      if (rc) break;
      used_mapping = true;
      i = j + 1;
    }
    char flags[8] = {0};
    size_t nf = 0;
    while (i < len && strchr("-+ #0", s[i])) {
      if (nf < sizeof flags - 1 && !strchr(flags, s[i])) flags[nf++] = s[i];
      i++;
    }
    int64_t width = -1, prec = -1;
    for (int part = 0; part < 2 && !rc; part++) {
      int64_t *dst = part ? &prec : &width;
      if (part) {
        if (i >= len || s[i] != '.') break;
        i++;
        *dst = 0;
      }
      if (i < len && s[i] == '*') {
        i++;
        if (next >= nitems || (!is_tuple && mapping)) {
          rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "not enough arguments for format string");
          break;
        }
        if (!sl__is_intlike(items[next])) {
          rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "* wants int");
          break;
        }
        *dst = sl__intval(items[next++]);
        if (!part && *dst < 0) {
          strcat(flags, "-");
          *dst = -*dst;
        }
      } else {
        while (i < len && s[i] >= '0' && s[i] <= '9') {
          if (*dst < 0) *dst = 0;
          *dst = *dst * 10 + (s[i] - '0');
          if (*dst > SL_NUMFMT_MAX_WIDTH) *dst = SL_NUMFMT_MAX_WIDTH + 1;
          i++;
        }
      }
    }
    if (rc) break;
    if (i >= len) {
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "incomplete format");
      break;
    }
    char type = s[i++];
    if (type == '%') {
      sl_strbuf_putc(&b, '%');
      continue;
    }
    sl_value v;
    if (!sl_is_undef(key_val))
      v = key_val;
    else if (mapping && !is_tuple)
      v = args;
    else if (next < nitems)
      v = items[next++];
    else {
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "not enough arguments for format string");
      break;
    }
    if (width > SL_NUMFMT_MAX_WIDTH) {
      rc = sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
      sl_vdecref(rt, key_val);
      break;
    }
    rc = pct_one(rt, &b, v, type, flags, width, prec);
    if (rc == -2)
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "unsupported format character '%c' (0x%x) at index %zu",
                    type, (unsigned char)type, i - 1);
    sl_vdecref(rt, key_val);
  }
  if (!rc && !used_mapping && !mapping && next < nitems)
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "not all arguments converted during string formatting");
  if (rc) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}
