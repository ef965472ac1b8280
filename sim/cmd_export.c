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
 * apart in the order they ran (across steps), so slices never overlap.
 * The simulated network is process 2: thread k is connection C<k>
 * (thread 0 the sockets of no connection: listeners, unconnected ones);
 * each write is a slice from the send to the arrival of its last byte,
 * the other socket events (connect, accept, recv, close, reset, ...) are
 * instants. */
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
  if (!rest) return 0;
  char *end;
  unsigned long long k = strtoull(rest, &end, 10);
  if (end == rest) return 0;
  const char *arrow = strstr(end, "<- ");
  if (arrow) *awaited = arrow + 3;
  return k;
}

static void put_str(sl_strbuf *b, const char *s) {
  sl_json_put_string(b, s ? s : "", s ? strlen(s) : 0);
}

/* The JSON being built and where each track stands. */
typedef struct exporter {
  const sl_trace *tr;
  sl_strbuf b;
  uint64_t maxtask;
  double *last_end; /* per task: end of its previous slice, us; <0 none */
  double cur_ts;    /* the slice being built, us */
  double same_t;    /* virtual time of the previous handle */
  uint64_t same_k;  /* handles before this one at that time */
  uint64_t cur_tid; /* the track of the current handle */
  bool *conn_named; /* per connection: its track was named */
  uint64_t maxconn;
} exporter;

static void put_header(exporter *x) {
  const sl_trace_meta *m = &x->tr->meta;
  sl_strbuf *b = &x->b;
  sl_strbuf_puts(b, "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"scenario\":");
  put_str(b, m->scenario.p);
  sl_strbuf_puts(b, ",\"outcome\":");
  put_str(b, m->outcome.p);
  sl_strbuf_puts(b, ",\"detail\":");
  put_str(b, m->detail.p);
  sl_strbuf_puts(b, "},\"traceEvents\":[\n");
  sl_strbuf_puts(b, "{\"ph\":\"M\",\"pid\":1,\"name\":\"process_name\",\"args\":{\"name\":");
  put_str(b, m->scenario.p);
  sl_strbuf_puts(b, "}},\n{\"ph\":\"M\",\"pid\":1,\"tid\":0,\"name\":\"thread_name\","
                    "\"args\":{\"name\":\"event loop\"}}");
}

/* How long handle i took: the cost decision after it, else 1 us. */
static double handle_dur(const sl_trace *tr, size_t i) {
  for (size_t j = i + 1; j < tr->nev; j++) {
    const sl_tev *n = &tr->ev[j];
    if (n->kind == SL_TEV_HANDLE || n->kind == SL_TEV_STEP) break;
    if (n->kind == SL_TEV_DECISION && !strcmp(sl_tstr_or(&n->a, ""), "cost") && n->t > 0)
      return n->t * 1e6;
  }
  return 1;
}

/* A handle: a slice on its task's track, after an "await X" slice for the
 * time the task waited. */
static void put_handle(exporter *x, size_t i) {
  const sl_tev *e = &x->tr->ev[i];
  const char *awaited;
  uint64_t k = handle_task(sl_tstr_or(&e->a, ""), &awaited);
  if (k > x->maxtask) k = 0;
  /* Handles at the same virtual time are laid 1 us apart in the order
   * they ran, across steps, so no two slices of a track overlap. */
  if (e->t == x->same_t) {
    x->same_k++;
  } else {
    x->same_t = e->t;
    x->same_k = 0;
  }
  double ts = e->t * 1e6 + (double)x->same_k;
  double end = ts + handle_dur(x->tr, i);
  if (k && awaited && x->last_end[k] >= 0 && ts > x->last_end[k]) {
    sl_strbuf_printf(&x->b,
                     ",\n{\"ph\":\"X\",\"cat\":\"wait\",\"pid\":1,\"tid\":%" PRIu64
                     ",\"ts\":%.3f,\"dur\":%.3f,\"name\":",
                     k, x->last_end[k], ts - x->last_end[k]);
    sl_strbuf n = SL_STRBUF_INIT;
    sl_strbuf_printf(&n, "await %s", awaited);
    put_str(&x->b, sl_strbuf_cstr(&n));
    sl_strbuf_free(&n);
    sl_strbuf_puts(&x->b, "}");
  }
  sl_strbuf_printf(&x->b,
                   ",\n{\"ph\":\"X\",\"cat\":\"handle\",\"pid\":1,\"tid\":%" PRIu64
                   ",\"ts\":%.3f,\"dur\":%.3f,\"name\":",
                   k, ts, end - ts);
  put_str(&x->b, e->a.p);
  sl_strbuf_printf(&x->b, ",\"args\":{\"step\":%" PRIu64 ",\"pos\":%u,\"t\":", e->step, e->pos);
  sl_json_put_float(&x->b, e->t);
  sl_strbuf_puts(&x->b, "}}");
  if (k) x->last_end[k] = end;
  x->cur_ts = ts;
  x->cur_tid = k;
}

