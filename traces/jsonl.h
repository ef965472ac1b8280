/* The JSON Lines form of a trace (docs/trace.md): writing and reading.
 *
 * The writer produces exactly the bytes Python's
 * json.dumps(ev, separators=(",", ":")) produces for the oracle's events:
 * keys in the documented order, ASCII only (other characters as \uXXXX),
 * floats as Python's repr (NaN, Infinity as Python's json writes them).
 * So the same run gives the same text, and the same hash, in both engines.
 *
 * The reader accepts any number of runs in one file (the oracle writes a
 * batch that way), each from its `run` line to its `end` line. */
#ifndef SL_JSONL_H
#define SL_JSONL_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/errors.h"
#include "core/strbuf.h"
#include "traces/trace.h"

/* Appends the JSONL line of one event / the run line / the end line,
 * without the newline. Failures mark `out` failed (see strbuf.h). */
void sl_jsonl_event(sl_strbuf *out, const sl_tev *ev);
void sl_jsonl_run_line(sl_strbuf *out, const sl_trace_meta *m);
void sl_jsonl_end_line(sl_strbuf *out, const sl_trace_meta *m);
/* Appends a JSON string literal for s[0..n) (UTF-8), escaped as Python's
 * json module does with ensure_ascii; s NULL writes null. */
void sl_json_put_string(sl_strbuf *out, const char *s, size_t n);
/* Appends a float as Python's json module writes it. */
void sl_json_put_float(sl_strbuf *out, double x);

/* Whether x is written as its digits and ".0" (most trace times are
 * whole): whole, non-negative and below 1e16, where Python's repr switches
 * to exponent notation. The range is checked first, so the conversion is
 * exact where it is compared, and no call to floor is needed. */
static inline bool sl_json_whole_float(double x) {
  return x >= 0 && x < 1e16 && (double)(uint64_t)x == x && !signbit(x);
}

/* Writes v in decimal at p (room for 20 digits) and returns the end:
 * the digits are put in place, last first, with no buffer to copy from
 * (traces write millions of numbers). */
static inline char *sl_json_u64_at(char *p, uint64_t v) {
  size_t n = 1;
  for (uint64_t t = v; t >= 10; t /= 10) n++;
  char *end = p + n;
  p = end;
  do *--p = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  return end;
}
/* Appends v in decimal. */
void sl_json_put_u64(sl_strbuf *out, uint64_t v);

/* Writes a whole run (run line, events, end line) to `f`. Returns SL_EIO
 * when writing fails, SL_ENOMEM when out of memory. */
sl_errcode sl_jsonl_write(FILE *f, const sl_trace *tr);

/* A list of runs read from one file; owns them. */
typedef struct sl_trace_list {
  sl_trace *runs;
  size_t n;
} sl_trace_list;

void sl_trace_list_free(sl_trace_list *l);

/* Reads every run of `text` (named `name` in messages) into `out`, which
 * must be empty. On bad input returns SL_ECORRUPT and appends to `err` one
 * line "NAME:LINE:COL: what is wrong" (nothing is added to `out`);
 * SL_ENOMEM when out of memory. */
sl_errcode sl_jsonl_read_buf(const char *name, const char *text, size_t len, sl_trace_list *out,
                             sl_strbuf *err);
/* Same for a file; SL_EIO (with a message) when it cannot be read. */
sl_errcode sl_jsonl_read_file(const char *path, sl_trace_list *out, sl_strbuf *err);

#endif
