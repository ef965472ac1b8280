/* Reading runs back from the trace store (see tracedb.h). Events are put
 * back in their original order by their `seq` column. */
#include <inttypes.h>
#include <string.h>

#include "core/alloc.h"
#include "traces/json.h"
#include "traces/tracedb-int.h"

static bool col_str(sqlite3_stmt *s, int i, sl_tstr *dst) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return sl_tstr_set(dst, NULL, 0);
  const char *p = (const char *)sqlite3_column_text(s, i);
  if (!p) return false; /* out of memory converting the value */
  return sl_tstr_set(dst, p, (size_t)sqlite3_column_bytes(s, i));
}

static uint64_t col_id(sqlite3_stmt *s, int i) {
  return sqlite3_column_type(s, i) == SQLITE_NULL ? 0 : (uint64_t)sqlite3_column_int64(s, i);
}

/* The queries, one per table; each row yields one event (tasks: two). The
 * first column is always seq. */
enum {
  Q_STEP,
  Q_STEP_CHUNK,
  Q_HANDLE,
  Q_CHUNK,
  Q_TASK,
  Q_TASK_DONE,
  Q_OUTPUT,
  Q_DECISION,
  Q_EVENT,
  Q_SOCK,
  Q__COUNT
};
static const char *const QUERIES[Q__COUNT] = {
    /* Runs stored before schema version 5: a row per step event. */
    "SELECT seq, i, t, timeout FROM step_rows WHERE run=?",
    /* Then the chunks (as Q_CHUNK below). */
    "SELECT json_extract(j.value, '$[0]'), j.value FROM step_chunks c"
    " JOIN json_each(c.events) j WHERE c.run=?",
    /* Runs stored before schema version 4: a row per handle event. */
    "SELECT e.seq, e.step, e.pos, e.t, n.name FROM handle_events e"
    " JOIN handle_names n ON n.id = e.name WHERE e.run=?",
    /* Then the chunks: each entry is read from its text by simloop's own
     * parser (its t exactly as written); an entry of version 6 holds seq
     * and step relative to the chunk's and its name's index in the chunk's
     * names (schema.sql), which SQLite looks up. */
    "SELECT CASE WHEN c.names IS NULL THEN 0 ELSE c.seq END + json_extract(j.value, '$[0]'),"
    " j.value, c.names IS NULL, c.step,"
    " json_extract(c.names, '$[' || json_extract(j.value, '$[4]') || ']')"
    " FROM handle_chunks c JOIN json_each(c.events) j WHERE c.run=?",
    "SELECT created_seq, created_step, id, name, coro, parent FROM tasks WHERE run=? AND "
    "created_seq IS NOT NULL",
    "SELECT done_seq, done_step, id, outcome, detail FROM tasks WHERE run=? AND done_seq IS NOT "
    "NULL",
    "SELECT seq, step, task, text FROM output WHERE run=?",
    "SELECT seq, step, kind, value FROM decisions WHERE run=?",
    "SELECT seq, step, kind, op, \"when\", message, exception FROM events WHERE run=?",
    "SELECT seq, step, op, conn, fd, peer, n, t FROM sock_events WHERE run=?",
};

