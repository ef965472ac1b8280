/* Streaming a run to JSONL and/or a trace database (see tstream.h). */
#include "traces/tstream.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "core/alloc.h"
#include "traces/jsonl.h"
#include "traces/sha256.h"

/* Events are handed on once this much has gathered: one fwrite per line
 * was a large part of writing a million-event trace. */
#define CHUNK (256u << 10)

/* A long run's events are made into JSONL, hashed and written by a second
 * thread while the run goes on: the canonical text (71 MB for a million
 * events), its SHA-256 and the JSONL's writes were most of a recorded
 * run's own time, and none of them needs the run. The run only copies
 * each event into a chunk of records (record_put); the thread starts at
 * the first full chunk (a short run never starts one) and takes one chunk
 * at a time: the run fills one buffer while the thread empties the other.
 * Only the thread touches `hash`, `jsonl` and `lines` while it runs; `mu`
 * orders every hand-over. The thread allocates nothing: simloop's
 * allocator counts for the run's thread alone (the memory budget, failure
 * injection), so `lines` is given room for the whole chunk beforehand,
 * and a line whose making could allocate is made by the run. */
typedef struct chunk_writer {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  bool started, busy, quit;
  sl_strbuf job;     /* the records being written (owned; kept for reuse) */
  sl_errcode failed; /* the thread's first failure */
  int write_errno;
} chunk_writer;

struct sl_tstream {
  FILE *jsonl;           /* borrowed; NULL: no JSONL */
  sl_tracedb_writer *db; /* owned; NULL: no database, or already ended */
  sl_sha256 hash;        /* the trace hash so far (with a database) */
  sl_strbuf records;     /* events not yet handed on (record_put) */
  size_t lines_room;     /* the most JSONL text `records` can make */
  sl_strbuf lines;       /* JSONL made from records (owned; kept for reuse) */
  sl_errcode failed;     /* SL_EOK or the first failure */
  int write_errno;       /* errno of a failed JSONL write */
  chunk_writer w;
};

int sl_tstream_write_errno(const sl_tstream *s) { return s->write_errno; }

/* ---- records ------------------------------------------------------------
 * An event as the run hands it on, after a record_head: either a step or
 * handle event's fields (record_ev) and its name's bytes, a copy, as the
 * event's strings are borrowed for the call only; or the event's JSONL
 * line already made. Records are padded to 8 bytes. Small records keep
 * the memory the two threads pass between them small: a whole sl_tev per
 * handle was twice the JSONL's bytes, and the thread's time went up by
 * as much as the run's went down. */

typedef struct record_head {
  uint32_t size; /* the whole record's */
  uint32_t line; /* 0: a record_ev follows; else the length of its line */
} record_head;

typedef struct record_ev {
  uint64_t step;
  double t, timeout;
  uint32_t pos;
  uint32_t name_n;
  uint8_t kind, has_timeout, has_name;
} record_ev;

/* Room in `lines` that a step or handle line and its newline can need,
 * beyond 6 bytes for each byte of its name (the longest escape): the
 * line's own ~100 bytes and the room sl_jsonl_event reserves ahead. */
#define LINE_ROOM 320

static size_t padded(size_t n) { return (n + 7) & ~(size_t)7; }

/* Whether the writer thread may make e's line: a step or handle line with
 * whole times; any other float goes through a repr that allocates, and
 * the other events are few. */
static bool deferred(const sl_tev *e) {
  if (!sl_json_whole_float(e->t)) return false;
  if (e->kind == SL_TEV_HANDLE) return true;
  return e->kind == SL_TEV_STEP && (!e->has_timeout || sl_json_whole_float(e->timeout));
}

