/* The 64-bit key map (u64map.h). */
#include "sim/u64map.h"

#include <string.h>

#include "core/alloc.h"

void sl_u64map_init(sl_u64map *m, size_t first) {
  memset(m, 0, sizeof *m);
  m->first = first;
}

void sl_u64map_free(sl_u64map *m) {
  sl_free(m->key);
  sl_free(m->val);
  sl_u64map_init(m, m->first);
}

void sl_u64map_clear(sl_u64map *m) {
  if (m->len) memset(m->key, 0, m->cap * sizeof *m->key);
  m->len = 0;
}

/* Doubles the table (or makes the first one), moving every key. */
static bool grow(sl_u64map *m) {
  size_t cap = m->cap ? m->cap * 2 : m->first;
  uint64_t *nk = sl_calloc(cap, sizeof *nk);
  uint64_t *nv = sl_calloc(cap, sizeof *nv);
  if (!nk || !nv) {
    sl_free(nk);
    sl_free(nv);
    return false;
  }
  for (size_t i = 0; i < m->cap; i++)
    if (m->key[i]) {
      size_t j = m->key[i] & (cap - 1);
      while (nk[j]) j = (j + 1) & (cap - 1);
      nk[j] = m->key[i];
      nv[j] = m->val[i];
    }
  sl_free(m->key);
  sl_free(m->val);
  m->key = nk;
  m->val = nv;
  m->cap = cap;
  return true;
}

bool sl_u64map_reserve(sl_u64map *m, size_t n) {
  while (n * 2 > m->cap)
    if (!grow(m)) return false;
  return true;
}
