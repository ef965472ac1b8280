/* Schedules: where the answers to the simulated selector's questions come
 * from (docs/explore.md).
 *
 * A run asks a sequence of questions, the decision points: `cost` after
 * every handle that ran, `oversleep` at every select whose timeout is > 0
 * (sim/vselector.h). A schedule answers each one from one source:
 *   - a seeded PRNG (xoshiro256** seeded through splitmix64, so the same
 *     numbers come out on every platform) shaped by a strategy (random,
 *     pct, bounded; sim/strategy.c);
 *   - a decision log, replayed by exactly the CPython oracle's rule
 *     (oracle/README.md): at a point of kind K the next unconsumed entry is
 *     consumed and applied if its kind is K and it has no step or its step
 *     is the current one; otherwise the default 0 is used. `io` entries
 *     form their own sequence with its own cursor (they neither block nor
 *     are blocked by cost/oversleep entries), under the same rule;
 *   - raw fuzzer bytes (sl_schedule_byte_value).
 * Every decision the schedule applies is remembered (kind, value, step and
 * its position among the step's cost points), so sl_schedule_log turns any
 * run, however produced, into a log that replays it exactly, in simloop
 * and in the oracle.
 *
 * Ownership: an sl_schedule borrows its replay log, its bytes and its plan;
 * it owns the list of decisions taken (sl_schedule_free). */
#ifndef SL_SCHEDULE_H
#define SL_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/errors.h"
#include "sim/declog.h"
#include "sim/rng.h"
#include "sim/strategy.h"
#include "sim/vselector.h"

typedef enum sl_schedule_source {
  SL_SOURCE_DEFAULT,
  SL_SOURCE_STRATEGY,
  SL_SOURCE_LOG,
  SL_SOURCE_BYTES,
} sl_schedule_source;

typedef struct sl_schedule {
  sl_schedule_source source;
  sl_strategy strategy; /* copied */
  sl_rng rng;           /* random strategy */
  uint64_t seed_state;  /* random, pct, coverage: splitmix64 state of the seed
                           decisions (coverage: 0 keeps the default seed) */
  sl_plan plan;         /* pct, bounded, coverage */
  uint32_t plan_next;
  const sl_declog *replay; /* borrowed: SL_SOURCE_LOG */
  size_t replay_pos;       /* next cost/oversleep entry to consider */
  size_t replay_io_pos;    /* next io entry to consider (its own cursor) */
  const uint8_t *bytes;    /* borrowed: SL_SOURCE_BYTES */
  size_t nbytes, byte_pos;
  uint64_t npoints;               /* decision points seen so far */
  uint64_t cur_step;              /* step of the last point, to count positions */
  uint32_t cur_pos;               /* cost points seen in cur_step */
  uint32_t cur_io_pos;            /* io points seen in cur_step */
  double max_time;                /* > 0: the run ends as budget past this time */
  bool faults;                    /* strategy and bytes answer SL_DECISION_IO_FAULT
                        questions too (else they take the default unseen) */
  struct sl_net_words *net_words; /* borrowed; not NULL: the run's network
                        collects what its answers did in words (net.h) */
  sl_declog taken;                /* owned: every decision applied, with positions */
  bool failed;                    /* out of memory while logging: the run is void */
  /* Called for every decision applied, in order (the trace's `decision`
   * events); may be NULL. */
  void (*on_decision)(void *ctx, uint64_t step, sl_decision_kind kind, double value);
  void *on_ctx;
  /* Called at every decision point before it is answered, with the run's
   * runtime (the report uses it to see where tasks are); may be NULL. */
  void (*on_point)(void *ctx, sl_rt *rt, sl_decision_kind kind);
  void *point_ctx;
  /* Borrowed, may be NULL: also sees the run's events (explore's coverage
   * signal, sim/explore_cov.h). */
  const struct sl_observer *observer;
  /* Called at every timing point with its number (the plans' numbering:
   * seed points and undrawn fault questions are not counted); may be NULL. */
  void (*on_timing)(void *ctx, uint64_t point, sl_decision_kind kind);
  void *timing_ctx;
} sl_schedule;

/* Initialises a schedule answering every point with the default. */
void sl_schedule_init_default(sl_schedule *s);
/* Strategy run number `seed` (random and pct: the PRNG seed; bounded: the
 * placement index). */
void sl_schedule_init_strategy(sl_schedule *s, const sl_strategy *st, uint64_t seed);
/* A coverage run: the delays of `plan` (copied) at their points, and seed
 * decisions from `seed_state` (0: the default seed). */
void sl_schedule_init_plan(sl_schedule *s, const sl_strategy *st, const sl_plan *plan,
                           uint64_t seed_state);
/* Replays `log` (borrowed, must outlive the run). */
void sl_schedule_init_log(sl_schedule *s, const sl_declog *log);
/* Fuzzer bytes (borrowed). */
void sl_schedule_init_bytes(sl_schedule *s, const uint8_t *bytes, size_t n);
void sl_schedule_free(sl_schedule *s);

/* The decider to put in the run's sl_vselector. */
sl_decider sl_schedule_decider(sl_schedule *s);

/* For an engine that asks its questions elsewhere (CPython mode,
 * sim/cpyengine.h): the values a strategy or fuzzer-bytes schedule gives
 * its first n timing points (cost, oversleep and io points, counted
 * together as schedule_decide counts them) into timing[], and its first
 * nseeds seed points into seeds[], without running anything. Returns true
 * when points past n may be non-default (random), false when they are
 * all 0. Consumes the schedule's PRNG and plan: draw from a fresh one. */
bool sl_schedule_stream(sl_schedule *s, double *timing, size_t n, double *seeds, size_t nseeds);
/* Records a decision taken elsewhere (CPython mode) as schedule_decide
 * would have: into `taken`, with its step and position. */
sl_errcode sl_schedule_taken(sl_schedule *s, const sl_decision *d);

/* The canonical log that replays this run (sl_declog_canonical of taken). */
sl_errcode sl_schedule_log(const sl_schedule *s, sl_declog *out);

/* The documented mapping from one fuzzer byte to a decision value:
 *   0..127    0 (default)
 *   128..247  (b - 127) ms: 1 .. 120 ms
 *   248..255  0.25, 0.5, 1, 2, 5, 10, 30, 60 s
 * One byte per decision point, in order; when the bytes run out, 0. */
double sl_schedule_byte_value(uint8_t b);

#endif
