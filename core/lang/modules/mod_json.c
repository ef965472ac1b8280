/* The `json` module: dumps and loads. Mirrors Lib/json/encoder.py and
 * Modules/_json.c's scanner: CPython's text byte for byte (separators,
 * indent as spaces or a string, sort_keys, ensure_ascii escapes with
 * surrogate pairs, NaN/Infinity, key conversion, default=, circular
 * reference detection) and its JSONDecodeError messages with line,
 * column and char (3.13's "Illegal trailing comma" included). dump and
 * load (files) are not provided: the simulated process has no files. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/long.h"
#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- dumps ------------------------------------------------------------------------ */

typedef struct enc {
  sl_strbuf *out;
  const char *indent; /* NULL: one line */
  const char *item_sep, *key_sep;
  bool sort_keys, ensure_ascii, allow_nan, skipkeys;
  sl_value dflt;      /* None or the default= function */
  sl_obj *stack[128]; /* containers being encoded (circular check) */
  int depth;
} enc;

static void put_string(enc *e, const char *s, size_t n) {
  sl_strbuf *o = e->out;
  sl_strbuf_putc(o, '"');
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    unsigned c = *p;
    if (c == '"')
      sl_strbuf_puts(o, "\\\"");
    else if (c == '\\')
      sl_strbuf_puts(o, "\\\\");
    else if (c == '\n')
      sl_strbuf_puts(o, "\\n");
    else if (c == '\r')
      sl_strbuf_puts(o, "\\r");
    else if (c == '\t')
      sl_strbuf_puts(o, "\\t");
    else if (c == '\b')
      sl_strbuf_puts(o, "\\b");
    else if (c == '\f')
      sl_strbuf_puts(o, "\\f");
    else if (c < 0x20 || (c == 0x7f && e->ensure_ascii))
      sl_strbuf_printf(o, "\\u%04x", c);
    else if (c < 0x80 || !e->ensure_ascii) {
      sl_strbuf_putc(o, (char)c);
      p++;
      continue;
    } else {
      /* decode one UTF-8 sequence */
      unsigned cp;
      int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0f : 0x1f);
      for (int i = 1; i < len && p + i < end; i++) cp = (cp << 6) | (p[i] & 0x3f);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        sl_strbuf_printf(o, "\\u%04x\\u%04x", 0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
      } else {
        sl_strbuf_printf(o, "\\u%04x", cp);
      }
      p += len;
      continue;
    }
    p++;
  }
  sl_strbuf_putc(o, '"');
}

