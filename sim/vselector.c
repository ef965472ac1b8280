/* Virtual clock and simulated selector (see vselector.h). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "sim/vselector.h"

#include <time.h>

#include "core/rt.h"
#include "sim/net/net.h"

/* Keeps a rare path out of its caller, whose common case then saves no
 * registers for it. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

static double wall_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

bool sl_vselector_wall_out(void *ctx) {
  sl_vselector *vs = ctx;
  if (vs->max_wall > 0 && wall_now() - vs->wall_start > vs->max_wall)
    vs->budget_hit = SL_VS_BUDGET_WALL;
  return vs->budget_hit == SL_VS_BUDGET_WALL;
}

/* Selects and handles (ticks) between two readings of the wall clock.
 * Reading it costs about as much as a whole `call_soon` callback on this
 * VM, so it is read every 256 ticks: with two ticks per step (select,
 * handle), 128 steps; a step's own work is bounded separately by the VM,
 * whose loops ask budget_out every 65536 iterations counted across steps
 * (sl_lang.iterations_run), so a run of many middling steps is caught within
 * a small fraction of a second too (tests/cli/budgets.sh). */
#define WALL_EVERY 256u

/* The virtual-time and wall-clock budgets; -1 (SL_EBUDGET) when out. The
 * loop checks rt->fatal right after select and after each handle. */
static NOINLINE int budgets_checked(sl_vselector *vs, sl_rt *rt, int step) {
  if (step == 1) {
    vs->budget_hit = SL_VS_BUDGET_TIME;
  } else if (step == 2) {
    vs->wall_due = vs->wall_tick + (WALL_EVERY - 1);
    sl_vselector_wall_out(vs);
  }
  return vs->budget_hit ? sl_rt_fatal(rt, SL_EBUDGET) : 0;
}

/* The common tick (no budget out, no wall clock reading due) calls
 * nothing, so its callers save no registers for it. The reading is due
 * at a tick number, not every multiple of WALL_EVERY, as a plain run's
 * handles count their ticks in advance (vs_handle_done_plain). */
static inline int check_budgets(sl_vselector *vs, sl_rt *rt) {
  if (vs->max_time > 0 && vs->now > vs->max_time) return budgets_checked(vs, rt, 1);
  if ((int32_t)(vs->wall_tick++ - vs->wall_due) >= 0) return budgets_checked(vs, rt, 2);
  return vs->budget_hit ? budgets_checked(vs, rt, 0) : 0;
}

static double vs_time(void *ctx) { return ((sl_vselector *)ctx)->now; }

static double decide(sl_vselector *vs, sl_rt *rt, sl_decision_kind kind) {
  return vs->decider.decide ? vs->decider.decide(vs->decider.ctx, rt, kind) : 0.0;
}

/* Sleeps `timeout` seconds (the oracle's FakeSelector:
 * self._now = self._now + timeout), then any oversleep. */
static void sleep_timeout(sl_vselector *vs, sl_rt *rt, double timeout) {
  if (timeout > 0) {
    vs->now = vs->now + timeout;
    double extra = decide(vs, rt, SL_DECISION_OVERSLEEP);
    if (extra > 0) vs->now = vs->now + extra;
  }
}

/* Reports the ready descriptors to the loop in the order the schedule
 * picks: by descriptor, or reversed on an `io` decision > 0. Reporting
 * changes no readiness (no handle runs inside select), so one pass in
 * either direction sees the same set. */
static int report_ready(sl_vselector *vs, sl_rt *rt) {
  const sl_iomap *map = &rt->loop->io;
  size_t n = 0;
  for (size_t fd = 0; fd < map->cap; fd++)
    if (map->keys[fd].events && sl_net_ready(vs->net, (int)fd, map->keys[fd].events)) n++;
  if (n == 0) return 0;
  bool reversed = n >= 2 && sl_net_ask_order(vs->net, rt, n);
  if (rt->fatal) return -1;
  size_t cap = map->cap;
  for (size_t i = 0; i < cap; i++) {
    size_t fd = reversed ? cap - 1 - i : i;
    if (fd >= map->cap || !map->keys[fd].events) continue;
    int m = sl_net_ready(vs->net, (int)fd, map->keys[fd].events);
    if (m && sl_loop_io_event(rt, (int)fd, m)) return -1;
  }
  return 0;
}

static int select_io(sl_vselector *vs, sl_rt *rt, bool has_timeout, double timeout);

