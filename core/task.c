/* Task (see task.h). Mirrors Lib/asyncio/tasks.py: Task.__init__, __step,
 * __step_run_and_handle_result, __wakeup, cancel, uncancel. */
#include "core/task.h"

#include <string.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/loop.h"
#include "core/num/unicode.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* Drops the cached step and wakeup callables (and their references back
 * to the task). */
static void drop_callables(sl_rt *rt, sl_task *t) {
  sl_obj *step = t->step_fn, *wakeup = t->wakeup_fn;
  t->step_fn = t->wakeup_fn = NULL;
  sl_decref(rt, step);
  sl_decref(rt, wakeup);
}

static void task_clear(sl_rt *rt, sl_obj *o) {
  sl_task *t = sl_as_task(o);
  sl_future_clear_fields(rt, o);
  sl_decref(rt, t->coro);
  t->coro = NULL;
  sl_decref(rt, t->name_obj);
  t->name_obj = NULL;
  t->name_n = 0;
  sl_decref(rt, t->fut_waiter);
  t->fut_waiter = NULL;
  sl_vset(rt, &t->context, sl_undef());
  drop_callables(rt, t);
}

/* "Task-<n>" into b (room for 32), without a terminating NUL: its length.
 * By hand: printf into an empty buffer formats twice, ~1,600 instructions. */
static size_t task_n_text(uint64_t n, char b[32]) {
  char digits[20];
  size_t nd = 0;
  do digits[nd++] = (char)('0' + n % 10);
  while (n /= 10);
  memcpy(b, "Task-", 5);
  for (size_t i = 0; i < nd; i++) b[5 + i] = digits[nd - 1 - i];
  return 5 + nd;
}

sl_obj *sl_task_name(sl_rt *rt, sl_obj *task) {
  sl_task *t = sl_as_task(task);
  if (!t->name_obj && t->name_n) {
    char b[32];
    t->name_obj = sl_str_new(rt, b, task_n_text(t->name_n, b));
  }
  return t->name_obj;
}

void sl_task_name_put(const sl_task *t, sl_strbuf *out) {
  if (t->name_obj) {
    sl_strbuf_puts(out, sl_str_cstr(t->name_obj)); /* as "%s" showed it */
  } else if (t->name_n) {
    char b[32];
    sl_strbuf_append(out, b, task_n_text(t->name_n, b));
  }
}

void sl_task_set_name(sl_rt *rt, sl_obj *task, sl_obj *name) {
  sl_task *t = sl_as_task(task);
  sl_decref(rt, t->name_obj);
  t->name_obj = name;
  t->name_n = 0;
}

/* base_tasks._task_repr: state ("cancelling" while a cancellation is
 * requested), name, coro=<...> as coroutines._format_coroutine shows it,
 * wait_for=<the awaited future>, then the future's result and callbacks. */
static int task_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_task *t = sl_as_task(o);
  const char *state = t->fut.state == SL_FUTURE_PENDING
                          ? (t->num_cancels_requested ? "cancelling" : "pending")
                      : t->fut.state == SL_FUTURE_CANCELLED ? "cancelled"
                                                            : "finished";
  sl_strbuf_printf(out, "<%s %s name=", sl_type_name(sl_obj_val(o)), state);
  if (t->name_obj) {
    sl_str_repr(out, sl_str_cstr(t->name_obj), sl_as_str(t->name_obj)->len);
  } else { /* 'Task-N': nothing in it to escape */
    sl_strbuf_putc(out, '\'');
    sl_task_name_put(t, out);
    sl_strbuf_putc(out, '\'');
  }
  sl_strbuf_puts(out, " coro=<");
  if (t->coro) sl_coro_format(rt, t->coro, out);
  sl_strbuf_putc(out, '>');
  if (t->fut_waiter) {
    sl_strbuf_puts(out, " wait_for=");
    if (sl_repr(rt, sl_obj_val(t->fut_waiter), out)) return -1;
  }
  if (sl_future_repr_outcome(rt, o, out)) return -1;
  sl_strbuf_putc(out, '>');
  return 0;
}

