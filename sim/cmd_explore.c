/* `simloop explore FILE`: runs a scenario under many schedules and stops at
 * the first one that breaks it (docs/explore.md).
 *
 * Run i (0-based) uses seed S+i: the PRNG seed for random and pct, the
 * placement number for bounded. With --jobs J, J forked workers take runs
 * i = w, w+J, w+2J, ...; they share the lowest failing index found so far
 * and skip runs above it, so the failure reported is the one with the
 * lowest index whatever J is. With --shard K/N only runs i = K-1 (mod N)
 * are made (the workers split those), so N shards on N machines make
 * exactly the runs of one explore, and `simloop merge` joins their
 * databases (docs/scale.md). The coverage strategy runs its own campaign
 * (sim/explore_cov.h) through the same run and accounting functions. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, kill, clock_gettime */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "sim/commands.h"
#include "sim/infile.h"
#include "sim/outfile.h"
#include "sim/progenv.h"
#include "sim/quote.h"
#include "sim/runrec.h"
#include "sim/exploredb.h"
#include "sim/explore_cov.h"
#include "sim/explore_shard.h"
#include "sim/net/net.h"
#include "sim/schedopts.h"
#include "sim/tracearg.h"
#include "sim/trial.h"
#include "traces/jsonl.h"
#include "traces/recorder.h"
#include "traces/tracedb.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- statistics -------------------------------------------------------- */

/* A set of 64-bit keys (open addressing; 0 is stored separately). */
typedef struct keyset {
  uint64_t *k;
  size_t cap, n;
  bool has_zero;
} keyset;

static bool keyset_add(keyset *s, uint64_t key) {
  if (!key) {
    if (!s->has_zero) s->n++;
    s->has_zero = true;
    return true;
  }
  if ((s->n + 1) * 2 > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *nk = sl_calloc(cap, sizeof *nk);
    if (!nk) return false;
    for (size_t i = 0; i < s->cap; i++)
      if (s->k[i]) {
        size_t j = s->k[i] & (cap - 1);
        while (nk[j]) j = (j + 1) & (cap - 1);
        nk[j] = s->k[i];
      }
    sl_free(s->k);
    s->k = nk;
    s->cap = cap;
  }
  size_t j = key & (s->cap - 1);
  while (s->k[j] && s->k[j] != key) j = (j + 1) & (s->cap - 1);
  if (!s->k[j]) {
    s->k[j] = key;
    s->n++;
  }
  return true;
}

typedef struct explore {
  const char *path;
  sl_schedopts so;
  uint64_t runs;
  uint64_t shard_k, shard_n; /* this shard: runs i = shard_k (mod shard_n); 0 of 1: all */
  unsigned jobs;
  bool keep_going, json, use_db;
  const char *db, *out_log;
  sl_trial_prog *prog;
  /* results */
  uint64_t done, failures;
  keyset outcomes, traces;
  uint64_t last_new_trace; /* runs done when the newest distinct trace appeared */
  bool found;
  sl_explore_row first_fail;
  sl_explore_session session;
  bool tty;
  double t0, last_progress;
  bool oom;
  bool store_failed;   /* the database refused a write after the search */
  sl_cov_campaign cov; /* the coverage strategy's campaign */
} explore;

/* The runs of this shard: i < runs with i = shard_k (mod shard_n). */
static uint64_t shard_runs(const explore *e) {
  return e->runs > e->shard_k ? (e->runs - e->shard_k - 1) / e->shard_n + 1 : 0;
}

static void progress(explore *e, bool final) {
  if (!e->tty || e->json) return;
  double t = now_s();
  if (!final && t - e->last_progress < 0.1) return;
  e->last_progress = t;
  double el = t - e->t0;
  fprintf(stderr,
          "\r  %" PRIu64 "/%" PRIu64 " runs  %.0f runs/s  %" PRIu64
          " failures  %zu outcomes  %zu traces ",
          e->done, shard_runs(e), el > 0 ? e->done / el : 0.0, e->failures, e->outcomes.n,
          e->traces.n);
  if (final) fputs("\r\033[K", stderr);
  fflush(stderr);
}

static void account(explore *e, const sl_explore_row *r) {
  e->done++;
  if (!keyset_add(&e->outcomes, r->detail_hash ^ ((uint64_t)r->verdict << 56))) e->oom = true;
  size_t known = e->traces.n;
  if (!keyset_add(&e->traces, r->fingerprint)) e->oom = true;
  if (e->traces.n > known) e->last_new_trace = e->done;
  if (e->use_db && sl_exploredb_add(&e->session, r)) e->oom = true;
  if (r->verdict != SL_VERDICT_OK) {
    e->failures++;
    if (!e->found || r->index < e->first_fail.index) e->first_fail = *r;
    e->found = true;
  }
  progress(e, false);
}

