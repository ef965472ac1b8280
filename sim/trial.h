/* One trial: a scenario run under a schedule, with the detectors watching,
 * optionally recorded. The layer explore, replay and minimize share, and
 * the only one that talks to the scenario runner (sim/scenario.h).
 *
 * Ownership: an sl_trial_prog holds the loaded scenario (owned; freed by
 * sl_trial_prog_free) and is reused across trials; an sl_trial holds one
 * trial's results (sl_trial_free). The recorder passed to sl_trial_run is
 * borrowed. */
#ifndef SL_TRIAL_H
#define SL_TRIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "sim/detect.h"
#include "sim/schedule.h"

typedef struct sl_recorder sl_recorder;
typedef struct sl_trial_prog sl_trial_prog;

/* Which engine runs the program: simloop's own, or real CPython through
 * the oracle's fork server (CPython mode, sim/cpyengine.h). */
typedef enum sl_engine { SL_ENGINE_SIMLOOP, SL_ENGINE_CPYTHON } sl_engine;

typedef struct sl_trial_opts {
  const char *python;      /* profile name ("3.14", "3.11.2"); NULL: default */
  uint64_t max_steps;      /* 0: unlimited (the commands set defaults) */
  double max_time;         /* virtual seconds; 0: none */
  uint64_t max_iterations; /* loop iterations within one step; 0: unlimited */
  double max_wall;         /* real seconds per run; 0: none */
  sl_engine engine;        /* (last: positional initializers leave it 0) */
  bool show_stderr;        /* CPython mode: the program's stderr reaches ours */
} sl_trial_opts;

/* CPython mode's request options for the budgets in `t` (--max-steps,
 * --max-wall, and --max-iterations only when it is not the default: the
 * count costs CPython a trace function, docs/cpython.md). */
typedef struct sl_cpy_opts sl_cpy_opts;
void sl_trial_cpy_budgets(const sl_trial_opts *t, sl_cpy_opts *o);

/* Loads and compiles the scenario at `path` once. SL_EIO/SL_ECORRUPT/
 * SL_EINVAL with "file:line:col: what" in err on bad input. */
sl_errcode sl_trial_prog_load(const char *path, const sl_trial_opts *opts, sl_trial_prog **out,
                              sl_strbuf *err);
void sl_trial_prog_free(sl_trial_prog *p);
const char *sl_trial_prog_path(const sl_trial_prog *p);
/* The exact CPython version the profile reproduces ("3.14.2"), or that
 * runs the program in CPython mode. */
const char *sl_trial_prog_python(const sl_trial_prog *p);

typedef struct sl_trial {
  sl_verdict verdict;
  sl_strbuf detail;    /* one line: same verdict and detail = same failure */
  sl_strbuf report;    /* several lines for a human */
  const char *outcome; /* the trace's end outcome (as the oracle names it) */
  uint64_t steps;
  double t;             /* final virtual time */
  uint64_t npoints;     /* decision points the run asked */
  uint64_t fingerprint; /* 64-bit FNV-1a of the handle order, task outcomes
                           and output, times and decisions left out: equal
                           fingerprints are the same interleaving */
  sl_declog log;        /* the canonical log that replays this trial */
} sl_trial;

void sl_trial_init(sl_trial *t);
void sl_trial_free(sl_trial *t);

/* Runs the program once under `sched` (its decisions are logged into it).
 * With `rec`, the recorder gets every event, the decisions and the end
 * line (the caller has called sl_recorder_begin). Returns SL_EOK when the
 * trial ran (whatever the verdict), SL_ENOMEM otherwise. */
sl_errcode sl_trial_run(sl_trial_prog *p, sl_schedule *sched, sl_recorder *rec, sl_trial *out,
                        sl_strbuf *err);
/* sl_trial_run without a recorder and without the report (out->report
 * stays empty; the verdict, detail, fingerprint and log are the same):
 * for runs whose report nobody reads, as explore's search, which runs a
 * failure again to show it. The report's float formatting was a twentieth
 * of a bank.py run. */
sl_errcode sl_trial_run_brief(sl_trial_prog *p, sl_schedule *sched, sl_trial *out, sl_strbuf *err);

/* Replays `log` (e.g. a trial's canonical log) with a recorder and
 * returns it in *rec (owned by the caller, sl_recorder_free), its trace
 * ended and hashed into hash[65]; stores it in the database `db` when not
 * NULL (*run_id gets its id, else 0). `seed`/`strategy` only label the run
 * line (has_seed false: null). The trial's results go to *out. */
typedef struct sl_record_opts {
  double max_time;
  bool has_seed;
  uint64_t seed;
  const char *strategy; /* NULL: "replay" */
  const char *db;       /* NULL: do not store */
} sl_record_opts;
sl_errcode sl_trial_record(sl_trial_prog *p, const sl_declog *log, const sl_record_opts *ro,
                           sl_trial *out, sl_recorder **rec, int64_t *run_id, char hash[65],
                           sl_strbuf *err);
/* sl_trial_record storing in `db`, already open (the caller keeps it;
 * ro->db only says whether to store): explore stores up to a hundred
 * runs through one connection. */
struct sl_tracedb;
sl_errcode sl_trial_record_in(sl_trial_prog *p, const sl_declog *log, const sl_record_opts *ro,
                              struct sl_tracedb *db, sl_trial *out, sl_recorder **rec,
                              int64_t *run_id, char hash[65], sl_strbuf *err);

/* Replays `log` and collects what its network decisions did, in words
 * (sim/net/net.h sl_net_words; the caller frees *out). */
struct sl_net_words;
sl_errcode sl_trial_words(sl_trial_prog *p, const sl_declog *log, struct sl_net_words *out,
                          sl_strbuf *err);

/* Same verdict and same detail: "fails the same way" (minimize). */
bool sl_trial_same(const sl_trial *a, const sl_trial *b);

/* 64-bit FNV-1a of bytes, continuing from `h` (start: SL_FNV_INIT). */
#define SL_FNV_INIT 0xcbf29ce484222325ULL
uint64_t sl_fnv1a_more(uint64_t h, const void *data, size_t n);
static inline uint64_t sl_fnv1a(const void *data, size_t n) {
  return sl_fnv1a_more(SL_FNV_INIT, data, n);
}

/* Fills a strategy's npoints from a default run when it is 0 (pct and
 * bounded need an estimate of n); also returns that run's verdict in
 * *default_run when not NULL (caller frees). */
sl_errcode sl_trial_calibrate(sl_trial_prog *p, sl_strategy *st, sl_trial *default_run,
                              sl_strbuf *err);

#endif
