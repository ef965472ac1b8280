/* The recorder: an sl_observer that buffers one run's events in memory and
 * writes them out at the end, to SQLite in one transaction (so a killed
 * process never leaves half a run) and/or as JSONL.
 *
 * Use: sl_recorder_new, sl_recorder_begin (the run line), pass
 * sl_recorder_observer(rec) to the engine, sl_recorder_decision for each
 * schedule decision taken, sl_recorder_end (the end line), then
 * sl_recorder_store / sl_recorder_write_jsonl. The recorder owns its trace;
 * sl_recorder_trace lends it (e.g. to diff it without a database).
 * A long run can instead be streamed (sl_recorder_stream): its events then
 * go to a sink as they happen and only the metadata stays.
 *
 * Observer slots cannot fail, so an allocation failure while recording
 * marks the recorder failed; store and write then return SL_ENOMEM and
 * write nothing. */
#ifndef SL_RECORDER_H
#define SL_RECORDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/observer.h"
#include "traces/trace.h"
#include "traces/tracedb.h"

/* What the `run` line says. Strings are copied. */
typedef struct sl_run_info {
  const char *engine;         /* "simloop" */
  const char *engine_version; /* sl_version() */
  const char *python;         /* the profile's exact version, "3.11.2" */
  const char *impl;           /* "sim" for simloop */
  const char *scenario;       /* path as given */
  const char *sha256;         /* hex digest of the scenario; NULL: read the file */
  bool has_seed;
  int64_t seed;
  const char *strategy; /* NULL or e.g. "default", "random" */
} sl_run_info;

typedef struct sl_recorder sl_recorder;

/* Returns a new recorder (owned by the caller) or NULL when out of memory. */
sl_recorder *sl_recorder_new(void);
void sl_recorder_free(sl_recorder *rec);

/* Sets the run line. Returns SL_EIO (message in err) when info->sha256 is
 * NULL and the scenario cannot be read, SL_ENOMEM when out of memory. */
sl_errcode sl_recorder_begin(sl_recorder *rec, const sl_run_info *info, sl_strbuf *err);
/* The observer to give the engine; ctx is `rec`, which must outlive it. */
sl_observer sl_recorder_observer(sl_recorder *rec);
/* From now on hands every event to `sink` (copied) instead of keeping it:
 * the trace then holds only the metadata (begin/end), and a sink failure
 * marks the recorder failed. For `run --jsonl/--db` (traces/tstream.h). */
void sl_recorder_stream(sl_recorder *rec, const sl_tev_sink *sink);
/* Records a schedule decision taken during the current step. Only
 * decisions that changed something (value != 0) are trace events, as the
 * oracle logs them (docs/trace.md). */
void sl_recorder_decision(sl_recorder *rec, const char *kind, double value);
/* Sets the end line: outcome ("ok", "deadlock", ...), detail (or NULL),
 * number of steps and final virtual time. */
void sl_recorder_end(sl_recorder *rec, const char *outcome, const char *detail, uint64_t steps,
                     double t);

/* Replaces the recorder's trace with *tr, whole (a run recorded elsewhere:
 * CPython mode's trace from the oracle); *tr is left empty. */
void sl_recorder_adopt(sl_recorder *rec, sl_trace *tr);

/* The step index of the last step_begin (0 before the first). */
uint64_t sl_recorder_step(const sl_recorder *rec);
bool sl_recorder_failed(const sl_recorder *rec);
/* The recorded trace; borrowed, valid until the recorder is freed. */
sl_trace *sl_recorder_trace(sl_recorder *rec);

/* Writes the run to `db` in one transaction; the run's id is then
 * sl_recorder_trace(rec)->id. */
sl_errcode sl_recorder_store(sl_recorder *rec, sl_tracedb *db, sl_strbuf *err);
/* Writes the run as JSONL to `f`. */
sl_errcode sl_recorder_write_jsonl(sl_recorder *rec, FILE *f);

/* Hex SHA-256 of the file at `path` into hex[65]; SL_EIO with a message in
 * err when it cannot be read. */
sl_errcode sl_sha256_file(const char *path, char hex[65], sl_strbuf *err);

#endif
