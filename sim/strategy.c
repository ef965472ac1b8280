/* Exploration strategies: the distributions and plans behind a strategy
 * schedule (schedule.h; docs/explore.md explains the choices).
 *
 *   random   every decision point draws from one distribution;
 *   pct      a few large delays at random points, in the spirit of PCT
 *            (Burckhardt et al., ASPLOS 2010): a bug of depth d is hit
 *            with probability about 1/n^d per run, independent of the rest;
 *   bounded  every placement of at most k delays among the first n points
 *            (delay bounding, Emmi, Qadeer, Rakamaric, POPL 2011),
 *            enumerated in order so run i is placement i;
 *   coverage a plan mutated from one that showed new behaviour
 *            (sim/explore_cov.c; here only its name). */
#include <stdlib.h>
#include <string.h>

#include "sim/strategy.h"

/* Sizes spanning the time scales scenarios use: 1 ms to 1 s. */
static const double default_sizes[] = {0.001, 0.01, 0.1, 1.0};

const char *sl_strategy_name(sl_strategy_kind kind) {
  switch (kind) {
  case SL_STRATEGY_NONE: return "default";
  case SL_STRATEGY_RANDOM: return "random";
  case SL_STRATEGY_PCT: return "pct";
  case SL_STRATEGY_BOUNDED: return "bounded";
  case SL_STRATEGY_COVERAGE: return "coverage";
  }
  return "?";
}

bool sl_strategy_parse(const char *name, sl_strategy *out) {
  memset(out, 0, sizeof *out);
  if (!strcmp(name, "random"))
    out->kind = SL_STRATEGY_RANDOM;
  else if (!strcmp(name, "pct"))
    out->kind = SL_STRATEGY_PCT;
  else if (!strcmp(name, "bounded"))
    out->kind = SL_STRATEGY_BOUNDED;
  else if (!strcmp(name, "coverage"))
    out->kind = SL_STRATEGY_COVERAGE;
  else if (!strcmp(name, "default"))
    out->kind = SL_STRATEGY_NONE;
  else
    return false;
  out->depth = 3;
  out->bound = 2;
  out->npoints = 0; /* measured from the default run by explore */
  out->nsizes = sizeof default_sizes / sizeof default_sizes[0];
  memcpy(out->sizes, default_sizes, sizeof default_sizes);
  return true;
}

bool sl_strategy_parse_sizes(const char *text, sl_strategy *st, sl_strbuf *err) {
  uint32_t n = 0;
  const char *p = text;
  for (;;) {
    char *end;
    double v = strtod(p, &end);
    if (end == p || !(v > 0.0) || v > 86400.0) {
      sl_strbuf_printf(err,
                       "--sizes '%s': expected a comma-separated list of delays in seconds, "
                       "each > 0 and <= 86400 (e.g. 0.01,0.1)\n",
                       text);
      return false;
    }
    if (n == SL_STRATEGY_MAX_SIZES) {
      sl_strbuf_printf(err, "--sizes '%s': at most %d sizes\n", text, SL_STRATEGY_MAX_SIZES);
      return false;
    }
    st->sizes[n++] = v;
    if (*end == '\0') break;
    if (*end != ',') {
      sl_strbuf_printf(err, "--sizes '%s': unexpected '%c'; separate sizes with commas\n", text,
                       *end);
      return false;
    }
    p = end + 1;
  }
  st->nsizes = n;
  return true;
}

double sl_strategy_random_value(sl_rng *r) {
  uint64_t u = sl_rng_below(r, 100);
  if (u < 85) return 0.0;
  if (u < 99) return (double)(sl_rng_below(r, 50) + 1) / 1000.0;
  return (double)(sl_rng_below(r, 20) + 1) / 10.0;
}

/* ---- bounded enumeration --------------------------------------------- */

/* a * b, saturating. */
static uint64_t mul_sat(uint64_t a, uint64_t b) {
  if (a && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}
static uint64_t add_sat(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

/* C(n, j), saturating; exact while it fits (each partial product
 * C(n, i) * (n - i) / (i + 1) is an integer). */
static uint64_t choose(uint64_t n, uint64_t j) {
  if (j > n) return 0;
  uint64_t c = 1;
  for (uint64_t i = 0; i < j; i++) {
    if (c > UINT64_MAX / (n - i)) return UINT64_MAX;
    c = c * (n - i) / (i + 1);
  }
  return c;
}

static uint64_t pow_sat(uint64_t m, uint32_t j) {
  uint64_t p = 1;
  for (uint32_t i = 0; i < j; i++) p = mul_sat(p, m);
  return p;
}

uint64_t sl_bounded_count(uint64_t n, uint32_t k, uint32_t m) {
  uint64_t total = 0;
  for (uint32_t j = 0; j <= k && j <= n; j++)
    total = add_sat(total, mul_sat(choose(n, j), pow_sat(m, j)));
  return total;
}

bool sl_bounded_plan(const sl_strategy *st, uint64_t index, sl_plan *out) {
  memset(out, 0, sizeof *out);
  uint64_t n = st->npoints, m = st->nsizes ? st->nsizes : 1;
  uint32_t k = st->bound > SL_STRATEGY_MAX_BOUND ? SL_STRATEGY_MAX_BOUND : st->bound;
  for (uint32_t j = 0; j <= k && j <= n; j++) {
    uint64_t nsz = pow_sat(m, j);
    uint64_t block = mul_sat(choose(n, j), nsz);
    if (index >= block) {
      index -= block;
      continue;
    }
    uint64_t comb = index / nsz, sizes = index % nsz;
    /* Unrank combination `comb` of j points out of n, lexicographically:
     * the first point is the smallest c whose block of combinations
     * starting at c contains the rank. */
    uint64_t c = 0;
    for (uint32_t i = 0; i < j; i++) {
      for (;;) {
        uint64_t here = choose(n - c - 1, j - i - 1);
        if (comb < here) break;
        comb -= here;
        c++;
      }
      out->item[i].point = c++;
    }
    /* Sizes: digits of `sizes` in base m, the first point most significant. */
    for (uint32_t i = j; i-- > 0;) {
      out->item[i].value = st->sizes[sizes % m];
      sizes /= m;
    }
    out->n = j;
    return true;
  }
  return false;
}

/* ---- pct ------------------------------------------------------------- */

static int cmp_item(const void *a, const void *b) {
  const sl_plan_item *x = a, *y = b;
  return x->point < y->point ? -1 : x->point > y->point;
}

void sl_pct_plan(const sl_strategy *st, uint64_t seed, sl_plan *out) {
  sl_rng r;
  /* A stream of its own, so pct and random runs of one seed differ. */
  sl_rng_seed(&r, seed ^ 0x7063740000000000ULL);
  memset(out, 0, sizeof *out);
  uint64_t n = st->npoints ? st->npoints : 1;
  uint32_t depth = st->depth < 1                       ? 1
                   : st->depth > SL_STRATEGY_MAX_DEPTH ? SL_STRATEGY_MAX_DEPTH
                                                       : st->depth;
  uint32_t d = 1 + (uint32_t)sl_rng_below(&r, depth);
  if (d > n) d = (uint32_t)n;
  while (out->n < d) {
    uint64_t p = sl_rng_below(&r, n);
    bool dup = false;
    for (uint32_t i = 0; i < out->n; i++) dup |= out->item[i].point == p;
    if (dup) continue;
    out->item[out->n].point = p;
    out->item[out->n].value = st->sizes[sl_rng_below(&r, st->nsizes ? st->nsizes : 1)];
    out->n++;
  }
  qsort(out->item, out->n, sizeof out->item[0], cmp_item);
}
