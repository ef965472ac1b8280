/* Iterator objects shared by iter.c and the builtins. Private to core/lang. */
#ifndef SL_LANG_ITER_INT_H
#define SL_LANG_ITER_INT_H

#include "core/lang/ops-int.h"

/* One layout for every iterator kind (and dict views): which fields mean
 * what depends on the type. */
typedef struct sl__iter {
  sl_obj hdr;
  sl_value src;  /* owned: the container or source iterator; None once exhausted */
  sl_value fn;   /* owned: map/filter function, or None */
  sl_value *its; /* owned array of owned iterators (zip, map) */
  size_t nits;
  int64_t pos, step, aux; /* position; +1/-1; kind-specific (length, strict, offset) */
  int64_t left;           /* dict iterators: items still to come (CPython's di->len) */
} sl__iter;

/* Ranges beyond 64 bits (range_big.c): range(start, stop, step) of int
 * values of any size (an int64 sl_range when everything fits), equality
 * with either kind, reversed(). */
extern const sl_type sl__longrange_type;
int sl__longrange_new(sl_rt *rt, sl_value start, sl_value stop, sl_value step, sl_value *out);
int sl__longrange_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res);
int sl__longrange_reversed(sl_rt *rt, sl_obj *o, sl_value *out);
/* range[slice] computed on ints of any size (either kind of range). */
int sl__range_slice_long(sl_rt *rt, sl_value range, sl_obj *slice, sl_value *out);

/* range.index, range.count (NULL-terminated). */
extern const sl_cfunc_def sl__range_methods[];
extern const sl_type sl__list_iter_type, sl__list_reviter_type, sl__tuple_iter_type,
    sl__str_iter_type, sl__seq_reviter_type, sl__bytes_iter_type, sl__dict_keyiter_type,
    sl__dict_valueiter_type, sl__dict_itemiter_type, sl__set_iter_type, sl__range_iter_type,
    sl__enumerate_type, sl__zip_type, sl__map_type, sl__filter_type;

/* A new iterator of `type` over src (a new reference is taken). */
int sl__iter_new(sl_rt *rt, const sl_type *type, sl_value src, sl_value *out, sl__iter **it);
int sl__reversed_new(sl_rt *rt, sl_value seq, sl_value *out);
int sl__zip_new(sl_rt *rt, const sl_value *iterables, size_t n, bool strict, sl_value *out);
int sl__map_new(sl_rt *rt, sl_value fn, const sl_value *iterables, size_t n, sl_value *out);
int sl__enumerate_new(sl_rt *rt, sl_value iterable, int64_t start, sl_value *out);
int sl__filter_new(sl_rt *rt, sl_value fn, sl_value iterable, sl_value *out);
/* iter(fn, sentinel) (iter_call.c). */
extern const sl_type sl__callable_iter_type;
int sl__callable_iter_new(sl_rt *rt, sl_value fn, sl_value sentinel, sl_value *out);
/* iter(obj) of an object with __getitem__ and no __iter__ (iter_call.c). */
extern const sl_type sl__seq_iter_type;
int sl__seq_iter_new(sl_rt *rt, sl_value seq, sl_value *out);

#endif
