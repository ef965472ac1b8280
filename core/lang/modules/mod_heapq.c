/* The `heapq` and `bisect` modules. heapq mirrors Modules/_heapqmodule.c
 * step for step (siftdown/siftup with the same comparisons, so a heap of
 * equal keys pops in CPython's order: heapq is not stable, NOTES.md), with
 * `<` going through the language (a class's __lt__ runs). nlargest and
 * nsmallest return what CPython documents them to equal,
 * sorted(iterable, key=key[, reverse=True])[:n]. bisect mirrors
 * Modules/_bisectmodule.c (lo/hi, key= from 3.10). */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* a < b, also checking that the heap kept its size (a comparison runs
 * user code). 1 true, 0 false, -1 error. */
static int less(sl_rt *rt, sl_list *heap, size_t size, sl_value a, sl_value b) {
  a = sl_vincref(a), b = sl_vincref(b);
  bool lt;
  int rc = sl_compare(rt, SL_CMP_LT, a, b, &lt);
  sl_vdecref(rt, a);
  sl_vdecref(rt, b);
  if (rc) return -1;
  if (heap->len != size)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "list changed size during iteration");
  return lt;
}

static int siftdown(sl_rt *rt, sl_list *heap, size_t start, size_t pos) {
  size_t size = heap->len;
  sl_value item = heap->items[pos];
  while (pos > start) {
    size_t parent = (pos - 1) >> 1;
    int lt = less(rt, heap, size, item, heap->items[parent]);
    if (lt < 0) return -1;
    if (!lt) break;
    /* swap, as the C implementation does */
    sl_value p = heap->items[parent];
    heap->items[parent] = heap->items[pos];
    heap->items[pos] = p;
    pos = parent;
  }
  return 0;
}

static int siftup(sl_rt *rt, sl_list *heap, size_t pos) {
  size_t end = heap->len, start = pos, limit = end >> 1;
  while (pos < limit) {
    size_t child = 2 * pos + 1;
    if (child + 1 < end) {
      int lt = less(rt, heap, end, heap->items[child], heap->items[child + 1]);
      if (lt < 0) return -1;
      child += !lt;
    }
    sl_value t = heap->items[child];
    heap->items[child] = heap->items[pos];
    heap->items[pos] = t;
    pos = child;
  }
  return siftdown(rt, heap, start, pos);
}

static int want_list(sl_rt *rt, const sl_args *args, size_t n, const char *fname) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", fname);
  if (args->npos != n) {
    if (n == 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)", fname,
                      args->npos);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected %zu arguments, got %zu", fname, n,
                    args->npos);
  }
  if (!sl_is_type(args->pos[0], &sl_list_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() argument%s must be list, not %s", fname,
                    n == 1 ? "" : " 1", sl_type_name(args->pos[0]));
  return 0;
}

static int f_heappush(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (want_list(rt, args, 2, "heappush")) return -1;
  sl_obj *l = args->pos[0].u.o;
  if (sl_list_append(rt, l, args->pos[1])) return -1;
  if (siftdown(rt, sl_as_list(l), 0, sl_as_list(l)->len - 1)) return -1;
  return *out = sl_none(), 0;
}

static int pop_last(sl_rt *rt, sl_list *l, sl_value *out) {
  if (!l->len) return sl_raise(rt, SL_EXC_INDEX_ERROR, "index out of range");
  *out = l->items[--l->len];
  return 0;
}

static int f_heappop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (want_list(rt, args, 1, "heappop")) return -1;
  sl_list *l = sl_as_list(args->pos[0].u.o);
  sl_value last;
  if (pop_last(rt, l, &last)) return -1;
  if (!l->len) return *out = last, 0;
  *out = l->items[0];
  l->items[0] = last;
  if (siftup(rt, l, 0)) return -1;
  return 0;
}

static int f_heapreplace(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (want_list(rt, args, 2, "heapreplace")) return -1;
  sl_list *l = sl_as_list(args->pos[0].u.o);
  if (!l->len) return sl_raise(rt, SL_EXC_INDEX_ERROR, "index out of range");
  *out = l->items[0];
  l->items[0] = sl_vincref(args->pos[1]);
  return siftup(rt, l, 0);
}

static int f_heappushpop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (want_list(rt, args, 2, "heappushpop")) return -1;
  sl_list *l = sl_as_list(args->pos[0].u.o);
  sl_value item = args->pos[1];
  if (!l->len) return *out = sl_vincref(item), 0;
  int lt = less(rt, l, l->len, l->items[0], item);
  if (lt < 0) return -1;
  if (!lt) return *out = sl_vincref(item), 0;
  *out = l->items[0];
  l->items[0] = sl_vincref(item);
  return siftup(rt, l, 0);
}

static int f_heapify(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (want_list(rt, args, 1, "heapify")) return -1;
  sl_list *l = sl_as_list(args->pos[0].u.o);
  for (size_t i = l->len / 2; i-- > 0;)
    if (siftup(rt, l, i)) return -1;
  return *out = sl_none(), 0;
}

