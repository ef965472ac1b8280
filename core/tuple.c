/* tuple and list storage and their generic slots (see tuple.h). The
 * language adds their methods. */
#include "core/tuple.h"

#include <string.h>

#include "core/alloc.h"
#include "core/rt.h"

int sl_seq_repr(sl_rt *rt, const sl_value *items, size_t len, const char *open, const char *close,
                bool trailing_comma, sl_strbuf *out) {
  sl_strbuf_puts(out, open);
  for (size_t i = 0; i < len; i++) {
    if (i) sl_strbuf_puts(out, ", ");
    if (sl_repr(rt, items[i], out)) return -1;
  }
  if (trailing_comma && len == 1) sl_strbuf_putc(out, ',');
  sl_strbuf_puts(out, close);
  return 0;
}

/* Element-wise equality of two sequences. */
static int seq_eq(sl_rt *rt, const sl_value *a, size_t na, const sl_value *b, size_t nb,
                  bool *res) {
  *res = false;
  if (na != nb) return 0;
  for (size_t i = 0; i < na; i++) {
    bool same;
    if (sl_is(a[i], b[i])) continue;
    if (sl_eq(rt, a[i], b[i], &same)) return -1;
    if (!same) return 0;
  }
  *res = true;
  return 0;
}

/* Lexicographic <, as Python compares sequences. */
static int seq_lt(sl_rt *rt, const sl_value *a, size_t na, const sl_value *b, size_t nb,
                  bool *res) {
  size_t n = na < nb ? na : nb;
  for (size_t i = 0; i < n; i++) {
    bool same;
    if (sl_is(a[i], b[i])) continue;
    if (sl_eq(rt, a[i], b[i], &same)) return -1;
    if (!same) return sl_lt(rt, a[i], b[i], res);
  }
  *res = na < nb;
  return 0;
}

static void tuple_clear(sl_rt *rt, sl_obj *o) {
  sl_tuple *t = sl_as_tuple(o);
  sl_vdecref_back(rt, t->items, t->len);
  t->len = 0;
}

static int tuple_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  return sl_seq_repr(rt, sl_as_tuple(o)->items, sl_as_tuple(o)->len, "(", ")", true, out);
}

static int tuple_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (!sl_is_type(b, &sl_tuple_type)) {
    *res = false;
    return 0;
  }
  sl_tuple *x = sl_as_tuple(a), *y = sl_as_tuple(b.u.o);
  return seq_eq(rt, x->items, x->len, y->items, y->len, res);
}

static int tuple_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  sl_tuple *x = sl_as_tuple(a), *y = sl_as_tuple(b.u.o);
  return seq_lt(rt, x->items, x->len, y->items, y->len, res);
}

/* tuplehash: the xxHash-style lane mixing CPython 3.8+ uses, so a set of
 * tuples of ints lays out (and prints) as CPython's does. */
static int tuple_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  const uint64_t p1 = 11400714785074694791ULL, p2 = 14029467366897019727ULL,
                 p5 = 2870177450012600261ULL;
  sl_tuple *t = sl_as_tuple(o);
  uint64_t acc = p5;
  for (size_t i = 0; i < t->len; i++) {
    int64_t lane;
    if (sl_hash(rt, t->items[i], &lane)) return -1;
    acc += (uint64_t)lane * p2;
    acc = (acc << 31) | (acc >> 33);
    acc *= p1;
  }
  acc += (uint64_t)t->len ^ (p5 ^ 3527539ULL);
  *out = acc == UINT64_MAX ? 1546275796 : (int64_t)acc;
  return 0;
}

static int tuple_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = sl_as_tuple(o)->len != 0;
  return 0;
}

static size_t tuple_var_size(const sl_obj *o) {
  return sizeof(sl_tuple) + ((const sl_tuple *)o)->len * sizeof(sl_value);
}

const sl_type sl_tuple_type = {.name = "tuple",
                               .clear = tuple_clear,
                               .repr = tuple_repr,
                               .eq = tuple_eq,
                               .lt = tuple_lt,
                               .hash = tuple_hash,
                               .truth = tuple_truth,
                               .flags = SL_TF_REPR_GUARD | SL_TF_STABLE_ATTRS,
                               .size = sizeof(sl_tuple),
                               .var_size = tuple_var_size};

sl_obj *sl_tuple_new(sl_rt *rt, const sl_value *items, size_t len) {
  sl_obj *o = sl_obj_alloc_size(rt, &sl_tuple_type, sizeof(sl_tuple) + len * sizeof(sl_value));
  if (!o) return NULL;
  sl_tuple *t = sl_as_tuple(o);
  t->len = len;
  for (size_t i = 0; i < len; i++) t->items[i] = sl_vincref(items[i]);
  return o;
}

static void list_clear(sl_rt *rt, sl_obj *o) {
  sl_list *l = sl_as_list(o);
  sl_vdecref_back(rt, l->items, l->len);
  l->len = 0;
}

static void list_release(sl_obj *o) { sl_free(sl_as_list(o)->items); }

static int list_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  return sl_seq_repr(rt, sl_as_list(o)->items, sl_as_list(o)->len, "[", "]", false, out);
}

static int list_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (!sl_is_type(b, &sl_list_type)) {
    *res = false;
    return 0;
  }
  sl_list *x = sl_as_list(a), *y = sl_as_list(b.u.o);
  return seq_eq(rt, x->items, x->len, y->items, y->len, res);
}

static int list_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  sl_list *x = sl_as_list(a), *y = sl_as_list(b.u.o);
  return seq_lt(rt, x->items, x->len, y->items, y->len, res);
}

static int list_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = sl_as_list(o)->len != 0;
  return 0;
}

const sl_type sl_list_type = {.name = "list",
                              .clear = list_clear,
                              .release = list_release,
                              .repr = list_repr,
                              .eq = list_eq,
                              .lt = list_lt,
                              .unhashable = true,
                              .truth = list_truth,
                              .flags = SL_TF_REPR_GUARD | SL_TF_STABLE_ATTRS,
                              .size = sizeof(sl_list)};

int sl_list_reserve(sl_rt *rt, sl_obj *list, size_t cap) {
  sl_list *l = sl_as_list(list);
  if (cap <= l->cap) return 0;
  size_t newcap = l->cap ? l->cap : 4;
  while (newcap < cap) newcap *= 2;
  sl_value *grown = sl_realloc(l->items, newcap * sizeof *grown);
  if (!grown) return sl_nomem(rt);
  l->items = grown;
  l->cap = newcap;
  return 0;
}

sl_obj *sl_list_new(sl_rt *rt, const sl_value *items, size_t len) {
  sl_obj *o = sl_obj_alloc(rt, &sl_list_type);
  if (!o) return NULL;
  if (sl_list_reserve(rt, o, len)) {
    sl_decref(rt, o);
    return NULL;
  }
  sl_list *l = sl_as_list(o);
  for (size_t i = 0; i < len; i++) l->items[i] = sl_vincref(items[i]);
  l->len = len;
  return o;
}

int sl__list_append_grow(sl_rt *rt, sl_obj *list, sl_value v) {
  sl_list *l = sl_as_list(list);
  if (sl_list_reserve(rt, list, l->len + 1)) return -1;
  l->items[l->len++] = sl_vincref(v);
  return 0;
}
