/* `simloop report [RUN] [-o OUT.html]`: one self-contained HTML page about a
 * run: the outcome, a timeline (one row per task, one mark per handle), the
 * steps with the source line each task stopped at, and the scenario's
 * source with those lines marked (docs/explore.md "Report").
 *
 * Traces do not hold source lines, so when the scenario file is still
 * there (same SHA-256), the run is replayed from the trace's own decision
 * events and, after each handle, the task it ran is asked where it is
 * suspended. The replay is checked against the trace (same steps, handles,
 * task ends and output); if it differs, the page says so and shows no
 * lines. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt.h"
#include "core/loop.h"
#include "core/task.h"
#include "sim/commands.h"
#include "sim/infile.h"
#include "sim/quote.h"
#include "sim/report_net.h"
#include "sim/schedopts.h"
#include "sim/template.h"
#include "traces/sha256.h"
#include "sim/outfile.h"
#include "sim/tracearg.h"
#include "sim/trial.h"
#include "traces/recorder.h"
#include "traces/show.h"

static void esc(sl_strbuf *b, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '<': sl_strbuf_puts(b, "&lt;"); break;
    case '>': sl_strbuf_puts(b, "&gt;"); break;
    case '&': sl_strbuf_puts(b, "&amp;"); break;
    case '"': sl_strbuf_puts(b, "&quot;"); break;
    case '\n':
    case '\t': sl_strbuf_putc(b, *s); break;
    default:
      /* Control characters are shown, not passed to the page. */
      if ((unsigned char)*s < 0x20 || *s == 0x7f)
        sl_strbuf_printf(b, "\\x%02x", (unsigned char)*s);
      else
        sl_strbuf_putc(b, *s);
    }
  }
}

static uint64_t handle_task(const char *name) {
  const char *colon = strchr(name, ':');
  const char *s = colon ? colon + 1 : name;
  const char *rest = !strncmp(s, "step T", 6) ? s + 6 : !strncmp(s, "wakeup T", 8) ? s + 8 : NULL;
  return rest ? strtoull(rest, NULL, 10) : 0;
}

/* The largest scenario file the report reads (a trace names it). */
#define MAX_SOURCE (16u << 20)

/* ---- source lines by replay -------------------------------------------- */

typedef struct wherectx {
  const sl_trace *tr;
  size_t *handles; /* event index of each handle, in order */
  size_t nhandles, next;
  char **where; /* per handle: owned "file:line in func" or NULL */
} wherectx;

static void on_point(void *ctx, sl_rt *rt, sl_decision_kind kind) {
  wherectx *w = ctx;
  if (kind != SL_DECISION_COST || w->next >= w->nhandles) return;
  size_t k = w->next++;
  uint64_t tid = handle_task(sl_tstr_or(&w->tr->ev[w->handles[k]].a, ""));
  if (!tid) return;
  for (sl_obj *o = rt->heap.run_next; o != &rt->heap; o = o->run_next) {
    if (!(o->type->flags & SL_TF_TASK) || sl_as_task(o)->ordinal != tid) continue;
    sl_strbuf b = SL_STRBUF_INIT;
    if (sl_future_done(o))
      sl_strbuf_puts(&b, "finished");
    else
      sl_task_where(rt, o, &b);
    w->where[k] = sl_strbuf_take(&b, NULL);
    return;
  }
}

/* The trial fingerprint (trial.c) of a recorded trace, to check a replay. */
static uint64_t trace_fingerprint(const sl_trace *tr) {
  uint64_t h = SL_FNV_INIT;
  char b[48];
  for (size_t i = 0; i < tr->nev; i++) {
    const sl_tev *e = &tr->ev[i];
    int n;
    switch (e->kind) {
    case SL_TEV_STEP:
      n = snprintf(b, sizeof b, "#%llu%c", (unsigned long long)e->step, e->has_timeout ? 't' : 'n');
      h = sl_fnv1a_more(sl_fnv1a_more(h, b, (size_t)n), "\n", 1);
      break;
    case SL_TEV_HANDLE: h = sl_fnv1a_more(sl_fnv1a_more(h, e->a.p, e->a.n), "\n", 1); break;
    case SL_TEV_TASK_DONE:
      n = snprintf(b, sizeof b, "-T%llu ", (unsigned long long)e->task);
      h = sl_fnv1a_more(sl_fnv1a_more(h, b, (size_t)n), "\n", 1);
      if (e->a.p) h = sl_fnv1a_more(sl_fnv1a_more(h, e->a.p, e->a.n), "\n", 1);
      if (e->b.p) h = sl_fnv1a_more(sl_fnv1a_more(h, e->b.p, e->b.n), "\n", 1);
      break;
    case SL_TEV_OUTPUT: h = sl_fnv1a_more(sl_fnv1a_more(h, e->a.p, e->a.n), "\n", 1); break;
    default: break;
    }
  }
  return h;
}

