/* Methods of bytes that cut, search and join (Objects/bytes_methods.c,
 * Objects/stringlib): strip, split, rsplit, partition, splitlines,
 * startswith, find, index, replace, join, upper, lower and the isX
 * predicates, what a program does with the lines a stream reader gives.
 * Bytes are not text: whitespace and case are ASCII's alone, as Py_ISSPACE
 * and Py_TOUPPER see them, and lines end at \n, \r and \r\n only.
 * bytearray's same methods run these on a copy (bytearray.c). decode and
 * hex are in methods_str.c, which asks sl__bytes_more_methods for the
 * others. */
#include <string.h>

#include "core/lang/methods_str-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/tuple.h"

#define B(v) sl_as_bytes((v).u.o)

static bool is_bytes(sl_value v) { return sl_is_type(v, &sl_bytes_type); }

static bool ascii_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }

static int need_bytes(sl_rt *rt, sl_value v) {
  if (is_bytes(v)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                  sl_type_name(v));
}

static int bytes_out(sl_rt *rt, const unsigned char *p, size_t n, sl_value *out) {
  sl_obj *o = sl_bytes_new(rt, p, n);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

/* First index of needle in hay[from, to), or -1. */
static int64_t find_in(const unsigned char *hay, size_t from, size_t to, const unsigned char *nd,
                       size_t nn) {
  if (to < from || to - from < nn) return -1;
  for (size_t i = from; i + nn <= to; i++)
    if (!memcmp(hay + i, nd, nn)) return (int64_t)i;
  return -1;
}

/* Optional start/end arguments, slice rules, as byte offsets. */
static int range_of(sl_rt *rt, size_t len, const sl_value *pos, size_t n, size_t *b0, size_t *b1) {
  int64_t l = (int64_t)len, start = 0, end = l;
  for (size_t i = 0; i < n && i < 2; i++)
    if (!sl_is_none(pos[i]) && !sl_as_index(pos[i], i ? &end : &start))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "slice indices must be integers or None or have an __index__ method");
  if (start < 0 && (start += l) < 0) start = 0;
  if (end < 0 && (end += l) < 0) end = 0;
  if (end > l) end = l;
  *b0 = (size_t)start;
  *b1 = (size_t)(end < start ? start : end);
  if (start > l) *b0 = *b1 = len + 1; /* past the end: nothing matches */
  return 0;
}

/* ---- strip ---------------------------------------------------------------------------- */

static int do_strip(sl_rt *rt, sl_value self, const sl_args *a, const char *name, bool left,
                    bool right, sl_value *out) {
  if (sl__check_nargs(rt, a, name, 0, 1)) return -1;
  sl_value chars = a->npos ? a->pos[0] : sl_none();
  if (!sl_is_none(chars) && need_bytes(rt, chars)) return -1;
  const unsigned char *p = B(self)->data;
  size_t i = 0, j = B(self)->len;
  const unsigned char *set = sl_is_none(chars) ? NULL : B(chars)->data;
  size_t nset = sl_is_none(chars) ? 0 : B(chars)->len;
#define STRIPS(c) (set ? memchr(set, (c), nset) != NULL : ascii_space(c))
  while (left && i < j && STRIPS(p[i])) i++;
  while (right && j > i && STRIPS(p[j - 1])) j--;
#undef STRIPS
  if (i == 0 && j == B(self)->len) return *out = sl_vincref(self), 0;
  return bytes_out(rt, p + i, j - i, out);
}

static int m_strip(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_strip(rt, self, a, "bytes.strip", true, true, out);
}
static int m_lstrip(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_strip(rt, self, a, "bytes.lstrip", true, false, out);
}
static int m_rstrip(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_strip(rt, self, a, "bytes.rstrip", false, true, out);
}

/* ---- split ---------------------------------------------------------------------------- */

static int push_piece(sl_rt *rt, sl_obj *list, const unsigned char *p, size_t n) {
  sl_obj *o = sl_bytes_new(rt, p, n);
  if (!o) return -1;
  int rc = sl_list_append(rt, list, sl_obj_val(o));
  sl_decref(rt, o);
  return rc;
}

