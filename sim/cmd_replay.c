/* `simloop replay FILE --seed S [--strategy ...] | --decisions LOG`: re-runs
 * one schedule exactly and shows it step by step (docs/explore.md).
 *
 * A seed is first turned into its decision log (the strategy run, then
 * sl_schedule_log), and the log is what gets replayed and recorded; so
 * `--seed S` and `--decisions` of explore's log give the same trace and
 * the same hash, and the oracle replays that log too. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/infile.h"
#include "sim/outfile.h"
#include "sim/quote.h"
#include "sim/runrec.h"
#include "sim/schedopts.h"
#include "sim/tracearg.h"
#include "sim/trial.h"
#include "traces/recorder.h"
#include "traces/show.h"

typedef struct replay_args {
  sl_schedopts so;
  const char *log_path, *bytes_path, *db, *jsonl;
  bool quiet, json;
} replay_args;

static int on_opt(void *ctx, int id, const char *v) {
  replay_args *a = ctx;
  int r = sl_schedopts_set(&a->so, "replay", id, v);
  if (r) return r < 0;
  switch (id) {
  case SL_OPT_DECISIONS: a->log_path = v; break;
  case SL_OPT_BYTES: a->bytes_path = v; break;
  case SL_OPT_DB: a->db = v; break;
  case SL_OPT_JSONL: a->jsonl = v; break;
  case SL_OPT_QUIET: a->quiet = true; break;
  case SL_OPT_JSON: a->json = true; break;
  }
  return 0;
}

/* Runs the program on the fuzzer bytes in `path` and returns the canonical
 * log of that run. */
static sl_errcode bytes_to_log(sl_trial_prog *prog, const char *path, double max_time, bool faults,
                               sl_declog *log, sl_strbuf *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    sl_strbuf_printf(err, "%s: cannot read the fuzzer input: %s\n", path, strerror(errno));
    return SL_EIO;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) sl_strbuf_append(&b, buf, n);
  fclose(f);
  if (b.failed) {
    sl_strbuf_free(&b);
    return SL_ENOMEM;
  }
  sl_schedule s;
  sl_schedule_init_bytes(&s, (const uint8_t *)b.data, b.len);
  s.faults = faults; /* SIMLOOP_FUZZ_FAULTS=1 inputs replay with --faults */
  s.max_time = max_time;
  sl_trial t;
  sl_trial_init(&t);
  sl_errcode rc = sl_trial_run(prog, &s, NULL, &t, err);
  if (rc == SL_EOK) rc = sl_declog_copy(log, &t.log);
  sl_trial_free(&t);
  sl_schedule_free(&s);
  sl_strbuf_free(&b);
  return rc;
}

/* The decision log to replay: --decisions as read, --bytes turned into
 * the log of that run, or the run of --seed turned into its log. */
static sl_errcode schedule_log(sl_trial_prog *prog, replay_args *a, sl_declog *log,
                               sl_strbuf *err) {
  sl_schedopts *so = &a->so;
  if (a->log_path) {
    sl_errcode rc = sl_declog_read(a->log_path, log, err);
    /* Only when the first line is already not a log: a fuzzer input. */
    size_t pl = strlen(a->log_path);
    const char *m = sl_strbuf_cstr(err);
    if (rc != SL_EOK && !strncmp(m, a->log_path, pl) && !strncmp(m + pl, ":1:", 3))
      sl_strbuf_printf(err, "(a raw fuzzer input replays with --bytes %s)\n", a->log_path);
    return rc;
  }
  if (a->bytes_path) /* one byte per decision point (schedule.h) */
    return bytes_to_log(prog, a->bytes_path, so->run.max_time, so->strategy.faults, log, err);
  sl_errcode rc = sl_trial_calibrate(prog, &so->strategy, NULL, err);
  if (rc != SL_EOK) return rc;
  sl_schedule s;
  sl_schedule_init_strategy(&s, &so->strategy, so->seed);
  s.max_time = so->run.max_time;
  sl_trial first;
  sl_trial_init(&first);
  rc = sl_trial_run(prog, &s, NULL, &first, err);
  if (rc == SL_EOK) rc = sl_declog_copy(log, &first.log);
  sl_trial_free(&first);
  sl_schedule_free(&s);
  if (rc != SL_EOK && !err->len) sl_strbuf_printf(err, "%s\n", sl_strerror(rc));
  return rc;
}

