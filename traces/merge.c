/* Appending one trace database to another (see merge.h).
 *
 * The copy is generic over the source's tables, so a table added to the
 * schema later is merged without a change here; only the ids that rows
 * point at need rules. The three tables whose ids are pointed at get a
 * map old id -> new id in a TEMP table of the destination, and a column
 * that points at one reads the map in the INSERT itself. */
#include "traces/merge.h"

#include <inttypes.h>
#include <string.h>

#include "core/alloc.h"
#include "traces/tracedb-int.h"

/* The tables whose ids other rows point at, in the order they are copied
 * (before every table that points at them). */
typedef enum id_table { ID_RUNS, ID_HANDLE_NAMES, ID_SESSIONS, ID__COUNT } id_table;
static const char *const id_table_names[ID__COUNT] = {"runs", "handle_names", "explore_sessions"};

/* Which column of which table points at which id table ("*": any table). */
static const struct {
  const char *table, *column;
  id_table target;
} pointers[] = {
    {"*", "run", ID_RUNS},
    {"handle_events", "name", ID_HANDLE_NAMES},
    {"handle_name_runs", "name", ID_HANDLE_NAMES},
    {"explore_runs", "session", ID_SESSIONS},
};

static int pointer_of(const char *table, const char *column) {
  for (size_t i = 0; i < sizeof pointers / sizeof pointers[0]; i++)
    if ((!strcmp(pointers[i].table, "*") || !strcmp(pointers[i].table, table)) &&
        !strcmp(pointers[i].column, column))
      return (int)pointers[i].target;
  return -1;
}

static int id_table_of(const char *table) {
  for (int i = 0; i < ID__COUNT; i++)
    if (!strcmp(id_table_names[i], table)) return i;
  return -1;
}

typedef struct merge {
  sl_tracedb *dst, *src;
  sl_strbuf *err;
  int64_t runs;
  int64_t first; /* dst's id of the first run copied (0: none yet) */
} merge;

static sl_errcode dst_fail(merge *m, const char *what) {
  return sl__tracedb_fail(m->dst, m->err, what);
}
static sl_errcode src_fail(merge *m, const char *what) {
  return sl__tracedb_fail(m->src, m->err, what);
}

static sl_errcode exec_dst(merge *m, const char *sql) {
  return sqlite3_exec(m->dst->db, sql, NULL, NULL, NULL) == SQLITE_OK ? SL_EOK
                                                                      : dst_fail(m, "cannot merge");
}

/* Creates `table` in the destination from the source's definition when
 * the destination lacks it. */
static sl_errcode ensure_table(merge *m, const char *table, const char *create_sql) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(m->dst->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1",
                         -1, &st, NULL) != SQLITE_OK)
    return dst_fail(m, "cannot merge");
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc == SQLITE_ROW) return SL_EOK;
  if (rc != SQLITE_DONE) return dst_fail(m, "cannot merge");
  return exec_dst(m, create_sql);
}

/* The column names of `table` in the source, in order. */
typedef struct columns {
  char **name; /* owned, each owned */
  size_t n;
} columns;

static void columns_free(columns *c) {
  for (size_t i = 0; i < c->n; i++) sl_free(c->name[i]);
  sl_free(c->name);
  c->name = NULL;
  c->n = 0;
}

static sl_errcode columns_of(merge *m, const char *table, columns *out) {
  sqlite3_stmt *st = NULL;
  sl_strbuf sql = SL_STRBUF_INIT;
  sl_strbuf_printf(&sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
  if (sql.failed) return SL_ENOMEM;
  int rc = sqlite3_prepare_v2(m->src->db, sql.data, -1, &st, NULL);
  sl_strbuf_free(&sql);
  if (rc != SQLITE_OK) return src_fail(m, "cannot read the table's columns");
  sl_errcode code = SL_EOK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    char **grown = sl_realloc(out->name, (out->n + 1) * sizeof *grown);
    const char *name = (const char *)sqlite3_column_text(st, 0);
    char *copy = name ? sl_strndup(name, strlen(name)) : NULL;
    if (!grown || !copy) {
      if (grown) out->name = grown;
      sl_free(copy);
      code = SL_ENOMEM;
      break;
    }
    out->name = grown;
    out->name[out->n++] = copy;
  }
  if (code == SL_EOK && rc != SQLITE_DONE) code = src_fail(m, "cannot read the table's columns");
  sqlite3_finalize(st);
  return code;
}

/* The INSERT of one source row into `table`: every column as the source
 * has it, a pointer column through its map (a value the map lacks, such
 * as explore_runs.run = 0 for a run not stored, is kept). An id table
 * appends with a new id (?1 holds it), handle_names by name. */
