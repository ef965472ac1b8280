/* `simloop import FILE.jsonl... [--db DB]`: loads JSONL traces (the
 * oracle's, or `simloop run --jsonl`'s) into a trace database. All runs of
 * a file are read and checked before any is stored; each run is stored in
 * its own transaction. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/infile.h"
#include "sim/tracearg.h"
#include "traces/jsonl.h"
#include "traces/tracedb.h"

static int on_opt(void *ctx, int id, const char *v) {
  if (id == SL_OPT_DB) *(const char **)ctx = v;
  return 0;
}

int sl_cmd_import(int argc, char **argv) {
  const char *db = "simloop.db";
  int first, st = sl_cli_args(SL_CMD_IMPORT, argc, argv, on_opt, &db, 1, -1, "trace file", &first);
  if (st != SL_CLI_GO) return st;
  sl_strbuf err = SL_STRBUF_INIT;
  sl_tracedb *tdb = NULL;
  int status = 0;
  if (sl_tracedb_open(db, true, &tdb, &err) != SL_EOK) status = 2;
  for (int i = first; i < argc && !status; i++) {
    sl_trace_list l = {NULL, 0};
    sl_errcode rc = sl_input_check(argv[i], &err);
    if (rc == SL_EOK) rc = sl_jsonl_read_file(argv[i], &l, &err);
    for (size_t k = 0; k < l.n && rc == SL_EOK; k++) {
      sl_trace *tr = &l.runs[k];
      rc = sl_tracedb_store(tdb, tr, &err);
      if (rc == SL_EOK)
        printf("%s: run %" PRId64 ": %s %s, %s, %" PRIu64 " steps, %s\n", db, tr->id,
               tr->meta.engine.p, tr->meta.python.p, tr->meta.scenario.p, tr->meta.steps,
               tr->meta.outcome.p);
    }
    if (rc == SL_ENOMEM) sl_strbuf_puts(&err, "out of memory\n");
    if (rc != SL_EOK) status = 2;
    sl_trace_list_free(&l);
  }
  if (status) fprintf(stderr, "simloop import: %s", sl_strbuf_cstr(&err));
  sl_tracedb_close(tdb);
  sl_strbuf_free(&err);
  return status;
}
