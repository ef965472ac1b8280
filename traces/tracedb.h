/* The SQLite trace store: one database file, any number of runs.
 *
 * Opening a database creates the schema (traces/schema.sql, embedded at
 * build time) or upgrades an older one (traces/migrate.c); a database made
 * by a newer simloop is refused. Storing a run writes all of it in one
 * transaction, so a killed process never leaves half a run.
 *
 * Errors: functions return an sl_errcode and append one line to `err`
 * naming the file and saying what to do. SL_ECORRUPT: not a trace database
 * or an unknown schema; SL_EIO: SQLite could not read or write; SL_EINVAL:
 * no such run. */
#ifndef SL_TRACEDB_H
#define SL_TRACEDB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/strbuf.h"
#include "traces/trace.h"

/* The schema version this build writes (meta.schema_version). */
#define SL_TRACE_SCHEMA_VERSION 6

typedef struct sl_tracedb sl_tracedb;

/* Opens (create: creating if missing) the database at `path`. Returns the
 * handle in *out (owned by the caller; sl_tracedb_close frees it). */
sl_errcode sl_tracedb_open(const char *path, bool create, sl_tracedb **out, sl_strbuf *err);
/* Opens an existing database for reading only, as show, diff, export and
 * report do: SQLite's read-only mode, and `immutable` when no write-ahead
 * log is pending, so reading writes nothing (no -wal or -shm file, works
 * in a read-only directory) and never turns another file into a database.
 * Refuses a directory, an empty file and a file that is not SQLite with a
 * message that says so. A database of an older schema is opened through
 * sl_tracedb_open (upgraded in place), as before. */
sl_errcode sl_tracedb_open_read(const char *path, sl_tracedb **out, sl_strbuf *err);
/* Opens `path` to store runs in, as sl_tracedb_open(path, true, ...),
 * except when nothing is there yet (no file, link, log or journal): the
 * new database is then built in a temporary file beside it, without a log
 * (traces/tracedb_fresh.c), and appears at `path` only when
 * sl_tracedb_publish moves it there; closing it before removes it. */
sl_errcode sl_tracedb_create(const char *path, sl_tracedb **out, sl_strbuf *err);
/* Moves a database made by sl_tracedb_create into place, without ever
 * replacing what is at its path: when something appeared there meanwhile
 * (another process stored a run), the runs are appended to it and
 * *run_id becomes the first one's id there. Nothing to do for a database
 * that was already at its path. The caller still closes db. */
sl_errcode sl_tracedb_publish(sl_tracedb *db, int64_t *run_id, sl_strbuf *err);
void sl_tracedb_close(sl_tracedb *db);
const char *sl_tracedb_path(const sl_tracedb *db);

/* Stores `tr` (which must have ended) as a new run; computes its trace
 * hash; sets tr->id. All or nothing. */
sl_errcode sl_tracedb_store(sl_tracedb *db, sl_trace *tr, sl_strbuf *err);
/* Storing a run event by event, as it happens (what sl_tracedb_store does
 * with a whole trace): begin writes the run line's columns and opens the
 * run's transaction (the database's write lock is held until end or
 * abort); each event is then stored in order; end completes the run row
 * with the end line's columns and the trace hash (docs/trace.md) and
 * commits. The writer is owned by the caller until end or abort free it.
 * After a failed event, further events do nothing and end returns the
 * failure with its message. */
typedef struct sl_tracedb_writer sl_tracedb_writer;
sl_errcode sl_tracedb_writer_begin(sl_tracedb *db, const sl_trace_meta *m, sl_tracedb_writer **out,
                                   sl_strbuf *err);
/* Lets full chunks of handle and step events (docs/trace.md) be stored by
 * a thread of the writer's own, started at the first, while the run's
 * thread goes on (a streamed run). The thread allocates nothing through
 * core/alloc.h, whose counters are the run's thread's; the connection is
 * used by one thread at a time. Its failures are reported by later calls
 * as the writer's own. */
void sl_tracedb_writer_use_thread(sl_tracedb_writer *w);
/* SL_EOK, or the first failure (the writer keeps its message). */
sl_errcode sl_tracedb_writer_event(sl_tracedb_writer *w, const sl_tev *e);
/* sl_tracedb_writer_event of a handle event with these fields (name: its
 * text, n bytes), without the event (a streamed run has one per handle). */
sl_errcode sl_tracedb_writer_handle(sl_tracedb_writer *w, uint64_t step, uint32_t pos, double t,
                                    const char *name, size_t n);
/* sl_tracedb_writer_event of a step event with these fields, without the
 * event (timeout: when has_timeout). */
sl_errcode sl_tracedb_writer_step(sl_tracedb_writer *w, uint64_t step, double t, bool has_timeout,
                                  double timeout);
/* The failure's message ("PATH: what: why\n"); NULL while none. */
const char *sl_tracedb_writer_error(sl_tracedb_writer *w);
/* `hash` is 64 hex digits; the new run's id goes to *id. Frees w. */
sl_errcode sl_tracedb_writer_end(sl_tracedb_writer *w, const sl_trace_meta *m, const char *hash,
                                 int64_t *id, sl_strbuf *err);
/* Rolls the run back and frees w (NULL: nothing). */
void sl_tracedb_writer_abort(sl_tracedb_writer *w);

/* Loads run `id` into `out` (initialised by the call). */
sl_errcode sl_tracedb_load(sl_tracedb *db, int64_t id, sl_trace *out, sl_strbuf *err);
/* The id of the newest run; SL_EINVAL when the database has none. */
sl_errcode sl_tracedb_last(sl_tracedb *db, int64_t *id, sl_strbuf *err);
/* The stored trace hash of run `id` into hex[65]. */
sl_errcode sl_tracedb_hash(sl_tracedb *db, int64_t id, char hex[65], sl_strbuf *err);

/* One row of the run list. Strings are borrowed for the callback only. */
typedef struct sl_tracedb_row {
  int64_t id;
  const char *engine, *python, *scenario, *outcome, *hash, *created;
  int64_t steps;
  double t;
} sl_tracedb_row;
/* Calls fn for every run, oldest first. */
sl_errcode sl_tracedb_list(sl_tracedb *db, void (*fn)(void *ctx, const sl_tracedb_row *row),
                           void *ctx, sl_strbuf *err);

#endif
