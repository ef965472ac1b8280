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
 *   budget           --max-steps or --max-time ran out
 *   error            a C-level failure (out of memory): not a verdict
 *                    about the program
 * When several apply, the first in this list wins.
 *
 * The detector is an observer (it watches tasks finish and the exception
 * handler) plus a final look at the run (sl_detector_finish) while the
 * run's objects still exist. It keeps a reference to every task that
 * finished with an exception, so the never-retrieved check sees them even
 * when the program dropped them; holding a reference changes nothing a
 * scenario can observe (simloop reports no GC-driven messages).
 *
 * Ownership: the detector owns its buffers and the task references it
 * holds (released by sl_detector_finish or sl_detector_free). */
#ifndef SL_DETECT_H
#define SL_DETECT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/observer.h"
#include "core/rt.h"
#include "core/strbuf.h"

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

typedef struct sl_detector {
  sl_rt *rt;              /* borrowed: the run being watched */
  bool main_done;         /* T1 has finished */
  sl_strbuf pending_exit; /* tasks pending when T1 finished, one per line */
  uint32_t npending_exit;
  sl_strbuf pending_sig;  /* the same, as a stable one-line signature */
  sl_strbuf handler;      /* first call_exception_handler: "message (Type: msg)" */
  uint32_t nhandler;
  sl_obj **failed;        /* owned references: tasks that ended in an exception */
  size_t nfailed, capfailed;
  bool oom;               /* an allocation failed while watching */
  /* The verdict, after sl_detector_finish: */
  sl_verdict verdict;
  sl_strbuf detail;       /* one line; equal details mean "the same failure" */
  sl_strbuf report;       /* several lines for a human: who, what, where */
} sl_detector;

void sl_detector_init(sl_detector *d);
void sl_detector_free(sl_detector *d);
/* The observer to add to the run's fan-out; ctx is `d`. */
sl_observer sl_detector_observer(sl_detector *d);
/* Tells the detector which run it watches (before the run starts). */
void sl_detector_attach(sl_detector *d, sl_rt *rt);

/* Classifies the run once it is over, before its runtime is freed:
 * `exc` (borrowed, may be NULL) is the exception that escaped the scenario
 * (asyncio.run), `fatal` the run's C-level end (SL_EOK, SL_EDEADLOCK,
 * SL_EBUDGET, SL_ENOMEM, ...). `t` and `steps` are for the report. Drops
 * the task references. */
void sl_detector_finish(sl_detector *d, sl_rt *rt, sl_obj *exc, sl_errcode fatal, double t,
                        uint64_t steps);

/* Appends, for a deadlock, one line per pending task: "T2 worker (Task-2)
 * at FILE:LINE in func: waits for Lock#1 (locked, 2 waiters)". Exposed for
 * the scenario runner's own deadlock report. */
void sl_detect_waits(sl_rt *rt, sl_strbuf *out, sl_strbuf *sig);

#endif
