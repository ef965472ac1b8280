/* Streaming a run to JSONL and/or a trace database (see tstream.h). */
#include "traces/tstream.h"

#include <errno.h>
#include <string.h>

#include "core/alloc.h"
#include "traces/jsonl.h"
#include "traces/sha256.h"
#include "traces/tracedb_write-int.h"
#include "traces/worker.h"

/* JSONL text is written once this much has gathered: one fwrite per line
 * was a large part of writing a million-event trace. */
#define CHUNK (256u << 10)

/* A long run's chunks are hashed and written by a second thread while the
 * run goes on: the SHA-256 of the canonical text (71 MB for a million
 * events) and the JSONL's writes were a third of a recorded run's time,
 * and neither needs the run. The thread starts at the first full chunk
 * (a short run never starts one) and takes one chunk at a time: the run
 * fills one buffer while the thread empties the other. Only the thread
 * touches `hash` and `jsonl` while it runs. */
typedef struct chunk_writer {
  sl__worker worker;
  sl_strbuf job;       /* the chunk being written (owned; kept for reuse) */
  size_t job_unhashed; /* its first bytes the hash leaves out */
  sl_errcode failed;   /* the thread's first write failure */
  int write_errno;
} chunk_writer;

struct sl_tstream {
  FILE *jsonl;           /* borrowed; NULL: no JSONL */
  sl_tracedb_writer *db; /* owned; NULL: no database, or already ended */
  sl_sha256 hash;        /* the trace hash so far (with a database) */
  /* JSONL not yet written or hashed: both are done a chunk at a time (the
   * hash of each ~70-byte line on its own cost a third more than of the
   * same text in large pieces). */
  sl_strbuf text;
  size_t unhashed;          /* text's first bytes that the hash leaves out (the run line) */
  sl_jsonl_handles handles; /* the handle lines' parts of the current step */
  sl_errcode failed;        /* SL_EOK or the first failure */
  int write_errno;          /* errno of a failed JSONL write */
  chunk_writer w;
};

int sl_tstream_write_errno(const sl_tstream *s) { return s->write_errno; }

/* Hashes (with a database) and writes (with JSONL) one chunk; the errno of
 * a failed write, or 0. */
static int write_chunk(sl_tstream *s, const sl_strbuf *t, size_t unhashed) {
  if (s->db && t->len > unhashed) sl_sha256_update(&s->hash, t->data + unhashed, t->len - unhashed);
  if (s->jsonl && t->len && fwrite(t->data, 1, t->len, s->jsonl) != t->len)
    return errno ? errno : EIO;
  return 0;
}

/* The thread's job: the chunk handed over. */
static void write_job(void *ctx) {
  sl_tstream *s = ctx;
  chunk_writer *w = &s->w;
  int e = write_chunk(s, &w->job, w->job_unhashed);
  if (e && w->failed == SL_EOK) {
    w->failed = SL_EIO;
    w->write_errno = e;
  }
  sl_strbuf_clear(&w->job);
}

/* Takes over the thread's failure (the thread is idle). */
static void take_failure(sl_tstream *s) {
  chunk_writer *w = &s->w;
  if (w->failed != SL_EOK && s->failed == SL_EOK) {
    s->failed = w->failed;
    s->write_errno = w->write_errno;
  }
}

/* Hands the gathered text to the thread, and takes the buffer it emptied. */
static void writer_give(sl_tstream *s) {
  chunk_writer *w = &s->w;
  sl__worker_idle(&w->worker);
  take_failure(s);
  sl_strbuf emptied = w->job;
  w->job = s->text;
  w->job_unhashed = s->unhashed;
  s->text = emptied;
  sl__worker_give(&w->worker);
}

/* Stops the thread once it has written everything it was given. */
static void writer_stop(sl_tstream *s) {
  if (!s->w.worker.started) return;
  sl__worker_stop(&s->w.worker);
  take_failure(s);
}

/* Hashes (with a database) and writes (with JSONL) the gathered text:
 * all of it when `all` (at the end, the thread already stopped, so here
 * and in order), else once a chunk has gathered. */
static void flush_text(sl_tstream *s, bool all) {
  if (s->text.len < CHUNK && !all) return;
  if (s->failed != SL_EOK) {
    /* nothing more is written after a failure */
  } else if (!all && (s->w.worker.started || sl__worker_start(&s->w.worker, write_job, s))) {
    writer_give(s);
  } else {
    int e = write_chunk(s, &s->text, s->unhashed);
    if (e) {
      s->write_errno = e;
      s->failed = SL_EIO;
    }
  }
  sl_strbuf_clear(&s->text);
  s->unhashed = 0;
}

static bool on_event(void *ctx, const sl_tev *e) {
  sl_tstream *s = ctx;
  if (s->failed != SL_EOK) return false;
  sl_jsonl_event(&s->text, e);
  sl_strbuf_putc(&s->text, '\n');
  if (s->text.failed) {
    s->failed = SL_ENOMEM;
    return false;
  }
  if (s->db) {
    sl_errcode rc = sl_tracedb_writer_event(s->db, e);
    if (rc != SL_EOK) {
      s->failed = rc;
      return false;
    }
  }
  flush_text(s, false);
  return s->failed == SL_EOK;
}

