/* Iteration: iter()/next() over the built-in containers, range objects,
 * dict views, and the lazy iterators enumerate, zip, map, filter and
 * reversed. Mirrors Objects/iterobject.c, listobject.c (listiter),
 * dictobject.c (dictiter, dictview), rangeobject.c, enumobject.c and
 * bltinmodule.c (zip, map, filter). */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/vm-int.h"
#include "core/lang/iter-int.h"

/* ---- range ------------------------------------------------------------------ */

static int range_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  *out = ((sl_range *)o)->len;
  return 0;
}

static int range_iter(sl_rt *rt, sl_obj *o, sl_value *out);

static int range_contains(sl_rt *rt, sl_obj *o, sl_value item, bool *res) {
  sl_range *r = (sl_range *)o;
  *res = false;
  int64_t v;
  if (item.tag == SL_V_FLOAT) {
    /* Falls back to comparing with every element, as CPython does. */
    for (int64_t i = 0; i < r->len && !*res; i++)
      if (sl_eq(rt, sl_int(r->start + i * r->step), item, res)) return -1;
    return 0;
  }
  if (!sl_as_index(item, &v)) return 0;
  if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return 0;
  *res = ((v - r->start) % r->step) == 0;
  return 0;
}

static int range_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_range *r = (sl_range *)o;
  if (r->step == 1)
    sl_strbuf_printf(out, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
  else
    sl_strbuf_printf(out, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop,
                     (long long)r->step);
  return 0;
}

/* Ranges are equal when they describe the same sequence (range_richcompare). */
static int range_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (sl_is_type(b, &sl__longrange_type)) return sl__longrange_eq(rt, b.u.o, sl_obj_val(a), res);
  if (!sl_is_type(b, &sl_range_type)) return 0;
  sl_range *x = (sl_range *)a, *y = (sl_range *)b.u.o;
  if (x->len != y->len) return 0;
  if (x->len == 0)
    *res = true;
  else if (x->start != y->start)
    *res = false;
  else
    *res = x->len == 1 || x->step == y->step;
  return 0;
}

static int range_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = ((sl_range *)o)->len != 0;
  return 0;
}

/* range_hash: hash((len, start, step)) with None for what does not matter. */
static int range_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  sl_range *r = (sl_range *)o;
  sl_value t[3] = {sl_int(r->len), r->len ? sl_int(r->start) : sl_none(),
                   r->len > 1 ? sl_int(r->step) : sl_none()};
  sl_obj *tup = sl_tuple_new(rt, t, 3);
  if (!tup) return -1;
  int rc = sl_hash(rt, sl_obj_val(tup), out);
  sl_decref(rt, tup);
  return rc;
}

/* range.index / range.count: arithmetic for ints, else comparing with
 * every element (_PySequence_IterSearch), as rangeobject.c does. */
static int range_search(sl_rt *rt, sl_obj *o, sl_value x, bool count, int64_t *res) {
  sl_range *r = (sl_range *)o;
  bool in;
  if (x.tag == SL_V_INT || x.tag == SL_V_BOOL) {
    if (range_contains(rt, o, x, &in)) return -1;
    *res = count ? in : in ? (sl__intval(x) - r->start) / r->step : -1;
    return 0;
  }
  *res = count ? 0 : -1;
  for (int64_t i = 0; i < r->len; i++) {
    if (sl_eq(rt, sl_int(r->start + i * r->step), x, &in)) return -1;
    if (!in) continue;
    if (!count) return *res = i, 0;
    ++*res;
  }
  return 0;
}

static int range_index_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "index", 1, 1)) return -1;
  int64_t i;
  if (range_search(rt, self.u.o, a->pos[0], false, &i)) return -1;
  if (i >= 0) return *out = sl_int(i), 0;
  if (a->pos[0].tag == SL_V_INT || a->pos[0].tag == SL_V_BOOL) {
    if (sl__py_minor(rt) >= 14)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "range.index(x): x not in range");
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "%lld is not in range",
                    (long long)sl__intval(a->pos[0]));
  }
  return sl_raise(rt, SL_EXC_VALUE_ERROR, "sequence.index(x): x not in sequence");
}

