/* First divergence between two runs (see diff.h). */
#include "traces/diff.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "traces/jsonl.h"
#include "traces/show.h"

/* Messages that depend on when the garbage collector runs (DESIGN.md 5). */
static bool gc_message(const sl_tev *e) {
  return e->a.p && (strstr(e->a.p, "was never retrieved") ||
                    strstr(e->a.p, "was destroyed but it is pending"));
}

/* Whether an event takes part in the comparison. */
static bool compared(const sl_tev *e) {
  switch (e->kind) {
  case SL_TEV_STEP:
  case SL_TEV_DECISION: return false;
  case SL_TEV_ERROR: return !gc_message(e);
  default: return true;
  }
}

/* The event ranges of a trace's steps: step 0 is what comes before the
 * first step line; range k starts at the k-th step line. */
typedef struct steps {
  size_t *start; /* owned; start[0] = 0, start[k] = index of k-th step line */
  size_t n;      /* number of ranges (step lines + 1) */
  size_t nev;
} steps;

static bool index_steps(const sl_trace *tr, steps *s) {
  size_t n = 1;
  for (size_t i = 0; i < tr->nev; i++) n += tr->ev[i].kind == SL_TEV_STEP;
  s->start = sl_malloc(n * sizeof *s->start);
  if (!s->start) return false;
  s->n = 0;
  s->start[s->n++] = 0;
  for (size_t i = 0; i < tr->nev; i++)
    if (tr->ev[i].kind == SL_TEV_STEP) s->start[s->n++] = i;
  s->nev = tr->nev;
  return true;
}

static size_t range_hi(const steps *s, size_t k) { return k + 1 < s->n ? s->start[k + 1] : s->nev; }

/* The part of an exception-handler message both engines can agree on:
 * CPython's callback messages end with " at FILE:LINE" (docs/trace.md). */
static size_t message_prefix(const sl_tstr *m) {
  const char *at = m->p ? strstr(m->p, " at ") : NULL;
  return at ? (size_t)(at - m->p) : m->n;
}

/* Whether two events print the same canonical line (exception-handler
 * calls: the same exception and message prefix). */
static bool same(const sl_tev *x, const sl_tev *y, bool *nomem) {
  if (x->kind == SL_TEV_ERROR && y->kind == SL_TEV_ERROR) {
    size_t nx = message_prefix(&x->a), ny = message_prefix(&y->a);
    return x->step == y->step && sl_tstr_eq(&x->b, &y->b) && !x->a.p == !y->a.p && nx == ny &&
           (!nx || !memcmp(x->a.p, y->a.p, nx));
  }
  sl_strbuf a = SL_STRBUF_INIT, b = SL_STRBUF_INIT;
  sl_jsonl_event(&a, x);
  sl_jsonl_event(&b, y);
  bool eq = a.len == b.len && a.data && b.data && !memcmp(a.data, b.data, a.len);
  if (a.failed || b.failed) *nomem = true;
  sl_strbuf_free(&a);
  sl_strbuf_free(&b);
  return eq;
}

static bool same_end(const sl_trace *x, const sl_trace *y, bool *nomem) {
  sl_strbuf a = SL_STRBUF_INIT, b = SL_STRBUF_INIT;
  sl_jsonl_end_line(&a, &x->meta);
  sl_jsonl_end_line(&b, &y->meta);
  bool eq = a.len == b.len && a.data && b.data && !memcmp(a.data, b.data, a.len);
  if (a.failed || b.failed) *nomem = true;
  sl_strbuf_free(&a);
  sl_strbuf_free(&b);
  return eq;
}

/* Step number of range k of a trace (its step line's index, or k). */
static uint64_t step_no(const sl_trace *tr, const steps *s, size_t k) {
  return k && k < s->n ? tr->ev[s->start[k]].step : k;
}