/* Runs of ASCII whitespace separate; none at either end. */
static int split_space(sl_rt *rt, sl_obj *list, const unsigned char *p, size_t len, int64_t max) {
  size_t i = 0;
  for (;;) {
    while (i < len && ascii_space(p[i])) i++;
    if (i == len) return 0;
    if (max-- == 0) return push_piece(rt, list, p + i, len - i);
    size_t j = i;
    while (j < len && !ascii_space(p[j])) j++;
    if (push_piece(rt, list, p + i, j - i)) return -1;
    i = j;
  }
}

/* split()'s and rsplit()'s arguments: *sep None or non-empty bytes,
 * *max -1 for no limit. */
static int split_args(sl_rt *rt, const sl_args *a, const char *fn, sl_value *sep, int64_t *max) {
  static const char *const names[] = {"sep", "maxsplit"};
  sl_value v[2];
  if (a->npos > 2) /* Argument Clinic's words, not the binder's */
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes at most 2 arguments (%zu given)", fn,
                    a->npos + a->nkw);
  if (sl_args_bind(rt, a, fn, names, 2, 0, 2, v)) return -1;
  *sep = sl_is_undef(v[0]) ? sl_none() : v[0];
  *max = -1;
  if (!sl_is_undef(v[1]) && !sl_as_index(v[1], max))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v[1]));
  if (!sl_is_none(*sep) && need_bytes(rt, *sep)) return -1;
  if (!sl_is_none(*sep) && !B(*sep)->len)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "empty separator");
  return 0;
}

static int m_split(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value sep;
  int64_t max;
  if (split_args(rt, a, "split", &sep, &max)) return -1;
  sl_obj *list = sl_list_new(rt, NULL, 0);
  if (!list) return -1;
  const unsigned char *p = B(self)->data;
  size_t len = B(self)->len;
  int rc = 0;
  if (sl_is_none(sep)) {
    rc = split_space(rt, list, p, len, max);
  } else {
    size_t i = 0;
    int64_t at;
    while (!rc && max-- != 0 && (at = find_in(p, i, len, B(sep)->data, B(sep)->len)) >= 0) {
      rc = push_piece(rt, list, p + i, (size_t)at - i);
      i = (size_t)at + B(sep)->len;
    }
    if (!rc) rc = push_piece(rt, list, p + i, len - i);
  }
  if (rc) {
    sl_decref(rt, list);
    return -1;
  }
  *out = sl_obj_val(list);
  return 0;
}

/* ---- startswith, endswith, find, count --------------------------------------------------- */

/* find, count, startswith, endswith: (sub[, start[, end]]). Before 3.13
 * PyArg_ParseTuple checked the count ("count() takes at least 1 argument
 * (0 given)"), Argument Clinic since. */
static int finds_nargs(sl_rt *rt, const sl_args *a, const char *qualname) {
  if (rt->profile->minor >= 13 || a->nkw || (a->npos >= 1 && a->npos <= 3))
    return sl__check_nargs(rt, a, qualname, 1, 3);
  const char *name = strchr(qualname, '.') + 1;
  if (!a->npos)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes at least 1 argument (0 given)", name);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes at most 3 arguments (%zu given)", name,
                  a->npos);
}

static int affix(sl_rt *rt, sl_value self, const sl_args *a, const char *name, bool end,
                 sl_value *out) {
  if (finds_nargs(rt, a, name)) return -1;
  size_t b0, b1;
  if (range_of(rt, B(self)->len, a->pos + 1, a->npos - 1, &b0, &b1)) return -1;
  sl_value x = a->pos[0];
  bool tuple = sl_is_type(x, &sl_tuple_type);
  size_t n = tuple ? sl_as_tuple(x.u.o)->len : 1;
  for (size_t i = 0; i < n; i++) {
    sl_value s = tuple ? sl_as_tuple(x.u.o)->items[i] : x;
    if (!is_bytes(s))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      tuple ? "a bytes-like object is required, not '%s'"
                            : "%s first arg must be bytes or a tuple of bytes, not %s",
                      tuple ? sl_type_name(s) : strchr(name, '.') + 1, sl_type_name(s));
    size_t k = B(s)->len;
    if (b0 > B(self)->len || b1 - b0 < k) continue;
    const unsigned char *at = B(self)->data + (end ? b1 - k : b0);
    if (!memcmp(at, B(s)->data, k)) return *out = sl_bool(true), 0;
  }
  *out = sl_bool(false);
  return 0;
}