/* Discovery has levelled off when the last half of the runs (at least
 * 100 of them) found no trace the first half had not: more runs of the
 * same strategy are unlikely to show new behaviour. */
static bool levelled_off(const explore *e) {
  return e->done >= 200 && e->last_new_trace <= e->done / 2;
}

/* ---- running ----------------------------------------------------------- */

/* The schedule of run `index`: its seed's, or the coverage plan kept for
 * a failing run. */
static void init_schedule(explore *e, uint64_t index, sl_schedule *s) {
  sl_plan plan;
  uint64_t seed_state;
  if (e->so.strategy.kind == SL_STRATEGY_COVERAGE &&
      sl_cov_campaign_failure(&e->cov, index, &plan, &seed_state))
    sl_schedule_init_plan(s, &e->so.strategy, &plan, seed_state);
  else
    sl_schedule_init_strategy(s, &e->so.strategy, e->so.seed + index);
  s->max_time = e->so.run.max_time;
}

/* Runs `s` as run number `index`; fills the summary row (and *npoints,
 * the timing points it asked, when not NULL). */
static sl_errcode run_sched(explore *e, uint64_t index, sl_schedule *s, sl_explore_row *row,
                            uint64_t *npoints, sl_strbuf *err) {
  sl_trial t;
  sl_trial_init(&t);
  sl_errcode rc = sl_trial_run_brief(e->prog, s, &t, err);
  if (rc == SL_EOK) {
    if (npoints) *npoints = t.npoints;
    memset(row, 0, sizeof *row);
    row->index = index;
    row->seed = e->so.seed + index;
    row->verdict = (uint8_t)t.verdict;
    row->nondefault = (uint32_t)sl_declog_nondefault(&t.log);
    row->steps = t.steps;
    row->t = t.t;
    row->fingerprint = t.fingerprint;
    row->detail_hash = sl_fnv1a(t.detail.data ? t.detail.data : "", t.detail.len);
  }
  sl_trial_free(&t);
  return rc;
}

/* Runs run number `index` of a seeded strategy. */
static sl_errcode run_one(explore *e, uint64_t index, sl_explore_row *row, sl_strbuf *err) {
  sl_schedule s;
  sl_schedule_init_strategy(&s, &e->so.strategy, e->so.seed + index);
  s.max_time = e->so.run.max_time;
  sl_errcode rc = run_sched(e, index, &s, row, NULL, err);
  sl_schedule_free(&s);
  return rc;
}

/* The coverage campaign's hooks (explore_cov.h). */
static sl_errcode cov_run(void *ctx, uint64_t index, const sl_plan *plan, uint64_t seed_state,
                          sl_covsig *sig, sl_explore_row *row, uint64_t *npoints, sl_strbuf *err) {
  explore *e = ctx;
  sl_schedule s;
  sl_schedule_init_plan(&s, &e->so.strategy, plan, seed_state);
  s.max_time = e->so.run.max_time;
  sl_observer obs = sl_covsig_observer(sig);
  s.observer = &obs;
  s.on_timing = sl_covsig_timing;
  s.timing_ctx = sig;
  sl_errcode rc = run_sched(e, index, &s, row, npoints, err);
  sl_schedule_free(&s);
  return rc;
}

static bool cov_account(void *ctx, const sl_explore_row *row) {
  explore *e = ctx;
  account(e, row);
  return !e->oom;
}

static int run_cov(explore *e) {
  e->cov.first = e->shard_k;
  e->cov.stride = e->shard_n;
  e->cov.count = shard_runs(e);
  e->cov.seed = e->so.seed;
  e->cov.jobs = e->jobs;
  e->cov.keep_going = e->keep_going;
  sl_cov_hooks h = {e, cov_run, cov_account};
  int status = sl_cov_campaign_run(&e->cov, &h);
  progress(e, true);
  return e->oom ? 2 : status;
}

static void atomic_min(_Atomic uint64_t *m, uint64_t v) {
  uint64_t cur = atomic_load(m);
  while (v < cur && !atomic_compare_exchange_weak(m, &cur, v)) {}
}

/* The loop of one worker (or of the only process): the shard's runs
 * number w, w+J, ... */
