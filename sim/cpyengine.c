/* CPython mode: the client of the oracle's fork server (see cpyengine.h). */
#define _POSIX_C_SOURCE 200809L
#include "sim/cpyengine.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "sim/oracle.h"
#include "sim/progenv.h"
#include "traces/json.h"
#include "traces/jsonl.h"

struct sl_cpy {
  int sock;
  int pid;
  sl_strbuf in;  /* bytes read from the server, not yet consumed */
  bool batching; /* a child that ran reusable requests waits for the next */
};

/* Seeds sent with a strategy's request: a program that calls random.seed()
 * without an argument more often than this gets 0 from then on. */
#define SEEDS_SENT   64
/* Timing values first sent for the random strategy (doubled when the run
 * asks past them: the run is then repeated). */
#define RANDOM_FIRST 1024

void sl_cpy_result_init(sl_cpy_result *r) {
  memset(r, 0, sizeof *r);
  sl_trace_init(&r->trace);
}

void sl_cpy_result_free(sl_cpy_result *r) {
  sl_strbuf_free(&r->detail);
  sl_strbuf_free(&r->report);
  sl_strbuf_free(&r->out);
  sl_strbuf_free(&r->traceback);
  sl_trace_free(&r->trace);
  sl_cpy_result_init(r);
}

/* ---- the server's lines ------------------------------------------------ */

/* Reads until the buffer holds a whole line ending the answer: "ready" or
 * "fatal" (start) or "exit" (after a request). Returns false when the
 * server is gone. */
static bool read_until(sl_cpy *c, const char *marker) {
  for (;;) {
    if (c->in.len && c->in.data[c->in.len - 1] == '\n' && strstr(sl_strbuf_cstr(&c->in), marker))
      return true;
    char buf[65536];
    ssize_t n = read(c->sock, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sl_strbuf_append(&c->in, buf, (size_t)n);
    if (c->in.failed) return false;
  }
}

static bool send_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= (size_t)k;
  }
  return true;
}

/* The line starting with `prefix` in text[0..len), or NULL; *n its length. */
static const char *find_line(const char *text, size_t len, const char *prefix, size_t *n) {
  size_t pl = strlen(prefix);
  for (size_t at = 0; at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    if (end - at >= pl && !memcmp(text + at, prefix, pl)) {
      *n = end - at;
      return text + at;
    }
    at = end + 1;
  }
  return NULL;
}

/* ---- start and stop ------------------------------------------------------ */

sl_errcode sl_cpy_start(const char *path, const char *want, bool show_stderr, sl_cpy **out,
                        char exact[16], sl_strbuf *err) {
  *out = NULL;
  if (!want) want = "3.11";
  sl_oracle o;
  bool missing;
  sl_errcode rc = sl_oracle_find(want, &o, &missing, err);
  if (rc != SL_EOK) return rc;
  if (o.pyodide) {
    sl_strbuf_printf(err,
                     "--engine cpython runs the native CPython 3.11 (a fork per schedule); "
                     "CPython %s under Pyodide cannot fork: use --python 3.11\n",
                     o.want);
    return SL_EINVAL;
  }
  snprintf(exact, 16, "%s", o.exact);
  sl_cpy *c = sl_calloc(1, sizeof *c);
  if (!c) return SL_ENOMEM;
  /* --path folders hold the program's own modules: the server must not
   * import them before the runs (sim/progenv.h). */
  const sl_progenv *pe = sl_progenv_get();
  char *args[3 + 2 * SL_PROGENV_MAX];
  size_t k = 0;
  args[k++] = "serve";
  args[k++] = (char *)path;
  for (size_t i = 0; i < pe->npath; i++) {
    args[k++] = "--path";
    args[k++] = (char *)pe->path[i];
  }
  args[k] = NULL;
  rc = sl_oracle_spawn_served(&o, args, show_stderr, &c->sock, &c->pid, err);
  if (rc != SL_EOK) {
    sl_free(c);
    return rc;
  }
  bool up = read_until(c, "{\"ev\":");
  size_t n;
  const char *fatal = up ? find_line(c->in.data, c->in.len, "{\"ev\": \"fatal\"", &n) : NULL;
  if (!up || fatal || !find_line(c->in.data, c->in.len, "{\"ev\":\"ready\"", &n)) {
    sl_json_error je;
    sl_json *v = fatal ? sl_json_parse(fatal, n, &je) : NULL;
    const sl_json *m = v ? sl_json_get(v, "message") : NULL;
    if (m && m->type == SL_JSON_STRING)
      sl_strbuf_printf(err, "%s\n", m->s);
    else
      sl_strbuf_printf(err, "%s: CPython (%s) could not start the program's fork server\n", path,
                       o.python);
    sl_json_free(v);
    sl_cpy_free(c, true);
    return fatal ? SL_ECORRUPT : SL_EIO;
  }
  sl_strbuf_clear(&c->in);
  *out = c;
  return SL_EOK;
}

