/* Shared schedule options of explore, replay and minimize (schedopts.h). */
#include "sim/schedopts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt.h"
#include "sim/cli.h"

void sl_schedopts_init(sl_schedopts *o) {
  memset(o, 0, sizeof *o);
  sl_strategy_parse("random", &o->strategy);
  sl_budgets_default(&o->run);
}

void sl_budgets_default(sl_trial_opts *run) {
  run->max_steps = SL_DEFAULT_MAX_STEPS;
  run->max_iterations = SL_DEFAULT_MAX_ITERATIONS;
  run->max_time = SL_DEFAULT_MAX_TIME;
  run->max_wall = SL_DEFAULT_MAX_WALL;
}

static int get_count(const char *cmd, const char *name, const char *v, uint64_t *out) {
  if (sl_parse_u64(v, out) && *out >= 1) return 1;
  fprintf(stderr, "simloop %s: %s '%s': expected a positive integer (no value means unlimited)\n",
          cmd, name, v);
  return -1;
}

static int get_seconds(const char *cmd, const char *name, const char *v, double *out) {
  if (sl_parse_seconds(v, out) && *out > 0) return 1;
  fprintf(stderr, "simloop %s: %s '%s': expected seconds > 0 (e.g. 60)\n", cmd, name, v);
  return -1;
}

int sl_budgets_set(sl_trial_opts *run, const char *cmd, int id, const char *v) {
  switch (id) {
  case SL_OPT_MAX_STEPS: return get_count(cmd, "--max-steps", v, &run->max_steps);
  case SL_OPT_MAX_ITERATIONS: return get_count(cmd, "--max-iterations", v, &run->max_iterations);
  case SL_OPT_MAX_TIME: return get_seconds(cmd, "--max-time", v, &run->max_time);
  case SL_OPT_MAX_WALL: return get_seconds(cmd, "--max-wall", v, &run->max_wall);
  }
  return 0;
}

int sl_budget_memory_set(const char *cmd, const char *v) {
  static const char units[] = "KMGT";
  size_t n = strspn(v, "0123456789");
  char digits[32];
  uint64_t count;
  const char *unit = n && v[n] ? strchr(units, v[n] >= 'a' ? v[n] - 32 : v[n]) : NULL;
  const char *rest = v + n + (unit ? 1 : 0);
  bool suffix_ok = !*rest || (unit && (!strcmp(rest, "iB") || !strcmp(rest, "B")));
  if (n && n < sizeof digits && suffix_ok && (!v[n] || unit)) {
    memcpy(digits, v, n);
    digits[n] = '\0';
    unsigned shift = unit ? 10u * (unsigned)(unit - units + 1) : 0;
    if (sl_parse_u64(digits, &count) && count >= 1 && count <= (SIZE_MAX >> shift)) {
      sl_alloc_set_budget((size_t)count << shift);
      return 1;
    }
  }
  fprintf(stderr,
          "simloop %s: --max-memory '%s': expected a size > 0 in bytes, or with a K, M, G or T "
          "suffix (e.g. 4G)\n",
          cmd, v);
  return -1;
}

