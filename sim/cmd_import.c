/* `simloop import FILE.jsonl... [--db DB]`: loads JSONL traces (the
 * oracle's, or `simloop run --jsonl`'s) into a trace database. All runs of
 * a file are read and checked before any is stored; each run is stored in
 * its own transaction. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/tracearg.h"
#include "traces/jsonl.h"
#include "traces/tracedb.h"

int sl_cmd_import(int argc, char **argv);

static void usage(FILE *f) {
  fprintf(f,
          "usage: simloop import FILE.jsonl... [--db DB]\n"
          "\n"
          "Stores every run of each JSON Lines trace (docs/trace.md) in the trace\n"
          "database and prints its run ID. A file with an error is reported with\n"
          "FILE:LINE:COL and none of its runs is stored.\n"
          "\n"
          "  --db DB  trace database (default simloop.db; created if missing)\n"
          "\nExit status: 0 imported, 2 bad usage or bad input.\n");
}

int sl_cmd_import(int argc, char **argv) {
  const char *db = "simloop.db", *v;
  int nfiles = 0;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    if ((v = sl_opt_value(argc, argv, &i, "--db", &missing))) db = v;
    else if (missing) { fprintf(stderr, "simloop import: --db needs a value\n"); return 2; }
    else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { usage(stdout); return 0; }
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "simloop import: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    } else nfiles++;
  }
  if (!nfiles) {
    usage(stderr);
    return 2;
  }
  sl_strbuf err = SL_STRBUF_INIT;
  sl_tracedb *tdb = NULL;
  int status = 0;
  if (sl_tracedb_open(db, true, &tdb, &err) != SL_EOK) status = 2;
  for (int i = 1; i < argc && !status; i++) {
    bool missing = false;
    if (sl_opt_value(argc, argv, &i, "--db", &missing)) continue;
    sl_trace_list l = {NULL, 0};
    sl_errcode rc = sl_jsonl_read_file(argv[i], &l, &err);
    for (size_t k = 0; k < l.n && rc == SL_EOK; k++) {
      sl_trace *tr = &l.runs[k];
      rc = sl_tracedb_store(tdb, tr, &err);
      if (rc == SL_EOK)
        printf("%s: run %" PRId64 ": %s %s, %s, %" PRIu64 " steps, %s\n", db, tr->id, tr->meta.engine.p,
               tr->meta.python.p, tr->meta.scenario.p, tr->meta.steps, tr->meta.outcome.p);
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