/* Fills event `e` from the current row of query q (a row per event). */
static bool fill_row(int q, sqlite3_stmt *s, sl_tev *e) {
  e->step = (uint64_t)sqlite3_column_int64(s, 1);
  switch (q) {
  case Q_STEP:
    e->kind = SL_TEV_STEP;
    e->t = sqlite3_column_double(s, 2);
    e->has_timeout = sqlite3_column_type(s, 3) != SQLITE_NULL;
    e->timeout = e->has_timeout ? sqlite3_column_double(s, 3) : 0;
    return true;
  case Q_HANDLE:
    e->kind = SL_TEV_HANDLE;
    e->pos = (uint32_t)sqlite3_column_int64(s, 2);
    e->t = sqlite3_column_double(s, 3);
    return col_str(s, 4, &e->a);
  case Q_TASK:
    e->kind = SL_TEV_TASK;
    e->task = col_id(s, 2);
    e->parent = col_id(s, 5);
    return col_str(s, 3, &e->a) && col_str(s, 4, &e->b);
  case Q_TASK_DONE:
    e->kind = SL_TEV_TASK_DONE;
    e->task = col_id(s, 2);
    return col_str(s, 3, &e->a) && col_str(s, 4, &e->b);
  case Q_OUTPUT:
    e->kind = SL_TEV_OUTPUT;
    e->task = col_id(s, 2);
    return col_str(s, 3, &e->a);
  case Q_DECISION:
    e->kind = SL_TEV_DECISION;
    e->t = sqlite3_column_double(s, 3);
    return col_str(s, 2, &e->a);
  case Q_EVENT: {
    const char *kind = (const char *)sqlite3_column_text(s, 2);
    if (kind && !strcmp(kind, "timer")) {
      const char *op = (const char *)sqlite3_column_text(s, 3);
      e->kind = SL_TEV_TIMER;
      e->cancelled = op && !strcmp(op, "cancelled");
      e->t = sqlite3_column_double(s, 4);
      return true;
    }
    e->kind = SL_TEV_ERROR;
    return col_str(s, 5, &e->a) && col_str(s, 6, &e->b);
  }
  case Q_SOCK:
    e->kind = SL_TEV_SOCK;
    e->conn = (uint64_t)sqlite3_column_int64(s, 3);
    e->fd = (int32_t)sqlite3_column_int64(s, 4);
    e->peer = sqlite3_column_type(s, 5) == SQLITE_NULL ? -1 : (int32_t)sqlite3_column_int64(s, 5);
    e->n = (uint64_t)sqlite3_column_int64(s, 6);
    e->t = sqlite3_column_double(s, 7);
    return col_str(s, 2, &e->a);
  }
  return false;
}

/* How filling an event went. */
enum { FILL_OK, FILL_NOMEM, FILL_BAD };

/* The element i of a parsed chunk entry, a whole number >= 0, or -1. */
static int64_t entry_int(const sl_json *v, size_t i) {
  const sl_json *x = v->items[i];
  return x->type == SL_JSON_NUMBER && x->is_int && x->i >= 0 ? x->i : -1;
}

/* A handle event from its chunk entry (column 1): [seq,step,pos,t,name]
 * before schema version 6 (column 2 true), else [seq,step,pos,t,k] with
 * the chunk's step in column 3 and the name in column 4. */
static int fill_chunked(sqlite3_stmt *s, sl_tev *e) {
  const char *text = (const char *)sqlite3_column_text(s, 1);
  if (!text) return FILL_NOMEM;
  sl_json_error jerr;
  sl_json *v = sl_json_parse(text, (size_t)sqlite3_column_bytes(s, 1), &jerr);
  if (!v) return strcmp(jerr.message, "out of memory") ? FILL_BAD : FILL_NOMEM;
  int rc = FILL_BAD;
  bool v5 = sqlite3_column_int(s, 2);
  if (v->type == SL_JSON_ARRAY && v->n == 5 && entry_int(v, 1) >= 0 && entry_int(v, 2) >= 0 &&
      v->items[3]->type == SL_JSON_NUMBER) {
    e->kind = SL_TEV_HANDLE;
    e->step = (uint64_t)entry_int(v, 1);
    e->pos = (uint32_t)entry_int(v, 2);
    e->t = v->items[3]->d;
    if (v5 && v->items[4]->type == SL_JSON_STRING) {
      rc = sl_tstr_set(&e->a, v->items[4]->s, v->items[4]->n) ? FILL_OK : FILL_NOMEM;
    } else if (!v5 && sqlite3_column_type(s, 4) == SQLITE_TEXT) {
      e->step += (uint64_t)sqlite3_column_int64(s, 3);
      rc = col_str(s, 4, &e->a) ? FILL_OK : FILL_NOMEM;
    }
  }
  sl_json_free(v);
  return rc;
}

