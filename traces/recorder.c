/* The recording observer (see recorder.h). Every slot makes one event and
 * appends it to the in-memory trace, or hands it to the stream's sink
 * (traces/tstream.h), which writes it inside a transaction / temporary file
 * that only the run's end commits: either way a stored run is
 * all-or-nothing. */
#include "traces/recorder.h"

#include <errno.h>
#include <string.h>

#include "core/alloc.h"
#include "traces/jsonl.h"
#include "traces/sha256.h"

struct sl_recorder {
  sl_trace trace;   /* owned; only its metadata when streaming */
  sl_tev_sink sink; /* streaming: where events go (sink.event NULL: kept) */
  uint64_t step;    /* index of the last step_begin */
  bool failed;      /* an allocation or the sink failed: the trace is incomplete */
};

sl_recorder *sl_recorder_new(void) {
  sl_recorder *rec = sl_calloc(1, sizeof *rec);
  if (rec) sl_trace_init(&rec->trace);
  return rec;
}

void sl_recorder_adopt(sl_recorder *rec, sl_trace *tr) {
  sl_trace_free(&rec->trace);
  rec->trace = *tr;
  sl_trace_init(tr);
}

void sl_recorder_free(sl_recorder *rec) {
  if (!rec) return;
  sl_trace_free(&rec->trace);
  sl_free(rec);
}

void sl_recorder_stream(sl_recorder *rec, const sl_tev_sink *sink) { rec->sink = *sink; }

uint64_t sl_recorder_step(const sl_recorder *rec) { return rec->step; }
bool sl_recorder_failed(const sl_recorder *rec) { return rec->failed; }
sl_trace *sl_recorder_trace(sl_recorder *rec) { return &rec->trace; }

sl_errcode sl_sha256_file(const char *path, char hex[65], sl_strbuf *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    sl_strbuf_printf(err, "%s: cannot open: %s\n", path, strerror(errno));
    return SL_EIO;
  }
  sl_sha256 c;
  unsigned char buf[65536];
  size_t n;
  sl_sha256_init(&c);
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) sl_sha256_update(&c, buf, n);
  bool bad = ferror(f);
  fclose(f);
  if (bad) {
    sl_strbuf_printf(err, "%s: read error\n", path);
    return SL_EIO;
  }
  sl_sha256_final_hex(&c, hex);
  return SL_EOK;
}

sl_errcode sl_recorder_begin(sl_recorder *rec, const sl_run_info *info, sl_strbuf *err) {
  char hex[65];
  const char *sha = info->sha256;
  if (!sha) {
    sl_errcode rc = sl_sha256_file(info->scenario, hex, err);
    if (rc != SL_EOK) return rc;
    sha = hex;
  }
  sl_trace_meta *m = &rec->trace.meta;
  m->has_seed = info->has_seed;
  m->seed = info->seed;
  bool ok = sl_tstr_setz(&m->engine, info->engine) &&
            sl_tstr_setz(&m->engine_version, info->engine_version) &&
            sl_tstr_setz(&m->python, info->python) && sl_tstr_setz(&m->impl, info->impl) &&
            sl_tstr_setz(&m->scenario, info->scenario) && sl_tstr_setz(&m->sha256, sha) &&
            sl_tstr_setz(&m->strategy, info->strategy);
  if (!ok) rec->failed = true;
  return ok ? SL_EOK : SL_ENOMEM;
}

/* Hands a finished event on: to the sink when streaming, else appended to
 * the trace with its strings interned in the trace's pool. `ev`'s strings
 * are borrowed for the call. */
static void emit(sl_recorder *rec, const sl_tev *ev) {
  if (rec->failed) return;
  if (rec->sink.event) {
    if (!rec->sink.event(rec->sink.ctx, ev)) rec->failed = true;
    return;
  }
  sl_tev *e = sl_trace_push(&rec->trace, ev->kind);
  if (!e) {
    rec->failed = true;
    return;
  }
  *e = *ev;
  e->pooled = true;
  bool ok = sl_trace_intern(&rec->trace, &e->a, ev->a.p, ev->a.n);
  if (!ok || !sl_trace_intern(&rec->trace, &e->b, ev->b.p, ev->b.n)) {
    e->a = e->b = (sl_tstr){NULL, 0};
    rec->failed = true;
  }
}

/* A borrowed string (NULL: JSON null). */
static sl_tstr borrow(const char *s, size_t n) { return (sl_tstr){(char *)s, s ? n : 0}; }
static sl_tstr borrowz(const char *s) { return borrow(s, s ? strlen(s) : 0); }