static int range_count_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "count", 1, 1)) return -1;
  int64_t n;
  if (range_search(rt, self.u.o, a->pos[0], true, &n)) return -1;
  return *out = sl_int(n), 0;
}

const sl_cfunc_def sl__range_methods[] = {{"range.index", range_index_fn, NULL, 0},
                                          {"range.count", range_count_fn, NULL, 0},
                                          {NULL, NULL, NULL, 0}};

static const sl_lang_slots range_slots = {
    .len = range_len, .iter = range_iter, .contains = range_contains};

const sl_type sl_range_type = {.name = "range",
                               .repr = range_repr,
                               .eq = range_eq,
                               .hash = range_hash,
                               .truth = range_truth,
                               .lang = &range_slots,
                               .size = sizeof(sl_range)};

int sl_range_new(sl_rt *rt, int64_t start, int64_t stop, int64_t step, sl_value *out) {
  if (step == 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
  sl_obj *o = sl_obj_alloc(rt, &sl_range_type);
  if (!o) return -1;
  sl_range *r = (sl_range *)o;
  r->start = start, r->stop = stop, r->step = step;
  /* Length in unsigned arithmetic: stop - start may exceed int64. */
  uint64_t n = 0;
  if (step > 0 && start < stop)
    n = ((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1;
  else if (step < 0 && start > stop)
    n = ((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1;
  if (n > INT64_MAX) {
    sl_decref(rt, o);
    return sl_raise_int_overflow(rt);
  }
  r->len = (int64_t)n;
  *out = sl_obj_val(o);
  return 0;
}

/* ---- iterator objects ---------------------------------------------------------- */

static void iter_clear(sl_rt *rt, sl_obj *o) {
  sl__iter *it = (sl__iter *)o;
  sl_vset(rt, &it->src, sl_none());
  sl_vset(rt, &it->fn, sl_none());
  for (size_t i = 0; i < it->nits; i++) sl_vdecref(rt, it->its[i]);
  it->nits = 0;
}

static void iter_release(sl_obj *o) { sl_free(((sl__iter *)o)->its); }

static int iter_self(sl_rt *rt, sl_obj *o, sl_value *out) {
  *out = sl_vincref(sl_obj_val(o));
  return 0;
}

static int iter_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  /* CPython prints an address; simloop prints none rather than a fake one. */
  sl_strbuf_printf(out, "<%s object>", o->type->name);
  return 0;
}

/* Sequence iterators (list, tuple, str, bytes), forward or reverse. */
static int seqiter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it = (sl__iter *)o;
  if (sl_is_none(it->src)) return 0;
  sl_value s = it->src;
  if (s.tag == SL_V_OBJ && s.u.o->type == &sl_list_type && it->pos >= 0 &&
      (uint64_t)it->pos < sl_as_list(s.u.o)->len) {
    /* The common case first: a plain list with items left. */
    *out = sl_vincref(sl_as_list(s.u.o)->items[it->pos]);
    it->pos += it->step;
    return 1;
  }
  int64_t len;
  if (sl__len_base(rt, s, &len)) return -1;
  if (it->pos < 0 || it->pos >= len) {
    sl_vset(rt, &it->src, sl_none());
    return 0;
  }
  int64_t i = it->pos;
  it->pos += it->step;
  if (sl__is_list(s))
    *out = sl_vincref(sl_as_list(s.u.o)->items[i]);
  else if (sl__is_tuple(s))
    *out = sl_vincref(sl_as_tuple(s.u.o)->items[i]);
  else if (sl__is_bytes(s))
    *out = sl_int(sl_as_bytes(s.u.o)->data[i]);
  else if (sl_is_str(s)) {
    sl_strobj *str = sl_as_str(s.u.o);
    sl_obj *c;
    if (str->ascii) {
      c = sl_str_new(rt, str->data + i, 1);
    } else if (it->step == 1) {
      /* Forward: it->aux is the byte offset of code point i, so a walk over
       * a non-ASCII str stays O(n). */
      unsigned char b = (unsigned char)str->data[it->aux];
      size_t l = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      c = sl_str_new(rt, str->data + it->aux, l);
      it->aux += (int64_t)l;
    } else {
      c = sl_str_slice_cp(rt, s.u.o, i, i + 1);
    }
    if (!c) return -1;
    *out = sl_obj_val(c);
  } else
    return sl_getitem(rt, s, sl_int(i), out) ? -1 : 1;
  return 1;
}

/* Hash-table iterators (dict keys/values/items, set). */
static int htiter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it = (sl__iter *)o;
  if (sl_is_none(it->src)) return 0;
  sl__htable *t = sl__as_htable(it->src.u.o);
  if (t->len != (size_t)it->aux) {
    it->aux = -1; /* stays broken, as CPython's di_used = -1 */
    bool set = it->src.u.o->type != &sl_dict_type;
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR,
                    set ? "Set changed size during iteration"
                        : "dictionary changed size during iteration");
  }
  while ((size_t)it->pos < t->nentries) {
    sl__hentry *e = &t->entries[it->pos++];
    if (sl_is_undef(e->key)) continue;
    /* dictiter_iternextkey: an entry beyond the count the dict had when
     * iteration started means keys were deleted and others added. */
    if (it->src.u.o->type == &sl_dict_type && it->left-- == 0) {
      sl_vset(rt, &it->src, sl_none()); /* exhausted from now on */
      return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "dictionary keys changed during iteration");
    }
    if (o->type == &sl__dict_itemiter_type) {
      sl_value kv[2] = {e->key, e->value};
      sl_obj *tup = sl_tuple_new(rt, kv, 2);
      if (!tup) return -1;
      *out = sl_obj_val(tup);
    } else if (o->type == &sl__dict_valueiter_type) {
      *out = sl_vincref(e->value);
    } else {
      *out = sl_vincref(e->key);
    }
    return 1;
  }
  sl_vset(rt, &it->src, sl_none());
  return 0;
}