static int m_startswith(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return affix(rt, self, a, "bytes.startswith", false, out);
}
static int m_endswith(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return affix(rt, self, a, "bytes.endswith", true, out);
}

/* The needle of find/count: bytes, or an int 0..255 for one byte. */
static int needle(sl_rt *rt, sl_value v, unsigned char *one, const unsigned char **p, size_t *n) {
  int64_t i;
  if (is_bytes(v)) return *p = B(v)->data, *n = B(v)->len, 0;
  if (!sl_as_index(v, &i))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "argument should be integer or bytes-like object, not '%s'", sl_type_name(v));
  if (i < 0 || i > 255) return sl_raise(rt, SL_EXC_VALUE_ERROR, "byte must be in range(0, 256)");
  *one = (unsigned char)i;
  return *p = one, *n = 1, 0;
}

static int search(sl_rt *rt, sl_value self, const sl_args *a, const char *name, bool count,
                  sl_value *out) {
  if (finds_nargs(rt, a, name)) return -1;
  unsigned char one;
  const unsigned char *nd = NULL;
  size_t nn = 0, b0, b1;
  if (needle(rt, a->pos[0], &one, &nd, &nn) ||
      range_of(rt, B(self)->len, a->pos + 1, a->npos - 1, &b0, &b1))
    return -1;
  if (b0 > B(self)->len) return *out = sl_int(count ? 0 : -1), 0;
  if (!count) return *out = sl_int(find_in(B(self)->data, b0, b1, nd, nn)), 0;
  int64_t c = 0;
  if (!nn) return *out = sl_int((int64_t)(b1 - b0) + 1), 0;
  for (int64_t at; (at = find_in(B(self)->data, b0, b1, nd, nn)) >= 0; c++) b0 = (size_t)at + nn;
  *out = sl_int(c);
  return 0;
}

static int m_find(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return search(rt, self, a, "bytes.find", false, out);
}
static int m_count(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return search(rt, self, a, "bytes.count", true, out);
}

/* ---- replace, join, upper, lower --------------------------------------------------------- */

static int m_replace(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "bytes.replace", 2, 3)) return -1;
  int64_t max = -1;
  if (need_bytes(rt, a->pos[0]) || need_bytes(rt, a->pos[1])) return -1;
  if (a->npos == 3 && !sl_as_index(a->pos[2], &max))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a->pos[2]));
  sl_bytesobj *s = B(self), *old = B(a->pos[0]), *new = B(a->pos[1]);
  sl_strbuf b = SL_STRBUF_INIT;
  size_t i = 0;
  for (; max != 0; max--) {
    int64_t at = find_in(s->data, i, s->len, old->data, old->len);
    if (at < 0 || (!old->len && i > s->len)) break;
    sl_strbuf_append(&b, (const char *)s->data + i, (size_t)at - i);
    sl_strbuf_append(&b, (const char *)new->data, new->len);
    if (!old->len) {
      if ((size_t)at < s->len) sl_strbuf_putc(&b, (char)s->data[at]);
      i = (size_t)at + 1;
    } else {
      i = (size_t)at + old->len;
    }
  }
  if (i < s->len) sl_strbuf_append(&b, (const char *)s->data + i, s->len - i);
  if (b.failed) return sl_strbuf_free(&b), sl_nomem(rt);
  int rc = bytes_out(rt, (const unsigned char *)(b.data ? b.data : ""), b.len, out);
  sl_strbuf_free(&b);
  return rc;
}

static int m_join(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "bytes.join", 1, 1)) return -1;
  sl_value it, x;
  if (sl_iter(rt, a->pos[0], &it)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  int r;
  for (size_t n = 0; (r = sl_iter_next(rt, it, &x)) > 0; n++) {
    if (!is_bytes(x)) {
      r = sl_raise(rt, SL_EXC_TYPE_ERROR,
                   "sequence item %zu: expected a bytes-like object, %s found", n, sl_type_name(x));
      sl_vdecref(rt, x);
      break;
    }
    if (n) sl_strbuf_append(&b, (const char *)B(self)->data, B(self)->len);
    sl_strbuf_append(&b, (const char *)B(x)->data, B(x)->len);
    sl_vdecref(rt, x);
  }
  sl_vdecref(rt, it);
  if (!r && b.failed) r = sl_nomem(rt);
  if (!r) r = bytes_out(rt, (const unsigned char *)(b.data ? b.data : ""), b.len, out);
  sl_strbuf_free(&b);
  return r ? -1 : 0;
}

