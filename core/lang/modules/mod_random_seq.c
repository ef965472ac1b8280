/* Random's sequence methods: choice, shuffle, sample, choices. Mirrors
 * Lib/random.py's Python code step for step (the same calls to
 * _randbelow and random(), in the same order), so the draws match. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/modules/mod_random-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static sl_random *self_of(sl_value self) { return (sl_random *)self.u.o; }

static int item_at(sl_rt *rt, sl_value seq, int64_t i, sl_value *out) {
  return sl_getitem(rt, seq, sl_int(i), out);
}

int sl__random_choice(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"seq"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "Random.choice", names, 1, 1, 1, a)) return -1;
  int64_t n;
  if (sl_len(rt, a[0], &n)) return -1;
  if (!n) return sl_raise(rt, SL_EXC_INDEX_ERROR, "Cannot choose from an empty sequence");
  return item_at(rt, a[0], (int64_t)sl_random_below(self_of(self), (uint64_t)n), out);
}

int sl__random_shuffle(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"x"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "Random.shuffle", names, 1, 1, 1, a)) return -1;
  int64_t n;
  if (sl_len(rt, a[0], &n)) return -1;
  /* for i in reversed(range(1, len(x))): j = randbelow(i + 1); x[i], x[j] = x[j], x[i] */
  for (int64_t i = n - 1; i >= 1; i--) {
    int64_t j = (int64_t)sl_random_below(self_of(self), (uint64_t)i + 1);
    sl_value xj, xi;
    if (item_at(rt, a[0], j, &xj)) return -1;
    if (item_at(rt, a[0], i, &xi)) {
      sl_vdecref(rt, xj);
      return -1;
    }
    int rc = sl_setitem(rt, a[0], sl_int(i), xj);
    if (!rc) rc = sl_setitem(rt, a[0], sl_int(j), xi);
    sl_vdecref(rt, xj);
    sl_vdecref(rt, xi);
    if (rc) return -1;
  }
  *out = sl_none();
  return 0;
}

/* isinstance(population, collections.abc.Sequence) for the built-in types. */
static bool is_sequence(sl_value v) {
  return sl_is_type(v, &sl_list_type) || sl_is_type(v, &sl_tuple_type) || sl_is_str(v) ||
         sl_is_type(v, &sl_range_type) || sl_is_type(v, &sl_bytes_type);
}

/* The indexes sample() picks: k of them out of range(n), in selection
 * order, drawn exactly as random.py draws them. idx has room for k. */
static int sample_indexes(sl_rt *rt, sl_random *r, int64_t n, int64_t k, int64_t *idx) {
  int64_t setsize = 21; /* size of a small set minus size of an empty list */
  if (k > 5) setsize += (int64_t)pow(4.0, ceil(log((double)(k * 3)) / log(4.0)));
  if (n <= setsize) {
    /* pool = list(population); result[i] = pool[j]; pool[j] = pool[n - i - 1] */
    int64_t *pool = sl_malloc((size_t)(n ? n : 1) * sizeof *pool);
    if (!pool) return sl_nomem(rt);
    for (int64_t i = 0; i < n; i++) pool[i] = i;
    for (int64_t i = 0; i < k; i++) {
      int64_t j = (int64_t)sl_random_below(r, (uint64_t)(n - i));
      idx[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
    sl_free(pool);
    return 0;
  }
  for (int64_t i = 0; i < k; i++) {
    int64_t j;
    bool taken;
    do {
      j = (int64_t)sl_random_below(r, (uint64_t)n);
      taken = false;
      for (int64_t q = 0; q < i && !taken; q++) taken = idx[q] == j;
    } while (taken);
    idx[i] = j;
  }
  return 0;
}

/* sample(population, k, *, counts=None) with counts: the population repeated,
 * sampled as sample(range(total), k) then mapped back through bisect. */
static int counts_total(sl_rt *rt, sl_value counts, int64_t n, int64_t **cum, int64_t *total) {
  sl_obj *list;
  if (sl_list_from_iterable(rt, counts, &list)) return -1;
  sl_list *l = sl_as_list(list);
  int rc = 0;
  if ((int64_t)l->len != n) {
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "The number of counts does not match the population");
    goto out;
  }
  *cum = sl_malloc((l->len ? l->len : 1) * sizeof **cum);
  if (!*cum) {
    rc = sl_nomem(rt);
    goto out;
  }
  int64_t acc = 0;
  for (size_t i = 0; i < l->len; i++) {
    int64_t c;
    if (!sl_as_index(l->items[i], &c) || l->items[i].tag == SL_V_BOOL) {
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "Counts must be integers");
      goto out;
    }
    acc += c;
    (*cum)[i] = acc;
  }
  *total = acc;
  if (rt->profile->minor >= 14 ? acc < 0 : acc <= 0)
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s",
                  rt->profile->minor >= 14 ? "Counts must be non-negative"
                                           : "Total of counts must be greater than zero");
out:
  if (rc) {
    sl_free(*cum);
    *cum = NULL;
  }
  sl_decref(rt, list);
  return rc;
}