const sl_type sl_task_type = {.name = "Task",
                              .clear = task_clear,
                              .release = sl_future_release_fields,
                              .repr = task_repr,
                              .future_cancel = sl_task_cancel,
                              .flags = SL_TF_FUTURE | SL_TF_TASK | SL_TF_STABLE_ATTRS,
                              .size = sizeof(sl_task)};

static int task_step_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
static int task_wakeup_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);

const sl_cfunc_def sl__task_step_def = {"Task.__step", task_step_cb, "step", SL_CANON_SELF};
const sl_cfunc_def sl__task_wakeup_def = {"Task.task_wakeup", task_wakeup_cb, "wakeup",
                                          SL_CANON_SELF_ARG0};

/* The task's cached callable of `def` in *slot (borrowed), made on first
 * use; a done task keeps none (it would keep itself alive). NULL: out of
 * memory. The caller holds a reference to the task while it uses it. */
static sl_obj *task_callable(sl_rt *rt, sl_obj *task, sl_obj **slot, const sl_cfunc_def *def,
                             bool *temporary) {
  *temporary = false;
  if (*slot) return *slot;
  sl_obj *fn = sl_cfunc_new(rt, def, sl_obj_val(task));
  if (fn && sl_future_done(task))
    *temporary = true;
  else
    *slot = fn;
  return fn;
}

/* call_soon(self.__step[, exc]) */
static __attribute__((noinline)) int call_step_soon_made(sl_rt *rt, sl_obj *task, sl_obj *exc) {
  bool temporary;
  sl_obj *step =
      task_callable(rt, task, &sl_as_task(task)->step_fn, &sl__task_step_def, &temporary);
  if (!step) return -1;
  sl_value arg = exc ? sl_obj_val(exc) : sl_undef();
  int rc = sl_loop_call_soon0(rt, sl_obj_val(step), &arg, exc ? 1 : 0);
  if (temporary) sl_decref(rt, step);
  return rc;
}

/* The common step (the task's cached step, no exception) in line; the
 * rest out of it, so the caller saves no registers for it. */
static inline int call_step_soon(sl_rt *rt, sl_obj *task, sl_obj *exc) {
  sl_obj *cached = sl_as_task(task)->step_fn;
  if (cached && !exc) return sl__loop_call_soon_step(rt, cached);
  return call_step_soon_made(rt, task, exc);
}

/* Schedules a step that throws a RuntimeError with `msg` (task_set_error_soon). */
static int step_error_soon(sl_rt *rt, sl_obj *task, const char *msg) {
  sl_obj *exc = sl_exc_new_msg(rt, SL_EXC_RUNTIME_ERROR, msg);
  if (!exc) return -1;
  int rc = call_step_soon(rt, task, exc);
  sl_decref(rt, exc);
  return rc;
}

static void report(sl_rt *rt, sl_task *t, bool done) {
  void (*slot)(void *, const sl_task_info *) =
      done ? rt->observer.task_done : rt->observer.task_created;
  if (!slot) return;
  char number[32]; /* "Task-N" while the name is not made */
  const char *name = "";
  if (t->name_obj) {
    name = sl_str_cstr(t->name_obj);
  } else if (t->name_n) {
    number[task_n_text(t->name_n, number)] = '\0';
    name = number;
  }
  sl_task_info info = {t->ordinal,
                       name,
                       t->coro ? sl_coro_qualname(t->coro) : "?",
                       t->parent_ordinal,
                       rt->loop->step,
                       NULL,
                       NULL};
  sl_strbuf detail = SL_STRBUF_INIT;
  if (done) {
    if (t->fut.state == SL_FUTURE_CANCELLED) {
      info.outcome = "cancelled";
    } else if (t->fut.exception) {
      info.outcome = "exception";
      if (sl_exc_format_only(rt, t->fut.exception, &detail) && !rt->fatal) sl_err_clear(rt);
      info.detail = sl_strbuf_cstr(&detail);
    } else {
      info.outcome = "result";
      if (sl_repr(rt, t->fut.result, &detail) && !rt->fatal) sl_err_clear(rt);
      info.detail = sl_strbuf_cstr(&detail);
    }
  }
  slot(rt->observer.ctx, &info);
  sl_strbuf_free(&detail);
}