static void build_insert(const char *table, const columns *c, sl_strbuf *sql) {
  int idt = id_table_of(table);
  sl_strbuf_printf(sql, "INSERT %sINTO main.\"%s\" (", idt == ID_HANDLE_NAMES ? "OR IGNORE " : "",
                   table);
  for (size_t i = 0; i < c->n; i++) sl_strbuf_printf(sql, "%s\"%s\"", i ? ", " : "", c->name[i]);
  sl_strbuf_puts(sql, ") VALUES (");
  for (size_t i = 0; i < c->n; i++) {
    if (i) sl_strbuf_puts(sql, ", ");
    int p = pointer_of(table, c->name[i]);
    if (idt >= 0 && !strcmp(c->name[i], "id"))
      sl_strbuf_puts(sql, idt == ID_HANDLE_NAMES ? "NULL" : "?1");
    else if (p >= 0)
      sl_strbuf_printf(sql, "COALESCE((SELECT new FROM temp.map_%s WHERE old = ?%zu), ?%zu)",
                       id_table_names[p], i + 2, i + 2);
    else
      sl_strbuf_printf(sql, "?%zu", i + 2);
  }
  sl_strbuf_putc(sql, ')');
}

/* The next free id of an id table in the destination. */
static sl_errcode next_id(merge *m, id_table t, int64_t *out) {
  sl_strbuf sql = SL_STRBUF_INIT;
  sl_strbuf_printf(&sql, "SELECT COALESCE(MAX(id), 0) + 1 FROM main.\"%s\"", id_table_names[t]);
  if (sql.failed) return SL_ENOMEM;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(m->dst->db, sql.data, -1, &st, NULL);
  sl_strbuf_free(&sql);
  if (rc != SQLITE_OK) return dst_fail(m, "cannot merge");
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW ? SL_EOK : dst_fail(m, "cannot merge");
}

/* Records old -> new for an id table's row just inserted: `new_id` for
 * the appended tables, the row with the same name for handle_names. */
static sl_errcode map_row(merge *m, sqlite3_stmt *map, id_table t, int64_t old_id, int64_t new_id,
                          sqlite3_value *name) {
  sqlite3_reset(map);
  sqlite3_bind_int64(map, 1, old_id);
  if (t == ID_HANDLE_NAMES)
    sqlite3_bind_value(map, 2, name);
  else
    sqlite3_bind_int64(map, 2, new_id);
  return sqlite3_step(map) == SQLITE_DONE ? SL_EOK : dst_fail(m, "cannot merge");
}

static sl_errcode prepare_map(merge *m, id_table t, sqlite3_stmt **map) {
  sl_strbuf sql = SL_STRBUF_INIT;
  if (t == ID_HANDLE_NAMES)
    sl_strbuf_puts(&sql, "INSERT INTO temp.map_handle_names (old, new) "
                         "SELECT ?1, id FROM main.handle_names WHERE name = ?2");
  else
    sl_strbuf_printf(&sql, "INSERT INTO temp.map_%s (old, new) VALUES (?1, ?2)", id_table_names[t]);
  if (sql.failed) return SL_ENOMEM;
  int rc = sqlite3_prepare_v2(m->dst->db, sql.data, -1, map, NULL);
  sl_strbuf_free(&sql);
  return rc == SQLITE_OK ? SL_EOK : dst_fail(m, "cannot merge");
}

