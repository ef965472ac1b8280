/* `simloop merge A.db B.db ... -o ALL.db`: one trace database holding the
 * runs and explore sessions of several (explore shards run on several
 * machines: docs/scale.md). The inputs are only read. The output is built
 * in a temporary file beside it and renamed into place when complete, so
 * a failure leaves no partial database and an input may be the output. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "sim/commands.h"
#include "sim/outfile.h"
#include "traces/merge.h"
#include "traces/tracedb.h"

typedef struct merge_args {
  const char *out;
} merge_args;

static int on_opt(void *ctx, int id, const char *v) {
  if (id == SL_OPT_OUT) ((merge_args *)ctx)->out = v;
  return 0;
}

/* Opens every input read-only: a bad one is refused before anything is
 * written. */
static int open_inputs(char **paths, int n, sl_tracedb **dbs) {
  for (int i = 0; i < n; i++) {
    sl_strbuf err = SL_STRBUF_INIT;
    if (sl_tracedb_open_read(paths[i], &dbs[i], &err) != SL_EOK) {
      fprintf(stderr, "simloop merge: %s", sl_strbuf_cstr(&err));
      sl_strbuf_free(&err);
      return 2;
    }
    sl_strbuf_free(&err);
  }
  return 0;
}

/* Fills the database at `tmp` from the inputs, reporting each. */
static int merge_into(const char *tmp, char **paths, int n, sl_tracedb **dbs) {
  sl_strbuf err = SL_STRBUF_INIT;
  sl_tracedb *out = NULL;
  int status = 0;
  if (sl_tracedb_open(tmp, true, &out, &err) != SL_EOK) status = 2;
  for (int i = 0; i < n && !status; i++) {
    int64_t runs = 0;
    if (sl_tracedb_merge(out, dbs[i], &runs, &err) != SL_EOK)
      status = 2;
    else
      printf("%s: %" PRId64 " run%s\n", paths[i], runs, runs == 1 ? "" : "s");
  }
  if (status) fprintf(stderr, "simloop merge: %s", sl_strbuf_cstr(&err));
  sl_tracedb_close(out);
  sl_strbuf_free(&err);
  return status;
}

int sl_cmd_merge(int argc, char **argv) {
  merge_args a = {NULL};
  int first, go = sl_cli_args(SL_CMD_MERGE, argc, argv, on_opt, &a, 1, -1, "database", &first);
  if (go != SL_CLI_GO) return go;
  if (!a.out) {
    fprintf(stderr, "simloop merge: give the merged database's name with -o ALL.db\n");
    sl_cli_usage(SL_CMD_MERGE, stderr);
    return 2;
  }
  int n = argc - first;
  sl_tracedb **dbs = sl_calloc((size_t)n, sizeof *dbs);
  if (!dbs) {
    fprintf(stderr, "simloop merge: out of memory\n");
    return 2;
  }
  int status = open_inputs(argv + first, n, dbs);
  sl_output o;
  sl_strbuf err = SL_STRBUF_INIT;
  if (!status && sl_output_open(&o, a.out, &err) != SL_EOK) {
    fprintf(stderr, "simloop merge: %s", sl_strbuf_cstr(&err));
    status = 2;
  } else if (!status && !o.tmp) {
    /* "-" or a device: SQLite needs a file it can lock and rename. */
    sl_output_close(&o, false, NULL);
    fprintf(stderr, "simloop merge: -o %s: the merged database must be a regular file\n", a.out);
    status = 2;
  } else if (!status) {
    status = merge_into(o.tmp, argv + first, n, dbs);
    if (sl_output_close(&o, status == 0, &err) != SL_EOK) {
      fprintf(stderr, "simloop merge: %s", sl_strbuf_cstr(&err));
      status = 2;
    }
  }
  for (int i = 0; i < n; i++) sl_tracedb_close(dbs[i]);
  sl_free(dbs);
  sl_strbuf_free(&err);
  if (!status) printf("merged %d database%s into %s\n", n, n == 1 ? "" : "s", a.out);
  return status;
}
