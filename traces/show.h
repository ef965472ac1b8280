/* Printing a run for people: step by step on a terminal, or as JSON.
 *
 * Text form (docs/trace.md "simloop show"):
 *   #12 t=1.5 timeout=0.5
 *     soon:wakeup T3 <- F2
 *       new T4 "Task-4" worker() by T3
 *       print T3: hello
 *       done T3: result None
 * Handles are indented under their step, what happened while a handle ran
 * under the handle; a handle's time is shown only when it differs from the
 * step's (a timer fired after select slept). */
#ifndef SL_SHOW_H
#define SL_SHOW_H

#include <stddef.h>
#include <stdio.h>

#include "core/strbuf.h"
#include "traces/trace.h"

/* Appends the one-line text of an event (no indentation, no newline).
 * `step_t` is the time of the step it belongs to. */
void sl_show_event(sl_strbuf *out, const sl_tev *e, double step_t);

/* Prints events [lo, hi) of tr, each line prefixed by `indent`; the event
 * at index `mark` (SIZE_MAX: none) is flagged with "> ". */
void sl_show_events(FILE *f, const sl_trace *tr, size_t lo, size_t hi, size_t mark,
                    const char *indent);

/* A whole run: a header (id, engine, python, scenario, hash when given),
 * every step, the end. */
void sl_show_text(FILE *f, const sl_trace *tr, const char *hash);
/* The same as one JSON document: {"run":{...},"steps":[{"i","t",
 * "timeout","events":[...]}...],"end":{...}} where each event is its JSONL
 * object; events before the first step are in "prelude". */
void sl_show_json(FILE *f, const sl_trace *tr, const char *hash);

#endif