/* Appends the record of e to the stream's records. */
static bool record_put(sl_tstream *s, const sl_tev *e) {
  sl_strbuf *b = &s->records;
  size_t at = b->len;
  record_head h = {0, 0};
  if (deferred(e)) {
    size_t na = e->a.p ? e->a.n : 0, size = padded(sizeof h + sizeof(record_ev) + na);
    if (!sl_strbuf_reserve(b, size)) return false;
    record_ev r = {e->step,          e->t,           e->timeout,    e->pos, (uint32_t)na,
                   (uint8_t)e->kind, e->has_timeout, e->a.p != NULL};
    char *p = b->data + at + sizeof h;
    memcpy(p, &r, sizeof r);
    if (na) memcpy(p + sizeof r, e->a.p, na);
    h.size = (uint32_t)size;
    s->lines_room += LINE_ROOM + 6 * na;
  } else {
    if (!sl_strbuf_reserve(b, sizeof h)) return false;
    b->len += sizeof h;
    sl_jsonl_event(b, e);
    sl_strbuf_putc(b, '\n');
    size_t line = b->len - at - sizeof h, size = padded(sizeof h + line);
    if (!sl_strbuf_reserve(b, size - sizeof h - line)) return false;
    h.size = (uint32_t)size;
    h.line = (uint32_t)line;
    s->lines_room += line + 1;
  }
  memcpy(b->data + at, &h, sizeof h);
  b->len = at + h.size;
  b->data[b->len] = '\0';
  return true;
}

/* Appends the JSONL lines of the records in r. */
static void records_to_jsonl(const sl_strbuf *r, sl_strbuf *out) {
  for (size_t at = 0; at < r->len;) {
    record_head h;
    memcpy(&h, r->data + at, sizeof h);
    const char *p = r->data + at + sizeof h;
    at += h.size;
    if (h.line) {
      sl_strbuf_append(out, p, h.line);
      continue;
    }
    record_ev v;
    memcpy(&v, p, sizeof v);
    sl_tev e = {.kind = (sl_tev_kind)v.kind, .step = v.step, .pos = v.pos, .t = v.t};
    e.has_timeout = v.has_timeout;
    e.timeout = v.timeout;
    if (v.has_name) e.a = (sl_tstr){(char *)p + sizeof v, v.name_n};
    sl_jsonl_event(out, &e);
    sl_strbuf_putc(out, '\n');
  }
}

/* Hashes (with a database; without its first `unhashed` bytes) and writes
 * (with JSONL) text. Returns SL_EOK or SL_EIO with the errno in *e. */
static sl_errcode write_text(sl_tstream *s, const sl_strbuf *t, size_t unhashed, int *e) {
  if (s->db && t->len > unhashed) sl_sha256_update(&s->hash, t->data + unhashed, t->len - unhashed);
  if (s->jsonl && t->len && fwrite(t->data, 1, t->len, s->jsonl) != t->len) {
    *e = errno ? errno : EIO;
    return SL_EIO;
  }
  return SL_EOK;
}

/* Makes the JSONL of records r (in `lines`), hashes and writes it. */
static sl_errcode write_records(sl_tstream *s, const sl_strbuf *r, int *e) {
  sl_strbuf_clear(&s->lines);
  records_to_jsonl(r, &s->lines);
  if (s->lines.failed) return SL_ENOMEM;
  return write_text(s, &s->lines, 0, e);
}

static void *writer_main(void *arg) {
  sl_tstream *s = arg;
  chunk_writer *w = &s->w;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while (!w->busy && !w->quit) pthread_cond_wait(&w->cv, &w->mu);
    if (!w->busy) break;
    pthread_mutex_unlock(&w->mu);
    int e = 0;
    sl_errcode rc = w->failed == SL_EOK ? write_records(s, &w->job, &e) : SL_EOK;
    pthread_mutex_lock(&w->mu);
    if (rc != SL_EOK && w->failed == SL_EOK) {
      w->failed = rc;
      w->write_errno = e;
    }
    sl_strbuf_clear(&w->job);
    w->busy = false;
    pthread_cond_broadcast(&w->cv);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

/* Waits until the thread has written what it was given, and takes over
 * its failure. Called with `mu` held. */
static void writer_wait(sl_tstream *s) {
  chunk_writer *w = &s->w;
  while (w->busy) pthread_cond_wait(&w->cv, &w->mu);
  if (w->failed != SL_EOK && s->failed == SL_EOK) {
    s->failed = w->failed;
    s->write_errno = w->write_errno;
  }
}

/* Starts the thread; false (the chunk is then written here) when the
 * system gives no thread. */
static bool writer_start(sl_tstream *s) {
  chunk_writer *w = &s->w;
  if (pthread_mutex_init(&w->mu, NULL)) return false;
  if (pthread_cond_init(&w->cv, NULL)) {
    pthread_mutex_destroy(&w->mu);
    return false;
  }
  if (pthread_create(&w->thread, NULL, writer_main, s)) {
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    return false;
  }
  return w->started = true;
}

/* Hands the gathered records to the thread, and takes the buffer it emptied. */
static void writer_give(sl_tstream *s) {
  chunk_writer *w = &s->w;
  pthread_mutex_lock(&w->mu);
  writer_wait(s);
  /* The thread's appends to `lines` then never grow it (see above). */
  sl_strbuf_clear(&s->lines);
  if (s->failed == SL_EOK && !sl_strbuf_reserve(&s->lines, s->lines_room)) s->failed = SL_ENOMEM;
  if (s->failed != SL_EOK) {
    pthread_mutex_unlock(&w->mu);
    return;
  }
  sl_strbuf emptied = w->job;
  w->job = s->records;
  s->records = emptied;
  w->busy = true;
  pthread_cond_broadcast(&w->cv);
  pthread_mutex_unlock(&w->mu);
}

/* Stops the thread once it has written everything it was given. */
static void writer_stop(sl_tstream *s) {
  chunk_writer *w = &s->w;
  if (!w->started) return;
  pthread_mutex_lock(&w->mu);
  writer_wait(s);
  w->quit = true;
  pthread_cond_broadcast(&w->cv);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->thread, NULL);
  pthread_cond_destroy(&w->cv);
  pthread_mutex_destroy(&w->mu);
  w->started = false;
}

