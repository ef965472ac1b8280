/* Methods of str that search and cut text, and bytes.decode and hex
 * (the other bytes methods: methods_bytes.c). Mirrors
 * Objects/unicodeobject.c and Objects/stringlib (split, strip, find,
 * replace, partition, ...), with CPython's messages. Text is UTF-8;
 * indexes seen by Python are code points. Case mapping, character
 * classes, padding, encode and format are in methods_str_case.c. */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/exc_struct.h"
#include "core/lang/methods_str-int.h"

#define CHECK(min, max, name)                                                                      \
  do {                                                                                             \
    if (sl__check_nargs(rt, a, name, min, max)) return -1;                                         \
  } while (0)

/* Code point index of byte offset `off`. */
static int64_t cp_index(sl_strobj *s, size_t off) {
  if (s->ascii) return (int64_t)off;
  int64_t n = 0;
  for (size_t i = 0; i < off; i++) n += ((unsigned char)s->data[i] & 0xC0) != 0x80;
  return n;
}

static int str_arg(sl_rt *rt, sl_value v, const char *what) {
  if (sl_is_str(v)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s, not %s", what, sl_type_name(v));
}

/* Resolves optional start/end (code points, slice rules) to byte offsets. */
static int range_args(sl_rt *rt, sl_value self, const sl_value *pos, size_t n, size_t *b0,
                      size_t *b1) {
  int64_t len = (int64_t)S(self)->cplen, start = 0, end = len;
  if (n > 0 && !sl_is_none(pos[0]) && !sl_as_index(pos[0], &start))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "slice indices must be integers or None or have an __index__ method");
  if (n > 1 && !sl_is_none(pos[1]) && !sl_as_index(pos[1], &end))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "slice indices must be integers or None or have an __index__ method");
  if (start < 0 && (start += len) < 0) start = 0;
  if (end < 0 && (end += len) < 0) end = 0;
  if (end > len) end = len;
  if (start > len) {
    /* An empty window past the end: marks "nothing found" for find. */
    *b0 = S(self)->len + 1;
    *b1 = S(self)->len;
    return 0;
  }
  *b0 = sl_str_cp_offset(self.u.o, start);
  *b1 = end < start ? *b0 : sl_str_cp_offset(self.u.o, end);
  return 0;
}

static const char *mem_find(const char *h, size_t hl, const char *n, size_t nl) {
  if (nl == 0) return h;
  if (nl > hl) return NULL;
  for (size_t i = 0; i + nl <= hl; i++)
    if (h[i] == n[0] && memcmp(h + i, n, nl) == 0) return h + i;
  return NULL;
}

static const char *mem_rfind(const char *h, size_t hl, const char *n, size_t nl) {
  if (nl > hl) return NULL;
  for (size_t i = hl - nl + 1; i-- > 0;)
    if (memcmp(h + i, n, nl) == 0) return h + i;
  return NULL;
}

static int new_str(sl_rt *rt, const char *s, size_t len, sl_value *out) {
  return sl__str_value(rt, s, len, out);
}

/* ---- searching -------------------------------------------------------------------- */

/* find, rfind, index, rindex, count share argument handling. */
static int search(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, const char *name,
                  bool reverse, bool raise, bool count) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (a->npos < 1 || a->npos > 3) {
    if (a->npos < 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes at least 1 argument (0 given)", name);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes at most 3 arguments (%zu given)", name,
                    a->npos);
  }
  if (!sl_is_str(a->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "must be str, not %s", sl_type_name(a->pos[0]));
  size_t b0, b1;
  if (range_args(rt, self, a->pos + 1, a->npos - 1, &b0, &b1)) return -1;
  sl_strobj *s = S(self), *sub = S(a->pos[0]);
  if (count) {
    int64_t n = 0;
    if (b0 > b1)
      n = 0;
    else if (sub->len == 0)
      n = cp_index(s, b1) - cp_index(s, b0) + 1;
    else
      for (size_t i = b0; i + sub->len <= b1;) {
        const char *p = mem_find(s->data + i, b1 - i, sub->data, sub->len);
        if (!p) break;
        n++;
        i = (size_t)(p - s->data) + sub->len;
      }
    *out = sl_int(n);
    return 0;
  }
  const char *p = NULL;
  if (b0 <= b1)
    p = reverse ? mem_rfind(s->data + b0, b1 - b0, sub->data, sub->len)
                : mem_find(s->data + b0, b1 - b0, sub->data, sub->len);
  if (!p) {
    if (raise) return sl_raise(rt, SL_EXC_VALUE_ERROR, "substring not found");
    *out = sl_int(-1);
    return 0;
  }
  *out = sl_int(cp_index(s, (size_t)(p - s->data)));
  return 0;
}

