/* The virtual clock and the simulated selector.
 *
 * Time starts at 0.0 and moves only in select() (by exactly the timeout, as
 * the oracle's fake selector does, plus any `oversleep` decision) and after
 * a handle runs (a `cost` decision). With a network, select() reports the
 * registered descriptors that are ready and, when none is, sleeps until
 * the first piece in flight to a reader arrives or the timeout passes,
 * whichever is first (the oversleep decision is taken only when the whole
 * timeout was slept). select() with no timeout and nothing in flight means
 * nothing can ever happen again: the run ends as a deadlock. */
#ifndef SL_VSELECTOR_H
#define SL_VSELECTOR_H

#include "core/loop.h"

typedef enum sl_decision_kind {
  SL_DECISION_COST,      /* seconds a callback took */
  SL_DECISION_OVERSLEEP, /* extra seconds a select with a timeout slept */
  SL_DECISION_SEED,      /* the seed of `random` (an integer >= 0, not seconds) */
  SL_DECISION_IO,        /* a simulated network outcome (sim/net/net.h) */
  /* A network fault question (a stall, a reset: sim/net/net.h). Only the
   * question differs: it is an `io` decision in every log, trace and
   * replay, but strategies and fuzzer bytes answer it (anything but the
   * default) only when faults are asked for (sl_schedule.faults). */
  SL_DECISION_IO_FAULT,
  /* Seconds a function given to the simulated pool (to_thread,
   * run_in_executor) takes before it runs and its outcome is delivered
   * (core/pool.h); taken at the submit. */
  SL_DECISION_THREAD,
} sl_decision_kind;

/* Where decisions come from (seeded PRNG, replay log, fuzzer bytes). NULL
 * decide means every decision takes its default, 0. */
typedef struct sl_decider {
  void *ctx;
  /* Returns the decision's value (>= 0 seconds; for a seed, an integer). */
  double (*decide)(void *ctx, sl_rt *rt, sl_decision_kind kind);
} sl_decider;

typedef struct sl_net sl_net;

/* Which budget the selector ended the run for (SL_EBUDGET). */
typedef enum sl_vs_budget { SL_VS_BUDGET_NONE, SL_VS_BUDGET_TIME, SL_VS_BUDGET_WALL } sl_vs_budget;

typedef struct sl_vselector {
  double now;
  sl_decider decider;
  sl_net *net;       /* borrowed; NULL: no network (select only moves the clock) */
  double max_time;   /* > 0: the run ends as budget once `now` passes it */
  double max_wall;   /* > 0: ... once this many real seconds have passed */
  double wall_start; /* set by sl_vselector_install */
  sl_vs_budget budget_hit;
  uint32_t wall_tick;       /* selects and handles (ticks) counted so far */
  uint32_t wall_due;        /* the tick at which the wall clock is read next */
  uint64_t time_moved_step; /* the last loop step in which `now` changed */
} sl_vselector;

/* True (and budget_hit set) once the wall-clock budget ran out; checked
 * at every select and by the VM's loops (sl_lang.budget_out). */
bool sl_vselector_wall_out(void *vs);

/* The run's network when its selector is a vselector with one; else NULL. */
sl_net *sl_vselector_net(sl_rt *rt);

/* Installs `vs` (owned by the caller, must outlive the run) as the loop's
 * selector. Its decider is set first: the per-handle hook is chosen by
 * whether there is one. */
void sl_vselector_install(sl_rt *rt, sl_vselector *vs);

#endif
