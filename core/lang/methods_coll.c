/* Methods of list, tuple, dict, set and frozenset, and list.sort. Mirrors
 * Objects/listobject.c, tupleobject.c, dictobject.c and setobject.c
 * (behaviour and messages; the sort is a plain stable merge sort, which
 * gives the same result as timsort for any consistent ordering). */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/iter-int.h"

int sl__check_nargs(sl_rt *rt, const sl_args *a, const char *qualname, size_t min, size_t max) {
  const char *dot = strchr(qualname, '.');
  const char *shortname = dot ? dot + 1 : qualname;
  size_t n = a->npos;
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", qualname);
  if (n >= min && n <= max) return 0;
  if (max == 0)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no arguments (%zu given)", qualname, n);
  if (min == 1 && max == 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)",
                    qualname, n);
  if (min == max)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected %zu argument%s, got %zu", shortname, min,
                    min == 1 ? "" : "s", n);
  if (n < min)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at least %zu argument%s, got %zu",
                    shortname, min, min == 1 ? "" : "s", n);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at most %zu argument%s, got %zu",
                  shortname, max, max == 1 ? "" : "s", n);
}

#define CHECK(min, max, name)                                                               \
  do {                                                                                      \
    if (sl__check_nargs(rt, a, name, min, max)) return -1;                                  \
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
static int key_less(sl_rt *rt, const sl_value *keys, size_t i, size_t j, bool reverse,
                    bool *res) {
  return reverse ? sl__richcompare(rt, SL_CMP_LT, keys[j], keys[i], res)
                 : sl__richcompare(rt, SL_CMP_LT, keys[i], keys[j], res);
}

/* Merge sort of the permutation idx[lo, hi) by keys. */
static int msort(sl_rt *rt, const sl_value *keys, size_t *idx, size_t *tmp, size_t lo,
                 size_t hi, bool reverse) {
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
    sl_value item = sl_vincref(list ? sl_as_list(self.u.o)->items[i] : sl_as_tuple(self.u.o)->items[i]);
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
  for (size_t i = 0; i < n; i++) sl_vdecref(rt, items[i]);
  sl_free(items);
  return 0;
}

static const sl_cfunc_def list_methods[] = {
    {"list.append", list_append, NULL, 0}, {"list.extend", list_extend, NULL, 0},
    {"list.insert", list_insert, NULL, 0}, {"list.pop", list_pop, NULL, 0},
    {"list.remove", list_remove, NULL, 0}, {"list.index", seq_index, NULL, 0},
    {"list.count", seq_count, NULL, 0},    {"list.sort", list_sort, NULL, 0},
    {"list.reverse", list_reverse, NULL, 0}, {"list.copy", list_copy, NULL, 0},
    {"list.clear", list_clear, NULL, 0},   {NULL, NULL, NULL, 0}};

static const sl_cfunc_def tuple_methods[] = {
    {"tuple.index", seq_index, NULL, 0}, {"tuple.count", seq_count, NULL, 0}, {NULL, NULL, NULL, 0}};

int sl__seq_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, self, sl__is_list(self) ? list_methods : tuple_methods, name, out);
}

/* ---- dict ------------------------------------------------------------------------ */

static int dict_get(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.get");
  bool found;
  if (sl_dict_get(rt, self.u.o, a->pos[0], out, &found)) return -1;
  if (!found) *out = a->npos > 1 ? sl_vincref(a->pos[1]) : sl_none();
  return 0;
}

static int dict_setdefault(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.setdefault");
  bool found;
  if (sl_dict_get(rt, self.u.o, a->pos[0], out, &found)) return -1;
  if (found) return 0;
  sl_value d = a->npos > 1 ? a->pos[1] : sl_none();
  if (sl_dict_set(rt, self.u.o, a->pos[0], d)) return -1;
  *out = sl_vincref(d);
  return 0;
}

static int dict_pop(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.pop");
  bool found;
  if (sl__dict_pop(rt, self.u.o, a->pos[0], out, &found)) return -1;
  if (found) return 0;
  if (a->npos > 1) {
    *out = sl_vincref(a->pos[1]);
    return 0;
  }
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &a->pos[0], 1);
  return e ? sl_err_restore(rt, e) : -1;
}

