/* `simloop show [--db DB] [RUN] [--json] [--list]`: prints a recorded run
 * step by step (traces/show.h), or the list of runs in a database. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/tracearg.h"
#include "traces/show.h"
#include "traces/tracedb.h"

typedef struct show_args {
  const char *db;
  bool json, list;
} show_args;

static int on_opt(void *ctx, int id, const char *v) {
  show_args *a = ctx;
  if (id == SL_OPT_DB)
    a->db = v;
  else if (id == SL_OPT_JSON)
    a->json = true;
  else if (id == SL_OPT_LIST)
    a->list = true;
  return 0;
}

static void list_row(void *ctx, const sl_tracedb_row *r) {
  (void)ctx;
  printf("%6" PRId64 "  %-8s %-7s %-16s %6" PRId64 " steps  t=%-10g %.12s  %s\n", r->id, r->engine,
         r->python, r->outcome, r->steps, r->t, r->hash ? r->hash : "", r->scenario);
}

int sl_cmd_show(int argc, char **argv) {
  show_args a = {"simloop.db", false, false};
  int first, st = sl_cli_args(SL_CMD_SHOW, argc, argv, on_opt, &a, 0, 1, "run", &first);
  if (st != SL_CLI_GO) return st;
  const char *db = a.db, *run = first < argc ? argv[first] : NULL;
  bool json = a.json, list = a.list;
  sl_strbuf err = SL_STRBUF_INIT, label = SL_STRBUF_INIT;
  int status = 0;
  if (list) {
    sl_tracedb *tdb;
    if (sl_tracedb_open_read(db, &tdb, &err) != SL_EOK ||
        sl_tracedb_list(tdb, list_row, NULL, &err) != SL_EOK)
      status = 2;
    if (status == 0) sl_tracedb_close(tdb);
  } else {
    sl_trace tr;
    char hash[65];
    sl_errcode rc = run ? sl_trace_arg_load(run, db, &tr, &label, &err)
                        : sl_trace_db_load(db, 0, &tr, &label, &err);
    if (rc == SL_EOK) rc = sl_trace_hash(&tr, hash);
    if (rc == SL_EOK) {
      if (json)
        sl_show_json(stdout, &tr, hash);
      else
        sl_show_text(stdout, &tr, hash);
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
