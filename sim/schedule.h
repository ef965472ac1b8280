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
#include <stdio.h>

#include "core/errors.h"
#include "core/strbuf.h"
#include "sim/vselector.h"

/* ---- PRNG: xoshiro256** (Blackman & Vigna), seeded by splitmix64 ------ */

typedef struct sl_rng {
  uint64_t s[4];
} sl_rng;

/* splitmix64: advances *state and returns the next output. */
uint64_t sl_splitmix64(uint64_t *state);
/* Seeds the four words with four splitmix64 outputs of `seed`. */
void sl_rng_seed(sl_rng *r, uint64_t seed);
uint64_t sl_rng_next(sl_rng *r);
/* Uniform in [0, n) by rejection (no modulo bias); n > 0. */
uint64_t sl_rng_below(sl_rng *r, uint64_t n);

/* ---- decisions and decision logs -------------------------------------- */

typedef struct sl_decision {
  sl_decision_kind kind;
  double value;  /* seconds, >= 0 */
  bool has_step; /* false: applies at the next point of its kind */
  uint64_t step; /* the _run_once index it belongs to */
  uint32_t pos;  /* cost and io: index among the step's points of its kind;
                    seed: cost points of the step before it (not in the
                    file format; the oracle's rule implies it) */
} sl_decision;

typedef struct sl_declog {
  sl_decision *d; /* owned array */
  size_t n, cap;
} sl_declog;

void sl_declog_init(sl_declog *log);
void sl_declog_free(sl_declog *log);
sl_errcode sl_declog_push(sl_declog *log, const sl_decision *d);
sl_errcode sl_declog_copy(sl_declog *dst, const sl_declog *src);
/* Decisions whose value is not the default 0. */
size_t sl_declog_nondefault(const sl_declog *log);
const char *sl_decision_kind_name(sl_decision_kind kind);

/* Parses a decision log (JSON Lines; lines whose "ev" is not "decision",
 * blank lines and '#' lines are skipped, so a whole trace serves as a log).
 * `name` is used in messages. On bad input returns SL_ECORRUPT and appends
 * "name:line:col: what; what to do" to err. */
sl_errcode sl_declog_parse(const char *text, size_t len, const char *name, sl_declog *out,
                           sl_strbuf *err);
/* Reads and parses the file at `path` (SL_EIO when unreadable). */
sl_errcode sl_declog_read(const char *path, sl_declog *out, sl_strbuf *err);
/* Appends the log as JSONL `decision` events (docs/trace.md), preceded by
 * `comment` as '#' lines when not NULL. */
void sl_declog_format(const sl_declog *log, const char *comment, sl_strbuf *out);
/* Writes the log to `path` with sl_output_write (sim/outfile.h): never a
 * partial file, never a device node replaced. */
sl_errcode sl_declog_save(const sl_declog *log, const char *comment, const char *path,
                          sl_strbuf *err);

/* The shortest log that replays `taken` exactly under the oracle's rule:
 * the non-default decisions, each pinned to its step, plus explicit zero
 * costs for the earlier cost points of the same step (the rule consumes
 * entries in order, so a cost at position 3 needs entries for 0..2).
 * `taken` must hold positions (as sl_schedule records them). */
sl_errcode sl_declog_canonical(const sl_declog *taken, sl_declog *out);

/* ---- strategies (sim/strategy.c) -------------------------------------- */

typedef enum sl_strategy_kind {
  SL_STRATEGY_NONE,    /* every decision takes its default */
  SL_STRATEGY_RANDOM,  /* each decision drawn from sl_strategy_random_value */
  SL_STRATEGY_PCT,     /* 1..depth large delays at random points among npoints */
  SL_STRATEGY_BOUNDED, /* placement number `seed` of at most `bound` delays */
} sl_strategy_kind;

#define SL_STRATEGY_MAX_SIZES 8
#define SL_STRATEGY_MAX_BOUND 4
#define SL_STRATEGY_MAX_DEPTH 16 /* >= SL_STRATEGY_MAX_BOUND */