#define SEARCH(fn, name, rev, raise, count)                                                        \
  static int fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {                       \
    return search(rt, self, a, out, name, rev, raise, count);                                      \
  }
SEARCH(str_find, "find", false, false, false)
SEARCH(str_rfind, "rfind", true, false, false)
SEARCH(str_index, "index", false, true, false)
SEARCH(str_rindex, "rindex", true, true, false)
SEARCH(str_count, "count", false, false, true)

static int affix(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, bool end) {
  const char *name = end ? "endswith" : "startswith";
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (a->npos < 1 || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes at %s %d argument%s (%zu given)", name,
                    a->npos < 1 ? "least" : "most", a->npos < 1 ? 1 : 3, a->npos < 1 ? "" : "s",
                    a->npos);
  size_t b0, b1;
  if (range_args(rt, self, a->pos + 1, a->npos - 1, &b0, &b1)) return -1;
  sl_value what = a->pos[0];
  const sl_value *cands = &what;
  size_t n = 1;
  if (sl__is_tuple(what))
    cands = sl_as_tuple(what.u.o)->items, n = sl_as_tuple(what.u.o)->len;
  else if (!sl_is_str(what))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s first arg must be str or a tuple of str, not %s",
                    name, sl_type_name(what));
  *out = sl_bool(false);
  for (size_t i = 0; i < n; i++) {
    if (!sl_is_str(cands[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "tuple for %s must only contain str, not %s", name,
                      sl_type_name(cands[i]));
    sl_strobj *p = S(cands[i]);
    if (b0 > b1 || p->len > b1 - b0) continue;
    const char *at = end ? S(self)->data + b1 - p->len : S(self)->data + b0;
    if (memcmp(at, p->data, p->len) == 0) {
      *out = sl_bool(true);
      return 0;
    }
  }
  return 0;
}
static int str_startswith(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return affix(rt, self, a, out, false);
}
static int str_endswith(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return affix(rt, self, a, out, true);
}

/* ---- split / join ------------------------------------------------------------------- */

static int push(sl_rt *rt, sl_obj *list, const char *s, size_t len) {
  sl_obj *o = sl_str_new(rt, s, len);
  if (!o) return -1;
  int rc = sl_list_append(rt, list, sl_obj_val(o));
  sl_decref(rt, o);
  return rc;
}

static int split_args(sl_rt *rt, const sl_args *a, const char *name, sl_value *sep,
                      int64_t *maxsplit) {
  static const char *const names[] = {"sep", "maxsplit"};
  sl_value v[2];
  if (sl_args_bind(rt, a, name, names, 2, 0, 2, v)) return -1;
  *sep = sl_is_undef(v[0]) ? sl_none() : v[0];
  *maxsplit = -1;
  if (!sl_is_none(*sep) && !sl_is_str(*sep))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "must be str or None, not %s", sl_type_name(*sep));
  if (!sl_is_undef(v[1]) && !sl_as_index(v[1], maxsplit))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v[1]));
  if (sl_is_str(*sep) && S(*sep)->len == 0)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "empty separator");
  if (*maxsplit < 0) *maxsplit = INT64_MAX;
  return 0;
}

/* The byte length of the character at i (a lead byte and its continuation
 * bytes), so scans step over whole characters. */
static size_t char_len_at(const char *s, size_t len, size_t i) {
  size_t n = 1;
  while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80) n++;
  return n;
}

/* The start of the character that ends at i (exclusive). */
static size_t char_start_before(const char *s, size_t i) {
  size_t j = i - 1;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
  return j;
}