static int rangeiter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it = (sl__iter *)o;
  if (it->pos >= it->aux) return 0;
  sl_range *r = (sl_range *)it->src.u.o;
  *out = sl_int((int64_t)((uint64_t)r->start + (uint64_t)it->pos * (uint64_t)r->step));
  it->pos++;
  return 1;
}

static int enumerate_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it = (sl__iter *)o;
  sl_value x;
  int r = sl_iter_next(rt, it->src, &x);
  if (r <= 0) return r;
  if (it->pos == INT64_MAX) {
    sl_vdecref(rt, x);
    return sl_raise_int_overflow(rt);
  }
  sl_value kv[2] = {sl_int(it->pos++), x};
  sl_obj *tup = sl_tuple_new(rt, kv, 2);
  sl_vdecref(rt, x);
  if (!tup) return -1;
  *out = sl_obj_val(tup);
  return 1;
}

/* zip: one item from each iterator; strict= checks the lengths agree. */
static int zip_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it = (sl__iter *)o;
  if (it->nits == 0 || it->pos < 0) return 0;
  sl_value *items = sl_calloc(it->nits, sizeof *items);
  if (!items) return sl_nomem(rt);
  size_t got = 0;
  int r = 1;
  for (; got < it->nits; got++) {
    r = sl_iter_next(rt, it->its[got], &items[got]);
    if (r <= 0) break;
  }
  if (r == 1) {
    sl_obj *tup = sl_tuple_new(rt, items, it->nits);
    for (size_t i = 0; i < got; i++) sl_vdecref(rt, items[i]);
    sl_free(items);
    if (!tup) return -1;
    *out = sl_obj_val(tup);
    return 1;
  }
  for (size_t i = 0; i < got; i++) sl_vdecref(rt, items[i]);
  sl_free(items);
  it->pos = -1;
  if (r < 0 || !it->aux) return r;
  /* strict=True: every other iterator must be exhausted too. */
  if (got > 0)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "zip() argument %zu is shorter than argument%s%zu",
                    got + 1, got == 1 ? " " : "s 1-", got);
  for (size_t k = 1; k < it->nits; k++) {
    sl_value x;
    int rk = sl_iter_next(rt, it->its[k], &x);
    if (rk < 0) return -1;
    if (rk == 1) {
      sl_vdecref(rt, x);
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "zip() argument %zu is longer than argument%s%zu",
                      k + 1, k == 1 ? " " : "s 1-", k);
    }
  }
  return 0;
}