void sl_cpy_free(sl_cpy *c, bool owner) {
  if (!c) return;
  close(c->sock); /* the server's stdin ends: it exits */
  if (owner) {
    int st;
    while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR)
      ;
  }
  sl_strbuf_free(&c->in);
  sl_free(c);
}

/* ---- one request ------------------------------------------------------- */

static void put_values(sl_strbuf *b, const char *key, const double *v, size_t n) {
  sl_strbuf_printf(b, ",\"%s\":[", key);
  for (size_t i = 0; i < n; i++) {
    if (i) sl_strbuf_putc(b, ',');
    if (v[i] == 0.0)
      sl_strbuf_putc(b, '0');
    else
      sl_json_put_float(b, v[i]);
  }
  sl_strbuf_putc(b, ']');
}

static void put_log(sl_strbuf *b, const sl_declog *log) {
  sl_strbuf_puts(b, "\"log\":[");
  for (size_t i = 0; i < log->n; i++) {
    const sl_decision *d = &log->d[i];
    sl_strbuf_printf(b, "%s{\"kind\":\"%s\",\"value\":", i ? "," : "",
                     sl_decision_kind_name(d->kind));
    sl_json_put_float(b, d->value);
    if (d->has_step) {
      if (d->step == UINT64_MAX)
        sl_strbuf_puts(b, ",\"step\":-1");
      else
        sl_strbuf_printf(b, ",\"step\":%llu", (unsigned long long)d->step);
    }
    sl_strbuf_putc(b, '}');
  }
  sl_strbuf_putc(b, ']');
}

static void put_strings(sl_strbuf *b, const char *key, const char *const *v, size_t n) {
  sl_strbuf_printf(b, "\"%s\":[", key);
  for (size_t i = 0; i < n; i++) {
    if (i) sl_strbuf_putc(b, ',');
    sl_json_put_string(b, v[i], strlen(v[i]));
  }
  sl_strbuf_putc(b, ']');
}

/* The simulated machine of the command line (sim/progenv.h), as the
 * oracle's runner takes it. */
static void put_machine(sl_strbuf *b) {
  const sl_progenv *pe = sl_progenv_get();
  sl_strbuf_puts(b, ",\"machine\":{");
  put_strings(b, "path", pe->path, pe->npath);
  sl_strbuf_putc(b, ',');
  put_strings(b, "setenv", pe->setenv, pe->nsetenv);
  sl_strbuf_putc(b, ',');
  put_strings(b, "args", pe->args, pe->nargs);
  sl_strbuf_putc(b, '}');
}

