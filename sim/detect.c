/* Run outcome classification (see detect.h). */
#include "sim/detect.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/num/numfmt.h"
#include "core/gather.h"
#include "core/locks.h"
#include "core/loop.h"
#include "core/queues.h"
#include "sim/net/net.h"
#include "sim/vselector.h"
#include "core/semaphore.h"
#include "core/str.h"
#include "core/task.h"
#include "sim/scenario.h"

static const char *const names[SL_VERDICT__COUNT] = {
    "ok",     "assertion", "exception", "deadlock", "never-retrieved", "pending-at-exit",
    "budget", "error",
};

const char *sl_verdict_name(sl_verdict v) { return v < SL_VERDICT__COUNT ? names[v] : "?"; }

void sl_detector_init(sl_detector *d) {
  memset(d, 0, sizeof *d);
  d->verdict = SL_VERDICT_OK;
  d->describe_at = UINT64_MAX;
}

void sl_detector_free(sl_detector *d) {
  for (size_t i = 0; i < d->nfailed; i++) sl_free(d->failed[i].text);
  sl_free(d->failed);
  sl_strbuf_free(&d->pending_exit);
  sl_strbuf_free(&d->pending_sig);
  sl_strbuf_free(&d->handler);
  sl_strbuf_free(&d->waits);
  sl_strbuf_free(&d->waits_sig);
  sl_strbuf_free(&d->detail);
  sl_strbuf_free(&d->report);
  sl_detector_init(d);
}

/* "T3 worker (Task-3)" */
static void task_label(sl_rt *rt, sl_task *t, sl_strbuf *out) {
  sl_strbuf_putc(out, 'T');
  sl_strbuf_put_int(out, (long long)t->ordinal);
  if (t->name_obj || t->name_n) {
    sl_strbuf_puts(out, " (");
    sl_task_name_put(t, out);
    sl_strbuf_putc(out, ')');
  }
  (void)rt;
}

/* " at FILE:LINE in func", when the coroutine knows where it is. */
static void task_where(sl_rt *rt, sl_task *t, sl_strbuf *out) {
  sl_strbuf where = SL_STRBUF_INIT;
  sl_task_where(rt, (sl_obj *)t, &where);
  if (where.len) {
    sl_strbuf_puts(out, " at ");
    sl_strbuf_puts(out, sl_strbuf_cstr(&where));
  }
  sl_strbuf_free(&where);
}

static bool waitq_has(const sl_waitq *q, sl_obj *fut) {
  for (size_t i = 0; i < q->len; i++)
    if (sl_waitq_at(q, i) == fut) return true;
  return false;
}

/* Numbers synchronisation objects in order of first mention, so reports
 * name them the same way in every run ("Lock#1"). */
typedef struct objnames {
  const sl_obj *obj[32];
  size_t n;
} objnames;

static size_t obj_number(objnames *on, const sl_obj *o) {
  for (size_t i = 0; i < on->n; i++)
    if (on->obj[i] == o) return i + 1;
  if (on->n < 32) on->obj[on->n++] = o;
  return on->n;
}

/* What `fut` belongs to: the primitive whose waiter list holds it, found
 * by scanning the run's objects (O(objects); only done for a deadlock). */
