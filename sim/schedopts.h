/* Command-line options shared by explore, replay and minimize: the
 * strategy and its parameters, the seed, the run budget and the profile.
 *
 *   --strategy random|pct|bounded   --seed S   --depth D (pct)
 *   --bound K (bounded)   --points N (pct, bounded)   --sizes 0.01,0.1
 *   --max-steps N   --max-time SECONDS   --python VERSION
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

void sl_schedopts_init(sl_schedopts *o);

/* If option `id` (sim/cli.h) is one of the above, takes its value and
 * returns 1; returns 0 when it is not; -1 after printing "simloop CMD:
 * what; what to do" to stderr on a bad value. */
int sl_schedopts_set(sl_schedopts *o, const char *cmd, int id, const char *value);

/* Parses a non-negative decimal integer / a non-negative finite number. */
bool sl_parse_u64(const char *s, uint64_t *out);
bool sl_parse_seconds(const char *s, double *out);

/* The options that reproduce a strategy run, for printed commands
 * ("--strategy pct --depth 3 --sizes 0.001,0.01"). Only non-defaults. */
void sl_schedopts_format(const sl_strategy *st, bool points_given, sl_strbuf *out);

#endif
