/* `simloop minimize FILE --decisions LOG`: shrinks a failing decision log
 * to the fewest non-default decisions that still fail the same way (same
 * verdict, same detail), then each remaining delay to the smallest round
 * value that still fails (docs/explore.md "Minimize").
 *
 * The items ddmin works on are the log's non-default decisions, each
 * pinned to its step and its position among the step's cost points; a
 * subset is turned back into a log by sl_declog_canonical, which adds the
 * zero entries the oracle's replay rule needs. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt.h"
#include "sim/commands.h"
#include "sim/infile.h"
#include "sim/outfile.h"
#include "sim/quote.h"
#include "sim/ddmin.h"
#include "sim/net/net.h"
#include "sim/schedopts.h"
#include "sim/tracearg.h"
#include "sim/trial.h"
#include "traces/recorder.h"

typedef struct mctx {
  sl_trial_prog *prog;
  const sl_trial *target; /* the failure to preserve */
  double max_time;
  sl_decision *items; /* the non-default decisions, in log order */
  size_t nitems;
  uint64_t tests;
} mctx;

/* Builds the log of items keep[0..n) (with values from `items`). */
static sl_errcode build_log(const mctx *m, const sl_decision *items, const size_t *keep, size_t n,
                            sl_declog *out) {
  sl_declog sub;
  sl_declog_init(&sub);
  for (size_t i = 0; i < n; i++)
    if (sl_declog_push(&sub, &items[keep[i]])) {
      sl_declog_free(&sub);
      return SL_ENOMEM;
    }
  sl_errcode rc = sl_declog_canonical(&sub, out);
  sl_declog_free(&sub);
  (void)m;
  return rc;
}

/* 1: the log of the subset fails the same way; 0: not; -1: error. */
static int try_items(mctx *m, const sl_decision *items, const size_t *keep, size_t n) {
  sl_declog log;
  if (build_log(m, items, keep, n, &log)) return -1;
  sl_schedule s;
  sl_schedule_init_log(&s, &log);
  s.max_time = m->max_time;
  sl_trial t;
  sl_trial_init(&t);
  sl_strbuf err = SL_STRBUF_INIT;
  int r = sl_trial_run(m->prog, &s, NULL, &t, &err) == SL_EOK ? sl_trial_same(&t, m->target) : -1;
  m->tests++;
  sl_strbuf_free(&err);
  sl_trial_free(&t);
  sl_schedule_free(&s);
  sl_declog_free(&log);
  return r;
}

static int ddmin_test(void *ctx, const size_t *keep, size_t n) {
  mctx *m = ctx;
  return try_items(m, m->items, keep, n);
}

typedef struct min_args {
  sl_schedopts so;
  const char *log_path, *out_path;
} min_args;

static int on_opt(void *ctx, int id, const char *v) {
  min_args *a = ctx;
  if (id == SL_OPT_SEED || id == SL_OPT_STRATEGY) {
    fprintf(stderr, "simloop minimize: works on a decision log; get one from explore (-o LOG) "
                    "or replay --seed ... --jsonl\n");
    return 1;
  }
  int r = sl_schedopts_set(&a->so, "minimize", id, v);
  if (r) return r < 0;
  if (id == SL_OPT_DECISIONS)
    a->log_path = v;
  else if (id == SL_OPT_OUT)
    a->out_path = v;
  return 0;
}

/* Runs the program under `log` into *out. */
static sl_errcode run_log(sl_trial_prog *prog, const sl_declog *log, double max_time, sl_trial *out,
                          sl_strbuf *err) {
  sl_schedule s;
  sl_schedule_init_log(&s, log);
  s.max_time = max_time;
  sl_errcode rc = sl_trial_run(prog, &s, NULL, out, err);
  sl_schedule_free(&s);
  return rc;
}

/* Each kept delay down to the smallest round value that still fails the
 * same way. Returns false when a test could not run (out of memory). */