/* Replays the trace's run; fills w->where. Returns a note for the page. */
static const char *annotate(const sl_trace *tr, wherectx *w, sl_trial *t, char **src,
                            size_t *srclen) {
  const char *path = tr->meta.scenario.p;
  if (!path) return "the trace names no scenario file";
  /* The path comes from the trace, which may come from anyone: only a
   * regular file of a sensible size is read (not /dev/zero, not a FIFO). */
  sl_strbuf err = SL_STRBUF_INIT, text = SL_STRBUF_INIT;
  if (sl_input_read_regular(path, MAX_SOURCE, &text, &err) != SL_EOK) {
    sl_strbuf_free(&err);
    sl_strbuf_free(&text);
    return "the scenario file is not readable here (or not a regular file of at most 16 MiB): "
           "no source lines";
  }
  char hex[65];
  sl_sha256_hex(text.data ? text.data : "", text.len, hex);
  if (tr->meta.sha256.p && strcmp(hex, tr->meta.sha256.p)) {
    sl_strbuf_free(&err);
    sl_strbuf_free(&text);
    return "the scenario file changed since the run (SHA-256 differs): no source lines";
  }
  sl_declog log;
  sl_declog_init(&log);
  for (size_t i = 0; i < tr->nev; i++) {
    const sl_tev *e = &tr->ev[i];
    if (e->kind != SL_TEV_DECISION) continue;
    sl_decision d = {e->a.p && !strcmp(e->a.p, "oversleep") ? SL_DECISION_OVERSLEEP
                     : e->a.p && !strcmp(e->a.p, "seed")    ? SL_DECISION_SEED
                     : e->a.p && !strcmp(e->a.p, "io")      ? SL_DECISION_IO
                     : e->a.p && !strcmp(e->a.p, "thread")  ? SL_DECISION_THREAD
                                                            : SL_DECISION_COST,
                     e->t, true, e->step, 0};
    if (sl_declog_push(&log, &d)) break;
  }
  sl_trial_opts opts = {0};
  sl_budgets_default(&opts); /* a trace of a runaway run must not hang the report */
  if (tr->meta.python.p) opts.python = tr->meta.python.p;
  sl_trial_prog *prog = NULL;
  const char *note = NULL;
  if (sl_trial_prog_load(path, &opts, &prog, &err) != SL_EOK) {
    note = "the scenario does not load in this build: no source lines";
  } else {
    sl_schedule s;
    sl_schedule_init_log(&s, &log);
    s.on_point = on_point;
    s.point_ctx = w;
    if (sl_trial_run(prog, &s, NULL, t, &err) != SL_EOK)
      note = "the replay failed: no source lines";
    else if (t->fingerprint != trace_fingerprint(tr))
      note = "replaying the run here gives a different trace (another simloop version?): "
             "no source lines";
    sl_schedule_free(&s);
    *srclen = text.len;
    *src = sl_strbuf_take(&text, NULL);
  }
  if (note)
    for (size_t k = 0; k < w->nhandles; k++) {
      sl_free(w->where[k]);
      w->where[k] = NULL;
    }
  if (prog) sl_trial_prog_free(prog);
  sl_declog_free(&log);
  sl_strbuf_free(&err);
  sl_strbuf_free(&text);
  return note;
}

/* The line number of "file:LINE in func", or 0. */
static long where_line(const char *w) {
  const char *in = w ? strstr(w, " in ") : NULL;
  if (!in) return 0;
  const char *c = in;
  while (c > w && c[-1] != ':') c--;
  return c > w ? strtol(c, NULL, 10) : 0;
}