void sl_task_announce(sl_rt *rt, sl_obj *task) {
  sl_task *t = sl_as_task(task);
  if (t->announced) return;
  t->announced = true;
  /* A parent still in its eager first step (so not announced yet) is the
   * current task: it appears first. */
  sl_obj *cur = sl_task_current(rt);
  if (cur && sl_as_task(cur)->ordinal == t->parent_ordinal) sl_task_announce(rt, cur);
  report(rt, t, false);
}

static void pending_link(sl_loop *loop, sl_task *t) {
  t->pending_prev = loop->pending_tail;
  t->pending_next = NULL;
  if (loop->pending_tail)
    loop->pending_tail->pending_next = t;
  else
    loop->pending_head = t;
  loop->pending_tail = t;
  t->in_pending = true;
}

static void pending_unlink(sl_rt *rt, sl_task *t) {
  sl_loop *loop = rt->loop;
  if (!t->in_pending) return;
  if (t->pending_prev)
    t->pending_prev->pending_next = t->pending_next;
  else
    loop->pending_head = t->pending_next;
  if (t->pending_next)
    t->pending_next->pending_prev = t->pending_prev;
  else
    loop->pending_tail = t->pending_prev;
  t->in_pending = false;
  sl_decref(rt, &t->fut.hdr); /* the list's reference */
}

void sl_task_finished(sl_rt *rt, sl_obj *o) {
  sl_task *t = sl_as_task(o);
  sl_incref(o);
  pending_unlink(rt, t);
  drop_callables(rt, t);
  if (t->announced) report(rt, t, true);
  sl_decref(rt, o);
}

sl_obj *sl_task_current(sl_rt *rt) {
  return rt->loop->current_task ? &rt->loop->current_task->fut.hdr : NULL;
}

sl_obj *sl_task_all(sl_rt *rt) {
  sl_obj *list = sl_list_new(rt, NULL, 0);
  if (!list) return NULL;
  for (sl_task *t = rt->loop->pending_head; t; t = t->pending_next)
    if (sl_list_append(rt, list, sl_obj_val(&t->fut.hdr))) {
      sl_decref(rt, list);
      return NULL;
    }
  return list;
}

/* The awaited future's cancel when a cancel is pending (the end of
 * __step's `else` branch for a future). 0 or -1. */
static __attribute__((noinline)) int cancel_waiter(sl_rt *rt, sl_task *t, sl_obj *fut) {
  int cancelled = sl_future_cancel(rt, fut, t->fut.cancel_message);
  if (cancelled < 0) return -1;
  if (cancelled) t->must_cancel = false;
  return 0;
}

/* yield_future's general case (a callback already there, a future done,
 * a fut_waiter to drop, a cancel asked): the same steps in the same order,
 * in a frame of its own that keeps only the task and the future across the
 * call. */
static __attribute__((noinline)) int yield_future_any(sl_rt *rt, sl_obj *task, sl_obj *fut) {
  sl_task *t = sl_as_task(task);
  if (sl_future_add_done_callback(rt, fut, sl_obj_val(t->wakeup_fn))) {
    sl_decref(rt, fut);
    return -1;
  }
  sl_decref(rt, t->fut_waiter);
  t->fut_waiter = fut; /* the yielded value's reference */
  if (t->must_cancel) return cancel_waiter(rt, t, fut);
  return 0;
}

/* A blocking future `fut` awaited by a task that has its wakeup callable:
 * handle_yield's commonest case after the bare yield. Takes the reference
 * `fut` holds (kept as the task's fut_waiter). A new waiter future (each
 * Event.wait, Lock.acquire, sleep) gets the wakeup as its first callback
 * with nothing dropped and nothing called, so no registers saved. */
