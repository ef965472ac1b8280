/* One run's trace in memory: its metadata and its events, in order.
 *
 * This is the single structure the recorder fills, the JSONL reader
 * produces, the SQLite store writes and loads, and diff/show read. Events
 * are kept in one array in the order they happened, so that writing them
 * back (JSONL, hash) reproduces the original interleaving exactly.
 *
 * Ownership: an sl_trace owns every string it points to (allocated through
 * core/alloc.h); sl_trace_free releases them all. An event's strings are
 * either its own (sl_tstr_set) or, when the event is `pooled`, shared
 * entries of the trace's string pool (sl_trace_intern): a recorded trace
 * repeats a few handle names a million times, and one copy of each is what
 * makes recording cheap. A NULL string stands for JSON null. Strings carry
 * their length, since printed text may hold NULs. */
#ifndef SL_TRACE_H
#define SL_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"

typedef enum sl_tev_kind {
  SL_TEV_STEP,
  SL_TEV_HANDLE,
  SL_TEV_TASK,
  SL_TEV_TASK_DONE,
  SL_TEV_OUTPUT,
  SL_TEV_DECISION,
  SL_TEV_TIMER,
  SL_TEV_ERROR,
  SL_TEV_SOCK,
} sl_tev_kind;

/* An owned string that may be null (p == NULL) and may hold NULs. */
typedef struct sl_tstr {
  char *p; /* owned, NUL-terminated, or NULL for JSON null */
  size_t n;
} sl_tstr;

/* One event. Which fields mean what depends on `kind` (docs/trace.md):
 *   STEP      step=i, t, has_timeout/timeout
 *   HANDLE    step, pos, t, a=name
 *   TASK      task=id, parent (0: null), step, a=name, b=coro
 *   TASK_DONE task=id, step, a=outcome, b=detail
 *   OUTPUT    step, task (0: null), a=text
 *   DECISION  step, a=kind, t=value
 *   TIMER     step, cancelled, t=when
 *   ERROR     step, a=message, b=exception
 *   SOCK      step, a=op, conn, fd, peer (-1: null), n, t */
typedef struct sl_tev {
  sl_tev_kind kind;
  uint64_t step;
  uint32_t pos;
  bool has_timeout;
  bool cancelled;
  bool pooled; /* a and b belong to the trace's pool, not to the event */
  double t;
  double timeout;
  uint64_t task;
  uint64_t parent;
  sl_tstr a, b;
  uint64_t conn, n; /* SOCK only */
  int32_t fd, peer; /* SOCK only */
} sl_tev;

/* Where events go as they happen, instead of into an sl_trace (recording
 * a long run without keeping it): `event` gets each event with its strings
 * borrowed for the call, and returns false when it failed (it keeps its own
 * account of why). */
typedef struct sl_tev_sink {
  void *ctx;
  bool (*event)(void *ctx, const sl_tev *ev);
  /* A handle event, when not NULL: the same as `event` with an
   * SL_TEV_HANDLE event of these fields (name: a's text, n bytes and a
   * NUL, borrowed; NULL as ""), without the event made and taken apart again
   * (a recorded run has one per handle it runs). A failure is not
   * returned: the sink keeps it and reports it at its end (the recorder
   * hands a handle on in a jump). */
  void (*handle)(void *ctx, uint64_t step, uint32_t pos, double t, const char *name, size_t n);
  /* A step event, when not NULL: likewise for SL_TEV_STEP (a run has one
   * per step; timeout is 0 unless has_timeout). */
  bool (*step)(void *ctx, uint64_t step, double t, bool has_timeout, double timeout);
} sl_tev_sink;

/* The `run` line and the `end` line. */
typedef struct sl_trace_meta {
  sl_tstr engine, engine_version, python, impl, scenario, sha256;
  bool has_seed;
  int64_t seed;
  sl_tstr strategy; /* not in JSONL; NULL for imported runs */
  bool ended;       /* the `end` line was seen / end was recorded */
  sl_tstr outcome, detail;
  uint64_t steps;
  double t;
} sl_trace_meta;

/* Interned strings: an open-addressing table of owned copies. */
typedef struct sl_tpool {
  sl_tstr *slot; /* owned array of `cap` entries; p == NULL: empty */
  size_t used, cap;
} sl_tpool;

typedef struct sl_trace {
  sl_trace_meta meta;
  sl_tev *ev; /* owned array */
  size_t nev, cap;
  sl_tpool pool; /* strings shared by pooled events */
  int64_t id;    /* rowid in a trace database, 0 when not stored */
} sl_trace;

/* Initialises an empty trace (no allocation). */
void sl_trace_init(sl_trace *tr);
/* Frees everything `tr` owns and leaves it empty. */
void sl_trace_free(sl_trace *tr);

/* Appends a zeroed event of `kind`; returns it (owned by tr) or NULL when
 * out of memory. The pointer is valid until the next append. */
sl_tev *sl_trace_push(sl_trace *tr, sl_tev_kind kind);

/* Points *dst at the pool's copy of s[0..n) (s NULL: null), adding one if
 * the pool has none; for events marked `pooled` only. Returns false when
 * out of memory (dst then null). */
bool sl_trace_intern(sl_trace *tr, sl_tstr *dst, const char *s, size_t n);

/* Sets *dst to an owned copy of s[0..n) (s NULL: null). Returns false when
 * out of memory (dst then null). Frees the previous value. */
bool sl_tstr_set(sl_tstr *dst, const char *s, size_t n);
bool sl_tstr_setz(sl_tstr *dst, const char *s); /* NUL-terminated or NULL */
void sl_tstr_free(sl_tstr *s);
/* True when both are null or both hold the same bytes. */
bool sl_tstr_eq(const sl_tstr *x, const sl_tstr *y);
/* The text, or `null_text` when null. */
static inline const char *sl_tstr_or(const sl_tstr *s, const char *null_text) {
  return s->p ? s->p : null_text;
}

/* The first "T<k>" or "F<k>" word of a canonical handle name (the task or
 * future the handle belongs to) into out; "" when there is none. */
void sl_handle_owner(const char *name, char out[32]);

/* Computes the trace hash (docs/trace.md "Trace hash") into hex[65].
 * Returns SL_ENOMEM on failure. */
sl_errcode sl_trace_hash(const sl_trace *tr, char hex[65]);

#endif
