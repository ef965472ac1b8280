/* Mutating a coverage plan (corpus.h sl_mutate), as a fuzzer mutates its
 * inputs: a plan is a list of (timing point, delay), and a child adds
 * delays, changes or drops one, or splices two parents; a quarter of the
 * children also draw a new seed for random.
 *
 * Why these shapes: a bug that needs two slow callbacks is found in two
 * steps, once the first slow callback has shown something new (a timeout
 * fired, a retry ran) and its plan was kept. Added delays go at a point
 * uniform among the parent's, uniform after its last delay, within 16
 * points after one of its delays (where what it changed plays out), or at
 * a site uniform among the parent's sites (a callback that ran once as
 * likely as one that ran a hundred times); several
 * delays at once (up to 8) multiply the chance of hitting the one point
 * that matters, at the price of some noise, as the random strategy's
 * ~2 large delays a run do; large delays (0.1-2 s) are the ones that make
 * timeouts fire, so most added delays are large. */
#include <string.h>

#include "sim/corpus.h"

static const double large[] = {0.1, 0.2, 0.5, 1.0, 2.0};

#define NEAR 16

static double delay_value(sl_rng *r) {
  if (sl_rng_below(r, 10) < 6) return large[sl_rng_below(r, sizeof large / sizeof *large)];
  return (double)(sl_rng_below(r, 50) + 1) / 1000.0;
}

/* Sets point p's delay (replacing one already there); false when full. */
static bool plan_set(sl_plan *p, uint64_t point, double value) {
  uint32_t i = 0;
  while (i < p->n && p->item[i].point < point) i++;
  if (i < p->n && p->item[i].point == point) {
    p->item[i].value = value;
    return true;
  }
  if (p->n == SL_PLAN_MAX) return false;
  memmove(&p->item[i + 1], &p->item[i], (p->n - i) * sizeof p->item[0]);
  p->item[i].point = point;
  p->item[i].value = value;
  p->n++;
  return true;
}

static void plan_drop(sl_plan *p, uint32_t i) {
  memmove(&p->item[i], &p->item[i + 1], (p->n - i - 1) * sizeof p->item[0]);
  p->n--;
}

/* A point of the parent's run at a site uniform among its sites. */
static uint64_t site_point(const sl_cov_entry *e, sl_rng *r) {
  uint32_t g = (uint32_t)sl_rng_below(r, e->ngroup);
  uint32_t lo = e->group[g], hi = e->group[g + 1];
  return e->by_site[lo + sl_rng_below(r, hi - lo)];
}

static void add_delays(sl_plan *p, const sl_cov_entry *parent, uint64_t npoints, sl_rng *r) {
  static const uint32_t counts[] = {1, 1, 2, 4, 8};
  uint32_t k = counts[sl_rng_below(r, sizeof counts / sizeof *counts)];
  uint64_t after = p->n ? p->item[p->n - 1].point + 1 : 0;
  /* 0: uniform, 1: after the last delay, 2: by site, 3: just after a
   * delay (the next NEAR points, where its consequences unfold) */
  uint64_t how = sl_rng_below(r, 4);
  if (how == 1 && after >= npoints) how = 0;
  if (how == 2 && !parent->ngroup) how = 0;
  if (how == 3 && !p->n) how = 0;
  for (uint32_t i = 0; i < k; i++) {
    uint64_t point = how == 1   ? after + sl_rng_below(r, npoints - after)
                     : how == 2 ? site_point(parent, r)
                     : how == 3 ? p->item[sl_rng_below(r, p->n)].point + 1 + sl_rng_below(r, NEAR)
                                : sl_rng_below(r, npoints);
    if (!plan_set(p, point, delay_value(r))) return;
  }
}

/* The parent's delays before a cut, the other's from it on. */
static void splice(sl_plan *p, const sl_cov_entry *other, uint64_t npoints, sl_rng *r) {
  uint64_t cut = sl_rng_below(r, npoints);
  while (p->n && p->item[p->n - 1].point >= cut) p->n--;
  for (uint32_t i = 0; i < other->plan.n; i++)
    if (other->plan.item[i].point >= cut &&
        !plan_set(p, other->plan.item[i].point, other->plan.item[i].value))
      return;
}

static void mutate_once(sl_plan *p, const sl_cov_entry *parent, const sl_cov_entry *other,
                        uint64_t npoints, sl_rng *r) {
  uint64_t op = p->n ? sl_rng_below(r, 20) : 0;
  if (op < 11) {
    add_delays(p, parent, npoints, r);
  } else if (op < 14) {
    p->item[sl_rng_below(r, p->n)].value = delay_value(r);
  } else if (op < 16) {
    plan_drop(p, (uint32_t)sl_rng_below(r, p->n));
  } else {
    splice(p, other, npoints, r);
  }
}

void sl_mutate(const sl_cov_entry *parent, const sl_cov_entry *other, sl_rng *r, sl_plan *plan,
               uint64_t *seed_state) {
  *plan = parent->plan;
  *seed_state = parent->seed_state;
  uint64_t npoints = parent->npoints ? parent->npoints : 1;
  static const uint32_t rounds[] = {1, 1, 1, 1, 1, 1, 1, 2, 2, 3};
  uint32_t n = rounds[sl_rng_below(r, sizeof rounds / sizeof *rounds)];
  for (uint32_t i = 0; i < n; i++) mutate_once(plan, parent, other, npoints, r);
  /* A program that uses random gets other draws in a quarter of the
   * children (the others keep the parent's, which its behaviour needs). */
  if (sl_rng_below(r, 4) == 0) *seed_state = sl_rng_next(r) | 1; /* 0: the default seed */
}
