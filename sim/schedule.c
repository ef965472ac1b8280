/* Decision sources behind sl_decider: PRNG strategies, replay log, fuzzer
 * bytes (schedule.h). */
#include "sim/schedule.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/loop.h"
#include "core/rt.h"

static void schedule_init(sl_schedule *s, sl_schedule_source source) {
  memset(s, 0, sizeof *s);
  s->source = source;
  s->strategy.kind = SL_STRATEGY_NONE;
  sl_declog_init(&s->taken);
}

void sl_schedule_init_default(sl_schedule *s) { schedule_init(s, SL_SOURCE_DEFAULT); }

void sl_schedule_init_strategy(sl_schedule *s, const sl_strategy *st, uint64_t seed) {
  schedule_init(s, st->kind == SL_STRATEGY_NONE ? SL_SOURCE_DEFAULT : SL_SOURCE_STRATEGY);
  s->strategy = *st;
  s->faults = st->faults;
  sl_rng_seed(&s->rng, seed);
  s->seed_state = seed ^ 0x5EED5EEDull;
  if (st->kind == SL_STRATEGY_PCT) sl_pct_plan(st, seed, &s->plan);
  if (st->kind == SL_STRATEGY_BOUNDED && !sl_bounded_plan(st, seed, &s->plan)) s->plan.n = 0;
}

void sl_schedule_init_plan(sl_schedule *s, const sl_strategy *st, const sl_plan *plan,
                           uint64_t seed_state) {
  schedule_init(s, SL_SOURCE_STRATEGY);
  s->strategy = *st;
  s->strategy.kind = SL_STRATEGY_COVERAGE;
  s->faults = st->faults;
  s->plan = *plan;
  s->seed_state = seed_state;
}

void sl_schedule_init_log(sl_schedule *s, const sl_declog *log) {
  schedule_init(s, SL_SOURCE_LOG);
  s->replay = log;
}

void sl_schedule_init_bytes(sl_schedule *s, const uint8_t *bytes, size_t n) {
  schedule_init(s, SL_SOURCE_BYTES);
  s->bytes = bytes;
  s->nbytes = n;
}

void sl_schedule_free(sl_schedule *s) { sl_declog_free(&s->taken); }

double sl_schedule_byte_value(uint8_t b) {
  static const double large[8] = {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0};
  if (b < 128) return 0.0;
  if (b < 248) return (double)(b - 127) / 1000.0;
  return large[b - 248];
}

/* The value the strategy gives decision point number `point`. */
static double strategy_value(sl_schedule *s, uint64_t point) {
  switch (s->strategy.kind) {
  case SL_STRATEGY_RANDOM: return sl_strategy_random_value(&s->rng);
  case SL_STRATEGY_PCT:
  case SL_STRATEGY_BOUNDED:
  case SL_STRATEGY_COVERAGE:
    /* Points only grow, and the plan is sorted: one cursor suffices. */
    while (s->plan_next < s->plan.n && s->plan.item[s->plan_next].point < point) s->plan_next++;
    if (s->plan_next < s->plan.n && s->plan.item[s->plan_next].point == point)
      return s->plan.item[s->plan_next++].value;
    return 0.0;
  case SL_STRATEGY_NONE: break;
  }
  return 0.0;
}

/* A seed for random: the random and pct strategies vary it (uniform in
 * [0, 2**32), from a stream of its own so the timing decisions of a run
 * are the same whether or not the program uses random); bounded keeps the
 * default, its runs enumerate timing placements only; a coverage plan
 * varies it when its seed state is not 0 (a mutation drew one). */
static double strategy_seed(sl_schedule *s) {
  if (s->strategy.kind == SL_STRATEGY_COVERAGE && !s->seed_state) return 0.0;
  if (s->strategy.kind != SL_STRATEGY_RANDOM && s->strategy.kind != SL_STRATEGY_PCT &&
      s->strategy.kind != SL_STRATEGY_COVERAGE)
    return 0.0;
  return (double)(sl_splitmix64(&s->seed_state) >> 32);
}