/* The run as asked: step by step (unless --quiet or --db), what went
 * wrong, the decisions, where it was stored, the hash; or as JSON. */
static void print_run(const replay_args *a, sl_trace *tr, const sl_trial *t, int64_t run_id,
                      const char *hash) {
  if (a->json) {
    sl_show_json(stdout, tr, hash);
    return;
  }
  if (!a->quiet && !a->db) sl_show_text(stdout, tr, hash);
  if (t->verdict != SL_VERDICT_OK)
    sl_term_puts(stdout, t->report.data ? t->report.data : "", true);
  else
    printf("ok\n");
  printf("decisions: %zu applied, %zu non-default\n", t->log.n, sl_declog_nondefault(&t->log));
  if (run_id) {
    printf("stored: ");
    sl_term_puts(stdout, a->db, false);
    printf(" run %" PRId64 "\n", run_id);
  }
  printf("trace hash: %s\n", hash);
}

int sl_cmd_replay(int argc, char **argv) {
  replay_args a;
  memset(&a, 0, sizeof a);
  sl_schedopts_init(&a.so);
  int first, st = sl_cli_args(SL_CMD_REPLAY, argc, argv, on_opt, &a, 0, 1, "scenario", &first);
  if (st != SL_CLI_GO) return st;
  sl_schedopts so = a.so;
  const char *path = first < argc ? argv[first] : NULL, *log_path = a.log_path,
             *bytes_path = a.bytes_path, *db = a.db, *jsonl = a.jsonl;
  if (!path || (!!log_path + !!bytes_path + so.has_seed != 1) ||
      ((log_path || bytes_path) && so.has_strategy)) {
    fprintf(stderr, "simloop replay: give a scenario and either --seed S (with the --strategy "
                    "options explore printed) or --decisions LOG\n");
    sl_cli_usage(SL_CMD_REPLAY, stderr);
    return 2;
  }
  sl_strbuf err = SL_STRBUF_INIT;
  sl_trial_prog *prog = NULL;
  int status = 2;
  /* Every input and output is checked before the run. */
  if (sl_program_check(path, so.run.engine == SL_ENGINE_CPYTHON, &err) ||
      (log_path && sl_input_check(log_path, &err)) ||
      (bytes_path && sl_input_check(bytes_path, &err)) || (db && sl_db_check_writable(db, &err)) ||
      (jsonl && sl_output_check(jsonl, &err))) {
    fprintf(stderr, "simloop replay: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    return 2;
  }
  sl_declog log;
  sl_declog_init(&log);
  sl_trial t;
  sl_trial_init(&t);
  sl_recorder *rec = NULL;
  if (sl_trial_prog_load(path, &so.run, &prog, &err) != SL_EOK) goto out;
  if (schedule_log(prog, &a, &log, &err) != SL_EOK) goto out;
  char hash[65];
  int64_t run_id = 0;
  sl_record_opts ro = {so.run.max_time, so.has_seed, so.seed,
                       log_path || bytes_path ? "replay" : sl_strategy_name(so.strategy.kind), db};
  if (sl_trial_record(prog, &log, &ro, &t, &rec, &run_id, hash, &err) != SL_EOK) goto out;
  sl_trace *tr = sl_recorder_trace(rec);
  if (jsonl) {
    sl_errcode rc = sl_recorder_save_jsonl(rec, jsonl, &err);
    if (rc != SL_EOK) {
      if (rc == SL_ENOMEM) sl_strbuf_puts(&err, "out of memory\n");
      goto out;
    }
  }
  if (!jsonl || strcmp(jsonl, "-")) /* not into the trace on stdout */
    print_run(&a, tr, &t, run_id, hash);
  status = t.verdict == SL_VERDICT_OK ? 0 : 1;
out:
  if (status == 2)
    fprintf(stderr, "%s", err.len ? sl_strbuf_cstr(&err) : "simloop replay: failed\n");
  if (rec) sl_recorder_free(rec);
  sl_trial_free(&t);
  sl_declog_free(&log);
  if (prog) sl_trial_prog_free(prog);
  sl_strbuf_free(&err);
  return status;
}
