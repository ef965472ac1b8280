/* Mirrors Lib/asyncio/tasks.py wait() and _wait() (identical in 3.11-3.14
 * apart from 3.14's awaited-by bookkeeping, which schedules nothing), and
 * _release_waiter. The _on_completion closure is a cfunc bound to the
 * wait coroutine itself, whose slots hold what the closure captured. */
#include "core/long.h"
#include "core/wait.h"

#include <math.h>
#include <string.h>

#include "core/cfunc.h"
#include "core/alloc.h"
#include "core/dedup.h"
#include "core/coro.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* _release_waiter(waiter, *args): if not waiter.done(): set_result(None) */
static int release_waiter(sl_rt *rt, sl_obj *waiter) {
  if (sl_future_done(waiter)) return 0;
  return sl_future_set_result(rt, waiter, sl_none());
}

static int release_waiter_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (!args->npos || !sl_is_future(args->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "_release_waiter() needs a future");
  return release_waiter(rt, args->pos[0].u.o);
}

static int release_waiter_partial(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return release_waiter(rt, self.u.o);
}

static const sl_cfunc_def release_waiter_def = {"_release_waiter", release_waiter_fn,
                                                "release_waiter", SL_CANON_ARG0};
static const sl_cfunc_def release_waiter_partial_def = {
    "functools.partial(_release_waiter)", release_waiter_partial, "release_waiter", SL_CANON_SELF};

sl_obj *sl_release_waiter_fn(sl_rt *rt) {
  return sl_cfunc_new(rt, &release_waiter_def, sl_undef());
}

sl_obj *sl_release_waiter_partial(sl_rt *rt, sl_obj *waiter) {
  return sl_cfunc_new(rt, &release_waiter_partial_def, sl_obj_val(waiter));
}

