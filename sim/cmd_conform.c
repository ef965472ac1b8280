/* `simloop conform FILE... [--python V|all] [--db DB] [--json]`: runs each
 * scenario under simloop and under real CPython (the oracle), and checks
 * the two traces agree step for step (traces/diff.h).
 *
 * Per CPython version: one oracle process runs the whole batch; the
 * engine profile of each file is the exact version the oracle's `run` line
 * names (3.11.2 and 3.11.7 differ), so a profile always matches what ran.
 * Exit status: 0 all identical, 1 any divergence, 2 bad input (a missing
 * file, an oracle that failed, a scenario simloop cannot load). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/profile.h"
#include "sim/oracle.h"
#include "sim/commands.h"
#include "sim/infile.h"
#include "sim/observers.h"
#include "sim/progenv.h"
#include "sim/runrec.h"
#include "sim/scenario.h"
#include "sim/schedopts.h"
#include "sim/schedule.h"
#include "sim/trial.h"
#include "sim/tracearg.h"
#include "sim/version.h"
#include "traces/diff.h"
#include "traces/jsonl.h"
#include "traces/recorder.h"
#include "traces/tracedb.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct conform {
  char **files;
  size_t nfiles;
  const char *db_path;
  sl_tracedb *db;
  bool json;
  uint64_t max_steps;
  uint64_t max_iterations;
  double max_wall;
  bool seeded; /* --seed: a perturbed schedule instead of the default */
  uint64_t seed;
  sl_strategy strategy;
  char tmpdir[64];
  size_t identical, divergent;
} conform;

/* Runs one file under simloop with the profile `python`, recording it.
 * SL_EINVAL (diagnostic in err) when simloop cannot load the file. */
static sl_errcode run_engine(conform *c, const char *file, const char *python, sl_recorder *rec,
                             sl_strbuf *err) {
  const sl_profile *prof = sl_profile_find(python);
  sl_run_info info = {"simloop", sl_version(), prof->name, "sim", file, NULL, false, 0, "default"};
  sl_errcode rc = sl_recorder_begin(rec, &info, err);
  if (rc != SL_EOK) return rc;
  sl_observer obs = sl_recorder_observer(rec);
  sl_logged_decider ld;
  sl_decider dec = sl_logged_decider_make(&ld, NULL, rec);
  sl_scenario_opts opts = {.path = file,
                           .profile = prof,
                           .observer = &obs,
                           .decider = &dec,
                           .max_steps = c->max_steps,
                           .max_iterations = c->max_iterations,
                           .max_wall = c->max_wall};
  sl_scenario_result res;
  if (sl_scenario_run(&opts, &res) != 0) return SL_ENOMEM;
  if (res.outcome == SL_OUTCOME_ERROR) {
    sl_strbuf_printf(err, "simloop cannot run it:\n%s", sl_strbuf_cstr(&res.detail));
    if (!res.detail.len || res.detail.data[res.detail.len - 1] != '\n') sl_strbuf_putc(err, '\n');
    rc = SL_EINVAL;
  } else if (!sl_runrec_end(rec, &res)) {
    rc = SL_ENOMEM;
  }
  sl_scenario_result_free(&res);
  if (rc == SL_EOK && sl_recorder_failed(rec)) rc = SL_ENOMEM;
  return rc;
}

/* Wall-clock limit for the engine on one file (it runs a million steps in
 * well under a second; more means it is stuck). */
#define ENGINE_SECONDS 60

/* Runs the engine on one file in a child process, so that a crash in the
 * engine is reported against that file instead of ending the whole batch;
 * the child hands its trace back as JSONL (an exact round trip). */
