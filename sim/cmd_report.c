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
#include "traces/sha256.h"
#include "sim/outfile.h"
#include "sim/tracearg.h"
#include "sim/trial.h"
#include "traces/recorder.h"

static void esc(sl_strbuf *b, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '<':
      sl_strbuf_puts(b, "&lt;");
      break;
    case '>':
      sl_strbuf_puts(b, "&gt;");
      break;
    case '&':
      sl_strbuf_puts(b, "&amp;");
      break;
    case '"':
      sl_strbuf_puts(b, "&quot;");
      break;
    case '\n':
    case '\t':
      sl_strbuf_putc(b, *s);
      break;
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
  const char *rest = !strncmp(s, "step T", 6)     ? s + 6
                     : !strncmp(s, "wakeup T", 8) ? s + 8
                                                  : NULL;
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
  if (kind != SL_DECISION_COST || w->next >= w->nhandles)
    return;
  size_t k = w->next++;
  uint64_t tid = handle_task(sl_tstr_or(&w->tr->ev[w->handles[k]].a, ""));
  if (!tid)
    return;
  for (sl_obj *o = rt->heap.run_next; o != &rt->heap; o = o->run_next) {
    if (!(o->type->flags & SL_TF_TASK) || sl_as_task(o)->ordinal != tid)
      continue;
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
      n = snprintf(b, sizeof b, "#%llu%c", (unsigned long long)e->step,
                   e->has_timeout ? 't' : 'n');
      h = sl_fnv1a_more(sl_fnv1a_more(h, b, (size_t)n), "\n", 1);
      break;
    case SL_TEV_HANDLE:
      h = sl_fnv1a_more(sl_fnv1a_more(h, e->a.p, e->a.n), "\n", 1);
      break;
    case SL_TEV_TASK_DONE:
      n = snprintf(b, sizeof b, "-T%llu ", (unsigned long long)e->task);
      h = sl_fnv1a_more(sl_fnv1a_more(h, b, (size_t)n), "\n", 1);
      if (e->a.p)
        h = sl_fnv1a_more(sl_fnv1a_more(h, e->a.p, e->a.n), "\n", 1);
      if (e->b.p)
        h = sl_fnv1a_more(sl_fnv1a_more(h, e->b.p, e->b.n), "\n", 1);
      break;
    case SL_TEV_OUTPUT:
      h = sl_fnv1a_more(sl_fnv1a_more(h, e->a.p, e->a.n), "\n", 1);
      break;
    default:
      break;
    }
  }
  return h;
}

/* Replays the trace's run; fills w->where. Returns a note for the page. */
static const char *annotate(const sl_trace *tr, wherectx *w, sl_trial *t, char **src,
                            size_t *srclen) {
  const char *path = tr->meta.scenario.p;
  if (!path)
    return "the trace names no scenario file";
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
    if (e->kind != SL_TEV_DECISION)
      continue;
    sl_decision d = {e->a.p && !strcmp(e->a.p, "oversleep") ? SL_DECISION_OVERSLEEP
                                                            : SL_DECISION_COST,
                     e->t, true, e->step, 0};
    if (sl_declog_push(&log, &d))
      break;
  }
  sl_trial_opts opts = {NULL, 0, 0};
  if (tr->meta.python.p)
    opts.python = tr->meta.python.p;
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
  if (prog)
    sl_trial_prog_free(prog);
  sl_declog_free(&log);
  sl_strbuf_free(&err);
  sl_strbuf_free(&text);
  return note;
}

/* The line number of "file:LINE in func", or 0. */
static long where_line(const char *w) {
  const char *in = w ? strstr(w, " in ") : NULL;
  if (!in)
    return 0;
  const char *c = in;
  while (c > w && c[-1] != ':')
    c--;
  return c > w ? strtol(c, NULL, 10) : 0;
}

static const char css[] =
    "body{font:14px/1.4 "
    "system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px;margin:0 0 4px}"
    "h2{font-size:16px;margin:24px 0 8px}.badge{display:inline-block;padding:2px "
    "10px;border-radius:10px;"
    "color:#fff;font-weight:600}.ok{background:#2a8a3a}.bad{background:#c0392b}pre{"
    "background:#f6f6f6;"
    "padding:10px;overflow:auto;font:12px/1.4 "
    "ui-monospace,monospace}table{border-collapse:collapse;"
    "font:12px ui-monospace,monospace}td,th{padding:2px 8px;border-bottom:1px solid "
    "#eee;text-align:left;"
    "vertical-align:top}th{background:#fafafa}tr.step "
    "td{background:#eef3fb;font-weight:600}"
    ".src td.n{color:#999;text-align:right}.src tr.hit td{background:#fff3c4}.meta "
    "td{font-family:system-ui}"
    ".note{color:#8a5a00}svg text{font:11px ui-monospace,monospace}";

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