/* Writes the gathered records: all of them when `all` (at the end, the
 * thread already stopped, so here and in order), else once a chunk has
 * gathered, by the thread when there is one. */
static void flush_records(sl_tstream *s, bool all) {
  if (s->records.len < CHUNK && !all) return;
  if (s->failed != SL_EOK) {
    /* nothing more is written after a failure */
  } else if (!all && (s->w.started || writer_start(s))) {
    writer_give(s);
  } else {
    s->failed = write_records(s, &s->records, &s->write_errno);
  }
  sl_strbuf_clear(&s->records);
  s->lines_room = 0;
}

static bool on_event(void *ctx, const sl_tev *e) {
  sl_tstream *s = ctx;
  if (s->failed != SL_EOK) return false;
  if (!record_put(s, e)) {
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
  flush_records(s, false);
  return s->failed == SL_EOK;
}

sl_tev_sink sl_tstream_sink(sl_tstream *s) {
  sl_tev_sink k = {s, on_event};
  return k;
}

sl_errcode sl_tstream_begin(FILE *jsonl, sl_tracedb *db, const sl_trace_meta *m, sl_tstream **out,
                            sl_strbuf *err) {
  *out = NULL;
  sl_tstream *s = sl_calloc(1, sizeof *s);
  if (!s) return SL_ENOMEM;
  s->jsonl = jsonl;
  s->records = (sl_strbuf)SL_STRBUF_INIT;
  s->lines = (sl_strbuf)SL_STRBUF_INIT;
  sl_sha256_init(&s->hash);
  if (db) {
    sl_errcode rc = sl_tracedb_writer_begin(db, m, &s->db, err);
    if (rc != SL_EOK) {
      sl_free(s);
      return rc;
    }
  }
  if (jsonl) {
    /* The run line is written first; the trace hash leaves it out. */
    sl_jsonl_run_line(&s->lines, m);
    sl_strbuf_putc(&s->lines, '\n');
    if (s->lines.failed) {
      sl_tstream_free(s);
      return SL_ENOMEM;
    }
    s->failed = write_text(s, &s->lines, s->lines.len, &s->write_errno);
  }
  *out = s;
  return SL_EOK;
}

sl_errcode sl_tstream_end(sl_tstream *s, const sl_trace_meta *m, int64_t *id, sl_strbuf *err) {
  *id = 0;
  writer_stop(s); /* whatever happens next, the JSONL file is the caller's again */
  if (s->failed == SL_EOK) flush_records(s, true);
  if (s->failed == SL_EOK) {
    sl_strbuf_clear(&s->lines);
    sl_jsonl_end_line(&s->lines, m);
    sl_strbuf_putc(&s->lines, '\n');
    s->failed = s->lines.failed ? SL_ENOMEM : write_text(s, &s->lines, 0, &s->write_errno);
  }
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
  sl_strbuf_free(&s->records);
  sl_strbuf_free(&s->lines);
  sl_strbuf_free(&s->w.job);
  sl_free(s);
}
