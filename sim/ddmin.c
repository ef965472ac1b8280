/* ddmin and value shrinking (see ddmin.h). */
#include "sim/ddmin.h"

#include <string.h>

#include "core/alloc.h"

/* Runs the test on cur[lo..hi) (subset) or on cur without it
 * (complement). */
static int test_part(sl_ddmin_test test, void *ctx, const size_t *cur, size_t ncur, size_t lo,
                     size_t hi, int complement, size_t *buf, size_t *nbuf, uint64_t *ntests) {
  size_t k = 0;
  for (size_t i = 0; i < ncur; i++) {
    int in = i >= lo && i < hi;
    if (in != complement) buf[k++] = cur[i];
  }
  *nbuf = k;
  (*ntests)++;
  return test(ctx, buf, k);
}

sl_errcode sl_ddmin(size_t n, sl_ddmin_test test, void *ctx, size_t *keep, size_t *nkeep,
                    uint64_t *ntests) {
  *ntests = 0;
  for (size_t i = 0; i < n; i++) keep[i] = i;
  *nkeep = n;
  if (n == 0) return SL_EOK;
  size_t *buf = sl_malloc(n * sizeof *buf);
  if (!buf) return SL_ENOMEM;
  /* The empty set is the cheapest answer: try it first (a failure that
   * needs no decision at all fails under the default schedule). */
  size_t nbuf = 0;
  (*ntests)++;
  int r = test(ctx, buf, 0);
  if (r < 0) goto fail;
  if (r == 1) {
    *nkeep = 0;
    sl_free(buf);
    return SL_EOK;
  }
  size_t gran = 2;
  while (*nkeep >= 2) {
    if (gran > *nkeep) gran = *nkeep;
    bool reduced = false;
    /* Chunk i is [i*len/gran, (i+1)*len/gran): sizes differ by at most 1. */
    for (size_t i = 0; i < gran && !reduced; i++) {
      size_t lo = i * *nkeep / gran, hi = (i + 1) * *nkeep / gran;
      r = test_part(test, ctx, keep, *nkeep, lo, hi, 0, buf, &nbuf, ntests);
      if (r < 0) goto fail;
      if (r == 1) {
        memcpy(keep, buf, nbuf * sizeof *buf);
        *nkeep = nbuf;
        gran = 2;
        reduced = true;
      }
    }
    /* With two chunks the complements are the chunks themselves. */
    for (size_t i = 0; i < gran && !reduced && gran > 2; i++) {
      size_t lo = i * *nkeep / gran, hi = (i + 1) * *nkeep / gran;
      r = test_part(test, ctx, keep, *nkeep, lo, hi, 1, buf, &nbuf, ntests);
      if (r < 0) goto fail;
      if (r == 1) {
        memcpy(keep, buf, nbuf * sizeof *buf);
        *nkeep = nbuf;
        gran = gran - 1 > 2 ? gran - 1 : 2;
        reduced = true;
      }
    }
    if (reduced) continue;
    if (gran >= *nkeep) break; /* single items tested: 1-minimal */
    gran = gran * 2 < *nkeep ? gran * 2 : *nkeep;
  }
  sl_free(buf);
  return SL_EOK;
fail:
  sl_free(buf);
  return SL_ENOMEM;
}

size_t sl_shrink_candidates(double value, double *out, size_t max) {
  static const double mant[3] = {1.0, 2.0, 5.0};
  size_t k = 0;
  double scale = 0.001;
  for (int e = 0; e < 8 && k < max; e++, scale *= 10.0) {
    for (int i = 0; i < 3 && k < max; i++) {
      double c = mant[i] * scale;
      /* 1e-3 * 10^e picks up rounding error; snap to the nearest ms grid
       * value printed shortest (0.1, not 0.10000000000000002). */
      c = (double)(long long)(c * 1000.0 + 0.5) / 1000.0;
      if (c < value) out[k++] = c;
    }
  }
  return k;
}