static sl_errcode run_isolated(conform *c, const char *file, const char *python, size_t index,
                               sl_trace *out, sl_strbuf *err) {
  char path[128];
  snprintf(path, sizeof path, "%.63s/sim-%zu.jsonl", c->tmpdir, index);
  sl_trace_init(out);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    sl_strbuf_printf(err, "cannot fork: %s\n", strerror(errno));
    return SL_EIO;
  }
  if (pid == 0) {
    /* A runaway engine must not stall the whole batch. */
    alarm(ENGINE_SECONDS);
    sl_strbuf cerr = SL_STRBUF_INIT;
    sl_recorder *rec = sl_recorder_new();
    sl_errcode rc = rec ? run_engine(c, file, python, rec, &cerr) : SL_ENOMEM;
    FILE *f = rc == SL_EOK ? fopen(path, "wb") : NULL;
    if (rc == SL_EOK && (!f || sl_recorder_write_jsonl(rec, f) != SL_EOK || fclose(f) != 0))
      rc = SL_EIO;
    if (rc != SL_EOK) {
      /* The reason goes back through a file, for the parent's report. */
      char epath[160];
      snprintf(epath, sizeof epath, "%s.err", path);
      FILE *e = fopen(epath, "wb");
      if (e) {
        fputs(rc == SL_ENOMEM ? "out of memory\n" : sl_strbuf_cstr(&cerr), e);
        fclose(e);
      }
    }
    _exit(rc == SL_EOK ? 0 : 3);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) break;
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
    sl_strbuf_printf(
        err,
        "simloop took more than %d s (wall clock) and was stopped; `simloop run %s --python %s`\n",
        ENGINE_SECONDS, file, python);
    return SL_EIO;
  }
  if (WIFSIGNALED(status)) {
    sl_strbuf_printf(err,
                     "simloop crashed (signal %d); `simloop run %s --python %s` reproduces it\n",
                     WTERMSIG(status), file, python);
    return SL_EIO;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    char epath[160], buf[4096];
    snprintf(epath, sizeof epath, "%s.err", path);
    FILE *e = fopen(epath, "rb");
    size_t n = e ? fread(buf, 1, sizeof buf - 1, e) : 0;
    buf[n] = '\0';
    if (e) fclose(e);
    remove(epath);
    sl_strbuf_puts(err, n ? buf : "simloop could not run it\n");
    return SL_EINVAL;
  }
  sl_trace_list l = {NULL, 0};
  sl_errcode rc = sl_jsonl_read_file(path, &l, err);
  remove(path);
  if (rc != SL_EOK) return rc;
  *out = l.runs[0];
  sl_trace_init(&l.runs[0]);
  sl_trace_list_free(&l);
  /* The JSONL form has no strategy; this run used the default schedule. */
  if (!sl_tstr_setz(&out->meta.strategy, "default")) return SL_ENOMEM;
  return SL_EOK;
}

/* Prints text indented by four spaces (a diff report under its file line). */
static void print_indented(const char *text) {
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    printf("    %.*s\n", (int)n, p);
    p += n + (nl ? 1 : 0);
  }
}

/* Compares one file's two runs and reports; returns 0 identical, 1
 * divergent, 2 error. */