static size_t space_at(const char *s, size_t len, size_t i) {
  size_t n;
  uint32_t c = decode(s, len, i, &n);
  return is_space(c) ? n : 0;
}

/* Byte length of the whitespace character ending at i (exclusive), or 0. */
static size_t space_before(const char *s, size_t i) {
  size_t j = char_start_before(s, i);
  size_t n;
  uint32_t c = decode(s, i, j, &n);
  return is_space(c) ? i - j : 0;
}

static int do_split(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, bool rev) {
  sl_value sep;
  int64_t maxsplit;
  if (split_args(rt, a, rev ? "rsplit" : "split", &sep, &maxsplit)) return -1;
  sl_strobj *s = S(self);
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  const char *d = s->data;
  size_t len = s->len;
  int rc = 0;
  if (sl_is_none(sep)) {
    if (!rev) {
      size_t i = 0;
      for (int64_t n = 0; !rc;) {
        size_t w;
        while (i < len && (w = space_at(d, len, i))) i += w;
        if (i >= len) break;
        if (n++ >= maxsplit) {
          rc = push(rt, l, d + i, len - i); /* the rest, as it is */
          break;
        }
        size_t j = i;
        while (j < len && !space_at(d, len, j)) j += char_len_at(d, len, j);
        rc = push(rt, l, d + i, j - i);
        i = j;
      }
    } else {
      size_t e = len;
      for (int64_t n = 0; !rc;) {
        size_t w;
        while (e > 0 && (w = space_before(d, e))) e -= w;
        if (e == 0) break;
        if (n++ >= maxsplit) {
          rc = push(rt, l, d, e);
          break;
        }
        size_t j = e;
        while (j > 0 && !space_before(d, j)) j = char_start_before(d, j);
        rc = push(rt, l, d + j, e - j);
        e = j;
      }
    }
  } else {
    sl_strobj *p = S(sep);
    if (!rev) {
      size_t i = 0;
      for (int64_t n = 0; !rc; n++) {
        const char *f = n < maxsplit ? mem_find(d + i, len - i, p->data, p->len) : NULL;
        if (!f) {
          rc = push(rt, l, d + i, len - i);
          break;
        }
        rc = push(rt, l, d + i, (size_t)(f - d) - i);
        i = (size_t)(f - d) + p->len;
      }
    } else {
      size_t e = len;
      for (int64_t n = 0; !rc; n++) {
        const char *f = n < maxsplit ? mem_rfind(d, e, p->data, p->len) : NULL;
        if (!f) {
          rc = push(rt, l, d, e);
          break;
        }
        size_t at = (size_t)(f - d);
        rc = push(rt, l, d + at + p->len, e - at - p->len);
        e = at;
      }
    }
  }
  if (!rc && rev) {
    sl_list *x = sl_as_list(l);
    for (size_t i = 0, j = x->len; i + 1 < j; i++, j--) {
      sl_value t = x->items[i];
      x->items[i] = x->items[j - 1];
      x->items[j - 1] = t;
    }
  }
  if (rc) {
    sl_decref(rt, l);
    return -1;
  }
  *out = sl_obj_val(l);
  return 0;
}
static int str_split(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_split(rt, self, a, out, false);
}
static int str_rsplit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_split(rt, self, a, out, true);
}

static int str_splitlines(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"keepends"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "splitlines", names, 1, 0, 1, v)) return -1;
  bool keep = false;
  if (!sl_is_undef(v[0]) && sl_truth(rt, v[0], &keep)) return -1;
  sl_strobj *s = S(self);
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  size_t i = 0, start = 0;
  int rc = 0;
  while (i < s->len && !rc) {
    size_t n;
    uint32_t c = decode(s->data, s->len, i, &n);
    bool brk = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) ||
               c == 0x85 || c == 0x2028 || c == 0x2029;
    if (!brk) {
      i += n;
      continue;
    }
    size_t eol = i;
    i += n;
    if (c == '\r' && i < s->len && s->data[i] == '\n') i++;
    rc = push(rt, l, s->data + start, (keep ? i : eol) - start);
    start = i;
  }
  if (!rc && start < s->len) rc = push(rt, l, s->data + start, s->len - start);
  if (rc) {
    sl_decref(rt, l);
    return -1;
  }
  *out = sl_obj_val(l);
  return 0;
}