static void describe_waited(sl_rt *rt, sl_obj *fut, objnames *on, sl_strbuf *out) {
  if (sl_is_task(sl_obj_val(fut))) {
    sl_strbuf_puts(out, "task ");
    task_label(rt, sl_as_task(fut), out);
    return;
  }
  if (fut->type == &sl_gathering_future_type) {
    sl_strbuf_puts(out, "gather() of its children");
    return;
  }
  for (sl_obj *o = rt->heap.run_next; o != &rt->heap; o = o->run_next) {
    const sl_type *ty = o->type;
    if (ty == &sl_lock_type && waitq_has(&((sl_lock *)o)->waiters, fut)) {
      size_t nw = ((sl_lock *)o)->waiters.len;
      sl_strbuf_printf(out, "Lock#%zu.acquire() (locked, %zu waiter%s)", obj_number(on, o), nw,
                       nw == 1 ? "" : "s");
      return;
    }
    if (ty == &sl_condition_type && waitq_has(&((sl_condition *)o)->waiters, fut)) {
      sl_strbuf_printf(out, "Condition#%zu.wait() (no notify will come)", obj_number(on, o));
      return;
    }
    if ((ty == &sl_semaphore_type || ty == &sl_bounded_semaphore_type) &&
        waitq_has(&((sl_semaphore *)o)->waiters, fut)) {
      sl_strbuf_printf(out, "%s#%zu.acquire() (value %lld)", ty->name, obj_number(on, o),
                       (long long)((sl_semaphore *)o)->value);
      return;
    }
    if (ty == &sl_queue_type || ty == &sl_lifo_queue_type || ty == &sl_priority_queue_type) {
      sl_queue *q = (sl_queue *)o;
      if (waitq_has(&q->getters, fut)) {
        sl_strbuf_printf(out, "%s#%zu.get() (empty)", ty->name, obj_number(on, o));
        return;
      }
      if (waitq_has(&q->putters, fut)) {
        sl_strbuf_printf(out, "%s#%zu.put() (full)", ty->name, obj_number(on, o));
        return;
      }
      if (q->finished && waitq_has(&((sl_event *)q->finished)->waiters, fut)) {
        sl_strbuf_printf(out, "%s#%zu.join() (%lld unfinished: task_done() missing)", ty->name,
                         obj_number(on, o), (long long)q->unfinished_tasks);
        return;
      }
    }
  }
  /* A reader or writer of the loop (sock_recv, sock_sendall, ...). */
  sl_net *net = sl_vselector_net(rt);
  if (net && sl_net_describe_wait(net, rt, fut, out)) return;
  /* An Event may be a Queue's _finished: checked above first. */
  for (sl_obj *o = rt->heap.run_next; o != &rt->heap; o = o->run_next)
    if (o->type == &sl_event_type && waitq_has(&((sl_event *)o)->waiters, fut)) {
      sl_strbuf_printf(out, "Event#%zu.wait() (never set)", obj_number(on, o));
      return;
    }
  sl_strbuf_puts(out, "future ");
  sl_future_trace_id(rt, fut, out);
}

void sl_detect_waits(sl_rt *rt, sl_strbuf *out, sl_strbuf *sig) {
  objnames on = {{0}, 0};
  for (sl_task *t = rt->loop->pending_head; t; t = t->pending_next) {
    sl_strbuf what = SL_STRBUF_INIT, label = SL_STRBUF_INIT, where = SL_STRBUF_INIT;
    task_label(rt, t, &label);
    task_where(rt, t, &where); /* once for both texts */
    if (t->fut_waiter)
      describe_waited(rt, t->fut_waiter, &on, &what);
    else
      sl_strbuf_puts(&what, "nothing (ready but never scheduled)");
    /* "  %s%s\n      waits for %s\n", no printf (one run in each deadlock) */
    sl_strbuf_puts(out, "  ");
    sl_strbuf_puts(out, sl_strbuf_cstr(&label));
    sl_strbuf_puts(out, sl_strbuf_cstr(&where));
    sl_strbuf_puts(out, "\n      waits for ");
    sl_strbuf_puts(out, sl_strbuf_cstr(&what));
    sl_strbuf_putc(out, '\n');
    if (sig) {
      if (sig->len) sl_strbuf_puts(sig, "; ");
      sl_strbuf_putc(sig, 'T');
      sl_strbuf_put_int(sig, (long long)t->ordinal);
      sl_strbuf_puts(sig, sl_strbuf_cstr(&where));
      sl_strbuf_puts(sig, " waits for ");
      sl_strbuf_puts(sig, sl_strbuf_cstr(&what));
    }
    sl_strbuf_free(&what);
    sl_strbuf_free(&label);
    sl_strbuf_free(&where);
  }
}

/* ---- the observer ---------------------------------------------------- */