static int recase(sl_rt *rt, sl_value self, const sl_args *a, const char *name, bool up,
                  sl_value *out) {
  if (sl__check_nargs(rt, a, name, 0, 0)) return -1;
  sl_obj *o = sl_bytes_new(rt, B(self)->data, B(self)->len);
  if (!o) return -1;
  unsigned char *p = (unsigned char *)sl_as_bytes(o)->data;
  for (size_t i = 0; i < sl_as_bytes(o)->len; i++)
    if (up ? (p[i] >= 'a' && p[i] <= 'z') : (p[i] >= 'A' && p[i] <= 'Z')) p[i] ^= 0x20;
  *out = sl_obj_val(o);
  return 0;
}

static int m_upper(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return recase(rt, self, a, "bytes.upper", true, out);
}
static int m_lower(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return recase(rt, self, a, "bytes.lower", false, out);
}

/* ---- rsplit, partition, splitlines ------------------------------------------------------ */

/* The list built back to front by rsplit, put in reading order. */
static void reverse_list(sl_obj *list) {
  sl_value *it = sl_as_list(list)->items;
  for (size_t i = 0, j = sl_as_list(list)->len; i + 1 < j; i++, j--) {
    sl_value t = it[i];
    it[i] = it[j - 1];
    it[j - 1] = t;
  }
}

static int rsplit_space(sl_rt *rt, sl_obj *list, const unsigned char *p, size_t len, int64_t max) {
  size_t j = len;
  for (;;) {
    while (j > 0 && ascii_space(p[j - 1])) j--;
    if (!j) return 0;
    if (max-- == 0) return push_piece(rt, list, p, j);
    size_t i = j;
    while (i > 0 && !ascii_space(p[i - 1])) i--;
    if (push_piece(rt, list, p + i, j - i)) return -1;
    j = i;
  }
}

/* Last index of needle in hay[0, to), or -1. */
static int64_t rfind_in(const unsigned char *hay, size_t from, size_t to, const unsigned char *nd,
                        size_t nn) {
  if (to < from || to - from < nn) return -1;
  for (size_t i = to - nn + 1; i-- > from;)
    if (!memcmp(hay + i, nd, nn)) return (int64_t)i;
  return -1;
}

static int m_rsplit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value sep;
  int64_t max;
  if (split_args(rt, a, "rsplit", &sep, &max)) return -1;
  sl_obj *list = sl_list_new(rt, NULL, 0);
  if (!list) return -1;
  const unsigned char *p = B(self)->data;
  size_t j = B(self)->len;
  int rc = 0;
  if (sl_is_none(sep)) {
    rc = rsplit_space(rt, list, p, j, max);
  } else {
    int64_t at;
    while (!rc && max-- != 0 && (at = rfind_in(p, 0, j, B(sep)->data, B(sep)->len)) >= 0) {
      size_t end = (size_t)at + B(sep)->len;
      rc = push_piece(rt, list, p + end, j - end);
      j = (size_t)at;
    }
    if (!rc) rc = push_piece(rt, list, p, j);
  }
  if (rc) {
    sl_decref(rt, list);
    return -1;
  }
  reverse_list(list);
  *out = sl_obj_val(list);
  return 0;
}

