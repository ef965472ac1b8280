/* The coverage signal of one run (the coverage strategy, docs/explore.md
 * "coverage"): a set of 64-bit features, each a behaviour the run showed.
 *
 *   - a callback site (the handle's canonical name, future ids left out,
 *     task ids kept) with how often it ran, in AFL's buckets 1, 2, 3,
 *     4-7, 8-15, 16-31, 32-127, 128+;
 *   - a task's end: its coroutine and outcome;
 *   - a printed line, and a message given to the loop's exception handler;
 *   - the run's verdict with its detail.
 *
 * Times and decisions are left out, as in the trace fingerprint, but so is
 * the order of the callbacks: a timeout that fires, a retry, a new line
 * printed or a callback that runs twice as often is new; the same
 * callbacks in another order is not (that would make nearly every run
 * new). Collecting it costs a hash of each handle's name.
 *
 * Ownership: an sl_covsig owns its arrays (sl_covsig_free). */
#ifndef SL_COVSIG_H
#define SL_COVSIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/observer.h"
#include "sim/u64map.h"
#include "sim/vselector.h"

typedef struct sl_covsig {
  sl_u64map sites; /* site hash -> handles run there */
  uint64_t *feat;  /* the features, after sl_covsig_finish */
  size_t nfeat, capfeat;
  uint64_t last_site; /* the site of the latest handle */
  uint64_t *psite;    /* the site of each timing point (its handle's; an
                         oversleep's is marked), the first SL_COVSIG_POINTS */
  size_t npsite, cappsite;
  bool oom; /* a feature was lost: the signal is incomplete */
} sl_covsig;

#define SL_COVSIG_POINTS 4096

void sl_covsig_init(sl_covsig *s);
void sl_covsig_free(sl_covsig *s);
/* Empties it for the next run (keeps the memory). */
void sl_covsig_reset(sl_covsig *s);
/* The observer that collects a run's features into `s`. */
sl_observer sl_covsig_observer(sl_covsig *s);
/* For sl_schedule.on_timing (ctx: the sl_covsig): notes point's site. */
void sl_covsig_timing(void *ctx, uint64_t point, sl_decision_kind kind);
/* Adds the verdict's feature and turns the site counts into features
 * (feat, nfeat). SL_ENOMEM when memory ran out (oom also set). */
sl_errcode sl_covsig_finish(sl_covsig *s, uint8_t verdict, uint64_t detail_hash);

#endif