static int dict_popitem(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "dict.popitem");
  sl_value kv[2];
  if (!sl__dict_popitem(rt, self.u.o, &kv[0], &kv[1]))
    return sl_raise(rt, SL_EXC_KEY_ERROR, "popitem(): dictionary is empty");
  sl_obj *t = sl_tuple_new(rt, kv, 2);
  sl_vdecref(rt, kv[0]);
  sl_vdecref(rt, kv[1]);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

int sl__dict_update(sl_rt *rt, sl_obj *d, sl_value other) {
  if (sl__is_dict(other)) {
    sl_obj *src = other.u.o;
    size_t pos = 0;
    sl_value k, v;
    while (sl_dict_next(src, &pos, &k, &v)) {
      k = sl_vincref(k), v = sl_vincref(v);
      int rc = sl_dict_set(rt, d, k, v);
      sl_vdecref(rt, k);
      sl_vdecref(rt, v);
      if (rc) return -1;
    }
    return 0;
  }
  sl_value it, item;
  if (sl_iter(rt, other, &it)) return -1;
  int r;
  int64_t n = 0;
  while ((r = sl_iter_next(rt, it, &item)) == 1) {
    const sl_value *kv;
    size_t len;
    sl_obj *owned = NULL;
    int rc = 0;
    if (!sl__is_tuple(item) && !sl__is_list(item) && !sl_lang_slots_of(item) && !sl_is_str(item)) {
      rc = rt->profile->dict_update_not_iterable_message
               ? sl_raise(rt, SL_EXC_TYPE_ERROR, "object is not iterable")
               : sl_raise(rt, SL_EXC_TYPE_ERROR,
                          "cannot convert dictionary update sequence element #%lld to a sequence",
                          (long long)n);
    } else if (!(rc = sl_seq_items(rt, item, &kv, &len, &owned))) {
      if (len != 2)
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "dictionary update sequence element #%lld has length %zu; 2 is required",
                      (long long)n, len);
      else rc = sl_dict_set(rt, d, kv[0], kv[1]);
    }
    sl_decref(rt, owned);
    sl_vdecref(rt, item);
    n++;
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : 0;
}

static int dict_update(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "update expected at most 1 argument, got %zu", a->npos);
  if (a->npos && sl__dict_update(rt, self.u.o, a->pos[0])) return -1;
  for (size_t i = 0; i < a->nkw; i++)
    if (sl_dict_set(rt, self.u.o, sl_obj_val(a->kwnames[i]), a->kwvals[i])) return -1;
  return 0;
}

static int dict_view(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out,
                     const sl_type *type, const char *name) {
  CHECK(0, 0, name);
  return sl__dict_view_new(rt, self.u.o, type, out);
}
static int dict_keys(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return dict_view(rt, self, a, out, &sl__dict_keys_type, "dict.keys");
}
static int dict_values(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return dict_view(rt, self, a, out, &sl__dict_values_type, "dict.values");
}
static int dict_items(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return dict_view(rt, self, a, out, &sl__dict_items_type, "dict.items");
}

static int dict_copy(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "dict.copy");
  sl_obj *o = sl__htable_copy(rt, self.u.o, &sl_dict_type);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static int htable_clear_m(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, sl__is_dict(self) ? "dict.clear" : "set.clear");
  sl__htable_clear(rt, self.u.o);
  return 0;
}

