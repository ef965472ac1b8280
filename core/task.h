/* Task: mirrors Lib/asyncio/tasks.py Task (and _asynciomodule.c TaskObj).
 *
 * A Task drives a coroutine: __step sends into it (or throws), and the
 * future it yields gets __wakeup as a done callback. Cancellation follows
 * CPython exactly: _must_cancel, _num_cancels_requested, the waiter's
 * cancel, and the profile's uncancel rule. */
#ifndef SL_TASK_H
#define SL_TASK_H

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/future.h"
#include "core/loop.h"

typedef struct sl_task {
  sl_future fut;
  sl_obj *coro; /* owned */
  /* owned str, or NULL while the name is "Task-<name_n>": made when first
   * asked for (sl_task_name), as most runs never read it */
  sl_obj *name_obj;
  uint64_t name_n;    /* the Task-N number; 0: none (named, or cleared) */
  sl_obj *fut_waiter; /* owned: the future awaited, or NULL */
  bool must_cancel;
  int64_t num_cancels_requested;
  uint64_t ordinal;                            /* T<ordinal> in traces */
  uint64_t parent_ordinal;                     /* 0 if created outside a task */
  struct sl_task *pending_prev, *pending_next; /* loop's list while not done */
  bool in_pending;
  /* The observer hears of a task once loop.create_task has returned it
   * (after an eager first step and any renaming), as the oracle's
   * create_task wrapper does; a completion before that waits for it. */
  bool announced;
  /* owned: the contextvars.Context its steps run in (Task._context), or
   * undef when contexts are not in use */
  sl_value context;
  /* owned, made on first use: self.__step and self.__wakeup, the same
   * callables for every step (CPython makes new ones each time; nothing
   * can tell them apart: equal, same repr). Each refers back to the task,
   * so they go when it is done (sl_task_finished). */
  sl_obj *step_fn, *wakeup_fn;
} sl_task;

extern const sl_type sl_task_type;

static inline sl_task *sl_as_task(sl_obj *o) { return (sl_task *)o; }
static inline bool sl_is_task(sl_value v) {
  return v.tag == SL_V_OBJ && (v.u.o->type->flags & SL_TF_TASK);
}

/* The task's name (Task.get_name()): borrowed, made on first use; NULL
 * when out of memory (nothing raised) or once the task is cleared. */
sl_obj *sl_task_name(sl_rt *rt, sl_obj *task);
/* Appends the task's name's text to `out` without making the object. */
void sl_task_name_put(const sl_task *t, sl_strbuf *out);
/* Names the task (Task.set_name): takes the reference to `name` (a str). */
void sl_task_set_name(sl_rt *rt, sl_obj *task, sl_obj *name);
/* loop.create_task(coro, name=name): `coro` is borrowed; `name` (borrowed
 * str) may be NULL for Task-N. With `eager` (3.12+ eager_start) the first
 * step runs now, inside this call. New reference, NULL on error. */
sl_obj *sl_task_new(sl_rt *rt, sl_obj *coro, sl_obj *name, bool eager);
/* create_task(..., context=ctx): the task's steps run in ctx (borrowed;
 * undef or None keeps the copy of the current context it was given). */
void sl_task_set_context(sl_rt *rt, sl_obj *task, sl_value ctx);
/* Task.cancel(msg): 1 True, 0 False, -1 error. */
int sl_task_cancel(sl_rt *rt, sl_obj *task, sl_value msg);
int64_t sl_task_uncancel(sl_rt *rt, sl_obj *task);
static inline int64_t sl_task_cancelling(sl_obj *task) {
  return sl_as_task(task)->num_cancels_requested;
}
/* Reports a task's creation to the observer if it has not been yet: when
 * loop.create_task returns it, or earlier, the first time something it does
 * is reported (an eager first step printing or creating a task), as the
 * oracle announces a task the first time it appears. */
void sl_task_announce(sl_rt *rt, sl_obj *task);
/* Called by the future machinery when a task reaches a final state. */
void sl_task_finished(sl_rt *rt, sl_obj *task);
/* The task's step callable's definition (Task.__step, its self the task),
 * and the step itself: Task.__step(exc), `exc` borrowed or NULL. The loop
 * calls a queued step without an argument directly (loop.c run_first). */
extern const sl_cfunc_def sl__task_step_def;
int sl__task_step_any(sl_rt *rt, sl_obj *task, sl_obj *exc);
/* The rest of __step_run_and_handle_result once the coroutine has run,
 * the task still the current one: st and out as sl_coro_send or
 * sl_coro_throw gave them (out's reference is taken). A yielded future
 * gets the task's wakeup; a bare yield queues the next step; a return or
 * an exception ends the task. 0 or -1. */
