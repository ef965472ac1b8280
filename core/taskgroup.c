/* Mirrors Lib/asyncio/taskgroups.py (TaskGroup). Versions differ in
 * __aenter__ (3.11.3), create_task's handling of eager tasks (3.12, then
 * gh-128550 in 3.13.2), and __aexit__'s cancel levels (3.13); each is a
 * profile switch. */
#include "core/taskgroup.h"

#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/sync-int.h"
#include "core/task.h"
#include "core/tuple.h"

static void tg_clear(sl_rt *rt, sl_obj *o) {
  sl_taskgroup *g = (sl_taskgroup *)o;
  sl_idset_clear(rt, &g->tasks);
  sl_obj *objs[] = {g->parent_task, g->errors, g->base_error, g->on_completed_fut};
  g->parent_task = g->errors = g->base_error = g->on_completed_fut = NULL;
  for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) sl_decref(rt, objs[i]);
}

static void tg_release(sl_obj *o) { sl_idset_free(&((sl_taskgroup *)o)->tasks); }

/* <TaskGroup tasks=2 errors=1 cancelling> */
static int tg_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_taskgroup *g = (sl_taskgroup *)o;
  sl_strbuf_puts(out, "<TaskGroup");
  if (g->tasks.len) sl_strbuf_printf(out, " tasks=%zu", g->tasks.len);
  if (g->errors && sl_as_list(g->errors)->len)
    sl_strbuf_printf(out, " errors=%zu", sl_as_list(g->errors)->len);
  if (g->aborting)
    sl_strbuf_puts(out, " cancelling");
  else if (g->entered)
    sl_strbuf_puts(out, " entered");
  sl_strbuf_putc(out, '>');
  return 0;
}

static int tg_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

const sl_type sl_taskgroup_type = {.name = "TaskGroup",
                                   .clear = tg_clear,
                                   .release = tg_release,
                                   .repr = tg_repr,
                                   .getattr = tg_getattr,
                                   .size = sizeof(sl_taskgroup)};

sl_obj *sl_taskgroup_new(sl_rt *rt) {
  sl_obj *errors = sl_list_new(rt, NULL, 0);
  if (!errors) return NULL;
  sl_obj *o = sl_obj_alloc(rt, &sl_taskgroup_type);
  if (!o) {
    sl_decref(rt, errors);
    return NULL;
  }
  ((sl_taskgroup *)o)->errors = errors;
  return o;
}

/* Raises RuntimeError(f"TaskGroup {self!r} <what>"). */
static int tg_error(sl_rt *rt, sl_obj *o, const char *what) {
  sl_strbuf text = SL_STRBUF_INIT;
  tg_repr(rt, o, &text);
  int rc = sl_raise(rt, SL_EXC_RUNTIME_ERROR, "TaskGroup %s %s", sl_strbuf_cstr(&text), what);
  sl_strbuf_free(&text);
  return rc;
}

/* _is_base_error: SystemExit or KeyboardInterrupt. */
static bool is_base_error(sl_obj *exc) {
  return sl_exc_isinstance(exc, SL_EXC_SYSTEM_EXIT) ||
         sl_exc_isinstance(exc, SL_EXC_KEYBOARD_INTERRUPT);
}

/* _abort(): cancel every child not done, in creation order (the oracle
 * pins CPython's set to insertion order). */
static int tg_abort(sl_rt *rt, sl_taskgroup *g) {
  g->aborting = true;
  for (size_t i = 0; i < g->tasks.norder; i++) {
    sl_obj *t = g->tasks.order[i];
    if (t && !sl_future_done(t) && sl_task_cancel(rt, t, sl_none()) < 0) return -1;
  }
  return 0;
}