typedef struct report_args {
  const char *db, *out;
} report_args;

static int on_opt(void *ctx, int id, const char *v) {
  report_args *a = ctx;
  if (id == SL_OPT_DB)
    a->db = v;
  else if (id == SL_OPT_OUT)
    a->out = v;
  return 0;
}

/* Everything the page shows, gathered before it is written. */
typedef struct page {
  const sl_trace *tr;
  const char *label;
  wherectx w;
  uint64_t maxtask;
  char **tasknames; /* [maxtask + 1], owned: "T3 worker" */
  sl_trial t;       /* the replay that found the source lines */
  const char *note; /* why there are no source lines, or NULL */
  char *src;        /* owned: the scenario's text, or NULL */
  size_t srclen;
} page;

static void page_free(page *p) {
  for (size_t j = 0; p->w.where && j < p->w.nhandles; j++) sl_free(p->w.where[j]);
  for (uint64_t j = 0; p->tasknames && j <= p->maxtask; j++) sl_free(p->tasknames[j]);
  sl_free(p->tasknames);
  sl_free(p->w.where);
  sl_free(p->w.handles);
  sl_free(p->src);
  sl_trial_free(&p->t);
}

/* Indexes the handles and tasks, replays for source lines. */
static sl_errcode page_prepare(page *p, const sl_trace *tr, const char *label) {
  memset(p, 0, sizeof *p);
  p->tr = tr;
  p->label = label;
  p->w.tr = tr;
  sl_trial_init(&p->t);
  for (size_t i = 0; i < tr->nev; i++) {
    if (tr->ev[i].kind == SL_TEV_HANDLE) p->w.nhandles++;
    if (tr->ev[i].kind == SL_TEV_TASK && tr->ev[i].task > p->maxtask) p->maxtask = tr->ev[i].task;
  }
  p->w.handles = sl_calloc(p->w.nhandles + 1, sizeof *p->w.handles);
  p->w.where = sl_calloc(p->w.nhandles + 1, sizeof *p->w.where);
  p->tasknames = sl_calloc(p->maxtask + 1, sizeof *p->tasknames);
  if (!p->w.handles || !p->w.where || !p->tasknames) return SL_ENOMEM;
  for (size_t i = 0, k = 0; i < tr->nev; i++)
    if (tr->ev[i].kind == SL_TEV_HANDLE) p->w.handles[k++] = i;
  p->note = annotate(tr, &p->w, &p->t, &p->src, &p->srclen);
  for (size_t i = 0; i < tr->nev; i++) {
    const sl_tev *e = &tr->ev[i];
    if (e->kind != SL_TEV_TASK || e->task > p->maxtask || p->tasknames[e->task]) continue;
    sl_strbuf n = SL_STRBUF_INIT;
    sl_strbuf_printf(&n, "T%" PRIu64 " %s", e->task, sl_tstr_or(&e->b, ""));
    if (!(p->tasknames[e->task] = sl_strbuf_take(&n, NULL))) return SL_ENOMEM;
  }
  return SL_EOK;
}

static void put_meta(const page *p, sl_strbuf *h) {
  const sl_trace_meta *m = &p->tr->meta;
  sl_strbuf_puts(h, "<tr><td>run</td><td>");
  esc(h, p->label);
  sl_strbuf_puts(h, "</td></tr><tr><td>engine</td><td>");
  esc(h, sl_tstr_or(&m->engine, "?"));
  sl_strbuf_puts(h, " ");
  esc(h, sl_tstr_or(&m->engine_version, ""));
  sl_strbuf_puts(h, ", CPython ");
  esc(h, sl_tstr_or(&m->python, "?"));
  if (m->has_seed) {
    sl_strbuf_printf(h, "</td></tr><tr><td>seed</td><td>%" PRId64 " (", m->seed);
    esc(h, sl_tstr_or(&m->strategy, "?"));
    sl_strbuf_puts(h, ")");
  }
  sl_strbuf_printf(h, "</td></tr><tr><td>steps</td><td>%" PRIu64 ", final virtual time ", m->steps);
  sl_float_repr(h, m->t);
  sl_strbuf_puts(h, " s</td></tr><tr><td>end</td><td>");
  esc(h, sl_tstr_or(&m->outcome, "?"));
  if (m->detail.p) {
    sl_strbuf_puts(h, ": ");
    esc(h, m->detail.p);
  }
  sl_strbuf_puts(h, "</td></tr>");
}

