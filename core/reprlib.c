/* reprlib.repr (see reprlib.h), level by level as Lib/reprlib.py does. */
#include "core/reprlib.h"

#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/num/unicode.h" /* sl_str_repr */
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

enum {
  MAXLEVEL = 6,
  MAXTUPLE = 6,
  MAXLIST = 6,
  MAXDICT = 4,
  MAXSET = 6,
  MAXSTRING = 30,
  MAXLONG = 40,
  MAXOTHER = 30
};

static int repr1(sl_rt *rt, sl_value v, int level, sl_strbuf *out);

/* Byte offset of code point `cp` in the UTF-8 text s[0..len). */
static size_t cp_offset(const char *s, size_t len, size_t cp) {
  size_t i = 0;
  for (; i < len && cp; cp--) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
  }
  return i;
}

static size_t cp_count(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

/* s[:i] + '...' + s[len(s)-j:] when s has more than `max` code points. */
static void cut_middle(const char *s, size_t len, size_t max, sl_strbuf *out) {
  size_t n = cp_count(s, len);
  if (n <= max) {
    sl_strbuf_append(out, s, len);
    return;
  }
  size_t i = (max - 3) / 2, j = max - 3 - i;
  size_t head = cp_offset(s, len, i), tail = cp_offset(s, len, n - j);
  sl_strbuf_append(out, s, head);
  sl_strbuf_puts(out, "...");
  sl_strbuf_append(out, s + tail, len - tail);
}

/* repr_instance / repr_int: the full repr, cut to `max`. A failing __repr__
 * shows as '<T instance at ADDR>' in CPython; we cannot show an address, so
 * the error propagates only when it is out of memory. */
static int repr_cut(sl_rt *rt, sl_value v, size_t max, sl_strbuf *out) {
  sl_strbuf full = SL_STRBUF_INIT;
  int rc = sl_repr(rt, v, &full);
  if (rc == 0 && !full.failed) cut_middle(full.data ? full.data : "", full.len, max, out);
  sl_strbuf_free(&full);
  return rc;
}

/* repr_str: repr(x[:30]); when that is longer than 30, repr of the head and
 * tail of x, cut in the middle. */
static int repr_str(sl_rt *rt, sl_obj *s, sl_strbuf *out) {
  sl_strobj *so = (sl_strobj *)s;
  size_t i = (MAXSTRING - 3) / 2, j = MAXSTRING - 3 - i;
  size_t head30 = cp_offset(so->data, so->len, MAXSTRING);
  sl_strbuf r = SL_STRBUF_INIT;
  sl_str_repr(&r, so->data, head30);
  if (r.failed || cp_count(r.data, r.len) <= MAXSTRING) {
    sl_strbuf_append(out, r.data ? r.data : "", r.len);
    sl_strbuf_free(&r);
    return 0;
  }
  /* repr(x[:i] + x[len(x)-j:]), then its head i and tail j characters. */
  size_t head = cp_offset(so->data, so->len, i);
  size_t tail = cp_offset(so->data, so->len, so->cplen - j);
  sl_strbuf joined = SL_STRBUF_INIT;
  sl_strbuf_append(&joined, so->data, head);
  sl_strbuf_append(&joined, so->data + tail, so->len - tail);
  r.len = 0;
  sl_str_repr(&r, joined.data ? joined.data : "", joined.len);
  size_t n = cp_count(r.data, r.len);
  size_t rhead = cp_offset(r.data, r.len, i), rtail = cp_offset(r.data, r.len, n - j);
  sl_strbuf_append(out, r.data, rhead);
  sl_strbuf_puts(out, "...");
  sl_strbuf_append(out, r.data + rtail, r.len - rtail);
  sl_strbuf_free(&joined);
  sl_strbuf_free(&r);
  return 0;
}

/* Sorts items in place; false (and items in some order) when a comparison
 * raised. Insertion sort: a stable sort, as sorted() is. */
static bool sort_values(sl_rt *rt, sl_value *items, size_t n) {
  for (size_t i = 1; i < n; i++) {
    for (size_t k = i; k > 0; k--) {
      bool lt;
      if (sl_lt(rt, items[k], items[k - 1], &lt)) {
        sl_err_clear(rt);
        return false;
      }
      if (!lt) break;
      sl_value t = items[k];
      items[k] = items[k - 1];
      items[k - 1] = t;
    }
  }
  return true;
}

/* _repr_iterable over items[0..n) (borrowed). */
static int repr_iterable(sl_rt *rt, const sl_value *items, size_t n, int level, const char *left,
                         const char *right, size_t maxiter, const char *trail, sl_strbuf *out) {
  sl_strbuf_puts(out, left);
  if (level <= 0 && n) {
    sl_strbuf_puts(out, "...");
  } else {
    for (size_t i = 0; i < n && i < maxiter; i++) {
      if (i) sl_strbuf_puts(out, ", ");
      if (repr1(rt, items[i], level - 1, out)) return -1;
    }
    if (n > maxiter) sl_strbuf_puts(out, ", ...");
    if (n == 1 && trail) sl_strbuf_puts(out, trail);
  }
  sl_strbuf_puts(out, right);
  return 0;
}

/* Copies a set's or dict's keys (borrowed) into a new array, sorted if it can be. */
static sl_value *sorted_keys(sl_rt *rt, sl_obj *o, bool is_dict, size_t *n) {
  *n = is_dict ? sl_dict_len(o) : sl_set_len(o);
  sl_value *keys = sl_malloc((*n ? *n : 1) * sizeof *keys);
  if (!keys) return NULL;
  sl_value *copy = sl_malloc((*n ? *n : 1) * sizeof *copy);
  if (!copy) {
    sl_free(keys);
    return NULL;
  }
  size_t pos = 0, k = 0;
  sl_value key, val;
  while (k < *n && (is_dict ? sl_dict_next(o, &pos, &key, &val) : sl_set_next(o, &pos, &key)))
    keys[k++] = key;
  /* _possibly_sorted: sorted(x), or x as it is when a comparison raises. */
  memcpy(copy, keys, k * sizeof *keys);
  if (sort_values(rt, copy, k)) memcpy(keys, copy, k * sizeof *keys);
  sl_free(copy);
  return keys;
}

static int repr_set(sl_rt *rt, sl_obj *o, bool frozen, int level, sl_strbuf *out) {
  size_t n;
  if (sl_set_len(o) == 0) {
    sl_strbuf_puts(out, frozen ? "frozenset()" : "set()");
    return 0;
  }
  sl_value *keys = sorted_keys(rt, o, false, &n);
  if (!keys) return sl_nomem(rt);
  int rc = repr_iterable(rt, keys, n, level, frozen ? "frozenset({" : "{", frozen ? "})" : "}",
                         MAXSET, NULL, out);
  sl_free(keys);
  return rc;
}

static int repr_dict(sl_rt *rt, sl_obj *o, int level, sl_strbuf *out) {
  size_t n = sl_dict_len(o);
  if (n == 0) {
    sl_strbuf_puts(out, "{}");
    return 0;
  }
  if (level <= 0) {
    sl_strbuf_puts(out, "{...}");
    return 0;
  }
  sl_value *keys = sorted_keys(rt, o, true, &n);
  if (!keys) return sl_nomem(rt);
  int rc = 0;
  sl_strbuf_putc(out, '{');
  for (size_t i = 0; i < n && i < MAXDICT && rc == 0; i++) {
    sl_value val;
    bool found;
    if (i) sl_strbuf_puts(out, ", ");
    rc = repr1(rt, keys[i], level - 1, out);
    if (rc == 0) rc = sl_dict_get(rt, o, keys[i], &val, &found);
    if (rc == 0) {
      sl_strbuf_puts(out, ": ");
      rc = found ? repr1(rt, val, level - 1, out) : 0;
    }
  }
  if (rc == 0 && n > MAXDICT) sl_strbuf_puts(out, ", ...");
  sl_strbuf_putc(out, '}');
  sl_free(keys);
  return rc;
}

static int repr1(sl_rt *rt, sl_value v, int level, sl_strbuf *out) {
  if (v.tag == SL_V_INT) return repr_cut(rt, v, MAXLONG, out);
  if (v.tag != SL_V_OBJ) return repr_cut(rt, v, MAXOTHER, out);
  const sl_type *t = v.u.o->type;
  if (t == &sl_str_type) return repr_str(rt, v.u.o, out);
  if (t == &sl_tuple_type)
    return repr_iterable(rt, sl_as_tuple(v.u.o)->items, sl_as_tuple(v.u.o)->len, level, "(", ")",
                         MAXTUPLE, ",", out);
  if (t == &sl_list_type)
    return repr_iterable(rt, sl_as_list(v.u.o)->items, sl_as_list(v.u.o)->len, level, "[", "]",
                         MAXLIST, NULL, out);
  if (t == &sl_set_type || t == &sl_frozenset_type)
    return repr_set(rt, v.u.o, t == &sl_frozenset_type, level, out);
  if (t == &sl_dict_type) return repr_dict(rt, v.u.o, level, out);
  if (!strcmp(t->name, "int")) /* a big integer */
    return repr_cut(rt, v, MAXLONG, out);
  return repr_cut(rt, v, MAXOTHER, out);
}

int sl_reprlib(sl_rt *rt, sl_value v, sl_strbuf *out) { return repr1(rt, v, MAXLEVEL, out); }