static int do_partition(sl_rt *rt, sl_value self, const sl_args *a, bool rev, sl_value *out) {
  if (sl__check_nargs(rt, a, rev ? "bytes.rpartition" : "bytes.partition", 1, 1)) return -1;
  sl_value sep = a->pos[0];
  if (need_bytes(rt, sep)) return -1;
  if (!B(sep)->len) return sl_raise(rt, SL_EXC_VALUE_ERROR, "empty separator");
  const unsigned char *p = B(self)->data;
  size_t len = B(self)->len, n = B(sep)->len;
  int64_t at = rev ? rfind_in(p, 0, len, B(sep)->data, n) : find_in(p, 0, len, B(sep)->data, n);
  size_t cut[3][2]; /* offset, length of each part */
  if (at < 0) {
    size_t whole = rev ? 2 : 0;
    for (int i = 0; i < 3; i++) cut[i][0] = 0, cut[i][1] = (size_t)i == whole ? len : 0;
  } else {
    cut[0][0] = 0, cut[0][1] = (size_t)at;
    cut[1][0] = (size_t)at, cut[1][1] = n;
    cut[2][0] = (size_t)at + n, cut[2][1] = len - (size_t)at - n;
  }
  sl_value parts[3];
  int made = 0;
  for (; made < 3; made++)
    if (bytes_out(rt, p + cut[made][0], cut[made][1], &parts[made])) break;
  sl_obj *t = made == 3 ? sl_tuple_new(rt, parts, 3) : NULL;
  for (int i = 0; i < made; i++) sl_vdecref(rt, parts[i]);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static int m_partition(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_partition(rt, self, a, false, out);
}
static int m_rpartition(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_partition(rt, self, a, true, out);
}

/* Lines end at \n, \r or \r\n only: bytes know no other line breaks. */
static int m_splitlines(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"keepends"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "splitlines", names, 1, 0, 1, v)) return -1;
  bool keep = false;
  if (!sl_is_undef(v[0]) && sl_truth(rt, v[0], &keep)) return -1;
  const unsigned char *p = B(self)->data;
  size_t len = B(self)->len, i = 0, start = 0;
  sl_obj *list = sl_list_new(rt, NULL, 0);
  if (!list) return -1;
  int rc = 0;
  while (!rc && i < len) {
    if (p[i] != '\n' && p[i] != '\r') {
      i++;
      continue;
    }
    size_t eol = i++;
    if (p[eol] == '\r' && i < len && p[i] == '\n') i++;
    rc = push_piece(rt, list, p + start, (keep ? i : eol) - start);
    start = i;
  }
  if (!rc && start < len) rc = push_piece(rt, list, p + start, len - start);
  if (rc) {
    sl_decref(rt, list);
    return -1;
  }
  *out = sl_obj_val(list);
  return 0;
}

/* ---- rfind, index, rindex, removeprefix, removesuffix ------------------------------------ */

/* find/rfind/index/rindex: (sub[, start[, end]]); *at -1 when absent. */
static int locate(sl_rt *rt, sl_value self, const sl_args *a, const char *name, bool rev,
                  int64_t *at) {
  if (finds_nargs(rt, a, name)) return -1;
  unsigned char one;
  const unsigned char *nd = NULL;
  size_t nn = 0, b0, b1;
  if (needle(rt, a->pos[0], &one, &nd, &nn) ||
      range_of(rt, B(self)->len, a->pos + 1, a->npos - 1, &b0, &b1))
    return -1;
  if (b0 > B(self)->len) return *at = -1, 0;
  *at = rev ? rfind_in(B(self)->data, b0, b1, nd, nn) : find_in(B(self)->data, b0, b1, nd, nn);
  return 0;
}

static int m_rfind(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  int64_t at;
  if (locate(rt, self, a, "bytes.rfind", true, &at)) return -1;
  return *out = sl_int(at), 0;
}

static int do_index(sl_rt *rt, sl_value self, const sl_args *a, const char *name, bool rev,
                    sl_value *out) {
  int64_t at;
  if (locate(rt, self, a, name, rev, &at)) return -1;
  if (at < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "subsection not found");
  return *out = sl_int(at), 0;
}
static int m_index(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_index(rt, self, a, "bytes.index", false, out);
}
static int m_rindex(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return do_index(rt, self, a, "bytes.rindex", true, out);
}

static int remove_affix(sl_rt *rt, sl_value self, const sl_args *a, const char *name, bool end,
                        sl_value *out) {
  if (sl__check_nargs(rt, a, name, 1, 1) || need_bytes(rt, a->pos[0])) return -1;
  size_t len = B(self)->len, k = B(a->pos[0])->len;
  const unsigned char *p = B(self)->data;
  if (!k || k > len || memcmp(end ? p + len - k : p, B(a->pos[0])->data, k))
    return *out = sl_vincref(self), 0;
  return bytes_out(rt, end ? p : p + k, len - k, out);
}
static int m_removeprefix(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return remove_affix(rt, self, a, "bytes.removeprefix", false, out);
}
static int m_removesuffix(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return remove_affix(rt, self, a, "bytes.removesuffix", true, out);
}

/* ---- isdigit, isalpha, isalnum, isspace, islower, isupper, isascii ----------------------- */