static void put_problem(const page *p, sl_strbuf *h) {
  if (p->note) {
    sl_strbuf_puts(h, "<p class=\"note\">");
    esc(h, p->note);
    sl_strbuf_puts(h, "</p>\n");
  } else if (p->t.report.len) {
    sl_strbuf_puts(h, "<h2>What went wrong</h2><pre>");
    esc(h, p->t.report.data);
    sl_strbuf_puts(h, "</pre>\n");
  }
}

/* The task rows' labels, cut so they stay left of the marks. */
static void put_timeline_rows(const page *p, int rows, sl_strbuf *h) {
  for (int r = 0; r < rows; r++) {
    sl_strbuf_printf(h, "<rect x=\"0\" y=\"%d\" width=\"100%%\" height=\"18\" fill=\"%s\"/>",
                     r * 18, r % 2 ? "#fafafa" : "#f0f0f0");
    sl_strbuf_printf(h, "<text x=\"4\" y=\"%d\">", r * 18 + 13);
    const char *nm = r ? (p->tasknames[r] ? p->tasknames[r] : "?") : "event loop";
    char cut[40];
    snprintf(cut, sizeof cut, "%s", nm);
    if (strlen(nm) > 38) memcpy(cut + 35, "...", 4);
    esc(h, cut);
    sl_strbuf_puts(h, "</text>");
  }
}

/* x = handle order, one row per task (row 0: the loop). */
static void put_timeline(const page *p, sl_strbuf *h) {
  size_t nh = p->w.nhandles ? p->w.nhandles : 1;
  double dx = nh > 150 ? 1200.0 / nh : 8.0;
  int rows = (int)p->maxtask + 1, left = 280;
  int width = left + (int)(dx * nh) + 10;
  if (width < 760) width = 760; /* room for the caption */
  sl_strbuf_printf(h, "<svg width=\"%d\" height=\"%d\" role=\"img\">", width, rows * 18 + 24);
  put_timeline_rows(p, rows, h);
  for (size_t k = 0; k < p->w.nhandles; k++) {
    const sl_tev *e = &p->tr->ev[p->w.handles[k]];
    uint64_t tid = handle_task(sl_tstr_or(&e->a, ""));
    if (tid > p->maxtask) tid = 0;
    if (e->pos == 0) /* the first handle of a step */
      sl_strbuf_printf(h, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#ccc\"/>",
                       left + dx * k, left + dx * k, rows * 18);
    sl_strbuf_printf(h,
                     "<a href=\"#h%zu\"><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                     "height=\"14\" fill=\"%s\"><title>",
                     k, left + dx * k, (int)tid * 18 + 2, dx > 2 ? dx - 1 : dx,
                     tid ? "#3a6fc4" : "#999");
    sl_strbuf_printf(h, "step %" PRIu64 " t=", e->step);
    sl_float_repr(h, e->t);
    sl_strbuf_puts(h, " ");
    esc(h, e->a.p);
    if (p->w.where[k]) {
      sl_strbuf_puts(h, " -> ");
      esc(h, p->w.where[k]);
    }
    sl_strbuf_puts(h, "</title></rect></a>");
  }
  sl_strbuf_printf(h,
                   "<text x=\"%d\" y=\"%d\">handles in the order they ran; a grey line "
                   "starts each step</text></svg>\n",
                   left, rows * 18 + 16);
}

