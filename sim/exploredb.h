/* Explore's summary rows in the trace database: one `explore_sessions` row
 * per `simloop explore` and one `explore_runs` row per run it made (the
 * failing runs' full traces go to the traces engineer's `runs` tables
 * through the recorder; explore_runs.run points at them). The tables are
 * created on first use (docs/explore.md "Database"); all rows of a session
 * are written in one transaction.
 *
 * Ownership: rows are copied into the session; sl_exploredb_free frees
 * them. */
#ifndef SL_EXPLOREDB_H
#define SL_EXPLOREDB_H

#include <stdint.h>

#include "core/errors.h"
#include "core/strbuf.h"

typedef struct sl_explore_row {
  uint64_t index, seed;
  uint8_t verdict;     /* sl_verdict */
  uint32_t nondefault; /* non-default decisions taken */
  uint64_t steps;
  double t;
  uint64_t fingerprint;
  uint64_t detail_hash; /* FNV-1a of the verdict's detail */
  int64_t run;          /* runs.id of the stored trace, 0: not stored */
} sl_explore_row;

typedef struct sl_explore_session {
  const char *scenario, *strategy, *params; /* borrowed */
  uint64_t first_seed;
  double elapsed;
  sl_explore_row *rows; /* owned */
  size_t n, cap;
} sl_explore_session;

sl_errcode sl_exploredb_add(sl_explore_session *s, const sl_explore_row *row);
void sl_exploredb_free(sl_explore_session *s);
/* Writes the session and its rows to the database at `path`. */
sl_errcode sl_exploredb_save(const char *path, const sl_explore_session *s, int64_t *session_id,
                             sl_strbuf *err);

#endif
