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
  sqlite3_close(db->db);
  sl_free(db->path);
  sl_free(db);
}

/* ---- storing ----------------------------------------------------------- */

enum {
  S_RUN,
  S_STEP,
  S_HANDLE,
  S_TASK,
  S_TASK_DONE,
  S_OUTPUT,
  S_DECISION,
  S_EVENT,
  S_SOCK,
  S_NAME_ADD,
  S_NAME_ID,
  S_NAME_RUN,
  S__COUNT
};

static const char *const INSERTS[S__COUNT] = {
    "INSERT INTO runs(engine, engine_version, python, impl, scenario, scenario_sha256, seed, "
    "strategy,"
    " outcome, detail, steps, final_time, trace_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO steps(run, seq, i, t, timeout, handles) VALUES(?,?,?,?,?,?)",
    "INSERT INTO handle_events(run, seq, step, pos, t, name) VALUES(?,?,?,?,?,?)",
    "INSERT INTO tasks(run, id, name, coro, parent, created_step, created_seq) "
    "VALUES(?,?,?,?,?,?,?)",
    /* A task seen only finishing still gets its row (creation columns NULL). */
    "INSERT INTO tasks(run, id, done_step, done_seq, outcome, detail) VALUES(?1,?2,?3,?4,?5,?6)"
    " ON CONFLICT(run, id) DO UPDATE SET done_step=?3, done_seq=?4, outcome=?5, detail=?6",
    "INSERT INTO output(run, seq, step, task, text) VALUES(?,?,?,?,?)",
    "INSERT INTO decisions(run, seq, step, kind, value) VALUES(?,?,?,?,?)",
    "INSERT INTO events(run, seq, step, kind, op, \"when\", message, exception) "
    "VALUES(?,?,?,?,?,?,?,?)",
    "INSERT INTO sock_events(run, seq, step, op, conn, fd, peer, n, t) VALUES(?,?,?,?,?,?,?,?,?)",
    "INSERT INTO handle_names(name, owner) VALUES(?,?) ON CONFLICT(name) DO NOTHING",
    "SELECT id FROM handle_names WHERE name=?",
    "INSERT INTO handle_name_runs(name, run, count) VALUES(?,?,?)",
};

/* ---- handle name ids ----------------------------------------------------
 * A run has few distinct handle names but many handle events, so the store
 * resolves each distinct name to its handle_names id once (an open-addressing
 * table over the trace's own strings) instead of once per event. */

typedef struct name_slot {
  const char *p; /* borrowed from the trace; NULL: empty slot */
  size_t n;
  uint64_t hash;
  int64_t id;
  int64_t count; /* handle events of this name in the run */
} name_slot;

typedef struct name_ids {
  name_slot *slot;
  size_t cap, len; /* cap is a power of two */
} name_ids;

static uint64_t name_hash(const char *p, size_t n) {
  uint64_t h = 1469598103934665603u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211u;
  return h;
}

static bool name_ids_grow(name_ids *m) {
  size_t cap = m->cap ? m->cap * 2 : 256;
  name_slot *slot = sl_calloc(cap, sizeof *slot);
  if (!slot) return false;
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->slot[i].p) continue;
    size_t k = m->slot[i].hash & (cap - 1);
    while (slot[k].p) k = (k + 1) & (cap - 1);
    slot[k] = m->slot[i];
  }
  sl_free(m->slot);
  m->slot = slot;
  m->cap = cap;
  return true;
}

/* The handle_names id of `name` (inserting the name when new) into *id.
 * Returns the sqlite code; SQLITE_NOMEM when the table cannot grow. */
