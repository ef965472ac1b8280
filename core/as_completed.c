/* Mirrors Lib/asyncio/tasks.py as_completed(): ≤3.12 a generator whose
 * body (Queue, ensure_future, callbacks, timer) runs at the first next();
 * 3.13+ _AsCompletedIterator doing the same in __init__. Callbacks are
 * cfuncs bound to this object; `todo` keeps insertion order (the oracle
 * pins CPython's set(fs) to it). */
#include "core/long.h"
#include "core/as_completed.h"

#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dedup.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/loop.h"
#include "core/queues.h"
#include "core/rt.h"
#include "core/task.h"
#include "core/tuple.h"
#include "core/wait.h"

static void ac_clear(sl_rt *rt, sl_obj *o) {
  sl_as_completed *a = (sl_as_completed *)o;
  sl_idset_clear(rt, &a->todo);
  sl_vset(rt, &a->fs, sl_none());
  sl_vset(rt, &a->timeout, sl_none());
  sl_obj *done = a->done, *h = a->handle;
  a->done = a->handle = NULL;
  sl_decref(rt, done);
  sl_decref(rt, h);
}

static void ac_release(sl_obj *o) { sl_idset_free(&((sl_as_completed *)o)->todo); }

const sl_type sl_as_completed_type = {.name = "_AsCompletedIterator",
                                      .clear = ac_clear,
                                      .release = ac_release,
                                      .size = sizeof(sl_as_completed)};

/* _on_completion(f) / _handle_completion(f) */
static int on_completion(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_as_completed *a = (sl_as_completed *)self.u.o;
  sl_obj *f = args->pos[0].u.o;
  if (!a->todo.len) return 0; /* _on_timeout() was here first. */
  sl_incref(f);
  if (!sl_idset_discard(rt, &a->todo, f)) {
    sl_decref(rt, f);
    return sl_raise(rt, SL_EXC_KEY_ERROR, "future not in todo"); /* set.remove */
  }
  int rc = sl_queue_put_nowait(rt, a->done, args->pos[0]);
  sl_decref(rt, f);
  if (rc) return -1;
  if (!a->todo.len && a->handle) sl_handle_cancel(rt, a->handle);
  return 0;
}

static const sl_cfunc_def on_completion_def = {"as_completed.<locals>._on_completion",
                                               on_completion, "as_completed.on_completion",
                                               SL_CANON_ARG0};

/* _on_timeout() / _handle_timeout(): every pending future loses its
 * callback and a None sentinel is queued for it. */
static int on_timeout(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_as_completed *a = (sl_as_completed *)self.u.o;
  sl_obj *cb = sl_cfunc_new(rt, &on_completion_def, self);
  if (!cb) return -1;
  int rc = 0;
  for (size_t i = 0; i < a->todo.norder && rc == 0; i++) {
    if (!a->todo.order[i]) continue;
    if (sl_future_remove_done_callback(rt, a->todo.order[i], sl_obj_val(cb)) < 0)
      rc = -1;
    else
      rc = sl_queue_put_nowait(rt, a->done, sl_none());
  }
  sl_decref(rt, cb);
  sl_idset_clear(rt, &a->todo); /* todo.clear() */
  return rc;
}

static const sl_cfunc_def on_timeout_def = {"as_completed.<locals>._on_timeout", on_timeout,
                                            "as_completed.on_timeout", SL_CANON_LABEL};

