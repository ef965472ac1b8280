/* Human and JSON rendering of a run (see show.h). */
#include "traces/show.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "traces/jsonl.h"

/* Appends text for a terminal: printable bytes as they are (UTF-8 passes
 * through), control characters escaped, so one event stays one line. */
static void put_text(sl_strbuf *out, const sl_tstr *s) {
  if (!s->p) {
    sl_strbuf_puts(out, "None");
    return;
  }
  for (size_t i = 0; i < s->n; i++) {
    unsigned char c = (unsigned char)s->p[i];
    if (c == '\n')
      sl_strbuf_puts(out, "\\n");
    else if (c == '\t')
      sl_strbuf_puts(out, "\\t");
    else if (c < 0x20 || c == 0x7f)
      sl_strbuf_printf(out, "\\x%02x", c);
    else
      sl_strbuf_putc(out, (char)c);
  }
}

static void put_float(sl_strbuf *out, double x) { sl_json_put_float(out, x); }

static void put_tid(sl_strbuf *out, uint64_t id) {
  if (id)
    sl_strbuf_printf(out, "T%" PRIu64, id);
  else
    sl_strbuf_puts(out, "-");
}

/* A socket event: "sock send C1 fd 3 -> 4: 5 bytes, arrives t=0.5". */
static void show_sock(sl_strbuf *out, const sl_tev *e) {
  const char *op = sl_tstr_or(&e->a, "?");
  sl_strbuf_printf(out, "sock %s ", op);
  if (e->conn) sl_strbuf_printf(out, "C%" PRIu64 " ", e->conn);
  sl_strbuf_printf(out, "fd %d", (int)e->fd);
  if (e->peer >= 0) {
    bool both = !strcmp(op, "pair") || !strcmp(op, "reset");
    sl_strbuf_printf(out, " %s %d", both ? "<->" : "->", (int)e->peer);
  }
  if (!strcmp(op, "send")) {
    sl_strbuf_printf(out, ": %" PRIu64 " byte%s, arrives t=", e->n, e->n == 1 ? "" : "s");
    put_float(out, e->t);
  } else if (!strcmp(op, "recv")) {
    if (e->n)
      sl_strbuf_printf(out, ": %" PRIu64 " byte%s", e->n, e->n == 1 ? "" : "s");
    else
      sl_strbuf_puts(out, ": end of stream");
  }
}

void sl_show_event(sl_strbuf *out, const sl_tev *e, double step_t) {
  switch (e->kind) {
  case SL_TEV_STEP:
    sl_strbuf_printf(out, "#%" PRIu64 " t=", e->step);
    put_float(out, e->t);
    sl_strbuf_puts(out, " timeout=");
    if (e->has_timeout)
      put_float(out, e->timeout);
    else
      sl_strbuf_puts(out, "None");
    break;
  case SL_TEV_HANDLE:
    put_text(out, &e->a);
    if (e->t != step_t) {
      sl_strbuf_puts(out, "  (t=");
      put_float(out, e->t);
      sl_strbuf_putc(out, ')');
    }
    break;
  case SL_TEV_TASK:
    sl_strbuf_printf(out, "new T%" PRIu64 " \"", e->task);
    put_text(out, &e->a);
    sl_strbuf_puts(out, "\" ");
    put_text(out, &e->b);
    sl_strbuf_puts(out, "()");
    if (e->parent) sl_strbuf_printf(out, " by T%" PRIu64, e->parent);
    break;
  case SL_TEV_TASK_DONE:
    sl_strbuf_printf(out, "done T%" PRIu64 ": ", e->task);
    put_text(out, &e->a);
    if (e->b.p) {
      sl_strbuf_putc(out, ' ');
      put_text(out, &e->b);
    }
    break;
  case SL_TEV_OUTPUT:
    sl_strbuf_puts(out, "print ");
    put_tid(out, e->task);
    sl_strbuf_puts(out, ": ");
    put_text(out, &e->a);
    break;
  case SL_TEV_DECISION:
    sl_strbuf_puts(out, "decision ");
    put_text(out, &e->a);
    if (e->a.p && !strcmp(e->a.p, "seed")) {
      /* a seed is an integer, not seconds added to the clock */
      sl_strbuf_printf(out, " %.0f", e->t);
    } else {
      sl_strbuf_puts(out, " +");
      put_float(out, e->t);
    }
    break;
  case SL_TEV_TIMER:
    sl_strbuf_printf(out, "timer %s when=", e->cancelled ? "cancelled" : "scheduled");
    put_float(out, e->t);
    break;
  case SL_TEV_ERROR:
    sl_strbuf_puts(out, "exception handler: ");
    put_text(out, &e->a);
    if (e->b.p) {
      sl_strbuf_puts(out, " [");
      put_text(out, &e->b);
      sl_strbuf_putc(out, ']');
    }
    break;
  case SL_TEV_SOCK: show_sock(out, e); break;
  }
}