static __attribute__((noinline)) int yield_future(sl_rt *rt, sl_obj *task, sl_obj *fut) {
  sl_task *t = sl_as_task(task);
  sl_future *f = sl_as_future(fut);
  f->blocking = false;
  /* sl_future_add_done_callback's in-line case: pending, no array yet */
  if (f->state != SL_FUTURE_PENDING || f->capcallbacks || t->fut_waiter || t->must_cancel)
    return yield_future_any(rt, task, fut);
  f->callbacks = f->cb_inline;
  f->capcallbacks = f->ncallbacks = 1;
  t->wakeup_fn->refcnt++; /* sl_incref without its NULL test */
  f->cb_inline[0] = sl_obj_val(t->wakeup_fn);
  t->fut_waiter = fut;
  return 0;
}

/* Handles what the coroutine yielded (the else branch of __step), taking
 * the reference `result` holds: a future awaited keeps it as the task's
 * fut_waiter. */
static inline __attribute__((always_inline)) int handle_yield(sl_rt *rt, sl_obj *task,
                                                              sl_value result) {
  sl_task *t = sl_as_task(task);
  /* The bare yield (asyncio.sleep(0)) first: the most frequent, and None
   * is no future (nor holds a reference). */
  if (sl_is_none(result)) return call_step_soon(rt, task, NULL);
  int rc;
  if (sl_is_future(result)) {
    sl_obj *fut = result.u.o;
    /* The C Task checks "awaits on itself" first. */
    if (fut == task) {
      rc = step_error_soon(rt, task, "Task cannot await on itself: <Task>");
    } else if (!sl_as_future(fut)->blocking) {
      rc = step_error_soon(rt, task, "yield was used instead of yield from in task");
    } else {
      sl_as_future(fut)->blocking = false;
      bool temporary;
      sl_obj *wakeup = task_callable(rt, task, &t->wakeup_fn, &sl__task_wakeup_def, &temporary);
      rc = wakeup ? sl_future_add_done_callback(rt, fut, sl_obj_val(wakeup)) : -1;
      if (temporary) sl_decref(rt, wakeup);
      if (rc == 0) {
        sl_decref(rt, t->fut_waiter);
        t->fut_waiter = fut; /* result's reference */
        if (t->must_cancel) return cancel_waiter(rt, t, fut);
        return 0;
      }
    }
  } else {
    rc = step_error_soon(rt, task, "Task got bad yield");
  }
  sl_vdecref(rt, result);
  return rc;
}

/* sl__task_step_outcome's every case. */
static __attribute__((noinline)) int step_outcome(sl_rt *rt, sl_obj *task, sl_coro_status st,
                                                  sl_value out) {
  sl_task *t = sl_as_task(task);
  /* A yield first: the commonest (every await that suspends). */
  if (st == SL_CORO_YIELD) return handle_yield(rt, task, out); /* takes out's reference */
  int rc = 0;
  switch (st) {
  case SL_CORO_YIELD: break;
  case SL_CORO_RETURN:
    if (t->must_cancel) {
      t->must_cancel = false;
      rc = sl_future_cancel_base(rt, task, t->fut.cancel_message) < 0 ? -1 : 0;
    } else {
      rc = sl_future_set_result(rt, task, out);
    }
    break;
  case SL_CORO_ERROR: {
    if (rt->fatal) return -1;
    sl_obj *err = sl_err_fetch(rt);
    if (sl_exc_isinstance(err, SL_EXC_CANCELLED_ERROR)) {
      /* Save it so whoever awaits the task gets this very instance once. */
      sl_decref(rt, t->fut.cancelled_exc);
      t->fut.cancelled_exc = err;
      rc = sl_future_cancel_base(rt, task, sl_none()) < 0 ? -1 : 0;
    } else if (sl_exc_isinstance(err, SL_EXC_SYSTEM_EXIT) ||
               sl_exc_isinstance(err, SL_EXC_KEYBOARD_INTERRUPT)) {
      /* __step_run_and_handle_result: super().set_exception(exc); raise */
      rc = sl_future_set_exception(rt, task, sl_obj_val(err));
      if (rc == 0) return sl_err_restore(rt, err);
      sl_decref(rt, err);
    } else {
      rc = sl_future_set_exception(rt, task, sl_obj_val(err));
      sl_decref(rt, err);
    }
    break;
  }
  }
  sl_vdecref(rt, out);
  return rc;
}