/* True when a registered descriptor is ready now. */
static bool any_ready(sl_vselector *vs, sl_rt *rt) {
  const sl_iomap *map = &rt->loop->io;
  for (size_t fd = 0; fd < map->cap; fd++)
    if (map->keys[fd].events && sl_net_ready(vs->net, (int)fd, map->keys[fd].events)) return true;
  return false;
}

/* The simulated pool's jobs (core/pool.h) due within this select run
 * first, unless the network wakes the select earlier: the clock moves to
 * the first due job, every job due by then runs, and the rest of the
 * select does not sleep (timeout 0). The oracle's Pool.run_due, rule for
 * rule. */
static int run_pool(sl_vselector *vs, sl_rt *rt, bool *has_timeout, double *timeout) {
  double due = 0.0;
  if (!sl_pool_next_due(rt, &due)) return 0;
  if (due > vs->now) {
    if (*has_timeout && due > vs->now + *timeout) return 0;
    if (vs->net && rt->loop->io.nregistered) {
      double next = 0.0;
      if (any_ready(vs, rt)) return 0;
      if (sl_net_next_arrival(vs->net, &rt->loop->io, &next) && next < due) return 0;
    }
    vs->now = due;
  }
  if (sl_pool_run_due(rt)) return -1;
  *has_timeout = true;
  *timeout = 0.0;
  return 0;
}

/* A select that may wait, run pool jobs or look at descriptors. Out of
 * line, so that the common step below saves no registers for it. */
static NOINLINE int select_full(sl_vselector *vs, sl_rt *rt, bool has_timeout, double timeout) {
  double before = vs->now;
  int rc = run_pool(vs, rt, &has_timeout, &timeout);
  if (!rc && !rt->fatal) rc = select_io(vs, rt, has_timeout, timeout);
  if (vs->now != before) vs->time_moved_step = rt->loop->step;
  /* A budget the decider ran out of (schedule.h max_time) ends the run
   * here too: a select that runs no handle would never look again. */
  if (rc || rt->fatal) return -1;
  return check_budgets(vs, rt);
}

static int vs_select(void *ctx, sl_rt *rt, bool has_timeout, double timeout) {
  sl_vselector *vs = ctx;
  /* The common step: handles are ready (timeout 0), no job in the pool,
   * no descriptor registered. The general path takes no decision and
   * moves nothing then (run_pool: no job; sleep_timeout(0): no oversleep
   * asked; select_io: no network), so only the budgets remain. */
  if (has_timeout && timeout == 0 && rt->loop->pool.n == 0 &&
      (!vs->net || !rt->loop->io.nregistered))
    return rt->fatal ? -1 : check_budgets(vs, rt);
  return select_full(vs, rt, has_timeout, timeout);
}

static int select_io(sl_vselector *vs, sl_rt *rt, bool has_timeout, double timeout) {
  if (!vs->net || !rt->loop->io.nregistered) {
    if (!has_timeout) return sl_rt_fatal(rt, SL_EDEADLOCK);
    sleep_timeout(vs, rt, timeout);
    return 0;
  }
  const sl_iomap *map = &rt->loop->io;
  bool any = false;
  for (size_t fd = 0; fd < map->cap && !any; fd++)
    any = map->keys[fd].events && sl_net_ready(vs->net, (int)fd, map->keys[fd].events);
  if (!any) {
    double next = 0.0;
    bool in_flight = sl_net_next_arrival(vs->net, map, &next);
    if (!has_timeout) {
      if (!in_flight) return sl_rt_fatal(rt, SL_EDEADLOCK);
      vs->now = next;
    } else if (in_flight && next < vs->now + timeout) {
      vs->now = next;
    } else {
      sleep_timeout(vs, rt, timeout);
    }
    if (rt->fatal) return -1;
  }
  return report_ready(vs, rt);
}

static void vs_handle_done(void *ctx, sl_rt *rt) {
  sl_vselector *vs = ctx;
  double cost = decide(vs, rt, SL_DECISION_COST);
  if (cost > 0) {
    vs->now = vs->now + cost;
    vs->time_moved_step = rt->loop->step;
  }
  if (!rt->fatal) check_budgets(vs, rt);
}

/* handle_done without a decider: no cost is asked (decide() would give
 * 0, and the clock stays), so only the budgets are left. Until the wall
 * clock is due, the next handles could end the run only by moving the
 * clock past max_time, which only time.sleep does outside a select that
 * waits (vs_advance, which takes the grant back; select_full checks the
 * budgets itself): they, and the selects of their steps that would only
 * tick the budgets (vs_select's common step), are left out, the
 * handles' ticks counted now. */
