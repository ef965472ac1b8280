/* `simloop show [--db DB] [RUN] [--json] [--list]`: prints a recorded run
 * step by step (traces/show.h), or the list of runs in a database. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/tracearg.h"
#include "traces/show.h"
#include "traces/tracedb.h"

int sl_cmd_show(int argc, char **argv);

static void usage(FILE *f) {
  fprintf(f,
          "usage: simloop show [--db DB] [RUN] [--json] [--list]\n"
          "\n"
          "Prints a run step by step: each _run_once step (#N t=TIME timeout=T),\n"
          "the handles it ran, and under each handle the tasks it created or\n"
          "finished, its print output, timers and exception-handler calls.\n"
          "\n"
          "  RUN      a run ID in --db (default: the newest run), DB[:ID], or\n"
          "           FILE.jsonl[:N] (the N-th run of a JSONL trace)\n"
          "  --db DB  trace database (default simloop.db)\n"
          "  --json   one JSON document instead of text\n"
          "  --list   list the runs of the database instead\n"
          "\nExit status: 0 shown, 2 bad usage or unreadable trace.\n");
}

static void list_row(void *ctx, const sl_tracedb_row *r) {
  (void)ctx;
  printf("%6" PRId64 "  %-8s %-7s %-16s %6" PRId64 " steps  t=%-10g %.12s  %s\n", r->id, r->engine, r->python,
         r->outcome, r->steps, r->t, r->hash ? r->hash : "", r->scenario);
}

int sl_cmd_show(int argc, char **argv) {
  const char *db = "simloop.db", *run = NULL, *v;
  bool json = false, list = false;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    if ((v = sl_opt_value(argc, argv, &i, "--db", &missing))) db = v;
    else if (missing) { fprintf(stderr, "simloop show: --db needs a value\n"); return 2; }
    else if (!strcmp(argv[i], "--json")) json = true;
    else if (!strcmp(argv[i], "--list")) list = true;
    else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { usage(stdout); return 0; }
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "simloop show: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    } else if (run) {
      fprintf(stderr, "simloop show: one run at a time ('%s' and '%s')\n", run, argv[i]);
      return 2;
    } else run = argv[i];
  }
  sl_strbuf err = SL_STRBUF_INIT, label = SL_STRBUF_INIT;
  int status = 0;
  if (list) {
    sl_tracedb *tdb;
    if (sl_tracedb_open(db, false, &tdb, &err) != SL_EOK ||
        sl_tracedb_list(tdb, list_row, NULL, &err) != SL_EOK)
      status = 2;
    if (status == 0) sl_tracedb_close(tdb);
  } else {
    sl_trace tr;
    char hash[65];
    sl_errcode rc = run ? sl_trace_arg_load(run, db, &tr, &label, &err) : sl_trace_db_load(db, 0, &tr, &label, &err);
    if (rc == SL_EOK) rc = sl_trace_hash(&tr, hash);
    if (rc == SL_EOK) {
      if (json) sl_show_json(stdout, &tr, hash);
      else sl_show_text(stdout, &tr, hash);
    } else {
      if (rc == SL_ENOMEM) sl_strbuf_puts(&err, "out of memory\n");
      status = 2;
    }
    sl_trace_free(&tr);
  }
  if (status) fprintf(stderr, "simloop show: %s", sl_strbuf_cstr(&err));
  sl_strbuf_free(&err);
  sl_strbuf_free(&label);
  return status;
}