/* The rest of __step_run_and_handle_result once the coroutine has run
 * (task.h). Only tests and jumps: a blocking future awaited by a task
 * that has its wakeup callable to yield_future, the rest to
 * step_outcome, so neither pays the other's saved registers. */
int sl__task_step_outcome(sl_rt *rt, sl_obj *task, sl_coro_status st, sl_value out) {
  if (st == SL_CORO_YIELD && sl_is_future(out) && out.u.o != task &&
      sl_as_future(out.u.o)->blocking && sl_as_task(task)->wakeup_fn)
    return yield_future(rt, task, out.u.o);
  return step_outcome(rt, task, st, out);
}

/* sl__task_step's every case. */
int sl__task_step_any(sl_rt *rt, sl_obj *task, sl_obj *exc) {
  sl_task *t = sl_as_task(task);
  if (sl_future_done(task))
    return sl_raise(rt, SL_EXC_INVALID_STATE_ERROR, "_step(): already done");
  sl_obj *owned_exc = NULL;
  if (t->must_cancel) {
    if (!exc || !sl_exc_isinstance(exc, SL_EXC_CANCELLED_ERROR)) {
      owned_exc = sl_future_make_cancelled_error(rt, task);
      if (!owned_exc) return -1;
      exc = owned_exc;
    }
    t->must_cancel = false;
  }
  sl_decref(rt, t->fut_waiter);
  t->fut_waiter = NULL;
  sl_loop *loop = rt->loop;
  sl_task *prev = loop->current_task;
  loop->current_task = t; /* _enter_task */
  /* self._context.run(self.__step_run_and_handle_result, exc) */
  sl_value saved_context = rt->context;
  bool own_context = !sl_is_undef(t->context);
  if (own_context) rt->context = sl_vincref(t->context);
  sl_value out = sl_none();
  sl_coro_status st =
      exc ? sl_coro_throw(rt, t->coro, exc, &out) : sl_coro_send(rt, t->coro, sl_none(), &out);
  int rc = step_outcome(rt, task, st, out);
  if (own_context) {
    sl_vdecref(rt, rt->context);
    rt->context = saved_context;
  }
  loop->current_task = prev; /* _leave_task */
  sl_decref(rt, owned_exc);
  return rc;
}

static int task_step_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_obj *exc = args->npos && sl_is_obj(args->pos[0]) ? args->pos[0].u.o : NULL;
  return sl__task_step(rt, self.u.o, exc);
}

/* __wakeup(future): future.result(); step with its exception, if any
 * (the case of a result is task.h's sl__task_wakeup). */
int sl__task_wakeup_raise(sl_rt *rt, sl_obj *task, sl_obj *fut) {
  sl__future_result_raise(rt, fut);
  if (rt->fatal) return -1;
  sl_obj *exc = sl_err_fetch(rt);
  int rc = sl__task_step(rt, task, exc);
  sl_decref(rt, exc);
  return rc;
}

static int task_wakeup_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return sl__task_wakeup(rt, self.u.o, args->pos[0].u.o, false);
}

void sl_task_set_context(sl_rt *rt, sl_obj *task, sl_value ctx) {
  if (sl_is_undef(ctx) || sl_is_none(ctx)) return;
  sl_vset(rt, &sl_as_task(task)->context, sl_vincref(ctx));
}

sl_obj *sl_task_new(sl_rt *rt, sl_obj *coro, sl_obj *name, bool eager) {
  sl_obj *o = sl_obj_alloc(rt, &sl_task_type);
  if (!o) return NULL;
  sl_future_init(o);
  sl_task *t = sl_as_task(o);
  sl_incref(coro);
  t->coro = coro;
  if (name) {
    sl_incref(name);
    t->name_obj = name;
  } else {
    t->name_n = ++rt->task_counter;
  }
  /* Task(context=None): contextvars.copy_context() */
  if (rt->context_copy && rt->context_copy(rt, &t->context)) {
    sl_decref(rt, o);
    return NULL;
  }
  t->ordinal = ++rt->task_ordinal;
  sl_obj *parent = sl_task_current(rt);
  t->parent_ordinal = parent ? sl_as_task(parent)->ordinal : 0;
  sl_loop *loop = rt->loop;
  if (eager && loop->running) {
    /* __eager_start: run the first step now, as the current task. */
    if (sl__task_step(rt, o, NULL)) {
      sl_decref(rt, o);
      return NULL;
    }
    if (!sl_future_done(o)) {
      sl_incref(o);
      pending_link(loop, t);
    }
    return o;
  }
  if (call_step_soon(rt, o, NULL)) {
    sl_decref(rt, o);
    return NULL;
  }
  sl_incref(o);
  pending_link(loop, t); /* _register_task */
  return o;
}

