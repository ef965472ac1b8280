/* Case mapping and character classes of every code point, as CPython's
 * str methods see them (Objects/unicodectype.c), from the generated
 * unicase_tables.h (CPython 3.11's Unicode 14.0). */
#include "core/num/unicase.h"

#include <stddef.h>

#include "core/num/unicase_tables.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

uint32_t sl_uc_class(uint32_t c) {
  size_t lo = 0, hi = COUNT(sl__uc_classes);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < sl__uc_classes[mid][0])
      hi = mid;
    else if (c > sl__uc_classes[mid][1])
      lo = mid + 1;
    else
      return sl__uc_classes[mid][2];
  }
  return 0;
}

typedef struct full_map {
  uint32_t c, to[3];
} full_map;

/* The run holding c, applied: c + delta when c is one of its code points. */
static uint32_t map_runs(const int32_t (*runs)[4], size_t n, uint32_t c) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < (uint32_t)runs[mid][0])
      hi = mid;
    else if (c > (uint32_t)runs[mid][1])
      lo = mid + 1;
    else
      return (c - (uint32_t)runs[mid][0]) % (uint32_t)runs[mid][3] ? c : c + (uint32_t)runs[mid][2];
  }
  return c;
}

static size_t map_full(const void *table, size_t n, uint32_t c, uint32_t out[3]) {
  const full_map *full = table;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < full[mid].c)
      hi = mid;
    else if (c > full[mid].c)
      lo = mid + 1;
    else {
      size_t k = 0;
      while (k < 3 && full[mid].to[k]) out[k] = full[mid].to[k], k++;
      return k;
    }
  }
  return 0;
}

#define MAP(runs, full, n)                                                                         \
  do {                                                                                             \
    size_t k = map_full(full, n, c, out);                                                          \
    if (k) return k;                                                                               \
    out[0] = map_runs(runs, COUNT(runs), c);                                                       \
    return 1;                                                                                      \
  } while (0)

size_t sl_uc_map(uint32_t c, sl_uc_kind kind, uint32_t out[3]) {
  switch (kind) {
  case SL_UC_TO_UPPER: MAP(sl__uc_upper_runs, sl__uc_upper_full, SL__UC_UPPER_FULL_N);
  case SL_UC_TO_LOWER: MAP(sl__uc_lower_runs, sl__uc_lower_full, SL__UC_LOWER_FULL_N);
  case SL_UC_TO_TITLE: MAP(sl__uc_title_runs, sl__uc_title_full, SL__UC_TITLE_FULL_N);
  case SL_UC_FOLD: MAP(sl__uc_casefold_runs, sl__uc_casefold_full, SL__UC_CASEFOLD_FULL_N);
  }
  out[0] = c;
  return 1;
}