int sl__seq_view(sl_rt *rt, sl_value v, const sl_value **items, size_t *n, sl_obj **owned) {
  *owned = NULL;
  if (sl_is_type(v, &sl_tuple_type)) {
    *items = sl_as_tuple(v.u.o)->items;
    *n = sl_as_tuple(v.u.o)->len;
    return 0;
  }
  if (sl_is_type(v, &sl_list_type)) {
    *items = sl_as_list(v.u.o)->items;
    *n = sl_as_list(v.u.o)->len;
    return 0;
  }
  if (sl_is_type(v, &sl_set_type) || sl_is_type(v, &sl_frozenset_type)) {
    sl_obj *list = sl_list_new(rt, NULL, 0);
    if (!list) return -1;
    size_t pos = 0;
    sl_value key;
    while (sl_set_next(v.u.o, &pos, &key))
      if (sl_list_append(rt, list, key)) {
        sl_decref(rt, list);
        return -1;
      }
    *owned = list;
    *items = sl_as_list(list)->items;
    *n = sl_as_list(list)->len;
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not iterable", sl_type_name(v));
}

enum { W_FS, W_TIMEOUT, W_WHEN, W_WAITER, W_HANDLE, W_CB, W_MODE };
enum { MODE_FIRST_COMPLETED, MODE_FIRST_EXCEPTION, MODE_ALL_COMPLETED };

/* _wait.<locals>._on_completion(f); self is the wait coroutine. */
static int on_completion(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_ccoro *co = (sl_ccoro *)self.u.o;
  sl_obj *f = args->pos[0].u.o;
  if (co->finished) return 0; /* cannot happen: callbacks are removed first */
  co->local.wait_counter -= 1;
  int64_t mode = co->slots[W_MODE].u.i;
  bool wake = co->local.wait_counter <= 0 || mode == MODE_FIRST_COMPLETED;
  if (!wake && mode == MODE_FIRST_EXCEPTION && !sl_future_cancelled(f)) {
    sl_obj *exc = NULL;
    if (sl_future_exception(rt, f, &exc)) return -1;
    wake = exc != NULL;
    sl_decref(rt, exc);
  }
  if (!wake) return 0;
  if (sl_is_obj(co->slots[W_HANDLE])) sl_handle_cancel(rt, co->slots[W_HANDLE].u.o);
  return release_waiter(rt, co->slots[W_WAITER].u.o);
}

static const sl_cfunc_def on_completion_def = {"_wait.<locals>._on_completion", on_completion,
                                               "wait.on_completion", SL_CANON_ARG0};

/* Validation and set(fs): the body of wait() before `await _wait(...)`.
 * Leaves the de-duplicated futures as a tuple in slot W_FS. */
static int wait_prepare(sl_rt *rt, sl_ccoro *co) {
  sl_value fs = co->slots[W_FS];
  if (sl_is_future(fs) || sl_is_coro(fs))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expect a list of futures, not %s", sl_type_name(fs));
  const sl_value *items;
  size_t n;
  sl_obj *owned;
  if (sl__seq_view(rt, fs, &items, &n, &owned)) return -1;
  int rc = -1;
  sl_obj *uniq = NULL;
  size_t *first = NULL;
  if (n == 0) {
    sl_raise(rt, SL_EXC_VALUE_ERROR, "Set of Tasks/Futures is empty.");
    goto out;
  }
  sl_value when = co->slots[W_WHEN];
  static const char *const modes[] = {SL_FIRST_COMPLETED, SL_FIRST_EXCEPTION, SL_ALL_COMPLETED};
  int64_t mode = -1;
  for (int i = 0; i < 3; i++)
    if (sl_is_str(when) && strcmp(sl_str_cstr(when.u.o), modes[i]) == 0) mode = i;
  if (mode < 0) {
    sl_strbuf text = SL_STRBUF_INIT;
    sl_str(rt, when, &text);
    sl_raise(rt, SL_EXC_VALUE_ERROR, "Invalid return_when value: %s", sl_strbuf_cstr(&text));
    sl_strbuf_free(&text);
    goto out;
  }
  /* fs = set(fs): identity de-duplication, first occurrence order (the
   * oracle pins CPython's set to insertion order). */
  first = sl_first_occurrences(items, n);
  uniq = first ? sl_list_new(rt, NULL, 0) : NULL;
  if (!uniq) {
    if (!first) sl_nomem(rt);
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    if (first[i] == i && sl_list_append(rt, uniq, items[i])) goto out;
  for (size_t i = 0; i < sl_as_list(uniq)->len; i++)
    if (sl_is_coro(sl_as_list(uniq)->items[i])) {
      sl_raise(rt, SL_EXC_TYPE_ERROR, "Passing coroutines is forbidden, use tasks explicitly.");
      goto out;
    }
  for (size_t i = 0; i < sl_as_list(uniq)->len; i++)
    if (!sl_is_future(sl_as_list(uniq)->items[i])) {
      sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute 'add_done_callback'",
               sl_type_name(sl_as_list(uniq)->items[i]));
      goto out;
    }
  sl_obj *tuple = sl_tuple_new(rt, sl_as_list(uniq)->items, sl_as_list(uniq)->len);
  if (!tuple) goto out;
  sl_vset(rt, &co->slots[W_FS], sl_obj_val(tuple));
  sl_vset(rt, &co->slots[W_MODE], sl_int(mode));
  rc = 0;
out:
  sl_free(first);
  sl_decref(rt, uniq);
  sl_decref(rt, owned);
  return rc;
}

static sl_coro_status wait_start(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (wait_prepare(rt, co)) return SL_CORO_ERROR;
  sl_tuple *fs = sl_as_tuple(co->slots[W_FS].u.o);
  sl_obj *waiter = sl_future_new(rt);
  if (!waiter) return SL_CORO_ERROR;
  co->slots[W_WAITER] = sl_obj_val(waiter);
  sl_value timeout = sl_num_unbox(co->slots[W_TIMEOUT]);
  if (!sl_is_none(timeout)) {
    double d;
    if (timeout.tag == SL_V_FLOAT)
      d = timeout.u.f;
    else if (timeout.tag == SL_V_INT)
      d = (double)timeout.u.i;
    else if (timeout.tag == SL_V_BOOL)
      d = timeout.u.b;
    else {
      sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported operand type(s) for +: 'float' and '%s'",
               sl_type_name(timeout));
      return SL_CORO_ERROR;
    }
    sl_obj *fn = sl_release_waiter_fn(rt);
    sl_value arg = co->slots[W_WAITER];
    sl_obj *h = fn ? sl_loop_call_later(rt, d, sl_obj_val(fn), &arg, 1) : NULL;
    sl_decref(rt, fn);
    if (!h) return SL_CORO_ERROR;
    co->slots[W_HANDLE] = sl_obj_val(h);
  }
  co->local.wait_counter = (int64_t)fs->len;
  sl_obj *cb = sl_cfunc_new(rt, &on_completion_def, sl_obj_val(&co->hdr));
  if (!cb) return SL_CORO_ERROR;
  co->slots[W_CB] = sl_obj_val(cb);
  for (size_t i = 0; i < fs->len; i++)
    if (sl_future_add_done_callback(rt, fs->items[i].u.o, co->slots[W_CB])) return SL_CORO_ERROR;
  return sl_ccoro_await(rt, co, co->slots[W_WAITER], 1, out);
}

