/* Delta debugging (Zeller and Hildebrandt, "Simplifying and Isolating
 * Failure-Inducing Input", TSE 2002): the ddmin algorithm over a list of
 * items, and a value shrinker. `simloop minimize` applies them to the
 * non-default decisions of a failing log; the unit tests apply them to
 * synthetic predicates.
 *
 * Ownership: the caller owns every array passed in; results are written to
 * caller-provided arrays. */
#ifndef SL_DDMIN_H
#define SL_DDMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"

/* The test: does the subset keep[0..nkeep) (indices into the original
 * items, ascending) still fail the same way? Returns 1 yes, 0 no, -1 on a
 * C-level error (out of memory: ddmin stops and reports it). */
typedef int (*sl_ddmin_test)(void *ctx, const size_t *keep, size_t nkeep);

/* Reduces items 0..n-1 to a 1-minimal failing subset: removing any single
 * item makes the test pass. Assumes the full set fails. On return
 * keep[0..*nkeep) (keep has room for n) holds the subset, ascending;
 * *ntests counts the tests run. Tests of subsets already known to pass are
 * not cached; the caller's test may cache. */
sl_errcode sl_ddmin(size_t n, sl_ddmin_test test, void *ctx, size_t *keep, size_t *nkeep,
                    uint64_t *ntests);

/* Candidate smaller values for a delay, ascending, below `value`: round
 * numbers 1, 2, 5 x 10^e from 1 ms up. Returns how many were written
 * (at most max). */
size_t sl_shrink_candidates(double value, double *out, size_t max);

#endif