static int compare_one(conform *c, const char *file, sl_trace *sim, sl_trace *cpy, sl_strbuf *err) {
  sl_diff d;
  if (sl_trace_diff(sim, cpy, &d) != SL_EOK) {
    sl_strbuf_puts(err, "out of memory\n");
    return 2;
  }
  if (c->db &&
      (sl_tracedb_store(c->db, sim, err) != SL_EOK || sl_tracedb_store(c->db, cpy, err) != SL_EOK))
    return 2;
  char la[64] = "simloop", lb[64] = "cpython";
  if (c->db) {
    snprintf(la, sizeof la, "simloop (run %" PRId64 ")", sim->id);
    snprintf(lb, sizeof lb, "cpython (run %" PRId64 ")", cpy->id);
  }
  const char *py = sl_tstr_or(&cpy->meta.python, "?");
  char *report = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&report, &len);
  if (!mem) {
    sl_strbuf_puts(err, "out of memory\n");
    return 2;
  }
  if (c->json)
    sl_diff_print_json(mem, &d, sim, la, cpy, lb);
  else if (d.what != SL_DIFF_NONE)
    sl_diff_print(mem, &d, sim, la, cpy, lb);
  fclose(mem);
  if (c->json) {
    sl_strbuf o = SL_STRBUF_INIT;
    sl_strbuf_puts(&o, "{\"file\":");
    sl_json_put_string(&o, file, strlen(file));
    sl_strbuf_printf(&o, ",\"python\":\"%s\",\"identical\":%s,\"diff\":", py,
                     d.what == SL_DIFF_NONE ? "true" : "false");
    printf("%s%s}\n", sl_strbuf_cstr(&o), report ? strtok(report, "\n") : "null");
    sl_strbuf_free(&o);
  } else if (d.what == SL_DIFF_NONE) {
    printf("%-7s identical  %s  (%" PRIu64 " steps, %s)\n", py, file, cpy->meta.steps,
           sl_tstr_or(&cpy->meta.outcome, "?"));
  } else {
    printf("%-7s DIVERGES   %s\n", py, file);
    print_indented(report ? report : "");
  }
  free(report); /* open_memstream's buffer comes from malloc */
  fflush(stdout);
  return d.what == SL_DIFF_NONE ? 0 : 1;
}

/* --seed: the strategy's schedule for `seed`, turned into the decision log
 * that replays it, for the profile the oracle reproduces. */
static sl_errcode seeded_log(conform *c, sl_trial_prog *prog, sl_declog *log, sl_strbuf *err) {
  sl_strategy st = c->strategy;
  sl_errcode rc = sl_trial_calibrate(prog, &st, NULL, err);
  if (rc != SL_EOK) return rc;
  sl_schedule s;
  sl_schedule_init_strategy(&s, &st, c->seed);
  sl_trial t;
  sl_trial_init(&t);
  rc = sl_trial_run(prog, &s, NULL, &t, err);
  if (rc == SL_EOK) rc = sl_declog_copy(log, &t.log);
  sl_trial_free(&t);
  sl_schedule_free(&s);
  return rc;
}

/* One file under a seeded schedule: simloop takes the schedule's decisions,
 * the oracle replays the same log under CPython (one oracle run per file,
 * since each file has its own log), and the two traces are compared.
 * Returns 0 identical, 1 divergent, 2 error (message in err). */
static int conform_seeded_file(conform *c, const sl_oracle *o, size_t index, sl_strbuf *err) {
  const char *file = c->files[index];
  char logpath[128], jsonl[128], out[128], errf[128];
  snprintf(logpath, sizeof logpath, "%.63s/dec-%zu.jsonl", c->tmpdir, index);
  snprintf(jsonl, sizeof jsonl, "%.63s/oracle-%zu.jsonl", c->tmpdir, index);
  snprintf(out, sizeof out, "%.63s/oracle-%zu.stdout", c->tmpdir, index);
  snprintf(errf, sizeof errf, "%.63s/oracle-%zu.stderr", c->tmpdir, index);
  sl_trial_opts to = {.python = o->exact,
                      .max_steps = c->max_steps,
                      .max_iterations = c->max_iterations,
                      .max_wall = c->max_wall};
  sl_trial_prog *prog = NULL;
  sl_declog log;
  sl_declog_init(&log);
  sl_trace_list runs = {NULL, 0};
  sl_recorder *rec = NULL;
  sl_trial t;
  sl_trial_init(&t);
  int status = 2;
  if (sl_trial_prog_load(file, &to, &prog, err) != SL_EOK ||
      seeded_log(c, prog, &log, err) != SL_EOK ||
      sl_declog_save(&log, "simloop conform --seed", logpath, err) != SL_EOK)
    goto out;
  char *one[1] = {(char *)file};
  if (sl_oracle_run(o, one, 1, jsonl, out, errf, logpath, err) != SL_EOK ||
      sl_jsonl_read_file(jsonl, &runs, err) != SL_EOK)
    goto out;
  if (runs.n != 1) {
    sl_strbuf_printf(err, "the oracle wrote %zu runs for one file (%s)\n", runs.n, jsonl);
    goto out;
  }
  sl_record_opts ro = {0, true, c->seed, sl_strategy_name(c->strategy.kind), NULL};
  char hash[65];
  int64_t run_id = 0;
  if (sl_trial_record(prog, &log, &ro, &t, &rec, &run_id, hash, err) != SL_EOK) goto out;
  status = compare_one(c, file, sl_recorder_trace(rec), &runs.runs[0], err);
out:
  remove(logpath), remove(jsonl), remove(out), remove(errf);
  if (rec) sl_recorder_free(rec);
  sl_trial_free(&t);
  sl_trace_list_free(&runs);
  sl_declog_free(&log);
  if (prog) sl_trial_prog_free(prog);
  return status;
}