/* The request line for `sched` with `ntiming` timing values (strategies). */
static sl_errcode build_request(const sl_schedule *sched, size_t ntiming, const sl_cpy_opts *o,
                                sl_strbuf *b) {
  sl_strbuf_putc(b, '{');
  if (sched->source == SL_SOURCE_LOG) {
    put_log(b, sched->replay);
  } else {
    sl_schedule copy = *sched; /* drawing consumes the PRNG and the plan */
    sl_declog_init(&copy.taken);
    double *timing = sl_calloc(ntiming ? ntiming : 1, sizeof *timing);
    double seeds[SEEDS_SENT];
    if (!timing) return SL_ENOMEM;
    bool more = sl_schedule_stream(&copy, timing, ntiming, seeds, SEEDS_SENT);
    sl_strbuf_printf(b, "\"log\":null,\"more\":%s", more ? "true" : "false");
    put_values(b, "timing", timing, ntiming);
    put_values(b, "seeds", seeds, SEEDS_SENT);
    sl_free(timing);
  }
  sl_strbuf_printf(b, ",\"trace\":%s,\"stdout\":%s,\"tracebacks\":%s", o->trace ? "true" : "false",
                   o->stdout_ ? "true" : "false", o->tracebacks ? "true" : "false");
  if (o->max_steps) sl_strbuf_printf(b, ",\"max_steps\":%llu", (unsigned long long)o->max_steps);
  if (o->max_iterations)
    sl_strbuf_printf(b, ",\"max_iterations\":%llu", (unsigned long long)o->max_iterations);
  if (o->max_wall > 0) {
    sl_strbuf_puts(b, ",\"max_wall\":");
    sl_json_put_float(b, o->max_wall);
  }
  /* the memory budget is the process's (--max-memory, core/alloc.h); the
   * child reports it in the same words (budgets.py) */
  sl_strbuf_printf(b, ",\"max_memory\":%llu", (unsigned long long)sl_alloc_budget());
  put_machine(b);
  if (sched->max_time > 0) {
    sl_strbuf_puts(b, ",\"max_time\":");
    sl_json_put_float(b, sched->max_time);
  }
  sl_strbuf_puts(b, "}\n");
  return b->failed ? SL_ENOMEM : SL_EOK;
}

/* How many timing values the request for `sched` carries first. */
static size_t first_ntiming(const sl_schedule *s) {
  if (s->source == SL_SOURCE_BYTES) return s->nbytes;
  if (s->source != SL_SOURCE_STRATEGY) return 0;
  if (s->strategy.kind == SL_STRATEGY_RANDOM) return RANDOM_FIRST;
  return s->plan.n ? (size_t)s->plan.item[s->plan.n - 1].point + 1 : 0;
}

static const char *jstr(const sl_json *obj, const char *key) {
  const sl_json *v = sl_json_get(obj, key);
  return v && v->type == SL_JSON_STRING ? v->s : "";
}
static double jnum(const sl_json *obj, const char *key) {
  const sl_json *v = sl_json_get(obj, key);
  return v && v->type == SL_JSON_NUMBER ? v->d : 0.0;
}

static sl_decision_kind kind_of(const char *k) {
  return !strcmp(k, "cost")        ? SL_DECISION_COST
         : !strcmp(k, "oversleep") ? SL_DECISION_OVERSLEEP
         : !strcmp(k, "seed")      ? SL_DECISION_SEED
         : !strcmp(k, "thread")    ? SL_DECISION_THREAD
                                   : SL_DECISION_IO;
}

/* Fills res from the result line; pushes the decisions into sched. */
static sl_errcode take_result(const sl_json *r, sl_schedule *sched, sl_cpy_result *res) {
  snprintf(res->verdict, sizeof res->verdict, "%s", jstr(r, "verdict"));
  snprintf(res->outcome, sizeof res->outcome, "%s", jstr(r, "outcome"));
  sl_strbuf_puts(&res->detail, jstr(r, "detail"));
  sl_strbuf_puts(&res->report, jstr(r, "report"));
  const sl_json *so = sl_json_get(r, "stdout");
  if (so && so->type == SL_JSON_STRING) sl_strbuf_append(&res->out, so->s, so->n);
  sl_strbuf_puts(&res->traceback, jstr(r, "traceback"));
  res->steps = (uint64_t)jnum(r, "steps");
  res->npoints = (uint64_t)jnum(r, "npoints");
  res->t = jnum(r, "t");
  res->fingerprint = strtoull(jstr(r, "fingerprint"), NULL, 16);
  sched->npoints = res->npoints;
  const sl_json *taken = sl_json_get(r, "taken");
  for (size_t i = 0; taken && taken->type == SL_JSON_ARRAY && i < taken->n; i++) {
    const sl_json *d = taken->items[i];
    if (d->type != SL_JSON_ARRAY || d->n != 4 || d->items[0]->type != SL_JSON_STRING) continue;
    sl_decision dec = {kind_of(d->items[0]->s), d->items[1]->d, true, (uint64_t)d->items[2]->d,
                       (uint32_t)d->items[3]->d};
    if (sl_schedule_taken(sched, &dec)) return SL_ENOMEM;
    if (sched->on_decision) sched->on_decision(sched->on_ctx, dec.step, dec.kind, dec.value);
  }
  return res->detail.failed || res->report.failed || res->out.failed ? SL_ENOMEM : SL_EOK;
}