static int map_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it = (sl__iter *)o;
  sl_value *items = sl_calloc(it->nits + 1, sizeof *items);
  if (!items) return sl_nomem(rt);
  size_t got = 0;
  int r = 1;
  for (; got < it->nits; got++) {
    r = sl_iter_next(rt, it->its[got], &items[got]);
    if (r <= 0) break;
  }
  if (r == 1) r = sl_call_pos(rt, it->fn, items, it->nits, out) ? -1 : 1;
  for (size_t i = 0; i < got; i++) sl_vdecref(rt, items[i]);
  sl_free(items);
  return r;
}

static int filter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it = (sl__iter *)o;
  for (;;) {
    sl_value x, t;
    int r = sl_iter_next(rt, it->src, &x);
    if (r <= 0) return r;
    bool keep;
    if (sl_is_none(it->fn)) {
      if (sl_truth(rt, x, &keep)) goto fail;
    } else {
      if (sl_call_pos(rt, it->fn, &x, 1, &t)) goto fail;
      int rc = sl_truth(rt, t, &keep);
      sl_vdecref(rt, t);
      if (rc) goto fail;
    }
    if (keep) {
      *out = x;
      return 1;
    }
    sl_vdecref(rt, x);
    continue;
  fail:
    sl_vdecref(rt, x);
    return -1;
  }
}

#define ITER_TYPE(cname, pyname, nextfn)                                                           \
  static const sl_lang_slots cname##_slots = {.iter = iter_self, .next = nextfn};                  \
  const sl_type cname = {.name = pyname,                                                           \
                         .clear = iter_clear,                                                      \
                         .release = iter_release,                                                  \
                         .repr = iter_repr,                                                        \
                         .lang = &cname##_slots,                                                   \
                         .size = sizeof(sl__iter)}

ITER_TYPE(sl__list_iter_type, "list_iterator", seqiter_next);
ITER_TYPE(sl__list_reviter_type, "list_reverseiterator", seqiter_next);
ITER_TYPE(sl__tuple_iter_type, "tuple_iterator", seqiter_next);
ITER_TYPE(sl__str_iter_type, "str_ascii_iterator", seqiter_next);
ITER_TYPE(sl__seq_reviter_type, "reversed", seqiter_next);
ITER_TYPE(sl__bytes_iter_type, "bytes_iterator", seqiter_next);
ITER_TYPE(sl__dict_keyiter_type, "dict_keyiterator", htiter_next);
ITER_TYPE(sl__dict_valueiter_type, "dict_valueiterator", htiter_next);
ITER_TYPE(sl__dict_itemiter_type, "dict_itemiterator", htiter_next);
ITER_TYPE(sl__set_iter_type, "set_iterator", htiter_next);
ITER_TYPE(sl__range_iter_type, "range_iterator", rangeiter_next);
ITER_TYPE(sl__enumerate_type, "enumerate", enumerate_next);
ITER_TYPE(sl__zip_type, "zip", zip_next);
ITER_TYPE(sl__map_type, "map", map_next);
ITER_TYPE(sl__filter_type, "filter", filter_next);

int sl__iter_new(sl_rt *rt, const sl_type *type, sl_value src, sl_value *out, sl__iter **it) {
  sl_obj *o = sl_obj_alloc(rt, type);
  if (!o) return -1;
  *it = (sl__iter *)o;
  (*it)->src = sl_vincref(src);
  (*it)->fn = sl_none();
  (*it)->step = 1;
  *out = sl_obj_val(o);
  return 0;
}

static int range_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl__iter *it;
  if (sl__iter_new(rt, &sl__range_iter_type, sl_obj_val(o), out, &it)) return -1;
  it->aux = ((sl_range *)o)->len;
  return 0;
}