int sl_task_cancel(sl_rt *rt, sl_obj *task, sl_value msg) {
  sl_task *t = sl_as_task(task);
  t->fut.log_traceback = false;
  if (sl_future_done(task)) return 0;
  t->num_cancels_requested++;
  if (t->fut_waiter) {
    sl_obj *waiter = t->fut_waiter;
    sl_incref(waiter);
    int rc = sl_future_cancel(rt, waiter, msg);
    sl_decref(rt, waiter);
    if (rc != 0) return rc;
  }
  t->must_cancel = true;
  sl_vset(rt, &t->fut.cancel_message, sl_vincref(msg));
  return 1;
}

int64_t sl_task_uncancel(sl_rt *rt, sl_obj *task) {
  sl_task *t = sl_as_task(task);
  if (t->num_cancels_requested > 0) {
    t->num_cancels_requested--;
    if (t->num_cancels_requested == 0 && rt->profile->uncancel_resets_must_cancel)
      t->must_cancel = false;
  }
  return t->num_cancels_requested;
}

void sl_task_where(sl_rt *rt, sl_obj *task, sl_strbuf *out) {
  sl_task *t = sl_as_task(task);
  if (t->coro && t->coro->type->coro->where) t->coro->type->coro->where(rt, t->coro, out);
}

/* create_task; name_after: the task is made unnamed (so numbered) and
 * `name` set once it exists, after an eager first step. */
static sl_obj *create_task(sl_rt *rt, sl_obj *coro, sl_obj *name, bool name_after) {
  sl_loop *loop = rt->loop;
  if (loop->closed) {
    sl_coro_close(rt, coro);
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
    return NULL;
  }
  /* 3.13.0-3.13.2 base_events.create_task with a task factory: the factory
   * makes the task (using a Task-N number), then task.set_name(name) runs
   * even when name is None, so an unnamed task is called "None". */
  sl_obj *rename_to = NULL; /* owned */
  if (name_after && name) {
    sl_incref(name);
    rename_to = name;
  } else if (name_after && loop->has_task_factory && rt->profile->factory_names_none) {
    if (!(rename_to = sl_str_from_cstr(rt, "None"))) return NULL;
  }
  sl_obj *task = sl_task_new(rt, coro, name_after ? NULL : name,
                             loop->eager_factory && rt->profile->eager_tasks);
  if (task && rename_to) {
    sl_task_set_name(rt, task, rename_to);
  } else {
    sl_decref(rt, rename_to);
  }
  if (task) {
    sl_task_announce(rt, task);
    if (sl_future_done(task)) report(rt, sl_as_task(task), true);
  }
  return task;
}

sl_obj *sl_loop_create_task(sl_rt *rt, sl_obj *coro, sl_obj *name) {
  /* base_events.py <=3.13.2: a task factory is called without the name,
   * which _set_task_name / set_name gives the task afterwards. */
  return create_task(rt, coro, name,
                     rt->loop->has_task_factory && rt->profile->factory_sets_name_after);
}

sl_obj *sl_loop_create_task_name_after(sl_rt *rt, sl_obj *coro, sl_obj *name) {
  return create_task(rt, coro, name, true);
}

sl_obj *sl_ensure_future(sl_rt *rt, sl_value x) {
  if (sl_is_future(x)) {
    sl_incref(x.u.o);
    return x.u.o;
  }
  if (sl_is_coro(x)) return sl_loop_create_task(rt, x.u.o, NULL);
  sl_raise(rt, SL_EXC_TYPE_ERROR, "An asyncio.Future, a coroutine or an awaitable is required");
  return NULL;
}
