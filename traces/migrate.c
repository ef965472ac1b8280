/* Schema creation and upgrades of the trace store.
 *
 * The schema version lives in meta.schema_version. A database without the
 * meta table but with a `runs` table is version 0 (the first draft of the
 * store, before versioning: no impl/strategy/trace_hash columns, no
 * handles.owner, no decisions or events tables); version 1 stored each
 * handle's name inline in a `handles` table; version 2 had no socket
 * events (`sock_events`, which schema.sql creates); version 3 stored a row per
 * handle event (version 4 adds chunks of them), version 4 a row per step
 * event (version 5 adds chunks of those); version 5's handle chunks repeat
 * each entry's name and whole seq and step (version 6 does not). Each migration takes version k
 * to k+1; all of them, and the final version stamp, run in one
 * transaction, so an interrupted upgrade leaves the old database intact. A
 * database from a newer simloop is refused rather than guessed at. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "traces/tracedb-int.h"

/* v0 -> v1: new columns (the rest of schema.sql, applied after the
 * migrations, creates the new tables); finish_upgrade then computes the
 * derived values (owners, trace hashes). */
static const char V0_TO_V1[] = "ALTER TABLE runs ADD COLUMN impl TEXT NOT NULL DEFAULT 'unknown';"
                               "ALTER TABLE runs ADD COLUMN strategy TEXT;"
                               "ALTER TABLE runs ADD COLUMN trace_hash TEXT NOT NULL DEFAULT '';"
                               "ALTER TABLE handles ADD COLUMN owner TEXT;";

/* v1 -> v2: handle names move to handle_names, handle rows to
 * handle_events, and `handles` becomes a view. The old table is set aside
 * here, schema.sql creates the new ones, and fixup_v2 copies the rows. */
static const char V1_TO_V2[] = "DROP INDEX IF EXISTS handles_name;"
                               "ALTER TABLE handles RENAME TO handles_v1;";

static sl_errcode fixup_v2(sl_tracedb *db, sl_strbuf *err) {
  if (sqlite3_exec(db->db,
                   "INSERT INTO handle_names(name) SELECT DISTINCT name FROM handles_v1 WHERE true"
                   " ON CONFLICT(name) DO NOTHING;"
                   "INSERT INTO handle_events(run, seq, step, pos, t, name)"
                   " SELECT h.run, h.seq, h.step, h.pos, h.t, n.id FROM handles_v1 h"
                   " JOIN handle_names n ON n.name = h.name;"
                   "INSERT INTO handle_name_runs(name, run, count)"
                   " SELECT name, run, count(*) FROM handle_events GROUP BY name, run;"
                   "DROP TABLE handles_v1;",
                   NULL, NULL, NULL) != SQLITE_OK)
    return sl__tracedb_fail(db, err, "cannot upgrade the trace database");
  return SL_EOK;
}

/* After the migrations: fills handle_names.owner and runs.trace_hash where
 * an older version did not have them (both derive from stored data). */