sl_errcode sl_trace_diff(const sl_trace *a, const sl_trace *b, sl_diff *out) {
  steps sa = {0}, sb = {0};
  bool nomem = false;
  memset(out, 0, sizeof *out);
  out->ev_a = out->ev_b = SIZE_MAX;
  if (!index_steps(a, &sa) || !index_steps(b, &sb)) {
    sl_free(sa.start);
    return SL_ENOMEM;
  }
  size_t nk = sa.n > sb.n ? sa.n : sb.n;
  for (size_t k = 0; k < nk && out->what == SL_DIFF_NONE; k++) {
    out->step = step_no(k < sa.n ? a : b, k < sa.n ? &sa : &sb, k);
    out->lo_a = out->hi_a = a->nev;
    out->lo_b = out->hi_b = b->nev;
    if (k < sa.n) {
      out->lo_a = sa.start[k];
      out->hi_a = range_hi(&sa, k);
    }
    if (k < sb.n) {
      out->lo_b = sb.start[k];
      out->hi_b = range_hi(&sb, k);
    }
    if (k >= sa.n || k >= sb.n) {
      out->what = SL_DIFF_LENGTH;
      break;
    }
    size_t i = out->lo_a, j = out->lo_b;
    if (k) {
      if (!same(&a->ev[i], &b->ev[j], &nomem)) {
        out->what = SL_DIFF_STEP;
        out->ev_a = i;
        out->ev_b = j;
        break;
      }
      i++, j++;
    }
    /* Lockstep over the compared events of this step. */
    for (size_t idx = 0;; idx++) {
      while (i < out->hi_a && !compared(&a->ev[i])) i++;
      while (j < out->hi_b && !compared(&b->ev[j])) j++;
      bool ea = i >= out->hi_a, eb = j >= out->hi_b;
      if (ea && eb) break;
      out->index = idx;
      out->ev_a = ea ? SIZE_MAX : i;
      out->ev_b = eb ? SIZE_MAX : j;
      if (ea || eb) {
        out->what = SL_DIFF_MISSING;
        break;
      }
      if (!same(&a->ev[i], &b->ev[j], &nomem)) {
        out->what = SL_DIFF_EVENT;
        break;
      }
      i++, j++;
    }
  }
  if (out->what == SL_DIFF_NONE && !same_end(a, b, &nomem)) {
    out->what = SL_DIFF_END;
    out->ev_a = out->ev_b = SIZE_MAX;
  }
  if (out->what == SL_DIFF_NONE) out->ev_a = out->ev_b = SIZE_MAX;
  sl_free(sa.start);
  sl_free(sb.start);
  return nomem ? SL_ENOMEM : SL_EOK;
}

/* ---- printing ---------------------------------------------------------- */

static const char *what_text(const sl_diff *d) {
  switch (d->what) {
  case SL_DIFF_NONE: return "identical";
  case SL_DIFF_STEP: return "the step differs (time or select timeout)";
  case SL_DIFF_EVENT: return "an event differs";
  case SL_DIFF_MISSING: return "one side has fewer events in this step";
  case SL_DIFF_LENGTH: return "one side has fewer steps";
  case SL_DIFF_END: return "the runs end differently";
  }
  return "?";
}

static const char *what_key(const sl_diff *d) {
  static const char *const keys[] = {"none", "step", "event", "missing", "length", "end"};
  return keys[d->what];
}

static void side_label(FILE *f, const char *tag, const char *name, const sl_trace *tr) {
  fprintf(f, "  %s = %s: %s %s, python %s\n", tag, name, sl_tstr_or(&tr->meta.engine, "?"),
          sl_tstr_or(&tr->meta.engine_version, "?"), sl_tstr_or(&tr->meta.python, "?"));
}

/* Appends "the task as of event `upto`": creation, last handle, end. */
static void task_where(sl_strbuf *o, const sl_trace *tr, uint64_t id, size_t upto) {
  char want[32], owner[32];
  snprintf(want, sizeof want, "T%" PRIu64, id);
  const sl_tev *created = NULL, *last = NULL, *done = NULL;
  for (size_t i = 0; i < tr->nev && i <= upto; i++) {
    const sl_tev *e = &tr->ev[i];
    if (e->kind == SL_TEV_TASK && e->task == id)
      created = e;
    else if (e->kind == SL_TEV_TASK_DONE && e->task == id)
      done = e;
    else if (e->kind == SL_TEV_HANDLE && e->a.p) {
      sl_handle_owner(e->a.p, owner);
      if (!strcmp(owner, want)) last = e;
    }
  }
  if (!created && !last && !done) {
    sl_strbuf_puts(o, "not seen yet");
    return;
  }
  if (created) {
    sl_strbuf_printf(o, "\"%s\" %s(), created #%" PRIu64, sl_tstr_or(&created->a, "?"),
                     sl_tstr_or(&created->b, "?"), created->step);
    if (created->parent) sl_strbuf_printf(o, " by T%" PRIu64, created->parent);
  }
  if (last)
    sl_strbuf_printf(o, "%slast ran #%" PRIu64 " %s", created ? "; " : "", last->step, last->a.p);
  if (done) {
    sl_strbuf_printf(o, "; done #%" PRIu64 " %s", done->step, sl_tstr_or(&done->a, "?"));
    if (done->b.p) sl_strbuf_printf(o, " %s", done->b.p);
  } else {
    sl_strbuf_puts(o, "; pending");
  }
}

