/* A map from non-zero 64-bit keys (hashes) to 64-bit counts: open
 * addressing with linear probing from `key & (cap - 1)`, the table
 * doubling from a first size the owner chooses. The coverage corpus
 * (corpus.c: feature -> runs that had it) and one run's signature
 * (covsig.c: handle site -> times it ran) both use it.
 *
 * Iteration is by slot (sl_u64map_at), so its order is a function of the
 * keys inserted and the growth steps only: the same keys in the same
 * order give the same order in every run and build.
 *
 * Ownership: the map owns its arrays (sl_u64map_free). */
#ifndef SL_SIM_U64MAP_H
#define SL_SIM_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sl_u64map {
  uint64_t *key; /* 0: an empty slot */
  uint64_t *val;
  size_t cap;   /* a power of two, or 0 before the first growth */
  size_t len;   /* keys held */
  size_t first; /* the capacity of the first table (a power of two) */
} sl_u64map;

/* An empty map whose first table will have `first` slots. */
void sl_u64map_init(sl_u64map *m, size_t first);
void sl_u64map_free(sl_u64map *m);
/* Empties the map, keeping its table. */
void sl_u64map_clear(sl_u64map *m);
/* Grows the table until `n` keys fit at most half full; false when out of
 * memory (the map is then unchanged). */
bool sl_u64map_reserve(sl_u64map *m, size_t n);

/* The slot of `key` (non-zero): its own, or the empty one where it would
 * go. The table must exist (cap > 0). */
static inline size_t sl_u64map_slot(const sl_u64map *m, uint64_t key) {
  size_t j = key & (m->cap - 1);
  while (m->key[j] && m->key[j] != key) j = (j + 1) & (m->cap - 1);
  return j;
}

/* The value of `key`, inserted with value 0 when absent; the caller has
 * reserved room for it. */
static inline uint64_t *sl_u64map_put(sl_u64map *m, uint64_t key) {
  size_t j = sl_u64map_slot(m, key);
  if (!m->key[j]) {
    m->key[j] = key;
    m->val[j] = 0;
    m->len++;
  }
  return &m->val[j];
}

/* Whether `key` is in the map. */
static inline bool sl_u64map_has(const sl_u64map *m, uint64_t key) {
  return m->cap && m->key[sl_u64map_slot(m, key)];
}

/* The value of `key`, 0 when absent. */
static inline uint64_t sl_u64map_get(const sl_u64map *m, uint64_t key) {
  if (!m->cap) return 0;
  size_t j = sl_u64map_slot(m, key);
  return m->key[j] ? m->val[j] : 0;
}

#endif
