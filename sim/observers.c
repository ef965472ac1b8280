/* Observer fan-out and the decision-logging decider (see observers.h). */
#include "sim/observers.h"

#include <string.h>

#include "sim/schedule.h"
#include "traces/recorder.h"

void sl_fanout_init(sl_fanout *fo) { memset(fo, 0, sizeof *fo); }

bool sl_fanout_add(sl_fanout *fo, const sl_observer *o) {
  if (!o) return true;
  if (fo->n == SL_FANOUT_MAX) return false;
  fo->to[fo->n++] = *o;
  return true;
}

/* Each forwarder calls the slot of every observer that has it, in order. */
#define FORWARD(slot, ...)                                                                         \
  do {                                                                                             \
    sl_fanout *fo = ctx;                                                                           \
    for (size_t i = 0; i < fo->n; i++)                                                             \
      if (fo->to[i].slot) fo->to[i].slot(fo->to[i].ctx, __VA_ARGS__);                              \
  } while (0)

static void f_step(void *ctx, uint64_t step, double t, bool has_timeout, double timeout) {
  FORWARD(step_begin, step, t, has_timeout, timeout);
}
static void f_handle(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                     size_t len) {
  FORWARD(handle_run, step, pos, t, name, len);
}
/* handle_run when one observer alone has it (a run's recorder beside the
 * log printer): straight to it. A recorded run reports every handle, and
 * the loop's tests were ~30 instructions of each. */
static void f_handle_only(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                          size_t len) {
  const sl_fanout *fo = ctx;
  const sl_observer *to = &fo->to[fo->handle_only];
  to->handle_run(to->ctx, step, pos, t, name, len);
}
static void f_created(void *ctx, const sl_task_info *info) { FORWARD(task_created, info); }
static void f_done(void *ctx, const sl_task_info *info) { FORWARD(task_done, info); }
static void f_timer(void *ctx, uint64_t step, bool cancelled, double when) {
  FORWARD(timer, step, cancelled, when);
}
static void f_output(void *ctx, uint64_t step, uint64_t task, const char *text, size_t len) {
  FORWARD(output, step, task, text, len);
}
static void f_error(void *ctx, uint64_t step, const char *message, const char *exception) {
  FORWARD(error, step, message, exception);
}
static void f_sock(void *ctx, const sl_sock_info *info) { FORWARD(sock, info); }
static void f_log(void *ctx, uint64_t step, const char *text) { FORWARD(log, step, text); }

sl_observer sl_fanout_observer(sl_fanout *fo) {
  sl_observer o = {fo, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
  size_t handlers = 0;
  for (size_t i = 0; i < fo->n; i++) {
    const sl_observer *t = &fo->to[i];
    if (t->step_begin) o.step_begin = f_step;
    if (t->handle_run) {
      fo->handle_only = i;
      o.handle_run = ++handlers == 1 ? f_handle_only : f_handle;
    }
    if (t->task_created) o.task_created = f_created;
    if (t->task_done) o.task_done = f_done;
    if (t->timer) o.timer = f_timer;
    if (t->output) o.output = f_output;
    if (t->error) o.error = f_error;
    if (t->sock) o.sock = f_sock;
    if (t->log) o.log = f_log;
  }
  return o;
}

static double logged_decide(void *ctx, sl_rt *rt, sl_decision_kind kind) {
  sl_logged_decider *ld = ctx;
  double v = ld->inner.decide ? ld->inner.decide(ld->inner.ctx, rt, kind) : 0.0;
  if (ld->rec) sl_recorder_decision(ld->rec, sl_decision_kind_name(kind), v);
  return v;
}

sl_decider sl_logged_decider_make(sl_logged_decider *ld, const sl_decider *inner,
                                  sl_recorder *rec) {
  static const sl_decider none = {NULL, NULL};
  ld->inner = inner ? *inner : none;
  ld->rec = rec;
  sl_decider d = {ld, logged_decide};
  return d;
}
