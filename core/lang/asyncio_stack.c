/* Task.get_stack() and Task.print_stack() (Lib/asyncio/base_tasks.py
 * _task_get_stack, _task_print_stack).
 *
 * A task's stack is its coroutine's frame while the coroutine is
 * suspended (a suspended frame has no f_back, so that is one frame), or,
 * once the task failed, the frames its exception's traceback passed
 * through. Two cases are refused with NotImplementedError rather than
 * answered wrongly: the running task (CPython's stack then holds asyncio's
 * own frames, runners.py down to events.py) and a coroutine simloop runs
 * natively (asyncio.sleep and the like, whose frames are asyncio's);
 * get_stack() of a failed task too, whose finished frames simloop keeps
 * only as traceback lines (print_stack() shows them).
 *
 * Also Future._state, the other look at where a task is. */
#include <math.h>
#include <string.h>

#include "core/exc.h"
#include "core/future.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/code.h"
#include "core/lang/ops.h"
#include "core/lang/vm-int.h"
#include "core/dict.h"
#include "core/lang/vm.h"
#include "core/tuple.h"
#include "core/str.h"
#include "core/task.h"

/* The keyword-only `limit` (None: no limit) and, for print_stack, `file`. */
static int stack_args(sl_rt *rt, const sl_args *args, const char *fname, bool with_file,
                      int64_t *limit, sl_value *file) {
  static const char *const names[] = {"limit", "file"};
  sl_value v[2];
  if (sl_args_bind(rt, args, fname, names, with_file ? 2 : 1, 0, 0, v)) return -1;
  *limit = -1;
  if (with_file) *file = sl_is_undef(v[1]) ? sl_none() : v[1];
  if (sl_is_undef(v[0]) || sl_is_none(v[0])) return 0;
  if (v[0].tag == SL_V_FLOAT) { /* `limit -= 1` until `limit <= 0` */
    *limit = v[0].u.f > 0 ? (int64_t)fmin(ceil(v[0].u.f), 1e18) : 0;
    return 0;
  }
  if (v[0].tag != SL_V_INT && v[0].tag != SL_V_BOOL)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'<=' not supported between instances of '%s' and 'int'",
                    sl_type_name(v[0]));
  *limit = v[0].tag == SL_V_BOOL ? v[0].u.b : v[0].u.i > 0 ? v[0].u.i : 0;
  return 0;
}

/* The task's suspended coroutine (borrowed), NULL when it has finished;
 * -1 with NotImplementedError for the cases this file refuses. */
static int suspended_coro(sl_rt *rt, sl_task *t, const char *what, sl_obj **out) {
  *out = NULL;
  sl_obj *coro = t->coro;
  bool native = !coro || coro->type != &sl_vmcoro_type;
  if (native && !sl_future_done(&t->fut.hdr))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: Task.%s() of a task running a coroutine of asyncio's own "
                    "(such as asyncio.sleep) is not supported",
                    what);
  if (native) return 0;
  sl_vmcoro *g = (sl_vmcoro *)coro;
  if (g->running)
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: Task.%s() of the running task is not supported (CPython's "
                    "stack would hold asyncio's own frames); call it from another task",
                    what);
  if (g->frame) *out = coro;
  return 0;
}

/* The exception whose traceback is the stack of a failed task, or NULL
 * (a cancelled task keeps no _exception). */
static sl_obj *failure(sl_task *t) {
  return t->fut.state == SL_FUTURE_FINISHED ? t->fut.exception : NULL;
}

static int task_get_stack(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  int64_t limit;
  sl_obj *coro;
  sl_task *t = sl_as_task(self.u.o);
  if (stack_args(rt, args, "get_stack", false, &limit, NULL) ||
      suspended_coro(rt, t, "get_stack", &coro))
    return -1;
  sl_obj *exc = coro ? NULL : failure(t);
  if (exc && sl_as_exc(exc)->ntb && limit != 0)
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: Task.get_stack() of a failed task is not supported (its "
                    "frames are gone); Task.print_stack() shows them");
  sl_obj *list = sl_list_new(rt, NULL, 0);
  if (!list) return -1;
  if (coro && limit != 0) {
    sl_value frame;
    int rc = sl__coro_frame_attr(rt, coro, "cr_frame", &frame);
    if (rc > 0) {
      rc = sl_list_append(rt, list, frame);
      sl_vdecref(rt, frame);
    }
    if (rc < 0) {
      sl_decref(rt, list);
      return -1;
    }
  }
  *out = sl_obj_val(list);
  return 0;
}

/* print(text, end='', file=file), as _task_print_stack prints (file None:
 * sys.stdout, whatever the program made it), through the builtin print. */