static int htable_iter(sl_rt *rt, sl_obj *table, const sl_type *type, sl_value *out) {
  sl__iter *it;
  if (sl__iter_new(rt, type, sl_obj_val(table), out, &it)) return -1;
  it->aux = it->left = (int64_t)sl__as_htable(table)->len;
  return 0;
}

int sl_iter(sl_rt *rt, sl_value v, sl_value *out) {
  if (sl__has_ext(v)) {
    int r = sl__user_iter(rt, v, out);
    if (r) return r < 0 ? -1 : 0;
  }
  return sl__iter_base(rt, v, out);
}

int sl__iter_base(sl_rt *rt, sl_value v, sl_value *out) {
  if (v.tag == SL_V_OBJ) {
    const sl_type *t = v.u.o->type, *it = NULL;
    sl__iter *iter;
    if (t == &sl_list_type)
      it = &sl__list_iter_type;
    else if (t == &sl_tuple_type)
      it = &sl__tuple_iter_type;
    else if (t == &sl_str_type)
      it = &sl__str_iter_type;
    else if (t == &sl_bytes_type)
      it = &sl__bytes_iter_type;
    if (it) return sl__iter_new(rt, it, v, out, &iter);
    if (t == &sl_dict_type) return htable_iter(rt, v.u.o, &sl__dict_keyiter_type, out);
    if (t == &sl_set_type || t == &sl_frozenset_type)
      return htable_iter(rt, v.u.o, &sl__set_iter_type, out);
    const sl_lang_slots *s = t->lang;
    if (s && s->iter) return s->iter(rt, v.u.o, out);
    int r = sl__user_iter(rt, v, out);
    if (r) return r < 0 ? -1 : 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not iterable", sl_type_name(v));
}

int sl_iter_next(sl_rt *rt, sl_value iter, sl_value *out) {
  const sl_lang_slots *s = sl_lang_slots_of(iter);
  if (!s || !s->next) {
    int r = sl__user_next(rt, iter, out);
    if (r != -2) return r;
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not an iterator", sl_type_name(iter));
  }
  return s->next(rt, iter.u.o, out);
}

int sl__reversed_new(sl_rt *rt, sl_value seq, sl_value *out) {
  sl__iter *it;
  if (sl_is_type(seq, &sl_range_type)) {
    sl_range *r = (sl_range *)seq.u.o;
    sl_value rev;
    /* reversed(range) iterates the mirrored range. */
    int64_t last = r->start + (r->len - 1) * r->step;
    if (sl_range_new(rt, r->len ? last : 0, r->len ? r->start - r->step : 0,
                     r->step == INT64_MIN ? INT64_MAX : -r->step, &rev))
      return -1;
    int rc = range_iter(rt, rev.u.o, out);
    sl_vdecref(rt, rev);
    return rc;
  }
  if (sl__is_dict(seq)) {
    /* Snapshot the keys in reverse (dict_reversekeyiterator semantics
     * without the mutation check). */
    sl_obj *l = sl_list_new(rt, NULL, 0);
    if (!l) return -1;
    size_t pos = 0;
    sl_value k;
    while (sl_dict_next(seq.u.o, &pos, &k, NULL))
      if (sl_list_append(rt, l, k)) {
        sl_decref(rt, l);
        return -1;
      }
    int rc = sl__iter_new(rt, &sl__list_reviter_type, sl_obj_val(l), out, &it);
    sl_decref(rt, l);
    if (rc) return -1;
    it->pos = (int64_t)sl_as_list(l)->len - 1;
    it->step = -1;
    return 0;
  }
  if (sl_is_type(seq, &sl__longrange_type)) return sl__longrange_reversed(rt, seq.u.o, out);
  if (!(sl__is_list(seq) || sl__is_tuple(seq) || sl_is_str(seq) || sl__is_bytes(seq)))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not reversible", sl_type_name(seq));
  int64_t len;
  if (sl__len_base(rt, seq, &len)) return -1;
  if (sl__iter_new(rt, sl__is_list(seq) ? &sl__list_reviter_type : &sl__seq_reviter_type, seq, out,
                   &it))
    return -1;
  it->pos = len - 1;
  it->step = -1;
  return 0;
}

/* Builds an iterator object over `n` iterables (zip, map). */
static int multi_iter(sl_rt *rt, const sl_type *type, const sl_value *iterables, size_t n,
                      sl_value *out, sl__iter **itp) {
  if (sl__iter_new(rt, type, sl_none(), out, itp)) return -1;
  sl__iter *it = *itp;
  it->its = sl_calloc(n ? n : 1, sizeof *it->its);
  if (!it->its) {
    sl_vdecref(rt, *out);
    return sl_nomem(rt);
  }
  for (size_t i = 0; i < n; i++) {
    if (sl_iter(rt, iterables[i], &it->its[i])) {
      sl_vdecref(rt, *out);
      return -1;
    }
    it->nits++;
  }
  return 0;
}

int sl__zip_new(sl_rt *rt, const sl_value *iterables, size_t n, bool strict, sl_value *out) {
  sl__iter *it;
  if (multi_iter(rt, &sl__zip_type, iterables, n, out, &it)) return -1;
  it->aux = strict;
  return 0;
}

int sl__map_new(sl_rt *rt, sl_value fn, const sl_value *iterables, size_t n, sl_value *out) {
  sl__iter *it;
  if (multi_iter(rt, &sl__map_type, iterables, n, out, &it)) return -1;
  it->fn = sl_vincref(fn);
  return 0;
}

int sl__enumerate_new(sl_rt *rt, sl_value iterable, int64_t start, sl_value *out) {
  sl_value src;
  if (sl_iter(rt, iterable, &src)) return -1;
  sl__iter *it;
  int rc = sl__iter_new(rt, &sl__enumerate_type, src, out, &it);
  sl_vdecref(rt, src);
  if (!rc) it->pos = start;
  return rc;
}

int sl__filter_new(sl_rt *rt, sl_value fn, sl_value iterable, sl_value *out) {
  sl_value src;
  if (sl_iter(rt, iterable, &src)) return -1;
  sl__iter *it;
  int rc = sl__iter_new(rt, &sl__filter_type, src, out, &it);
  sl_vdecref(rt, src);
  if (!rc) it->fn = sl_vincref(fn);
  return rc;
}

/* ---- collecting ---------------------------------------------------------------- */

int sl_list_from_iterable(sl_rt *rt, sl_value v, sl_obj **out) {
  /* list_extend's fast path is for exact lists and tuples only. */
  if ((sl__is_list(v) || sl__is_tuple(v)) && !sl__has_ext(v)) {
    const sl_value *items = sl__is_list(v) ? sl_as_list(v.u.o)->items : sl_as_tuple(v.u.o)->items;
    size_t n = sl__is_list(v) ? sl_as_list(v.u.o)->len : sl_as_tuple(v.u.o)->len;
    *out = sl_list_new(rt, items, n);
    return *out ? 0 : -1;
  }
  sl_value it, x;
  if (sl_iter(rt, v, &it)) return -1;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) {
    sl_vdecref(rt, it);
    return -1;
  }
  int r;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    int rc = sl_list_append(rt, l, x);
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  if (r < 0) {
    sl_decref(rt, l);
    return -1;
  }
  *out = l;
  return 0;
}

