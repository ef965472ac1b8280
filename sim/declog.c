/* Decision logs: the list, its JSONL form (exactly the oracle's,
 * oracle/README.md "Decision log") and the canonical replaying log. */
#include "sim/declog.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt.h"
#include "sim/outfile.h"
#include "traces/json.h"

void sl_declog_init(sl_declog *log) { memset(log, 0, sizeof *log); }

void sl_declog_free(sl_declog *log) {
  sl_free(log->d);
  sl_declog_init(log);
}

sl_errcode sl_declog_push(sl_declog *log, const sl_decision *d) {
  if (log->n == log->cap) {
    size_t cap = log->cap ? log->cap * 2 : 16;
    sl_decision *nd = sl_realloc(log->d, cap * sizeof *nd);
    if (!nd) return SL_ENOMEM;
    log->d = nd;
    log->cap = cap;
  }
  log->d[log->n++] = *d;
  return SL_EOK;
}

sl_errcode sl_declog_copy(sl_declog *dst, const sl_declog *src) {
  sl_declog_init(dst);
  for (size_t i = 0; i < src->n; i++)
    if (sl_declog_push(dst, &src->d[i])) {
      sl_declog_free(dst);
      return SL_ENOMEM;
    }
  return SL_EOK;
}

size_t sl_declog_nondefault(const sl_declog *log) {
  size_t k = 0;
  for (size_t i = 0; i < log->n; i++) k += log->d[i].value != 0.0;
  return k;
}

const char *sl_decision_kind_name(sl_decision_kind kind) {
  switch (kind) {
  case SL_DECISION_COST: return "cost";
  case SL_DECISION_OVERSLEEP: return "oversleep";
  case SL_DECISION_SEED: return "seed";
  case SL_DECISION_IO:
  case SL_DECISION_IO_FAULT: return "io";
  case SL_DECISION_THREAD: return "thread";
  }
  return "cost";
}

/* One line's problem: "name:line:col: what; what to do". */
static sl_errcode bad_line(sl_strbuf *err, const char *name, size_t line, size_t col,
                           const char *what) {
  sl_strbuf_printf(err,
                   "%s:%zu:%zu: %s; a decision log has one JSON object per line: "
                   "{\"kind\": \"cost\"|\"oversleep\"|\"seed\"|\"io\"|\"thread\", \"value\": "
                   "seconds, \"step\": n} "
                   "(see docs/explore.md)\n",
                   name, line, col, what);
  return SL_ECORRUPT;
}

sl_errcode sl_declog_parse(const char *text, size_t len, const char *name, sl_declog *out,
                           sl_strbuf *err) {
  sl_declog_init(out);
  size_t line = 0;
  for (size_t at = 0; at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    const char *s = text + at;
    size_t n = end - at;
    at = end + 1;
    line++;
    size_t lead = 0;
    while (lead < n && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '\r')) lead++;
    if (lead == n || s[lead] == '#') continue;
    sl_json_error je;
    sl_json *v = sl_json_parse(s, n, &je);
    if (!v) {
      if (!strcmp(je.message, "out of memory")) {
        sl_declog_free(out);
        return SL_ENOMEM;
      }
      char what[160];
      snprintf(what, sizeof what, "not JSON (%s)", je.message);
      sl_declog_free(out);
      return bad_line(err, name, line, je.col, what);
    }
    const char *problem = NULL;
    sl_decision d = {0};
    if (v->type != SL_JSON_OBJECT) {
      problem = "not a JSON object";
    } else {
      const sl_json *ev = sl_json_get(v, "ev");
      if (ev && !(ev->type == SL_JSON_STRING && !strcmp(ev->s, "decision"))) {
        sl_json_free(v); /* another trace event: skipped, as the oracle does */
        continue;
      }
      const sl_json *kind = sl_json_get(v, "kind");
      const sl_json *value = sl_json_get(v, "value");
      const sl_json *step = sl_json_get(v, "step");
      if (!kind || kind->type != SL_JSON_STRING ||
          (strcmp(kind->s, "cost") && strcmp(kind->s, "oversleep") && strcmp(kind->s, "seed") &&
           strcmp(kind->s, "io") && strcmp(kind->s, "thread")))
        problem = "\"kind\" must be \"cost\", \"oversleep\", \"seed\", \"io\" or \"thread\"";
      else if (!value || value->type != SL_JSON_NUMBER)
        problem = "\"value\" must be a number of seconds";
      else if (!(value->d >= 0.0) || isinf(value->d))
        /* The oracle would apply a negative value and move time backwards;
         * no real schedule does that, so simloop refuses it. */
        problem = "\"value\" must be finite and >= 0";
      else if (!strcmp(kind->s, "seed") &&
               (value->d != floor(value->d) || value->d >= 9007199254740992.0))
        /* A seed is an integer (random.seed(R)), exact in a double. */
        problem = "a \"seed\" value must be an integer below 2**53";
      else if (step && (step->type != SL_JSON_NUMBER || !step->is_int))
        problem = "\"step\" must be an integer";
      else {
        d.kind = !strcmp(kind->s, "cost")        ? SL_DECISION_COST
                 : !strcmp(kind->s, "oversleep") ? SL_DECISION_OVERSLEEP
                 : !strcmp(kind->s, "seed")      ? SL_DECISION_SEED
                 : !strcmp(kind->s, "thread")    ? SL_DECISION_THREAD
                                                 : SL_DECISION_IO;
        d.value = value->d;
        d.has_step = step != NULL;
        /* A negative step never matches a point (as in the oracle); keep it
         * out of uint64's range of real steps. */
        d.step = step ? (step->i < 0 ? UINT64_MAX : (uint64_t)step->i) : 0;
      }
    }
    sl_json_free(v);
    if (problem) {
      sl_declog_free(out);
      return bad_line(err, name, line, lead + 1, problem);
    }
    if (sl_declog_push(out, &d)) {
      sl_declog_free(out);
      return SL_ENOMEM;
    }
  }
  return SL_EOK;
}