static int print_text(sl_rt *rt, sl_value file, const sl_strbuf *text) {
  if (text->failed) return sl_nomem(rt);
  sl_value print = sl_undef(), r;
  bool found = false;
  sl_obj *s = sl_str_new(rt, text->data ? text->data : "", text->len);
  sl_obj *kw[2] = {s ? sl_str_new(rt, "end", 3) : NULL, NULL};
  sl_obj *empty = kw[0] && (kw[1] = sl_str_new(rt, "file", 4)) ? sl_str_new(rt, "", 0) : NULL;
  int rc = empty ? sl_dict_get_str(rt, sl_builtins_dict(rt), "print", &print, &found) : -1;
  if (!rc && found) {
    sl_value pos[1] = {sl_obj_val(s)}, kwvals[2] = {sl_obj_val(empty), file};
    sl_args a = {pos, 1, kwvals, kw, 2};
    rc = sl_vm_call(rt, print, &a, &r);
    if (!rc) sl_vdecref(rt, r);
  }
  sl_vdecref(rt, print);
  sl_decref(rt, s);
  sl_decref(rt, kw[0]);
  sl_decref(rt, kw[1]);
  sl_decref(rt, empty);
  return rc;
}

/* traceback.print_list(frames, file=file): file None is sys.stderr. */
static int print_list(sl_rt *rt, sl_value file, const sl_strbuf *frames) {
  if (!sl_is_none(file)) return print_text(rt, file, frames);
  sl_value sys, err;
  if (sl_vm_import(rt, "sys", &sys)) return -1;
  int rc = sl_vm_getattr(rt, sys, "stderr", &err);
  sl_vdecref(rt, sys);
  if (rc) return -1;
  rc = print_text(rt, err, frames);
  sl_vdecref(rt, err);
  return rc;
}

/* The stack as traceback.print_list formats it: the suspended frame, or
 * the failed task's traceback from the outermost frame, at most `limit`
 * frames (-1: all). */
static void format_stack(sl_rt *rt, sl_obj *coro, sl_obj *exc, int64_t limit, sl_strbuf *out) {
  if (coro && limit != 0) {
    sl_vmcoro *g = (sl_vmcoro *)coro;
    sl_code *c = sl_as_code(g->code);
    int line = sl_frame_line(g->frame);
    sl__vm_format_frame(rt, sl_str_cstr(c->filename), line > 0 ? line : (int)c->firstline,
                        sl_str_cstr(c->name), out);
  }
  const sl_exc *e = exc ? sl_as_exc(exc) : NULL;
  for (size_t i = e ? e->ntb : 0, n = 0; i-- > 0 && (limit < 0 || (int64_t)n < limit); n++)
    sl__vm_format_frame(rt, sl_str_cstr(e->tb[i].file), e->tb[i].line, sl_str_cstr(e->tb[i].func),
                        out);
}

static int task_print_stack(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  int64_t limit;
  sl_value file;
  sl_obj *coro;
  sl_task *t = sl_as_task(self.u.o);
  if (stack_args(rt, args, "print_stack", true, &limit, &file) ||
      suspended_coro(rt, t, "print_stack", &coro))
    return -1;
  sl_obj *exc = coro ? NULL : failure(t);
  sl_strbuf head = SL_STRBUF_INIT, frames = SL_STRBUF_INIT, last = SL_STRBUF_INIT;
  format_stack(rt, coro, exc, limit, &frames);
  sl_strbuf_puts(&head, !frames.len ? "No stack for " : exc ? "Traceback for " : "Stack for ");
  int rc = sl_vm_repr(rt, self, &head);
  sl_strbuf_puts(&head, frames.len ? " (most recent call last):\n" : "\n");
  if (!rc) rc = print_text(rt, file, &head);
  if (!rc && frames.len) rc = print_list(rt, file, &frames);
  if (!rc && exc) {
    rc = sl_vm_format_exception_only(rt, exc, &last);
    if (!rc) rc = print_text(rt, file, &last);
  }
  sl_strbuf_free(&head);
  sl_strbuf_free(&frames);
  sl_strbuf_free(&last);
  if (!rc) *out = sl_none();
  return rc;
}

const sl_cfunc_def sl__aio_task_stack_methods[] = {
    {"Task.get_stack", task_get_stack, NULL, SL_CANON_LABEL},
    {"Task.print_stack", task_print_stack, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* Future._state, the private attribute programs print to show where a
 * task is ('PENDING', 'CANCELLED', 'FINISHED': futures.py's constants). 1. */
int sl__aio_future_state(sl_rt *rt, sl_obj *fut, sl_value *out) {
  static const char *const names[] = {"PENDING", "CANCELLED", "FINISHED"};
  int state = sl_future_cancelled(fut) ? 1 : sl_future_done(fut) ? 2 : 0;
  sl_obj *s = sl_str_from_cstr(rt, names[state]);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 1;
}