/* A step event from its chunk entry "[seq,i,t,timeout,handles]" (column 1). */
static int fill_step_chunked(sqlite3_stmt *s, sl_tev *e) {
  const char *text = (const char *)sqlite3_column_text(s, 1);
  if (!text) return FILL_NOMEM;
  sl_json_error jerr;
  sl_json *v = sl_json_parse(text, (size_t)sqlite3_column_bytes(s, 1), &jerr);
  if (!v) return strcmp(jerr.message, "out of memory") ? FILL_BAD : FILL_NOMEM;
  int rc = FILL_BAD;
  if (v->type == SL_JSON_ARRAY && v->n == 5 && entry_int(v, 1) >= 0 &&
      v->items[2]->type == SL_JSON_NUMBER &&
      (v->items[3]->type == SL_JSON_NUMBER || v->items[3]->type == SL_JSON_NULL)) {
    e->kind = SL_TEV_STEP;
    e->step = (uint64_t)entry_int(v, 1);
    e->t = v->items[2]->d;
    e->has_timeout = v->items[3]->type == SL_JSON_NUMBER;
    e->timeout = e->has_timeout ? v->items[3]->d : 0;
    rc = FILL_OK;
  }
  sl_json_free(v);
  return rc;
}

/* Fills event `e` from the current row of query q. */
static int fill(int q, sqlite3_stmt *s, sl_tev *e) {
  if (q == Q_CHUNK) return fill_chunked(s, e);
  if (q == Q_STEP_CHUNK) return fill_step_chunked(s, e);
  return fill_row(q, s, e) ? FILL_OK : FILL_NOMEM;
}

static sl_errcode corrupt(sl_tracedb *db, sl_strbuf *err, int64_t id, const char *why) {
  sl_strbuf_printf(err, "%s: run %" PRId64 " is damaged (%s); record it again\n", db->path, id,
                   why);
  return SL_ECORRUPT;
}

sl_errcode sl_tracedb_load(sl_tracedb *db, int64_t id, sl_trace *out, sl_strbuf *err) {
  sl_trace_init(out);
  sqlite3_stmt *s = NULL;
  sl_errcode code = SL_EOK;
  bool *seen = NULL;
  /* A read transaction, so the run cannot change between the queries; a
   * savepoint, so that migrate.c may load runs inside its own transaction. */
  if (sqlite3_exec(db->db, "SAVEPOINT sl_load", NULL, NULL, NULL) != SQLITE_OK)
    return sl__tracedb_fail(db, err, "cannot read");
  if (sqlite3_prepare_v2(
          db->db,
          "SELECT engine, engine_version, python, impl, scenario, scenario_sha256, seed,"
          " strategy, outcome, detail, steps, final_time FROM runs WHERE id=?",
          -1, &s, NULL) != SQLITE_OK)
    goto sqlfail;
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) {
    sl_strbuf_printf(err, "%s: no run %" PRId64 " (`simloop show --db %s --list` lists the runs)\n",
                     db->path, id, db->path);
    code = SL_EINVAL;
    goto done;
  }
  if (rc != SQLITE_ROW) goto sqlfail;
  sl_trace_meta *m = &out->meta;
  if (!(col_str(s, 0, &m->engine) && col_str(s, 1, &m->engine_version) &&
        col_str(s, 2, &m->python) && col_str(s, 3, &m->impl) && col_str(s, 4, &m->scenario) &&
        col_str(s, 5, &m->sha256) && col_str(s, 7, &m->strategy) && col_str(s, 8, &m->outcome) &&
        col_str(s, 9, &m->detail))) {
    code = SL_ENOMEM;
    goto done;
  }
  m->has_seed = sqlite3_column_type(s, 6) != SQLITE_NULL;
  m->seed = sqlite3_column_int64(s, 6);
  m->steps = (uint64_t)sqlite3_column_int64(s, 10);
  m->t = sqlite3_column_double(s, 11);
  m->ended = true;
  out->id = id;
  sqlite3_finalize(s);
  s = NULL;

  /* Count first, so the event array is allocated once at its final size. */
  if (sqlite3_prepare_v2(
          db->db,
          "SELECT (SELECT count(*) FROM step_rows WHERE run=?1) + (SELECT coalesce(sum(n), 0) FROM"
          " step_chunks WHERE run=?1) + (SELECT count(*) FROM handle_events"
          " WHERE run=?1) + (SELECT coalesce(sum(n), 0) FROM handle_chunks WHERE run=?1) + (SELECT "
          "count(created_seq) + count(done_seq) FROM tasks WHERE"
          " run=?1) + (SELECT count(*) FROM output WHERE run=?1) + (SELECT count(*) FROM"
          " decisions WHERE run=?1) + (SELECT count(*) FROM events WHERE run=?1) + (SELECT count(*)"
          " FROM sock_events WHERE run=?1)",
          -1, &s, NULL) != SQLITE_OK)
    goto sqlfail;
  sqlite3_bind_int64(s, 1, id);
  if (sqlite3_step(s) != SQLITE_ROW) goto sqlfail;
  size_t n = (size_t)sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  s = NULL;
  if (n) {
    out->ev = sl_calloc(n, sizeof *out->ev);
    seen = sl_calloc(n, sizeof *seen);
    if (!out->ev || !seen) {
      code = SL_ENOMEM;
      goto done;
    }
    out->nev = out->cap = n;
  }
  for (int q = 0; q < Q__COUNT; q++) {
    if (sqlite3_prepare_v2(db->db, QUERIES[q], -1, &s, NULL) != SQLITE_OK) goto sqlfail;
    sqlite3_bind_int64(s, 1, id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      sqlite3_int64 seq = sqlite3_column_int64(s, 0);
      if (seq < 0 || (size_t)seq >= n || seen[seq]) {
        code = corrupt(db, err, id, "event positions are not 0..n-1");
        goto done;
      }
      seen[seq] = true;
      int filled = fill(q, s, &out->ev[seq]);
      if (filled != FILL_OK) {
        code = filled == FILL_NOMEM ? SL_ENOMEM
                                    : corrupt(db, err, id, "a chunk of events is not valid");
        goto done;
      }
    }
    if (rc != SQLITE_DONE) goto sqlfail;
    sqlite3_finalize(s);
    s = NULL;
  }
  goto done;