/* The tasks the divergent step involves, in order of first mention. */
static size_t involved(const sl_diff *d, const sl_trace *a, const sl_trace *b, uint64_t *ids,
                       size_t max) {
  size_t n = 0;
  const sl_trace *trs[2] = {a, b};
  size_t los[2] = {d->lo_a, d->lo_b}, his[2] = {d->hi_a, d->hi_b};
  for (int s = 0; s < 2; s++)
    for (size_t i = los[s]; i < his[s] && i < trs[s]->nev; i++) {
      const sl_tev *e = &trs[s]->ev[i];
      uint64_t id = 0;
      char owner[32];
      if (e->kind == SL_TEV_HANDLE && e->a.p) {
        sl_handle_owner(e->a.p, owner);
        if (owner[0] == 'T') id = strtoull(owner + 1, NULL, 10);
      } else if (e->kind == SL_TEV_TASK || e->kind == SL_TEV_TASK_DONE ||
                 e->kind == SL_TEV_OUTPUT) {
        id = e->task;
      }
      if (!id) continue;
      size_t k = 0;
      while (k < n && ids[k] != id) k++;
      if (k == n && n < max) ids[n++] = id;
    }
  return n;
}

void sl_diff_print(FILE *f, const sl_diff *d, const sl_trace *a, const char *name_a,
                   const sl_trace *b, const char *name_b) {
  if (d->what == SL_DIFF_NONE) {
    fprintf(f, "identical: %" PRIu64 " steps, outcome %s\n", a->meta.steps,
            sl_tstr_or(&a->meta.outcome, "?"));
    return;
  }
  sl_strbuf line = SL_STRBUF_INIT;
  if (d->what == SL_DIFF_END) {
    fprintf(f, "first divergence: at the end (%s)\n", what_text(d));
  } else {
    double t = d->lo_a < a->nev && a->ev[d->lo_a].kind == SL_TEV_STEP   ? a->ev[d->lo_a].t
               : d->lo_b < b->nev && b->ev[d->lo_b].kind == SL_TEV_STEP ? b->ev[d->lo_b].t
                                                                        : 0;
    sl_json_put_float(&line, t);
    fprintf(f, "first divergence: step %" PRIu64 " (t=%s): %s", d->step, sl_strbuf_cstr(&line),
            what_text(d));
    if (d->what == SL_DIFF_EVENT || d->what == SL_DIFF_MISSING)
      fprintf(f, " (event %zu of the step)", d->index);
    fputc('\n', f);
  }
  side_label(f, "A", name_a, a);
  side_label(f, "B", name_b, b);
  const sl_trace *trs[2] = {a, b};
  const char *tags[2] = {"A", "B"};
  size_t evs[2] = {d->ev_a, d->ev_b}, los[2] = {d->lo_a, d->lo_b}, his[2] = {d->hi_a, d->hi_b};
  if (d->what == SL_DIFF_END) {
    for (int s = 0; s < 2; s++) {
      sl_strbuf_clear(&line);
      sl_jsonl_end_line(&line, &trs[s]->meta);
      fprintf(f, "  %s end: %s\n", tags[s], sl_strbuf_cstr(&line));
    }
    sl_strbuf_free(&line);
    return;
  }
  for (int s = 0; s < 2; s++) {
    fprintf(f, "\n%s, step %" PRIu64 ":\n", tags[s], d->step);
    if (los[s] >= his[s] && d->step == 0)
      fprintf(f, "    (nothing happened before the first step)\n");
    else if (los[s] >= his[s])
      fprintf(f, "    (no such step: the run ended after %" PRIu64 " steps)\n", trs[s]->meta.steps);
    else
      sl_show_events(f, trs[s], los[s], his[s], evs[s], "  ");
    if ((d->what == SL_DIFF_MISSING) && evs[s] == SIZE_MAX && los[s] < his[s])
      fprintf(f, "  > (nothing here: the other side has one more event)\n");
  }
  uint64_t ids[16];
  size_t n = involved(d, a, b, ids, 16);
  if (n) fprintf(f, "\ntasks, as of this step:\n");
  for (size_t k = 0; k < n; k++) {
    for (int s = 0; s < 2; s++) {
      sl_strbuf_clear(&line);
      task_where(&line, trs[s], ids[k], his[s] ? his[s] - 1 : 0);
      if (s == 0)
        fprintf(f, "  T%-4" PRIu64 " A: %s\n", ids[k], sl_strbuf_cstr(&line));
      else
        fprintf(f, "        B: %s\n", sl_strbuf_cstr(&line));
    }
  }
  sl_strbuf_free(&line);
}

