/* Streaming a run to JSONL and/or a trace database (see tstream.h). */
#include "traces/tstream.h"

#include <errno.h>

#include "core/alloc.h"
#include "traces/jsonl.h"
#include "traces/sha256.h"

/* JSONL text is written once this much has gathered: one fwrite per line
 * was a large part of writing a million-event trace. */
#define CHUNK (256u << 10)

struct sl_tstream {
  FILE *jsonl;           /* borrowed; NULL: no JSONL */
  sl_tracedb_writer *db; /* owned; NULL: no database, or already ended */
  sl_sha256 hash;        /* the trace hash so far (with a database) */
  /* JSONL not yet written or hashed: both are done a chunk at a time (the
   * hash of each ~70-byte line on its own cost a third more than of the
   * same text in large pieces). */
  sl_strbuf text;
  size_t unhashed;   /* text's first bytes that the hash leaves out (the run line) */
  sl_errcode failed; /* SL_EOK or the first failure */
  int write_errno;   /* errno of a failed JSONL write */
};

int sl_tstream_write_errno(const sl_tstream *s) { return s->write_errno; }

/* Hashes (with a database) and writes (with JSONL) the gathered text:
 * all of it when `all`, else once a chunk has gathered. */
static void flush_text(sl_tstream *s, bool all) {
  if (s->text.len < CHUNK && !all) return;
  if (s->db && s->text.len > s->unhashed)
    sl_sha256_update(&s->hash, s->text.data + s->unhashed, s->text.len - s->unhashed);
  s->unhashed = 0;
  if (s->jsonl && s->text.len && fwrite(s->text.data, 1, s->text.len, s->jsonl) != s->text.len) {
    s->write_errno = errno ? errno : EIO;
    s->failed = SL_EIO;
  }
  sl_strbuf_clear(&s->text);
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
  s->text = (sl_strbuf)SL_STRBUF_INIT;
  sl_sha256_init(&s->hash);
  if (db) {
    sl_errcode rc = sl_tracedb_writer_begin(db, m, &s->db, err);
    if (rc != SL_EOK) {
      sl_free(s);
      return rc;
    }
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
  sl_tracedb_writer_abort(s->db);
  sl_strbuf_free(&s->text);
  sl_free(s);
}
