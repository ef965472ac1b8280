/* The built-in exceptions whose constructors take structured arguments:
 * SyntaxError (IndentationError, TabError) and UnicodeDecodeError,
 * UnicodeEncodeError, UnicodeTranslateError. Mirrors Objects/exceptions.c
 * (SyntaxError_init/_str, UnicodeEncodeError_init/_str and siblings).
 *
 * The attributes are read from the instance's args (as BaseException's
 * __init__ leaves them, so a scenario subclass calling
 * super().__init__(...) gets them too) unless assigned since, in which
 * case the instance's attribute dict holds the new value and wins. The
 * constructor checks the arguments as tp_init does. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/buffer.h"
#include "core/lang/exc_struct.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef enum kind { K_NONE, K_SYNTAX, K_DECODE, K_ENCODE, K_TRANSLATE } kind;

static kind kind_of(const sl_obj *exc) {
  if (sl_exc_isinstance(exc, SL_EXC_SYNTAX_ERROR)) return K_SYNTAX;
  if (sl_exc_isinstance(exc, SL_EXC_UNICODE_DECODE_ERROR)) return K_DECODE;
  if (sl_exc_isinstance(exc, SL_EXC_UNICODE_ENCODE_ERROR)) return K_ENCODE;
  if (sl_exc_isinstance(exc, SL_EXC_UNICODE_TRANSLATE_ERROR)) return K_TRANSLATE;
  return K_NONE;
}

/* SyntaxError's info tuple: (filename, lineno, offset, text, end_lineno,
 * end_offset[, _metadata in 3.14]). */
static const char *const syntax_info[] = {"filename", "lineno",     "offset",
                                          "text",     "end_lineno", "end_offset"};
/* The Unicode errors' arguments in order (Translate has no encoding). */
static const char *const unicode_args[] = {"encoding", "object", "start", "end", "reason"};

/* SyntaxError's second argument as items (PySequence_Tuple): borrowed
 * from args, or from *owned (the caller releases it). */
static int info_items(sl_rt *rt, sl_value info, const sl_value **items, size_t *n, sl_obj **owned) {
  if (sl__is_tuple(info)) {
    *owned = NULL;
    *items = sl_as_tuple(info.u.o)->items;
    *n = sl_as_tuple(info.u.o)->len;
    return 0;
  }
  return sl_seq_items(rt, info, items, n, owned);
}

/* An attribute's value from the arguments (new reference): 1 found, 0 not
 * an attribute of this kind, -1 error. */
static int from_args(sl_rt *rt, sl_exc *e, kind k, const char *name, sl_value *out) {
  sl_tuple *args = sl_as_tuple(e->args);
  if (k == K_SYNTAX) {
    if (!strcmp(name, "msg")) return *out = args->len ? sl_vincref(args->items[0]) : sl_none(), 1;
    if (!strcmp(name, "print_file_and_line")) return *out = sl_none(), 1;
    for (size_t i = 0; i < 6; i++) {
      if (strcmp(name, syntax_info[i])) continue;
      *out = sl_none();
      if (args->len != 2) return 1;
      const sl_value *items;
      size_t n;
      sl_obj *owned;
      if (info_items(rt, args->items[1], &items, &n, &owned)) return -1;
      if (i < n && n >= 4) *out = sl_vincref(items[i]);
      sl_decref(rt, owned);
      return 1;
    }
    return 0;
  }
  for (size_t i = k == K_TRANSLATE ? 1 : 0; i < 5; i++) {
    if (strcmp(name, unicode_args[i])) continue;
    size_t at = k == K_TRANSLATE ? i - 1 : i;
    if (args->len != (k == K_TRANSLATE ? 4u : 5u)) return *out = sl_none(), 1;
    sl_value v = args->items[at];
    if (i == 1 && k == K_DECODE && !sl__is_bytes(v)) {
      /* UnicodeDecodeError_init keeps a copy of any bytes-like object as bytes. */
      const unsigned char *d;
      size_t len;
      if (sl_buffer_read(v, &d, &len)) {
        sl_obj *b = sl_bytes_new(rt, d, len);
        if (!b) return -1;
        return *out = sl_obj_val(b), 1;
      }
    }
    if (i == 2 || i == 3) return *out = sl_int(sl__intval(v)), 1;
    return *out = sl_vincref(v), 1;
  }
  return 0;
}