typedef struct sl_strategy {
  sl_strategy_kind kind;
  uint32_t depth;                      /* pct: at most this many delays per run (>= 1) */
  uint32_t bound;                      /* bounded: at most this many delays (k) */
  uint64_t npoints;                    /* pct, bounded: decision points considered (n) */
  double sizes[SL_STRATEGY_MAX_SIZES]; /* pct, bounded: delay sizes */
  uint32_t nsizes;
} sl_strategy;

/* Parses "random", "pct", "bounded" (none: "default"); fills defaults. */
bool sl_strategy_parse(const char *name, sl_strategy *out);
const char *sl_strategy_name(sl_strategy_kind kind);
/* Parses "0.01,0.1" into sizes; false on a bad list (message in err). */
bool sl_strategy_parse_sizes(const char *text, sl_strategy *st, sl_strbuf *err);

/* The random strategy's distribution for one decision: 0 with probability
 * 85%, k ms (k uniform in 1..50) with 14%, k*100 ms (k in 1..20) with 1%. */
double sl_strategy_random_value(sl_rng *r);

/* A plan: the delays a pct or bounded run applies, by decision point
 * (0-based index over all points of the run, both kinds). Sorted by point. */
typedef struct sl_plan_item {
  uint64_t point;
  double value;
} sl_plan_item;
typedef struct sl_plan {
  sl_plan_item item[SL_STRATEGY_MAX_DEPTH];
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

/* ---- the schedule: an sl_decider ------------------------------------- */

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
  uint64_t seed_state;  /* random, pct: splitmix64 state of the seed decisions */
  sl_plan plan;         /* pct, bounded */
  uint32_t plan_next;
  const sl_declog *replay; /* borrowed: SL_SOURCE_LOG */
  size_t replay_pos;       /* next cost/oversleep entry to consider */
  size_t replay_io_pos;    /* next io entry to consider (its own cursor) */
  const uint8_t *bytes; /* borrowed: SL_SOURCE_BYTES */
  size_t nbytes, byte_pos;
  uint64_t npoints;  /* decision points seen so far */
  uint64_t cur_step; /* step of the last point, to count positions */
  uint32_t cur_pos;  /* cost points seen in cur_step */
  uint32_t cur_io_pos; /* io points seen in cur_step */
  double max_time;   /* > 0: the run ends as budget past this time */
  sl_declog taken;   /* owned: every decision applied, with positions */
  bool failed;       /* out of memory while logging: the run is void */
  /* Called for every decision applied, in order (the trace's `decision`
   * events); may be NULL. */
  void (*on_decision)(void *ctx, uint64_t step, sl_decision_kind kind, double value);
  void *on_ctx;
  /* Called at every decision point before it is answered, with the run's
   * runtime (the report uses it to see where tasks are); may be NULL. */
  void (*on_point)(void *ctx, sl_rt *rt, sl_decision_kind kind);
  void *point_ctx;
} sl_schedule;

/* Initialises a schedule answering every point with the default. */
void sl_schedule_init_default(sl_schedule *s);
/* Strategy run number `seed` (random and pct: the PRNG seed; bounded: the
 * placement index). */
void sl_schedule_init_strategy(sl_schedule *s, const sl_strategy *st, uint64_t seed);
/* Replays `log` (borrowed, must outlive the run). */
void sl_schedule_init_log(sl_schedule *s, const sl_declog *log);
/* Fuzzer bytes (borrowed). */
void sl_schedule_init_bytes(sl_schedule *s, const uint8_t *bytes, size_t n);
void sl_schedule_free(sl_schedule *s);

/* The decider to put in the run's sl_vselector. */
sl_decider sl_schedule_decider(sl_schedule *s);

/* The canonical log that replays this run (sl_declog_canonical of taken). */
sl_errcode sl_schedule_log(const sl_schedule *s, sl_declog *out);

/* The documented mapping from one fuzzer byte to a decision value:
 *   0..127    0 (default)
 *   128..247  (b - 127) ms: 1 .. 120 ms
 *   248..255  0.25, 0.5, 1, 2, 5, 10, 30, 60 s
 * One byte per decision point, in order; when the bytes run out, 0. */
double sl_schedule_byte_value(uint8_t b);

#endif
