/* Command-line options shared by explore, replay and minimize: the
 * strategy and its parameters, the seed, the run budget and the profile.
 *
 *   --strategy random|pct|bounded   --seed S   --depth D (pct)
 *   --bound K (bounded)   --points N (pct, bounded)   --sizes 0.01,0.1
 *   --max-steps N   --max-time SECONDS   --max-iterations N
 *   --max-wall SECONDS   --python VERSION
 *
 * Strings are borrowed from argv. */
#ifndef SL_SCHEDOPTS_H
#define SL_SCHEDOPTS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/schedule.h"
#include "sim/trial.h"

typedef struct sl_schedopts {
  sl_strategy strategy;
  bool has_strategy;
  uint64_t seed;
  bool has_seed;
  bool has_points;
  sl_trial_opts run;
} sl_schedopts;

/* The default budgets of run, explore, replay and minimize (conform:
 * SL_CONFORM_MAX_STEPS and no virtual-time budget, as the oracle has
 * none). docs/cli.md "Budgets". */
#define SL_DEFAULT_MAX_STEPS      100000u
#define SL_CONFORM_MAX_STEPS      1000000u
#define SL_DEFAULT_MAX_ITERATIONS 1000000u
/* `run` lets a CPU-bound loop finish as CPython does (a book's
 * `for i in range(100000000)` demo, twice: 2e8 iterations, ~6 s here);
 * explore keeps the small budget, each of its runs must end fast. An
 * endless loop still ends, at this budget or at --max-wall. */
#define SL_RUN_MAX_ITERATIONS     1000000000u
#define SL_DEFAULT_MAX_TIME       1e7  /* virtual seconds: about 116 days */
#define SL_DEFAULT_MAX_WALL       60.0 /* real seconds per run */
/* Bytes the program may hold (core/alloc.h's budget): well below these
 * machines' memory, far above any scenario's needs. */
#define SL_DEFAULT_MAX_MEMORY     ((size_t)4 << 30)

void sl_schedopts_init(sl_schedopts *o);
/* The default budgets above into `run`. */
void sl_budgets_default(sl_trial_opts *run);
/* Takes a budget option (--max-steps, --max-iterations, --max-time,
 * --max-wall): 1, 0 when `id` is none of them, -1 after the message on a
 * bad value. 0 is refused: no budget means unlimited by accident. */
int sl_budgets_set(sl_trial_opts *run, const char *cmd, int id, const char *value);

/* Takes --max-memory SIZE (bytes, or with a K, M, G or T suffix, powers of
 * 1024, "4G" = "4GiB") into the allocator's budget (core/alloc.h), which
 * holds for every run of the process: 1, or -1 after the message. */
int sl_budget_memory_set(const char *cmd, const char *value);
/* "4 GiB", "512 MiB", "1000 bytes": a memory size as the messages give it. */
void sl_budget_memory_format(size_t bytes, sl_strbuf *out);

/* If option `id` (sim/cli.h) is one of the above, takes its value and
 * returns 1; returns 0 when it is not; -1 after printing "simloop CMD:
 * what; what to do" to stderr on a bad value. */
int sl_schedopts_set(sl_schedopts *o, const char *cmd, int id, const char *value);

/* Takes --engine simloop|cpython into run->engine: 1, or -1 after the
 * message on another value. */
int sl_engine_set(sl_trial_opts *run, const char *cmd, const char *value);

/* Parses a non-negative decimal integer / a non-negative finite number. */
bool sl_parse_u64(const char *s, uint64_t *out);
bool sl_parse_seconds(const char *s, double *out);

/* The options that reproduce a strategy run, for printed commands
 * ("--strategy pct --depth 3 --sizes 0.001,0.01"). Only non-defaults. */
void sl_schedopts_format(const sl_strategy *st, bool points_given, sl_strbuf *out);

#endif
