/* explore's coverage strategy (docs/explore.md "coverage"): a campaign
 * that keeps the plans of the runs that showed new behaviour (sim/covsig.h,
 * sim/corpus.h) and makes each run's plan by mutating a kept one.
 *
 * Determinism: runs go in batches of SL_COV_BATCH; every plan of a batch
 * is made from the corpus as the batches before it left it, and the
 * batch's runs join the corpus in run order when it is over. So run i's
 * plan depends only on the seed, i and the runs before its batch, never
 * on which worker ran what: --jobs J gives the same runs, failures and
 * counts as one job (the workers are forked, take plans from the parent
 * and send back rows and features). With --shard K/N, the shard is a
 * campaign of its own over its runs i = K-1 (mod N): shards cannot see
 * each other's corpus, so N shards are N independent campaigns whose run
 * indices and seeds split [S, S+runs) exactly.
 *
 * Ownership: an sl_cov_campaign owns its corpus and the plans of the
 * failing runs (sl_cov_campaign_free); the hooks' ctx is borrowed. */
#ifndef SL_EXPLORE_COV_H
#define SL_EXPLORE_COV_H

#include <stdbool.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "sim/corpus.h"
#include "sim/covsig.h"
#include "sim/exploredb.h"

#define SL_COV_BATCH 32

typedef struct sl_cov_hooks {
  void *ctx;
  /* Runs `plan` as run `index`: fills *row, and `sig` (reset by the
   * caller) through the schedule's observer; *npoints gets the timing
   * points the run asked. */
  sl_errcode (*run)(void *ctx, uint64_t index, const sl_plan *plan, uint64_t seed_state,
                    sl_covsig *sig, sl_explore_row *row, uint64_t *npoints, sl_strbuf *err);
  /* A run's row, in run order; returns false to stop (out of memory). */
  bool (*account)(void *ctx, const sl_explore_row *row);
} sl_cov_hooks;

typedef struct sl_cov_failure {
  uint64_t index;
  sl_plan plan;
  uint64_t seed_state;
} sl_cov_failure;

typedef struct sl_cov_campaign {
  /* set by the caller */
  uint64_t first, stride, count; /* runs first, first+stride, ... (count of them) */
  uint64_t seed;                 /* the explore's first seed */
  unsigned jobs;
  bool keep_going; /* else stop after the batch of the first failure */
  /* results */
  sl_corpus corpus;
  sl_cov_failure *fail; /* failing runs in run order, at most SL_COV_MAX_FAIL */
  size_t nfail;
} sl_cov_campaign;

#define SL_COV_MAX_FAIL 100

void sl_cov_campaign_init(sl_cov_campaign *c);
void sl_cov_campaign_free(sl_cov_campaign *c);
/* Runs the campaign. Returns 0, or 2 after a message on stderr. */
int sl_cov_campaign_run(sl_cov_campaign *c, const sl_cov_hooks *h);
/* The plan of failing run `index`; false when it is not kept. */
bool sl_cov_campaign_failure(const sl_cov_campaign *c, uint64_t index, sl_plan *plan,
                             uint64_t *seed_state);

#endif
