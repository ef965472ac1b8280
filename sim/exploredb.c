/* Explore's summary tables (exploredb.h). */
#include "sim/exploredb.h"

#include <sqlite3.h>
#include <stdio.h>

#include "core/alloc.h"
#include "sim/detect.h"

sl_errcode sl_exploredb_add(sl_explore_session *s, const sl_explore_row *row) {
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 256;
    sl_explore_row *nr = sl_realloc(s->rows, cap * sizeof *nr);
    if (!nr) return SL_ENOMEM;
    s->rows = nr;
    s->cap = cap;
  }
  s->rows[s->n++] = *row;
  return SL_EOK;
}

void sl_exploredb_free(sl_explore_session *s) {
  sl_free(s->rows);
  s->rows = NULL;
  s->n = s->cap = 0;
}

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS explore_sessions (\n"
    "  id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, strategy TEXT NOT NULL,\n"
    "  params TEXT, first_seed INTEGER NOT NULL, runs INTEGER NOT NULL,\n"
    "  failures INTEGER NOT NULL, elapsed REAL,\n"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));\n"
    "CREATE TABLE IF NOT EXISTS explore_runs (\n"
    "  session INTEGER NOT NULL REFERENCES explore_sessions(id) ON DELETE CASCADE,\n"
    "  idx INTEGER NOT NULL, seed INTEGER NOT NULL, outcome TEXT NOT NULL,\n"
    "  nondefault INTEGER NOT NULL, steps INTEGER NOT NULL, final_time REAL NOT NULL,\n"
    "  fingerprint TEXT NOT NULL, run INTEGER, PRIMARY KEY (session, idx)) WITHOUT "
    "ROWID;\n";

sl_errcode sl_exploredb_save(const char *path, const sl_explore_session *s, int64_t *session_id,
                             sl_strbuf *err) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  const char *what = "open";
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_busy_timeout(db, 5000);
  what = "create the explore tables in";
  if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK) goto fail;
  what = "write to";
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) goto fail;
  size_t failures = 0;
  for (size_t i = 0; i < s->n; i++) failures += s->rows[i].verdict != SL_VERDICT_OK;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO explore_sessions(scenario,strategy,params,first_seed,runs,"
                         "failures,elapsed) VALUES(?,?,?,?,?,?,?)",
                         -1, &st, NULL) != SQLITE_OK)
    goto rollback;
  sqlite3_bind_text(st, 1, s->scenario, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, s->strategy, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, s->params, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 4, (sqlite3_int64)s->first_seed);
  sqlite3_bind_int64(st, 5, (sqlite3_int64)s->n);
  sqlite3_bind_int64(st, 6, (sqlite3_int64)failures);
  sqlite3_bind_double(st, 7, s->elapsed);
  if (sqlite3_step(st) != SQLITE_DONE) goto rollback;
  sqlite3_finalize(st);
  st = NULL;
  *session_id = sqlite3_last_insert_rowid(db);
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO explore_runs(session,idx,seed,outcome,nondefault,steps,"
                         "final_time,fingerprint,run) VALUES(?,?,?,?,?,?,?,?,?)",
                         -1, &st, NULL) != SQLITE_OK)
    goto rollback;
  for (size_t i = 0; i < s->n; i++) {
    const sl_explore_row *r = &s->rows[i];
    char fp[17];
    snprintf(fp, sizeof fp, "%016llx", (unsigned long long)r->fingerprint);
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, *session_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)r->index);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)r->seed);
    sqlite3_bind_text(st, 4, sl_verdict_name((sl_verdict)r->verdict), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, r->nondefault);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)r->steps);
    sqlite3_bind_double(st, 7, r->t);
    sqlite3_bind_text(st, 8, fp, -1, SQLITE_TRANSIENT);
    if (r->run)
      sqlite3_bind_int64(st, 9, r->run);
    else
      sqlite3_bind_null(st, 9);
    if (sqlite3_step(st) != SQLITE_DONE) goto rollback;
  }
  sqlite3_finalize(st);
  st = NULL;
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) goto rollback;
  sqlite3_close(db);
  return SL_EOK;
rollback:
  sl_strbuf_printf(err, "%s: cannot %s the database: %s\n", path, what, sqlite3_errmsg(db));
  sqlite3_finalize(st);
  sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(db);
  return SL_EIO;
fail:
  sl_strbuf_printf(err, "%s: cannot %s the database: %s; check the path and permissions\n", path,
                   what, db ? sqlite3_errmsg(db) : "out of memory");
  sqlite3_close(db);
  return SL_EIO;
}
