/* The SQLite trace store (see tracedb.h, schema.sql). */
#include "traces/tracedb.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "traces/tracedb-int.h"

sl_errcode sl__tracedb_fail(sl_tracedb *db, sl_strbuf *err, const char *what) {
  int code = sqlite3_errcode(db->db);
  sl_strbuf_printf(err, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->db));
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    sl_strbuf_puts(err, " (another process holds the database; retry when it is done)");
  else if (code == SQLITE_FULL)
    sl_strbuf_puts(err, " (the disk is full; free space and run again)");
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    sl_strbuf_puts(err, " (check the file's permissions or choose another --db)");
  else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    sl_strbuf_puts(err, " (this is not a simloop trace database; choose another --db)");
  sl_strbuf_putc(err, '\n');
  return code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? SL_ECORRUPT
         : code == SQLITE_NOMEM                          ? SL_ENOMEM
                                                         : SL_EIO;
}

const char *sl_tracedb_path(const sl_tracedb *db) { return db->path; }

sl_errcode sl_tracedb_open(const char *path, bool create, sl_tracedb **out, sl_strbuf *err) {
  *out = NULL;
  sl_tracedb *db = sl_calloc(1, sizeof *db);
  if (!db || !(db->path = sl_strndup(path, strlen(path)))) {
    sl_free(db);
    return SL_ENOMEM;
  }
  /* NOMUTEX: a connection is only ever used by the thread that opened it. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path, &db->db, flags, NULL);
  if (rc != SQLITE_OK) {
    if (!create && rc == SQLITE_CANTOPEN)
      sl_strbuf_printf(err,
                       "%s: no such trace database (record one with `simloop run FILE --db %s`)\n",
                       path, path);
    else if (db->db)
      sl__tracedb_fail(db, err, "cannot open the trace database");
    else
      sl_strbuf_printf(err, "%s: cannot open the trace database: out of memory\n", path);
    sl_tracedb_close(db);
    return rc == SQLITE_NOMEM ? SL_ENOMEM : SL_EIO;
  }
  sqlite3_busy_timeout(db->db, 10000);
  sqlite3_extended_result_codes(db->db, 0);
  /* WAL: readers (show, diff) never block a writer, and a crash mid-write
   * leaves the last committed state. Every run is one transaction. */
  char *msg = NULL;
  if (sqlite3_exec(db->db,
                   "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                   NULL, NULL, &msg) != SQLITE_OK) {
    sqlite3_free(msg);
    sl_errcode code = sl__tracedb_fail(db, err, "cannot open the trace database");
    sl_tracedb_close(db);
    return code;
  }
  sl_errcode code = sl__tracedb_migrate(db, err);
  if (code != SL_EOK) {
    sl_tracedb_close(db);
    return code;
  }
  *out = db;
  return SL_EOK;
}

/* What is at `path`, before SQLite sees it: 0 an SQLite file, else the
 * error appended to err. */
static sl_errcode check_db_file(const char *path, sl_strbuf *err) {
  struct stat st;
  if (stat(path, &st)) {
    if (errno == ENOENT)
      sl_strbuf_printf(err,
                       "%s: no such trace database (record one with `simloop run FILE --db %s`)\n",
                       path, path);
    else
      sl_strbuf_printf(err, "%s: cannot read: %s\n", path, strerror(errno));
    return SL_EIO;
  }
  if (S_ISDIR(st.st_mode)) {
    sl_strbuf_printf(err, "%s: cannot read: %s\n", path, strerror(EISDIR));
    return SL_EIO;
  }
  if (!S_ISREG(st.st_mode)) {
    sl_strbuf_printf(err, "%s: not a trace database (not a regular file)\n", path);
    return SL_EIO;
  }
  FILE *f = fopen(path, "rb");
  if (!f) {
    sl_strbuf_printf(err, "%s: cannot read: %s\n", path, strerror(errno));
    return SL_EIO;
  }
  char head[16];
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  if (n == 0) {
    sl_strbuf_printf(err, "%s: not a trace database (an empty file)\n", path);
    return SL_ECORRUPT;
  }
  if (n < sizeof head || memcmp(head, "SQLite format 3", 16)) {
    sl_strbuf_printf(err, "%s: not a trace database (not an SQLite file)\n", path);
    return SL_ECORRUPT;
  }
  return SL_EOK;
}

/* "file:PATH?mode=ro[&immutable=1]" with PATH percent-encoded. */
static void read_uri(const char *path, bool immutable, sl_strbuf *uri) {
  sl_strbuf_puts(uri, "file:");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("/._-~", *p))
      sl_strbuf_putc(uri, (char)*p);
    else
      sl_strbuf_printf(uri, "%%%02X", *p);
  }
  sl_strbuf_puts(uri, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
}

sl_errcode sl_tracedb_open_read(const char *path, sl_tracedb **out, sl_strbuf *err) {
  *out = NULL;
  sl_errcode rc = check_db_file(path, err);
  if (rc != SL_EOK) return rc;
  /* A write-ahead log left by a writer that did not finish holds committed
   * runs: then SQLite must read it (plain read-only mode). */
  sl_strbuf wal = SL_STRBUF_INIT, uri = SL_STRBUF_INIT;
  sl_strbuf_printf(&wal, "%s-wal", path);
  read_uri(path, access(sl_strbuf_cstr(&wal), F_OK) != 0, &uri);
  sl_tracedb *db = sl_calloc(1, sizeof *db);
  if (wal.failed || uri.failed || !db || !(db->path = sl_strndup(path, strlen(path)))) {
    sl_strbuf_free(&wal);
    sl_strbuf_free(&uri);
    sl_free(db);
    return SL_ENOMEM;
  }
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  int src = sqlite3_open_v2(sl_strbuf_cstr(&uri), &db->db, flags, NULL);
  sl_strbuf_free(&wal);
  sl_strbuf_free(&uri);
  if (src != SQLITE_OK) {
    rc = db->db ? sl__tracedb_fail(db, err, "cannot open the trace database") : SL_ENOMEM;
    sl_tracedb_close(db);
    return rc;
  }
  sqlite3_busy_timeout(db->db, 10000);
  sqlite3_extended_result_codes(db->db, 0);
  int64_t v = sl__tracedb_schema_version(db);
  if (v == SL_TRACE_SCHEMA_VERSION) {
    *out = db;
    return SL_EOK;
  }
  rc = SL_ECORRUPT;
  if (v == -1)
    rc = sl__tracedb_fail(db, err, "cannot read the trace database");
  else if (v == -2)
    sl_strbuf_printf(err, "%s: not a trace database (an SQLite database without tables)\n", path);
  else if (v == -3)
    sl_strbuf_printf(
        err, "%s: not a simloop trace database (it holds other tables); choose another --db\n",
        path);
  else if (v > SL_TRACE_SCHEMA_VERSION)
    sl_strbuf_printf(
        err,
        "%s: this trace database has schema version %" PRId64
        ", newer than this simloop understands (%d); use a newer simloop or another --db\n",
        path, v, SL_TRACE_SCHEMA_VERSION);
  sl_tracedb_close(db);
  if (v < 0 || v > SL_TRACE_SCHEMA_VERSION) return rc;
  /* An older store: upgraded in place, as readers always did. */
  return sl_tracedb_open(path, false, out, err);
}

void sl_tracedb_close(sl_tracedb *db) {
  if (!db) return;
  sl__tracedb_drop_tmp(db); /* a new database never published: nothing is kept */
  sqlite3_close(db->db);
  sl_free(db->path);
  sl_free(db);
}