/* After `await waiter`: finally (cancel the timer, remove the callbacks),
 * then split fs into done and pending. */
static sl_coro_status wait_finish(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_tuple *fs = sl_as_tuple(co->slots[W_FS].u.o);
  if (co->failed && rt->fatal) return SL_CORO_ERROR;
  sl_obj *exc = co->failed ? sl_err_fetch(rt) : NULL;
  if (sl_is_obj(co->slots[W_HANDLE])) sl_handle_cancel(rt, co->slots[W_HANDLE].u.o);
  for (size_t i = 0; i < fs->len; i++)
    if (sl_future_remove_done_callback(rt, fs->items[i].u.o, co->slots[W_CB]) < 0) {
      sl_decref(rt, exc);
      return SL_CORO_ERROR;
    }
  /* Break the cycle coroutine -> callback -> coroutine now. */
  sl_vset(rt, &co->slots[W_CB], sl_undef());
  if (exc) {
    sl_err_restore(rt, exc);
    return SL_CORO_ERROR;
  }
  sl_value ignored = sl_ccoro_take_result(co);
  sl_vdecref(rt, ignored);
  sl_obj *done = sl_set_new(rt);
  sl_obj *pending = done ? sl_set_new(rt) : NULL;
  sl_obj *pair = NULL;
  if (!pending) goto fail;
  for (size_t i = 0; i < fs->len; i++)
    if (sl_set_add(rt, sl_future_done(fs->items[i].u.o) ? done : pending, fs->items[i])) goto fail;
  sl_value both[2] = {sl_obj_val(done), sl_obj_val(pending)};
  pair = sl_tuple_new(rt, both, 2);
  if (!pair) goto fail;
  sl_decref(rt, done);
  sl_decref(rt, pending);
  *out = sl_obj_val(pair);
  return SL_CORO_RETURN;
fail:
  sl_decref(rt, done);
  sl_decref(rt, pending);
  return SL_CORO_ERROR;
}

static sl_coro_status wait_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  return co->pc == 0 ? wait_start(rt, co, out) : wait_finish(rt, co, out);
}

static const sl_ccoro_def wait_def = {"wait", wait_resume, NULL};

sl_obj *sl_wait(sl_rt *rt, sl_value fs, sl_value timeout, sl_value return_when) {
  sl_value slots[3] = {fs, timeout, return_when};
  return sl_ccoro_new(rt, &wait_def, slots, 3);
}
