/* `simloop export --perfetto [RUN] [-o OUT]`: a run as Chrome trace JSON
 * (the Trace Event Format), which ui.perfetto.dev and chrome://tracing
 * open (docs/explore.md "Export").
 *
 * Layout: process 1 is the scenario; thread 0 the loop itself (handles that
 * belong to no task: timers of sleep(), user callbacks, gather's
 * callbacks), thread k task T<k>, named "T3 Task-3 worker". Each handle a
 * task ran is a slice on its track; the gap before a `wakeup T3 <- F2` is
 * an "await F2" slice; prints, decisions and task ends are instants.
 * Time is virtual time in microseconds. A handle that took no virtual time
 * is drawn 1 us wide; handles at the same virtual time are laid 1 us
 * apart in the order they ran (across steps), so slices never overlap. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "sim/commands.h"
#include "sim/outfile.h"
#include "sim/schedule.h"
#include "sim/tracearg.h"
#include "traces/jsonl.h"

typedef struct export_args {
  const char *db, *out;
  bool perfetto;
} export_args;

static int on_opt(void *ctx, int id, const char *v) {
  export_args *a = ctx;
  if (id == SL_OPT_DB)
    a->db = v;
  else if (id == SL_OPT_OUT)
    a->out = v;
  else if (id == SL_OPT_PERFETTO)
    a->perfetto = true;
  return 0;
}

/* The task a handle belongs to: k of "step Tk" / "wakeup Tk <- X"; 0 for
 * other handles. *awaited gets X of a wakeup (NULL otherwise). */
static uint64_t handle_task(const char *name, const char **awaited) {
  *awaited = NULL;
  const char *colon = strchr(name, ':');
  const char *s = colon ? colon + 1 : name;
  const char *rest = NULL;
  if (!strncmp(s, "step T", 6))
    rest = s + 6;
  else if (!strncmp(s, "wakeup T", 8))
    rest = s + 8;
  if (!rest)
    return 0;
  char *end;
  unsigned long long k = strtoull(rest, &end, 10);
  if (end == rest)
    return 0;
  const char *arrow = strstr(end, "<- ");
  if (arrow)
    *awaited = arrow + 3;
  return k;
}

static void put_str(sl_strbuf *b, const char *s) {
  sl_json_put_string(b, s ? s : "", s ? strlen(s) : 0);
}

typedef struct track {
  double last_end; /* end of the task's previous slice, us; <0: none yet */
} track;

