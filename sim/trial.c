/* One trial of a scenario under a schedule (see trial.h). Runs through the
 * scenario runner (sim/scenario.h), with a fan-out of observers (detector,
 * fingerprint, recorder) and a decider that lets the detector look at the
 * run at every decision point before the schedule answers. */
#define _POSIX_C_SOURCE 200809L /* getpid */
#include "sim/trial.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/lang/parser.h"
#include "core/profile.h"
#include "sim/cpyengine.h"
#include "sim/net/net.h"
#include "sim/observers.h"
#include "sim/modfind.h"
#include "sim/progenv.h"
#include "sim/scenario.h"
#include "sim/schedopts.h"
#include "sim/version.h"
#include "traces/recorder.h"
#include "traces/tracedb.h"

struct sl_trial_prog {
  char *path; /* owned copy */
  char *file; /* owned: path without its "::TEST" (a pytest test, CPython mode) */
  char *src;  /* owned: the file's bytes, read once */
  size_t len;
  const sl_profile *profile; /* static */
  sl_trial_opts opts;
  /* owned: the image every run starts from (the runtime and the compiled
   * program, sim/scenario.h), or NULL; then mod: src parsed once at load
   * and compiled afresh by every run (NULL when src does not parse, so
   * each run reports the parse error itself). With an image the tree is
   * freed once the image is made. */
  sl_scenario_image *image;
  sl_ast_module *mod;
  /* owned: the program's own modules, read and parsed once for all runs
   * (NULL until the first run; sim/modfind.h). */
  sl_modfind *modfind;
  /* CPython mode: the fork server, started by process cpy_owner (a forked
   * explore worker starts its own), and the interpreter's version. */
  sl_cpy *cpy;
  pid_t cpy_owner;
  char exact[16];
};