/* --seed over every file for one CPython version. */
static int conform_version_seeded(conform *c, const sl_oracle *o) {
  int status = 0;
  size_t identical = 0, divergent = 0;
  sl_strbuf err = SL_STRBUF_INIT;
  for (size_t i = 0; i < c->nfiles; i++) {
    sl_strbuf_clear(&err);
    int st = conform_seeded_file(c, o, i, &err);
    if (st == 2) {
      printf("%-7s ERROR      %s\n", o->exact, c->files[i]);
      print_indented(sl_strbuf_cstr(&err));
    }
    identical += st == 0;
    divergent += st == 1;
    if (st > status) status = st;
  }
  if (!c->json)
    printf("CPython %s (%s), seed %" PRIu64 " (%s): %zu of %zu identical, %zu divergent\n",
           o->exact, o->pyodide ? "Pyodide" : o->python, c->seed,
           sl_strategy_name(c->strategy.kind), identical, c->nfiles, divergent);
  c->identical += identical;
  c->divergent += divergent;
  sl_strbuf_free(&err);
  return status;
}

/* One CPython version over every file. Returns the worst status. */
static int conform_version(conform *c, const sl_oracle *o) {
  sl_strbuf err = SL_STRBUF_INIT;
  char jsonl[128], out[128], errf[128];
  snprintf(jsonl, sizeof jsonl, "%.63s/oracle-%.15s.jsonl", c->tmpdir, o->want);
  snprintf(out, sizeof out, "%.63s/oracle-%.15s.stdout", c->tmpdir, o->want);
  snprintf(errf, sizeof errf, "%.63s/oracle-%.15s.stderr", c->tmpdir, o->want);
  double t0 = now();
  int status = 0;
  size_t identical = 0, divergent = 0, failed = 0;
  sl_trace_list runs = {NULL, 0};
  sl_errcode rc = sl_oracle_run(o, c->files, c->nfiles, jsonl, out, errf, NULL, &err);
  if (rc == SL_EOK) rc = sl_jsonl_read_file(jsonl, &runs, &err);
  if (rc == SL_EOK && runs.n != c->nfiles) {
    sl_strbuf_printf(&err, "the oracle wrote %zu runs for %zu files (%s)\n", runs.n, c->nfiles,
                     jsonl);
    rc = SL_ECORRUPT;
  }
  double t_oracle = now() - t0, t_engine = 0;
  if (rc != SL_EOK) {
    fprintf(stderr, "simloop conform: CPython %s: %s", o->want, sl_strbuf_cstr(&err));
    /* Keep the oracle's files for a look, instead of deleting them. */
    fprintf(stderr, "simloop conform: the oracle's output is kept in %s\n", c->tmpdir);
    c->tmpdir[0] = '\0';
    sl_strbuf_free(&err);
    sl_trace_list_free(&runs);
    return 2;
  }
  for (size_t i = 0; i < c->nfiles; i++) {
    sl_trace *cpy = &runs.runs[i];
    sl_strbuf_clear(&err);
    if (!cpy->meta.scenario.p || strcmp(cpy->meta.scenario.p, c->files[i])) {
      fprintf(stderr, "simloop conform: the oracle's run %zu is for %s, not %s\n", i + 1,
              sl_tstr_or(&cpy->meta.scenario, "?"), c->files[i]);
      status = 2;
      failed++;
      continue;
    }
    const char *py = sl_tstr_or(&cpy->meta.python, "?");
    if (!sl_profile_find(py)) {
      fprintf(stderr, "simloop conform: %s: simloop has no profile for CPython %s (it knows %s)\n",
              c->files[i], py, sl_profile_names());
      status = 2;
      failed++;
      continue;
    }
    double t1 = now();
    sl_trace sim;
    rc = run_isolated(c, c->files[i], py, i, &sim, &err);
    t_engine += now() - t1;
    int st = 2;
    if (rc == SL_EOK)
      st = compare_one(c, c->files[i], &sim, cpy, &err);
    else if (rc == SL_ENOMEM)
      sl_strbuf_puts(&err, "out of memory\n");
    if (st == 2) {
      printf("%-7s ERROR      %s\n", py, c->files[i]);
      print_indented(sl_strbuf_cstr(&err));
      failed++;
    }
    identical += st == 0;
    divergent += st == 1;
    if (st > status) status = st;
    sl_trace_free(&sim);
  }
  if (!c->json)
    printf("CPython %s (%s): %zu of %zu identical, %zu divergent%s%.0s (oracle %.2f s, simloop "
           "%.2f s)\n",
           runs.n ? sl_tstr_or(&runs.runs[0].meta.python, o->want) : o->want,
           o->pyodide ? "Pyodide" : o->python, identical, c->nfiles, divergent,
           failed ? ", some failed" : "", "", t_oracle, t_engine);
  c->identical += identical;
  c->divergent += divergent;
  sl_trace_list_free(&runs);
  sl_strbuf_free(&err);
  return status;
}