/* A string of the run's metadata (owned). */
static void set_meta(sl_recorder *rec, sl_tstr *dst, const char *s, size_t n) {
  if (!sl_tstr_set(dst, s, n)) rec->failed = true;
}

static void on_step(void *ctx, uint64_t step, double t, bool has_timeout, double timeout) {
  sl_recorder *rec = ctx;
  rec->step = step;
  if (!has_timeout) timeout = 0;
  if (rec->sink.step) {
    if (!rec->failed && !rec->sink.step(rec->sink.ctx, step, t, has_timeout, timeout))
      rec->failed = true;
    return;
  }
  sl_tev e = {.kind = SL_TEV_STEP, .step = step, .t = t, .has_timeout = has_timeout};
  e.timeout = timeout;
  emit(rec, &e);
}

static void on_handle(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                      size_t len) {
  sl_recorder *rec = ctx;
  if (rec->sink.handle) {
    rec->sink.handle(rec->sink.ctx, step, pos, t, name, len);
    return;
  }
  sl_tev e = {.kind = SL_TEV_HANDLE, .step = step, .pos = pos, .t = t};
  e.a = name ? borrow(name, len) : borrow("", 0);
  emit(ctx, &e);
}

static void on_task(sl_recorder *rec, const sl_task_info *info, bool done) {
  sl_tev e = {.kind = done ? SL_TEV_TASK_DONE : SL_TEV_TASK, .task = info->ordinal};
  e.step = info->step;
  if (done) {
    e.a = borrowz(info->outcome);
    e.b = borrowz(info->detail);
  } else {
    e.parent = info->parent_ordinal;
    e.a = borrowz(info->name);
    e.b = borrowz(info->coro);
  }
  emit(rec, &e);
}

static void on_task_created(void *ctx, const sl_task_info *info) { on_task(ctx, info, false); }
static void on_task_done(void *ctx, const sl_task_info *info) { on_task(ctx, info, true); }

static void on_timer(void *ctx, uint64_t step, bool cancelled, double when) {
  sl_tev e = {.kind = SL_TEV_TIMER, .step = step, .cancelled = cancelled, .t = when};
  emit(ctx, &e);
}

static void on_output(void *ctx, uint64_t step, uint64_t task, const char *text, size_t len) {
  sl_tev e = {.kind = SL_TEV_OUTPUT, .step = step, .task = task};
  e.a = text ? borrow(text, len) : borrow("", 0);
  emit(ctx, &e);
}

static void on_error(void *ctx, uint64_t step, const char *message, const char *exception) {
  sl_tev e = {.kind = SL_TEV_ERROR, .step = step, .a = borrowz(message), .b = borrowz(exception)};
  emit(ctx, &e);
}

static void on_sock(void *ctx, const sl_sock_info *info) {
  sl_tev e = {.kind = SL_TEV_SOCK, .step = info->step, .conn = info->conn, .fd = info->fd};
  e.peer = info->peer;
  e.n = info->n;
  e.t = info->t;
  e.a = borrowz(info->op);
  emit(ctx, &e);
}

sl_observer sl_recorder_observer(sl_recorder *rec) {
  sl_observer o = {rec,      on_step,   on_handle, on_task_created, on_task_done,
                   on_timer, on_output, on_error,  on_sock,         NULL};
  return o;
}

void sl_recorder_decision(sl_recorder *rec, const char *kind, double value) {
  if (value == 0) return;
  sl_tev e = {.kind = SL_TEV_DECISION, .step = rec->step, .t = value, .a = borrowz(kind)};
  emit(rec, &e);
}

void sl_recorder_end(sl_recorder *rec, const char *outcome, const char *detail, uint64_t steps,
                     double t) {
  sl_trace_meta *m = &rec->trace.meta;
  m->ended = true;
  m->steps = steps;
  m->t = t;
  set_meta(rec, &m->outcome, outcome, strlen(outcome));
  set_meta(rec, &m->detail, detail, detail ? strlen(detail) : 0);
}

sl_errcode sl_recorder_store(sl_recorder *rec, sl_tracedb *db, sl_strbuf *err) {
  if (rec->failed) {
    sl_strbuf_printf(err, "%s: out of memory while recording; nothing was stored\n",
                     sl_tracedb_path(db));
    return SL_ENOMEM;
  }
  return sl_tracedb_store(db, &rec->trace, err);
}

sl_errcode sl_recorder_write_jsonl(sl_recorder *rec, FILE *f) {
  if (rec->failed) return SL_ENOMEM;
  return sl_jsonl_write(f, &rec->trace);
}