sqlfail:
  code = sl__tracedb_fail(db, err, "cannot read a run");
done:
  sqlite3_finalize(s);
  sqlite3_exec(db->db, "RELEASE sl_load", NULL, NULL, NULL);
  sl_free(seen);
  if (code != SL_EOK) sl_trace_free(out);
  return code;
}

sl_errcode sl_tracedb_last(sl_tracedb *db, int64_t *id, sl_strbuf *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db->db, "SELECT max(id) FROM runs", -1, &s, NULL) != SQLITE_OK ||
      sqlite3_step(s) != SQLITE_ROW) {
    sqlite3_finalize(s);
    return sl__tracedb_fail(db, err, "cannot read the run list");
  }
  bool none = sqlite3_column_type(s, 0) == SQLITE_NULL;
  *id = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  if (none) {
    sl_strbuf_printf(
        err, "%s: the database holds no runs yet (record one with `simloop run FILE --db %s`)\n",
        db->path, db->path);
    return SL_EINVAL;
  }
  return SL_EOK;
}

sl_errcode sl_tracedb_hash(sl_tracedb *db, int64_t id, char hex[65], sl_strbuf *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db->db, "SELECT trace_hash FROM runs WHERE id=?", -1, &s, NULL) !=
      SQLITE_OK) {
    sqlite3_finalize(s);
    return sl__tracedb_fail(db, err, "cannot read the run list");
  }
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s);
  const char *h = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
  if (!h || strlen(h) != 64) {
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
      sl_strbuf_printf(err, "%s: no run %" PRId64 "\n", db->path, id);
      return SL_EINVAL;
    }
    return sl__tracedb_fail(db, err, "cannot read the run list");
  }
  memcpy(hex, h, 65);
  sqlite3_finalize(s);
  return SL_EOK;
}

sl_errcode sl_tracedb_list(sl_tracedb *db, void (*fn)(void *ctx, const sl_tracedb_row *row),
                           void *ctx, sl_strbuf *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db->db,
                         "SELECT id, engine, python, scenario, outcome, trace_hash, created, steps,"
                         " final_time FROM runs ORDER BY id",
                         -1, &s, NULL) != SQLITE_OK)
    return sl__tracedb_fail(db, err, "cannot read the run list");
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_tracedb_row row = {
        sqlite3_column_int64(s, 0),
        (const char *)sqlite3_column_text(s, 1),
        (const char *)sqlite3_column_text(s, 2),
        (const char *)sqlite3_column_text(s, 3),
        (const char *)sqlite3_column_text(s, 4),
        (const char *)sqlite3_column_text(s, 5),
        (const char *)sqlite3_column_text(s, 6),
        sqlite3_column_int64(s, 7),
        sqlite3_column_double(s, 8),
    };
    fn(ctx, &row);
  }
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) return sl__tracedb_fail(db, err, "cannot read the run list");
  return SL_EOK;
}
