/* Shared schedule options of explore, replay and minimize (schedopts.h). */
#include "sim/schedopts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang/numfmt.h"
#include "sim/tracearg.h"

void sl_schedopts_init(sl_schedopts *o) {
  memset(o, 0, sizeof *o);
  sl_strategy_parse("random", &o->strategy);
  o->run.max_steps = 100000;
}

bool sl_parse_u64(const char *s, uint64_t *out) {
  if (!s || !*s || *s == '-' || *s == '+')
    return false;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9')
      return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end)
    return false;
  *out = v;
  return true;
}

bool sl_parse_seconds(const char *s, double *out) {
  if (!s || !*s)
    return false;
  char *end;
  double v = strtod(s, &end);
  if (*end || !(v >= 0.0) || isinf(v))
    return false;
  *out = v;
  return true;
}

int sl_schedopts_parse(sl_schedopts *o, const char *cmd, int argc, char **argv, int *i) {
  static const char *const names[] = {"--strategy",  "--seed",     "--depth",
                                      "--bound",     "--points",   "--sizes",
                                      "--max-steps", "--max-time", "--python"};
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
    bool missing = false;
    int at = *i;
    const char *v = sl_opt_value(argc, argv, &at, names[k], &missing);
    if (missing) {
      fprintf(stderr, "simloop %s: %s needs a value\n", cmd, names[k]);
      return -1;
    }
    if (!v)
      continue;
    *i = at;
    uint64_t u;
    switch (k) {
    case 0: {
      sl_strategy keep = o->strategy;
      if (!sl_strategy_parse(v, &o->strategy) || o->strategy.kind == SL_STRATEGY_NONE) {
        fprintf(stderr, "simloop %s: unknown strategy '%s'; use random, pct or bounded\n",
                cmd, v);
        return -1;
      }
      /* Parameters given before --strategy stay. */
      o->strategy.depth = keep.depth;
      o->strategy.bound = keep.bound;
      o->strategy.npoints = keep.npoints;
      o->strategy.nsizes = keep.nsizes;
      memcpy(o->strategy.sizes, keep.sizes, sizeof keep.sizes);
      o->has_strategy = true;
      return 1;
    }
    case 1:
      if (!sl_parse_u64(v, &o->seed))
        break;
      o->has_seed = true;
      return 1;
    case 2:
      if (!sl_parse_u64(v, &u) || u < 1 || u > SL_STRATEGY_MAX_DEPTH) {
        fprintf(stderr, "simloop %s: --depth '%s': expected 1 to %d\n", cmd, v,
                SL_STRATEGY_MAX_DEPTH);
        return -1;
      }
      o->strategy.depth = (uint32_t)u;
      return 1;
    case 3:
      if (!sl_parse_u64(v, &u) || u > SL_STRATEGY_MAX_BOUND) {
        fprintf(stderr, "simloop %s: --bound '%s': expected 0 to %d\n", cmd, v,
                SL_STRATEGY_MAX_BOUND);
        return -1;
      }
      o->strategy.bound = (uint32_t)u;
      return 1;
    case 4:
      if (!sl_parse_u64(v, &u) || u < 1 || u > 1000000) {
        fprintf(stderr, "simloop %s: --points '%s': expected 1 to 1000000\n", cmd, v);
        return -1;
      }
      o->strategy.npoints = u;
      o->has_points = true;
      return 1;
    case 5: {
      sl_strbuf err = SL_STRBUF_INIT;
      bool ok = sl_strategy_parse_sizes(v, &o->strategy, &err);
      if (!ok)
        fprintf(stderr, "simloop %s: %s", cmd, sl_strbuf_cstr(&err));
      sl_strbuf_free(&err);
      return ok ? 1 : -1;
    }
    case 6:
      if (!sl_parse_u64(v, &u) || u < 1) {
        fprintf(stderr, "simloop %s: --max-steps '%s': expected a positive integer\n",
                cmd, v);
        return -1;
      }
      o->run.max_steps = u;
      return 1;
    case 7:
      if (!sl_parse_seconds(v, &o->run.max_time) || o->run.max_time <= 0) {
        fprintf(stderr, "simloop %s: --max-time '%s': expected seconds > 0 (e.g. 60)\n",
                cmd, v);
        return -1;
      }
      return 1;
    case 8:
      o->run.python = v;
      return 1;
    }
    fprintf(stderr, "simloop %s: %s '%s': expected a non-negative integer\n", cmd,
            names[k], v);
    return -1;
  }
  return 0;
}

void sl_schedopts_format(const sl_strategy *st, bool points_given, sl_strbuf *out) {
  sl_strategy def;
  sl_strategy_parse(sl_strategy_name(st->kind), &def);
  sl_strbuf_printf(out, "--strategy %s", sl_strategy_name(st->kind));
  if (st->kind == SL_STRATEGY_PCT && st->depth != def.depth)
    sl_strbuf_printf(out, " --depth %u", st->depth);
  if (st->kind == SL_STRATEGY_BOUNDED && st->bound != def.bound)
    sl_strbuf_printf(out, " --bound %u", st->bound);
  if (st->kind == SL_STRATEGY_PCT || st->kind == SL_STRATEGY_BOUNDED) {
    if (points_given)
      sl_strbuf_printf(out, " --points %llu", (unsigned long long)st->npoints);
    bool same = st->nsizes == def.nsizes;
    for (uint32_t i = 0; same && i < st->nsizes; i++)
      same = st->sizes[i] == def.sizes[i];
    if (!same) {
      sl_strbuf_puts(out, " --sizes ");
      for (uint32_t i = 0; i < st->nsizes; i++) {
        if (i)
          sl_strbuf_putc(out, ',');
        sl_float_repr(out, st->sizes[i]);
      }
    }
  }
}