static int put_float(sl_rt *rt, enc *e, double f) {
  if (isfinite(f)) return sl_repr(rt, sl_float(f), e->out);
  if (!e->allow_nan) {
    sl_strbuf b = SL_STRBUF_INIT;
    sl_repr(rt, sl_float(f), &b);
    int rc = sl_raise(
        rt, SL_EXC_VALUE_ERROR, "Out of range float values are not JSON compliant%s%s",
        rt->profile->minor >= 12 ? ": " : "", rt->profile->minor >= 12 ? sl_strbuf_cstr(&b) : "");
    sl_strbuf_free(&b);
    return rc;
  }
  sl_strbuf_puts(e->out, isnan(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
  return 0;
}

static void newline(enc *e) {
  if (!e->indent) return;
  sl_strbuf_putc(e->out, '\n');
  for (int i = 0; i < e->depth; i++) sl_strbuf_puts(e->out, e->indent);
}

static int encode(sl_rt *rt, enc *e, sl_value v);

static int enter(sl_rt *rt, enc *e, sl_obj *o) {
  for (int i = 0; i < e->depth; i++)
    if (e->stack[i] == o) return sl_raise(rt, SL_EXC_VALUE_ERROR, "Circular reference detected");
  if (e->depth >= (int)(sizeof e->stack / sizeof *e->stack))
    return sl_raise(rt, SL_EXC_RECURSION_ERROR,
                    "maximum recursion depth exceeded while encoding a JSON object");
  e->stack[e->depth++] = o;
  return 0;
}

static int encode_seq(sl_rt *rt, enc *e, sl_obj *holder, const sl_value *items, size_t n) {
  if (!n) {
    sl_strbuf_puts(e->out, "[]");
    return 0;
  }
  if (enter(rt, e, holder)) return -1;
  sl_strbuf_putc(e->out, '[');
  newline(e);
  for (size_t i = 0; i < n; i++) {
    if (i) {
      sl_strbuf_puts(e->out, e->item_sep);
      newline(e);
    }
    if (encode(rt, e, items[i])) return -1;
  }
  e->depth--;
  newline(e);
  sl_strbuf_putc(e->out, ']');
  return 0;
}

/* A dict key as JSON text: str as is; int, float, bool, None converted;
 * 0 skip (skipkeys), 1 written, -1 error. */
static int put_key(sl_rt *rt, enc *e, sl_value k) {
  if (sl_is_str(k)) {
    put_string(e, sl_str_cstr(k.u.o), sl_as_str(k.u.o)->len);
    return 1;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = 0;
  k = sl_num_unbox(k); /* int and float subclasses: int.__repr__, float.__repr__ */
  if (k.tag == SL_V_BOOL)
    sl_strbuf_puts(&b, k.u.b ? "true" : "false");
  else if (k.tag == SL_V_NONE)
    sl_strbuf_puts(&b, "null");
  else if (k.tag == SL_V_FLOAT) {
    enc tmp = *e;
    tmp.out = &b;
    rc = put_float(rt, &tmp, k.u.f);
  } else if (k.tag == SL_V_INT || sl_is_long(k))
    rc = sl_long_decimal(rt, k, &b);
  else if (e->skipkeys) {
    sl_strbuf_free(&b);
    return 0;
  } else {
    sl_strbuf_free(&b);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "keys must be str, int, float, bool or None, not %s",
                    sl_type_name(k));
  }
  if (!rc) put_string(e, sl_strbuf_cstr(&b), b.len);
  sl_strbuf_free(&b);
  return rc ? -1 : 1;
}

static int encode_dict(sl_rt *rt, enc *e, sl_obj *d) {
  if (!sl_dict_len(d)) {
    sl_strbuf_puts(e->out, "{}");
    return 0;
  }
  if (enter(rt, e, d)) return -1;
  /* items = sorted(dct.items()) when sort_keys (the keys compared as they are) */
  sl_value items_m, items, list;
  if (sl_lang_getattr(rt, sl_obj_val(d), "items", &items_m)) return -1;
  int rc = sl_vm_call_pos(rt, items_m, NULL, 0, &items);
  sl_vdecref(rt, items_m);
  if (rc) return -1;
  sl_obj *l;
  rc = sl_list_from_iterable(rt, items, &l);
  sl_vdecref(rt, items);
  if (rc) return -1;
  list = sl_obj_val(l);
  if (e->sort_keys) {
    sl_value sort;
    if (sl_lang_getattr(rt, list, "sort", &sort)) {
      sl_decref(rt, l);
      return -1;
    }
    sl_value r;
    rc = sl_vm_call_pos(rt, sort, NULL, 0, &r);
    sl_vdecref(rt, sort);
    if (rc) {
      sl_decref(rt, l);
      if (sl_err_matches(rt, SL_EXC_TYPE_ERROR)) {
        /* 3.11's sorted() message is the comparison's own */
      }
      return -1;
    }
    sl_vdecref(rt, r);
  }
  sl_strbuf_putc(e->out, '{');
  newline(e);
  bool first = true;
  for (size_t i = 0; i < sl_as_list(l)->len && !rc; i++) {
    sl_tuple *kv = sl_as_tuple(sl_as_list(l)->items[i].u.o);
    size_t mark = e->out->len;
    if (!first) {
      sl_strbuf_puts(e->out, e->item_sep);
      newline(e);
    }
    int w = put_key(rt, e, kv->items[0]);
    if (w < 0)
      rc = -1;
    else if (w == 0) {
      e->out->len = mark; /* skipped key: undo the separator */
      e->out->data[mark] = 0;
    } else {
      first = false;
      sl_strbuf_puts(e->out, e->key_sep);
      rc = encode(rt, e, kv->items[1]);
    }
  }
  sl_decref(rt, l);
  if (rc) return -1;
  e->depth--;
  newline(e);
  sl_strbuf_putc(e->out, '}');
  return 0;
}

static int encode(sl_rt *rt, enc *e, sl_value v) {
  v = sl_num_unbox(v); /* int and float subclasses: int.__repr__, float.__repr__ */
  switch (v.tag) {
  case SL_V_NONE: sl_strbuf_puts(e->out, "null"); return 0;
  case SL_V_BOOL: sl_strbuf_puts(e->out, v.u.b ? "true" : "false"); return 0;
  case SL_V_INT: return sl_repr(rt, v, e->out);
  case SL_V_FLOAT: return put_float(rt, e, v.u.f);
  default: break;
  }
  if (sl_is_long(v)) return sl_long_decimal(rt, v, e->out);
  sl_value mixed; /* an IntEnum/StrEnum/IntFlag member: json's int/str (borrowed) */
  if (sl__enum_mixed_value(rt, v, &mixed)) return encode(rt, e, mixed);
  if (sl_is_str(v)) {
    put_string(e, sl_str_cstr(v.u.o), sl_as_str(v.u.o)->len);
    return 0;
  }
  if (sl_is_type(v, &sl_list_type))
    return encode_seq(rt, e, v.u.o, sl_as_list(v.u.o)->items, sl_as_list(v.u.o)->len);
  if (sl_is_type(v, &sl_tuple_type))
    return encode_seq(rt, e, v.u.o, sl_as_tuple(v.u.o)->items, sl_as_tuple(v.u.o)->len);
  sl_obj *nt = sl__namedtuple_items(v);
  if (nt) return encode_seq(rt, e, v.u.o, sl_as_tuple(nt)->items, sl_as_tuple(nt)->len);
  if (sl_is_type(v, &sl_dict_type)) return encode_dict(rt, e, v.u.o);
  if (sl_is_none(e->dflt))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Object of type %s is not JSON serializable",
                    sl_type_name(v));
  if (sl_is_obj(v) && enter(rt, e, v.u.o)) return -1;
  sl_value r;
  int rc = sl_vm_call_pos(rt, e->dflt, &v, 1, &r);
  if (!rc) {
    rc = encode(rt, e, r);
    sl_vdecref(rt, r);
  }
  if (sl_is_obj(v) && !rc) e->depth--;
  return rc;
}

/* A separator or indent argument as C text (kept alive by the caller's args). */
static const char *text_of(sl_value v) { return sl_is_str(v) ? sl_str_cstr(v.u.o) : NULL; }

static int f_dumps(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"obj",       "skipkeys", "ensure_ascii", "check_circular",
                                      "allow_nan", "cls",      "indent",       "separators",
                                      "default",   "sort_keys"};
  sl_value a[10];
  if (sl_args_bind(rt, args, "dumps", names, 10, 1, 1, a)) return -1;
  enc e = {0};
  sl_strbuf b = SL_STRBUF_INIT;
  e.out = &b;
  e.ensure_ascii = e.allow_nan = true;
  e.dflt = sl_is_undef(a[8]) ? sl_none() : a[8];
  if ((!sl_is_undef(a[1]) && sl_truth(rt, a[1], &e.skipkeys)) ||
      (!sl_is_undef(a[2]) && sl_truth(rt, a[2], &e.ensure_ascii)) ||
      (!sl_is_undef(a[4]) && sl_truth(rt, a[4], &e.allow_nan)) ||
      (!sl_is_undef(a[9]) && sl_truth(rt, a[9], &e.sort_keys)))
    return -1;
  if (!sl_is_undef(a[5]) && !sl_is_none(a[5]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: json.dumps(cls=) is not supported");
  char spaces[64];
  sl_value ind = sl_is_undef(a[6]) ? sl_none() : a[6];
  if (ind.tag == SL_V_INT || ind.tag == SL_V_BOOL) {
    int64_t n = ind.tag == SL_V_BOOL ? ind.u.b : ind.u.i;
    if (n < 0) n = 0;
    if (n > 63) n = 63;
    memset(spaces, ' ', (size_t)n);
    spaces[n] = 0;
    e.indent = spaces;
  } else if (sl_is_str(ind)) {
    e.indent = text_of(ind);
  } else if (!sl_is_none(ind)) {
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: json.dumps(indent=) takes an int or a str");
  }
  e.item_sep = e.indent ? "," : ", ";
  e.key_sep = ": ";
  if (!sl_is_undef(a[7]) && !sl_is_none(a[7])) {
    const sl_value *items;
    size_t n;
    sl_obj *owned = NULL;
    if (sl_seq_items(rt, a[7], &items, &n, &owned)) return -1;
    bool ok = n == 2 && sl_is_str(items[0]) && sl_is_str(items[1]);
    if (ok) {
      e.item_sep = text_of(items[0]);
      e.key_sep = text_of(items[1]);
    }
    sl_decref(rt, owned); /* a list's str items stay alive through a[7] */
    if (!ok) return sl_raise(rt, SL_EXC_VALUE_ERROR, "too many values to unpack (expected 2)");
  }
  int rc = encode(rt, &e, a[0]);
  sl_obj *s = rc ? NULL : sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  if (!s) return -1;
  return *out = sl_obj_val(s), 0;
}

/* ---- loads ------------------------------------------------------------------------- */

typedef struct dec {
  const char *s;
  size_t len, pos;
  sl_obj *err_cls; /* borrowed JSONDecodeError */
} dec;

/* JSONDecodeError(msg, doc, pos): "msg: line L column C (char P)", in code points. */
static int dec_error(sl_rt *rt, dec *d, const char *msg, size_t at) {
  size_t cp = 0, line = 1, col_start = 0;
  for (size_t i = 0; i < at && i < d->len; i++) {
    if (((unsigned char)d->s[i] & 0xc0) == 0x80) continue;
    if (d->s[i] == '\n') line++, col_start = cp + 1;
    cp++;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "%s: line %zu column %zu (char %zu)", msg, line, cp - col_start + 1, cp);
  sl_obj *m = sl_str_take_buf(rt, &b);
  if (!m) return -1;
  sl_value mv = sl_obj_val(m);
  sl_obj *e = sl_exc_new(rt, d->err_cls, &mv, 1);
  sl_decref(rt, m);
  return e ? sl_err_restore(rt, e) : -1;
}

static void ws(dec *d) {
  while (d->pos < d->len && strchr(" \t\n\r", d->s[d->pos]) && d->s[d->pos]) d->pos++;
}

static int parse_value(sl_rt *rt, dec *d, sl_value *out, int depth);

static void put_utf8(sl_strbuf *b, unsigned cp) {
  if (cp < 0x80)
    sl_strbuf_putc(b, (char)cp);
  else if (cp < 0x800)
    sl_strbuf_printf(b, "%c%c", 0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000)
    sl_strbuf_printf(b, "%c%c%c", 0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else
    sl_strbuf_printf(b, "%c%c%c%c", 0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f),
                     0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

static int hex4(dec *d, size_t at, unsigned *out) {
  if (at + 4 > d->len) return -1;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = d->s[at + i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (unsigned)(c - 'A' + 10);
    else
      return -1;
  }
  return *out = v, 0;
}

/* A string starting at the quote d->pos. */
static int parse_string(sl_rt *rt, dec *d, sl_value *out) {
  size_t begin = d->pos++;
  sl_strbuf b = SL_STRBUF_INIT;
  for (;;) {
    if (d->pos >= d->len) {
      sl_strbuf_free(&b);
      return dec_error(rt, d, "Unterminated string starting at", begin);
    }
    unsigned char c = (unsigned char)d->s[d->pos];
    if (c == '"') break;
    if (c < 0x20) {
      sl_strbuf_free(&b);
      return dec_error(rt, d, "Invalid control character at", d->pos);
    }
    if (c != '\\') {
      sl_strbuf_putc(&b, (char)c);
      d->pos++;
      continue;
    }
    if (d->pos + 1 >= d->len) {
      sl_strbuf_free(&b);
      return dec_error(rt, d, "Unterminated string starting at", begin);
    }
    char esc = d->s[d->pos + 1];
    const char *simple = strchr("\"\\/bfnrt", esc);
    if (esc && simple) {
      static const char repl[] = "\"\\/\b\f\n\r\t";
      sl_strbuf_putc(&b, repl[simple - "\"\\/bfnrt"]);
      d->pos += 2;
      continue;
    }
    if (esc != 'u') {
      sl_strbuf_free(&b);
      return dec_error(rt, d, "Invalid \\escape", d->pos);
    }
    unsigned cp;
    if (hex4(d, d->pos + 2, &cp)) {
      sl_strbuf_free(&b);
      return dec_error(rt, d, "Invalid \\uXXXX escape", d->pos + 1);
    }
    d->pos += 6;
    unsigned lo;
    if (cp >= 0xd800 && cp <= 0xdbff && d->pos + 1 < d->len && d->s[d->pos] == '\\' &&
        d->s[d->pos + 1] == 'u' && !hex4(d, d->pos + 2, &lo) && lo >= 0xdc00 && lo <= 0xdfff) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
      d->pos += 6;
    }
    put_utf8(&b, cp);
  }
  d->pos++;
  sl_obj *s = sl_str_take_buf(rt, &b);
  return s ? (*out = sl_obj_val(s), 0) : -1;
}

static int parse_number(sl_rt *rt, dec *d, sl_value *out) {
  size_t start = d->pos, i = d->pos;
  if (i < d->len && d->s[i] == '-') i++;
  if (i >= d->len || !(d->s[i] >= '0' && d->s[i] <= '9'))
    return dec_error(rt, d, "Expecting value", start);
  if (d->s[i] == '0')
    i++;
  else
    while (i < d->len && d->s[i] >= '0' && d->s[i] <= '9') i++;
  bool is_float = false;
  if (i + 1 < d->len && d->s[i] == '.' && d->s[i + 1] >= '0' && d->s[i + 1] <= '9') {
    is_float = true;
    i++;
    while (i < d->len && d->s[i] >= '0' && d->s[i] <= '9') i++;
  }
  if (i < d->len && (d->s[i] == 'e' || d->s[i] == 'E')) {
    size_t j = i + 1;
    if (j < d->len && (d->s[j] == '+' || d->s[j] == '-')) j++;
    if (j < d->len && d->s[j] >= '0' && d->s[j] <= '9') {
      while (j < d->len && d->s[j] >= '0' && d->s[j] <= '9') j++;
      i = j;
      is_float = true;
    }
  }
  d->pos = i;
  sl_obj *text = sl_str_new(rt, d->s + start, i - start);
  if (!text) return -1;
  /* float(text) / int(text) through the builtins: correctly rounded, any size */
  sl_value ctor;
  bool found = false;
  int rc = sl_dict_get_str(rt, sl_builtins_dict(rt), is_float ? "float" : "int", &ctor, &found);
  sl_value tv = sl_obj_val(text);
  if (!rc && found) {
    rc = sl_vm_call_pos(rt, ctor, &tv, 1, out);
    sl_vdecref(rt, ctor);
  }
  sl_decref(rt, text);
  return rc;
}

static bool word(dec *d, const char *w) {
  size_t n = strlen(w);
  if (d->pos + n > d->len || memcmp(d->s + d->pos, w, n)) return false;
  d->pos += n;
  return true;
}

static int parse_container(sl_rt *rt, dec *d, bool obj, sl_value *out, int depth) {
  sl_obj *c = obj ? sl_dict_new(rt) : sl_list_new(rt, NULL, 0);
  if (!c) return -1;
  d->pos++;
  ws(d);
  char close = obj ? '}' : ']';
  if (d->pos < d->len && d->s[d->pos] == close) {
    d->pos++;
    return *out = sl_obj_val(c), 0;
  }
  for (;;) {
    sl_value key = sl_undef(), v;
    if (obj) {
      if (d->pos >= d->len || d->s[d->pos] != '"') {
        sl_decref(rt, c);
        return dec_error(rt, d, "Expecting property name enclosed in double quotes", d->pos);
      }
      if (parse_string(rt, d, &key)) goto fail;
      ws(d);
      if (d->pos >= d->len || d->s[d->pos] != ':') {
        sl_vdecref(rt, key);
        sl_decref(rt, c);
        return dec_error(rt, d, "Expecting ':' delimiter", d->pos);
      }
      d->pos++;
      ws(d);
    }
    if (parse_value(rt, d, &v, depth + 1)) {
      sl_vdecref(rt, key);
      goto fail;
    }
    int rc = obj ? sl_dict_set(rt, c, key, v) : sl_list_append(rt, c, v);
    sl_vdecref(rt, key);
    sl_vdecref(rt, v);
    if (rc) goto fail;
    ws(d);
    if (d->pos < d->len && d->s[d->pos] == close) {
      d->pos++;
      return *out = sl_obj_val(c), 0;
    }
    if (d->pos >= d->len || d->s[d->pos] != ',') {
      sl_decref(rt, c);
      return dec_error(rt, d, "Expecting ',' delimiter", d->pos);
    }
    size_t comma = d->pos++;
    ws(d);
    if (rt->profile->minor >= 13 && d->pos < d->len && d->s[d->pos] == close) {
      sl_decref(rt, c);
      return dec_error(rt, d,
                       obj ? "Illegal trailing comma before end of object"
                           : "Illegal trailing comma before end of array",
                       comma);
    }
  }
fail:
  sl_decref(rt, c);
  return -1;
}

static int parse_value(sl_rt *rt, dec *d, sl_value *out, int depth) {
  if (depth > 200)
    return sl_raise(rt, SL_EXC_RECURSION_ERROR,
                    "maximum recursion depth exceeded while decoding a JSON document");
  if (d->pos >= d->len) return dec_error(rt, d, "Expecting value", d->pos);
  char c = d->s[d->pos];
  if (c == '"') return parse_string(rt, d, out);
  if (c == '{' || c == '[') return parse_container(rt, d, c == '{', out, depth);
  if (word(d, "null")) return *out = sl_none(), 0;
  if (word(d, "true")) return *out = sl_bool(true), 0;
  if (word(d, "false")) return *out = sl_bool(false), 0;
  if (word(d, "NaN")) return *out = sl_float(NAN), 0;
  if (word(d, "Infinity")) return *out = sl_float(INFINITY), 0;
  if (word(d, "-Infinity")) return *out = sl_float(-INFINITY), 0;
  return parse_number(rt, d, out);
}

static int f_loads(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: json.loads() takes the document alone");
  sl_value s = args->pos[0];
  dec d = {0};
  d.err_cls = self.u.o;
  if (sl_is_str(s))
    d.s = sl_str_cstr(s.u.o), d.len = sl_as_str(s.u.o)->len;
  else if (sl_is_type(s, &sl_bytes_type))
    d.s = (const char *)sl_as_bytes(s.u.o)->data, d.len = sl_as_bytes(s.u.o)->len;
  else
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "the JSON object must be str, bytes or bytearray, not %s", sl_type_name(s));
  ws(&d);
  sl_value v;
  if (parse_value(rt, &d, &v, 0)) return -1;
  ws(&d);
  if (d.pos != d.len) {
    sl_vdecref(rt, v);
    return dec_error(rt, &d, "Extra data", d.pos);
  }
  return *out = v, 0;
}

/* dump(obj, fp, **kw): fp.write(dumps(obj, **kw)). There are no files in
 * the simulated process (open() is refused), so fp is an object of the
 * program's with a write method (or sys.stdout); CPython writes the text
 * in several chunks, simloop in one call. */
static int f_dump(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos < 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "dump() missing %zu required positional argument%s",
                    2 - args->npos, args->npos ? ": 'fp'" : "s: 'obj' and 'fp'");
  if (args->npos > 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "dump() takes 2 positional arguments but %zu were given",
                    args->npos);
  sl_value write;
  if (sl_vm_getattr(rt, args->pos[1], "write", &write)) return -1;
  sl_args da = {args->pos, 1, args->kwvals, args->kwnames, args->nkw};
  sl_value text;
  int rc = f_dumps(rt, self, &da, &text);
  if (!rc) {
    sl_value ignored;
    rc = sl_vm_call_pos(rt, write, &text, 1, &ignored);
    if (!rc) sl_vdecref(rt, ignored);
    sl_vdecref(rt, text);
  }
  sl_vdecref(rt, write);
  *out = sl_none();
  return rc;
}

/* load(fp): loads(fp.read()). */
static int f_load(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: json.load() takes the file object alone");
  sl_value read, text;
  if (sl_vm_getattr(rt, args->pos[0], "read", &read)) return -1;
  int rc = sl_vm_call_pos(rt, read, NULL, 0, &text);
  sl_vdecref(rt, read);
  if (rc) return -1;
  sl_args la = {&text, 1, NULL, NULL, 0};
  rc = f_loads(rt, self, &la, out);
  sl_vdecref(rt, text);
  return rc;
}

static const sl_cfunc_def dumps_def = {"dumps", f_dumps, NULL, 0};
static const sl_cfunc_def dump_def = {"dump", f_dump, NULL, 0};
static const sl_cfunc_def load_def = {"load", f_load, NULL, 0};
static const sl_cfunc_def loads_def = {"loads", f_loads, NULL, 0};

int sl_mod_json_init(sl_rt *rt, sl_obj *module_dict) {
  /* class JSONDecodeError(ValueError), module json.decoder */
  sl_obj *cls = sl_class_new(rt, "JSONDecodeError", "JSONDecodeError", "json.decoder",
                             rt->classes[SL_EXC_VALUE_ERROR], NULL);
  if (!cls) return -1;
  sl_as_class(cls)->attrs = sl_dict_new(rt);
  int rc = !sl_as_class(cls)->attrs || sl__class_flags_compute(rt, cls) ||
           sl_stdmod_add(rt, module_dict, "JSONDecodeError", sl_obj_val(cls)) ||
           sl_stdmod_add_func(rt, module_dict, &dumps_def) ||
           sl_stdmod_add_func(rt, module_dict, &dump_def);
  const sl_cfunc_def *bound[] = {&loads_def, &load_def}; /* raise JSONDecodeError */
  for (size_t i = 0; !rc && i < 2; i++) {
    sl_obj *f = sl_cfunc_new(rt, bound[i], sl_obj_val(cls));
    rc = !f || sl_stdmod_add(rt, module_dict, bound[i]->name, sl_obj_val(f));
    sl_decref(rt, f);
  }
  sl_decref(rt, cls);
  return rc ? -1 : 0;
}