/* The body up to the first yield (≤3.12) / __init__ (3.13+). */
static int ac_start(sl_rt *rt, sl_as_completed *a) {
  a->started = true;
  sl_value fs = a->fs;
  if (sl_is_future(fs) || sl_is_coro(fs))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    rt->profile->as_completed_awaitables_message
                        ? "expects an iterable of awaitables, not %s"
                        : "expect an iterable of futures, not %s",
                    sl_type_name(fs));
  const sl_value *items;
  size_t n;
  sl_obj *owned;
  if (sl__seq_view(rt, fs, &items, &n, &owned)) return -1;
  int rc = -1;
  sl_obj *cb = NULL;
  size_t *first = NULL;
  a->done = sl_queue_new(rt, &sl_queue_type, sl_int(0));
  if (!a->done) goto out;
  /* todo = {ensure_future(f) for f in set(fs)}: one task per distinct
   * argument, created in argument order. */
  first = sl_first_occurrences(items, n);
  if (!first) {
    sl_nomem(rt);
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    if (first[i] != i) continue;
    sl_obj *f = sl_ensure_future(rt, items[i]);
    int added = f ? sl_idset_add(rt, &a->todo, f) : -1;
    sl_decref(rt, f);
    if (added) goto out;
  }
  cb = sl_cfunc_new(rt, &on_completion_def, sl_obj_val(&a->hdr));
  if (!cb) goto out;
  for (size_t i = 0; i < a->todo.norder; i++) /* no holes yet */
    if (sl_future_add_done_callback(rt, a->todo.order[i], sl_obj_val(cb))) goto out;
  if (a->todo.len && !sl_is_none(a->timeout)) {
    sl_value t = sl_num_unbox(a->timeout);
    double d = t.tag == SL_V_FLOAT ? t.u.f : t.tag == SL_V_INT ? (double)t.u.i : 0;
    if (t.tag != SL_V_FLOAT && t.tag != SL_V_INT) {
      sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported operand type(s) for +: 'float' and '%s'",
               sl_type_name(t));
      goto out;
    }
    sl_obj *tcb = sl_cfunc_new(rt, &on_timeout_def, sl_obj_val(&a->hdr));
    if (!tcb) goto out;
    a->handle = sl_loop_call_later(rt, d, sl_obj_val(tcb), NULL, 0);
    sl_decref(rt, tcb);
    if (!a->handle) goto out;
  }
  a->todo_left = a->todo.len;
  rc = 0;
out:
  sl_free(first);
  sl_decref(rt, cb);
  sl_decref(rt, owned);
  sl_vset(rt, &a->fs, sl_none());
  return rc;
}

sl_obj *sl_as_completed_new(sl_rt *rt, sl_value fs, sl_value timeout) {
  sl_obj *o = sl_obj_alloc(rt, &sl_as_completed_type);
  if (!o) return NULL;
  sl_as_completed *a = (sl_as_completed *)o;
  a->fs = sl_vincref(fs);
  a->timeout = sl_vincref(timeout);
  if (rt->profile->as_completed_iterator && ac_start(rt, a)) {
    sl_decref(rt, o);
    return NULL;
  }
  return o;
}

/* _wait_for_one(): f = await done.get(); None means the timeout fired. */
enum { WFO_STATE, WFO_GET }; /* slots: the as_completed state, done.get() */
static sl_coro_status wait_for_one_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_as_completed *a = (sl_as_completed *)co->slots[WFO_STATE].u.o;
    sl_obj *get = sl_queue_get(rt, a->done);
    if (!get) return SL_CORO_ERROR;
    co->slots[WFO_GET] = sl_obj_val(get);
    return sl_ccoro_await(rt, co, co->slots[WFO_GET], 1, out);
  }
  if (co->failed) return SL_CORO_ERROR;
  sl_value f = sl_ccoro_take_result(co);
  if (sl_is_none(f)) {
    sl_raise_noargs(rt, SL_EXC_TIMEOUT_ERROR);
    return SL_CORO_ERROR;
  }
  int rc = sl_future_result(rt, f.u.o, out); /* May raise f.exception(). */
  sl_vdecref(rt, f);
  return rc ? SL_CORO_ERROR : SL_CORO_RETURN;
}

static const sl_ccoro_def wait_for_one_gen_def = {"as_completed.<locals>._wait_for_one",
                                                  wait_for_one_resume, NULL};
static const sl_ccoro_def wait_for_one_iter_def = {"_AsCompletedIterator._wait_for_one",
                                                   wait_for_one_resume, NULL};

int sl_as_completed_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_as_completed *a = (sl_as_completed *)o;
  if (!a->started && ac_start(rt, a)) return -1;
  if (!a->todo_left) return 0;
  a->todo_left--;
  sl_value self = sl_obj_val(o);
  sl_obj *co = sl_ccoro_new(
      rt, rt->profile->as_completed_iterator ? &wait_for_one_iter_def : &wait_for_one_gen_def,
      &self, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 1;
}