uint64_t sl_fnv1a_more(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

void sl_trial_init(sl_trial *t) {
  memset(t, 0, sizeof *t);
  sl_declog_init(&t->log);
}

void sl_trial_free(sl_trial *t) {
  sl_strbuf_free(&t->detail);
  sl_strbuf_free(&t->report);
  sl_declog_free(&t->log);
  sl_trial_init(t);
}

bool sl_trial_same(const sl_trial *a, const sl_trial *b) {
  return a->verdict == b->verdict && a->detail.len == b->detail.len &&
         (!a->detail.len || !memcmp(a->detail.data, b->detail.data, a->detail.len));
}

const char *sl_trial_prog_path(const sl_trial_prog *p) { return p->path; }
const char *sl_trial_prog_python(const sl_trial_prog *p) {
  return p->opts.engine == SL_ENGINE_CPYTHON ? p->exact : p->profile->name;
}

void sl_trial_prog_free(sl_trial_prog *p) {
  if (!p) return;
  sl_cpy_free(p->cpy, p->cpy_owner == getpid());
  sl_scenario_image_free(p->image);
  sl_ast_free(p->mod);
  sl_modfind_free(p->modfind);
  sl_free(p->path);
  sl_free(p->file);
  sl_free(p->src);
  sl_free(p);
}

/* ---- the fingerprint observer --------------------------------------- */

static void fp_mix(void *ctx, const void *data, size_t n) {
  uint64_t *h = ctx;
  *h = sl_fnv1a_more(*h, data, n);
  *h = sl_fnv1a_more(*h, "\n", 1);
}
/* Writes `prefix`, v in decimal, then `suffix` (0: none) at the end of
 * b[32]; returns where the text starts. The bytes are those snprintf
 * made before: fingerprints must not change, only the cost of making them
 * (snprintf on every step was a visible part of an explore run). */
static const char *fp_num(char b[32], const char *prefix, uint64_t v, char suffix, size_t *n) {
  size_t i = 32;
  if (suffix) b[--i] = suffix;
  do b[--i] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  for (size_t k = strlen(prefix); k > 0; k--) b[--i] = prefix[k - 1];
  *n = 32 - i;
  return b + i;
}
static void fp_step(void *ctx, uint64_t step, double t, bool has_timeout, double timeout) {
  (void)t, (void)timeout;
  char b[32];
  size_t n;
  const char *p = fp_num(b, "#", step, has_timeout ? 't' : 'n', &n);
  fp_mix(ctx, p, n);
}
/* fp_mix of the name, in one pass without strlen: called at every step. */
static void fp_handle(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                      size_t len) {
  (void)step, (void)pos, (void)t, (void)len;
  uint64_t *h = ctx, x = *h;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    x = (x ^ *p) * 0x100000001b3ULL;
  *h = (x ^ '\n') * 0x100000001b3ULL;
}
static void fp_task_done(void *ctx, const sl_task_info *info) {
  char b[32];
  size_t n;
  const char *p = fp_num(b, "-T", info->ordinal, ' ', &n);
  fp_mix(ctx, p, n);
  if (info->outcome) fp_mix(ctx, info->outcome, strlen(info->outcome));
  if (info->detail) fp_mix(ctx, info->detail, strlen(info->detail));
}
static void fp_output(void *ctx, uint64_t step, uint64_t task, const char *text, size_t len) {
  (void)step, (void)task;
  fp_mix(ctx, text, len);
}

/* Decisions into the recorder. The recorder keeps only non-zero values,
 * but the oracle reports every consumed log entry, zero padding included
 * (oracle/README.md), so zeros are appended to the lent trace directly. */
static void rec_decision(void *ctx, uint64_t step, sl_decision_kind kind, double value) {
  sl_recorder *rec = ctx;
  const char *name = sl_decision_kind_name(kind);
  if (value != 0.0) {
    sl_recorder_decision(rec, name, value);
    return;
  }
  sl_tev *e = sl_trace_push(sl_recorder_trace(rec), SL_TEV_DECISION);
  if (!e) return; /* the hash will differ; sl_trial_record checks failure */
  e->step = step;
  e->t = 0.0;
  sl_tstr_setz(&e->a, name);
}

/* One run through the scenario runner. */
static sl_errcode run_once(sl_trial_prog *p, sl_schedule *sched, sl_recorder *rec, sl_detector *det,
                           uint64_t *fingerprint, sl_scenario_result *res) {
  uint64_t fp = SL_FNV_INIT;
  sl_observer fpo;
  memset(&fpo, 0, sizeof fpo);
  fpo.ctx = &fp;
  fpo.step_begin = fp_step;
  fpo.handle_run = fp_handle;
  fpo.task_done = fp_task_done;
  fpo.output = fp_output;
  sl_observer deto = sl_detector_observer(det);
  sl_fanout fo;
  sl_fanout_init(&fo);
  sl_fanout_add(&fo, &deto);
  sl_fanout_add(&fo, &fpo);
  sl_fanout_add(&fo, sched->observer); /* NULL: none */
  sl_observer reco;
  if (rec) {
    reco = sl_recorder_observer(rec);
    sl_fanout_add(&fo, &reco);
    sched->on_decision = rec_decision;
    sched->on_ctx = rec;
  }
  sl_observer obs = sl_fanout_observer(&fo);
  sl_detecting_decider dd;
  sl_decider dec = sl_detecting_decider_init(&dd, det, sl_schedule_decider(sched));
  sl_scenario_opts o;
  memset(&o, 0, sizeof o);
  o.path = p->path;
  o.source = p->src;
  o.source_len = p->len;
  o.module = p->mod;
  o.image = p->image;
  if (!p->modfind) {
    const sl_progenv *pe = sl_progenv_get();
    p->modfind = sl_modfind_new(p->path, pe->path, pe->npath);
  }
  o.modfind = p->modfind; /* NULL (no memory): the run makes its own */
  o.profile = p->profile;
  o.observer = &obs;
  o.decider = &dec;
  o.max_steps = p->opts.max_steps;
  o.max_iterations = p->opts.max_iterations;
  o.max_time = sched->max_time;
  o.max_wall = p->opts.max_wall;
  o.net_words = sched->net_words;
  memset(res, 0, sizeof *res);
  if (sl_scenario_run(&o, res)) return SL_ENOMEM;
  *fingerprint = fp;
  return sched->failed ? SL_ENOMEM : SL_EOK;
}

static void fill_end(const sl_scenario_result *res, sl_run_end *end) {
  memset(end, 0, sizeof *end);
  end->outcome = (int)res->outcome;
  end->summary = res->summary.len ? res->summary.data : NULL;
  end->traceback =
      res->outcome == SL_OUTCOME_EXCEPTION && res->detail.len ? res->detail.data : NULL;
  end->runner_detail = res->detail.len ? res->detail.data : NULL;
  end->steps = res->steps;
  end->t = res->time;
}

/* ---- CPython mode ------------------------------------------------------- */

/* This process's fork server (started on first use in a forked worker). */
static sl_errcode cpy_server(sl_trial_prog *p, sl_strbuf *err) {
  if (p->cpy && p->cpy_owner == getpid()) return SL_EOK;
  sl_cpy_free(p->cpy, false);
  p->cpy = NULL;
  sl_errcode rc =
      sl_cpy_start(p->path, p->opts.python, p->opts.show_stderr, &p->cpy, p->exact, err);
  if (rc == SL_EOK) p->cpy_owner = getpid();
  return rc;
}

void sl_trial_cpy_budgets(const sl_trial_opts *t, sl_cpy_opts *o) {
  o->max_steps = t->max_steps;
  bool given =
      t->max_iterations != SL_DEFAULT_MAX_ITERATIONS && t->max_iterations != SL_RUN_MAX_ITERATIONS;
  o->max_iterations = given ? t->max_iterations : 0;
  o->max_wall = t->max_wall;
}

static sl_verdict verdict_named(const char *name) {
  for (int v = 0; v < SL_VERDICT__COUNT; v++)
    if (!strcmp(sl_verdict_name((sl_verdict)v), name)) return (sl_verdict)v;
  return SL_VERDICT_ERROR;
}

static const char *outcome_named(const char *name) {
  static const char *const known[] = {"ok", "exception", "deadlock", "budget"};
  for (size_t i = 0; i < sizeof known / sizeof *known; i++)
    if (!strcmp(known[i], name)) return known[i];
  return "error";
}

static sl_errcode cpy_trial_run(sl_trial_prog *p, sl_schedule *sched, sl_recorder *rec,
                                sl_trial *out, sl_strbuf *err) {
  sl_errcode rc = cpy_server(p, err);
  if (rc != SL_EOK) return rc;
  /* Exploring trials share children; what is recorded or replayed from a
   * log starts from the server's image, exactly reproducible. */
  sl_cpy_opts o = {.trace = rec != NULL, .reuse = !rec && sched->source != SL_SOURCE_LOG};
  sl_trial_cpy_budgets(&p->opts, &o);
  sl_cpy_result res;
  sl_cpy_result_init(&res);
  rc = sl_cpy_trial(p->cpy, sched, &o, &res, err);
  if (rc == SL_EOK) {
    out->verdict = verdict_named(res.verdict);
    sl_strbuf_puts(&out->detail, sl_strbuf_cstr(&res.detail));
    sl_strbuf_puts(&out->report, sl_strbuf_cstr(&res.report));
    out->outcome = outcome_named(res.outcome);
    out->steps = res.steps;
    out->t = res.t;
    out->npoints = res.npoints;
    out->fingerprint = res.fingerprint;
    rc = sl_schedule_log(sched, &out->log);
    if (rc == SL_EOK && (out->detail.failed || out->report.failed)) rc = SL_ENOMEM;
    if (rec && res.has_trace) sl_recorder_adopt(rec, &res.trace);
  }
  if (rc == SL_ENOMEM) sl_strbuf_puts(err, "out of memory\n");
  sl_cpy_result_free(&res);
  return rc;
}

/* sl_trial_run, and sl_trial_run_brief when `brief`. */
static sl_errcode trial_run(sl_trial_prog *p, sl_schedule *sched, sl_recorder *rec, bool brief,
                            sl_trial *out, sl_strbuf *err) {
  sl_trial_free(out);
  if (p->opts.engine == SL_ENGINE_CPYTHON) {
    if (p->opts.max_time > 0 && sched->max_time <= 0) sched->max_time = p->opts.max_time;
    return cpy_trial_run(p, sched, rec, out, err);
  }
  if (p->opts.max_time > 0 && sched->max_time <= 0) sched->max_time = p->opts.max_time;
  sl_detector det;
  sl_detector_init(&det);
  det.brief = brief;
  sl_scenario_result res;
  uint64_t fp = 0;
  sl_errcode rc = run_once(p, sched, rec, &det, &fp, &res);
  if (rc == SL_EOK) rc = sl_schedule_log(sched, &out->log);
  if (rc == SL_EOK && res.outcome == SL_OUTCOME_DEADLOCK) {
    /* Replay the run to its last decision point and describe the waits
     * there: the state the deadlock froze (see detect.h). */
    sl_detector again;
    sl_detector_init(&again);
    again.describe_at = det.points ? det.points - 1 : UINT64_MAX;
    sl_schedule s2;
    sl_schedule_init_log(&s2, &out->log);
    s2.max_time = sched->max_time;
    sl_scenario_result res2;
    uint64_t fp2;
    if (run_once(p, &s2, NULL, &again, &fp2, &res2) == SL_EOK && again.have_waits) {
      det.have_waits = true;
      sl_strbuf_puts(&det.waits, sl_strbuf_cstr(&again.waits));
      sl_strbuf_puts(&det.waits_sig, sl_strbuf_cstr(&again.waits_sig));
    }
    sl_scenario_result_free(&res2);
    sl_schedule_free(&s2);
    sl_detector_free(&again);
  }
  if (rc == SL_EOK) {
    sl_run_end end;
    fill_end(&res, &end);
    sl_detector_finish(&det, &end);
    out->verdict = det.verdict;
    sl_strbuf_puts(&out->detail, sl_strbuf_cstr(&det.detail));
    sl_strbuf_puts(&out->report, sl_strbuf_cstr(&det.report));
    out->outcome = sl_outcome_name(res.outcome);
    out->steps = res.steps;
    out->t = res.time;
    out->npoints = sched->npoints;
    out->fingerprint = fp;
    if (out->detail.failed || out->report.failed) rc = SL_ENOMEM;
    if (rec) {
      /* The end line as docs/trace.md has it: detail only for exceptions. */
      sl_recorder_end(rec, out->outcome,
                      res.outcome == SL_OUTCOME_EXCEPTION && res.summary.len ? res.summary.data
                                                                             : NULL,
                      res.steps, res.time);
    }
  }
  if (rc == SL_ENOMEM) sl_strbuf_puts(err, "out of memory\n");
  sl_scenario_result_free(&res);
  sl_detector_free(&det);
  return rc;
}

sl_errcode sl_trial_run(sl_trial_prog *p, sl_schedule *sched, sl_recorder *rec, sl_trial *out,
                        sl_strbuf *err) {
  return trial_run(p, sched, rec, false, out, err);
}

sl_errcode sl_trial_run_brief(sl_trial_prog *p, sl_schedule *sched, sl_trial *out, sl_strbuf *err) {
  return trial_run(p, sched, NULL, true, out, err);
}

sl_errcode sl_trial_prog_load(const char *path, const sl_trial_opts *opts, sl_trial_prog **out,
                              sl_strbuf *err) {
  *out = NULL;
  const sl_profile *prof =
      opts && opts->python ? sl_profile_find(opts->python) : sl_profile_default();
  if (!prof) {
    sl_strbuf_printf(err, "simloop: --python '%s': unknown version; known: %s\n", opts->python,
                     sl_profile_names());
    return SL_EINVAL;
  }
  /* FILE::TEST: one test of a pytest file, CPython mode only (docs/pytest.md) */
  const char *test = strstr(path, "::");
  bool cpython = opts && opts->engine == SL_ENGINE_CPYTHON;
  if (test && !cpython) {
    sl_strbuf_printf(
        err, "%s: a test of a test file (FILE::TEST) runs under --engine cpython only\n", path);
    return SL_EINVAL;
  }
  char *file = sl_strndup(path, test ? (size_t)(test - path) : strlen(path));
  FILE *f = file ? fopen(file, "rb") : NULL;
  if (!f) {
    sl_strbuf_printf(err, "%s: cannot read the scenario: %s\n", file ? file : path,
                     strerror(file ? errno : ENOMEM));
    sl_free(file);
    return SL_EIO;
  }
  sl_strbuf text = SL_STRBUF_INIT;
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) sl_strbuf_append(&text, buf, n);
  bool rerr = ferror(f);
  fclose(f);
  sl_trial_prog *p = sl_calloc(1, sizeof *p);
  size_t len = text.len;
  char *src = sl_strbuf_take(&text, NULL);
  char *pc = sl_strndup(path, strlen(path));
  if (rerr || !p || !src || !pc) {
    sl_strbuf_printf(err, "%s: %s\n", path, rerr ? "read error" : "out of memory");
    sl_free(p);
    sl_free(src);
    sl_free(pc);
    sl_free(file);
    return rerr ? SL_EIO : SL_ENOMEM;
  }
  p->path = pc;
  p->file = file;
  p->src = src;
  p->len = len;
  p->profile = prof;
  if (opts) p->opts = *opts;
  if (p->opts.engine == SL_ENGINE_CPYTHON) {
    /* The server compiles the program and imports its dependencies now:
     * a SyntaxError is bad input (file:line:col), as in simloop. */
    sl_errcode rc = cpy_server(p, err);
    if (rc != SL_EOK) {
      sl_trial_prog_free(p);
      return rc;
    }
    *out = p;
    return SL_EOK;
  }
  /* The image every run starts from, compiled straight from the source
   * (sim/scenario.h): no tree is kept. Without one (the program does not
   * compile, another image exists, SIMLOOP_NO_IMAGE), runs compile a tree
   * parsed once here; on a parse error (or no memory) mod stays NULL and
   * the first run below parses again, to report the runner's diagnostic. */
  if (!p->modfind) {
    const sl_progenv *pe = sl_progenv_get();
    p->modfind = sl_modfind_new(p->path, pe->path, pe->npath);
  }
  if (p->modfind && !getenv("SIMLOOP_NO_IMAGE")) {
    sl_scenario_opts io;
    memset(&io, 0, sizeof io);
    io.path = p->path;
    io.source = p->src;
    io.source_len = p->len;
    io.profile = p->profile;
    io.modfind = p->modfind;
    p->image = sl_scenario_image_new(&io);
  }
  sl_diag diag;
  if (!p->image) p->mod = sl_parse(p->path, p->src, p->len, &diag);
  /* A first run under the default schedule reports a file that does not
   * parse or compile, with the runner's file:line:col diagnostic. */
  sl_schedule s;
  sl_schedule_init_default(&s);
  s.max_time = p->opts.max_time;
  sl_detector det;
  sl_detector_init(&det);
  sl_scenario_result res;
  uint64_t fp;
  sl_errcode rc = run_once(p, &s, NULL, &det, &fp, &res);
  if (rc == SL_EOK && res.outcome == SL_OUTCOME_ERROR) {
    sl_strbuf_puts(err, sl_strbuf_cstr(&res.detail));
    if (!res.detail.len || res.detail.data[res.detail.len - 1] != '\n') sl_strbuf_putc(err, '\n');
    rc = SL_ECORRUPT;
  } else if (rc != SL_EOK) {
    sl_strbuf_puts(err, "out of memory\n");
  }
  sl_scenario_result_free(&res);
  sl_detector_free(&det);
  sl_schedule_free(&s);
  if (rc != SL_EOK) {
    sl_trial_prog_free(p);
    return rc;
  }
  *out = p;
  return SL_EOK;
}