static void vs_handle_done_plain(void *ctx, sl_rt *rt) {
  sl_vselector *vs = ctx;
  if (rt->fatal || check_budgets(vs, rt)) return;
  uint32_t quiet = vs->wall_due - vs->wall_tick; /* < WALL_EVERY: no reading due */
  vs->wall_tick += quiet;
  rt->loop->quiet_handles = quiet;
}

/* time.sleep: the whole process blocks, so only the clock moves; the
 * handle's end checks the time budget again. */
static void vs_advance(void *ctx, sl_rt *rt, double dt) {
  sl_vselector *vs = ctx;
  vs->now = vs->now + dt;
  rt->loop->quiet_handles = 0;
}

static double vs_thread(void *ctx, sl_rt *rt) {
  return decide((sl_vselector *)ctx, rt, SL_DECISION_THREAD);
}

static uint64_t vs_seed(void *ctx, sl_rt *rt) {
  sl_vselector *vs = ctx;
  if (!vs->decider.decide) return 0;
  double v = vs->decider.decide(vs->decider.ctx, rt, SL_DECISION_SEED);
  return v > 0 ? (uint64_t)v : 0;
}

/* ---- the io backend: forwards to the net ------------------------------ */

static sl_net *net_of(void *ctx) { return ((sl_vselector *)ctx)->net; }

static int io_socketpair(void *ctx, sl_rt *rt, int family, int fds[2]) {
  return sl_net_socketpair(net_of(ctx), rt, family, fds);
}
static long io_send(void *ctx, sl_rt *rt, int fd, const unsigned char *data, size_t len) {
  return sl_net_send(net_of(ctx), rt, fd, data, len);
}
static long io_recv(void *ctx, sl_rt *rt, int fd, unsigned char *buf, size_t n) {
  return sl_net_recv(net_of(ctx), rt, fd, buf, n);
}
static long io_readable(void *ctx, sl_rt *rt, int fd) {
  (void)rt;
  return sl_net_readable(net_of(ctx), fd);
}
static int io_shutdown_write(void *ctx, sl_rt *rt, int fd) {
  return sl_net_shutdown_write(net_of(ctx), rt, fd);
}
static int io_close(void *ctx, sl_rt *rt, int fd) { return sl_net_close(net_of(ctx), rt, fd); }
static int io_family(void *ctx, sl_rt *rt, int fd) {
  (void)rt;
  return sl_net_family(net_of(ctx), fd);
}

static int io_socket(void *ctx, sl_rt *rt, int family) {
  return sl_net_socket(net_of(ctx), rt, family);
}
static int io_bind(void *ctx, sl_rt *rt, int fd, const char *ip, int port) {
  return sl_net_bind(net_of(ctx), rt, fd, ip, port);
}
static int io_listen(void *ctx, sl_rt *rt, int fd) { return sl_net_listen(net_of(ctx), rt, fd); }
static int io_connect(void *ctx, sl_rt *rt, int fd, const char *ip, int port, bool nonblocking) {
  return nonblocking ? sl_net_connect_nonblocking(net_of(ctx), rt, fd, ip, port)
                     : sl_net_connect(net_of(ctx), rt, fd, ip, port);
}
static int io_sockerr(void *ctx, sl_rt *rt, int fd) {
  (void)rt;
  return sl_net_take_error(net_of(ctx), fd);
}
static int io_accept(void *ctx, sl_rt *rt, int fd) { return sl_net_accept(net_of(ctx), rt, fd); }
static int io_name(void *ctx, sl_rt *rt, int fd, bool peer, const char **ip, int *port) {
  (void)rt;
  return sl_net_name(net_of(ctx), fd, peer, ip, port);
}

static const sl_io_backend net_backend = {
    io_socketpair, io_send, io_recv,   io_readable, io_shutdown_write, io_close, io_family,
    io_socket,     io_bind, io_listen, io_connect,  io_accept,         io_name,  io_sockerr};

void sl_vselector_install(sl_rt *rt, sl_vselector *vs) {
  vs->wall_start = wall_now();
  vs->budget_hit = SL_VS_BUDGET_NONE;
  vs->wall_tick = vs->wall_due = 0;
  bool plain = !vs->decider.decide;
  sl_selector sel = {vs,
                     vs_time,
                     vs_select,
                     plain ? vs_handle_done_plain : vs_handle_done,
                     vs_advance,
                     vs_seed,
                     vs->net ? &net_backend : NULL,
                     vs_thread};
  sl_loop_set_selector(rt->loop, &sel);
}

sl_net *sl_vselector_net(sl_rt *rt) {
  if (rt->loop->selector.time != vs_time) return NULL;
  return ((sl_vselector *)rt->loop->selector.ctx)->net;
}
