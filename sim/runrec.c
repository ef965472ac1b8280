/* Recording a scenario run to a trace database and/or JSONL (runrec.h). */
#include "sim/runrec.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/version.h"
#include "traces/tracedb.h"
#include "traces/tstream.h"

sl_errcode sl_db_check_writable(const char *db, sl_strbuf *err) {
  struct stat st;
  if (stat(db, &st) != 0 || S_ISDIR(st.st_mode)) return sl_output_check(db, err);
  sl_tracedb *tdb;
  sl_errcode rc = sl_tracedb_open(db, true, &tdb, err);
  if (rc == SL_EOK) sl_tracedb_close(tdb);
  return rc;
}

sl_errcode sl_recorder_save_jsonl(sl_recorder *rec, const char *path, sl_strbuf *err) {
  if (sl_recorder_failed(rec)) return SL_ENOMEM;
  sl_output out;
  sl_errcode rc = sl_output_open(&out, path, err);
  if (rc != SL_EOK) return rc;
  rc = sl_recorder_write_jsonl(rec, out.f);
  /* A failed write is reported by the close (it sees the stream's error). */
  sl_errcode closed = sl_output_close(&out, rc != SL_ENOMEM, err);
  return rc != SL_EOK ? rc : closed;
}

/* Prints "simloop CMD: " and the message (or "out of memory"). */
static void complain(const char *cmd, sl_strbuf *err) {
  fprintf(stderr, "simloop %s: %s", cmd, err->len ? sl_strbuf_cstr(err) : "out of memory\n");
}

/* Opens the outputs and points the recorder at a stream writing them. */
static sl_errcode open_stream(sl_runrec *r, sl_strbuf *err) {
  sl_errcode rc = SL_EOK;
  if (r->db) rc = sl_tracedb_create(r->db, &r->tdb, err);
  if (rc == SL_EOK && r->jsonl && (rc = sl_output_open(&r->out, r->jsonl, err)) == SL_EOK)
    r->out_open = true;
  if (rc == SL_EOK)
    rc = sl_tstream_begin(r->out_open ? r->out.f : NULL, r->tdb, &sl_recorder_trace(r->rec)->meta,
                          &r->stream, err);
  if (rc != SL_EOK) return rc;
  sl_tev_sink sink = sl_tstream_sink(r->stream);
  sl_recorder_stream(r->rec, &sink);
  return SL_EOK;
}

/* Closes what open_stream opened. A new database is moved into place
 * only with `keep_db` (*id may change then); the JSONL file is kept only
 * with `keep_jsonl` (a write error is then reported in err). Returns the
 * first failure's code. */
static sl_errcode close_stream(sl_runrec *r, bool keep_db, bool keep_jsonl, int64_t *id,
                               sl_strbuf *err) {
  sl_tstream_free(r->stream);
  r->stream = NULL;
  sl_errcode rc = SL_EOK;
  if (keep_db && r->tdb) rc = sl_tracedb_publish(r->tdb, id, err);
  if (r->out_open) {
    sl_errcode closed = sl_output_close(&r->out, keep_jsonl && rc == SL_EOK, err);
    if (rc == SL_EOK) rc = closed;
  }
  r->out_open = false;
  sl_tracedb_close(r->tdb);
  r->tdb = NULL;
  return rc;
}

int sl_runrec_begin(sl_runrec *r, const char *cmd, const char *db, const char *jsonl,
                    sl_scenario_opts *opts) {
  memset(r, 0, sizeof *r);
  if (!db && !jsonl) return 0;
  sl_strbuf err = SL_STRBUF_INIT;
  if ((db && sl_db_check_writable(db, &err) != SL_EOK) ||
      (jsonl && sl_output_check(jsonl, &err) != SL_EOK)) {
    complain(cmd, &err);
    sl_strbuf_free(&err);
    return 2;
  }
  r->db = db;
  r->jsonl = jsonl;
  r->rec = sl_recorder_new();
  const sl_profile *p = opts->profile ? opts->profile : sl_profile_default();
  sl_run_info info = {"simloop", sl_version(), p->name, "sim",    opts->path,
                      NULL,      false,        0,       "default"};
  if (!r->rec || sl_recorder_begin(r->rec, &info, &err) != SL_EOK ||
      open_stream(r, &err) != SL_EOK) {
    complain(cmd, &err);
    sl_strbuf_free(&err);
    close_stream(r, false, false, NULL, NULL);
    sl_recorder_free(r->rec);
    r->rec = NULL;
    return 2;
  }
  sl_strbuf_free(&err);
  r->obs = sl_recorder_observer(r->rec);
  opts->observer = &r->obs; /* the one observer the runner takes */
  /* Decisions are logged only when something makes them: without a
   * decider every one is 0, which the trace leaves out, and the run keeps
   * the selector's path that asks nothing (~90 instructions a handle). */
  if (opts->decider) {
    r->inner = *opts->decider;
    r->dec = sl_logged_decider_make(&r->ld, &r->inner, r->rec);
    opts->decider = &r->dec;
  }
  return 0;
}

bool sl_runrec_end(sl_recorder *rec, const sl_scenario_result *res) {
  const char *outcome = NULL, *detail = NULL;
  switch (res->outcome) {
  case SL_OUTCOME_OK: outcome = "ok"; break;
  case SL_OUTCOME_EXCEPTION:
    outcome = "exception";
    detail = res->summary.len ? res->summary.data : NULL;
    break;
  case SL_OUTCOME_DEADLOCK: outcome = "deadlock"; break;
  case SL_OUTCOME_BUDGET: outcome = "budget"; break;
  case SL_OUTCOME_NOMEM:
  case SL_OUTCOME_ERROR: return false;
  }
  sl_recorder_end(rec, outcome, detail, res->steps, res->time);
  return true;
}

int sl_runrec_finish(sl_runrec *r, const char *cmd, const sl_scenario_result *res) {
  if (!r->rec) return 0;
  int status = 0;
  sl_strbuf err = SL_STRBUF_INIT;
  if (!sl_runrec_end(r->rec, res)) {
    fprintf(stderr, "simloop %s: the run did not happen; nothing recorded\n", cmd);
    status = 2;
  }
  int64_t id = 0;
  sl_errcode rc =
      status ? SL_EOK : sl_tstream_end(r->stream, &sl_recorder_trace(r->rec)->meta, &id, &err);
  /* The events were written while the run went on; what failed then (a
   * full disk, the database) is reported now, and nothing is kept. */
  if (!status && rc == SL_EIO && !err.len && r->out_open) {
    errno = sl_tstream_write_errno(r->stream);
    close_stream(r, false, true, &id, &err); /* the write's error */
  }
  if (!status && rc != SL_EOK) {
    if (rc == SL_ENOMEM && !err.len)
      fprintf(stderr, "simloop %s: out of memory while recording; nothing recorded\n", cmd);
    else
      complain(cmd, &err);
    status = 2;
  } else if (!status && sl_recorder_failed(r->rec)) {
    fprintf(stderr, "simloop %s: out of memory while recording; nothing recorded\n", cmd);
    status = 2;
  }
  sl_strbuf_clear(&err);
  if (close_stream(r, !status, !status, &id, &err) != SL_EOK) {
    complain(cmd, &err);
    status = 2;
  } else if (!status && r->db) {
    fprintf(stderr, "simloop %s: run %" PRId64 " stored in %s\n", cmd, id, r->db);
  }
  sl_strbuf_free(&err);
  sl_recorder_free(r->rec);
  r->rec = NULL;
  return status;
}