static int str_join(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "str.join");
  const sl_value *items;
  size_t n;
  sl_obj *owned;
  if (sl_seq_items(rt, a->pos[0], &items, &n, &owned)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (!sl_is_str(items[i])) {
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "sequence item %zu: expected str instance, %s found", i,
                    sl_type_name(items[i]));
      break;
    }
    if (i) sl_strbuf_append(&b, S(self)->data, S(self)->len);
    sl_strbuf_append(&b, S(items[i])->data, S(items[i])->len);
  }
  sl_decref(rt, owned);
  if (rc) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

static int partition(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, bool rev) {
  CHECK(1, 1, rev ? "str.rpartition" : "str.partition");
  if (str_arg(rt, a->pos[0], "must be str")) return -1;
  sl_strobj *s = S(self), *p = S(a->pos[0]);
  if (!p->len) return sl_raise(rt, SL_EXC_VALUE_ERROR, "empty separator");
  const char *f = rev ? mem_rfind(s->data, s->len, p->data, p->len)
                      : mem_find(s->data, s->len, p->data, p->len);
  sl_obj *parts[3] = {NULL, NULL, NULL};
  if (!f) {
    sl_obj *empty = sl_str_new(rt, "", 0);
    parts[0] = rev ? empty : self.u.o;
    parts[2] = rev ? self.u.o : empty;
    parts[1] = empty;
    sl_incref(self.u.o);
    if (empty) sl_incref(empty);
    if (!empty) {
      sl_decref(rt, self.u.o);
      return -1;
    }
  } else {
    size_t at = (size_t)(f - s->data);
    parts[0] = sl_str_new(rt, s->data, at);
    parts[1] = sl_str_new(rt, p->data, p->len);
    parts[2] = sl_str_new(rt, s->data + at + p->len, s->len - at - p->len);
  }
  sl_obj *t = NULL;
  if (parts[0] && parts[1] && parts[2]) {
    sl_value v[3] = {sl_obj_val(parts[0]), sl_obj_val(parts[1]), sl_obj_val(parts[2])};
    t = sl_tuple_new(rt, v, 3);
  }
  for (int i = 0; i < 3; i++) sl_decref(rt, parts[i]);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}
static int str_partition(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return partition(rt, self, a, out, false);
}
static int str_rpartition(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return partition(rt, self, a, out, true);
}

/* ---- strip / replace ------------------------------------------------------------------ */

static bool in_chars(uint32_t c, sl_value chars) {
  if (sl_is_none(chars)) return is_space(c);
  sl_strobj *cs = S(chars);
  for (size_t i = 0; i < cs->len;) {
    size_t n;
    if (decode(cs->data, cs->len, i, &n) == c) return true;
    i += n;
  }
  return false;
}

static int strip(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int which,
                 const char *name) {
  CHECK(0, 1, name);
  sl_value chars = a->npos ? a->pos[0] : sl_none();
  if (!sl_is_none(chars) && !sl_is_str(chars))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s arg must be None or str", strchr(name, '.') + 1);
  sl_strobj *s = S(self);
  size_t i = 0, e = s->len, n;
  if (which & 1)
    while (i < e && in_chars(decode(s->data, s->len, i, &n), chars)) i += n;
  if (which & 2)
    while (e > i) {
      size_t j = e - 1;
      while (j > i && ((unsigned char)s->data[j] & 0xC0) == 0x80) j--;
      if (!in_chars(decode(s->data, s->len, j, &n), chars)) break;
      e = j;
    }
  if (i == 0 && e == s->len) {
    *out = sl_vincref(self);
    return 0;
  }
  return new_str(rt, s->data + i, e - i, out);
}
static int str_strip(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return strip(rt, self, a, out, 3, "str.strip");
}
static int str_lstrip(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return strip(rt, self, a, out, 1, "str.lstrip");
}
static int str_rstrip(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return strip(rt, self, a, out, 2, "str.rstrip");
}

