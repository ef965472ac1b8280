/* Trace arguments of the trace commands (see tracearg.h). */
#include "sim/tracearg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "traces/jsonl.h"
#include "traces/tracedb.h"

bool sl_parse_run_id(const char *s, long long *id) {
  if (!*s || strlen(s) > 18) return false;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9') return false;
  *id = atoll(s);
  return *id > 0;
}

/* 1 database, 0 not, -1 cannot read (errno set). */
static int is_sqlite(const char *path) {
  struct stat st;
  if (stat(path, &st)) return -1;
  if (S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    return -1;
  }
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char head[16] = {0};
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  return n == 16 && !memcmp(head, "SQLite format 3", 16);
}

sl_errcode sl_trace_db_load(const char *path, long long id, sl_trace *out, sl_strbuf *label,
                            sl_strbuf *err) {
  sl_tracedb *db;
  sl_trace_init(out);
  sl_errcode rc = sl_tracedb_open_read(path, &db, err);
  if (rc != SL_EOK) return rc;
  int64_t run = id;
  if (!id) rc = sl_tracedb_last(db, &run, err);
  if (rc == SL_EOK) rc = sl_tracedb_load(db, run, out, err);
  if (rc == SL_EOK) sl_strbuf_printf(label, "%s:%lld", path, (long long)run);
  sl_tracedb_close(db);
  return rc;
}

static sl_errcode load_jsonl(const char *path, long long nth, sl_trace *out, sl_strbuf *label,
                             sl_strbuf *err) {
  sl_trace_list l = {NULL, 0};
  sl_errcode rc = sl_jsonl_read_file(path, &l, err);
  if (rc != SL_EOK) return rc;
  size_t k = nth ? (size_t)nth : 1;
  if (k > l.n) {
    sl_strbuf_printf(err, "%s: has %zu run%s, not %zu\n", path, l.n, l.n == 1 ? "" : "s", k);
    sl_trace_list_free(&l);
    return SL_EINVAL;
  }
  /* Move run k out of the list; the rest are freed. */
  *out = l.runs[k - 1];
  sl_trace_init(&l.runs[k - 1]);
  sl_trace_list_free(&l);
  if (nth)
    sl_strbuf_printf(label, "%s:%lld", path, nth);
  else
    sl_strbuf_puts(label, path);
  return SL_EOK;
}

/* PATH:ID with ID all digits: *id (0 for ":0") and the length of PATH;
 * false when `arg` does not end that way. */
static bool split_id(const char *arg, long long *id, size_t *pathlen) {
  const char *colon = strrchr(arg, ':');
  if (!colon || !colon[1] || strlen(colon + 1) > 18) return false;
  for (const char *p = colon + 1; *p; p++)
    if (*p < '0' || *p > '9') return false;
  *id = atoll(colon + 1);
  *pathlen = (size_t)(colon - arg);
  return true;
}

sl_errcode sl_trace_arg_load(const char *arg, const char *db, sl_trace *out, sl_strbuf *label,
                             sl_strbuf *err) {
  long long id = 0;
  size_t pathlen;
  sl_trace_init(out);
  if (sl_parse_run_id(arg, &id)) return sl_trace_db_load(db, id, out, label, err);
  int kind = is_sqlite(arg);
  if (kind >= 0)
    return kind ? sl_trace_db_load(arg, 0, out, label, err) : load_jsonl(arg, 0, out, label, err);
  int open_errno = errno;
  if (open_errno == ENOENT && split_id(arg, &id, &pathlen)) {
    /* Not a file as given: PATH:N. */
    char *path = sl_strndup(arg, pathlen);
    if (!path) return SL_ENOMEM;
    kind = is_sqlite(path);
    sl_errcode rc;
    if (kind < 0) {
      sl_strbuf_printf(err, "%s: cannot read: %s\n", path, strerror(errno));
      rc = SL_EIO;
    } else if (id == 0) {
      sl_strbuf_printf(err, "%s: %s numbers start at 1 (%s:1 is the first)\n", arg,
                       kind ? "run IDs" : "runs", path);
      rc = SL_EINVAL;
    } else {
      rc = kind ? sl_trace_db_load(path, id, out, label, err)
                : load_jsonl(path, id, out, label, err);
    }
    sl_free(path);
    return rc;
  }
  if (open_errno == ENOENT)
    sl_strbuf_printf(err, "%s: cannot read: %s (expected FILE.jsonl[:N], DB[:ID] or a run ID)\n",
                     arg, strerror(open_errno));
  else
    sl_strbuf_printf(err, "%s: cannot read: %s\n", arg, strerror(open_errno));
  return SL_EIO;
}