/* Sends one request, reads the answer; *exhausted when the run asked past
 * the timing values sent. */
static sl_errcode one_request(sl_cpy *c, const sl_strbuf *req, sl_schedule *sched,
                              const sl_cpy_opts *o, sl_cpy_result *res, bool *exhausted,
                              sl_strbuf *err) {
  sl_strbuf_clear(&c->in);
  char head[40];
  /* A request that must start from the server's image first ends the
   * batch a child is running ("0\n"; docs/cpython.md "Speed"). */
  int hn = c->batching && !o->reuse ? snprintf(head, sizeof head, "0\n") : 0;
  hn += snprintf(head + hn, sizeof head - (size_t)hn, "%zu%s\n", req->len, o->reuse ? " r" : "");
  c->batching = false;
  if (!send_all(c->sock, head, (size_t)hn) || !send_all(c->sock, req->data, req->len) ||
      !read_until(c, "{\"ev\":\"exit\"")) {
    sl_strbuf_puts(err, "the CPython fork server ended unexpectedly\n");
    return SL_EIO;
  }
  c->batching = strstr(c->in.data, "{\"ev\":\"exit\",\"status\":0,\"more\":true}") != NULL;
  const char *text = c->in.data;
  size_t len = c->in.len, n;
  const char *rl = find_line(text, len, "{\"ev\":\"result\"", &n);
  if (!rl) {
    size_t en;
    const char *ex = find_line(text, len, "{\"ev\":\"exit\"", &en);
    sl_strbuf_printf(err, "the CPython child running the schedule failed (%.*s)\n", (int)en, ex);
    return SL_EIO;
  }
  sl_json_error je;
  sl_json *r = sl_json_parse(rl, n, &je);
  if (!r) {
    sl_strbuf_printf(err, "the CPython child's answer is not JSON (%s)\n", je.message);
    return SL_EIO;
  }
  const sl_json *ex = sl_json_get(r, "exhausted");
  *exhausted = ex && ex->type == SL_JSON_BOOL && ex->b;
  sl_errcode rc = *exhausted ? SL_EOK : take_result(r, sched, res);
  sl_json_free(r);
  if (rc != SL_EOK || *exhausted || !o->trace) return rc;
  sl_trace_list list = {0};
  rc = sl_jsonl_read_buf("CPython trace", text, (size_t)(rl - text), &list, err);
  if (rc == SL_EOK && list.n >= 1) {
    res->trace = list.runs[0];
    sl_trace_init(&list.runs[0]);
    res->has_trace = true;
  }
  sl_trace_list_free(&list);
  return rc;
}

sl_errcode sl_cpy_trial(sl_cpy *c, sl_schedule *sched, const sl_cpy_opts *o, sl_cpy_result *res,
                        sl_strbuf *err) {
  sl_cpy_result_free(res);
  for (size_t ntiming = first_ntiming(sched);; ntiming *= 2) {
    sl_strbuf req = SL_STRBUF_INIT;
    bool exhausted = false;
    sl_errcode rc = build_request(sched, ntiming, o, &req);
    if (rc == SL_EOK) rc = one_request(c, &req, sched, o, res, &exhausted, err);
    sl_strbuf_free(&req);
    if (rc != SL_EOK || !exhausted) return rc;
  }
}