/* What one event under a handle shows; false for events not shown. */
static bool put_event(const sl_tev *x, sl_strbuf *h) {
  switch (x->kind) {
  case SL_TEV_OUTPUT:
    sl_strbuf_puts(h, "print: ");
    esc(h, x->a.p);
    return true;
  case SL_TEV_TASK:
    sl_strbuf_printf(h, "new T%" PRIu64 " ", x->task);
    esc(h, x->b.p);
    return true;
  case SL_TEV_TASK_DONE:
    sl_strbuf_printf(h, "T%" PRIu64 " done: ", x->task);
    esc(h, x->a.p);
    if (x->b.p) {
      sl_strbuf_puts(h, " ");
      esc(h, x->b.p);
    }
    return true;
  case SL_TEV_DECISION:
    sl_strbuf_puts(h, "<b>");
    esc(h, x->a.p);
    sl_strbuf_puts(h, " +");
    sl_float_repr(h, x->t);
    sl_strbuf_puts(h, " s</b>");
    return true;
  case SL_TEV_TIMER:
    sl_strbuf_printf(h, "timer %s at ", x->cancelled ? "cancelled" : "scheduled");
    sl_float_repr(h, x->t);
    return true;
  case SL_TEV_ERROR:
    sl_strbuf_puts(h, "exception handler: ");
    esc(h, x->a.p);
    return true;
  case SL_TEV_SOCK: {
    sl_strbuf line = SL_STRBUF_INIT;
    sl_show_event(&line, x, x->t);
    esc(h, sl_strbuf_cstr(&line));
    h->failed |= line.failed;
    sl_strbuf_free(&line);
    return true;
  }
  default: return false;
  }
}

/* Handle k (event i): its time, name, where its task stopped, and the
 * events up to the next handle or step. */
static void put_handle_row(const page *p, size_t i, size_t k, sl_strbuf *h) {
  const sl_trace *tr = p->tr;
  const sl_tev *e = &tr->ev[i];
  sl_strbuf_printf(h, "<tr id=\"h%zu\"><td>", k);
  sl_float_repr(h, e->t);
  sl_strbuf_puts(h, "</td><td>");
  esc(h, e->a.p);
  sl_strbuf_puts(h, "</td><td>");
  if (k < p->w.nhandles && p->w.where[k]) {
    long line = where_line(p->w.where[k]);
    if (line) sl_strbuf_printf(h, "<a href=\"#L%ld\">", line);
    esc(h, p->w.where[k]);
    if (line) sl_strbuf_puts(h, "</a>");
  }
  sl_strbuf_puts(h, "</td><td>");
  for (size_t j = i + 1;
       j < tr->nev && tr->ev[j].kind != SL_TEV_HANDLE && tr->ev[j].kind != SL_TEV_STEP; j++)
    if (put_event(&tr->ev[j], h)) sl_strbuf_puts(h, "<br>");
  sl_strbuf_puts(h, "</td></tr>\n");
}

static void put_steps(const page *p, sl_strbuf *h) {
  size_t k = 0;
  for (size_t i = 0; i < p->tr->nev; i++) {
    const sl_tev *e = &p->tr->ev[i];
    if (e->kind == SL_TEV_STEP) {
      sl_strbuf_printf(h, "<tr class=\"step\"><td colspan=\"4\">#%" PRIu64 " t=", e->step);
      sl_float_repr(h, e->t);
      sl_strbuf_puts(h, " timeout=");
      if (e->has_timeout)
        sl_float_repr(h, e->timeout);
      else
        sl_strbuf_puts(h, "None (nothing can wake the loop)");
      sl_strbuf_puts(h, "</td></tr>\n");
    } else if (e->kind == SL_TEV_HANDLE) {
      put_handle_row(p, i, k++, h);
    }
  }
}

/* The scenario's lines, those a task stopped at marked. */
static void put_source(const page *p, sl_strbuf *h) {
  if (!p->src) return;
  sl_strbuf_puts(h, "<h2>Source</h2><table class=\"src\">\n");
  const char *src = p->src, *end = p->src + p->srclen;
  long line = 1;
  for (const char *s = src; s < end; line++) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    bool hit = false;
    for (size_t j = 0; j < p->w.nhandles && !hit; j++)
      hit = p->w.where[j] && where_line(p->w.where[j]) == line;
    sl_strbuf_printf(h,
                     "<tr id=\"L%ld\"%s><td class=\"n\">%ld</td><td><pre "
                     "style=\"margin:0;padding:0;background:none\">",
                     line, hit ? " class=\"hit\"" : "", line);
    char *copy = sl_strndup(s, n);
    esc(h, copy ? copy : "");
    sl_free(copy);
    sl_strbuf_puts(h, "</pre></td></tr>\n");
    s += n + (nl != NULL);
  }
  sl_strbuf_puts(h, "</table>\n");
}