static void remove_tmpdir(const char *dir, size_t nfiles) {
  static const char *const kinds[] = {"jsonl", "stdout", "stderr"};
  static const char *const vers[] = {"3.11", "3.11.2", "3.11.7", "3.12", "3.13", "3.14"};
  char path[160];
  for (size_t v = 0; v < 6; v++)
    for (size_t k = 0; k < 3; k++) {
      snprintf(path, sizeof path, "%.63s/oracle-%s.%s", dir, vers[v], kinds[k]);
      remove(path);
    }
  for (size_t i = 0; i < nfiles; i++) {
    snprintf(path, sizeof path, "%.63s/sim-%zu.jsonl", dir, i);
    remove(path);
    snprintf(path, sizeof path, "%.63s/sim-%zu.jsonl.err", dir, i);
    remove(path);
  }
  rmdir(dir);
}

typedef struct conform_args {
  conform *c;
  const char *python;
} conform_args;

static int on_opt(void *ctx, int id, const char *v) {
  conform_args *a = ctx;
  conform *c = a->c;
  switch (id) {
  case SL_OPT_PYTHON: a->python = v; break;
  case SL_OPT_DB: c->db_path = v; break;
  case SL_OPT_JSON: c->json = true; break;
  case SL_OPT_MAX_STEPS:
  case SL_OPT_MAX_ITERATIONS:
  case SL_OPT_MAX_WALL: {
    sl_trial_opts b = {
        .max_steps = c->max_steps, .max_iterations = c->max_iterations, .max_wall = c->max_wall};
    if (sl_budgets_set(&b, "conform", id, v) < 0) return 1;
    c->max_steps = b.max_steps;
    c->max_iterations = b.max_iterations;
    c->max_wall = b.max_wall;
    break;
  }
  case SL_OPT_SEED:
    if (!sl_parse_u64(v, &c->seed)) {
      fprintf(stderr, "simloop conform: --seed needs a non-negative integer, not '%s'\n", v);
      return 1;
    }
    c->seeded = true;
    break;
  case SL_OPT_STRATEGY: {
    bool faults = c->strategy.faults;
    /* coverage: a run depends on the runs before it, not on a seed */
    if (!sl_strategy_parse(v, &c->strategy) || c->strategy.kind == SL_STRATEGY_COVERAGE) {
      fprintf(stderr, "simloop conform: --strategy must be random, pct or bounded, not '%s'\n", v);
      return 1;
    }
    c->strategy.faults = faults;
    break;
  }
  case SL_OPT_FAULTS: c->strategy.faults = true; break;
  }
  return 0;
}