sl_errcode sl_trial_calibrate(sl_trial_prog *p, sl_strategy *st, sl_trial *default_run,
                              sl_strbuf *err) {
  sl_schedule s;
  sl_schedule_init_default(&s);
  s.faults = st->faults; /* count the fault points the strategy will draw at */
  sl_trial t;
  sl_trial_init(&t);
  sl_errcode rc = sl_trial_run(p, &s, NULL, &t, err);
  sl_schedule_free(&s);
  if (rc == SL_EOK && !st->npoints) {
    st->npoints = t.npoints ? t.npoints : 1;
    /* Bounded enumerates C(n, k) placements: keep n where that stays in
     * the tens of thousands by default (--points overrides). */
    if (st->kind == SL_STRATEGY_BOUNDED && st->npoints > 64) st->npoints = 64;
  }
  if (default_run)
    *default_run = t;
  else
    sl_trial_free(&t);
  return rc;
}

/* sl_tracedb_store with the trace hash already taken: the hash is the
 * JSONL text of every event, a third of storing a short run. */
static sl_errcode store_hashed(sl_tracedb *db, sl_trace *tr, const char hash[65], sl_strbuf *err) {
  if (!tr->meta.ended) {
    sl_strbuf_printf(err, "%s: refusing to store a run that has not ended\n", sl_tracedb_path(db));
    return SL_EINVAL;
  }
  sl_tracedb_writer *w;
  sl_errcode rc = sl_tracedb_writer_begin(db, &tr->meta, &w, err);
  for (size_t i = 0; i < tr->nev && rc == SL_EOK; i++) rc = sl_tracedb_writer_event(w, &tr->ev[i]);
  if (!w) return rc;
  /* After a failed event, end gives up with its message. */
  sl_errcode end = sl_tracedb_writer_end(w, &tr->meta, hash, &tr->id, err);
  return rc != SL_EOK ? rc : end;
}