int sl_seq_items(sl_rt *rt, sl_value v, const sl_value **items, size_t *n, sl_obj **owned) {
  *owned = NULL;
  if (sl__is_list(v)) {
    *items = sl_as_list(v.u.o)->items;
    *n = sl_as_list(v.u.o)->len;
    return 0;
  }
  if (sl__is_tuple(v)) {
    *items = sl_as_tuple(v.u.o)->items;
    *n = sl_as_tuple(v.u.o)->len;
    return 0;
  }
  if (sl_list_from_iterable(rt, v, owned)) return -1;
  *items = sl_as_list(*owned)->items;
  *n = sl_as_list(*owned)->len;
  return 0;
}

/* ---- dict views ------------------------------------------------------------------ */

static void view_clear(sl_rt *rt, sl_obj *o) { sl_vset(rt, &((sl__iter *)o)->src, sl_none()); }

static int view_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  *out = (int64_t)sl_dict_len(((sl__iter *)o)->src.u.o);
  return 0;
}

static int view_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  const sl_type *t = o->type == &sl__dict_keys_type     ? &sl__dict_keyiter_type
                     : o->type == &sl__dict_values_type ? &sl__dict_valueiter_type
                                                        : &sl__dict_itemiter_type;
  return htable_iter(rt, ((sl__iter *)o)->src.u.o, t, out);
}

