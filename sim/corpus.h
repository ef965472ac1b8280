/* The coverage strategy's corpus (docs/explore.md "coverage"): the plans
 * of the runs that showed a feature no run before them had (sim/covsig.h),
 * how many runs have shown each feature, and how a run's plan is made
 * from a kept one (sim/mutate.c).
 *
 * A kept run is picked as a parent with a weight 1/h, h the number of runs
 * that have shown the feature it brought first: a new behaviour is tried
 * often at first and less as its variations pile up, as AFL and FairFuzz
 * favour rare branches.
 *
 * Ownership: an sl_corpus owns its entries and its feature counts
 * (sl_corpus_free). */
#ifndef SL_CORPUS_H
#define SL_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "sim/rng.h"
#include "sim/strategy.h"
#include "sim/u64map.h"

typedef struct sl_cov_entry {
  sl_plan plan;
  uint64_t seed_state; /* seed decisions (0: default), sl_schedule_init_plan */
  uint64_t npoints;    /* timing points its run asked */
  uint64_t key;        /* the first feature it brought that was new */
  uint64_t index;      /* the run that found it */
  /* Its timing points grouped by site (sl_covsig.psite): by_site lists
   * point numbers, group[g] is where site g's start (group[ngroup] =
   * nby). Owned by the corpus; NULL when the run's sites are unknown. */
  uint32_t *by_site, *group;
  uint32_t nby, ngroup;
} sl_cov_entry;

typedef struct sl_corpus {
  sl_cov_entry *e; /* e[0] is the first run reported (the default plan) */
  size_t n, cap;
  sl_u64map features; /* feature -> runs that had it */
  double *cumw;       /* cumulative parent weights, rebuilt by sl_corpus_settle */
  size_t ncumw, capcumw;
} sl_corpus;

void sl_corpus_init(sl_corpus *c);
void sl_corpus_free(sl_corpus *c);

/* Counts a run's features (`feat`, duplicates allowed) and keeps the run
 * as an entry when one of them is new (*kept), with its points grouped by
 * `sites` (the site of each of its first nsites timing points). A failing
 * run is counted but never kept (`failed`): as a fuzzer keeps its crashes
 * apart, children of a failure would mostly fail the same way.
 * SL_ENOMEM: nothing kept. */
sl_errcode sl_corpus_add(sl_corpus *c, const sl_cov_entry *run, const uint64_t *feat, size_t nfeat,
                         const uint64_t *sites, size_t nsites, bool failed, bool *kept);
/* Recomputes the parent weights from the current counts (the weights
 * change only here: runs of one batch all see the same corpus). */
sl_errcode sl_corpus_settle(sl_corpus *c);

/* The plan of a run: the empty plan while the corpus is empty, else a
 * mutation of a parent picked by weight (10%: the first entry, the
 * default run, so plain perturbations never stop). `r` is the run's own
 * PRNG. */
void sl_corpus_child(const sl_corpus *c, sl_rng *r, sl_plan *plan, uint64_t *seed_state);

/* The mutation itself (sim/mutate.c): one to three of add delays, change
 * a delay, drop a delay, splice with `other`; a new seed for a quarter of
 * the children. Added
 * delays go at a point uniform among the parent's, uniform after its last
 * delay, or at a site uniform among its distinct sites (a callback that
 * ran once is as likely as one that ran a hundred times). */
void sl_mutate(const sl_cov_entry *parent, const sl_cov_entry *other, sl_rng *r, sl_plan *plan,
               uint64_t *seed_state);

#endif
