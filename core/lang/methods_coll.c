/* Methods of list and tuple, list.sort, and the argument-count check all
 * method files share. Mirrors Objects/listobject.c and tupleobject.c
 * (behaviour and messages; the sort is a plain stable merge sort, which
 * gives the same result as timsort for any consistent ordering). dict, set
 * and frozenset are in methods_hash.c. */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/iter-int.h"
#include "core/lang/vm-int.h"

int sl__check_nargs(sl_rt *rt, const sl_args *a, const char *qualname, size_t min, size_t max) {
  size_t n = a->npos;
  if (!a->nkw && n >= min && n <= max) return 0;
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", qualname);
  const char *dot = strchr(qualname, '.');
  const char *shortname = dot ? dot + 1 : qualname;
  if (max == 0)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no arguments (%zu given)", qualname, n);
  if (min == 1 && max == 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)", qualname,
                    n);
  if (min == max)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected %zu argument%s, got %zu", shortname, min,
                    min == 1 ? "" : "s", n);
  if (n < min)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at least %zu argument%s, got %zu",
                    shortname, min, min == 1 ? "" : "s", n);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at most %zu argument%s, got %zu", shortname,
                  max, max == 1 ? "" : "s", n);
}

/* sl__check_nargs's test, inline: the call is made only to raise. */
static inline bool nargs_ok(const sl_args *a, size_t min, size_t max) {
  return !a->nkw && a->npos >= min && a->npos <= max;
}

#define CHECK(min, max, name)                                                                      \
  do {                                                                                             \
    if (!nargs_ok(a, min, max) && sl__check_nargs(rt, a, name, min, max)) return -1;               \
  } while (0)

static int index_arg(sl_rt *rt, sl_value v, int64_t *out) {
  if (!sl_as_index(v, out))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v));
  return 0;
}

/* ---- sort -------------------------------------------------------------------- */

/* less(i, j) on keys: keys[j] < keys[i] when reverse, so equal keys keep
 * their order either way (list.sort reverses, sorts, reverses back). */
static int key_less(sl_rt *rt, const sl_value *keys, size_t i, size_t j, bool reverse, bool *res) {
  return reverse ? sl__richcompare(rt, SL_CMP_LT, keys[j], keys[i], res)
                 : sl__richcompare(rt, SL_CMP_LT, keys[i], keys[j], res);
}

/* Merge sort of the permutation idx[lo, hi) by keys. */
static int msort(sl_rt *rt, const sl_value *keys, size_t *idx, size_t *tmp, size_t lo, size_t hi,
                 bool reverse) {
  if (hi - lo < 2) return 0;
  if (hi - lo <= 8) {
    /* Insertion sort for short runs; compares the newcomer with its left
     * neighbours as binary insertion in timsort would for two items. */
    for (size_t i = lo + 1; i < hi; i++) {
      size_t v = idx[i], j = i;
      while (j > lo) {
        bool lt;
        if (key_less(rt, keys, v, idx[j - 1], reverse, &lt)) return -1;
        if (!lt) break;
        idx[j] = idx[j - 1];
        j--;
      }
      idx[j] = v;
    }
    return 0;
  }
  size_t mid = lo + (hi - lo) / 2;
  if (msort(rt, keys, idx, tmp, lo, mid, reverse) || msort(rt, keys, idx, tmp, mid, hi, reverse))
    return -1;
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    bool lt;
    if (key_less(rt, keys, idx[j], idx[i], reverse, &lt)) return -1;
    tmp[k++] = lt ? idx[j++] : idx[i++];
  }
  while (i < mid) tmp[k++] = idx[i++];
  while (j < hi) tmp[k++] = idx[j++];
  memcpy(idx + lo, tmp + lo, (hi - lo) * sizeof *idx);
  return 0;
}

int sl__sort(sl_rt *rt, sl_value *items, size_t n, sl_value key, bool reverse) {
  if (n < 2 && sl_is_none(key)) return 0;
  size_t *idx = sl_malloc((n + 1) * sizeof *idx), *tmp = sl_malloc((n + 1) * sizeof *tmp);
  sl_value *keys = sl_is_none(key) ? items : sl_calloc(n + 1, sizeof *keys);
  sl_value *sorted = sl_malloc((n + 1) * sizeof *sorted);
  size_t nkeys = 0;
  int rc = -1;
  if (!idx || !tmp || !keys || !sorted) {
    sl_nomem(rt);
    goto done;
  }
  if (!sl_is_none(key))
    for (; nkeys < n; nkeys++)
      if (sl_call_pos(rt, key, &items[nkeys], 1, &keys[nkeys])) goto done;
  for (size_t i = 0; i < n; i++) idx[i] = i;
  if (msort(rt, keys, idx, tmp, 0, n, reverse)) goto done;
  for (size_t i = 0; i < n; i++) sorted[i] = items[idx[i]];
  memcpy(items, sorted, n * sizeof *items);
  rc = 0;
done:
  if (keys != items) {
    for (size_t i = 0; i < nkeys; i++) sl_vdecref(rt, keys[i]);
    sl_free(keys);
  }
  sl_free(idx);
  sl_free(tmp);
  sl_free(sorted);
  return rc;
}