static void json_events(sl_strbuf *o, const sl_trace *tr, size_t lo, size_t hi) {
  sl_strbuf_putc(o, '[');
  for (size_t i = lo; i < hi && i < tr->nev; i++) {
    if (i > lo) sl_strbuf_putc(o, ',');
    if (tr->ev[i].kind == SL_TEV_STEP) {
      sl_jsonl_event(o, &tr->ev[i]);
      continue;
    }
    sl_jsonl_event(o, &tr->ev[i]);
  }
  sl_strbuf_putc(o, ']');
}

void sl_diff_print_json(FILE *f, const sl_diff *d, const sl_trace *a, const char *name_a,
                        const sl_trace *b, const char *name_b) {
  sl_strbuf o = SL_STRBUF_INIT;
  sl_strbuf_printf(&o, "{\"identical\":%s,\"what\":\"%s\"",
                   d->what == SL_DIFF_NONE ? "true" : "false", what_key(d));
  if (d->what != SL_DIFF_NONE && d->what != SL_DIFF_END)
    sl_strbuf_printf(&o, ",\"step\":%" PRIu64 ",\"index\":%zu", d->step, d->index);
  const sl_trace *trs[2] = {a, b};
  const char *names[2] = {name_a, name_b};
  size_t evs[2] = {d->ev_a, d->ev_b}, los[2] = {d->lo_a, d->lo_b}, his[2] = {d->hi_a, d->hi_b};
  for (int s = 0; s < 2; s++) {
    sl_strbuf_printf(&o, ",\"%s\":{\"name\":", s ? "b" : "a");
    sl_json_put_string(&o, names[s], strlen(names[s]));
    sl_strbuf_puts(&o, ",\"run\":");
    sl_jsonl_run_line(&o, &trs[s]->meta);
    sl_strbuf_puts(&o, ",\"end\":");
    sl_jsonl_end_line(&o, &trs[s]->meta);
    if (d->what != SL_DIFF_NONE && d->what != SL_DIFF_END) {
      sl_strbuf_puts(&o, ",\"event\":");
      if (evs[s] == SIZE_MAX)
        sl_strbuf_puts(&o, "null");
      else
        sl_jsonl_event(&o, &trs[s]->ev[evs[s]]);
      sl_strbuf_puts(&o, ",\"step_events\":");
      json_events(&o, trs[s], los[s], his[s]);
      uint64_t ids[16];
      size_t n = involved(d, a, b, ids, 16);
      sl_strbuf_puts(&o, ",\"tasks\":{");
      sl_strbuf line = SL_STRBUF_INIT;
      for (size_t k = 0; k < n; k++) {
        sl_strbuf_clear(&line);
        task_where(&line, trs[s], ids[k], his[s] ? his[s] - 1 : 0);
        sl_strbuf_printf(&o, "%s\"T%" PRIu64 "\":", k ? "," : "", ids[k]);
        sl_json_put_string(&o, line.data, line.len);
      }
      sl_strbuf_free(&line);
      sl_strbuf_putc(&o, '}');
    }
    sl_strbuf_putc(&o, '}');
  }
  sl_strbuf_puts(&o, "}\n");
  if (!o.failed)
    fwrite(o.data, 1, o.len, f);
  else
    fputs("{\"error\":\"out of memory\"}\n", f);
  sl_strbuf_free(&o);
}
