/* Exploration strategies and their plans (sim/strategy.c, docs/explore.md).
 * Plain values: nothing to free. */
#ifndef SL_STRATEGY_H
#define SL_STRATEGY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "sim/rng.h"

typedef enum sl_strategy_kind {
  SL_STRATEGY_NONE,     /* every decision takes its default */
  SL_STRATEGY_RANDOM,   /* each decision drawn from sl_strategy_random_value */
  SL_STRATEGY_PCT,      /* 1..depth large delays at random points among npoints */
  SL_STRATEGY_BOUNDED,  /* placement number `seed` of at most `bound` delays */
  SL_STRATEGY_COVERAGE, /* a plan mutated from a kept one (sim/explore_cov.h) */
} sl_strategy_kind;

#define SL_STRATEGY_MAX_SIZES 8
#define SL_STRATEGY_MAX_BOUND 4
#define SL_STRATEGY_MAX_DEPTH 16 /* >= SL_STRATEGY_MAX_BOUND */
#define SL_PLAN_MAX           64 /* >= SL_STRATEGY_MAX_DEPTH: coverage plans grow */

typedef struct sl_strategy {
  sl_strategy_kind kind;
  uint32_t depth;                      /* pct: at most this many delays per run (>= 1) */
  uint32_t bound;                      /* bounded: at most this many delays (k) */
  uint64_t npoints;                    /* pct, bounded: decision points considered (n) */
  double sizes[SL_STRATEGY_MAX_SIZES]; /* pct, bounded: delay sizes */
  uint32_t nsizes;
  bool faults; /* also answer network fault questions (--faults) */
} sl_strategy;

/* Parses "random", "pct", "bounded", "coverage" (none: "default"); fills
 * defaults. */
bool sl_strategy_parse(const char *name, sl_strategy *out);
const char *sl_strategy_name(sl_strategy_kind kind);
/* Parses "0.01,0.1" into sizes; false on a bad list (message in err). */
bool sl_strategy_parse_sizes(const char *text, sl_strategy *st, sl_strbuf *err);

/* The random strategy's distribution for one decision: 0 with probability
 * 85%, k ms (k uniform in 1..50) with 14%, k*100 ms (k in 1..20) with 1%. */
double sl_strategy_random_value(sl_rng *r);

/* A plan: the delays a pct, bounded or coverage run applies, by decision
 * point (0-based index over the run's timing points). Sorted by point,
 * points distinct. */
typedef struct sl_plan_item {
  uint64_t point;
  double value;
} sl_plan_item;
typedef struct sl_plan {
  sl_plan_item item[SL_PLAN_MAX];
  uint32_t n;
} sl_plan;

/* Number of schedules the bounded strategy enumerates:
 * sum over j = 0..k of C(n, j) * m^j. Saturates at UINT64_MAX. */
uint64_t sl_bounded_count(uint64_t n, uint32_t k, uint32_t m);
/* Placement number `index` (< sl_bounded_count): fewer delays first, then
 * points in lexicographic order, then sizes. False when out of range. */
bool sl_bounded_plan(const sl_strategy *st, uint64_t index, sl_plan *out);
/* The pct plan for `seed`: d uniform in 1..depth delays at distinct points
 * uniform in [0, npoints), each size uniform among sizes. */
void sl_pct_plan(const sl_strategy *st, uint64_t seed, sl_plan *out);

#endif