enum { C_DIGIT = 1, C_LOWER = 2, C_UPPER = 4, C_SPACE = 8 };

static int byte_class(unsigned char c) {
  if (c >= '0' && c <= '9') return C_DIGIT;
  if (c >= 'a' && c <= 'z') return C_LOWER;
  if (c >= 'A' && c <= 'Z') return C_UPPER;
  return ascii_space(c) ? C_SPACE : 0;
}

/* Every byte in one of the classes of `all`, and at least one byte. */
static int every(sl_rt *rt, sl_value self, const sl_args *a, const char *name, int all,
                 sl_value *out) {
  if (sl__check_nargs(rt, a, name, 0, 0)) return -1;
  size_t n = B(self)->len;
  bool yes = n > 0;
  for (size_t i = 0; yes && i < n; i++) yes = (byte_class(B(self)->data[i]) & all) != 0;
  return *out = sl_bool(yes), 0;
}
static int m_isdigit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return every(rt, self, a, "bytes.isdigit", C_DIGIT, out);
}
static int m_isalpha(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return every(rt, self, a, "bytes.isalpha", C_LOWER | C_UPPER, out);
}
static int m_isalnum(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return every(rt, self, a, "bytes.isalnum", C_DIGIT | C_LOWER | C_UPPER, out);
}
static int m_isspace(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return every(rt, self, a, "bytes.isspace", C_SPACE, out);
}

/* islower/isupper: a cased byte of the one case, none of the other. */
static int one_case(sl_rt *rt, sl_value self, const sl_args *a, const char *name, int want,
                    sl_value *out) {
  if (sl__check_nargs(rt, a, name, 0, 0)) return -1;
  int seen = 0;
  for (size_t i = 0; i < B(self)->len; i++) seen |= byte_class(B(self)->data[i]);
  return *out = sl_bool((seen & want) && !(seen & (C_LOWER | C_UPPER) & ~want)), 0;
}
static int m_islower(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return one_case(rt, self, a, "bytes.islower", C_LOWER, out);
}
static int m_isupper(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return one_case(rt, self, a, "bytes.isupper", C_UPPER, out);
}
static int m_isascii(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "bytes.isascii", 0, 0)) return -1;
  bool yes = true;
  for (size_t i = 0; yes && i < B(self)->len; i++) yes = B(self)->data[i] < 0x80;
  return *out = sl_bool(yes), 0;
}

const sl_cfunc_def sl__bytes_more_methods[] = {{"bytes.strip", m_strip, NULL, 0},
                                               {"bytes.lstrip", m_lstrip, NULL, 0},
                                               {"bytes.rstrip", m_rstrip, NULL, 0},
                                               {"bytes.split", m_split, NULL, 0},
                                               {"bytes.startswith", m_startswith, NULL, 0},
                                               {"bytes.endswith", m_endswith, NULL, 0},
                                               {"bytes.find", m_find, NULL, 0},
                                               {"bytes.count", m_count, NULL, 0},
                                               {"bytes.replace", m_replace, NULL, 0},
                                               {"bytes.join", m_join, NULL, 0},
                                               {"bytes.upper", m_upper, NULL, 0},
                                               {"bytes.lower", m_lower, NULL, 0},
                                               {"bytes.rsplit", m_rsplit, NULL, 0},
                                               {"bytes.partition", m_partition, NULL, 0},
                                               {"bytes.rpartition", m_rpartition, NULL, 0},
                                               {"bytes.splitlines", m_splitlines, NULL, 0},
                                               {"bytes.rfind", m_rfind, NULL, 0},
                                               {"bytes.index", m_index, NULL, 0},
                                               {"bytes.rindex", m_rindex, NULL, 0},
                                               {"bytes.removeprefix", m_removeprefix, NULL, 0},
                                               {"bytes.removesuffix", m_removesuffix, NULL, 0},
                                               {"bytes.isdigit", m_isdigit, NULL, 0},
                                               {"bytes.isalpha", m_isalpha, NULL, 0},
                                               {"bytes.isalnum", m_isalnum, NULL, 0},
                                               {"bytes.isspace", m_isspace, NULL, 0},
                                               {"bytes.islower", m_islower, NULL, 0},
                                               {"bytes.isupper", m_isupper, NULL, 0},
                                               {"bytes.isascii", m_isascii, NULL, 0},
                                               {NULL, NULL, NULL, 0}};