/* dict.fromkeys(iterable, value=None): reached through the `dict` type. */
static int dict_fromkeys(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.fromkeys");
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  sl_value it, k, v = a->npos > 1 ? a->pos[1] : sl_none();
  if (sl_iter(rt, a->pos[0], &it)) {
    sl_decref(rt, d);
    return -1;
  }
  int r;
  while ((r = sl_iter_next(rt, it, &k)) == 1) {
    int rc = sl_dict_set(rt, d, k, v);
    sl_vdecref(rt, k);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  if (r < 0) {
    sl_decref(rt, d);
    return -1;
  }
  *out = sl_obj_val(d);
  return 0;
}

const sl_cfunc_def sl__dict_fromkeys_def = {"dict.fromkeys", dict_fromkeys, NULL, 0};

static const sl_cfunc_def dict_methods[] = {
    {"dict.get", dict_get, NULL, 0},         {"dict.setdefault", dict_setdefault, NULL, 0},
    {"dict.pop", dict_pop, NULL, 0},         {"dict.popitem", dict_popitem, NULL, 0},
    {"dict.update", dict_update, NULL, 0},   {"dict.keys", dict_keys, NULL, 0},
    {"dict.values", dict_values, NULL, 0},   {"dict.items", dict_items, NULL, 0},
    {"dict.copy", dict_copy, NULL, 0},       {"dict.clear", htable_clear_m, NULL, 0},
    {"dict.fromkeys", dict_fromkeys, NULL, 0}, {NULL, NULL, NULL, 0}};

int sl__dict_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, self, dict_methods, name, out);
}

/* ---- set ----------------------------------------------------------------------------- */

int sl__set_update(sl_rt *rt, sl_obj *s, sl_value iterable) {
  int r = sl__set_update_fast(rt, s, iterable);
  if (r <= 0) return r;
  sl_value it, x;
  if (sl_iter(rt, iterable, &it)) return -1;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    int rc = sl__set_add_any(rt, s, x);
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : 0;
}

int sl__set_binop(sl_rt *rt, sl_ast_binop op, sl_obj *a, sl_obj *b, const sl_type *type,
                  sl_value *out) {
  sl_obj *r = NULL;
  switch (op) {
  case SL_BIN_BITOR:
    r = sl__set_copy(rt, a, type);
    if (r && sl__set_merge(rt, r, b)) {
      sl_decref(rt, r);
      r = NULL;
    }
    break;
  case SL_BIN_BITAND: r = sl__set_intersection(rt, a, b, type); break;
  case SL_BIN_SUB: r = sl__set_difference(rt, a, b, type); break;
  default: r = sl__set_symdiff(rt, a, b, type); break;
  }
  if (!r) return -1;
  *out = sl_obj_val(r);
  return 0;
}

/* Discards every item of an iterable (set_difference_update_internal). */
static int discard_all(sl_rt *rt, sl_obj *s, sl_value iterable) {
  if (sl__is_anyset(iterable)) return sl__set_difference_update(rt, s, iterable.u.o);
  sl_value it, x;
  if (sl_iter(rt, iterable, &it)) return -1;
  int r;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    bool found;
    int rc = sl_set_discard(rt, s, x, &found);
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : sl__set_after_discards(rt, s);
}