static sl_task *find_task(sl_rt *rt, uint64_t ordinal) {
  for (sl_obj *o = rt->heap.run_next; o != &rt->heap; o = o->run_next)
    if ((o->type->flags & SL_TF_TASK) && sl_as_task(o)->ordinal == ordinal) return sl_as_task(o);
  return NULL;
}

/* The innermost traceback entry: where the exception was raised. */
static void exc_origin(sl_obj *exc, sl_strbuf *out) {
  sl_exc *e = sl_as_exc(exc);
  if (!e->ntb) return;
  const sl_tb_entry *tb = &e->tb[e->ntb - 1];
  /* " at %s:%d in %s" */
  sl_strbuf_puts(out, " at ");
  sl_strbuf_puts(out, tb->file ? sl_str_cstr(tb->file) : "?");
  sl_strbuf_putc(out, ':');
  sl_strbuf_put_int(out, tb->line);
  sl_strbuf_puts(out, " in ");
  sl_strbuf_puts(out, tb->func ? sl_str_cstr(tb->func) : "?");
}

/* Main is done: asyncio.run will now cancel whatever is still pending.
 * Tasks already asked to cancel are being shut down on purpose. */
static void snapshot_pending(sl_detector *d, sl_rt *rt) {
  for (sl_task *t = rt->loop->pending_head; t; t = t->pending_next) {
    if (t->ordinal == 1 || t->num_cancels_requested > 0 || t->must_cancel) continue;
    d->npending_exit++;
    sl_strbuf_puts(&d->pending_exit, "  ");
    task_label(rt, t, &d->pending_exit);
    task_where(rt, t, &d->pending_exit);
    sl_strbuf_putc(&d->pending_exit, '\n');
    if (d->pending_sig.len) sl_strbuf_puts(&d->pending_sig, ", ");
    sl_strbuf_printf(&d->pending_sig, "T%llu", (unsigned long long)t->ordinal);
    task_where(rt, t, &d->pending_sig);
  }
}

static void on_task_done(void *ctx, const sl_task_info *info) {
  sl_detector *d = ctx;
  sl_rt *rt = d->rt;
  if (info->ordinal == 1 && !d->main_done) {
    d->main_done = true;
    if (rt)
      snapshot_pending(d, rt);
    else
      d->snapshot_owed = true; /* at the next decision point: same state */
  }
  if (!rt || !info->outcome || strcmp(info->outcome, "exception")) return;
  sl_task *t = find_task(rt, info->ordinal);
  if (!t || !t->fut.exception) return;
  if (d->nfailed == d->capfailed) {
    size_t cap = d->capfailed ? d->capfailed * 2 : 8;
    sl_failed_task *nf = sl_realloc(d->failed, cap * sizeof *nf);
    if (!nf) {
      d->oom = true;
      return;
    }
    d->failed = nf;
    d->capfailed = cap;
  }
  sl_strbuf text = SL_STRBUF_INIT;
  sl_strbuf_putc(&text, 'T');
  sl_strbuf_put_int(&text, (long long)t->ordinal);
  sl_strbuf_putc(&text, ' ');
  sl_strbuf_puts(&text, info->detail ? info->detail : "?");
  exc_origin(t->fut.exception, &text);
  char *owned = sl_strbuf_take(&text, NULL);
  if (!owned) {
    d->oom = true;
    return;
  }
  sl_incref((sl_obj *)t); /* the run's teardown frees it */
  sl_failed_task *f = &d->failed[d->nfailed++];
  f->task = (sl_obj *)t;
  f->ordinal = t->ordinal;
  f->text = owned;
  f->retrieved = !t->fut.log_traceback;
}

static void on_error(void *ctx, uint64_t step, const char *message, const char *exception) {
  sl_detector *d = ctx;
  if (d->nhandler++) return;
  sl_strbuf_printf(&d->handler, "%s", message ? message : "(no message)");
  if (exception) sl_strbuf_printf(&d->handler, " [%s]", exception);
  (void)step;
}

