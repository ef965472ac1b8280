/* Internals of the `itertools` module shared by mod_itertools.c (the
 * module's functions, which build iterators) and mod_itertools_next.c (the
 * iterator object every function returns, and how each kind advances).
 *
 * Ownership: an it_obj is a heap object of the run; its fields are owned as
 * their comments say and released by its type's clear. */
#ifndef SL_LANG_MOD_ITERTOOLS_INT_H
#define SL_LANG_MOD_ITERTOOLS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lang/value.h"
#include "core/rt.h"

typedef enum it_kind {
  K_COUNT,
  K_CYCLE,
  K_REPEAT,
  K_CHAIN,
  K_ISLICE,
  K_ACCUMULATE,
  K_TAKEWHILE,
  K_DROPWHILE,
  K_STARMAP,
  K_ZIP_LONGEST,
  K_PAIRWISE,
  K_BATCHED,
  K_GROUPBY,
  K_GROUPER,
  K_PRODUCT,
  K_PERMUTATIONS,
  K_COMBINATIONS,
  K_COMBINATIONS_WR,
  K_COMPRESS,
  K_FILTERFALSE,
  K__COUNT
} it_kind;

/* The CPython name of each kind (what reprs and messages print). */
extern const char *const sl_itertools_kind_names[K__COUNT];

/* One object for every kind; each kind uses the fields its comment names. */
typedef struct it_obj {
  sl_obj hdr;
  it_kind kind;
  sl_value src;     /* owned iterator: most kinds; chain: the iterator of iterables */
  sl_value cur;     /* owned: count's next value, repeat's object, chain's current
                      * iterator, accumulate's total, pairwise's previous item,
                      * groupby's current value, grouper's parent */
  sl_value fn;      /* owned: the function, or count's step, or the fill value */
  sl_value key;     /* owned: groupby's target key, grouper's key, compress's selectors */
  sl_value currkey; /* owned: groupby's current key */
  sl_obj *pool;  /* owned list: cycle's saved items; product/permutations/combinations' pool(s) */
  sl_obj *iters; /* owned tuple of iterators: zip_longest */
  int64_t *idx;  /* owned: index vectors (product, permutations, combinations) */
  int64_t *cyc;  /* owned: permutations' cycles */
  int64_t n, r, next, stop, step, left; /* counters of the kinds that need them */
  bool started, done, flag;
  sl_obj *currgrouper; /* borrowed: groupby's live grouper (identity only) */
} it_obj;

/* A new iterator of `kind` with every field empty; NULL when out of memory. */
it_obj *sl_itertools_new(sl_rt *rt, it_kind kind);

#endif