static int str_replace(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"old", "new", "count"};
  sl_value v[3];
  if (a->npos < 2 && !a->nkw)
    return rt->profile->str_replace_clinic_message
               ? sl_raise(rt, SL_EXC_TYPE_ERROR,
                          "replace() takes at least 2 positional arguments (%zu given)", a->npos)
               : sl_raise(rt, SL_EXC_TYPE_ERROR, "replace expected at least 2 arguments, got %zu",
                          a->npos);
  if (sl_args_bind(rt, a, "replace", names, 3, 2, 3, v)) return -1;
  if (str_arg(rt, v[0], "replace() argument 1 must be str") ||
      str_arg(rt, v[1], "replace() argument 2 must be str"))
    return -1;
  int64_t count = -1;
  if (!sl_is_undef(v[2]) && !sl_as_index(v[2], &count))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v[2]));
  if (count < 0) count = INT64_MAX;
  sl_strobj *s = S(self), *o = S(v[0]), *n = S(v[1]);
  sl_strbuf b = SL_STRBUF_INIT;
  size_t i = 0;
  if (o->len == 0) {
    /* Insert `new` before every code point and at the end. */
    int64_t k = 0;
    while (k < count) {
      sl_strbuf_append(&b, n->data, n->len);
      k++;
      if (i >= s->len) break;
      size_t w;
      decode(s->data, s->len, i, &w);
      sl_strbuf_append(&b, s->data + i, w);
      i += w;
    }
    sl_strbuf_append(&b, s->data + i, s->len - i);
    return sl__str_result(rt, &b, out);
  }
  for (int64_t k = 0; k < count; k++) {
    const char *f = mem_find(s->data + i, s->len - i, o->data, o->len);
    if (!f) break;
    sl_strbuf_append(&b, s->data + i, (size_t)(f - s->data) - i);
    sl_strbuf_append(&b, n->data, n->len);
    i = (size_t)(f - s->data) + o->len;
  }
  sl_strbuf_append(&b, s->data + i, s->len - i);
  return sl__str_result(rt, &b, out);
}

static int fix(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, bool suffix) {
  CHECK(1, 1, suffix ? "str.removesuffix" : "str.removeprefix");
  if (str_arg(rt, a->pos[0],
              suffix ? "removesuffix() argument must be str"
                     : "removeprefix() argument must be str"))
    return -1;
  sl_strobj *s = S(self), *p = S(a->pos[0]);
  if (p->len <= s->len &&
      memcmp(suffix ? s->data + s->len - p->len : s->data, p->data, p->len) == 0)
    return new_str(rt, suffix ? s->data : s->data + p->len, s->len - p->len, out);
  *out = sl_vincref(self);
  return 0;
}
static int str_removeprefix(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return fix(rt, self, a, out, false);
}
static int str_removesuffix(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return fix(rt, self, a, out, true);
}

static const sl_cfunc_def str_methods[] = {{"str.join", str_join, NULL, 0},
                                           {"str.split", str_split, NULL, 0},
                                           {"str.rsplit", str_rsplit, NULL, 0},
                                           {"str.splitlines", str_splitlines, NULL, 0},
                                           {"str.strip", str_strip, NULL, 0},
                                           {"str.lstrip", str_lstrip, NULL, 0},
                                           {"str.rstrip", str_rstrip, NULL, 0},
                                           {"str.startswith", str_startswith, NULL, 0},
                                           {"str.endswith", str_endswith, NULL, 0},
                                           {"str.find", str_find, NULL, 0},
                                           {"str.rfind", str_rfind, NULL, 0},
                                           {"str.index", str_index, NULL, 0},
                                           {"str.rindex", str_rindex, NULL, 0},
                                           {"str.count", str_count, NULL, 0},
                                           {"str.replace", str_replace, NULL, 0},
                                           {"str.removeprefix", str_removeprefix, NULL, 0},
                                           {"str.removesuffix", str_removesuffix, NULL, 0},
                                           {"str.partition", str_partition, NULL, 0},
                                           {"str.rpartition", str_rpartition, NULL, 0},
                                           {NULL, NULL, NULL, 0}};

int sl__str_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, self, str_methods, name, out);
  if (r) return r;
  return sl__str_case_getattr(rt, self, name, out);
}