void sl_budget_memory_format(size_t bytes, sl_strbuf *out) {
  static const char *const names[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  size_t i = 0;
  while (i < 4 && bytes && !(bytes & 1023)) bytes >>= 10, i++;
  sl_strbuf_printf(out, "%zu %s", bytes, names[i]);
}

bool sl_parse_u64(const char *s, uint64_t *out) {
  if (!s || !*s || *s == '-' || *s == '+') return false;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9') return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end) return false;
  *out = v;
  return true;
}

bool sl_parse_seconds(const char *s, double *out) {
  if (!s || !*s) return false;
  char *end;
  double v = strtod(s, &end);
  if (*end || !(v >= 0.0) || isinf(v)) return false;
  *out = v;
  return true;
}

/* --strategy S: parameters given before it stay. */
static int set_strategy(sl_schedopts *o, const char *cmd, const char *v) {
  sl_strategy keep = o->strategy;
  bool explore = !strcmp(cmd, "explore");
  if (!sl_strategy_parse(v, &o->strategy) || o->strategy.kind == SL_STRATEGY_NONE) {
    fprintf(stderr, "simloop %s: unknown strategy '%s'; use %s\n", cmd, v,
            explore ? "coverage, random, pct or bounded" : "random, pct or bounded");
    return -1;
  }
  if (o->strategy.kind == SL_STRATEGY_COVERAGE && !explore) {
    /* Its run i is made from the runs before it (sim/explore_cov.h). */
    fprintf(stderr,
            "simloop %s: --strategy coverage: a coverage run depends on the runs before it, not "
            "on its seed alone; replay the decision log explore wrote (--decisions LOG)\n",
            cmd);
    return -1;
  }
  o->strategy.depth = keep.depth;
  o->strategy.bound = keep.bound;
  o->strategy.npoints = keep.npoints;
  o->strategy.nsizes = keep.nsizes;
  memcpy(o->strategy.sizes, keep.sizes, sizeof keep.sizes);
  o->strategy.faults = keep.faults;
  o->has_strategy = true;
  return 1;
}

/* An integer option in [lo, hi]; -1 after the message. */
static int get_range(const char *cmd, const char *name, const char *v, uint64_t lo, uint64_t hi,
                     uint64_t *out) {
  if (sl_parse_u64(v, out) && *out >= lo && *out <= hi) return 1;
  fprintf(stderr, "simloop %s: %s '%s': expected %llu to %llu\n", cmd, name, v,
          (unsigned long long)lo, (unsigned long long)hi);
  return -1;
}

static int set_sizes(sl_schedopts *o, const char *cmd, const char *v) {
  sl_strbuf err = SL_STRBUF_INIT;
  bool ok = sl_strategy_parse_sizes(v, &o->strategy, &err);
  if (!ok) fprintf(stderr, "simloop %s: %s", cmd, sl_strbuf_cstr(&err));
  sl_strbuf_free(&err);
  return ok ? 1 : -1;
}

int sl_schedopts_set(sl_schedopts *o, const char *cmd, int id, const char *v) {
  uint64_t u;
  switch (id) {
  case SL_OPT_STRATEGY: return set_strategy(o, cmd, v);
  case SL_OPT_SEED:
    if (!sl_parse_u64(v, &o->seed)) {
      fprintf(stderr, "simloop %s: --seed '%s': expected a non-negative integer\n", cmd, v);
      return -1;
    }
    o->has_seed = true;
    return 1;
  case SL_OPT_DEPTH:
    if (get_range(cmd, "--depth", v, 1, SL_STRATEGY_MAX_DEPTH, &u) < 0) return -1;
    o->strategy.depth = (uint32_t)u;
    return 1;
  case SL_OPT_BOUND:
    if (get_range(cmd, "--bound", v, 0, SL_STRATEGY_MAX_BOUND, &u) < 0) return -1;
    o->strategy.bound = (uint32_t)u;
    return 1;
  case SL_OPT_POINTS:
    if (get_range(cmd, "--points", v, 1, 1000000, &u) < 0) return -1;
    o->strategy.npoints = u;
    o->has_points = true;
    return 1;
  case SL_OPT_SIZES: return set_sizes(o, cmd, v);
  case SL_OPT_FAULTS: o->strategy.faults = true; return 1;
  case SL_OPT_MAX_STEPS:
  case SL_OPT_MAX_ITERATIONS:
  case SL_OPT_MAX_TIME:
  case SL_OPT_MAX_WALL: return sl_budgets_set(&o->run, cmd, id, v);
  case SL_OPT_PYTHON: o->run.python = v; return 1;
  case SL_OPT_ENGINE: return sl_engine_set(&o->run, cmd, v);
  }
  return 0;
}

void sl_schedopts_format(const sl_strategy *st, bool points_given, sl_strbuf *out) {
  sl_strategy def;
  sl_strategy_parse(sl_strategy_name(st->kind), &def);
  sl_strbuf_printf(out, "--strategy %s", sl_strategy_name(st->kind));
  if (st->faults) sl_strbuf_puts(out, " --faults");
  if (st->kind == SL_STRATEGY_PCT && st->depth != def.depth)
    sl_strbuf_printf(out, " --depth %u", st->depth);
  if (st->kind == SL_STRATEGY_BOUNDED && st->bound != def.bound)
    sl_strbuf_printf(out, " --bound %u", st->bound);
  if (st->kind == SL_STRATEGY_PCT || st->kind == SL_STRATEGY_BOUNDED) {
    if (points_given) sl_strbuf_printf(out, " --points %llu", (unsigned long long)st->npoints);
    bool same = st->nsizes == def.nsizes;
    for (uint32_t i = 0; same && i < st->nsizes; i++) same = st->sizes[i] == def.sizes[i];
    if (!same) {
      sl_strbuf_puts(out, " --sizes ");
      for (uint32_t i = 0; i < st->nsizes; i++) {
        if (i) sl_strbuf_putc(out, ',');
        sl_float_repr(out, st->sizes[i]);
      }
    }
  }
}

int sl_engine_set(sl_trial_opts *run, const char *cmd, const char *value) {
  if (!strcmp(value, "simloop")) {
    run->engine = SL_ENGINE_SIMLOOP;
    return 1;
  }
  if (!strcmp(value, "cpython")) {
    run->engine = SL_ENGINE_CPYTHON;
    return 1;
  }
  fprintf(stderr, "simloop %s: --engine '%s': expected simloop or cpython\n", cmd, value);
  return -1;
}