/* set_intersection with any iterable: a new set of self's type. */
static sl_obj *intersect_any(sl_rt *rt, sl_obj *self, sl_value other) {
  if (sl__is_anyset(other)) return sl__set_intersection(rt, self, other.u.o, self->type);
  sl_obj *r = sl_obj_alloc(rt, self->type);
  if (!r) return NULL;
  sl_value it, x;
  if (sl_iter(rt, other, &it)) {
    sl_decref(rt, r);
    return NULL;
  }
  int n;
  while ((n = sl_iter_next(rt, it, &x)) == 1) {
    bool found;
    int rc = sl__set_contains_any(rt, self, x, &found);
    if (!rc && found) rc = sl__set_add_any(rt, r, x);
    sl_vdecref(rt, x);
    if (rc) {
      n = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  if (n < 0) {
    sl_decref(rt, r);
    return NULL;
  }
  return r;
}

/* A new set of self's type holding an iterable's items. */
static sl_obj *set_of(sl_rt *rt, const sl_type *type, sl_value iterable) {
  sl_obj *r = sl_obj_alloc(rt, type);
  if (r && sl__set_update(rt, r, iterable)) {
    sl_decref(rt, r);
    return NULL;
  }
  return r;
}

/* Moves `from`'s table into `to` (set_swap_bodies), dropping `from`. */
static void take_body(sl_rt *rt, sl_obj *to, sl_obj *from) {
  sl__htable *x = sl__as_htable(to), *y = sl__as_htable(from), tmp = *x;
  sl_obj hdr = x->hdr;
  *x = *y;
  x->hdr = hdr;
  hdr = y->hdr;
  *y = tmp;
  y->hdr = hdr;
  x->version++;
  sl_decref(rt, from);
}

enum { UNION, INTERSECTION, DIFFERENCE, SYMDIFF, INTERSECTION_UPDATE, DIFFERENCE_UPDATE,
       SYMDIFF_UPDATE };

static int set_algebra(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int kind,
                       const char *name) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (kind == SYMDIFF || kind == SYMDIFF_UPDATE) CHECK(1, 1, name);
  sl_obj *so = self.u.o, *r = NULL;
  int rc = 0;
  switch (kind) {
  case UNION:
    r = sl__set_copy(rt, so, so->type);
    for (size_t i = 0; r && i < a->npos && !rc; i++) rc = sl__set_update(rt, r, a->pos[i]);
    break;
  case INTERSECTION:
  case INTERSECTION_UPDATE:
    if (!a->npos) {
      r = sl__set_copy(rt, so, so->type);
      break;
    }
    sl_incref(so);
    r = so;
    for (size_t i = 0; r && i < a->npos; i++) {
      sl_obj *n = intersect_any(rt, r, a->pos[i]);
      sl_decref(rt, r);
      r = n;
    }
    if (r && kind == INTERSECTION_UPDATE) {
      take_body(rt, so, r);
      *out = sl_none();
      return 0;
    }
    break;
  case DIFFERENCE:
    if (!a->npos) {
      r = sl__set_copy(rt, so, so->type);
      break;
    }
    if (sl__is_anyset(a->pos[0])) r = sl__set_difference(rt, so, a->pos[0].u.o, so->type);
    else if ((r = sl__set_copy(rt, so, so->type))) rc = discard_all(rt, r, a->pos[0]);
    for (size_t i = 1; r && i < a->npos && !rc; i++) rc = discard_all(rt, r, a->pos[i]);
    break;
  case DIFFERENCE_UPDATE:
    for (size_t i = 0; i < a->npos && !rc; i++) rc = discard_all(rt, so, a->pos[i]);
    if (rc) return -1;
    *out = sl_none();
    return 0;
  case SYMDIFF:
  case SYMDIFF_UPDATE: {
    sl_obj *other = sl__is_anyset(a->pos[0]) ? a->pos[0].u.o : NULL;
    bool owned = false;
    if (!other) {
      if (!(other = set_of(rt, so->type, a->pos[0]))) return -1;
      owned = true;
    }
    if (kind == SYMDIFF_UPDATE) {
      rc = sl__set_symdiff_update(rt, so, other);
      if (owned) sl_decref(rt, other);
      if (rc) return -1;
      *out = sl_none();
      return 0;
    }
    if (owned) {
      /* set_symmetric_difference: the iterable's set, updated with self. */
      rc = sl__set_symdiff_update(rt, other, so);
      r = other;
    } else {
      r = sl__set_symdiff(rt, so, other, so->type);
    }
    break;
  }
  }
  if (!r || rc) {
    sl_decref(rt, r);
    return -1;
  }
  *out = sl_obj_val(r);
  return 0;
}

#define SET_ALGEBRA(fn, kind, name)                                                      \
  static int fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {              \
    return set_algebra(rt, self, a, out, kind, name);                                     \
  }
SET_ALGEBRA(set_union, UNION, "set.union")
SET_ALGEBRA(set_intersection, INTERSECTION, "set.intersection")
SET_ALGEBRA(set_difference, DIFFERENCE, "set.difference")
SET_ALGEBRA(set_symdiff, SYMDIFF, "set.symmetric_difference")
SET_ALGEBRA(set_intersection_update, INTERSECTION_UPDATE, "set.intersection_update")
SET_ALGEBRA(set_difference_update, DIFFERENCE_UPDATE, "set.difference_update")
SET_ALGEBRA(set_symdiff_update, SYMDIFF_UPDATE, "set.symmetric_difference_update")

static int set_add(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "set.add");
  return sl_set_add(rt, self.u.o, a->pos[0]);
}

