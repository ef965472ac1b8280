/* Naming a trace on the command line, for show, diff and conform.
 *
 * A trace argument is one of:
 *   FILE.jsonl        the first run of a JSONL file (the only one, usually)
 *   FILE.jsonl:N      its N-th run (1-based), for oracle batches
 *   DB                the newest run of a trace database
 *   DB:ID             run ID of a trace database
 *   ID                run ID of the --db database (digits only)
 * A file is a database when it starts with SQLite's header, so names do
 * not matter. */
#ifndef SL_TRACEARG_H
#define SL_TRACEARG_H

#include "core/errors.h"
#include "core/strbuf.h"
#include "traces/trace.h"

/* Loads the run `arg` names into `out` (initialised by the call) and a
 * short label for messages into `label` ("trace.db:3", "o.jsonl:2").
 * `db` is the --db value used for a bare ID. Returns SL_EINVAL/SL_EIO/
 * SL_ECORRUPT with a message in err when it cannot. */
sl_errcode sl_trace_arg_load(const char *arg, const char *db, sl_trace *out, sl_strbuf *label,
                             sl_strbuf *err);

/* Loads run `id` (0: the newest) of the database at `path`, like
 * sl_trace_arg_load. */
sl_errcode sl_trace_db_load(const char *path, long long id, sl_trace *out, sl_strbuf *label,
                            sl_strbuf *err);

/* Parses a decimal run id; false unless `s` is all digits (and > 0). */
bool sl_parse_run_id(const char *s, long long *id);

#endif