/* ---- list ---------------------------------------------------------------------- */

int sl__list_extend(sl_rt *rt, sl_obj *l, sl_value iterable) {
  sl_obj *items;
  /* Collect first, so `l.extend(l)` and failures leave l as it was. */
  if (sl_list_from_iterable(rt, iterable, &items)) return -1;
  sl_list *src = sl_as_list(items), *dst = sl_as_list(l);
  int rc = sl_list_reserve(rt, l, dst->len + src->len);
  if (!rc) {
    memcpy(dst->items + dst->len, src->items, src->len * sizeof *src->items);
    dst->len += src->len;
    src->len = 0; /* the references moved */
  }
  sl_decref(rt, items);
  return rc;
}

static int list_append(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "list.append");
  return sl_list_append(rt, self.u.o, a->pos[0]);
}

static int list_extend(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "list.extend");
  return sl__list_extend(rt, self.u.o, a->pos[0]);
}

static int list_insert(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(2, 2, "list.insert");
  int64_t i;
  if (index_arg(rt, a->pos[0], &i)) return -1;
  sl_list *l = sl_as_list(self.u.o);
  int64_t n = (int64_t)l->len;
  if (i < 0) i = i + n < 0 ? 0 : i + n;
  if (i > n) i = n;
  if (sl_list_reserve(rt, self.u.o, l->len + 1)) return -1;
  memmove(l->items + i + 1, l->items + i, (size_t)(n - i) * sizeof *l->items);
  l->items[i] = sl_vincref(a->pos[1]);
  l->len++;
  return 0;
}

static int list_pop(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 1, "list.pop");
  sl_list *l = sl_as_list(self.u.o);
  int64_t i = -1;
  if (a->npos && index_arg(rt, a->pos[0], &i)) return -1;
  if (!l->len) return sl_raise(rt, SL_EXC_INDEX_ERROR, "pop from empty list");
  if (!sl__norm_index(&i, (int64_t)l->len))
    return sl_raise(rt, SL_EXC_INDEX_ERROR, "pop index out of range");
  *out = l->items[i];
  memmove(l->items + i, l->items + i + 1, (l->len - (size_t)i - 1) * sizeof *l->items);
  l->len--;
  return 0;
}

/* Finds x among items[start, stop): index or -1. */
static int find_value(sl_rt *rt, sl_value seq, sl_value x, int64_t start, int64_t stop,
                      int64_t *found) {
  *found = -1;
  for (int64_t i = start;; i++) {
    /* Re-read: the list may change while comparing. */
    size_t len = sl__is_list(seq) ? sl_as_list(seq.u.o)->len : sl_as_tuple(seq.u.o)->len;
    if (i >= stop || i >= (int64_t)len) return 0;
    sl_value item = sl_vincref(sl__is_list(seq) ? sl_as_list(seq.u.o)->items[i]
                                                : sl_as_tuple(seq.u.o)->items[i]);
    bool same = sl_is(item, x);
    int rc = same ? 0 : sl_eq(rt, item, x, &same);
    sl_vdecref(rt, item);
    if (rc) return -1;
    if (same) {
      *found = i;
      return 0;
    }
  }
}

static int list_remove(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "list.remove");
  int64_t i;
  if (find_value(rt, self, a->pos[0], 0, INT64_MAX, &i)) return -1;
  if (i < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "list.remove(x): x not in list");
  sl_list *l = sl_as_list(self.u.o);
  sl_value old = l->items[i];
  memmove(l->items + i, l->items + i + 1, (l->len - (size_t)i - 1) * sizeof *l->items);
  l->len--;
  sl_vdecref(rt, old);
  return 0;
}