int sl__task_step_outcome(sl_rt *rt, sl_obj *task, sl_coro_status st, sl_value out);
/* The step without an exception, a cancel pending or a context of its own,
 * of a task not done: what sl__task_step_any would do, fewer tests. In
 * line (the loop's direct steps and wakeups): a bare yield
 * (asyncio.sleep(0)) of a task with its step callable queues the next
 * step here; any other outcome is sl__task_step_outcome's. `idle`: the
 * caller knows that no task is current (a constant: the loop's own calls,
 * loop.c run_task_call, since the loop runs only outside every task: it
 * refuses to run while running), so the current task is set back to none
 * without being read. */
static inline __attribute__((always_inline)) int sl__task_step_plain(sl_rt *rt, sl_obj *task,
                                                                     bool idle) {
  sl_task *t = sl_as_task(task);
  sl_decref(rt, t->fut_waiter);
  t->fut_waiter = NULL;
  sl_loop *loop = rt->loop;
  sl_task *prev = idle ? NULL : loop->current_task;
  loop->current_task = t; /* _enter_task */
  sl_value out = sl_none();
  sl_coro_status st = sl_coro_send(rt, t->coro, sl_none(), &out);
  int rc;
  if (st == SL_CORO_YIELD && sl_is_none(out) && t->step_fn)
    rc = sl__loop_call_soon_step(rt, t->step_fn);
  else
    rc = sl__task_step_outcome(rt, task, st, out);
  loop->current_task = prev; /* _leave_task */
  return rc;
}
/* The caller keeps the task alive throughout: the step and wakeup
 * callables hold it and their callers hold them (a queued call owns its
 * callback until it returns), sl_task_new holds the task it starts
 * eagerly. So no reference is taken, though the step may drop every other
 * one (the task's end drops its callables, the coroutine the last variable
 * naming the task). In line: the loop's direct steps go straight to the
 * commonest case. `idle` as sl__task_step_plain's. */
static inline __attribute__((always_inline)) int sl__task_step_in(sl_rt *rt, sl_obj *task,
                                                                  sl_obj *exc, bool idle) {
  sl_task *t = sl_as_task(task);
  if (exc || t->must_cancel || !sl_is_undef(t->context) || sl_future_done(task))
    return sl__task_step_any(rt, task, exc);
  return sl__task_step_plain(rt, task, idle);
}
static inline __attribute__((always_inline)) int sl__task_step(sl_rt *rt, sl_obj *task,
                                                               sl_obj *exc) {
  return sl__task_step_in(rt, task, exc, false);
}
/* The same for the task's wakeup callable (its argument the awaited
 * future fut, borrowed): __wakeup(fut), called directly for a future's
 * one done callback (future.c schedule_callbacks). */
extern const sl_cfunc_def sl__task_wakeup_def;
/* sl__task_wakeup's case of a future that did not end with a result. */
int sl__task_wakeup_raise(sl_rt *rt, sl_obj *task, sl_obj *fut);
/* In line: the loop's direct wakeup (loop.c run_task_call) then goes
 * straight to the step. A result is not fetched only to be dropped.
 * `idle` as sl__task_step_plain's. */
static inline __attribute__((always_inline)) int sl__task_wakeup(sl_rt *rt, sl_obj *task,
                                                                 sl_obj *fut, bool idle) {
  sl_future *f = sl_as_future(fut);
  if (f->state == SL_FUTURE_FINISHED && !f->exception) {
    f->log_traceback = false; /* what result() does besides returning it */
    return sl__task_step_in(rt, task, NULL, idle);
  }
  return sl__task_wakeup_raise(rt, task, fut);
}
/* asyncio.current_task(): borrowed, NULL outside a task. */
sl_obj *sl_task_current(sl_rt *rt);
/* asyncio.all_tasks(): a new list of the tasks not done, creation order. */
sl_obj *sl_task_all(sl_rt *rt);
/* Where the task's coroutine is suspended ("file:line in func"), if known. */
void sl_task_where(sl_rt *rt, sl_obj *task, sl_strbuf *out);

/* loop.create_task(coro, name=): applies the loop's task factory (eager
 * factory, 3.13's "None" name quirk). New reference or NULL. */
sl_obj *sl_loop_create_task(sl_rt *rt, sl_obj *coro, sl_obj *name);
/* 3.11/3.12 asyncio.create_task(coro, name=): loop.create_task(coro),
 * then _set_task_name(task, name): the task takes a Task-N number and
 * shows it during an eager first step; `name` (borrowed, NULL: none) is
 * set after. New reference or NULL. */
sl_obj *sl_loop_create_task_name_after(sl_rt *rt, sl_obj *coro, sl_obj *name);
/* asyncio.ensure_future(x): x itself for a future, a new task for a
 * coroutine, TypeError otherwise. New reference or NULL. */
sl_obj *sl_ensure_future(sl_rt *rt, sl_value x);

#endif