sl_errcode sl_declog_read(const char *path, sl_declog *out, sl_strbuf *err) {
  sl_declog_init(out);
  FILE *f = fopen(path, "rb");
  if (!f) {
    sl_strbuf_printf(err, "%s: cannot read the decision log: %s\n", path, strerror(errno));
    return SL_EIO;
  }
  sl_strbuf text = SL_STRBUF_INIT;
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) sl_strbuf_append(&text, buf, n);
  bool rerr = ferror(f);
  fclose(f);
  if (rerr) {
    sl_strbuf_free(&text);
    sl_strbuf_printf(err, "%s: read error\n", path);
    return SL_EIO;
  }
  if (text.failed) {
    sl_strbuf_free(&text);
    return SL_ENOMEM;
  }
  sl_errcode rc = sl_declog_parse(text.data ? text.data : "", text.len, path, out, err);
  sl_strbuf_free(&text);
  return rc;
}

void sl_declog_format(const sl_declog *log, const char *comment, sl_strbuf *out) {
  for (const char *c = comment; c && *c;) {
    const char *nl = strchr(c, '\n');
    size_t n = nl ? (size_t)(nl - c) : strlen(c);
    sl_strbuf_puts(out, "# ");
    sl_strbuf_append(out, c, n);
    sl_strbuf_putc(out, '\n');
    c += n + (nl != NULL);
  }
  for (size_t i = 0; i < log->n; i++) {
    const sl_decision *d = &log->d[i];
    /* Key order and separators as the oracle's json.dumps of its events. */
    sl_strbuf_puts(out, "{\"ev\":\"decision\",");
    if (d->has_step) sl_strbuf_printf(out, "\"step\":%llu,", (unsigned long long)d->step);
    sl_strbuf_printf(out, "\"kind\":\"%s\",\"value\":", sl_decision_kind_name(d->kind));
    sl_float_repr(out, d->value);
    sl_strbuf_puts(out, "}\n");
  }
}

sl_errcode sl_declog_save(const sl_declog *log, const char *comment, const char *path,
                          sl_strbuf *err) {
  sl_strbuf text = SL_STRBUF_INIT;
  sl_declog_format(log, comment, &text);
  if (text.failed) {
    sl_strbuf_free(&text);
    return SL_ENOMEM;
  }
  sl_errcode rc = sl_output_write(path, text.data, text.len, err);
  sl_strbuf_free(&text);
  return rc;
}