/* ---- bytes ------------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at i, or 0 if invalid, with *why
 * and *bad, the length of the maximal invalid part (what one error covers:
 * the start byte and the continuation bytes that fitted, as CPython's
 * decoder reports it). */
static size_t utf8_valid(const unsigned char *s, size_t len, size_t i, const char **why,
                         size_t *bad) {
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  size_t k = c >= 0xC2 && c <= 0xDF   ? 2
             : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4
                                      : 0;
  *bad = 1;
  if (!k) return *why = "invalid start byte", 0;
  for (size_t j = 1; j < k; j++) {
    if (i + j >= len) return *why = "unexpected end of data", *bad = j, 0;
    unsigned char d = s[i + j];
    bool ok = (d & 0xC0) == 0x80;
    if (j == 1) {
      if (c == 0xE0) ok = ok && d >= 0xA0;
      if (c == 0xED) ok = ok && d < 0xA0;
      if (c == 0xF0) ok = ok && d >= 0x90;
      if (c == 0xF4) ok = ok && d < 0x90;
    }
    if (!ok) return *why = "invalid continuation byte", *bad = j, 0;
  }
  return k;
}

/* bytes.decode('utf-8', errors): 'strict' raises UnicodeDecodeError;
 * 'ignore', 'replace' (U+FFFD) and 'backslashreplace' (\xNN) handle each
 * invalid part; another name is a LookupError once an error happens
 * (codecs.lookup_error), as CPython. */
static int bytes_decode(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"encoding", "errors"};
  sl_value v[2];
  if (sl_args_bind(rt, a, "decode", names, 2, 0, 2, v)) return -1;
  if (!sl_is_undef(v[0]) && (!sl_is_str(v[0]) || !utf8_name(sl_str_cstr(v[0].u.o))))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "simloop supports only the utf-8 codec");
  if (!sl_is_undef(v[1]) && !sl_is_str(v[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "decode() argument 'errors' must be str, not %s",
                    sl_type_name(v[1]));
  const char *errors = sl_is_undef(v[1]) ? "strict" : sl_str_cstr(v[1].u.o);
  sl_bytesobj *b = sl_as_bytes(self.u.o);
  sl_strbuf s = SL_STRBUF_INIT;
  for (size_t i = 0; i < b->len;) {
    const char *why = "";
    size_t bad = 1, k = utf8_valid(b->data, b->len, i, &why, &bad);
    if (k) {
      sl_strbuf_append(&s, (const char *)b->data + i, k);
      i += k;
      continue;
    }
    if (!strcmp(errors, "strict")) {
      sl_strbuf_free(&s);
      return sl_raise_unicode_decode(rt, "utf-8", b->data, b->len, i, i + bad, why);
    }
    if (!strcmp(errors, "replace")) {
      sl_strbuf_puts(&s, "\xEF\xBF\xBD");
    } else if (!strcmp(errors, "backslashreplace")) {
      for (size_t j = 0; j < bad; j++) sl_strbuf_printf(&s, "\\x%02x", b->data[i + j]);
    } else if (strcmp(errors, "ignore")) {
      sl_strbuf_free(&s);
      return sl_raise(rt, SL_EXC_LOOKUP_ERROR, "unknown error handler name '%s'", errors);
    }
    i += bad;
  }
  return sl__str_result(rt, &s, out);
}

static int bytes_hex(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "bytes.hex");
  sl_bytesobj *b = sl_as_bytes(self.u.o);
  sl_strbuf s = SL_STRBUF_INIT;
  for (size_t i = 0; i < b->len; i++) sl_strbuf_printf(&s, "%02x", b->data[i]);
  return sl__str_result(rt, &s, out);
}

static const sl_cfunc_def bytes_methods[] = {{"bytes.decode", bytes_decode, NULL, 0},
                                             {"bytes.hex", bytes_hex, NULL, 0},
                                             {NULL, NULL, NULL, 0}};

int sl__bytes_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, self, bytes_methods, name, out);
  if (!r) r = sl_methods_lookup(rt, self, sl__bytes_more_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'bytes' object has no attribute '%s'", name);
}