/* The attribute as the program sees it: assigned, else from the arguments. */
static int field(sl_rt *rt, sl_exc *e, kind k, const char *name, sl_value *out) {
  bool found = false;
  if (e->attrs && sl_dict_get_str(rt, e->attrs, name, out, &found)) return -1;
  if (found) return 1;
  return from_args(rt, e, k, name, out);
}

int sl__exc_struct_attr(sl_rt *rt, sl_obj *exc, const char *name, sl_value *out) {
  kind k = kind_of(exc);
  return k == K_NONE ? 0 : from_args(rt, sl_as_exc(exc), k, name, out);
}

/* ---- constructors ------------------------------------------------------------------ */

static int syntax_init(sl_rt *rt, sl_exc *e) {
  sl_tuple *args = sl_as_tuple(e->args);
  if (args->len != 2) return 0;
  const sl_value *items;
  size_t n, most = rt->profile->syntax_error_metadata ? 7 : 6;
  sl_obj *owned;
  if (info_items(rt, args->items[1], &items, &n, &owned)) return -1;
  sl_decref(rt, owned);
  if (n < 4)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "function takes at least 4 arguments (%zu given)", n);
  if (n > most)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "function takes at most %zu arguments (%zu given)", most,
                    n);
  if (n == 5)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "end_offset must be provided when end_lineno is provided");
  return 0;
}

/* PyArg_ParseTuple's "n": an index-sized int. */
static int ssize_arg(sl_rt *rt, sl_value v) {
  if (sl__is_intlike(v)) return 0;
  if (sl_is_big(v))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                  sl_type_name(v));
}

/* PyArg_ParseTuple's "U": a str. */
static int str_arg(sl_rt *rt, sl_value v, size_t pos) {
  if (sl_is_str(v)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "argument %zu must be str, not %s", pos,
                  sl_is_none(v) ? "None" : sl_type_name(v));
}

static int unicode_init(sl_rt *rt, sl_exc *e, kind k) {
  sl_tuple *args = sl_as_tuple(e->args);
  size_t want = k == K_TRANSLATE ? 4 : 5;
  if (args->len != want)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "function takes exactly %zu arguments (%zu given)", want,
                    args->len);
  const sl_value *a = args->items;
  size_t o = k == K_TRANSLATE ? 0 : 1; /* where the object is */
  if ((k != K_TRANSLATE && str_arg(rt, a[0], 1)) || (k != K_DECODE && str_arg(rt, a[o], o + 1)) ||
      ssize_arg(rt, a[o + 1]) || ssize_arg(rt, a[o + 2]) || str_arg(rt, a[o + 3], o + 4))
    return -1;
  const unsigned char *d;
  size_t len;
  if (k == K_DECODE && !sl_buffer_read(a[1], &d, &len))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                    sl_type_name(a[1]));
  return 0;
}

int sl__exc_struct_init(sl_rt *rt, sl_obj *exc) {
  kind k = kind_of(exc);
  if (k == K_NONE) return 0;
  return k == K_SYNTAX ? syntax_init(rt, sl_as_exc(exc)) : unicode_init(rt, sl_as_exc(exc), k);
}

/* ---- str() ------------------------------------------------------------------------- */

/* SyntaxError_str: "msg (file.py, line 3)"; the file name without its
 * folders (my_basename), the line only when it is an int. */
static int syntax_str(sl_rt *rt, sl_exc *e, sl_strbuf *out) {
  sl_value msg, file, line;
  if (field(rt, e, K_SYNTAX, "msg", &msg) < 0) return -1;
  if (field(rt, e, K_SYNTAX, "filename", &file) < 0) {
    sl_vdecref(rt, msg);
    return -1;
  }
  if (field(rt, e, K_SYNTAX, "lineno", &line) < 0) {
    sl_vdecref(rt, msg);
    sl_vdecref(rt, file);
    return -1;
  }
  bool has_file = sl_is_str(file),
       has_line = line.tag == SL_V_INT || sl_is_type(line, &sl_long_type);
  int rc = sl_str(rt, msg, out);
  if (!rc && (has_file || has_line)) {
    sl_strbuf_puts(out, " (");
    if (has_file) {
      const char *f = sl_str_cstr(file.u.o), *slash = strrchr(f, '/');
      sl_strbuf_puts(out, slash ? slash + 1 : f);
    }
    if (has_file && has_line) sl_strbuf_puts(out, ", ");
    if (has_line) {
      sl_strbuf_puts(out, "line ");
      rc = sl_str(rt, line, out);
    }
    sl_strbuf_putc(out, ')');
  }
  sl_vdecref(rt, msg);
  sl_vdecref(rt, file);
  sl_vdecref(rt, line);
  return rc ? -1 : 1;
}