static double schedule_decide(void *ctx, sl_rt *rt, sl_decision_kind kind) {
  sl_schedule *s = ctx;
  /* A fault question is an io point like any other (positions, replay),
   * but without faults a strategy or the fuzzer's bytes never see it: the
   * same PRNG draws, plan points and bytes as if it were not asked. */
  bool drawn = kind != SL_DECISION_IO_FAULT || s->faults;
  if (kind == SL_DECISION_IO_FAULT) kind = SL_DECISION_IO;
  if (s->on_point) s->on_point(s->point_ctx, rt, kind);
  uint64_t step = rt->loop->step;
  if (step != s->cur_step) {
    s->cur_step = step;
    s->cur_pos = 0;
    s->cur_io_pos = 0;
  }
  uint32_t pos = kind == SL_DECISION_COST                                 ? s->cur_pos++
                 : kind == SL_DECISION_SEED || kind == SL_DECISION_THREAD ? s->cur_pos
                 : kind == SL_DECISION_IO                                 ? s->cur_io_pos++
                                                                          : 0;
  /* Seed points are not counted: pct and bounded plans place delays among
   * the timing points only, whether or not the program uses random. */
  uint64_t point = kind == SL_DECISION_SEED || !drawn ? s->npoints : s->npoints++;
  if (s->on_timing && point != s->npoints) s->on_timing(s->timing_ctx, point, kind);
  double v = 0.0;
  bool applied = false;
  switch (s->source) {
  case SL_SOURCE_DEFAULT: break;
  case SL_SOURCE_STRATEGY:
    if (!drawn) break;
    v = kind == SL_DECISION_SEED ? strategy_seed(s) : strategy_value(s, point);
    applied = v != 0.0;
    break;
  case SL_SOURCE_BYTES:
    /* Fuzzer bytes shape timing only; the seed keeps its default. */
    if (kind != SL_DECISION_SEED && drawn && s->byte_pos < s->nbytes)
      v = sl_schedule_byte_value(s->bytes[s->byte_pos++]);
    applied = v != 0.0;
    break;
  case SL_SOURCE_LOG:
    /* The oracle's Tracer.decide, rule for rule: io entries have their
     * own cursor, cost and oversleep share one. */
    if (kind == SL_DECISION_IO) {
      while (s->replay_io_pos < s->replay->n &&
             s->replay->d[s->replay_io_pos].kind != SL_DECISION_IO)
        s->replay_io_pos++;
      if (s->replay_io_pos < s->replay->n) {
        const sl_decision *d = &s->replay->d[s->replay_io_pos];
        if (!d->has_step || d->step == step) {
          s->replay_io_pos++;
          v = d->value;
          applied = true;
        }
      }
      break;
    }
    while (s->replay_pos < s->replay->n && s->replay->d[s->replay_pos].kind == SL_DECISION_IO)
      s->replay_pos++;
    if (s->replay_pos < s->replay->n) {
      const sl_decision *d = &s->replay->d[s->replay_pos];
      if (d->kind == kind && (!d->has_step || d->step == step)) {
        s->replay_pos++;
        v = d->value;
        applied = true; /* even a zero: the oracle reports every consumed entry */
      }
    }
    break;
  }
  /* A default thread delay is remembered too: several pool submits can
   * share one position between cost points, and the canonical log needs
   * the default ones before a non-default one (sl_declog_canonical). */
  if (applied || kind == SL_DECISION_THREAD) {
    sl_decision d = {kind, v, true, step, pos};
    if (sl_declog_push(&s->taken, &d)) {
      s->failed = true;
      sl_nomem(rt);
      return 0.0;
    }
    if (applied && s->on_decision) s->on_decision(s->on_ctx, step, kind, v);
  }
  if (kind != SL_DECISION_SEED && s->max_time > 0 && sl_loop_time(rt) + v > s->max_time) {
    /* --max-time: the virtual-time budget. The loop checks rt->fatal right
     * after select and after each handle. */
    sl_rt_fatal(rt, SL_EBUDGET);
  }
  return v;
}

sl_decider sl_schedule_decider(sl_schedule *s) {
  sl_decider d = {s, schedule_decide};
  return d;
}

sl_errcode sl_schedule_log(const sl_schedule *s, sl_declog *out) {
  return sl_declog_canonical(&s->taken, out);
}

bool sl_schedule_stream(sl_schedule *s, double *timing, size_t n, double *seeds, size_t nseeds) {
  for (size_t i = 0; i < n; i++) {
    double v = 0.0;
    if (s->source == SL_SOURCE_STRATEGY)
      v = strategy_value(s, i);
    else if (s->source == SL_SOURCE_BYTES && i < s->nbytes)
      v = sl_schedule_byte_value(s->bytes[i]);
    timing[i] = v;
  }
  for (size_t i = 0; i < nseeds; i++)
    seeds[i] = s->source == SL_SOURCE_STRATEGY ? strategy_seed(s) : 0.0;
  if (s->source == SL_SOURCE_BYTES)
    return false; /* n covers the bytes (the caller asks for nbytes) */
  if (s->source != SL_SOURCE_STRATEGY) return false;
  if (s->strategy.kind == SL_STRATEGY_RANDOM) return true;
  return s->plan.n && s->plan.item[s->plan.n - 1].point >= n;
}

sl_errcode sl_schedule_taken(sl_schedule *s, const sl_decision *d) {
  if (sl_declog_push(&s->taken, d)) {
    s->failed = true;
    return SL_ENOMEM;
  }
  return SL_EOK;
}