static int set_discard(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "set.discard");
  bool found;
  return sl_set_discard(rt, self.u.o, a->pos[0], &found);
}

static int set_remove(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "set.remove");
  bool found;
  if (sl_set_discard(rt, self.u.o, a->pos[0], &found)) return -1;
  if (found) return 0;
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &a->pos[0], 1);
  return e ? sl_err_restore(rt, e) : -1;
}

static int set_pop(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "set.pop");
  if (!sl__set_pop(rt, self.u.o, out))
    return sl_raise(rt, SL_EXC_KEY_ERROR, "pop from an empty set");
  return 0;
}

static int set_update(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "set.update() takes no keyword arguments");
  for (size_t i = 0; i < a->npos; i++)
    if (sl__set_update(rt, self.u.o, a->pos[i])) return -1;
  return 0;
}

/* Turns an argument into a set to operate with (borrowed if already one). */
static int as_set(sl_rt *rt, sl_value v, sl_obj **s, bool *owned) {
  *owned = false;
  if (sl__is_anyset(v)) {
    *s = v.u.o;
    return 0;
  }
  *s = sl_set_new(rt);
  if (!*s) return -1;
  *owned = true;
  if (sl__set_update(rt, *s, v)) {
    sl_decref(rt, *s);
    return -1;
  }
  return 0;
}

static int set_relation(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int which) {
  static const char *const names[] = {"set.issubset", "set.issuperset", "set.isdisjoint"};
  CHECK(1, 1, names[which]);
  sl_obj *other;
  bool owned, res = false;
  if (as_set(rt, a->pos[0], &other, &owned)) return -1;
  int rc;
  if (which == 0) rc = sl__richcompare(rt, SL_CMP_LTE, self, sl_obj_val(other), &res);
  else if (which == 1) rc = sl__richcompare(rt, SL_CMP_GTE, self, sl_obj_val(other), &res);
  else {
    sl_value r;
    rc = sl__set_binop(rt, SL_BIN_BITAND, self.u.o, other, &sl_set_type, &r);
    if (!rc) {
      res = sl_set_len(r.u.o) == 0;
      sl_vdecref(rt, r);
    }
  }
  if (owned) sl_decref(rt, other);
  if (rc) return -1;
  *out = sl_bool(res);
  return 0;
}
static int set_issubset(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return set_relation(rt, self, a, out, 0);
}
static int set_issuperset(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return set_relation(rt, self, a, out, 1);
}
static int set_isdisjoint(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return set_relation(rt, self, a, out, 2);
}

static int set_copy(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "set.copy");
  if (self.u.o->type == &sl_frozenset_type) {
    *out = sl_vincref(self);
    return 0;
  }
  sl_obj *o = sl__htable_copy(rt, self.u.o, self.u.o->type);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static const sl_cfunc_def set_methods[] = {
    {"set.add", set_add, NULL, 0},
    {"set.discard", set_discard, NULL, 0},
    {"set.remove", set_remove, NULL, 0},
    {"set.pop", set_pop, NULL, 0},
    {"set.update", set_update, NULL, 0},
    {"set.clear", htable_clear_m, NULL, 0},
    {"set.intersection_update", set_intersection_update, NULL, 0},
    {"set.difference_update", set_difference_update, NULL, 0},
    {"set.symmetric_difference_update", set_symdiff_update, NULL, 0},
    /* Shared with frozenset from here on. */
    {"set.union", set_union, NULL, 0},
    {"set.intersection", set_intersection, NULL, 0},
    {"set.difference", set_difference, NULL, 0},
    {"set.symmetric_difference", set_symdiff, NULL, 0},
    {"set.issubset", set_issubset, NULL, 0},
    {"set.issuperset", set_issuperset, NULL, 0},
    {"set.isdisjoint", set_isdisjoint, NULL, 0},
    {"set.copy", set_copy, NULL, 0},
    {NULL, NULL, NULL, 0}};
#define FROZEN_FROM 9

int sl__set_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  bool frozen = self.u.o->type == &sl_frozenset_type;
  return sl_methods_lookup(rt, self, frozen ? set_methods + FROZEN_FROM : set_methods, name, out);
}