/* A new task: its track's name and place. */
static void put_task(exporter *x, const sl_tev *e) {
  sl_strbuf_printf(&x->b,
                   ",\n{\"ph\":\"M\",\"pid\":1,\"tid\":%" PRIu64
                   ",\"name\":\"thread_name\",\"args\":{\"name\":",
                   e->task);
  sl_strbuf n = SL_STRBUF_INIT;
  sl_strbuf_printf(&n, "T%" PRIu64 " %s %s", e->task, sl_tstr_or(&e->a, ""), sl_tstr_or(&e->b, ""));
  put_str(&x->b, sl_strbuf_cstr(&n));
  sl_strbuf_free(&n);
  sl_strbuf_printf(&x->b,
                   "}},\n{\"ph\":\"M\",\"pid\":1,\"tid\":%" PRIu64
                   ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":%" PRIu64 "}}",
                   e->task, e->task);
}

/* A task end, print, decision or exception-handler call: an instant. */
static void put_instant(exporter *x, const sl_tev *e) {
  uint64_t tid = e->kind == SL_TEV_TASK_DONE || e->kind == SL_TEV_OUTPUT ? e->task : x->cur_tid;
  if (tid > x->maxtask) tid = 0;
  sl_strbuf n = SL_STRBUF_INIT;
  if (e->kind == SL_TEV_TASK_DONE) {
    sl_strbuf_printf(&n, "done: %s%s%s", sl_tstr_or(&e->a, ""), e->b.p ? " " : "",
                     sl_tstr_or(&e->b, ""));
  } else if (e->kind == SL_TEV_OUTPUT) {
    sl_strbuf_printf(&n, "print: %s", sl_tstr_or(&e->a, ""));
  } else if (e->kind == SL_TEV_DECISION) {
    sl_strbuf_printf(&n, "%s +", sl_tstr_or(&e->a, ""));
    sl_json_put_float(&n, e->t);
    sl_strbuf_puts(&n, " s");
  } else {
    sl_strbuf_printf(&n, "exception handler: %s", sl_tstr_or(&e->a, ""));
  }
  sl_strbuf_printf(&x->b,
                   ",\n{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"%s\",\"pid\":1,\"tid\":%" PRIu64
                   ",\"ts\":%.3f,\"name\":",
                   e->kind == SL_TEV_DECISION ? "decision" : "event", tid, x->cur_ts);
  put_str(&x->b, sl_strbuf_cstr(&n));
  sl_strbuf_puts(&x->b, "}");
  sl_strbuf_free(&n);
}

/* A socket event on its connection's track (process 2). */
static void put_sock(exporter *x, const sl_tev *e) {
  uint64_t c = e->conn <= x->maxconn ? e->conn : 0;
  if (!x->conn_named[c]) {
    x->conn_named[c] = true;
    sl_strbuf_printf(&x->b,
                     ",\n{\"ph\":\"M\",\"pid\":2,\"tid\":%" PRIu64
                     ",\"name\":\"thread_name\",\"args\":{\"name\":",
                     c);
    sl_strbuf n = SL_STRBUF_INIT;
    if (c)
      sl_strbuf_printf(&n, "C%" PRIu64, c);
    else
      sl_strbuf_puts(&n, "sockets");
    put_str(&x->b, sl_strbuf_cstr(&n));
    sl_strbuf_free(&n);
    sl_strbuf_puts(&x->b, "}}");
  }
  const char *op = sl_tstr_or(&e->a, "");
  bool send = !strcmp(op, "send");
  double arrive = e->t * 1e6;
  sl_strbuf n = SL_STRBUF_INIT;
  sl_strbuf_printf(&n, "%s fd %d", op, (int)e->fd);
  if (e->peer >= 0) sl_strbuf_printf(&n, " -> %d", (int)e->peer);
  if (send || (!strcmp(op, "recv") && e->n))
    sl_strbuf_printf(&n, ": %" PRIu64 " bytes", e->n);
  else if (!strcmp(op, "recv"))
    sl_strbuf_puts(&n, ": end of stream");
  if (send)
    sl_strbuf_printf(&x->b,
                     ",\n{\"ph\":\"X\",\"cat\":\"net\",\"pid\":2,\"tid\":%" PRIu64
                     ",\"ts\":%.3f,\"dur\":%.3f,\"name\":",
                     c, x->cur_ts, arrive > x->cur_ts ? arrive - x->cur_ts : 1.0);
  else
    sl_strbuf_printf(&x->b,
                     ",\n{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"net\",\"pid\":2,\"tid\":%" PRIu64
                     ",\"ts\":%.3f,\"name\":",
                     c, x->cur_ts);
  put_str(&x->b, sl_strbuf_cstr(&n));
  sl_strbuf_free(&n);
  sl_strbuf_printf(&x->b,
                   ",\"args\":{\"step\":%" PRIu64 ",\"fd\":%d,\"n\":%" PRIu64 ",\"t\":", e->step,
                   (int)e->fd, e->n);
  sl_json_put_float(&x->b, e->t);
  sl_strbuf_puts(&x->b, "}}");
}