/* The page: sim/report.html with its parts filled in. */
static sl_errcode page_render(const page *p, sl_strbuf *out) {
  enum { SCEN, BADGE, VERDICT, META, PROBLEM, TIMELINE, NETWORK, STEPS, SOURCE, REPLAY, NPARTS };
  sl_strbuf part[NPARTS];
  for (int i = 0; i < NPARTS; i++) part[i] = (sl_strbuf)SL_STRBUF_INIT;
  const char *outcome = sl_tstr_or(&p->tr->meta.outcome, "?");
  bool ok = !strcmp(outcome, "ok") && (!p->t.verdict || p->t.verdict == SL_VERDICT_OK);
  esc(&part[SCEN], sl_tstr_or(&p->tr->meta.scenario, "?"));
  sl_strbuf_puts(&part[BADGE], ok ? "ok" : "bad");
  esc(&part[VERDICT],
      p->t.verdict != SL_VERDICT_OK && !p->note ? sl_verdict_name(p->t.verdict) : outcome);
  put_meta(p, &part[META]);
  put_problem(p, &part[PROBLEM]);
  put_timeline(p, &part[TIMELINE]);
  sl_report_network(p->tr, &part[NETWORK]);
  put_steps(p, &part[STEPS]);
  put_source(p, &part[SOURCE]);
  sl_strbuf word = SL_STRBUF_INIT;
  sl_shell_quote(&word, sl_tstr_or(&p->tr->meta.scenario, "FILE"));
  esc(&part[REPLAY], sl_strbuf_cstr(&word));
  sl_strbuf_free(&word);
  static const char *const names[NPARTS] = {"scenario", "badge",          "verdict", "meta",
                                            "problem",  "timeline",       "network", "steps",
                                            "source",   "replay_scenario"};
  sl_template_var vars[NPARTS];
  bool nomem = false;
  for (int i = 0; i < NPARTS; i++) {
    vars[i] = (sl_template_var){names[i], sl_strbuf_cstr(&part[i])};
    nomem |= part[i].failed;
  }
  sl_errcode rc = nomem ? SL_ENOMEM : sl_template_fill(sl_report_template, vars, NPARTS, out);
  for (int i = 0; i < NPARTS; i++) sl_strbuf_free(&part[i]);
  return rc;
}

/* The run the arguments name: RUN, or the newest of --db. */
static sl_errcode load_run(const char *run, const char *db, sl_trace *tr, sl_strbuf *label,
                           sl_strbuf *err) {
  return run ? sl_trace_arg_load(run, db, tr, label, err) : sl_trace_db_load(db, 0, tr, label, err);
}

int sl_cmd_report(int argc, char **argv) {
  report_args a = {"simloop.db", "report.html"};
  int first, st = sl_cli_args(SL_CMD_REPORT, argc, argv, on_opt, &a, 0, 1, "run", &first);
  if (st != SL_CLI_GO) return st;
  const char *run = first < argc ? argv[first] : NULL, *out = a.out;
  sl_trace tr;
  sl_trace_init(&tr);
  sl_strbuf err = SL_STRBUF_INIT, label = SL_STRBUF_INIT, html = SL_STRBUF_INIT;
  page pg;
  memset(&pg, 0, sizeof pg);
  sl_trial_init(&pg.t);
  sl_errcode rc = sl_output_check(out, &err);
  if (rc == SL_EOK) rc = load_run(run, a.db, &tr, &label, &err);
  if (rc == SL_EOK) rc = page_prepare(&pg, &tr, sl_strbuf_cstr(&label));
  if (rc == SL_EOK) rc = page_render(&pg, &html);
  if (rc == SL_EOK) rc = sl_output_write(out, html.data, html.len, &err);
  if (rc == SL_ENOMEM) sl_strbuf_puts(&err, "out of memory\n");
  if (rc != SL_EOK)
    fprintf(stderr, "simloop report: %s", sl_strbuf_cstr(&err));
  else if (strcmp(out, "-")) /* not into the page on stdout */
    printf("wrote %s (%s, %s)\n", out, sl_strbuf_cstr(&label), sl_tstr_or(&tr.meta.outcome, "?"));
  page_free(&pg);
  sl_trace_free(&tr);
  sl_strbuf_free(&html);
  sl_strbuf_free(&err);
  sl_strbuf_free(&label);
  return rc == SL_EOK ? 0 : 2;
}