/* seq.index(x[, start[, stop]]) for list and tuple. */
static int seq_index(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  bool list = sl__is_list(self);
  CHECK(1, 3, list ? "list.index" : "tuple.index");
  int64_t len = list ? (int64_t)sl_as_list(self.u.o)->len : (int64_t)sl_as_tuple(self.u.o)->len;
  int64_t start = 0, stop = INT64_MAX, i;
  if (a->npos > 1 && index_arg(rt, a->pos[1], &start)) return -1;
  if (a->npos > 2 && index_arg(rt, a->pos[2], &stop)) return -1;
  if (start < 0 && (start += len) < 0) start = 0;
  if (stop < 0 && (stop += len) < 0) stop = 0;
  if (find_value(rt, self, a->pos[0], start, stop, &i)) return -1;
  if (i >= 0) {
    *out = sl_int(i);
    return 0;
  }
  if (!list) return sl_raise(rt, SL_EXC_VALUE_ERROR, "tuple.index(x): x not in tuple");
  if (rt->profile->list_index_generic_message)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "list.index(x): x not in list");
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_repr(rt, a->pos[0], &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  int rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s is not in list", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

static int seq_count(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  bool list = sl__is_list(self);
  CHECK(1, 1, list ? "list.count" : "tuple.count");
  int64_t n = 0;
  for (size_t i = 0;; i++) {
    size_t len = list ? sl_as_list(self.u.o)->len : sl_as_tuple(self.u.o)->len;
    if (i >= len) break;
    sl_value item =
        sl_vincref(list ? sl_as_list(self.u.o)->items[i] : sl_as_tuple(self.u.o)->items[i]);
    bool same = sl_is(item, a->pos[0]);
    int rc = same ? 0 : sl_eq(rt, item, a->pos[0], &same);
    sl_vdecref(rt, item);
    if (rc) return -1;
    n += same;
  }
  *out = sl_int(n);
  return 0;
}

static int list_sort(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos) return sl_raise(rt, SL_EXC_TYPE_ERROR, "sort() takes no positional arguments");
  static const char *const names[] = {"key", "reverse"};
  sl_value v[2];
  if (sl_args_bind(rt, a, "sort", names, 2, 0, 0, v)) return -1;
  bool reverse = false;
  if (!sl_is_undef(v[1]) && sl_truth(rt, v[1], &reverse)) return -1;
  sl_value key = sl_is_undef(v[0]) ? sl_none() : v[0];
  /* The list looks empty while it is sorted (as CPython's), so a key that
   * mutates it is caught. */
  sl_list *l = sl_as_list(self.u.o);
  sl_value *items = l->items;
  size_t n = l->len, cap = l->cap;
  l->items = NULL, l->len = l->cap = 0;
  int rc = sl__sort(rt, items, n, key, reverse);
  bool modified = l->len != 0 || l->items != NULL;
  sl_value *extra = l->items;
  size_t nextra = l->len;
  l->items = items, l->len = n, l->cap = cap;
  for (size_t i = 0; i < nextra; i++) sl_vdecref(rt, extra[i]);
  sl_free(extra);
  if (rc) return -1;
  if (modified) return sl_raise(rt, SL_EXC_VALUE_ERROR, "list modified during sort");
  return 0;
}

static int list_reverse(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "list.reverse");
  sl_list *l = sl_as_list(self.u.o);
  for (size_t i = 0, j = l->len; i + 1 < j; i++, j--) {
    sl_value t = l->items[i];
    l->items[i] = l->items[j - 1];
    l->items[j - 1] = t;
  }
  return 0;
}

static int list_copy(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "list.copy");
  sl_obj *o = sl_list_new(rt, sl_as_list(self.u.o)->items, sl_as_list(self.u.o)->len);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static int list_clear(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "list.clear");
  sl_list *l = sl_as_list(self.u.o);
  sl_value *items = l->items;
  size_t n = l->len;
  l->items = NULL, l->len = l->cap = 0;
  sl_vdecref_back(rt, items, n);
  sl_free(items);
  return 0;
}

/* list.append first: CALL_METHOD knows it by its address
 * (SL__LIST_APPEND_DEF, vm-int.h) and appends in place. */
const sl_cfunc_def sl__list_methods[] = {
    {"list.append", list_append, NULL, 0},   {"list.extend", list_extend, NULL, 0},
    {"list.insert", list_insert, NULL, 0},   {"list.pop", list_pop, NULL, 0},
    {"list.remove", list_remove, NULL, 0},   {"list.index", seq_index, NULL, 0},
    {"list.count", seq_count, NULL, 0},      {"list.sort", list_sort, NULL, 0},
    {"list.reverse", list_reverse, NULL, 0}, {"list.copy", list_copy, NULL, 0},
    {"list.clear", list_clear, NULL, 0},     {NULL, NULL, NULL, 0}};

static const sl_cfunc_def tuple_methods[] = {{"tuple.index", seq_index, NULL, 0},
                                             {"tuple.count", seq_count, NULL, 0},
                                             {NULL, NULL, NULL, 0}};

int sl__seq_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, self, sl__is_list(self) ? sl__list_methods : tuple_methods, name,
                           out);
}