/* The whole document into x->b; SL_ENOMEM when it could not be built. */
static sl_errcode export_trace(exporter *x, const sl_trace *tr) {
  memset(x, 0, sizeof *x);
  x->tr = tr;
  x->same_t = -1;
  /* Tracks: one per task id seen (ids are small ordinals). */
  for (size_t i = 0; i < tr->nev; i++)
    if (tr->ev[i].kind == SL_TEV_TASK && tr->ev[i].task > x->maxtask) x->maxtask = tr->ev[i].task;
  x->last_end = sl_calloc(x->maxtask + 1, sizeof *x->last_end);
  if (!x->last_end) return SL_ENOMEM;
  for (uint64_t k = 0; k <= x->maxtask; k++) x->last_end[k] = -1;
  for (size_t i = 0; i < tr->nev; i++)
    if (tr->ev[i].kind == SL_TEV_SOCK && tr->ev[i].conn > x->maxconn && tr->ev[i].conn < tr->nev)
      x->maxconn = tr->ev[i].conn;
  x->conn_named = sl_calloc(x->maxconn + 1, sizeof *x->conn_named);
  if (!x->conn_named) return SL_ENOMEM;
  put_header(x);
  bool any_sock = x->maxconn > 0;
  for (size_t i = 0; i < tr->nev && !any_sock; i++) any_sock = tr->ev[i].kind == SL_TEV_SOCK;
  if (any_sock)
    sl_strbuf_puts(&x->b, ",\n{\"ph\":\"M\",\"pid\":2,\"name\":\"process_name\","
                          "\"args\":{\"name\":\"network\"}}");
  for (size_t i = 0; i < tr->nev; i++) {
    const sl_tev *e = &tr->ev[i];
    switch (e->kind) {
    case SL_TEV_HANDLE: put_handle(x, i); break;
    case SL_TEV_TASK: put_task(x, e); break;
    case SL_TEV_TASK_DONE:
    case SL_TEV_OUTPUT:
    case SL_TEV_DECISION:
    case SL_TEV_ERROR: put_instant(x, e); break;
    case SL_TEV_SOCK: put_sock(x, e); break;
    case SL_TEV_STEP:
    case SL_TEV_TIMER: break;
    }
  }
  sl_strbuf_puts(&x->b, "\n]}\n");
  return x->b.failed ? SL_ENOMEM : SL_EOK;
}

int sl_cmd_export(int argc, char **argv) {
  export_args a = {"simloop.db", NULL, false};
  int first, st = sl_cli_args(SL_CMD_EXPORT, argc, argv, on_opt, &a, 0, 1, "run", &first);
  if (st != SL_CLI_GO) return st;
  const char *run = first < argc ? argv[first] : NULL, *out = a.out ? a.out : "-";
  if (!a.perfetto) {
    fprintf(stderr, "simloop export: say which format: --perfetto (Chrome trace JSON)\n");
    return 2;
  }
  sl_trace tr;
  sl_trace_init(&tr);
  sl_strbuf err = SL_STRBUF_INIT, label = SL_STRBUF_INIT;
  exporter x;
  memset(&x, 0, sizeof x);
  sl_errcode rc = sl_output_check(out, &err);
  if (rc == SL_EOK)
    rc = run ? sl_trace_arg_load(run, a.db, &tr, &label, &err)
             : sl_trace_db_load(a.db, 0, &tr, &label, &err);
  if (rc == SL_EOK) rc = export_trace(&x, &tr);
  if (rc == SL_EOK) rc = sl_output_write(out, x.b.data, x.b.len, &err);
  if (rc == SL_ENOMEM) sl_strbuf_puts(&err, "out of memory\n");
  if (rc != SL_EOK)
    fprintf(stderr, "simloop export: %s", sl_strbuf_cstr(&err));
  else if (strcmp(out, "-"))
    fprintf(stderr, "wrote %s (%s): open it in https://ui.perfetto.dev\n", out,
            sl_strbuf_cstr(&label));
  sl_strbuf_free(&x.b);
  sl_free(x.last_end);
  sl_free(x.conn_named);
  sl_trace_free(&tr);
  sl_strbuf_free(&err);
  sl_strbuf_free(&label);
  return rc == SL_EOK ? 0 : 2;
}