static int view_contains(sl_rt *rt, sl_obj *o, sl_value item, bool *res) {
  sl_obj *d = ((sl__iter *)o)->src.u.o;
  *res = false;
  if (o->type == &sl__dict_keys_type) return sl_contains(rt, sl_obj_val(d), item, res);
  if (o->type == &sl__dict_items_type) {
    if (!sl__is_tuple(item) || sl_as_tuple(item.u.o)->len != 2) return 0;
    sl_value v;
    bool found;
    if (sl_dict_get(rt, d, sl_as_tuple(item.u.o)->items[0], &v, &found)) return -1;
    if (!found) return 0;
    int rc = sl_eq(rt, v, sl_as_tuple(item.u.o)->items[1], res);
    sl_vdecref(rt, v);
    return rc;
  }
  sl_value it, x;
  if (view_iter(rt, o, &it)) return -1;
  int r;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    bool same = sl_is(x, item);
    int rc = same ? 0 : sl_eq(rt, x, item, &same);
    sl_vdecref(rt, x);
    if (rc || same) {
      r = rc ? -1 : 0;
      *res = same && !rc;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : 0;
}

static int view_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_obj *l;
  if (sl_list_from_iterable(rt, sl_obj_val(o), &l)) return -1;
  sl_strbuf_printf(out, "%s(", o->type->name);
  int rc = sl_repr(rt, sl_obj_val(l), out);
  sl_strbuf_putc(out, ')');
  sl_decref(rt, l);
  return rc;
}

static int view_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = sl_dict_len(((sl__iter *)o)->src.u.o) != 0;
  return 0;
}

/* keys() and items() views compare equal to sets with the same elements. */
static int view_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (a->type == &sl__dict_values_type) {
    *res = sl_is(sl_obj_val(a), b);
    return 0;
  }
  if (!(sl__is_anyset(b) || sl_is_type(b, &sl__dict_keys_type) ||
        sl_is_type(b, &sl__dict_items_type)))
    return 0;
  sl_obj *x = sl_set_new(rt), *y = x ? sl_set_new(rt) : NULL;
  int rc = -1;
  if (y && !sl__set_update(rt, x, sl_obj_val(a)) && !sl__set_update(rt, y, b))
    rc = sl_eq(rt, sl_obj_val(x), sl_obj_val(y), res);
  sl_decref(rt, x);
  sl_decref(rt, y);
  return rc;
}

static const sl_lang_slots view_slots = {
    .len = view_len, .iter = view_iter, .contains = view_contains};

const sl_type sl__dict_keys_type = {.name = "dict_keys",
                                    .clear = view_clear,
                                    .repr = view_repr,
                                    .eq = view_eq,
                                    .truth = view_truth,
                                    .unhashable = true,
                                    .lang = &view_slots,
                                    .size = sizeof(sl__iter)};
const sl_type sl__dict_values_type = {.name = "dict_values",
                                      .clear = view_clear,
                                      .repr = view_repr,
                                      .eq = view_eq,
                                      .truth = view_truth,
                                      .lang = &view_slots,
                                      .size = sizeof(sl__iter)};
const sl_type sl__dict_items_type = {.name = "dict_items",
                                     .clear = view_clear,
                                     .repr = view_repr,
                                     .eq = view_eq,
                                     .truth = view_truth,
                                     .unhashable = true,
                                     .lang = &view_slots,
                                     .size = sizeof(sl__iter)};

int sl__dict_view_new(sl_rt *rt, sl_obj *dict, const sl_type *type, sl_value *out) {
  sl__iter *it;
  return sl__iter_new(rt, type, sl_obj_val(dict), out, &it);
}