int sl__random_sample(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"population", "k", "counts"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "Random.sample", names, 3, 2, 2, a)) return -1;
  if (!is_sequence(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Population must be a sequence.  For dicts or sets, use sorted(d).");
  int64_t n, k;
  if (sl_len(rt, a[0], &n)) return -1;
  int64_t *cum = NULL, total = n;
  bool counted = !sl_is_undef(a[2]) && !sl_is_none(a[2]);
  if (counted && counts_total(rt, a[2], n, &cum, &total)) return -1;
  if (!sl_as_index(a[1], &k)) {
    sl_free(cum);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a[1]));
  }
  if (k < 0 || k > total) {
    sl_free(cum);
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "Sample larger than population or is negative");
  }
  int64_t *idx = sl_malloc((size_t)(k ? k : 1) * sizeof *idx);
  sl_obj *list = sl_list_new(rt, NULL, 0);
  int rc = !idx || !list ? sl_nomem(rt) : sample_indexes(rt, self_of(self), total, k, idx);
  for (int64_t i = 0; !rc && i < k; i++) {
    int64_t at = idx[i];
    if (counted) {
      /* population[bisect(cum_counts, s)]: cum_counts without its total */
      int64_t lo = 0, hi = n - 1;
      while (lo < hi) {
        int64_t mid = (lo + hi) / 2;
        if (at < cum[mid])
          hi = mid;
        else
          lo = mid + 1;
      }
      at = lo;
    }
    sl_value x;
    rc = item_at(rt, a[0], at, &x);
    if (!rc) {
      rc = sl_list_append(rt, list, x);
      sl_vdecref(rt, x);
    }
  }
  sl_free(idx);
  sl_free(cum);
  if (rc) {
    sl_decref(rt, list);
    return -1;
  }
  *out = sl_obj_val(list);
  return 0;
}

/* cum_weights = list(accumulate(weights)) */
static int accumulate(sl_rt *rt, sl_value weights, sl_obj **out) {
  sl_obj *list;
  if (sl_list_from_iterable(rt, weights, &list)) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_TYPE_ERROR) && weights.tag == SL_V_INT) {
      sl_err_clear(rt);
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "The number of choices must be a keyword argument: k=%lld",
                      (long long)weights.u.i);
    }
    return -1;
  }
  sl_list *l = sl_as_list(list);
  for (size_t i = 1; i < l->len; i++) {
    sl_value s;
    if (sl_binary_op(rt, SL_BIN_ADD, l->items[i - 1], l->items[i], &s)) {
      sl_decref(rt, list);
      return -1;
    }
    sl_vdecref(rt, l->items[i]);
    l->items[i] = s;
  }
  *out = list;
  return 0;
}

static int choices_weighted(sl_rt *rt, sl_random *r, sl_value population, int64_t n,
                            sl_obj *cumlist, int64_t k, sl_obj *result) {
  sl_list *cw = sl_as_list(cumlist);
  if ((int64_t)cw->len != n)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "The number of weights does not match the population");
  if (!cw->len) return sl_raise(rt, SL_EXC_INDEX_ERROR, "list index out of range");
  sl_value t;
  if (sl_binary_op(rt, SL_BIN_ADD, cw->items[cw->len - 1], sl_float(0.0), &t)) return -1;
  double total = t.tag == SL_V_FLOAT ? t.u.f : 0.0;
  sl_vdecref(rt, t);
  if (!(total > 0.0)) {
    if (isnan(total)) return sl_raise(rt, SL_EXC_VALUE_ERROR, "Total of weights must be finite");
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "Total of weights must be greater than zero");
  }
  if (!isfinite(total)) return sl_raise(rt, SL_EXC_VALUE_ERROR, "Total of weights must be finite");
  for (int64_t i = 0; i < k; i++) {
    /* bisect(cum_weights, random() * total, 0, n - 1) */
    sl_value x = sl_float(sl_mt_random(&r->mt) * total);
    int64_t lo = 0, hi = n - 1;
    while (lo < hi) {
      int64_t mid = (lo + hi) / 2;
      bool lt;
      if (sl_compare(rt, SL_CMP_LT, x, cw->items[mid], &lt)) return -1;
      if (lt)
        hi = mid;
      else
        lo = mid + 1;
    }
    sl_value v;
    if (item_at(rt, population, lo, &v)) return -1;
    int rc = sl_list_append(rt, result, v);
    sl_vdecref(rt, v);
    if (rc) return -1;
  }
  return 0;
}

int sl__random_choices(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"population", "weights", "cum_weights", "k"};
  sl_value a[4];
  if (sl_args_bind(rt, args, "Random.choices", names, 4, 1, 2, a)) return -1;
  sl_random *r = self_of(self);
  int64_t n, k = 1;
  if (sl_len(rt, a[0], &n)) return -1;
  if (!sl_is_undef(a[3]) && !sl_as_index(a[3], &k))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a[3]));
  bool has_w = !sl_is_undef(a[1]) && !sl_is_none(a[1]);
  bool has_cw = !sl_is_undef(a[2]) && !sl_is_none(a[2]);
  sl_obj *result = sl_list_new(rt, NULL, 0);
  if (!result) return -1;
  int rc = 0;
  if (!has_cw && !has_w) {
    double fn = (double)n;
    for (int64_t i = 0; !rc && i < k; i++) {
      sl_value v;
      rc = item_at(rt, a[0], (int64_t)floor(sl_mt_random(&r->mt) * fn), &v);
      if (!rc) {
        rc = sl_list_append(rt, result, v);
        sl_vdecref(rt, v);
      }
    }
  } else if (has_cw && has_w) {
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "Cannot specify both weights and cumulative weights");
  } else {
    sl_obj *cum = NULL;
    rc = has_w ? accumulate(rt, a[1], &cum) : sl_list_from_iterable(rt, a[2], &cum);
    if (!rc) rc = choices_weighted(rt, r, a[0], n, cum, k, result);
    sl_decref(rt, cum);
  }
  if (rc) {
    sl_decref(rt, result);
    return -1;
  }
  *out = sl_obj_val(result);
  return 0;
}
