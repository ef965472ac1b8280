/* Virtual clock and simulated selector (see vselector.h). */
#include "sim/vselector.h"

#include "core/rt.h"

static double vs_time(void *ctx) { return ((sl_vselector *)ctx)->now; }

static int vs_select(void *ctx, sl_rt *rt, bool has_timeout, double timeout) {
  sl_vselector *vs = ctx;
  if (!has_timeout) return sl_rt_fatal(rt, SL_EDEADLOCK);
  if (timeout > 0) {
    /* The oracle's FakeSelector: self._now = self._now + timeout. */
    vs->now = vs->now + timeout;
    if (vs->decider.decide) {
      double extra = vs->decider.decide(vs->decider.ctx, rt, SL_DECISION_OVERSLEEP);
      if (extra > 0) vs->now = vs->now + extra;
    }
  }
  return 0;
}

static void vs_handle_done(void *ctx, sl_rt *rt) {
  sl_vselector *vs = ctx;
  if (!vs->decider.decide) return;
  double cost = vs->decider.decide(vs->decider.ctx, rt, SL_DECISION_COST);
  if (cost > 0) vs->now = vs->now + cost;
}

/* time.sleep: the whole process blocks, so only the clock moves. */
static void vs_advance(void *ctx, sl_rt *rt, double dt) {
  (void)rt;
  sl_vselector *vs = ctx;
  vs->now = vs->now + dt;
}

static uint64_t vs_seed(void *ctx, sl_rt *rt) {
  sl_vselector *vs = ctx;
  if (!vs->decider.decide) return 0;
  double v = vs->decider.decide(vs->decider.ctx, rt, SL_DECISION_SEED);
  return v > 0 ? (uint64_t)v : 0;
}

void sl_vselector_install(sl_rt *rt, sl_vselector *vs) {
  sl_selector sel = {vs, vs_time, vs_select, vs_handle_done, vs_advance, vs_seed};
  sl_loop_set_selector(rt->loop, &sel);
}
