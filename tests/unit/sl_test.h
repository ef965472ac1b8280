/* Shared helpers of the engine's unit tests: a run on the virtual clock and
 * an observer that records the trace as text, one line per event:
 *   "#3 t=0.5 timeout=0.5"   a step (timeout=None when select blocks)
 *   "  soon:wakeup T2 <- F1" a handle
 *   "  +T2 Task-2 worker"    a task created;  "  -T2 result 'a'" done
 *   "  > text"               output
 * Header-only so each test binary stays one file. */
#ifndef SL_TEST_H
#define SL_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/num/numfmt.h"
#include "core/rt.h"
#include "core/strbuf.h"
#include "sim/vselector.h"

typedef struct sl_test_run {
  sl_rt *rt;
  sl_vselector vs;
  sl_strbuf trace;
} sl_test_run;

/* The trace text is the test's, not the engine's: its allocations are
 * neither counted nor failed by an out-of-memory sweep (sl_alloc_fail_after),
 * which must see only the run's own, whatever the run has already cached. */
typedef struct tr_alloc_pause {
  unsigned long count, fail_at;
} tr_alloc_pause;

static tr_alloc_pause tr_pause(void) {
  tr_alloc_pause p;
  p.count = sl_alloc_attempts(&p.fail_at);
  sl_alloc_set_attempts(p.count, 0);
  return p;
}

static void tr_resume(tr_alloc_pause p) { sl_alloc_set_attempts(p.count, p.fail_at); }

static void tr_step(void *ctx, uint64_t step, double t, bool has_timeout, double timeout) {
  tr_alloc_pause p = tr_pause();
  sl_strbuf *b = &((sl_test_run *)ctx)->trace;
  sl_strbuf_printf(b, "#%llu t=", (unsigned long long)step);
  sl_float_repr(b, t);
  sl_strbuf_puts(b, " timeout=");
  if (has_timeout)
    sl_float_repr(b, timeout);
  else
    sl_strbuf_puts(b, "None");
  sl_strbuf_putc(b, '\n');
  tr_resume(p);
}

static void tr_handle(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                      size_t len) {
  tr_alloc_pause p = tr_pause();
  sl_strbuf_printf(&((sl_test_run *)ctx)->trace, "  %s\n", name);
  tr_resume(p);
}

static void tr_task_created(void *ctx, const sl_task_info *info) {
  tr_alloc_pause p = tr_pause();
  sl_strbuf_printf(&((sl_test_run *)ctx)->trace, "  +T%llu %s %s\n",
                   (unsigned long long)info->ordinal, info->name, info->coro);
  tr_resume(p);
}

static void tr_task_done(void *ctx, const sl_task_info *info) {
  tr_alloc_pause p = tr_pause();
  sl_strbuf_printf(&((sl_test_run *)ctx)->trace, "  -T%llu %s%s%s\n",
                   (unsigned long long)info->ordinal, info->outcome, info->detail ? " " : "",
                   info->detail ? info->detail : "");
  tr_resume(p);
}

static void tr_output(void *ctx, uint64_t step, uint64_t task, const char *text, size_t len) {
  tr_alloc_pause p = tr_pause();
  sl_strbuf_printf(&((sl_test_run *)ctx)->trace, "  > %.*s\n", (int)len, text);
  tr_resume(p);
}

/* Starts a run with the given profile ("3.14", ...); trace recording on. */
static inline void sl_test_start(sl_test_run *run, const char *profile) {
  memset(run, 0, sizeof *run);
  sl_observer obs = {run,  tr_step, tr_handle, tr_task_created, tr_task_done, NULL, tr_output,
                     NULL, NULL,    NULL};
  run->rt = sl_rt_new(sl_profile_find(profile), &obs);
  assert_non_null(run->rt);
  sl_vselector_install(run->rt, &run->vs);
}

static inline void sl_test_finish(sl_test_run *run) {
  sl_rt_free(run->rt);
  sl_strbuf_free(&run->trace);
}

/* Compares the recorded trace with `expected`, printing both on mismatch. */
static inline void sl_test_expect_trace(sl_test_run *run, const char *expected) {
  const char *got = sl_strbuf_cstr(&run->trace);
  if (strcmp(got, expected) != 0) {
    print_error("--- expected\n%s--- got\n%s", expected, got);
    fail();
  }
}

#endif
