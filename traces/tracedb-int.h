/* Internals shared by tracedb.c and migrate.c. */
#ifndef SL_TRACEDB_INT_H
#define SL_TRACEDB_INT_H

#include <sqlite3.h>

#include "traces/tracedb.h"

struct sl_tracedb {
  sqlite3 *db; /* owned */
  char *path;  /* owned copy, for messages */
  /* owned: the temporary file a new database is built in until
   * sl_tracedb_publish (tracedb_fresh.c); NULL: the database is at path */
  char *tmp;
};

/* The text of traces/schema.sql (generated at build time). */
extern const char sl_trace_schema_sql[];

/* Appends "PATH: WHAT: sqlite's message" to err and returns SL_EIO. */
sl_errcode sl__tracedb_fail(sl_tracedb *db, sl_strbuf *err, const char *what);

/* The schema version of an open database: -1 on an SQLite error, -2 no
 * tables at all, -3 another program's tables, 0.. a simloop store. */
int64_t sl__tracedb_schema_version(sl_tracedb *db);

/* Brings the schema of an open database to SL_TRACE_SCHEMA_VERSION (creating
 * it in an empty file), in one transaction; refuses a newer schema. */
sl_errcode sl__tracedb_migrate(sl_tracedb *db, sl_strbuf *err);

/* Closes a database still being built in its temporary file and removes
 * the file (nothing when db->tmp is NULL). */
void sl__tracedb_drop_tmp(sl_tracedb *db);

#endif