static int name_id(name_ids *m, sqlite3_stmt **st, const char *p, size_t n, int64_t *id) {
  uint64_t h = name_hash(p, n);
  size_t k = 0;
  if (m->cap) {
    for (k = h & (m->cap - 1); m->slot[k].p; k = (k + 1) & (m->cap - 1))
      if (m->slot[k].hash == h && m->slot[k].n == n && !memcmp(m->slot[k].p, p, n)) {
        *id = m->slot[k].id;
        m->slot[k].count++;
        return SQLITE_OK;
      }
  }
  if ((m->len + 1) * 2 > m->cap) {
    if (!name_ids_grow(m)) return SQLITE_NOMEM;
    for (k = h & (m->cap - 1); m->slot[k].p; k = (k + 1) & (m->cap - 1)) {}
  }
  char owner[32];
  sl_handle_owner(p, owner);
  sqlite3_stmt *add = st[S_NAME_ADD], *get = st[S_NAME_ID];
  sqlite3_bind_text(add, 1, p, (int)n, SQLITE_STATIC);
  if (owner[0])
    sqlite3_bind_text(add, 2, owner, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(add, 2);
  int rc = sqlite3_step(add);
  sqlite3_reset(add);
  if (rc != SQLITE_DONE) return rc;
  sqlite3_bind_text(get, 1, p, (int)n, SQLITE_STATIC);
  rc = sqlite3_step(get);
  if (rc == SQLITE_ROW) *id = sqlite3_column_int64(get, 0);
  sqlite3_reset(get);
  if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  m->slot[k] = (name_slot){p, n, h, *id, 1};
  m->len++;
  return SQLITE_OK;
}

static void bind_str(sqlite3_stmt *st, int i, const sl_tstr *s) {
  if (s->p)
    sqlite3_bind_text(st, i, s->p, (int)s->n, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

static void bind_id(sqlite3_stmt *st, int i, uint64_t id) {
  if (id)
    sqlite3_bind_int64(st, i, (sqlite3_int64)id);
  else
    sqlite3_bind_null(st, i);
}

/* Handles run per step, for steps.handles (a step's handles follow it). */
static int64_t handles_after(const sl_trace *tr, size_t i) {
  int64_t n = 0;
  for (size_t k = i + 1; k < tr->nev && tr->ev[k].kind != SL_TEV_STEP; k++)
    n += tr->ev[k].kind == SL_TEV_HANDLE;
  return n;
}

/* Binds and runs the insert of event `seq`. Returns the sqlite code. */
static int insert_event(sqlite3_stmt **st, name_ids *names, int64_t run, const sl_trace *tr,
                        size_t seq) {
  const sl_tev *e = &tr->ev[seq];
  sqlite3_stmt *s = NULL;
  int64_t name = 0;
  int rc;
  switch (e->kind) {
  case SL_TEV_STEP:
    s = st[S_STEP];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    sqlite3_bind_double(s, 4, e->t);
    if (e->has_timeout)
      sqlite3_bind_double(s, 5, e->timeout);
    else
      sqlite3_bind_null(s, 5);
    sqlite3_bind_int64(s, 6, handles_after(tr, seq));
    break;
  case SL_TEV_HANDLE:
    s = st[S_HANDLE];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    sqlite3_bind_int64(s, 4, e->pos);
    sqlite3_bind_double(s, 5, e->t);
    if ((rc = name_id(names, st, e->a.p ? e->a.p : "", e->a.p ? e->a.n : 0, &name)) != SQLITE_OK)
      return rc;
    sqlite3_bind_int64(s, 6, name);
    break;
  case SL_TEV_TASK:
    s = st[S_TASK];
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)e->task);
    bind_str(s, 3, &e->a);
    bind_str(s, 4, &e->b);
    bind_id(s, 5, e->parent);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)e->step);
    sqlite3_bind_int64(s, 7, (sqlite3_int64)seq);
    goto run_it; /* tasks are keyed by id, not seq */
  case SL_TEV_TASK_DONE:
    s = st[S_TASK_DONE];
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)e->task);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)seq);
    bind_str(s, 5, &e->a);
    bind_str(s, 6, &e->b);
    goto run_it;
  case SL_TEV_OUTPUT:
    s = st[S_OUTPUT];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    bind_id(s, 4, e->task);
    bind_str(s, 5, &e->a);
    break;
  case SL_TEV_DECISION:
    s = st[S_DECISION];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    bind_str(s, 4, &e->a);
    sqlite3_bind_double(s, 5, e->t);
    break;
  case SL_TEV_TIMER:
  case SL_TEV_ERROR:
    s = st[S_EVENT];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    if (e->kind == SL_TEV_TIMER) {
      sqlite3_bind_text(s, 4, "timer", -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 5, e->cancelled ? "cancelled" : "scheduled", -1, SQLITE_STATIC);
      sqlite3_bind_double(s, 6, e->t);
      sqlite3_bind_null(s, 7);
      sqlite3_bind_null(s, 8);
    } else {
      sqlite3_bind_text(s, 4, "error", -1, SQLITE_STATIC);
      sqlite3_bind_null(s, 5);
      sqlite3_bind_null(s, 6);
      bind_str(s, 7, &e->a);
      bind_str(s, 8, &e->b);
    }
    break;
  case SL_TEV_SOCK:
    s = st[S_SOCK];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    bind_str(s, 4, &e->a);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)e->conn);
    sqlite3_bind_int64(s, 6, e->fd);
    if (e->peer >= 0)
      sqlite3_bind_int64(s, 7, e->peer);
    else
      sqlite3_bind_null(s, 7);
    sqlite3_bind_int64(s, 8, (sqlite3_int64)e->n);
    sqlite3_bind_double(s, 9, e->t);
    break;
  }
  sqlite3_bind_int64(s, 1, run);
  sqlite3_bind_int64(s, 2, (sqlite3_int64)seq);
