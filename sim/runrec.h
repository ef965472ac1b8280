/* Recording one scenario run (`simloop run --db/--jsonl`, conform): the
 * glue between sim/scenario.h and traces/recorder.h.
 *
 * sl_runrec_begin points the scenario options' observer at a recorder
 * (and a decider already in the options at one logging its decisions) that
 * streams each event to the database (one transaction, committed at the
 * end) and/or the JSONL file (a temporary file renamed at the end) while
 * the run goes on (traces/tstream.h): nothing grows with the run's length.
 * sl_runrec_finish writes the end line from the result and commits both,
 * or, when the run did not happen or a write failed, keeps neither.
 *
 * Ownership: the sl_runrec owns its recorder; the options must not outlive
 * it; paths are borrowed. */
#ifndef SL_RUNREC_H
#define SL_RUNREC_H

#include "sim/observers.h"
#include "sim/outfile.h"
#include "sim/scenario.h"
#include "traces/recorder.h"

typedef struct sl_tstream sl_tstream;

typedef struct sl_runrec {
  sl_recorder *rec;   /* owned; NULL when not recording */
  sl_tstream *stream; /* owned: writes the events as they happen */
  sl_tracedb *tdb;    /* owned: the open --db */
  sl_output out;      /* the open --jsonl, when out_open */
  bool out_open;
  sl_observer obs;
  sl_logged_decider ld;
  sl_decider dec;
  sl_decider inner;
  const char *db, *jsonl;
} sl_runrec;

/* Checks, before any work, that `db` can be written: an existing file must
 * be a trace database (it is opened, and upgraded if old); a new one needs
 * a writable directory. Returns SL_EOK or the error appended to err. */
sl_errcode sl_db_check_writable(const char *db, sl_strbuf *err);

/* Writes the recorder's run as JSONL to `path` (sl_output_write: "-" is
 * stdout, devices written in place). Same error convention. */
sl_errcode sl_recorder_save_jsonl(sl_recorder *rec, const char *path, sl_strbuf *err);

/* Starts recording when db or jsonl is non-NULL (otherwise does nothing).
 * Both outputs are checked first (sl_db_check_writable, sl_output_check).
 * Returns 0, or 2 after printing "simloop CMD: what" to stderr. */
int sl_runrec_begin(sl_runrec *r, const char *cmd, const char *db, const char *jsonl,
                    sl_scenario_opts *opts);
/* Sets the recorder's end line from a scenario result, as the oracle
 * writes it (exception: detail "Type: message"; others: null). Returns
 * false for results that are not a run (out of memory, load errors). */
bool sl_runrec_end(sl_recorder *rec, const sl_scenario_result *res);
/* Ends, commits and closes the run's outputs; prints "run N stored in DB" to stderr.
 * Returns 0, or 2 after printing the problem. Frees the recorder. */
int sl_runrec_finish(sl_runrec *r, const char *cmd, const sl_scenario_result *res);

#endif