static bool shrink_values(mctx *m, const size_t *keep, size_t nkeep) {
  for (size_t k = 0; k < nkeep; k++) {
    if (m->items[keep[k]].kind == SL_DECISION_SEED)
      continue; /* a seed is an integer: nothing rounder than itself */
    double cand[32];
    size_t nc = sl_shrink_candidates(m->items[keep[k]].value, cand, 32);
    for (size_t c = 0; c < nc; c++) {
      double old = m->items[keep[k]].value;
      m->items[keep[k]].value = cand[c];
      int r = try_items(m, m->items, keep, nkeep);
      if (r < 0) return false;
      if (r == 1) break;
      m->items[keep[k]].value = old;
    }
  }
  return true;
}

/* The remaining decisions in words, and how to replay the result. */
static void print_result(const mctx *m, const size_t *keep, size_t nkeep, const sl_trial *final,
                         const sl_net_words *words, const char *log_path, const char *out,
                         const char *qpath, const char *qout) {
  printf("minimized ");
  sl_term_puts(stdout, log_path, false);
  printf(": %zu -> %zu non-default decision%s (%" PRIu64 " test runs)\n", m->nitems, nkeep,
         nkeep == 1 ? "" : "s", m->tests);
  for (size_t k = 0; k < nkeep; k++) {
    const sl_decision *d = &m->items[keep[k]];
    sl_strbuf v = SL_STRBUF_INIT;
    sl_float_repr(&v, d->value);
    if (d->kind == SL_DECISION_SEED)
      printf("  step %" PRIu64 ": random is seeded with %" PRIu64 "\n", d->step,
             (uint64_t)d->value);
    else if (d->kind == SL_DECISION_THREAD)
      printf("  step %" PRIu64 ": a pool thread takes %s s\n", d->step, sl_strbuf_cstr(&v));
    else if (d->kind == SL_DECISION_OVERSLEEP)
      printf("  step %" PRIu64 ": select oversleeps by %s s\n", d->step, sl_strbuf_cstr(&v));
    else if (d->kind == SL_DECISION_IO && sl_net_words_find(words, d->step, d->pos))
      printf("  step %" PRIu64 ": %s\n", d->step, sl_net_words_find(words, d->step, d->pos));
    else if (d->kind == SL_DECISION_IO)
      printf("  step %" PRIu64 ", network decision %u: %s (docs/io.md)\n", d->step, d->pos + 1,
             sl_strbuf_cstr(&v));
    else
      printf("  step %" PRIu64 ", handle %u: the callback takes %s s\n", d->step, d->pos,
             sl_strbuf_cstr(&v));
    sl_strbuf_free(&v);
  }
  printf("still fails the same way: %s: ", sl_verdict_name(final->verdict));
  sl_term_puts(stdout, final->detail.data ? final->detail.data : "", false);
  printf("\nwritten to ");
  sl_term_puts(stdout, out, false);
  printf("\nreplay: simloop replay %s --decisions %s\n", qpath, qout);
}

