/* Recording a scenario run to a trace database and/or JSONL (runrec.h). */
#include "sim/runrec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/outfile.h"
#include "sim/version.h"
#include "traces/tracedb.h"

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

int sl_runrec_begin(sl_runrec *r, const char *cmd, const char *db, const char *jsonl,
                    sl_scenario_opts *opts) {
  memset(r, 0, sizeof *r);
  if (!db && !jsonl) return 0;
  sl_strbuf cerr = SL_STRBUF_INIT;
  if ((db && sl_db_check_writable(db, &cerr) != SL_EOK) ||
      (jsonl && sl_output_check(jsonl, &cerr) != SL_EOK)) {
    fprintf(stderr, "simloop %s: %s", cmd, cerr.len ? sl_strbuf_cstr(&cerr) : "out of memory\n");
    sl_strbuf_free(&cerr);
    return 2;
  }
  sl_strbuf_free(&cerr);
  r->db = db;
  r->jsonl = jsonl;
  r->rec = sl_recorder_new();
  if (!r->rec) {
    fprintf(stderr, "simloop %s: out of memory\n", cmd);
    return 2;
  }
  const sl_profile *p = opts->profile ? opts->profile : sl_profile_default();
  sl_run_info info = {"simloop", sl_version(), p->name, "sim",    opts->path,
                      NULL,      false,        0,       "default"};
  sl_strbuf err = SL_STRBUF_INIT;
  if (sl_recorder_begin(r->rec, &info, &err) != SL_EOK) {
    fprintf(stderr, "simloop %s: %s", cmd, err.len ? sl_strbuf_cstr(&err) : "out of memory\n");
    sl_strbuf_free(&err);
    sl_recorder_free(r->rec);
    r->rec = NULL;
    return 2;
  }
  r->obs = sl_recorder_observer(r->rec);
  if (opts->decider) r->inner = *opts->decider;
  r->dec = sl_logged_decider_make(&r->ld, opts->decider ? &r->inner : NULL, r->rec);
  opts->observer = &r->obs; /* the one observer the runner takes */
  opts->decider = &r->dec;
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
  } else if (sl_recorder_failed(r->rec)) {
    fprintf(stderr, "simloop %s: out of memory while recording; nothing recorded\n", cmd);
    status = 2;
  }
  if (!status && r->db) {
    sl_tracedb *db;
    if (sl_tracedb_open(r->db, true, &db, &err) == SL_EOK) {
      if (sl_recorder_store(r->rec, db, &err) == SL_EOK)
        fprintf(stderr, "simloop %s: run %" PRId64 " stored in %s\n", cmd,
                sl_recorder_trace(r->rec)->id, r->db);
      sl_tracedb_close(db);
    }
    if (err.len) {
      fprintf(stderr, "simloop %s: %s", cmd, sl_strbuf_cstr(&err));
      status = 2;
    }
  }
  if (!status && r->jsonl) {
    sl_errcode rc = sl_recorder_save_jsonl(r->rec, r->jsonl, &err);
    if (rc != SL_EOK) {
      fprintf(stderr, "simloop %s: %s", cmd,
              rc == SL_ENOMEM ? "out of memory\n" : sl_strbuf_cstr(&err));
      status = 2;
    }
  }
  sl_strbuf_free(&err);
  sl_recorder_free(r->rec);
  r->rec = NULL;
  return status;
}
