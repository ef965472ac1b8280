/* `simloop diff A B [--db DB] [--json]`: the first divergence between two
 * runs (traces/diff.h). Exit 0 identical, 1 divergent, 2 bad input. */
#include <stdio.h>
#include <string.h>

#include "sim/tracearg.h"
#include "traces/diff.h"

int sl_cmd_diff(int argc, char **argv);

static void usage(FILE *f) {
  fprintf(f,
          "usage: simloop diff A B [--db DB] [--json]\n"
          "\n"
          "Compares two runs step by step and reports the first divergence: the\n"
          "step, both sides' handles in that step, and where each task involved\n"
          "was on each side. Compared: step index, time and select timeout;\n"
          "handles by canonical name, position and time; task creations and\n"
          "completions; output lines; timers; exception-handler calls (not the\n"
          "garbage-collection messages); the outcome. Decisions are not compared.\n"
          "\n"
          "  A, B     FILE.jsonl[:N], DB[:ID], or a run ID in --db\n"
          "  --db DB  trace database for bare run IDs (default simloop.db)\n"
          "  --json   one JSON object instead of text\n"
          "\nExit status: 0 identical, 1 divergent, 2 bad usage or unreadable trace.\n");
}

int sl_cmd_diff(int argc, char **argv) {
  const char *db = "simloop.db", *args[2] = {NULL, NULL}, *v;
  bool json = false;
  int nargs = 0;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    if ((v = sl_opt_value(argc, argv, &i, "--db", &missing))) db = v;
    else if (missing) { fprintf(stderr, "simloop diff: --db needs a value\n"); return 2; }
    else if (!strcmp(argv[i], "--json")) json = true;
    else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { usage(stdout); return 0; }
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "simloop diff: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    } else if (nargs == 2) {
      fprintf(stderr, "simloop diff: two runs, not more ('%s')\n", argv[i]);
      return 2;
    } else args[nargs++] = argv[i];
  }
  if (nargs != 2) {
    usage(stderr);
    return 2;
  }
  sl_trace a, b;
  sl_strbuf err = SL_STRBUF_INIT, la = SL_STRBUF_INIT, lb = SL_STRBUF_INIT;
  sl_diff d;
  int status = 2;
  sl_trace_init(&b);
  sl_errcode rc = sl_trace_arg_load(args[0], db, &a, &la, &err);
  if (rc == SL_EOK) rc = sl_trace_arg_load(args[1], db, &b, &lb, &err);
  if (rc == SL_EOK) rc = sl_trace_diff(&a, &b, &d);
  if (rc == SL_EOK) {
    if (json) sl_diff_print_json(stdout, &d, &a, sl_strbuf_cstr(&la), &b, sl_strbuf_cstr(&lb));
    else sl_diff_print(stdout, &d, &a, sl_strbuf_cstr(&la), &b, sl_strbuf_cstr(&lb));
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
