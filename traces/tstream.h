/* Writing a run while it happens: `simloop run --jsonl/--db` on a long run
 * (a million events) without keeping its trace in memory.
 *
 * The stream is an sl_tev_sink for sl_recorder_stream. Each event's
 * canonical JSONL line is made once: appended to the JSONL output (written
 * in chunks of about 256 KiB) and, with a database, fed to the trace hash
 * while the event is stored through an sl_tracedb_writer (one transaction,
 * so the database holds all of the run or none of it). The JSONL output is
 * a FILE the caller opened (sim/outfile.h writes it to a temporary file
 * renamed at the end, so it too is all or nothing).
 *
 * Ownership: the stream borrows `jsonl` and `db` (both may be NULL, not
 * both) and owns its writer; sl_tstream_free rolls back a run that did not
 * end. */
#ifndef SL_TSTREAM_H
#define SL_TSTREAM_H

#include <stdio.h>

#include "core/errors.h"
#include "core/strbuf.h"
#include "traces/trace.h"
#include "traces/tracedb.h"

typedef struct sl_tstream sl_tstream;

/* Starts the run: its run line to `jsonl`, its run row in `db`. Returns
 * the stream in *out, or the failure with its message in err. */
sl_errcode sl_tstream_begin(FILE *jsonl, sl_tracedb *db, const sl_trace_meta *m, sl_tstream **out,
                            sl_strbuf *err);
/* The sink to give sl_recorder_stream; valid while the stream lives. */
sl_tev_sink sl_tstream_sink(sl_tstream *s);
/* Ends the run (`m` has ended): the end line, the hash, the commit. The
 * stored run's id goes to *id (0 without a database). A failure of an
 * earlier event is returned here: SL_ENOMEM, SL_EIO from the database
 * (message in err) or SL_EIO from a JSONL write (no message: the FILE's
 * error, which its closer reports). */
sl_errcode sl_tstream_end(sl_tstream *s, const sl_trace_meta *m, int64_t *id, sl_strbuf *err);
/* The errno of the failed JSONL write (0: none), for its message. */
int sl_tstream_write_errno(const sl_tstream *s);
void sl_tstream_free(sl_tstream *s);

#endif
