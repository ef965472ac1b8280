/* Comparing two runs step by step: the first divergence.
 *
 * Two runs agree when, step by step, the step lines (index, time, select
 * timeout) are equal and, within each step, the same events come in the
 * same order: handles (canonical name, position, time), task creations and
 * completions, output lines, timers and exception-handler calls; and the
 * end lines (outcome, detail, steps, final time) are equal. Events before
 * the first step form step 0. Schedule decisions are inputs, not behaviour,
 * and are not compared; neither are exception-handler messages that depend
 * on garbage collection ("... was never retrieved", "... was destroyed but
 * it is pending", DESIGN.md section 5). Two events are equal when their
 * canonical JSONL lines are (docs/trace.md), so floats compare exactly;
 * exception-handler calls compare their exception and their message up to
 * " at " (CPython appends the callback's source location there).
 *
 * The result borrows nothing: it holds indexes into the two traces, which
 * must outlive any printing of it. */
#ifndef SL_DIFF_H
#define SL_DIFF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/errors.h"
#include "traces/trace.h"

typedef enum sl_diff_what {
  SL_DIFF_NONE,    /* identical */
  SL_DIFF_STEP,    /* the step lines differ (time or timeout) */
  SL_DIFF_EVENT,   /* an event within the step differs */
  SL_DIFF_MISSING, /* one side has fewer events in the step */
  SL_DIFF_LENGTH,  /* one side has fewer steps */
  SL_DIFF_END,     /* the end lines differ */
} sl_diff_what;

typedef struct sl_diff {
  sl_diff_what what;
  uint64_t step; /* the step where they diverge (0: before the first) */
  size_t index;  /* position of the differing event among the step's compared events */
  /* Index into each trace's events of the differing event (or the step
   * line for SL_DIFF_STEP); SIZE_MAX when that side has none. */
  size_t ev_a, ev_b;
  /* Each side's event range [lo, hi) of that step (lo == hi: no such step). */
  size_t lo_a, hi_a, lo_b, hi_b;
} sl_diff;

/* Compares a and b. Returns SL_ENOMEM when out of memory. */
sl_errcode sl_trace_diff(const sl_trace *a, const sl_trace *b, sl_diff *out);

/* Prints the result for a terminal: the divergence, both sides' handles in
 * that step, and where each task involved was on each side. `name_a` and
 * `name_b` label the sides (e.g. "trace.db:3", "oracle.jsonl"). */
void sl_diff_print(FILE *f, const sl_diff *d, const sl_trace *a, const char *name_a,
                   const sl_trace *b, const char *name_b);
/* The same as one JSON object on one line. */
void sl_diff_print_json(FILE *f, const sl_diff *d, const sl_trace *a, const char *name_a,
                        const sl_trace *b, const char *name_b);

#endif