/* The rows of one table, source to destination. */
static sl_errcode copy_rows(merge *m, const char *table, const columns *c) {
  int idt = id_table_of(table);
  int id_col = -1, name_col = -1;
  for (size_t i = 0; i < c->n; i++) {
    if (!strcmp(c->name[i], "id")) id_col = (int)i;
    if (!strcmp(c->name[i], "name")) name_col = (int)i;
  }
  if (idt >= 0 && (id_col < 0 || (idt == ID_HANDLE_NAMES && name_col < 0))) {
    sl_strbuf_printf(m->err, "%s: table %s has no id column; not a simloop trace database\n",
                     sl_tracedb_path(m->src), table);
    return SL_ECORRUPT;
  }
  sl_strbuf sel = SL_STRBUF_INIT, ins = SL_STRBUF_INIT;
  sl_strbuf_printf(&sel, "SELECT * FROM \"%s\"%s", table, id_col >= 0 ? " ORDER BY id" : "");
  build_insert(table, c, &ins);
  sqlite3_stmt *rd = NULL, *wr = NULL, *map = NULL;
  sl_errcode code = sel.failed || ins.failed ? SL_ENOMEM : SL_EOK;
  int64_t next = 0;
  if (!code && sqlite3_prepare_v2(m->src->db, sel.data, -1, &rd, NULL) != SQLITE_OK)
    code = src_fail(m, "cannot read");
  if (!code && sqlite3_prepare_v2(m->dst->db, ins.data, -1, &wr, NULL) != SQLITE_OK)
    code = dst_fail(m, "cannot merge");
  if (!code && idt >= 0) code = prepare_map(m, (id_table)idt, &map);
  if (!code && idt >= 0 && idt != ID_HANDLE_NAMES) code = next_id(m, (id_table)idt, &next);
  int rc = SQLITE_DONE;
  while (!code && (rc = sqlite3_step(rd)) == SQLITE_ROW) {
    sqlite3_reset(wr);
    for (size_t i = 0; i < c->n; i++)
      sqlite3_bind_value(wr, (int)i + 2, sqlite3_column_value(rd, (int)i));
    if (idt >= 0 && idt != ID_HANDLE_NAMES) sqlite3_bind_int64(wr, 1, next);
    if (sqlite3_step(wr) != SQLITE_DONE) {
      code = dst_fail(m, "cannot merge");
      break;
    }
    if (idt >= 0)
      code = map_row(m, map, (id_table)idt, sqlite3_column_int64(rd, id_col), next++,
                     name_col >= 0 ? sqlite3_column_value(rd, name_col) : NULL);
    if (idt == ID_RUNS && !m->runs++) m->first = next - 1;
  }
  if (!code && rc != SQLITE_DONE) code = src_fail(m, "cannot read");
  sqlite3_finalize(rd);
  sqlite3_finalize(wr);
  sqlite3_finalize(map);
  sl_strbuf_free(&sel);
  sl_strbuf_free(&ins);
  return code;
}

static sl_errcode merge_table(merge *m, const char *table, const char *create_sql) {
  sl_errcode code = ensure_table(m, table, create_sql);
  columns c = {NULL, 0};
  if (!code) code = columns_of(m, table, &c);
  if (!code) code = copy_rows(m, table, &c);
  columns_free(&c);
  return code;
}

/* The source's tables: the id tables first, then the others by name;
 * meta (the schema version) is the destination's own. */
static const char tables_sql[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND name <> 'meta' ORDER BY CASE name WHEN 'runs' THEN 0 WHEN 'handle_names' THEN 1 "
    "WHEN 'explore_sessions' THEN 2 ELSE 3 END, name";

static sl_errcode merge_all(merge *m) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(m->src->db, tables_sql, -1, &st, NULL) != SQLITE_OK)
    return src_fail(m, "cannot read");
  sl_errcode code = SL_EOK;
  int rc;
  while (!code && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(st, 0);
    const char *sql = (const char *)sqlite3_column_text(st, 1);
    if (!name || !sql) continue;
    code = merge_table(m, name, sql);
  }
  if (!code && rc != SQLITE_DONE) code = src_fail(m, "cannot read");
  sqlite3_finalize(st);
  return code;
}

sl_errcode sl_tracedb_merge(sl_tracedb *dst, sl_tracedb *src, int64_t *runs, sl_strbuf *err) {
  int64_t first;
  return sl_tracedb_merge_first(dst, src, runs, &first, err);
}

sl_errcode sl_tracedb_merge_first(sl_tracedb *dst, sl_tracedb *src, int64_t *runs, int64_t *first,
                                  sl_strbuf *err) {
  merge m = {dst, src, err, 0, 0};
  *runs = 0;
  sl_errcode code =
      exec_dst(&m, "BEGIN IMMEDIATE; "
                   "CREATE TEMP TABLE map_runs (old INTEGER PRIMARY KEY, new INTEGER); "
                   "CREATE TEMP TABLE map_handle_names (old INTEGER PRIMARY KEY, new "
                   "INTEGER); "
                   "CREATE TEMP TABLE map_explore_sessions (old INTEGER PRIMARY KEY, "
                   "new INTEGER);");
  if (code) return code;
  code = merge_all(&m);
  if (!code)
    code = exec_dst(&m, "DROP TABLE temp.map_runs; DROP TABLE temp.map_handle_names; "
                        "DROP TABLE temp.map_explore_sessions; COMMIT;");
  if (code) {
    sqlite3_exec(dst->db, "ROLLBACK", NULL, NULL, NULL);
    return code;
  }
  *runs = m.runs;
  if (m.runs) *first = m.first;
  return SL_EOK;
}
