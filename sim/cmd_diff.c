/* `simloop diff A B [--db DB] [--json]`: the first divergence between two
 * runs (traces/diff.h). Exit 0 identical, 1 divergent, 2 bad input. */
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/tracearg.h"
#include "traces/diff.h"

typedef struct diff_args {
  const char *db;
  bool json;
} diff_args;

static int on_opt(void *ctx, int id, const char *v) {
  diff_args *a = ctx;
  if (id == SL_OPT_DB)
    a->db = v;
  else if (id == SL_OPT_JSON)
    a->json = true;
  return 0;
}

int sl_cmd_diff(int argc, char **argv) {
  diff_args o = {"simloop.db", false};
  int first, st = sl_cli_args(SL_CMD_DIFF, argc, argv, on_opt, &o, 2, 2, "run", &first);
  if (st != SL_CLI_GO) return st;
  const char *db = o.db, *args[2] = {argv[first], argv[first + 1]};
  bool json = o.json;
  sl_trace a, b;
  sl_strbuf err = SL_STRBUF_INIT, la = SL_STRBUF_INIT, lb = SL_STRBUF_INIT;
  sl_diff d;
  int status = 2;
  sl_trace_init(&b);
  sl_errcode rc = sl_trace_arg_load(args[0], db, &a, &la, &err);
  if (rc == SL_EOK) rc = sl_trace_arg_load(args[1], db, &b, &lb, &err);
  if (rc == SL_EOK) rc = sl_trace_diff(&a, &b, &d);
  if (rc == SL_EOK) {
    if (json)
      sl_diff_print_json(stdout, &d, &a, sl_strbuf_cstr(&la), &b, sl_strbuf_cstr(&lb));
    else
      sl_diff_print(stdout, &d, &a, sl_strbuf_cstr(&la), &b, sl_strbuf_cstr(&lb));
    status = d.what == SL_DIFF_NONE ? 0 : 1;
  } else {
    if (rc == SL_ENOMEM) sl_strbuf_puts(&err, "out of memory\n");
    fprintf(stderr, "simloop diff: %s", sl_strbuf_cstr(&err));
  }
  sl_trace_free(&a);
  sl_trace_free(&b);
  sl_strbuf_free(&err);
  sl_strbuf_free(&la);
  sl_strbuf_free(&lb);
  return status;
}