int sl_cmd_export(int argc, char **argv) {
  export_args a = {"simloop.db", NULL, false};
  int first, st = sl_cli_args(SL_CMD_EXPORT, argc, argv, on_opt, &a, 0, 1, "run", &first);
  if (st != SL_CLI_GO)
    return st;
  const char *db = a.db, *run = first < argc ? argv[first] : NULL, *out = a.out;
  bool perfetto = a.perfetto;
  if (!perfetto) {
    fprintf(stderr, "simloop export: say which format: --perfetto (Chrome trace JSON)\n");
    return 2;
  }
  sl_trace tr;
  sl_strbuf err = SL_STRBUF_INIT, label = SL_STRBUF_INIT;
  if (out && sl_output_check(out, &err) != SL_EOK) {
    fprintf(stderr, "simloop export: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    sl_strbuf_free(&label);
    return 2;
  }
  if ((run ? sl_trace_arg_load(run, db, &tr, &label, &err)
          : sl_trace_db_load(db, 0, &tr, &label, &err)) != SL_EOK) {
    fprintf(stderr, "simloop export: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    sl_strbuf_free(&label);
    return 2;
  }
  /* Tracks: one per task id seen (ids are small ordinals). */
  uint64_t maxtask = 0;
  for (size_t i = 0; i < tr.nev; i++)
    if (tr.ev[i].kind == SL_TEV_TASK && tr.ev[i].task > maxtask)
      maxtask = tr.ev[i].task;
  track *tracks = sl_calloc(maxtask + 1, sizeof *tracks);
  sl_strbuf b = SL_STRBUF_INIT;
  if (!tracks)
    goto nomem;
  for (uint64_t k = 0; k <= maxtask; k++)
    tracks[k].last_end = -1;
  sl_strbuf_puts(&b, "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"scenario\":");
  put_str(&b, tr.meta.scenario.p);
  sl_strbuf_puts(&b, ",\"outcome\":");
  put_str(&b, tr.meta.outcome.p);
  sl_strbuf_puts(&b, ",\"detail\":");
  put_str(&b, tr.meta.detail.p);
  sl_strbuf_puts(&b, "},\"traceEvents\":[\n");
  sl_strbuf_puts(&b,
                 "{\"ph\":\"M\",\"pid\":1,\"name\":\"process_name\",\"args\":{\"name\":");
  put_str(&b, tr.meta.scenario.p);
  sl_strbuf_puts(&b, "}},\n{\"ph\":\"M\",\"pid\":1,\"tid\":0,\"name\":\"thread_name\","
                     "\"args\":{\"name\":\"event loop\"}}");
  double step_t = 0;
  double cur_ts = 0;   /* the slice being built, us */
  double same_t = -1;  /* virtual time of the previous handle */
  uint64_t same_k = 0; /* handles before this one at that time */
  uint64_t cur_tid = 0;
  for (size_t i = 0; i < tr.nev; i++) {
    const sl_tev *e = &tr.ev[i];
    switch (e->kind) {
    case SL_TEV_STEP:
      step_t = e->t;
      break;
    case SL_TEV_HANDLE: {
      const char *awaited;
      uint64_t k = handle_task(sl_tstr_or(&e->a, ""), &awaited);
      if (k > maxtask)
        k = 0;
      /* Handles at the same virtual time are laid 1 us apart in the
       * order they ran, across steps, so no two slices of a track overlap. */
      if (e->t == same_t) {
        same_k++;
      } else {
        same_t = e->t;
        same_k = 0;
      }
      double ts = e->t * 1e6 + (double)same_k;
      double end = ts + 1;
      /* A cost decision after the handle: it took that long. */
      for (size_t j = i + 1; j < tr.nev; j++) {
        const sl_tev *n = &tr.ev[j];
        if (n->kind == SL_TEV_HANDLE || n->kind == SL_TEV_STEP)
          break;
        if (n->kind == SL_TEV_DECISION && !strcmp(sl_tstr_or(&n->a, ""), "cost") &&
            n->t > 0) {
          end = ts + n->t * 1e6;
          break;
        }
      }
      if (k && awaited && tracks[k].last_end >= 0 && ts > tracks[k].last_end) {
        sl_strbuf_printf(&b,
                         ",\n{\"ph\":\"X\",\"cat\":\"wait\",\"pid\":1,\"tid\":%" PRIu64
                         ",\"ts\":%.3f,\"dur\":%.3f,\"name\":",
                         k, tracks[k].last_end, ts - tracks[k].last_end);
        sl_strbuf_printf(&b, "\"await %s\"}", awaited);
      }
      sl_strbuf_printf(&b,
                       ",\n{\"ph\":\"X\",\"cat\":\"handle\",\"pid\":1,\"tid\":%" PRIu64
                       ",\"ts\":%.3f,\"dur\":%.3f,\"name\":",
                       k, ts, end - ts);
      put_str(&b, e->a.p);
      sl_strbuf_printf(&b, ",\"args\":{\"step\":%" PRIu64 ",\"pos\":%u,\"t\":", e->step,
                       e->pos);
      sl_json_put_float(&b, e->t);
      sl_strbuf_puts(&b, "}}");
      if (k)
        tracks[k].last_end = end;
      cur_ts = ts;
      cur_tid = k;
      break;
    }
    case SL_TEV_TASK:
      sl_strbuf_printf(&b,
                       ",\n{\"ph\":\"M\",\"pid\":1,\"tid\":%" PRIu64
                       ",\"name\":\"thread_name\",\"args\":{\"name\":",
                       e->task);
      {
        sl_strbuf n = SL_STRBUF_INIT;
        sl_strbuf_printf(&n, "T%" PRIu64 " %s %s", e->task, sl_tstr_or(&e->a, ""),
                         sl_tstr_or(&e->b, ""));
        put_str(&b, sl_strbuf_cstr(&n));
        sl_strbuf_free(&n);
      }
      sl_strbuf_printf(&b,
                       "}},\n{\"ph\":\"M\",\"pid\":1,\"tid\":%" PRIu64
                       ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":%" PRIu64
                       "}}",
                       e->task, e->task);
      break;
    case SL_TEV_TASK_DONE:
    case SL_TEV_OUTPUT:
    case SL_TEV_DECISION:
    case SL_TEV_ERROR: {
      uint64_t tid =
          e->kind == SL_TEV_TASK_DONE || e->kind == SL_TEV_OUTPUT ? e->task : cur_tid;
      if (tid > maxtask)
        tid = 0;
      sl_strbuf n = SL_STRBUF_INIT;
      if (e->kind == SL_TEV_TASK_DONE)
        sl_strbuf_printf(&n, "done: %s%s%s", sl_tstr_or(&e->a, ""), e->b.p ? " " : "",
                         sl_tstr_or(&e->b, ""));
      else if (e->kind == SL_TEV_OUTPUT)
        sl_strbuf_printf(&n, "print: %s", sl_tstr_or(&e->a, ""));
      else if (e->kind == SL_TEV_DECISION) {
        sl_strbuf_printf(&n, "%s +", sl_tstr_or(&e->a, ""));
        sl_json_put_float(&n, e->t);
        sl_strbuf_puts(&n, " s");
      } else
        sl_strbuf_printf(&n, "exception handler: %s", sl_tstr_or(&e->a, ""));
      sl_strbuf_printf(
          &b,
          ",\n{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"%s\",\"pid\":1,\"tid\":%" PRIu64
          ",\"ts\":%.3f,\"name\":",
          e->kind == SL_TEV_DECISION ? "decision" : "event", tid, cur_ts);
      put_str(&b, sl_strbuf_cstr(&n));
      sl_strbuf_puts(&b, "}");
      sl_strbuf_free(&n);
      break;
    }
    case SL_TEV_TIMER:
      break;
    }
  }
  (void)step_t;
  sl_strbuf_puts(&b, "\n]}\n");
  if (b.failed)
    goto nomem;
  int status = 0;
  sl_strbuf werr = SL_STRBUF_INIT;
  if (sl_output_write(out ? out : "-", b.data, b.len, &werr) != SL_EOK) {
    fprintf(stderr, "simloop export: %s", sl_strbuf_cstr(&werr));
    status = 2;
  } else if (out && strcmp(out, "-")) {
    fprintf(stderr, "wrote %s (%s): open it in https://ui.perfetto.dev\n", out,
            sl_strbuf_cstr(&label));
  }
  sl_strbuf_free(&werr);
  sl_strbuf_free(&b);
  sl_free(tracks);
  sl_trace_free(&tr);
  sl_strbuf_free(&err);
  sl_strbuf_free(&label);
  return status;
nomem:
  fprintf(stderr, "simloop export: out of memory\n");
  sl_strbuf_free(&b);
  sl_free(tracks);
  sl_trace_free(&tr);
  sl_strbuf_free(&err);
  sl_strbuf_free(&label);
  return 2;
}