/* After a line: the text's failure taken over, or a full chunk written.
 * Out of line: a chunk fills once in ~3,500 lines. */
static __attribute__((noinline)) bool after_line(sl_tstream *s) {
  if (s->text.failed) {
    s->failed = SL_ENOMEM;
    return false;
  }
  flush_text(s, false);
  return s->failed == SL_EOK;
}

/* A handle's line into the text: copied from its step's parts when it
 * can be, else made whole. In line in both handle slots. */
static inline __attribute__((always_inline)) void
put_handle_line(sl_tstream *s, uint64_t step, uint32_t pos, double t, const char *name, size_t n) {
  if (!name) name = "", n = 0;
  if (!sl_jsonl_handle_nl_copied(&s->text, &s->handles, step, pos, t, name, n))
    sl_jsonl_handle_nl(&s->text, &s->handles, step, pos, t, name, n);
}

/* A handle without a database: its line alone. */
static void on_handle_text(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                           size_t n) {
  sl_tstream *s = ctx;
  if (s->failed != SL_EOK) return;
  put_handle_line(s, step, pos, t, name, n);
  if (s->text.len >= CHUNK || s->text.failed) after_line(s);
}

static void on_handle(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                      size_t n) {
  sl_tstream *s = ctx;
  if (s->failed != SL_EOK) return;
  if (!name) name = "", n = 0;
  put_handle_line(s, step, pos, t, name, n);
  if (s->text.failed) {
    s->failed = SL_ENOMEM;
    return;
  }
  if (!sl__tracedb_writer_handle_quick(s->db, step, pos, t, name, n)) {
    sl_errcode rc = sl_tracedb_writer_handle(s->db, step, pos, t, name, n);
    if (rc != SL_EOK) {
      s->failed = rc;
      return;
    }
  }
  if (s->text.len >= CHUNK) flush_text(s, false);
}

static bool on_step(void *ctx, uint64_t step, double t, bool has_timeout, double timeout) {
  sl_tstream *s = ctx;
  if (s->failed != SL_EOK) return false;
  sl_jsonl_step_nl(&s->text, &s->handles, step, t, has_timeout, timeout);
  if (s->db && !s->text.failed) {
    sl_errcode rc = sl_tracedb_writer_step(s->db, step, t, has_timeout, timeout);
    if (rc != SL_EOK) {
      s->failed = rc;
      return false;
    }
  }
  return s->text.len < CHUNK && !s->text.failed ? true : after_line(s);
}

sl_tev_sink sl_tstream_sink(sl_tstream *s) {
  sl_tev_sink k = {s, on_event, s->db ? on_handle : on_handle_text, on_step};
  return k;
}

sl_errcode sl_tstream_begin(FILE *jsonl, sl_tracedb *db, const sl_trace_meta *m, sl_tstream **out,
                            sl_strbuf *err) {
  *out = NULL;
  sl_tstream *s = sl_calloc(1, sizeof *s);
  if (!s) return SL_ENOMEM;
  s->jsonl = jsonl;
  s->text = (sl_strbuf)SL_STRBUF_INIT;
  sl_sha256_init(&s->hash);
  if (db) {
    sl_errcode rc = sl_tracedb_writer_begin(db, m, &s->db, err);
    if (rc != SL_EOK) {
      sl_free(s);
      return rc;
    }
    sl_tracedb_writer_use_thread(s->db); /* the run goes on meanwhile */
  }
  if (jsonl) {
    sl_jsonl_run_line(&s->text, m);
    sl_strbuf_putc(&s->text, '\n');
    s->unhashed = s->text.len; /* the trace hash covers the events and the end line */
    if (s->text.failed) {
      sl_tstream_free(s);
      return SL_ENOMEM;
    }
  }
  *out = s;
  return SL_EOK;
}

sl_errcode sl_tstream_end(sl_tstream *s, const sl_trace_meta *m, int64_t *id, sl_strbuf *err) {
  *id = 0;
  writer_stop(s); /* whatever happens next, the JSONL file is the caller's again */
  if (s->failed == SL_EOK) {
    sl_jsonl_end_line(&s->text, m);
    sl_strbuf_putc(&s->text, '\n');
    if (s->text.failed) s->failed = SL_ENOMEM;
  }
  if (s->failed == SL_EOK) flush_text(s, true);
  if (s->failed == SL_EOK && s->jsonl && fflush(s->jsonl) != 0) {
    s->write_errno = errno ? errno : EIO;
    s->failed = SL_EIO;
  }
  if (!s->db) return s->failed;
  sl_tracedb_writer *w = s->db;
  s->db = NULL;
  if (s->failed != SL_EOK) {
    const char *why = sl_tracedb_writer_error(w);
    if (why) sl_strbuf_puts(err, why);
    sl_tracedb_writer_abort(w);
    return s->failed;
  }
  char hex[65];
  sl_sha256_final_hex(&s->hash, hex);
  return s->failed = sl_tracedb_writer_end(w, m, hex, id, err);
}

void sl_tstream_free(sl_tstream *s) {
  if (!s) return;
  writer_stop(s);
  sl_tracedb_writer_abort(s->db);
  sl_strbuf_free(&s->text);
  sl_strbuf_free(&s->w.job);
  sl_free(s);
}