/* TaskGroup._on_task_done(task) */
static int on_task_done(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_taskgroup *g = (sl_taskgroup *)self.u.o;
  sl_obj *task = args->pos[0].u.o;
  sl_incref(task);
  sl_idset_discard(rt, &g->tasks, task);
  int rc = 0;
  if (g->on_completed_fut && g->tasks.len == 0 && !sl_future_done(g->on_completed_fut))
    rc = sl_future_set_result(rt, g->on_completed_fut, sl_bool(true));
  if (rc || sl_future_cancelled(task)) goto done;
  sl_obj *exc = NULL;
  if ((rc = sl_future_exception(rt, task, &exc)) || !exc) goto done;
  if (!g->errors) { /* self._errors is None: AttributeError, as CPython */
    sl_decref(rt, exc);
    rc = sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'NoneType' object has no attribute 'append'");
    goto done;
  }
  rc = sl_list_append(rt, g->errors, sl_obj_val(exc));
  if (rc == 0 && is_base_error(exc) && !g->base_error) {
    sl_incref(exc);
    g->base_error = exc;
  }
  if (rc == 0 && g->parent_task && sl_future_done(g->parent_task)) {
    sl_strbuf msg = SL_STRBUF_INIT;
    sl_strbuf_puts(&msg, "Task ");
    sl_repr(rt, sl_obj_val(task), &msg);
    sl_strbuf_puts(&msg, " has errored out but its parent task ");
    sl_repr(rt, sl_obj_val(g->parent_task), &msg);
    sl_strbuf_puts(&msg, " is already completed");
    sl_loop_call_exception_handler_ctx(rt, sl_strbuf_cstr(&msg), exc, "task", task);
    sl_strbuf_free(&msg);
  } else if (rc == 0 && !g->aborting && !g->parent_cancel_requested) {
    /* Cancel the parent so whatever it awaits inside the block stops;
     * __aexit__ un-cancels it later. */
    rc = tg_abort(rt, g);
    g->parent_cancel_requested = true;
    if (rc == 0 && sl_task_cancel(rt, g->parent_task, sl_none()) < 0) rc = -1;
  }
  sl_decref(rt, exc);
done:
  sl_decref(rt, task);
  return rc;
}

static const sl_cfunc_def on_task_done_def = {"TaskGroup._on_task_done", on_task_done,
                                              "taskgroup.on_task_done", SL_CANON_ARG0};

sl_obj *sl_taskgroup_create_task(sl_rt *rt, sl_obj *o, sl_obj *coro, sl_obj *name) {
  sl_taskgroup *g = (sl_taskgroup *)o;
  const char *refusal = !g->entered                       ? "has not been entered"
                        : g->exiting && g->tasks.len == 0 ? "is finished"
                        : g->aborting                     ? "is shutting down"
                                                          : NULL;
  if (refusal) {
    /* 3.13 taskgroups.py:187 `coro.close()` before each refusal; 3.11/3.12
     * (taskgroups.py:138@3.11.2) leave the coroutine to the caller. */
    if (rt->profile->taskgroup_refusal_closes_coro) sl_coro_close(rt, coro);
    tg_error(rt, o, refusal);
    return NULL;
  }
  if (sl_idset_reserve(rt, &g->tasks)) return NULL; /* the add below cannot fail */
  sl_obj *cb = sl_cfunc_new(rt, &on_task_done_def, sl_obj_val(o));
  if (!cb) return NULL;
  /* ≤3.12: loop.create_task(coro) then _set_task_name(task, name): the
   * task used a Task-N number before being renamed (after an eager first
   * step, which shows the number). */
  sl_obj *task = name && !rt->profile->named_task_keeps_counter
                     ? sl_loop_create_task_name_after(rt, coro, name)
                     : sl_loop_create_task(rt, coro, name);
  if (!task) {
    sl_decref(rt, cb);
    return NULL;
  }
  int rc;
  if (rt->profile->taskgroup_eager_sync_done && sl_future_done(task)) {
    /* 3.12-3.13.1: "Immediately call the done callback if the task is
     * already done" (an eager task). */
    sl_value arg = sl_obj_val(task), ignored = sl_none();
    rc = sl_call_pos(rt, sl_obj_val(cb), &arg, 1, &ignored);
  } else {
    rc = sl_idset_add(rt, &g->tasks, task);
    if (rc == 0) rc = sl_future_add_done_callback(rt, task, sl_obj_val(cb));
  }
  sl_decref(rt, cb);
  if (rc) {
    sl_decref(rt, task);
    return NULL;
  }
  return task;
}

/* async def __aenter__(self); slot AE_SELF: the task group. */
enum { AE_SELF };
static sl_coro_status aenter_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_obj *o = co->slots[AE_SELF].u.o;
  sl_taskgroup *g = (sl_taskgroup *)o;
  bool fixed = rt->profile->taskgroup_enter_checks_parent;
  if (g->entered) {
    tg_error(rt, o, fixed ? "has already been entered" : "has been already entered");
    return SL_CORO_ERROR;
  }
  if (!fixed) g->entered = true; /* 3.11.2 sets it before the check */
  sl_obj *parent = sl_task_current(rt);
  if (!parent) {
    tg_error(rt, o, "cannot determine the parent task");
    return SL_CORO_ERROR;
  }
  sl_incref(parent);
  sl_decref(rt, g->parent_task);
  g->parent_task = parent;
  g->entered = true;
  sl_incref(o);
  *out = sl_obj_val(o);
  return SL_CORO_RETURN;
}

enum { AX_SELF, AX_ET, AX_EXC, AX_PROPAGATE, AX_FUT };
enum { AX_START, AX_LOOP, AX_WOKEN, AX_TAIL };