sl_observer sl_detector_observer(sl_detector *d) {
  sl_observer o;
  memset(&o, 0, sizeof o);
  o.ctx = d;
  o.task_done = on_task_done;
  o.error = on_error;
  return o;
}

void sl_detector_point(sl_detector *d, sl_rt *rt) {
  d->rt = rt;
  if (d->snapshot_owed) {
    d->snapshot_owed = false;
    snapshot_pending(d, rt);
  }
  /* O(failed tasks): usually none. */
  for (size_t i = 0; i < d->nfailed; i++)
    d->failed[i].retrieved = !sl_as_task(d->failed[i].task)->fut.log_traceback;
  if (d->points++ == d->describe_at) {
    sl_strbuf_clear(&d->waits);
    sl_strbuf_clear(&d->waits_sig);
    sl_detect_waits(rt, &d->waits, &d->waits_sig);
    d->have_waits = true;
  }
}

static double detecting_decide(void *ctx, sl_rt *rt, sl_decision_kind kind) {
  sl_detecting_decider *dd = ctx;
  sl_detector_point(dd->det, rt);
  return dd->inner.decide(dd->inner.ctx, rt, kind);
}

sl_decider sl_detecting_decider_init(sl_detecting_decider *dd, sl_detector *det, sl_decider inner) {
  dd->inner = inner;
  dd->det = det;
  return (sl_decider){dd, detecting_decide};
}

/* ---- the verdict ----------------------------------------------------- */

/* " at FILE:LINE in func" of the innermost frame of a traceback printout
 * (the last `  File "F", line N, in f` line). */
static void traceback_origin(const char *tb, sl_strbuf *out) {
  const char *last = NULL;
  for (const char *p = tb; p && (p = strstr(p, "  File \"")); p += 8) last = p;
  if (!last) return;
  const char *f = last + 8, *q = strchr(f, '"');
  if (!q) return;
  int line = 0;
  char func[128] = "?";
  if (sscanf(q, "\", line %d, in %127[^\n]", &line, func) < 1) return;
  sl_strbuf_puts(out, " at "); /* " at %.*s:%d in %s" */
  sl_strbuf_append(out, f, (size_t)(q - f));
  sl_strbuf_putc(out, ':');
  sl_strbuf_put_int(out, line);
  sl_strbuf_puts(out, " in ");
  sl_strbuf_puts(out, func);
}