static int work(explore *e, unsigned w, _Atomic uint64_t *min_fail, int out_fd) {
  uint64_t stride = e->shard_n * e->jobs;
  for (uint64_t i = e->shard_k + w * e->shard_n; i < e->runs; i += stride) {
    if (!e->keep_going && i > atomic_load(min_fail)) break;
    sl_explore_row row;
    sl_strbuf err = SL_STRBUF_INIT;
    sl_errcode rc = run_one(e, i, &row, &err);
    if (rc) {
      fprintf(stderr, "simloop explore: run %" PRIu64 ": %s%s\n", i, sl_strerror(rc),
              sl_strbuf_cstr(&err));
      sl_strbuf_free(&err);
      return 2;
    }
    sl_strbuf_free(&err);
    if (row.verdict != SL_VERDICT_OK) atomic_min(min_fail, i);
    if (out_fd < 0) {
      account(e, &row);
      if (e->oom) return 2;
    } else if (write(out_fd, &row, sizeof row) != (ssize_t)sizeof row) {
      return 2;
    }
  }
  return 0;
}

static int run_all(explore *e) {
  _Atomic uint64_t *min_fail =
      mmap(NULL, sizeof *min_fail, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (min_fail == MAP_FAILED) {
    fprintf(stderr, "simloop explore: cannot map shared memory: %s\n", strerror(errno));
    return 2;
  }
  atomic_store(min_fail, UINT64_MAX);
  int status = 0;
  if (e->jobs <= 1) {
    status = work(e, 0, min_fail, -1);
  } else {
    pid_t pids[64];
    int fds[64];
    unsigned started = 0;
    fflush(NULL);
    for (unsigned w = 0; w < e->jobs; w++) {
      int p[2];
      if (pipe(p)) break;
      pid_t pid = fork();
      if (pid < 0) {
        close(p[0]);
        close(p[1]);
        break;
      }
      if (pid == 0) {
        close(p[0]);
        for (unsigned k = 0; k < started; k++) close(fds[k]);
        _exit(work(e, w, min_fail, p[1]));
      }
      close(p[1]);
      pids[started] = pid;
      fds[started++] = p[0];
    }
    if (started < e->jobs) {
      fprintf(stderr, "simloop explore: could start only %u of %u workers: %s\n", started, e->jobs,
              strerror(errno));
      status = 2;
    }
    /* Read the workers' rows round robin, so progress moves evenly. */
    unsigned open = started;
    bool *eof = sl_calloc(started ? started : 1, sizeof *eof);
    if (!eof) open = 0, status = 2;
    while (open) {
      for (unsigned k = 0; k < started; k++) {
        if (eof[k]) continue;
        sl_explore_row row;
        size_t got = 0;
        while (got < sizeof row) {
          ssize_t n = read(fds[k], (char *)&row + got, sizeof row - got);
          if (n <= 0) break;
          got += (size_t)n;
        }
        if (got < sizeof row) {
          eof[k] = true;
          open--;
          continue;
        }
        account(e, &row);
      }
    }
    sl_free(eof);
    for (unsigned k = 0; k < started; k++) {
      int ws = 0;
      close(fds[k]);
      if (waitpid(pids[k], &ws, 0) == pids[k] && (!WIFEXITED(ws) || WEXITSTATUS(ws))) status = 2;
    }
  }
  munmap(min_fail, sizeof *min_fail);
  progress(e, true);
  return e->oom ? 2 : status;
}

/* ---- the failing run ---------------------------------------------------- */

typedef struct failure {
  sl_trial t;
  int64_t run_id;
  char hash[65];
  sl_strbuf log_path;
  sl_strbuf replay_seed, replay_log, minimize; /* shell-quoted commands */
  sl_net_words words;                          /* what the run's network decisions did */
} failure;

/* Replays failing run `row` with the recorder, stores it, writes its log. */
static int report_failure(explore *e, const sl_explore_row *row, failure *f) {
  sl_strbuf err = SL_STRBUF_INIT;
  sl_trial_init(&f->t);
  f->run_id = 0;
  f->hash[0] = '\0';
  sl_schedule s;
  init_schedule(e, row->index, &s);
  sl_trial first;
  sl_trial_init(&first);
  int status = 0;
  if (sl_trial_run(e->prog, &s, NULL, &first, &err) != SL_EOK) goto fail;
  /* The recorded run replays the canonical log: the same trace, decision
   * events included, as `simloop replay --decisions` and the oracle give. */
  sl_strbuf params = SL_STRBUF_INIT;
  sl_schedopts_format(&e->so.strategy, e->so.has_points, &params);
  sl_record_opts ro = {e->so.run.max_time, true, row->seed, sl_strategy_name(e->so.strategy.kind),
                       e->use_db ? e->db : NULL};
  sl_recorder *rec = NULL;
  sl_errcode rrc =
      sl_trial_record(e->prog, &first.log, &ro, &f->t, &rec, &f->run_id, f->hash, &err);
  if (rrc != SL_EOK && ro.db) {
    /* The database failed: the failure still gets its log and its report,
     * and the exit status says that storing failed. */
    fprintf(stderr, "simloop explore: cannot store the failing run: %s", sl_strbuf_cstr(&err));
    sl_strbuf_clear(&err);
    if (rec) sl_recorder_free(rec);
    rec = NULL;
    sl_trial_free(&f->t);
    sl_trial_init(&f->t);
    ro.db = NULL;
    e->store_failed = true;
    rrc = sl_trial_record(e->prog, &first.log, &ro, &f->t, &rec, &f->run_id, f->hash, &err);
  }
  if (rrc != SL_EOK) {
    sl_strbuf_free(&params);
    goto fail;
  }
  sl_recorder_free(rec);
  if (sl_trial_words(e->prog, &f->t.log, &f->words, &err) != SL_EOK)
    sl_strbuf_clear(&err); /* the words are a courtesy; the failure stands */
  if (!sl_trial_same(&f->t, &first))
    fprintf(stderr,
            "simloop explore: warning: the replayed log ended differently (%s) from the run "
            "(%s); please report this\n",
            sl_verdict_name(f->t.verdict), sl_verdict_name(first.verdict));
  /* The decision log beside the scenario's name. */
  const char *base = strrchr(e->path, '/');
  base = base ? base + 1 : e->path;
  /* FILE.py::TEST (a pytest test, CPython mode): FILE-TEST */
  const char *test = strstr(base, "::");
  size_t blen = test ? (size_t)(test - base) : strlen(base);
  if (blen > 3 && !strncmp(base + blen - 3, ".py", 3)) blen -= 3;
  if (e->out_log)
    sl_strbuf_puts(&f->log_path, e->out_log);
  else
    sl_strbuf_printf(&f->log_path, "%.*s%s%s-%s-%" PRIu64 ".decisions", (int)blen, base,
                     test ? "-" : "", test ? test + 2 : "", sl_strategy_name(e->so.strategy.kind),
                     row->seed);
  sl_strbuf qpath = SL_STRBUF_INIT, qlog = SL_STRBUF_INIT;
  if (e->so.run.engine == SL_ENGINE_CPYTHON) /* the commands below need it too */
    sl_strbuf_puts(&qpath, "--engine cpython ");
  sl_shell_quote(&qpath, e->path);
  sl_shell_quote(&qlog, sl_strbuf_cstr(&f->log_path));
  sl_strbuf comment = SL_STRBUF_INIT;
  sl_strbuf_printf(&comment, "simloop explore %s %s --seed %" PRIu64 ": %s\n%s",
                   sl_strbuf_cstr(&qpath), sl_strbuf_cstr(&params), row->seed,
                   sl_verdict_name(first.verdict), sl_strbuf_cstr(&first.detail));
  if (sl_declog_save(&first.log, sl_strbuf_cstr(&comment), f->log_path.data, &err) != SL_EOK)
    status = 2;
  sl_strbuf_free(&comment);
  /* A coverage run is its plan, made from the runs before it: only its
   * log replays it. */
  if (e->so.strategy.kind == SL_STRATEGY_COVERAGE)
    sl_strbuf_printf(&f->replay_seed, "simloop replay %s --decisions %s", sl_strbuf_cstr(&qpath),
                     sl_strbuf_cstr(&qlog));
  else
    sl_strbuf_printf(&f->replay_seed, "simloop replay %s --seed %" PRIu64 " %s",
                     sl_strbuf_cstr(&qpath), row->seed, sl_strbuf_cstr(&params));
  sl_strbuf_printf(&f->replay_log, "simloop replay %s --decisions %s", sl_strbuf_cstr(&qpath),
                   sl_strbuf_cstr(&qlog));
  sl_strbuf_printf(&f->minimize, "simloop minimize %s --decisions %s", sl_strbuf_cstr(&qpath),
                   sl_strbuf_cstr(&qlog));
  /* The same machine: --path, --setenv, the program's arguments. */
  sl_progenv_append_options(&f->replay_seed);
  sl_progenv_append_options(&f->replay_log);
  sl_progenv_append_options(&f->minimize);
  sl_strbuf_free(&qpath);
  sl_strbuf_free(&qlog);
  sl_strbuf_free(&params);
  sl_trial_free(&first);
  sl_schedule_free(&s);
  if (status) fprintf(stderr, "simloop explore: %s", sl_strbuf_cstr(&err));
  sl_strbuf_free(&err);
  return status;
fail:
  fprintf(stderr, "simloop explore: cannot replay the failing run: %s", sl_strbuf_cstr(&err));
  sl_trial_free(&first);
  sl_schedule_free(&s);
  sl_strbuf_free(&err);
  return 2;
}

/* --keep-going: the full traces of the other failing runs too, in run
 * order, up to MAX_STORED in all (their summary rows point at them). */
#define MAX_STORED 100
static int store_more(explore *e) {
  size_t stored = 1;
  sl_tracedb *db = NULL; /* opened at the first run to store, for all of them */
  int status = 0;
  for (size_t i = 0; i < e->session.n && stored < MAX_STORED && !status; i++) {
    sl_explore_row *r = &e->session.rows[i];
    if (r->verdict == SL_VERDICT_OK || r->run) continue;
    sl_strbuf err = SL_STRBUF_INIT;
    sl_schedule s;
    init_schedule(e, r->index, &s);
    sl_trial first, rec_t;
    sl_trial_init(&first);
    sl_trial_init(&rec_t);
    sl_recorder *rec = NULL;
    char hash[65];
    sl_record_opts ro = {e->so.run.max_time, true, r->seed, sl_strategy_name(e->so.strategy.kind),
                         e->db};
    sl_errcode rc = sl_trial_run(e->prog, &s, NULL, &first, &err);
    if (rc == SL_EOK && e->db && !db) rc = sl_tracedb_open(e->db, true, &db, &err);
    if (rc == SL_EOK)
      rc = sl_trial_record_in(e->prog, &first.log, &ro, db, &rec_t, &rec, &r->run, hash, &err);
    if (rec) sl_recorder_free(rec);
    sl_trial_free(&first);
    sl_trial_free(&rec_t);
    sl_schedule_free(&s);
    if (rc != SL_EOK) {
      fprintf(stderr, "simloop explore: cannot store run %" PRIu64 ": %s", r->index,
              sl_strbuf_cstr(&err));
      status = 2;
    }
    sl_strbuf_free(&err);
    stored++;
  }
  if (db) sl_tracedb_close(db);
  return status;
}

static void failure_free(failure *f) {
  sl_trial_free(&f->t);
  sl_strbuf_free(&f->log_path);
  sl_strbuf_free(&f->replay_seed);
  sl_strbuf_free(&f->replay_log);
  sl_strbuf_free(&f->minimize);
  sl_net_words_free(&f->words);
}

static void json_str(const char *s) {
  sl_strbuf b = SL_STRBUF_INIT;
  sl_json_put_string(&b, s, strlen(s));
  fputs(sl_strbuf_cstr(&b), stdout);
  sl_strbuf_free(&b);
}

typedef struct explore_args {
  explore *e;
  bool has_runs;
} explore_args;

static int on_opt(void *ctx, int id, const char *v) {
  explore_args *a = ctx;
  explore *e = a->e;
  int r = sl_schedopts_set(&e->so, "explore", id, v);
  if (r) return r < 0;
  uint64_t u;
  switch (id) {
  case SL_OPT_RUNS:
    if (!sl_parse_u64(v, &e->runs) || !e->runs) {
      fprintf(stderr, "simloop explore: --runs '%s': expected a positive integer\n", v);
      return 1;
    }
    a->has_runs = true;
    break;
  case SL_OPT_JOBS:
    if (!sl_parse_u64(v, &u) || u < 1 || u > 64) {
      fprintf(stderr, "simloop explore: --jobs '%s': expected 1 to 64\n", v);
      return 1;
    }
    e->jobs = (unsigned)u;
    break;
  case SL_OPT_SHARD: return sl_explore_parse_shard(v, &e->shard_k, &e->shard_n);
  case SL_OPT_DB: e->db = v; break;
  case SL_OPT_OUT: e->out_log = v; break;
  case SL_OPT_KEEP_GOING: e->keep_going = true; break;
  case SL_OPT_NO_DB: e->use_db = false; break;
  case SL_OPT_JSON: e->json = true; break;
  }
  return 0;
}

/* Checks the files, loads the scenario, runs the default schedule (it must
 * pass; it measures the decision points) and settles the run count.
 * Returns 0 or 2 after the message. */
static int explore_setup(explore *e, bool has_runs, sl_trial *def, uint64_t *total) {
  sl_strbuf err = SL_STRBUF_INIT;
  int status = 0;
  /* Every input and output is checked before the search, so a failure it
   * finds is never lost to a bad --db or -o. */
  if (sl_program_check(e->path, e->so.run.engine == SL_ENGINE_CPYTHON, &err) ||
      (e->use_db && sl_db_check_writable(e->db, &err)) ||
      sl_output_check(e->out_log ? e->out_log : "explore.decisions", &err)) {
    fprintf(stderr, "simloop explore: %s", sl_strbuf_cstr(&err));
    status = 2;
  } else if (sl_trial_prog_load(e->path, &e->so.run, &e->prog, &err) != SL_EOK) {
    fprintf(stderr, "%s", sl_strbuf_cstr(&err));
    status = 2;
  } else if (sl_trial_calibrate(e->prog, &e->so.strategy, def, &err) != SL_EOK) {
    fprintf(stderr, "simloop explore: %s\n", sl_strbuf_cstr(&err));
    status = 2;
  }
  sl_strbuf_free(&err);
  if (status) return status;
  sl_strategy *st = &e->so.strategy;
  *total = UINT64_MAX;
  if (st->kind == SL_STRATEGY_BOUNDED) {
    *total = sl_bounded_count(st->npoints, st->bound, st->nsizes);
    uint64_t left = *total > e->so.seed ? *total - e->so.seed : 0;
    if (!has_runs) e->runs = left > 1000000 ? 1000000 : left;
    if (e->runs > left) e->runs = left;
  } else if (!has_runs) {
    e->runs = 1000;
  }
  return 0;
}

/* What is about to be tried, and how the default schedule ended. */
static void print_plan(const explore *e, const sl_trial *def, uint64_t total) {
  const sl_strategy *st = &e->so.strategy;
  printf("explore ");
  sl_term_puts(stdout, e->path, false);
  printf(": strategy %s", sl_strategy_name(st->kind));
  if (st->kind == SL_STRATEGY_PCT)
    printf(" (1..%u delays among %" PRIu64 " points)", st->depth, st->npoints);
  if (st->kind == SL_STRATEGY_BOUNDED)
    printf(" (at most %u delays of %u sizes among the first %" PRIu64 " points: %" PRIu64
           " schedules, exhaustive within the bound)",
           st->bound, st->nsizes, st->npoints, total);
  printf(", seeds %" PRIu64 "..%" PRIu64, e->so.seed, e->so.seed + (e->runs ? e->runs - 1 : 0));
  if (e->shard_n > 1) {
    uint64_t s0 = e->so.seed + e->shard_k;
    printf(", shard %" PRIu64 "/%" PRIu64 " (%" PRIu64 " runs: seeds %" PRIu64 ", %" PRIu64
           ", ...)",
           e->shard_k + 1, e->shard_n, shard_runs(e), s0, s0 + e->shard_n);
  }
  printf(", %u job%s\n", e->jobs, e->jobs == 1 ? "" : "s");
  printf("default schedule: %s (%" PRIu64 " steps, %" PRIu64 " decision points, t=%g)\n",
         sl_verdict_name(def->verdict), def->steps, def->npoints, def->t);
  if (def->verdict != SL_VERDICT_OK)
    sl_term_puts(stdout, def->report.data ? def->report.data : "", true);
  fflush(stdout);
}

/* The search, then the first failure replayed, logged and stored, and the
 * session saved. Returns 0 or 2; *have_failure when f holds the failure. */
static int search(explore *e, failure *f, bool *have_failure, const char *params) {
  e->tty = isatty(2);
  e->t0 = e->last_progress = now_s();
  e->session.scenario = e->path;
  e->session.strategy = sl_strategy_name(e->so.strategy.kind);
  e->session.first_seed = e->so.seed;
  int status = !e->runs ? 0 : e->so.strategy.kind == SL_STRATEGY_COVERAGE ? run_cov(e) : run_all(e);
  e->session.elapsed = now_s() - e->t0;
  *have_failure = false;
  if (status == 0 && e->found) {
    status = report_failure(e, &e->first_fail, f);
    *have_failure = status == 0;
    if (*have_failure) {
      for (size_t i = 0; i < e->session.n; i++)
        if (e->session.rows[i].index == e->first_fail.index) e->session.rows[i].run = f->run_id;
      if (e->keep_going && e->use_db && !e->store_failed) status = store_more(e);
    }
  }
  int64_t session_id = 0;
  sl_strbuf err = SL_STRBUF_INIT;
  e->session.params = params;
  if (e->use_db && status != 2 &&
      sl_exploredb_save(e->db, &e->session, &session_id, &err) != SL_EOK) {
    fprintf(stderr, "simloop explore: %s", sl_strbuf_cstr(&err));
    status = 2;
  }
  sl_strbuf_free(&err);
  return status;
}

static void print_json(const explore *e, const sl_trial *def, const failure *f, bool have_failure,
                       const char *params) {
  const sl_strategy *st = &e->so.strategy;
  double elapsed = e->session.elapsed, rate = elapsed > 0 ? e->done / elapsed : 0.0;
  printf("{\"scenario\":");
  json_str(e->path);
  printf(",\"strategy\":\"%s\",\"params\":", sl_strategy_name(st->kind));
  json_str(params);
  if (e->shard_n > 1) printf(",\"shard\":\"%" PRIu64 "/%" PRIu64 "\"", e->shard_k + 1, e->shard_n);
  printf(",\"first_seed\":%" PRIu64 ",\"points\":%" PRIu64 ",\"runs\":%" PRIu64
         ",\"failures\":%" PRIu64 ",\"distinct_outcomes\":%zu,\"distinct_traces\":%zu,"
         "\"elapsed_s\":%.3f,\"runs_per_s\":%.0f",
         e->so.seed, st->npoints, e->done, e->failures, e->outcomes.n, e->traces.n, elapsed, rate);
  const sl_corpus *c = &e->cov.corpus;
  if (c->n) /* coverage: runs kept for new behaviour, features seen, the newest */
    printf(",\"kept\":%zu,\"features\":%zu,\"last_kept_run\":%" PRIu64, c->n, c->features.len,
           c->e[c->n - 1].index);
  printf(",\"last_new_trace_run\":%" PRIu64 ",\"levelled_off\":%s", e->last_new_trace,
         levelled_off(e) ? "true" : "false");
  printf(",\"default\":{\"verdict\":\"%s\",\"steps\":%" PRIu64 "}", sl_verdict_name(def->verdict),
         def->steps);
  if (have_failure) {
    printf(",\"failure\":{\"index\":%" PRIu64 ",\"seed\":%" PRIu64
           ",\"verdict\":\"%s\",\"detail\":",
           e->first_fail.index, e->first_fail.seed, sl_verdict_name(f->t.verdict));
    json_str(f->t.detail.data ? f->t.detail.data : "");
    printf(",\"nondefault\":%zu,\"decisions\":", sl_declog_nondefault(&f->t.log));
    json_str(f->log_path.data ? f->log_path.data : "");
    printf(",\"run\":%" PRId64 ",\"trace_hash\":\"%s\",\"replay\":", f->run_id, f->hash);
    json_str(f->replay_seed.data ? f->replay_seed.data : "");
    printf("}");
  }
  printf("}\n");
}

/* The failing run's network decisions in words, at most 12 of them. */
static void print_words(const failure *f) {
  size_t shown = 0, more = 0;
  for (size_t i = 0; i < f->t.log.n; i++) {
    const sl_decision *d = &f->t.log.d[i];
    const char *w = d->kind == SL_DECISION_IO && d->value != 0.0
                        ? sl_net_words_find(&f->words, d->step, d->pos)
                        : NULL;
    if (!w) continue;
    if (shown == 12) {
      more++;
      continue;
    }
    printf("  step %" PRIu64 ": ", d->step);
    sl_term_puts(stdout, w, false);
    putchar('\n');
    shown++;
  }
  if (more) printf("  ... and %zu more network decision%s\n", more, more == 1 ? "" : "s");
}

static void print_text(const explore *e, const failure *f, bool have_failure, int status) {
  double elapsed = e->session.elapsed, rate = elapsed > 0 ? e->done / elapsed : 0.0;
  if (have_failure) {
    printf("FAILED at run %" PRIu64 " (seed %" PRIu64 "): %s: ", e->first_fail.index,
           e->first_fail.seed, sl_verdict_name(f->t.verdict));
    sl_term_puts(stdout, f->t.detail.data ? f->t.detail.data : "", false);
    putchar('\n');
    sl_term_puts(stdout, f->t.report.data ? f->t.report.data : "", true);
    printf("decisions: %zu non-default, written to ", sl_declog_nondefault(&f->t.log));
    sl_term_puts(stdout, f->log_path.data ? f->log_path.data : "", false);
    putchar('\n');
    print_words(f);
    if (f->run_id) {
      printf("trace: ");
      sl_term_puts(stdout, e->db, false);
      printf(" run %" PRId64 ", hash %s\n", f->run_id, f->hash);
    } else {
      printf("trace hash: %s\n", f->hash);
    }
    printf("replay:   %s\n", f->replay_seed.data);
    if (strcmp(f->replay_seed.data, f->replay_log.data))
      printf("          %s\n", f->replay_log.data);
    printf("minimize: %s\n", f->minimize.data);
  } else if (status == 0) {
    printf("no failure in %" PRIu64 " runs\n", e->done);
  }
  printf("%" PRIu64 " runs in %.2f s (%.0f runs/s), %" PRIu64
         " failing, %zu distinct outcomes, %zu distinct traces\n",
         e->done, elapsed, rate, e->failures, e->outcomes.n, e->traces.n);
  const sl_corpus *c = &e->cov.corpus;
  if (c->n)
    printf("coverage: %zu runs kept for new behaviour (%zu features seen), the newest run %" PRIu64
           "\n",
           c->n, c->features.len, c->e[c->n - 1].index);
  if (!e->done) return;
  if (levelled_off(e))
    printf("discovery has levelled off: the newest distinct trace came at run %" PRIu64
           " of %" PRIu64 "\n",
           e->last_new_trace, e->done);
  else
    printf("still discovering: a new distinct trace at run %" PRIu64 " of %" PRIu64
           " (more runs or another strategy may find more)\n",
           e->last_new_trace, e->done);
}

int sl_cmd_explore(int argc, char **argv) {
  explore e;
  memset(&e, 0, sizeof e);
  sl_cov_campaign_init(&e.cov);
  sl_schedopts_init(&e.so);
  e.jobs = 1;
  e.shard_n = 1;
  e.db = "simloop.db";
  e.use_db = true;
  explore_args args = {&e, false};
  int first, go = sl_cli_args(SL_CMD_EXPLORE, argc, argv, on_opt, &args, 1, 1, "scenario", &first);
  if (go != SL_CLI_GO) return go;
  e.path = argv[first];
  /* The default strategy: coverage, which finds deep bugs random needs
   * ten times the runs for (docs/explore.md "Strategies compared"); random
   * under CPython, whose runs give no coverage signal. */
  if (!e.so.has_strategy)
    e.so.strategy.kind =
        e.so.run.engine == SL_ENGINE_CPYTHON ? SL_STRATEGY_RANDOM : SL_STRATEGY_COVERAGE;
  sl_trial def;
  sl_trial_init(&def);
  failure f;
  memset(&f, 0, sizeof f);
  sl_trial_init(&f.t);
  sl_strbuf params = SL_STRBUF_INIT;
  uint64_t total;
  bool have_failure = false;
  int status = explore_setup(&e, args.has_runs, &def, &total);
  if (status == 0) {
    if (!e.json) print_plan(&e, &def, total);
    sl_schedopts_format(&e.so.strategy, e.so.has_points, &params);
    /* The session row says which shard it holds (params is its options). */
    sl_strbuf session_params = SL_STRBUF_INIT;
    sl_strbuf_puts(&session_params, sl_strbuf_cstr(&params));
    if (e.shard_n > 1)
      sl_strbuf_printf(&session_params, "%s--shard %" PRIu64 "/%" PRIu64, params.len ? " " : "",
                       e.shard_k + 1, e.shard_n);
    status = search(&e, &f, &have_failure, sl_strbuf_cstr(&session_params));
    sl_strbuf_free(&session_params);
    if (e.json)
      print_json(&e, &def, &f, have_failure, sl_strbuf_cstr(&params));
    else
      print_text(&e, &f, have_failure, status);
  }
  sl_strbuf_free(&params);
  failure_free(&f);
  sl_trial_free(&def);
  sl_exploredb_free(&e.session);
  sl_cov_campaign_free(&e.cov);
  sl_free(e.outcomes.k);
  sl_free(e.traces.k);
  if (e.prog) sl_trial_prog_free(e.prog);
  if (status) return status;
  if (e.store_failed) return 2;
  return e.found ? 1 : 0;
}