static bool is_cancel_class(sl_rt *rt, sl_value et) {
  sl_obj *ce = rt->classes[SL_EXC_CANCELLED_ERROR];
  if (rt->profile->taskgroup_313_cancel_levels) /* issubclass(et, CancelledError) */
    return sl_is_type(et, &sl_class_type) && sl_class_is_subclass(et.u.o, ce);
  return sl_is(et, sl_obj_val(ce)); /* ≤3.12: et is CancelledError */
}

/* raise BaseExceptionGroup('unhandled errors in a TaskGroup', errors) from
 * None: an ExceptionGroup when every error is an Exception, as
 * BaseExceptionGroup.__new__ decides. */
static void raise_group(sl_rt *rt, sl_taskgroup *g, sl_value exc) {
  sl_list *errs = sl_as_list(g->errors);
  bool all_exceptions = true;
  for (size_t i = 0; i < errs->len; i++)
    if (!sl_is_type(errs->items[i], &sl_exc_type) ||
        !sl_exc_isinstance(errs->items[i].u.o, SL_EXC_EXCEPTION))
      all_exceptions = false;
  sl_obj *msg = sl_str_from_cstr(rt, "unhandled errors in a TaskGroup");
  if (!msg) return;
  sl_value args[2] = {sl_obj_val(msg), sl_obj_val(g->errors)};
  sl_exc_id id = all_exceptions ? SL_EXC_EXCEPTION_GROUP : SL_EXC_BASE_EXCEPTION_GROUP;
  sl_obj *group = sl_exc_new(rt, rt->classes[id], args, 2);
  sl_decref(rt, msg);
  if (!group) return;
  sl__set_context(rt, group, sl_is_type(exc, &sl_exc_type) ? exc.u.o : NULL);
  sl_as_exc(group)->suppress_context = true;
  sl_err_restore(rt, group);
}

/* The finally of 3.13's __aexit__ (and ≤3.12's `self._errors = None`
 * after raising the group). */
static sl_coro_status aexit_finish(sl_rt *rt, sl_taskgroup *g, sl_coro_status st) {
  if (rt->profile->taskgroup_313_cancel_levels) {
    sl_obj *objs[] = {g->parent_task, g->errors, g->base_error};
    g->parent_task = g->errors = g->base_error = NULL;
    for (size_t i = 0; i < 3; i++) sl_decref(rt, objs[i]);
  }
  return st;
}

static sl_coro_status raise_existing(sl_rt *rt, sl_taskgroup *g, sl_obj *exc) {
  sl_incref(exc);
  sl_err_restore(rt, exc);
  return aexit_finish(rt, g, SL_CORO_ERROR);
}