static sl_errcode finish_upgrade(sl_tracedb *db, sl_strbuf *err) {
  sqlite3_stmt *s = NULL, *u = NULL;
  sl_errcode code = SL_EOK;
  /* The owners first: loading and hashing do not need them. */
  if (sqlite3_prepare_v2(db->db, "SELECT id, name FROM handle_names WHERE owner IS NULL", -1, &s,
                         NULL) ||
      sqlite3_prepare_v2(db->db, "UPDATE handle_names SET owner=? WHERE id=?", -1, &u, NULL))
    goto sqlfail;
  while (sqlite3_step(s) == SQLITE_ROW) {
    char owner[32];
    const char *name = (const char *)sqlite3_column_text(s, 1);
    sl_handle_owner(name ? name : "", owner);
    if (!owner[0]) continue;
    sqlite3_bind_text(u, 1, owner, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(u, 2, sqlite3_column_int64(s, 0));
    if (sqlite3_step(u) != SQLITE_DONE) goto sqlfail;
    sqlite3_reset(u);
  }
  sqlite3_finalize(s);
  sqlite3_finalize(u);
  s = u = NULL;
  if (sqlite3_prepare_v2(db->db, "SELECT id FROM runs WHERE trace_hash = ''", -1, &s, NULL) ||
      sqlite3_prepare_v2(db->db, "UPDATE runs SET trace_hash=? WHERE id=?", -1, &u, NULL))
    goto sqlfail;
  while (sqlite3_step(s) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(s, 0);
    sl_trace tr;
    char hash[65];
    if ((code = sl_tracedb_load(db, id, &tr, err)) != SL_EOK) goto done;
    code = sl_trace_hash(&tr, hash);
    sl_trace_free(&tr);
    if (code != SL_EOK) goto done;
    sqlite3_bind_text(u, 1, hash, 64, SQLITE_TRANSIENT);
    sqlite3_bind_int64(u, 2, id);
    if (sqlite3_step(u) != SQLITE_DONE) goto sqlfail;
    sqlite3_reset(u);
  }
  goto done;
sqlfail:
  code = sl__tracedb_fail(db, err, "cannot upgrade the trace database");
done:
  sqlite3_finalize(s);
  sqlite3_finalize(u);
  return code;
}

/* Runs a query returning one integer; -1 on error. */
static int64_t query_int(sl_tracedb *db, const char *sql) {
  sqlite3_stmt *s = NULL;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

/* v5 -> v6: a handle_chunks table made before version 6 gets the columns
 * step and names. A database older than version 4 has just had the table
 * made by schema.sql, new columns included. The `handles` view is made
 * again over the new columns (ALTER TABLE checks every view). */
static sl_errcode fixup_v6(sl_tracedb *db, sl_strbuf *err) {
  int64_t has =
      query_int(db, "SELECT count(*) FROM pragma_table_info('handle_chunks') WHERE name='names'");
  if (has > 0) return SL_EOK;
  if (has < 0 ||
      sqlite3_exec(db->db,
                   "DROP VIEW handles;"
                   "ALTER TABLE handle_chunks ADD COLUMN step INTEGER;"
                   "ALTER TABLE handle_chunks ADD COLUMN names TEXT;",
                   NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec(db->db, sl_trace_schema_sql, NULL, NULL, NULL) != SQLITE_OK)
    return sl__tracedb_fail(db, err, "cannot upgrade the trace database");
  return SL_EOK;
}

typedef struct migration {
  int from;
  const char *sql;
  sl_errcode (*fixup)(sl_tracedb *db, sl_strbuf *err);
} migration;

static const migration MIGRATIONS[] = {
    {0, V0_TO_V1, NULL},
    {1, V1_TO_V2, fixup_v2},
    {2, "", NULL}, /* v2 -> v3: only the new table sock_events (schema.sql) */
    /* v3 -> v4: handle_chunks (schema.sql) and a `handles` view over both
     * tables; the rows of older runs stay where they are. */
    {3, "DROP VIEW IF EXISTS handles;", NULL},
    /* v4 -> v5: the step rows become step_rows, under a `steps` view that
     * adds step_chunks (schema.sql). */
    {4, "ALTER TABLE steps RENAME TO step_rows;", NULL},
    /* v5 -> v6: handle chunks name their entries' names once per chunk and
     * store seq and step relative to the chunk's (schema.sql); older
     * chunks keep their entries, told apart by a NULL `names`. */
    {5, "", fixup_v6},
};

/* The schema version: -2 for an empty file, -3 for a foreign database,
 * -1 on a SQLite error. */
int64_t sl__tracedb_schema_version(sl_tracedb *db) {
  int64_t has_meta =
      query_int(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
  if (has_meta < 0) return -1;
  if (has_meta) {
    sqlite3_stmt *s = NULL;
    int64_t v = -3;
    if (sqlite3_prepare_v2(db->db, "SELECT value FROM meta WHERE key='schema_version'", -1, &s,
                           NULL) != SQLITE_OK) {
      sqlite3_finalize(s);
      return -1;
    }
    if (sqlite3_step(s) == SQLITE_ROW) {
      const char *text = (const char *)sqlite3_column_text(s, 0);
      char *end = NULL;
      long long n = text ? strtoll(text, &end, 10) : -1;
      if (text && *text && end && !*end && n >= 0) v = n;
    }
    sqlite3_finalize(s);
    return v;
  }
  int64_t has_runs =
      query_int(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='runs'");
  if (has_runs) return has_runs < 0 ? -1 : 0;
  int64_t tables = query_int(db, "SELECT count(*) FROM sqlite_master");
  return tables < 0 ? -1 : tables ? -3 : -2;
}

sl_errcode sl__tracedb_migrate(sl_tracedb *db, sl_strbuf *err) {
  int64_t v = sl__tracedb_schema_version(db);
  if (v == -1) return sl__tracedb_fail(db, err, "cannot read the trace database");
  if (v == SL_TRACE_SCHEMA_VERSION) return SL_EOK;
  if (v == -3) {
    sl_strbuf_printf(
        err, "%s: not a simloop trace database (it holds other tables); choose another --db\n",
        db->path);
    return SL_ECORRUPT;
  }
  if (v > SL_TRACE_SCHEMA_VERSION) {
    sl_strbuf_printf(
        err,
        "%s: this trace database has schema version %" PRId64
        ", newer than this simloop understands (%d); use a newer simloop or another --db\n",
        db->path, v, SL_TRACE_SCHEMA_VERSION);
    return SL_ECORRUPT;
  }
  /* BEGIN IMMEDIATE takes the write lock first, so two processes opening a
   * fresh file do not both try to create the schema. */
  if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sl__tracedb_fail(db, err, "cannot lock the trace database");
  v = sl__tracedb_schema_version(db); /* another process may have done it meanwhile */
  sl_errcode code = SL_EOK;
  const char *what = "cannot create the schema";
  if (v >= 0 && v != SL_TRACE_SCHEMA_VERSION) {
    /* Each step's SQL, then the current schema (new tables, the view), then
     * each step's fixup (which may rely on the new tables), then the
     * derived values. */
    what = "cannot upgrade the trace database";
    int64_t from = v;
    for (size_t i = 0; i < sizeof MIGRATIONS / sizeof *MIGRATIONS; i++) {
      if (MIGRATIONS[i].from != v) continue;
      if (sqlite3_exec(db->db, MIGRATIONS[i].sql, NULL, NULL, NULL) != SQLITE_OK) goto sqlfail;
      v++;
    }
    if (v != SL_TRACE_SCHEMA_VERSION) goto sqlfail;
    if (sqlite3_exec(db->db, sl_trace_schema_sql, NULL, NULL, NULL) != SQLITE_OK) goto sqlfail;
    for (size_t i = 0; i < sizeof MIGRATIONS / sizeof *MIGRATIONS; i++)
      if (MIGRATIONS[i].from >= from && MIGRATIONS[i].fixup &&
          (code = MIGRATIONS[i].fixup(db, err)) != SL_EOK)
        goto rollback;
    if ((code = finish_upgrade(db, err)) != SL_EOK) goto rollback;
  } else {
    if (sqlite3_exec(db->db, sl_trace_schema_sql, NULL, NULL, NULL) != SQLITE_OK) goto sqlfail;
  }
  char stamp[96];
  snprintf(stamp, sizeof stamp,
           "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '%d')",
           SL_TRACE_SCHEMA_VERSION);
  if (sqlite3_exec(db->db, stamp, NULL, NULL, NULL) != SQLITE_OK) goto sqlfail;
  if (sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) goto sqlfail;
  return SL_EOK;
sqlfail:
  code = sl__tracedb_fail(db, err, what);
rollback:
  sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
  return code;
}