void sl_show_events(FILE *f, const sl_trace *tr, size_t lo, size_t hi, size_t mark,
                    const char *indent) {
  sl_strbuf line = SL_STRBUF_INIT;
  double step_t = 0;
  bool in_handle = false;
  for (size_t i = lo; i < hi && i < tr->nev; i++) {
    const sl_tev *e = &tr->ev[i];
    const char *depth = "    ";
    if (e->kind == SL_TEV_STEP) {
      step_t = e->t;
      in_handle = false;
      depth = "";
    } else if (e->kind == SL_TEV_HANDLE) {
      in_handle = true;
      depth = "  ";
    } else if (!in_handle) {
      depth = "  ";
    }
    sl_strbuf_clear(&line);
    sl_show_event(&line, e, step_t);
    fprintf(f, "%s%s%s\n", i == mark ? "> " : indent, depth, sl_strbuf_cstr(&line));
  }
  sl_strbuf_free(&line);
}

static void header(FILE *f, const sl_trace *tr, const char *hash) {
  const sl_trace_meta *m = &tr->meta;
  if (tr->id)
    fprintf(f, "run %" PRId64 ": ", tr->id);
  else
    fprintf(f, "run: ");
  fprintf(f, "%s %s, python %s (impl %s)\n", sl_tstr_or(&m->engine, "?"),
          sl_tstr_or(&m->engine_version, "?"), sl_tstr_or(&m->python, "?"),
          sl_tstr_or(&m->impl, "?"));
  fprintf(f, "scenario %s (sha256 %.12s)", sl_tstr_or(&m->scenario, "?"),
          sl_tstr_or(&m->sha256, "?"));
  if (m->has_seed) fprintf(f, ", seed %" PRId64, m->seed);
  if (m->strategy.p) fprintf(f, ", strategy %s", m->strategy.p);
  fputc('\n', f);
  if (hash) fprintf(f, "trace hash %s\n", hash);
}

void sl_show_text(FILE *f, const sl_trace *tr, const char *hash) {
  header(f, tr, hash);
  sl_show_events(f, tr, 0, tr->nev, SIZE_MAX, "");
  const sl_trace_meta *m = &tr->meta;
  sl_strbuf t = SL_STRBUF_INIT;
  put_float(&t, m->t);
  fprintf(f, "end: %s", sl_tstr_or(&m->outcome, "?"));
  if (m->detail.p) {
    sl_strbuf d = SL_STRBUF_INIT;
    put_text(&d, &m->detail);
    fprintf(f, " (%s)", sl_strbuf_cstr(&d));
    sl_strbuf_free(&d);
  }
  fprintf(f, " after %" PRIu64 " steps at t=%s\n", m->steps, sl_strbuf_cstr(&t));
  sl_strbuf_free(&t);
}

void sl_show_json(FILE *f, const sl_trace *tr, const char *hash) {
  sl_strbuf o = SL_STRBUF_INIT;
  sl_strbuf_puts(&o, "{\"run\":");
  sl_jsonl_run_line(&o, &tr->meta);
  /* The run line's object, extended with the store's own fields. */
  o.len--;
  if (tr->id) sl_strbuf_printf(&o, ",\"id\":%" PRId64, tr->id);
  sl_strbuf_puts(&o, ",\"strategy\":");
  sl_json_put_string(&o, tr->meta.strategy.p, tr->meta.strategy.n);
  sl_strbuf_puts(&o, ",\"hash\":");
  sl_json_put_string(&o, hash, hash ? strlen(hash) : 0);
  sl_strbuf_puts(&o, "},\"prelude\":[");
  bool first = true, in_step = false;
  for (size_t i = 0; i < tr->nev; i++) {
    const sl_tev *e = &tr->ev[i];
    if (e->kind == SL_TEV_STEP) {
      sl_strbuf_puts(&o, in_step ? "]}," : "],\"steps\":[");
      sl_strbuf_printf(&o, "{\"i\":%" PRIu64 ",\"t\":", e->step);
      put_float(&o, e->t);
      sl_strbuf_puts(&o, ",\"timeout\":");
      if (e->has_timeout)
        put_float(&o, e->timeout);
      else
        sl_strbuf_puts(&o, "null");
      sl_strbuf_puts(&o, ",\"events\":[");
      in_step = true;
      first = true;
      continue;
    }
    if (!first) sl_strbuf_putc(&o, ',');
    first = false;
    sl_jsonl_event(&o, e);
  }
  sl_strbuf_puts(&o, in_step ? "]}]" : "],\"steps\":[]");
  sl_strbuf_puts(&o, ",\"end\":");
  sl_jsonl_end_line(&o, &tr->meta);
  sl_strbuf_puts(&o, "}\n");
  if (!o.failed)
    fwrite(o.data, 1, o.len, f);
  else
    fputs("{\"error\":\"out of memory\"}\n", f);
  sl_strbuf_free(&o);
}