/* async def __aexit__(self, et, exc, tb) (3.13+: _aexit) */
static sl_coro_status aexit_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_taskgroup *g = (sl_taskgroup *)co->slots[AX_SELF].u.o;
  sl_value et = co->slots[AX_ET], exc = co->slots[AX_EXC];
  bool v313 = rt->profile->taskgroup_313_cancel_levels;
  for (;;) switch (co->pc) {
    case AX_START:
      g->exiting = true;
      if (sl_is_type(exc, &sl_exc_type) && is_base_error(exc.u.o) && !g->base_error) {
        sl_incref(exc.u.o);
        g->base_error = exc.u.o;
      }
      if (!sl_is_none(et) && is_cancel_class(rt, et)) co->slots[AX_PROPAGATE] = sl_vincref(exc);
      if (!v313 && g->parent_cancel_requested && sl_task_uncancel(rt, g->parent_task) == 0)
        sl_vset(rt, &co->slots[AX_PROPAGATE], sl_undef());
      if (!sl_is_none(et) && !g->aborting && tg_abort(rt, g)) return SL_CORO_ERROR;
      co->pc = AX_LOOP;
      break;
    case AX_LOOP:
      /* while self._tasks: await self._on_completed_fut (made on demand) */
      if (!g->tasks.len) {
        co->pc = AX_TAIL;
        break;
      }
      if (!g->on_completed_fut && !(g->on_completed_fut = sl_future_new(rt))) return SL_CORO_ERROR;
      sl_vset(rt, &co->slots[AX_FUT], sl_obj_val(g->on_completed_fut));
      sl_incref(g->on_completed_fut);
      return sl_ccoro_await(rt, co, co->slots[AX_FUT], AX_WOKEN, out);
    case AX_WOKEN:
      if (co->failed) {
        if (!sl__pending_is_cancelled(rt)) return aexit_finish(rt, g, SL_CORO_ERROR);
        sl_obj *ex = sl_err_fetch(rt);
        if (!g->aborting) {
          /* The parent is being cancelled while children still run. */
          sl_vset(rt, &co->slots[AX_PROPAGATE], sl_obj_val(ex));
          if (tg_abort(rt, g)) return SL_CORO_ERROR;
        } else {
          sl_decref(rt, ex);
        }
      } else {
        sl_value ignored = sl_ccoro_take_result(co);
        sl_vdecref(rt, ignored);
      }
      sl_decref(rt, g->on_completed_fut);
      g->on_completed_fut = NULL;
      co->pc = AX_LOOP;
      break;
    case AX_TAIL: {
      if (g->base_error) return raise_existing(rt, g, g->base_error);
      if (v313 && g->parent_cancel_requested && sl_task_uncancel(rt, g->parent_task) == 0)
        sl_vset(rt, &co->slots[AX_PROPAGATE], sl_undef());
      bool no_errors = !g->errors || sl_as_list(g->errors)->len == 0;
      sl_value prop = co->slots[AX_PROPAGATE];
      if (sl_is_obj(prop) && no_errors) return raise_existing(rt, g, prop.u.o);
      if (!sl_is_none(et) && !is_cancel_class(rt, et) && g->errors &&
          sl_list_append(rt, g->errors, exc))
        return SL_CORO_ERROR;
      if (g->errors && sl_as_list(g->errors)->len) {
        if (v313 && sl_task_cancelling(g->parent_task)) {
          /* Keep an outside cancellation: un-cancel and re-cancel. */
          sl_task_uncancel(rt, g->parent_task);
          if (sl_task_cancel(rt, g->parent_task, sl_none()) < 0) return SL_CORO_ERROR;
        }
        raise_group(rt, g, exc);
        if (!v313) {
          sl_decref(rt, g->errors);
          g->errors = NULL;
        }
        return aexit_finish(rt, g, SL_CORO_ERROR);
      }
      *out = sl_none();
      return aexit_finish(rt, g, SL_CORO_RETURN);
    }
    default: return SL_CORO_ERROR;
    }
}

static const sl_ccoro_def aenter_def = {"TaskGroup.__aenter__", aenter_resume, NULL};
static const sl_ccoro_def aexit_def = {"TaskGroup.__aexit__", aexit_resume, NULL};

sl_obj *sl_taskgroup_aenter(sl_rt *rt, sl_obj *tg) {
  sl_value self = sl_obj_val(tg);
  return sl_ccoro_new(rt, &aenter_def, &self, 1);
}

sl_obj *sl_taskgroup_aexit(sl_rt *rt, sl_obj *tg, sl_value et, sl_value exc) {
  sl_value slots[3] = {sl_obj_val(tg), et, exc};
  return sl_ccoro_new(rt, &aexit_def, slots, 3);
}

/* ---- Python-level methods ------------------------------------------------- */

static int m_create_task(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "coro", "name", "context"};
  sl_value a[4];
  if (sl__bind_method(rt, self, args, "TaskGroup.create_task", names, 4, 2, 2, a)) return -1;
  sl_obj *name = NULL;
  if (!sl_is_undef(a[2]) && !sl_is_none(a[2])) {
    if (!sl_is_str(a[2])) return sl_raise(rt, SL_EXC_TYPE_ERROR, "name must be a str");
    name = a[2].u.o;
  }
  if (!sl_is_coro(a[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "a coroutine was expected, got %s", sl_type_name(a[1]));
  sl_obj *task = sl_taskgroup_create_task(rt, self.u.o, a[1].u.o, name);
  if (!task) return -1;
  sl_task_set_context(rt, task, a[3]);
  *out = sl_obj_val(task);
  return 0;
}

static int m_aenter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self"};
  sl_value a[1];
  if (sl__bind_method(rt, self, args, "TaskGroup.__aenter__", names, 1, 1, 1, a)) return -1;
  sl_obj *co = sl_taskgroup_aenter(rt, self.u.o);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static int m_aexit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "et", "exc", "tb"};
  sl_value a[4];
  if (sl__bind_method(rt, self, args, "TaskGroup.__aexit__", names, 4, 4, 4, a)) return -1;
  sl_obj *co = sl_taskgroup_aexit(rt, self.u.o, a[1], a[2]);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_cfunc_def tg_methods[] = {
    {"TaskGroup.create_task", m_create_task, NULL, SL_CANON_LABEL},
    {"TaskGroup.__aenter__", m_aenter, NULL, SL_CANON_LABEL},
    {"TaskGroup.__aexit__", m_aexit, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int tg_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  return sl__getattr_methods(rt, o, tg_methods, name, out);
}