void sl_detector_finish(sl_detector *d, const sl_run_end *end) {
  sl_strbuf_clear(&d->detail);
  sl_strbuf_clear(&d->report);
  /* No report in brief mode (nobody reads it: explore's search). */
  sl_strbuf *det = &d->detail, *rep = d->brief ? NULL : &d->report;
  sl_strbuf unretrieved = SL_STRBUF_INIT, unretrieved_sig = SL_STRBUF_INIT;
  uint32_t nunretrieved = 0;
  for (size_t i = 0; i < d->nfailed; i++) {
    if (d->failed[i].retrieved) continue;
    nunretrieved++;
    if (rep) sl_strbuf_printf(&unretrieved, "  %s\n", d->failed[i].text);
    if (unretrieved_sig.len) sl_strbuf_puts(&unretrieved_sig, "; ");
    sl_strbuf_puts(&unretrieved_sig, d->failed[i].text);
  }
  if (end->outcome == SL_OUTCOME_NOMEM || end->outcome == SL_OUTCOME_ERROR || d->oom) {
    d->verdict = SL_VERDICT_ERROR;
    sl_strbuf_puts(det, end->outcome == SL_OUTCOME_ERROR ? "the scenario could not run"
                                                         : "out of memory");
    if (rep)
      sl_strbuf_printf(rep, "error: %s\n%s", sl_strbuf_cstr(det),
                       end->runner_detail ? end->runner_detail : "");
  } else if (end->outcome == SL_OUTCOME_EXCEPTION) {
    const char *sum = end->summary ? end->summary : "?";
    bool assertion = !strncmp(sum, "AssertionError", 14) && (sum[14] == ':' || sum[14] == '\0');
    d->verdict = assertion ? SL_VERDICT_ASSERTION : SL_VERDICT_EXCEPTION;
    sl_strbuf_puts(det, sum);
    traceback_origin(end->traceback, det);
    if (rep) {
      sl_strbuf_printf(
          rep, "%s: %s escaped asyncio.run at t=", assertion ? "assertion" : "exception", sum);
      sl_float_repr(rep, end->t);
      sl_strbuf_printf(rep, " (step %llu)\n", (unsigned long long)end->steps);
      if (end->traceback) sl_strbuf_puts(rep, end->traceback);
    }
  } else if (end->outcome == SL_OUTCOME_DEADLOCK) {
    d->verdict = SL_VERDICT_DEADLOCK;
    sl_strbuf_puts(det, d->have_waits ? sl_strbuf_cstr(&d->waits_sig) : "deadlock");
    if (rep) {
      sl_strbuf_printf(rep, "deadlock at t=");
      sl_float_repr(rep, end->t);
      sl_strbuf_printf(rep, " (step %llu): no task can run, no timer is pending\n",
                       (unsigned long long)end->steps);
      sl_strbuf_puts(rep, d->have_waits        ? sl_strbuf_cstr(&d->waits)
                          : end->runner_detail ? end->runner_detail
                                               : "");
    }
  } else if (end->outcome == SL_OUTCOME_BUDGET) {
    d->verdict = SL_VERDICT_BUDGET;
    /* The runner's line names the budget ("step budget of 1000 steps
     * exhausted (--max-steps)"): the same budget is the same failure. */
    const char *why = end->runner_detail ? end->runner_detail : "budget exhausted\n";
    sl_strbuf_append(det, why, strcspn(why, "\n"));
    if (rep) {
      sl_strbuf_printf(rep,
                       "budget: stopped after %llu steps at t=", (unsigned long long)end->steps);
      sl_float_repr(rep, end->t);
      sl_strbuf_puts(rep, ": ");
      sl_strbuf_append(rep, why, strcspn(why, "\n"));
      sl_strbuf_puts(rep, "; a livelock, or a run longer than the budget\n");
    }
  } else if (d->nhandler) {
    d->verdict = SL_VERDICT_EXCEPTION;
    sl_strbuf_printf(det, "exception handler: %s", sl_strbuf_cstr(&d->handler));
    if (rep)
      sl_strbuf_printf(rep,
                       "exception: the loop's exception handler was called %u time%s; first: %s\n",
                       d->nhandler, d->nhandler == 1 ? "" : "s", sl_strbuf_cstr(&d->handler));
  } else if (nunretrieved) {
    d->verdict = SL_VERDICT_NEVER_RETRIEVED;
    sl_strbuf_puts(det, sl_strbuf_cstr(&unretrieved_sig));
    if (rep)
      sl_strbuf_printf(
          rep, "never-retrieved: %u task%s finished with an exception nobody retrieved:\n%s",
          nunretrieved, nunretrieved == 1 ? "" : "s", sl_strbuf_cstr(&unretrieved));
  } else if (d->npending_exit) {
    d->verdict = SL_VERDICT_PENDING_AT_EXIT;
    sl_strbuf_printf(det, "pending at exit: %s", sl_strbuf_cstr(&d->pending_sig));
    if (rep)
      sl_strbuf_printf(rep,
                       "pending-at-exit: main returned while %u task%s still ran; asyncio.run "
                       "cancelled %s:\n%s",
                       d->npending_exit, d->npending_exit == 1 ? "" : "s",
                       d->npending_exit == 1 ? "it" : "them", sl_strbuf_cstr(&d->pending_exit));
  } else {
    d->verdict = SL_VERDICT_OK;
  }
  sl_strbuf_free(&unretrieved);
  sl_strbuf_free(&unretrieved_sig);
  if (det->failed || d->report.failed) {
    d->verdict = SL_VERDICT_ERROR;
    sl_strbuf_clear(det);
    sl_strbuf_clear(&d->report);
    sl_strbuf_puts(det, "out of memory");
  }
}