int sl_cmd_minimize(int argc, char **argv) {
  min_args a = {.log_path = NULL};
  sl_schedopts_init(&a.so);
  int first, st = sl_cli_args(SL_CMD_MINIMIZE, argc, argv, on_opt, &a, 0, 1, "scenario", &first);
  if (st != SL_CLI_GO) return st;
  sl_schedopts so = a.so;
  const char *path = first < argc ? argv[first] : NULL, *log_path = a.log_path,
             *out_path = a.out_path;
  if (!path || !log_path) {
    fprintf(stderr, "simloop minimize: give a scenario and --decisions LOG\n");
    sl_cli_usage(SL_CMD_MINIMIZE, stderr);
    return 2;
  }
  sl_strbuf err = SL_STRBUF_INIT, outname = SL_STRBUF_INIT;
  if (out_path)
    sl_strbuf_puts(&outname, out_path);
  else
    sl_strbuf_printf(&outname, "%s.min", log_path);
  if (sl_program_check(path, so.run.engine == SL_ENGINE_CPYTHON, &err) ||
      sl_input_check(log_path, &err) || sl_output_check(outname.data, &err)) {
    fprintf(stderr, "simloop minimize: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    sl_strbuf_free(&outname);
    return 2;
  }
  sl_trial_prog *prog = NULL;
  sl_declog log, result;
  sl_declog_init(&log);
  sl_declog_init(&result);
  sl_trial target, final;
  sl_trial_init(&target);
  sl_trial_init(&final);
  mctx m;
  memset(&m, 0, sizeof m);
  size_t *keep = NULL;
  int status = 2;
  if (sl_trial_prog_load(path, &so.run, &prog, &err) != SL_EOK) goto out;
  if (sl_declog_read(log_path, &log, &err) != SL_EOK) goto out;
  sl_errcode rc = run_log(prog, &log, so.run.max_time, &target, &err);
  if (rc != SL_EOK) goto out;
  if (target.verdict == SL_VERDICT_OK || target.verdict == SL_VERDICT_ERROR) {
    sl_strbuf_printf(&err,
                     "simloop minimize: %s: %s runs %s under this log; minimize needs a log "
                     "that makes it fail (explore writes one)\n",
                     log_path, path, sl_verdict_name(target.verdict));
    goto out;
  }
  /* The items: the non-default decisions of the canonical log. */
  m.prog = prog;
  m.target = &target;
  m.max_time = so.run.max_time;
  m.items = sl_malloc((target.log.n ? target.log.n : 1) * sizeof *m.items);
  keep = sl_malloc((target.log.n ? target.log.n : 1) * sizeof *keep);
  if (!m.items || !keep) goto nomem;
  for (size_t i = 0; i < target.log.n; i++)
    if (target.log.d[i].value != 0.0) m.items[m.nitems++] = target.log.d[i];
  size_t nkeep;
  uint64_t ddtests;
  if (sl_ddmin(m.nitems, ddmin_test, &m, keep, &nkeep, &ddtests) != SL_EOK) goto nomem;
  if (!shrink_values(&m, keep, nkeep)) goto nomem;
  if (build_log(&m, m.items, keep, nkeep, &result)) goto nomem;
  rc = run_log(prog, &result, so.run.max_time, &final, &err);
  if (rc != SL_EOK) goto out;
  sl_strbuf comment = SL_STRBUF_INIT, qpath = SL_STRBUF_INIT, qlog = SL_STRBUF_INIT,
            qout = SL_STRBUF_INIT;
  if (so.run.engine == SL_ENGINE_CPYTHON) /* the commands printed need it too */
    sl_strbuf_puts(&qpath, "--engine cpython ");
  sl_shell_quote(&qpath, path);
  sl_shell_quote(&qlog, log_path);
  sl_shell_quote(&qout, outname.data);
  sl_strbuf_printf(&comment, "simloop minimize %s --decisions %s: %s\n%s", sl_strbuf_cstr(&qpath),
                   sl_strbuf_cstr(&qlog), sl_verdict_name(final.verdict),
                   sl_strbuf_cstr(&final.detail));
  rc = sl_declog_save(&result, sl_strbuf_cstr(&comment), outname.data, &err);
  sl_strbuf_free(&comment);
  if (rc != SL_EOK) {
    sl_strbuf_free(&qpath);
    sl_strbuf_free(&qlog);
    sl_strbuf_free(&qout);
    goto out;
  }
  /* The network decisions in words (a replay that only listens). */
  sl_net_words words;
  if (sl_trial_words(prog, &result, &words, &err) != SL_EOK) sl_strbuf_clear(&err);
  print_result(&m, keep, nkeep, &final, &words, log_path, outname.data, sl_strbuf_cstr(&qpath),
               sl_strbuf_cstr(&qout));
  sl_net_words_free(&words);
  sl_strbuf_free(&qpath);
  sl_strbuf_free(&qlog);
  sl_strbuf_free(&qout);
  status = sl_trial_same(&final, &target) ? 0 : 2;
  if (status)
    sl_strbuf_printf(&err,
                     "simloop minimize: internal error: the minimized log fails differently\n");
  goto out;
nomem:
  sl_strbuf_printf(&err, "simloop minimize: out of memory\n");
out:
  if (status == 2) fprintf(stderr, "%s", sl_strbuf_cstr(&err));
  sl_free(m.items);
  sl_free(keep);
  sl_trial_free(&target);
  sl_trial_free(&final);
  sl_declog_free(&log);
  sl_declog_free(&result);
  if (prog) sl_trial_prog_free(prog);
  sl_strbuf_free(&err);
  sl_strbuf_free(&outname);
  return status;
}