int sl_cmd_report(int argc, char **argv) {
  report_args a = {"simloop.db", "report.html"};
  int first, st = sl_cli_args(SL_CMD_REPORT, argc, argv, on_opt, &a, 0, 1, "run", &first);
  if (st != SL_CLI_GO)
    return st;
  const char *db = a.db, *run = first < argc ? argv[first] : NULL, *out = a.out;
  sl_trace tr;
  sl_strbuf err = SL_STRBUF_INIT, label = SL_STRBUF_INIT;
  if (out && sl_output_check(out, &err) != SL_EOK) {
    fprintf(stderr, "simloop report: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    sl_strbuf_free(&label);
    return 2;
  }
  if ((run ? sl_trace_arg_load(run, db, &tr, &label, &err)
          : sl_trace_db_load(db, 0, &tr, &label, &err)) != SL_EOK) {
    fprintf(stderr, "simloop report: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    sl_strbuf_free(&label);
    return 2;
  }
  wherectx w = {&tr, NULL, 0, 0, NULL};
  uint64_t maxtask = 0;
  for (size_t i = 0; i < tr.nev; i++) {
    if (tr.ev[i].kind == SL_TEV_HANDLE)
      w.nhandles++;
    if (tr.ev[i].kind == SL_TEV_TASK && tr.ev[i].task > maxtask)
      maxtask = tr.ev[i].task;
  }
  w.handles = sl_calloc(w.nhandles + 1, sizeof *w.handles);
  w.where = sl_calloc(w.nhandles + 1, sizeof *w.where);
  char **tasknames = sl_calloc(maxtask + 1, sizeof *tasknames);
  sl_strbuf h = SL_STRBUF_INIT;
  char *src = NULL;
  size_t srclen = 0;
  sl_trial t;
  sl_trial_init(&t);
  int status = 2;
  if (!w.handles || !w.where || !tasknames)
    goto nomem;
  for (size_t i = 0, k = 0; i < tr.nev; i++)
    if (tr.ev[i].kind == SL_TEV_HANDLE)
      w.handles[k++] = i;
  const char *note = annotate(&tr, &w, &t, &src, &srclen);
  for (size_t i = 0; i < tr.nev; i++)
    if (tr.ev[i].kind == SL_TEV_TASK && tr.ev[i].task <= maxtask &&
        !tasknames[tr.ev[i].task]) {
      sl_strbuf n = SL_STRBUF_INIT;
      sl_strbuf_printf(&n, "T%" PRIu64 " %s", tr.ev[i].task, sl_tstr_or(&tr.ev[i].b, ""));
      tasknames[tr.ev[i].task] = sl_strbuf_take(&n, NULL);
    }
  const char *outcome = sl_tstr_or(&tr.meta.outcome, "?");
  bool ok = !strcmp(outcome, "ok") && (!t.verdict || t.verdict == SL_VERDICT_OK);
  sl_strbuf_puts(
      &h, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>simloop report: ");
  esc(&h, sl_tstr_or(&tr.meta.scenario, "?"));
  sl_strbuf_printf(&h, "</title><style>%s</style></head><body>\n<h1>", css);
  esc(&h, sl_tstr_or(&tr.meta.scenario, "?"));
  sl_strbuf_printf(&h, " <span class=\"badge %s\">", ok ? "ok" : "bad");
  esc(&h, t.verdict != SL_VERDICT_OK && !note ? sl_verdict_name(t.verdict) : outcome);
  sl_strbuf_puts(&h, "</span></h1>\n<table class=\"meta\">");
  sl_strbuf_puts(&h, "<tr><td>run</td><td>");
  esc(&h, sl_strbuf_cstr(&label));
  sl_strbuf_puts(&h, "</td></tr><tr><td>engine</td><td>");
  esc(&h, sl_tstr_or(&tr.meta.engine, "?"));
  sl_strbuf_puts(&h, " ");
  esc(&h, sl_tstr_or(&tr.meta.engine_version, ""));
  sl_strbuf_puts(&h, ", CPython ");
  esc(&h, sl_tstr_or(&tr.meta.python, "?"));
  if (tr.meta.has_seed)
    sl_strbuf_printf(&h, "</td></tr><tr><td>seed</td><td>%" PRId64 " (%s)", tr.meta.seed,
                     sl_tstr_or(&tr.meta.strategy, "?"));
  sl_strbuf_printf(&h, "</td></tr><tr><td>steps</td><td>%" PRIu64 ", final virtual time ",
                   tr.meta.steps);
  sl_float_repr(&h, tr.meta.t);
  sl_strbuf_puts(&h, " s</td></tr><tr><td>end</td><td>");
  esc(&h, outcome);
  if (tr.meta.detail.p) {
    sl_strbuf_puts(&h, ": ");
    esc(&h, tr.meta.detail.p);
  }
  sl_strbuf_puts(&h, "</td></tr></table>\n");
  if (note) {
    sl_strbuf_puts(&h, "<p class=\"note\">");
    esc(&h, note);
    sl_strbuf_puts(&h, "</p>\n");
  } else if (t.report.len) {
    sl_strbuf_puts(&h, "<h2>What went wrong</h2><pre>");
    esc(&h, sl_strbuf_cstr(&t.report));
    sl_strbuf_puts(&h, "</pre>\n");
  }
  /* Timeline: x = handle order, one row per task (row 0: the loop). */
  size_t nh = w.nhandles ? w.nhandles : 1;
  double dx = nh > 150 ? 1200.0 / nh : 8.0;
  int rows = (int)maxtask + 1, left = 280;
  int width = left + (int)(dx * nh) + 10;
  if (width < 760)
    width = 760; /* room for the caption */
  sl_strbuf_printf(&h, "<h2>Timeline</h2><svg width=\"%d\" height=\"%d\" role=\"img\">",
                   width, rows * 18 + 24);
  for (int r = 0; r < rows; r++) {
    sl_strbuf_printf(&h,
                     "<rect x=\"0\" y=\"%d\" width=\"100%%\" height=\"18\" fill=\"%s\"/>",
                     r * 18, r % 2 ? "#fafafa" : "#f0f0f0");
    sl_strbuf_printf(&h, "<text x=\"4\" y=\"%d\">", r * 18 + 13);
    /* Long coroutine names are cut so they stay left of the marks. */
    const char *nm = r ? (tasknames[r] ? tasknames[r] : "?") : "event loop";
    char cut[40];
    snprintf(cut, sizeof cut, "%s", nm);
    if (strlen(nm) > 38)
      memcpy(cut + 35, "...", 4);
    esc(&h, cut);
    sl_strbuf_puts(&h, "</text>");
  }
  for (size_t k = 0; k < w.nhandles; k++) {
    const sl_tev *e = &tr.ev[w.handles[k]];
    uint64_t tid = handle_task(sl_tstr_or(&e->a, ""));
    if (tid > maxtask)
      tid = 0;
    bool first_of_step = e->pos == 0;
    if (first_of_step)
      sl_strbuf_printf(
          &h, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#ccc\"/>",
          left + dx * k, left + dx * k, rows * 18);
    sl_strbuf_printf(&h,
                     "<a href=\"#h%zu\"><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                     "height=\"14\" fill=\"%s\"><title>",
                     k, left + dx * k, (int)tid * 18 + 2, dx > 2 ? dx - 1 : dx,
                     tid ? "#3a6fc4" : "#999");
    sl_strbuf_printf(&h, "step %" PRIu64 " t=", e->step);
    sl_float_repr(&h, e->t);
    sl_strbuf_puts(&h, " ");
    esc(&h, e->a.p);
    if (w.where[k]) {
      sl_strbuf_puts(&h, " -> ");
      esc(&h, w.where[k]);
    }
    sl_strbuf_puts(&h, "</title></rect></a>");
  }
  sl_strbuf_printf(&h,
                   "<text x=\"%d\" y=\"%d\">handles in the order they ran; a grey line "
                   "starts each step</text></svg>\n",
                   left, rows * 18 + 16);
  /* Steps. */
  sl_strbuf_puts(&h, "<h2>Steps</h2><table><tr><th>time</th><th>handle</th><th>then "
                     "at</th><th>what happened</th></tr>\n");
  size_t k = 0;
  for (size_t i = 0; i < tr.nev; i++) {
    const sl_tev *e = &tr.ev[i];
    if (e->kind == SL_TEV_STEP) {
      sl_strbuf_printf(&h,
                       "<tr class=\"step\"><td colspan=\"4\">#%" PRIu64 " t=", e->step);
      sl_float_repr(&h, e->t);
      sl_strbuf_puts(&h, " timeout=");
      if (e->has_timeout)
        sl_float_repr(&h, e->timeout);
      else
        sl_strbuf_puts(&h, "None (nothing can wake the loop)");
      sl_strbuf_puts(&h, "</td></tr>\n");
    } else if (e->kind == SL_TEV_HANDLE) {
      sl_strbuf_printf(&h, "<tr id=\"h%zu\"><td>", k);
      sl_float_repr(&h, e->t);
      sl_strbuf_puts(&h, "</td><td>");
      esc(&h, e->a.p);
      sl_strbuf_puts(&h, "</td><td>");
      if (k < w.nhandles && w.where[k]) {
        long line = where_line(w.where[k]);
        if (line)
          sl_strbuf_printf(&h, "<a href=\"#L%ld\">", line);
        esc(&h, w.where[k]);
        if (line)
          sl_strbuf_puts(&h, "</a>");
      }
      sl_strbuf_puts(&h, "</td><td>");
      /* Everything up to the next handle or step belongs to this handle. */
      for (size_t j = i + 1;
           j < tr.nev && tr.ev[j].kind != SL_TEV_HANDLE && tr.ev[j].kind != SL_TEV_STEP;
           j++) {
        const sl_tev *x = &tr.ev[j];
        if (x->kind == SL_TEV_OUTPUT) {
          sl_strbuf_puts(&h, "print: ");
          esc(&h, x->a.p);
        } else if (x->kind == SL_TEV_TASK) {
          sl_strbuf_printf(&h, "new T%" PRIu64 " ", x->task);
          esc(&h, x->b.p);
        } else if (x->kind == SL_TEV_TASK_DONE) {
          sl_strbuf_printf(&h, "T%" PRIu64 " done: ", x->task);
          esc(&h, x->a.p);
          if (x->b.p) {
            sl_strbuf_puts(&h, " ");
            esc(&h, x->b.p);
          }
        } else if (x->kind == SL_TEV_DECISION) {
          sl_strbuf_puts(&h, "<b>");
          esc(&h, x->a.p);
          sl_strbuf_puts(&h, " +");
          sl_float_repr(&h, x->t);
          sl_strbuf_puts(&h, " s</b>");
        } else if (x->kind == SL_TEV_TIMER) {
          sl_strbuf_printf(&h, "timer %s at ", x->cancelled ? "cancelled" : "scheduled");
          sl_float_repr(&h, x->t);
        } else if (x->kind == SL_TEV_ERROR) {
          sl_strbuf_puts(&h, "exception handler: ");
          esc(&h, x->a.p);
        } else
          continue;
        sl_strbuf_puts(&h, "<br>");
      }
      sl_strbuf_puts(&h, "</td></tr>\n");
      k++;
    }
  }
  sl_strbuf_puts(&h, "</table>\n");
  if (src) {
    sl_strbuf_puts(&h, "<h2>Source</h2><table class=\"src\">\n");
    long line = 1;
    for (const char *p = src; p < src + srclen; line++) {
      const char *nl = memchr(p, '\n', (size_t)(src + srclen - p));
      size_t n = nl ? (size_t)(nl - p) : (size_t)(src + srclen - p);
      bool hit = false;
      for (size_t j = 0; j < w.nhandles && !hit; j++)
        hit = w.where[j] && where_line(w.where[j]) == line;
      sl_strbuf_printf(&h,
                       "<tr id=\"L%ld\"%s><td class=\"n\">%ld</td><td><pre "
                       "style=\"margin:0;padding:0;background:none\">",
                       line, hit ? " class=\"hit\"" : "", line);
      char *copy = sl_strndup(p, n);
      esc(&h, copy ? copy : "");
      sl_free(copy);
      sl_strbuf_puts(&h, "</pre></td></tr>\n");
      p += n + (nl != NULL);
    }
    sl_strbuf_puts(&h, "</table>\n");
  }
  sl_strbuf_puts(&h, "<p>Generated by simloop report. Replay: <code>simloop replay ");
  esc(&h, sl_tstr_or(&tr.meta.scenario, "FILE"));
  sl_strbuf_puts(&h, " --decisions TRACE.jsonl</code> (a trace serves as its own "
                     "decision log).</p>\n</body></html>\n");
  if (h.failed)
    goto nomem;
  sl_strbuf werr = SL_STRBUF_INIT;
  if (sl_output_write(out, h.data, h.len, &werr) != SL_EOK) {
    fprintf(stderr, "simloop report: %s", sl_strbuf_cstr(&werr));
    sl_strbuf_free(&werr);
  } else {
    if (strcmp(out, "-")) /* not into the page on stdout */
      printf("wrote %s (%s, %s)\n", out, sl_strbuf_cstr(&label), outcome);
    status = 0;
  }
  goto done;
nomem:
  fprintf(stderr, "simloop report: out of memory\n");
done:
  for (size_t j = 0; w.where && j < w.nhandles; j++)
    sl_free(w.where[j]);
  for (uint64_t j = 0; tasknames && j <= maxtask; j++)
    sl_free(tasknames[j]);
  sl_free(tasknames);
  sl_free(w.where);
  sl_free(w.handles);
  sl_free(src);
  sl_strbuf_free(&h);
  sl_trial_free(&t);
  sl_trace_free(&tr);
  sl_strbuf_free(&err);
  sl_strbuf_free(&label);
  return status;
}
