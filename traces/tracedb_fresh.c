/* A database that does not exist yet, built where nobody sees it and
 * moved into place when its run is stored (see tracedb.h,
 * sl_tracedb_create).
 *
 * Why: a run stored into an existing database goes through SQLite's
 * write-ahead log, which writes every page twice (the log during the
 * transaction, the database at the checkpoint) so that readers never wait
 * for the writer. A new database has no readers and no earlier runs to
 * protect: it is built in "PATH.tmpPID" beside PATH with the journal in
 * memory (pages beyond the file's end, all of them here, are not even
 * journaled) and no sync, then linked into place. A run that fails, or a
 * killed process, leaves no database at PATH (a killed one leaves the
 * temporary file). docs/performance.md "Recording" has the measurements. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "traces/merge.h"
#include "traces/tracedb-int.h"

/* Page size of a new database: a handle chunk (256 events, docs/trace.md)
 * is several KB of text, which spills to overflow pages at SQLite's
 * default 4 KB. */
#define FRESH_PAGE_SIZE "16384"

/* True when nothing is at `path`, not even a dangling symbolic link, and
 * no log or journal of an earlier database is left beside it (SQLite would
 * apply it to the new file). */
static bool nothing_at(const char *path) {
  static const char *const sides[] = {"", "-wal", "-journal"};
  struct stat st;
  for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
    sl_strbuf p = SL_STRBUF_INIT;
    sl_strbuf_printf(&p, "%s%s", path, sides[i]);
    bool absent = !p.failed && lstat(p.data, &st) && errno == ENOENT;
    sl_strbuf_free(&p);
    if (!absent) return false;
  }
  return true;
}

/* Opens the temporary file `tmp` (created, empty) as db's connection. */
static sl_errcode open_tmp(sl_tracedb *db, sl_strbuf *err) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(db->tmp, &db->db, flags, NULL);
  if (rc != SQLITE_OK) {
    if (!db->db) return SL_ENOMEM;
    return sl__tracedb_fail(db, err, "cannot create the trace database");
  }
  sqlite3_extended_result_codes(db->db, 0);
  if (sqlite3_exec(db->db,
                   "PRAGMA page_size=" FRESH_PAGE_SIZE "; PRAGMA journal_mode=MEMORY; "
                   "PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;",
                   NULL, NULL, NULL) != SQLITE_OK)
    return sl__tracedb_fail(db, err, "cannot create the trace database");
  return sl__tracedb_migrate(db, err);
}

sl_errcode sl_tracedb_create(const char *path, sl_tracedb **out, sl_strbuf *err) {
  if (!nothing_at(path)) return sl_tracedb_open(path, true, out, err);
  *out = NULL;
  sl_tracedb *db = sl_calloc(1, sizeof *db);
  sl_strbuf tmp = SL_STRBUF_INIT;
  sl_strbuf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
  if (!db || tmp.failed || !(db->path = sl_strndup(path, strlen(path)))) {
    sl_strbuf_free(&tmp);
    sl_free(db);
    return SL_ENOMEM;
  }
  db->tmp = sl_strbuf_take(&tmp, NULL);
  /* O_EXCL: never write into a file someone else made under that name;
   * 0644 less the umask, as SQLite creates a database. */
  int fd = db->tmp ? open(db->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644) : -1;
  if (fd < 0) {
    if (db->tmp) sl_strbuf_printf(err, "%s: cannot write: %s\n", path, strerror(errno));
    sl_errcode rc = db->tmp ? SL_EIO : SL_ENOMEM;
    sl_free(db->tmp);
    db->tmp = NULL;
    sl_tracedb_close(db);
    return rc;
  }
  close(fd);
  sl_errcode rc = open_tmp(db, err);
  if (rc != SL_EOK) {
    sl_tracedb_close(db); /* removes the temporary file */
    return rc;
  }
  *out = db;
  return SL_EOK;
}

/* Removes the temporary file and whatever SQLite left beside it. */
static void remove_tmp(const char *tmp) {
  static const char *const sides[] = {"", "-journal", "-wal", "-shm"};
  for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
    sl_strbuf p = SL_STRBUF_INIT;
    sl_strbuf_printf(&p, "%s%s", tmp, sides[i]);
    if (!p.failed) unlink(p.data);
    sl_strbuf_free(&p);
  }
}

void sl__tracedb_drop_tmp(sl_tracedb *db) {
  if (!db->tmp) return;
  sqlite3_close(db->db);
  db->db = NULL;
  remove_tmp(db->tmp);
  sl_free(db->tmp);
  db->tmp = NULL;
}

/* Something took `path` while the run was written (another process stored
 * a run there first): the run is appended to that database instead, and
 * *run_id becomes its id there. */
static sl_errcode append_to_existing(sl_tracedb *db, int64_t *run_id, sl_strbuf *err) {
  sl_tracedb *dst = NULL, *src = NULL;
  sl_errcode rc = sl_tracedb_open(db->path, true, &dst, err);
  if (rc == SL_EOK) rc = sl_tracedb_open(db->tmp, false, &src, err);
  int64_t runs = 0;
  if (rc == SL_EOK) rc = sl_tracedb_merge_first(dst, src, &runs, run_id, err);
  sl_tracedb_close(src);
  sl_tracedb_close(dst);
  return rc;
}

sl_errcode sl_tracedb_publish(sl_tracedb *db, int64_t *run_id, sl_strbuf *err) {
  if (!db->tmp) return SL_EOK;
  /* Readers and later writers find the database as every other one is:
   * in WAL mode (tracedb.c). */
  if (sqlite3_exec(db->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK)
    return sl__tracedb_fail(db, err, "cannot store the run");
  if (sqlite3_close(db->db) != SQLITE_OK) return sl__tracedb_fail(db, err, "cannot store the run");
  db->db = NULL;
  /* link, not rename: it never replaces what is at the path. */
  sl_errcode rc = SL_EOK;
  if (link(db->tmp, db->path) != 0) rc = append_to_existing(db, run_id, err);
  remove_tmp(db->tmp);
  sl_free(db->tmp);
  db->tmp = NULL;
  return rc;
}