/* Appends, for the decisions taken[i..j) of one step, the entries of
 * `kind` (cost or io) up to its last non-default one: positions without a
 * taken decision get explicit zeros, since the replay rule consumes the
 * entries of one cursor in order. */
static sl_errcode pad_kind(const sl_declog *taken, size_t i, size_t j, sl_decision_kind kind,
                           sl_declog *out) {
  uint32_t last = 0;
  bool any = false;
  for (size_t k = i; k < j; k++) {
    const sl_decision *d = &taken->d[k];
    if (d->kind == kind && d->value != 0.0) {
      any = true;
      if (d->pos + 1 > last) last = d->pos + 1;
    }
  }
  if (!any) return SL_EOK;
  for (uint32_t p = 0; p < last; p++) {
    sl_decision c = {kind, 0.0, true, taken->d[i].step, p};
    for (size_t k = i; k < j; k++)
      if (taken->d[k].kind == kind && taken->d[k].pos == p) c.value = taken->d[k].value;
    if (sl_declog_push(out, &c)) return SL_ENOMEM;
  }
  return SL_EOK;
}

/* Kinds taken inside a handle, before its cost point, that share the
 * cost cursor in a replay. */
static bool between_costs(sl_decision_kind kind) {
  return kind == SL_DECISION_SEED || kind == SL_DECISION_THREAD;
}

sl_errcode sl_declog_canonical(const sl_declog *taken, sl_declog *out) {
  sl_declog_init(out);
  /* Walk each step's decisions: its oversleep, then its costs with the
   * seeds between them, then its io decisions (io entries have their own
   * cursor, so where they sit among the others does not matter). A step's
   * costs need entries for every position up to its last non-default one. */
  for (size_t i = 0; i < taken->n;) {
    uint64_t step = taken->d[i].step;
    size_t j = i;
    while (j < taken->n && taken->d[j].step == step) j++;
    uint32_t last_cost = 0;
    for (size_t k = i; k < j; k++) {
      const sl_decision *d = &taken->d[k];
      if (d->kind == SL_DECISION_COST && d->value != 0.0) {
        if (d->pos + 1 > last_cost) last_cost = d->pos + 1;
      }
      if (d->kind == SL_DECISION_OVERSLEEP && d->value != 0.0) {
        sl_decision o = *d;
        o.has_step = true;
        o.pos = 0;
        if (sl_declog_push(out, &o)) goto nomem;
      }
    }
    /* Seeds and thread delays sit between cost points (pos = costs seen
     * before them in the step): each goes just before the cost point that
     * followed it. The replay rule matches an entry to the first point of
     * its kind, so the cost points before the last such decision get
     * entries too, and so do the default ones of its kind before it at the
     * same position. */
    uint32_t end = last_cost, cost_end = last_cost;
    for (size_t k = i; k < j; k++)
      if (between_costs(taken->d[k].kind) && taken->d[k].value != 0.0) {
        if (taken->d[k].pos + 1 > end) end = taken->d[k].pos + 1;
        if (taken->d[k].pos > cost_end) cost_end = taken->d[k].pos;
      }
    for (uint32_t p = 0; p < end; p++) {
      size_t last = j; /* the last non-default between-costs decision at p */
      for (size_t k = i; k < j; k++)
        if (between_costs(taken->d[k].kind) && taken->d[k].pos == p && taken->d[k].value != 0.0)
          last = k;
      for (size_t k = i; last < j && k <= last; k++)
        if (between_costs(taken->d[k].kind) && taken->d[k].pos == p &&
            (taken->d[k].value != 0.0 || taken->d[k].kind == taken->d[last].kind)) {
          sl_decision sd = taken->d[k];
          sd.has_step = true;
          if (sl_declog_push(out, &sd)) goto nomem;
        }
      if (p < cost_end) {
        sl_decision c = {SL_DECISION_COST, 0.0, true, step, p};
        for (size_t k = i; k < j; k++)
          if (taken->d[k].kind == SL_DECISION_COST && taken->d[k].pos == p)
            c.value = taken->d[k].value;
        if (sl_declog_push(out, &c)) goto nomem;
      }
    }
    if (pad_kind(taken, i, j, SL_DECISION_IO, out)) goto nomem;
    i = j;
  }
  return SL_EOK;
nomem:
  sl_declog_free(out);
  return SL_ENOMEM;
}