/* sorted(iterable, key=key, reverse=rev)[:n] through the builtin. */
static int n_sorted(sl_rt *rt, const sl_args *args, bool rev, const char *fname, sl_value *out) {
  static const char *const names[] = {"n", "iterable", "key"};
  sl_value a[3];
  if (sl_args_bind(rt, args, fname, names, 3, 2, 2, a)) return -1;
  int64_t n;
  if (!sl_as_index(a[0], &n))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a[0]));
  sl_value sorted;
  bool found = false;
  if (sl_dict_get_str(rt, sl_builtins_dict(rt), "sorted", &sorted, &found)) return -1;
  sl_obj *kn = sl_str_from_cstr(rt, "key"), *rn = sl_str_from_cstr(rt, "reverse");
  sl_obj *kwn[2] = {kn, rn};
  sl_value kwv[2] = {sl_is_undef(a[2]) ? sl_none() : a[2], sl_bool(rev)};
  sl_args call = {&a[1], 1, kwv, kwn, 2};
  sl_value res;
  int rc = !kn || !rn || !found ? -1 : sl_vm_call(rt, sorted, &call, &res);
  sl_decref(rt, kn);
  sl_decref(rt, rn);
  if (found) sl_vdecref(rt, sorted);
  if (rc) return -1;
  sl_list *l = sl_as_list(res.u.o);
  size_t keep = n <= 0 ? 0 : (size_t)n < l->len ? (size_t)n : l->len;
  while (l->len > keep) sl_vdecref(rt, l->items[--l->len]);
  return *out = res, 0;
}

static int f_nlargest(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return n_sorted(rt, args, true, "nlargest", out);
}

static int f_nsmallest(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return n_sorted(rt, args, false, "nsmallest", out);
}

static const sl_cfunc_def heapq_funcs[] = {
    {"heappush", f_heappush, NULL, 0},       {"heappop", f_heappop, NULL, 0},
    {"heapreplace", f_heapreplace, NULL, 0}, {"heappushpop", f_heappushpop, NULL, 0},
    {"heapify", f_heapify, NULL, 0},         {"nlargest", f_nlargest, NULL, 0},
    {"nsmallest", f_nsmallest, NULL, 0},     {NULL, NULL, NULL, 0},
};

int sl_mod_heapq_init(sl_rt *rt, sl_obj *module_dict) {
  return sl_stdmod_add_funcs(rt, module_dict, heapq_funcs);
}

/* ---- bisect ----------------------------------------------------------------- */

/* The insertion point of x in a[lo:hi] (right: after equal items). */
static int bisect(sl_rt *rt, const sl_args *args, bool right, const char *fname, sl_value *x_out,
                  sl_value *key_out, int64_t *at) {
  static const char *const names[] = {"a", "x", "lo", "hi", "key"};
  sl_value a[5];
  if (sl_args_bind(rt, args, fname, names, 5, 2, 4, a)) return -1;
  int64_t lo = 0, hi;
  if (!sl_is_undef(a[2]) && !sl_as_index(a[2], &lo))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a[2]));
  if (lo < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "lo must be non-negative");
  if (sl_is_undef(a[3]) || sl_is_none(a[3])) {
    if (sl_len(rt, a[0], &hi)) return -1;
  } else if (!sl_as_index(a[3], &hi)) {
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a[3]));
  }
  sl_value key = sl_is_undef(a[4]) ? sl_none() : a[4], x = a[1];
  if (x_out) *x_out = x, *key_out = key;
  /* insort with a key compares key(x) with key(a[mid]). */
  sl_value kx = sl_vincref(x);
  if (x_out && !sl_is_none(key)) {
    sl_vdecref(rt, kx);
    if (sl_vm_call_pos(rt, key, &x, 1, &kx)) return -1;
  }
  int rc = 0;
  while (lo < hi && !rc) {
    int64_t mid = lo + (hi - lo) / 2;
    sl_value item, k;
    if ((rc = sl_getitem(rt, a[0], sl_int(mid), &item))) break;
    if (!sl_is_none(key)) {
      rc = sl_vm_call_pos(rt, key, &item, 1, &k);
      sl_vdecref(rt, item);
      if (rc) break;
    } else {
      k = item;
    }
    bool lt;
    rc = right ? sl_compare(rt, SL_CMP_LT, kx, k, &lt) : sl_compare(rt, SL_CMP_LT, k, kx, &lt);
    sl_vdecref(rt, k);
    if (rc) break;
    if (right) {
      if (lt)
        hi = mid;
      else
        lo = mid + 1;
    } else {
      if (lt)
        lo = mid + 1;
      else
        hi = mid;
    }
  }
  sl_vdecref(rt, kx);
  *at = lo;
  return rc ? -1 : 0;
}

static int f_bisect_right(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  int64_t at;
  if (bisect(rt, args, true, "bisect_right", NULL, NULL, &at)) return -1;
  return *out = sl_int(at), 0;
}

static int f_bisect_left(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  int64_t at;
  if (bisect(rt, args, false, "bisect_left", NULL, NULL, &at)) return -1;
  return *out = sl_int(at), 0;
}

/* a.insert(at, x) through the list's own method (any mutable sequence). */
static int insort(sl_rt *rt, const sl_args *args, bool right, const char *fname, sl_value *out) {
  int64_t at;
  sl_value x, key;
  if (bisect(rt, args, right, fname, &x, &key, &at)) return -1;
  sl_value ins;
  if (sl_lang_getattr(rt, args->pos[0], "insert", &ins)) return -1;
  sl_value argv[2] = {sl_int(at), x}, r;
  int rc = sl_vm_call_pos(rt, ins, argv, 2, &r);
  sl_vdecref(rt, ins);
  if (rc) return -1;
  sl_vdecref(rt, r);
  return *out = sl_none(), 0;
}

static int f_insort_right(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return insort(rt, args, true, "insort_right", out);
}

static int f_insort_left(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return insort(rt, args, false, "insort_left", out);
}

static const sl_cfunc_def bisect_funcs[] = {
    {"bisect_right", f_bisect_right, NULL, 0},
    {"bisect_left", f_bisect_left, NULL, 0},
    {"insort_right", f_insort_right, NULL, 0},
    {"insort_left", f_insort_left, NULL, 0},
    {"bisect", f_bisect_right, NULL, 0},
    {"insort", f_insort_right, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_bisect_init(sl_rt *rt, sl_obj *module_dict) {
  return sl_stdmod_add_funcs(rt, module_dict, bisect_funcs);
}
