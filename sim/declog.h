/* Decisions and decision logs: what a run decided, in the JSONL form the
 * oracle reads and writes (oracle/README.md "Decision log";
 * docs/trace.md). A log replays a run exactly in simloop and in CPython.
 *
 * Ownership: an sl_declog owns its array (sl_declog_free); parse, read
 * and canonical fill a log the caller initialised and frees. */
#ifndef SL_DECLOG_H
#define SL_DECLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "sim/vselector.h"
#include "core/strbuf.h"

typedef struct sl_decision {
  sl_decision_kind kind;
  double value;  /* seconds, >= 0 */
  bool has_step; /* false: applies at the next point of its kind */
  uint64_t step; /* the _run_once index it belongs to */
  uint32_t pos;  /* cost and io: index among the step's points of its kind;
                    seed: cost points of the step before it (not in the
                    file format; the oracle's rule implies it) */
} sl_decision;

typedef struct sl_declog {
  sl_decision *d; /* owned array */
  size_t n, cap;
} sl_declog;

void sl_declog_init(sl_declog *log);
void sl_declog_free(sl_declog *log);
sl_errcode sl_declog_push(sl_declog *log, const sl_decision *d);
sl_errcode sl_declog_copy(sl_declog *dst, const sl_declog *src);
/* Decisions whose value is not the default 0. */
size_t sl_declog_nondefault(const sl_declog *log);
const char *sl_decision_kind_name(sl_decision_kind kind);

/* Parses a decision log (JSON Lines; lines whose "ev" is not "decision",
 * blank lines and '#' lines are skipped, so a whole trace serves as a log).
 * `name` is used in messages. On bad input returns SL_ECORRUPT and appends
 * "name:line:col: what; what to do" to err. */
sl_errcode sl_declog_parse(const char *text, size_t len, const char *name, sl_declog *out,
                           sl_strbuf *err);
/* Reads and parses the file at `path` (SL_EIO when unreadable). */
sl_errcode sl_declog_read(const char *path, sl_declog *out, sl_strbuf *err);
/* Appends the log as JSONL `decision` events (docs/trace.md), preceded by
 * `comment` as '#' lines when not NULL. */
void sl_declog_format(const sl_declog *log, const char *comment, sl_strbuf *out);
/* Writes the log to `path` with sl_output_write (sim/outfile.h): never a
 * partial file, never a device node replaced. */
sl_errcode sl_declog_save(const sl_declog *log, const char *comment, const char *path,
                          sl_strbuf *err);

/* The shortest log that replays `taken` exactly under the oracle's rule:
 * the non-default decisions, each pinned to its step, plus explicit zero
 * costs for the earlier cost points of the same step (the rule consumes
 * entries in order, so a cost at position 3 needs entries for 0..2).
 * `taken` must hold positions (as sl_schedule records them). */
sl_errcode sl_declog_canonical(const sl_declog *taken, sl_declog *out);

#endif
