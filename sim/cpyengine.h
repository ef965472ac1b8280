/* CPython mode (docs/cpython.md): trials run under real CPython through
 * the oracle's fork server (oracle/simloop_oracle/serve.py), one forked
 * child per schedule.
 *
 * The schedule stays simloop's: a strategy or fuzzer-bytes schedule is
 * turned into the values of its first decision points (sl_schedule_stream)
 * and sent with the request; a decision log is sent as it is. The child
 * answers with the decisions it applied (with steps and positions, pushed
 * into the schedule's `taken`, so sl_schedule_log gives the canonical log
 * that replays the run in either engine), the verdict as sim/detect.c
 * words it, a fingerprint of the interleaving and, when asked, the trace.
 *
 * Ownership: an sl_cpy is a running server (sl_cpy_free ends it); an
 * sl_cpy_result owns its strings and its trace (sl_cpy_result_free). */
#ifndef SL_CPYENGINE_H
#define SL_CPYENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/strbuf.h"
#include "sim/schedule.h"
#include "traces/trace.h"

typedef struct sl_cpy sl_cpy;

/* Starts the fork server for the program at `path` under the native
 * CPython `want` ("3.11", "3.11.2"; NULL: 3.11). The exact version goes to
 * exact[16]. SL_ECORRUPT with "FILE:LINE:COL: SyntaxError: ..." in err when
 * the program does not compile; SL_EIO when CPython cannot run it;
 * SL_EINVAL for a version CPython mode cannot fork (Pyodide's). */
sl_errcode sl_cpy_start(const char *path, const char *want, bool show_stderr, sl_cpy **out,
                        char exact[16], sl_strbuf *err);
/* Ends the server; with `owner` false (a forked copy of the process that
 * started it) only closes this process's handle. */
void sl_cpy_free(sl_cpy *c, bool owner);

typedef struct sl_cpy_opts {
  bool trace;         /* send the whole trace back (res->trace) */
  bool stdout_;       /* send the program's stdout back (res->out) */
  bool tracebacks;    /* an exception's traceback in res->traceback */
  uint64_t max_steps; /* 0: none */
  /* 0: not counted (the count costs a trace function in every frame; the
   * callers send --max-iterations only when the user gave it) */
  uint64_t max_iterations;
  double max_wall; /* real seconds per run; 0: none */
  bool reuse;      /* the run may share its child with other schedules:
                         faster, but started from the heap earlier runs left
                         rather than the server's image (docs/cpython.md) */
} sl_cpy_opts;

typedef struct sl_cpy_result {
  char verdict[24]; /* "ok", "assertion", ... (sim/detect.h) */
  char outcome[16]; /* the trace's end outcome */
  sl_strbuf detail, report, out, traceback;
  uint64_t steps, npoints, fingerprint;
  double t;
  bool has_trace;
  sl_trace trace;
} sl_cpy_result;

void sl_cpy_result_init(sl_cpy_result *r);
void sl_cpy_result_free(sl_cpy_result *r);

/* Runs one schedule. The decisions applied are added to sched->taken and
 * sched->npoints is set. SL_EIO with a message when the child failed. */
sl_errcode sl_cpy_trial(sl_cpy *c, sl_schedule *sched, const sl_cpy_opts *o, sl_cpy_result *res,
                        sl_strbuf *err);

#endif