/* The code point at index i of a str (i < its length). */
static uint32_t cp_at(sl_obj *s, int64_t i) {
  const unsigned char *p = (const unsigned char *)sl_str_cstr(s) + sl_str_cp_offset(s, i);
  uint32_t c = p[0];
  size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (k > 1) c &= 0x7Fu >> k;
  for (size_t j = 1; j < k; j++) c = (c << 6) | (p[j] & 0x3F);
  return c;
}

/* UnicodeEncodeError_str, UnicodeDecodeError_str, UnicodeTranslateError_str. */
static int unicode_str(sl_rt *rt, sl_exc *e, kind k, sl_strbuf *out) {
  if (sl_as_tuple(e->args)->len != (k == K_TRANSLATE ? 4u : 5u)) return 1; /* never initialised */
  sl_value v[5] = {sl_none(), sl_none(), sl_none(), sl_none(), sl_none()};
  int rc = 0;
  for (size_t i = k == K_TRANSLATE ? 1 : 0; i < 5 && !rc; i++)
    rc = field(rt, e, k, unicode_args[i], &v[i]) < 0;
  int64_t start = sl__is_intlike(v[2]) ? sl__intval(v[2]) : 0;
  int64_t end = sl__is_intlike(v[3]) ? sl__intval(v[3]) : 0;
  if (!rc && k != K_TRANSLATE) {
    sl_strbuf_putc(out, '\'');
    rc = sl_str(rt, v[0], out);
    sl_strbuf_puts(out, k == K_DECODE ? "' codec can't decode " : "' codec can't encode ");
  } else if (!rc) {
    sl_strbuf_puts(out, "can't translate ");
  }
  const unsigned char *d = NULL;
  size_t len = 0;
  if (k == K_DECODE) sl_buffer_read(v[1], &d, &len);
  int64_t size = k == K_DECODE     ? (int64_t)len
                 : sl_is_str(v[1]) ? (int64_t)sl_as_str(v[1].u.o)->cplen
                                   : 0;
  if (!rc && start >= 0 && start < size && end == start + 1) {
    if (k == K_DECODE) {
      sl_strbuf_printf(out, "byte 0x%02x in position %lld: ", d[start], (long long)start);
    } else {
      uint32_t c = cp_at(v[1].u.o, start);
      sl_strbuf_printf(out,
                       c <= 0xff     ? "character '\\x%02x'"
                       : c <= 0xffff ? "character '\\u%04x'"
                                     : "character '\\U%08x'",
                       (unsigned)c);
      sl_strbuf_printf(out, " in position %lld: ", (long long)start);
    }
  } else if (!rc) {
    sl_strbuf_printf(out, "%s in position %lld-%lld: ", k == K_DECODE ? "bytes" : "characters",
                     (long long)start, (long long)(end - 1));
  }
  if (!rc) rc = sl_str(rt, v[4], out);
  for (size_t i = 0; i < 5; i++) sl_vdecref(rt, v[i]);
  return rc ? -1 : 1;
}

int sl__exc_struct_str(sl_rt *rt, sl_obj *exc, sl_strbuf *out) {
  kind k = kind_of(exc);
  if (k == K_NONE) return 0;
  return k == K_SYNTAX ? syntax_str(rt, sl_as_exc(exc), out)
                       : unicode_str(rt, sl_as_exc(exc), k, out);
}

int sl_raise_unicode_decode(sl_rt *rt, const char *encoding, const unsigned char *data, size_t len,
                            size_t start, size_t end, const char *reason) {
  sl_value a[5] = {sl_none(), sl_none(), sl_int((int64_t)start), sl_int((int64_t)end), sl_none()};
  sl_obj *enc = sl_str_from_cstr(rt, encoding), *obj = enc ? sl_bytes_new(rt, data, len) : NULL;
  sl_obj *why = obj ? sl_str_from_cstr(rt, reason) : NULL;
  sl_obj *exc = NULL;
  if (why) {
    a[0] = sl_obj_val(enc), a[1] = sl_obj_val(obj), a[4] = sl_obj_val(why);
    exc = sl_exc_new(rt, rt->classes[SL_EXC_UNICODE_DECODE_ERROR], a, 5);
  }
  sl_decref(rt, enc);
  sl_decref(rt, obj);
  sl_decref(rt, why);
  if (!exc) return -1;
  sl_raise_obj(rt, exc);
  sl_decref(rt, exc);
  return -1;
}
