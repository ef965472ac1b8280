/* `simloop run --engine cpython FILE`: the program under the native
 * CPython through the oracle's fork server (docs/cpython.md), with the
 * same outputs and exit statuses as simloop's own `run` (cmd_run.c). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/cpyengine.h"
#include "sim/outfile.h"
#include "sim/runrec.h"
#include "sim/trial.h"
#include "traces/recorder.h"
#include "traces/tracedb.h"

/* Stores and/or writes the trace as `simloop run` does; 0 or 2. */
static int record(sl_cpy_result *res, const char *db, const char *jsonl) {
  sl_recorder *rec = sl_recorder_new();
  sl_strbuf err = SL_STRBUF_INIT;
  int status = 0;
  if (!rec || !res->has_trace) {
    fprintf(stderr, "simloop run: %s\n", rec ? "no trace came back from CPython" : "out of memory");
    sl_recorder_free(rec);
    return 2;
  }
  sl_recorder_adopt(rec, &res->trace);
  sl_trace *tr = sl_recorder_trace(rec);
  sl_tstr_setz(&tr->meta.strategy, "default");
  if (db) {
    sl_tracedb *tdb;
    if (sl_tracedb_open(db, true, &tdb, &err) == SL_EOK) {
      if (sl_recorder_store(rec, tdb, &err) == SL_EOK)
        fprintf(stderr, "simloop run: run %" PRId64 " stored in %s\n", tr->id, db);
      else
        status = 2;
      sl_tracedb_close(tdb);
    } else {
      status = 2;
    }
  }
  if (!status && jsonl && sl_recorder_save_jsonl(rec, jsonl, &err) != SL_EOK) status = 2;
  if (status)
    fprintf(stderr, "simloop run: %s", err.len ? sl_strbuf_cstr(&err) : "cannot record\n");
  sl_strbuf_free(&err);
  sl_recorder_free(rec);
  return status;
}

/* How the run ended, where the user looks; the exit status (cmd_run.c's
 * report_outcome). */
static int report(const sl_cpy_result *res) {
  if (!strcmp(res->outcome, "ok")) return 0;
  if (!strcmp(res->outcome, "exception") && strcmp(res->verdict, "error")) {
    fputs(res->traceback.data ? res->traceback.data : "", stderr);
    return 1;
  }
  fprintf(stderr, "simloop: %s", res->report.data ? res->report.data : "");
  return 1;
}

int sl_cmd_run_cpython(const char *path, const char *python, const sl_trial_opts *budgets,
                       const char *db, const char *jsonl) {
  sl_strbuf err = SL_STRBUF_INIT;
  if ((db && sl_db_check_writable(db, &err)) || (jsonl && sl_output_check(jsonl, &err))) {
    fprintf(stderr, "simloop run: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    return 2;
  }
  sl_cpy *c = NULL;
  char exact[16];
  if (sl_cpy_start(path, python, true, &c, exact, &err) != SL_EOK) {
    fprintf(stderr, "%s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    return 2;
  }
  sl_schedule s;
  sl_schedule_init_default(&s);
  s.max_time = budgets->max_time;
  sl_cpy_opts o = {.trace = db || jsonl, .stdout_ = true, .tracebacks = true};
  sl_trial_cpy_budgets(budgets, &o);
  sl_cpy_result res;
  sl_cpy_result_init(&res);
  int status = 2;
  if (sl_cpy_trial(c, &s, &o, &res, &err) != SL_EOK) {
    fprintf(stderr, "simloop run: %s", sl_strbuf_cstr(&err));
  } else {
    /* With the trace on stdout, the program's own output goes to stderr. */
    FILE *out = jsonl && !strcmp(jsonl, "-") ? stderr : stdout;
    fwrite(res.out.data ? res.out.data : "", 1, res.out.len, out);
    fflush(out);
    int rec_status = db || jsonl ? record(&res, db, jsonl) : 0;
    status = report(&res);
    if (rec_status > status) status = rec_status;
  }
  sl_cpy_result_free(&res);
  sl_schedule_free(&s);
  sl_cpy_free(c, true);
  sl_strbuf_free(&err);
  return status;
}
