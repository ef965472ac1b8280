/* Bug detectors: how a run ended, in words a user can act on
 * (docs/explore.md "Outcomes").
 *
 *   ok               nothing below happened
 *   assertion        an AssertionError escaped asyncio.run (with the
 *                    scenario line that raised it and its message)
 *   exception        any other exception escaped asyncio.run, or the
 *                    loop's exception handler was called (a callback or a
 *                    task's done callback raised)
 *   deadlock         select(None) with nothing that could ever arrive:
 *                    every pending task, what it awaits (a Lock, Event,
 *                    Condition, Semaphore, Queue, task or future) and the
 *                    source line where it is suspended
 *   never-retrieved  a task finished with an exception that nobody looked
 *                    at (Future._log_traceback still set at the end)
 *   pending-at-exit  main returned while other tasks were still pending and
 *                    nobody had asked them to cancel, so asyncio.run's
 *                    _cancel_all_tasks had to cancel them
 *   budget           a budget ran out (--max-steps, --max-time,
 *                    --max-iterations, --max-wall; the detail names it)
 *   error            a C-level failure (out of memory): not a verdict
 *                    about the program
 * When several apply, the first in this list wins.
 *
 * The detector is an observer (it watches tasks finish and the exception
 * handler) that also looks at the run at every decision point
 * (sl_detector_point, called by the trial's decider, which is how it gets
 * the runtime: the scenario runner does not lend it otherwise). It keeps a
 * reference to every task that finished with an exception, so the
 * never-retrieved check sees them even when the program dropped them, and
 * reads their _log_traceback at each point: the value after the last point
 * is the answer, since nothing runs after the last handle. Holding a
 * reference changes nothing a scenario can observe (simloop reports no
 * GC-driven messages), and the run's teardown frees every object anyway.
 * For a deadlock, the trial replays the run and has the detector describe
 * the waits at the last decision point (describe_at): the state there is
 * the deadlocked state.
 *
 * Limitation: tasks that finish during the run's very first handle, before
 * the first decision point lends the runtime (in practice only an eager
 * task), are not checked for never-retrieved.
 *
 * Ownership: the detector owns its buffers; the task references it takes
 * belong to the run (freed by its teardown). */
#ifndef SL_DETECT_H
#define SL_DETECT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/observer.h"
#include "core/rt.h"
#include "core/strbuf.h"
#include "sim/vselector.h"

typedef enum sl_verdict {
  SL_VERDICT_OK,
  SL_VERDICT_ASSERTION,
  SL_VERDICT_EXCEPTION,
  SL_VERDICT_DEADLOCK,
  SL_VERDICT_NEVER_RETRIEVED,
  SL_VERDICT_PENDING_AT_EXIT,
  SL_VERDICT_BUDGET,
  SL_VERDICT_ERROR,
  SL_VERDICT__COUNT
} sl_verdict;

/* "ok", "assertion", "exception", "deadlock", "never-retrieved",
 * "pending-at-exit", "budget", "error". */
const char *sl_verdict_name(sl_verdict v);

typedef struct sl_failed_task {
  sl_obj *task; /* a reference the run's teardown frees; NULL once gone */
  uint64_t ordinal;
  char *text;     /* owned: "Type: message at FILE:LINE in func" */
  bool retrieved; /* as of the last decision point */
} sl_failed_task;

typedef struct sl_detector {
  sl_rt *rt;              /* borrowed: the run being watched, once known */
  bool main_done;         /* T1 has finished */
  bool snapshot_owed;     /* T1 finished before the runtime was known */
  sl_strbuf pending_exit; /* tasks pending when T1 finished, one per line */
  uint32_t npending_exit;
  sl_strbuf pending_sig; /* the same, as a stable one-line signature */
  sl_strbuf handler;     /* first call_exception_handler: "message [Type: msg]" */
  uint32_t nhandler;
  sl_failed_task *failed; /* owned array */
  size_t nfailed, capfailed;
  uint64_t points;      /* decision points seen */
  uint64_t describe_at; /* describe the waits at this point (UINT64_MAX: never) */
  bool have_waits;
  sl_strbuf waits, waits_sig;
  bool oom; /* an allocation failed while watching */
  /* Set before the run: sl_detector_finish leaves `report` empty (the
   * verdict and the detail are the same). */
  bool brief;
  /* The verdict, after sl_detector_finish: */
  sl_verdict verdict;
  sl_strbuf detail; /* one line; equal details mean "the same failure" */
  sl_strbuf report; /* several lines for a human: who, what, where */
} sl_detector;

void sl_detector_init(sl_detector *d);
void sl_detector_free(sl_detector *d);
/* The observer to add to the run's fan-out; ctx is `d`. */
sl_observer sl_detector_observer(sl_detector *d);
/* Called at every decision point, with the run's runtime. */
void sl_detector_point(sl_detector *d, sl_rt *rt);

/* The decider of a watched run: at every decision point the detector looks
 * at the run first (that is how it sees the runtime), then `inner`
 * answers. Explore, replay and the schedule fuzzer all decide through it,
 * so a fuzzer's verdict is the one replay shows. Borrows the detector and
 * the inner decider's context; lives as long as the run. */
typedef struct sl_detecting_decider {
  sl_decider inner;
  sl_detector *det;
} sl_detecting_decider;

/* Fills *dd and returns the decider that uses it. */
sl_decider sl_detecting_decider_init(sl_detecting_decider *dd, sl_detector *det, sl_decider inner);

/* The end of a run as the scenario runner reports it. */
typedef struct sl_run_end {
  int outcome;               /* sl_outcome (sim/scenario.h) */
  const char *summary;       /* exception: "Type: message" */
  const char *traceback;     /* exception: CPython's traceback printout */
  const char *runner_detail; /* deadlock/error: the runner's own text */
  uint64_t steps;
  double t;
} sl_run_end;

/* Classifies the run once it is over (the runtime may be gone). */
void sl_detector_finish(sl_detector *d, const sl_run_end *end);

/* Appends, for a deadlock, one paragraph per pending task: "T2 (Task-2) at
 * FILE:LINE in func" and "waits for Lock#1.acquire() (locked, 2 waiters)";
 * `sig` (may be NULL) gets the same as one line. */
void sl_detect_waits(sl_rt *rt, sl_strbuf *out, sl_strbuf *sig);

#endif