run_it:
  /* Every statement binds all of its parameters, so none are cleared. */
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static sl_errcode store_run(sl_tracedb *db, sl_trace *tr, const char *hash, sqlite3_stmt **st,
                            const char **what);

sl_errcode sl_tracedb_store(sl_tracedb *db, sl_trace *tr, sl_strbuf *err) {
  char hash[65];
  if (!tr->meta.ended) {
    sl_strbuf_printf(err, "%s: refusing to store a run that has not ended\n", db->path);
    return SL_EINVAL;
  }
  if (sl_trace_hash(tr, hash) != SL_EOK) return SL_ENOMEM;
  sqlite3_stmt *st[S__COUNT] = {NULL};
  sl_errcode code = SL_EOK;
  const char *what = "cannot begin a transaction";
  /* Bulk-insert settings for this store only: every row references the
   * run row inserted first in the same transaction, so the per-row
   * foreign-key probe (a runs lookup per event) proves nothing; and a
   * million-event run overflows SQLite's default 2 MB page cache, which
   * spills pages to the WAL before the commit. The pragmas cannot change
   * inside a transaction, hence before BEGIN and restored after. */
  sqlite3_exec(db->db, "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536", NULL, NULL, NULL);
  code = store_run(db, tr, hash, st, &what);
  if (code != SL_EOK) {
    /* Report first: the error text is the last statement's. */
    code = sl__tracedb_fail(db, err, what ? what : "cannot begin a transaction");
    if (what) sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < S__COUNT; i++) sqlite3_finalize(st[i]);
  }
  sqlite3_exec(db->db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-2000", NULL, NULL, NULL);
  return code;
}

/* The transaction of sl_tracedb_store. On failure returns SL_EIO with
 * *what saying which part failed (NULL: BEGIN itself; nothing to roll
 * back); the caller reports and rolls back. */
static sl_errcode store_run(sl_tracedb *db, sl_trace *tr, const char *hash, sqlite3_stmt **st,
                            const char **what) {
  *what = NULL;
  if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return SL_EIO;
  *what = "cannot prepare the inserts";
  for (int i = 0; i < S__COUNT; i++)
    if (sqlite3_prepare_v3(db->db, INSERTS[i], -1, SQLITE_PREPARE_PERSISTENT, &st[i], NULL) !=
        SQLITE_OK)
      return SL_EIO;
  const sl_trace_meta *m = &tr->meta;
  sqlite3_stmt *s = st[S_RUN];
  bind_str(s, 1, &m->engine);
  bind_str(s, 2, &m->engine_version);
  bind_str(s, 3, &m->python);
  bind_str(s, 4, &m->impl);
  bind_str(s, 5, &m->scenario);
  bind_str(s, 6, &m->sha256);
  if (m->has_seed) sqlite3_bind_int64(s, 7, m->seed);
  bind_str(s, 8, &m->strategy);
  bind_str(s, 9, &m->outcome);
  bind_str(s, 10, &m->detail);
  sqlite3_bind_int64(s, 11, (sqlite3_int64)m->steps);
  sqlite3_bind_double(s, 12, m->t);
  sqlite3_bind_text(s, 13, hash, 64, SQLITE_STATIC);
  *what = "cannot write the run";
  if (sqlite3_step(s) != SQLITE_DONE) return SL_EIO;
  int64_t run = sqlite3_last_insert_rowid(db->db);
  *what = "cannot write the run's events";
  name_ids names = {NULL, 0, 0};
  int rc = SQLITE_OK;
  for (size_t i = 0; i < tr->nev && rc == SQLITE_OK; i++) rc = insert_event(st, &names, run, tr, i);
  for (size_t k = 0; k < names.cap && rc == SQLITE_OK; k++) {
    if (!names.slot[k].p) continue;
    sqlite3_stmt *nr = st[S_NAME_RUN];
    sqlite3_bind_int64(nr, 1, names.slot[k].id);
    sqlite3_bind_int64(nr, 2, run);
    sqlite3_bind_int64(nr, 3, names.slot[k].count);
    rc = sqlite3_step(nr);
    sqlite3_reset(nr);
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  sl_free(names.slot);
  if (rc != SQLITE_OK) return SL_EIO;
  *what = "cannot commit the run";
  if (sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) return SL_EIO;
  for (int i = 0; i < S__COUNT; i++) sqlite3_finalize(st[i]);
  tr->id = run;
  return SL_EOK;
}