int sl_cmd_conform(int argc, char **argv) {
  conform c = {0};
  c.max_steps = SL_CONFORM_MAX_STEPS;
  c.max_iterations = SL_DEFAULT_MAX_ITERATIONS;
  c.max_wall = SL_DEFAULT_MAX_WALL;
  sl_strategy_parse("random", &c.strategy);
  conform_args args = {&c, "all"};
  int first,
      st0 = sl_cli_args(SL_CMD_CONFORM, argc, argv, on_opt, &args, 1, -1, "scenario", &first);
  if (st0 != SL_CLI_GO) return st0;
  const char *python = args.python;
  c.files = sl_calloc((size_t)argc, sizeof *c.files);
  if (!c.files) return 2;
  for (int i = first; i < argc; i++) c.files[c.nfiles++] = argv[i];
  for (size_t i = 0; i < c.nfiles; i++) {
    sl_strbuf ierr = SL_STRBUF_INIT;
    if (sl_input_check(c.files[i], &ierr) != SL_EOK) {
      fprintf(stderr, "simloop conform: %s", sl_strbuf_cstr(&ierr));
      sl_strbuf_free(&ierr);
      goto usage_error;
    }
  }
  sl_oracle oracles[8];
  size_t n = 0;
  sl_strbuf err = SL_STRBUF_INIT;
  if (!strcmp(python, "all")) {
    n = sl_oracle_all(oracles, 8);
    if (!n)
      fprintf(stderr, "simloop conform: no CPython oracle is installed (see oracle/README.md)\n");
  } else {
    bool missing;
    if (sl_oracle_find(python, &oracles[0], &missing, &err) == SL_EOK)
      n = 1;
    else
      fprintf(stderr, "simloop conform: %s", sl_strbuf_cstr(&err));
  }
  sl_strbuf_free(&err);
  if (!n) goto usage_error;
  int status = 0;
  sl_strbuf dberr = SL_STRBUF_INIT;
  if (c.db_path && sl_tracedb_open(c.db_path, true, &c.db, &dberr) != SL_EOK) {
    fprintf(stderr, "simloop conform: %s", sl_strbuf_cstr(&dberr));
    sl_strbuf_free(&dberr);
    goto usage_error;
  }
  sl_strbuf_free(&dberr);
  snprintf(c.tmpdir, sizeof c.tmpdir, "/tmp/simloop-conform-XXXXXX");
  if (!mkdtemp(c.tmpdir)) {
    perror("simloop conform: cannot create a temporary folder");
    sl_tracedb_close(c.db);
    goto usage_error;
  }
  for (size_t k = 0; k < n; k++) {
    /* The engine's reprs name this interpreter's asyncio folder. */
    sl_progenv_get()->stdlib_dir = oracles[k].stdlib[0] ? oracles[k].stdlib : NULL;
    int st = c.seeded ? conform_version_seeded(&c, &oracles[k]) : conform_version(&c, &oracles[k]);
    if (st > status) status = st;
  }
  if (n > 1 && !c.json)
    printf("total: %zu identical, %zu divergent over %zu version%s\n", c.identical, c.divergent, n,
           n == 1 ? "" : "s");
  if (c.tmpdir[0]) remove_tmpdir(c.tmpdir, c.nfiles);
  sl_tracedb_close(c.db);
  sl_free(c.files);
  return status;
usage_error:
  sl_free(c.files);
  return 2;
}