sl_errcode sl_trial_record(sl_trial_prog *p, const sl_declog *log, const sl_record_opts *ro,
                           sl_trial *out, sl_recorder **recp, int64_t *run_id, char hash[65],
                           sl_strbuf *err) {
  return sl_trial_record_in(p, log, ro, NULL, out, recp, run_id, hash, err);
}

sl_errcode sl_trial_record_in(sl_trial_prog *p, const sl_declog *log, const sl_record_opts *ro,
                              sl_tracedb *open, sl_trial *out, sl_recorder **recp, int64_t *run_id,
                              char hash[65], sl_strbuf *err) {
  *recp = NULL;
  *run_id = 0;
  hash[0] = '\0';
  sl_recorder *rec = sl_recorder_new();
  if (!rec) {
    sl_strbuf_puts(err, "out of memory\n");
    return SL_ENOMEM;
  }
  sl_run_info info;
  memset(&info, 0, sizeof info);
  info.engine = "simloop";
  info.engine_version = sl_version();
  info.python = p->profile->name;
  info.impl = "sim";
  info.scenario = p->file;
  info.has_seed = ro->has_seed;
  info.seed = (int64_t)ro->seed;
  info.strategy = ro->strategy ? ro->strategy : "replay";
  sl_errcode rc = sl_recorder_begin(rec, &info, err);
  sl_schedule s;
  sl_schedule_init_log(&s, log);
  s.max_time = ro->max_time;
  if (rc == SL_EOK) rc = sl_trial_run(p, &s, rec, out, err);
  if (rc == SL_EOK && p->opts.engine == SL_ENGINE_CPYTHON) {
    /* The oracle's run line, labelled as simloop labels its own runs. */
    sl_trace *tr = sl_recorder_trace(rec);
    if (!sl_tstr_setz(&tr->meta.strategy, info.strategy)) rc = SL_ENOMEM;
    tr->meta.has_seed = ro->has_seed;
    tr->meta.seed = (int64_t)ro->seed;
  }
  sl_schedule_free(&s);
  if (rc == SL_EOK && sl_recorder_failed(rec)) rc = SL_ENOMEM;
  if (rc == SL_EOK) rc = sl_trace_hash(sl_recorder_trace(rec), hash);
  if (rc == SL_EOK && ro->db) {
    sl_tracedb *db = open;
    if (!db) rc = sl_tracedb_open(ro->db, true, &db, err);
    if (rc == SL_EOK) rc = store_hashed(db, sl_recorder_trace(rec), hash, err);
    if (rc == SL_EOK) *run_id = sl_recorder_trace(rec)->id;
    if (db && db != open) sl_tracedb_close(db);
  }
  if (rc != SL_EOK) {
    if (rc == SL_ENOMEM && !err->len) sl_strbuf_puts(err, "out of memory\n");
    sl_recorder_free(rec);
    return rc;
  }
  *recp = rec;
  return SL_EOK;
}

sl_errcode sl_trial_words(sl_trial_prog *p, const sl_declog *log, sl_net_words *out,
                          sl_strbuf *err) {
  memset(out, 0, sizeof *out);
  sl_schedule s;
  sl_schedule_init_log(&s, log);
  s.net_words = out;
  sl_trial t;
  sl_trial_init(&t);
  sl_errcode rc = sl_trial_run(p, &s, NULL, &t, err);
  sl_trial_free(&t);
  sl_schedule_free(&s);
  if (rc == SL_EOK && out->failed) rc = SL_ENOMEM;
  return rc;
}
