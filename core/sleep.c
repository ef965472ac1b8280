/* asyncio.sleep (see sleep.h). Mirrors Lib/asyncio/tasks.py:
 *
 *   if delay <= 0: await __sleep0(); return result
 *   future = loop.create_future()
 *   h = loop.call_later(delay, futures._set_result_unless_cancelled, future, result)
 *   try: return await future
 *   finally: h.cancel()
 */
#include "core/sleep.h"

#include <math.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/handle.h"
#include "core/loop.h"
#include "core/rt.h"

enum { SLOT_RESULT, SLOT_FUTURE, SLOT_HANDLE, SLOT_BAD_DELAY, SLOT_COUNT };

static int set_result_unless_cancelled(sl_rt *rt, sl_value self, const sl_args *args,
                                       sl_value *out) {
  return sl_future_set_result_unless_cancelled(rt, args->pos[0].u.o, args->pos[1]);
}

static const sl_cfunc_def set_result_unless_cancelled_def = {
    "_set_result_unless_cancelled", set_result_unless_cancelled, "sleep", SL_CANON_ARG0};

sl_obj *sl_set_result_unless_cancelled_fn(sl_rt *rt) {
  /* Made once per loop (dropped when it closes), not once per sleep: a
   * program cannot reach it (handles expose no _callback; its repr names
   * no address), and CPython's is one module function anyway. */
  sl_loop *loop = rt->loop;
  if (!loop->set_result_unless_cancelled) {
    loop->set_result_unless_cancelled =
        sl_cfunc_new(rt, &set_result_unless_cancelled_def, sl_undef());
    if (!loop->set_result_unless_cancelled) return NULL;
  }
  sl_incref(loop->set_result_unless_cancelled);
  return loop->set_result_unless_cancelled;
}

/* `future = loop.create_future(); h = loop.call_later(delay,
 * futures._set_result_unless_cancelled, future, result)` for a delay > 0:
 * 0 with *fut and *h (new references), or -1 (out of memory). In line in
 * both callers: the in-place sleep (sl_sleep_now) then has one frame, and
 * its results stay in registers. */
static inline __attribute__((always_inline)) int
sleep_schedule(sl_rt *rt, double delay, sl_value result, sl_obj **fut, sl_obj **h) {
  /* The result goes to its argument slot before the call: it then needs
   * no saved register across it. */
  sl_value args[2];
  args[1] = result;
  sl_obj *f = sl_future_new(rt);
  if (!f) return -1;
  /* The loop's (made on the first sleep), borrowed: the handle takes its own. */
  sl_obj *cb = rt->loop->set_result_unless_cancelled;
  if (!cb) {
    if (!(cb = sl_set_result_unless_cancelled_fn(rt))) {
      sl_decref(rt, f);
      return -1;
    }
    sl_decref(rt, cb);
  }
  args[0] = sl_obj_val(f);
  *h = sl_loop_call_later(rt, delay, sl_obj_val(cb), args, 2);
  if (!*h) {
    sl_decref(rt, f);
    return -1;
  }
  *fut = f;
  return 0;
}

static sl_coro_status sleep_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    double delay = co->local.sleep_delay;
    if (!sl_is_undef(co->slots[SLOT_BAD_DELAY])) { /* `delay <= 0` on a non-number */
      sl_raise(rt, SL_EXC_TYPE_ERROR, "'<=' not supported between instances of '%s' and 'int'",
               sl_type_name(co->slots[SLOT_BAD_DELAY]));
      return SL_CORO_ERROR;
    }
    if (delay <= 0) return sl_ccoro_yield_none(co, 1, out);
    if (isnan(delay) && rt->profile->sleep_nan_error) {
      sl_raise(rt, SL_EXC_VALUE_ERROR, "Invalid delay: NaN (not a number)");
      return SL_CORO_ERROR;
    }
    sl_obj *fut, *h;
    if (sleep_schedule(rt, delay, co->slots[SLOT_RESULT], &fut, &h)) return SL_CORO_ERROR;
    co->slots[SLOT_FUTURE] = sl_obj_val(fut);
    co->slots[SLOT_HANDLE] = sl_obj_val(h);
    return sl_ccoro_await(rt, co, co->slots[SLOT_FUTURE], 2, out);
  }
  case 1: /* after the bare yield */
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_vincref(co->slots[SLOT_RESULT]);
    return SL_CORO_RETURN;
  case 2: { /* finally: h.cancel() */
    sl_obj *h = co->slots[SLOT_HANDLE].u.o;
    /* The coroutine is done with it, and nothing but the heap (a timer
     * cancelled before it was due) can still hold it: when this was the
     * last reference, the loop keeps it as its spare handle. */
    co->slots[SLOT_HANDLE] = sl_undef();
    sl__handle_cancel_done(rt, h);
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_ccoro_take_result(co);
    return SL_CORO_RETURN;
  }
  }
  return SL_CORO_ERROR;
}

/* Point 1: `await __sleep0()` (pc 1), point 2: `await future` (pc 2). */
static int sleep_suspended_at(const sl_ccoro *co) { return co->pc; }

static const sl_ccoro_def sleep_def = {"sleep", sleep_resume, sleep_suspended_at};

/* `finally: h.cancel()` after `return await future`, for a sleep awaited
 * in place (sl_sleep_now): aw->then_self is the TimerHandle, st and *out what the
 * await gave (the future's result, or what was raised or thrown in),
 * which is what the coroutine returns or raises. */
static sl_coro_status sleep_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                 sl_value *out) {
  (void)out;
  /* The awaiter's reference, which was the coroutine's: as there, the
   * loop may keep the handle as its spare. No argument (then_arg undef). */
  sl__handle_cancel_done(rt, aw->then_self);
  sl_decref(rt, fut);
  return st;
}

int sl_sleep_now(sl_rt *rt, double delay, sl_value result, sl_awaiter *aw) {
  sl_obj *fut, *h;
  if (sleep_schedule(rt, delay, result, &fut, &h)) return -1;
  sl__await_future_then_taking(aw, fut, sleep_then, h);
  return 0;
}

bool sl_sleep_take_bare_yield(sl_obj *o) {
  if (o->type != &sl_ccoro_type) return false;
  sl_ccoro *co = (sl_ccoro *)o;
  /* The delay first: a sleep with one > 0 is the one that gets here. */
  if (co->def != &sleep_def || !(co->local.sleep_delay <= 0) || co->pc != 0 || co->finished ||
      !sl_is_undef(co->slots[SLOT_BAD_DELAY]) || !sl_is_none(co->slots[SLOT_RESULT]))
    return false;
  /* It holds no reference (its result is None, nothing else is set), so
   * there is nothing left to clear. */
  co->finished = true;
  return true;
}

sl_obj *sl_sleep(sl_rt *rt, double delay, sl_value result) {
  sl_obj *co = sl_ccoro_new_sized(rt, &sleep_def, SLOT_COUNT, &result, 1);
  if (co) ((sl_ccoro *)co)->local.sleep_delay = delay;
  return co;
}

sl_obj *sl_sleep_bad_delay(sl_rt *rt, sl_value delay, sl_value result) {
  sl_value slots[SLOT_COUNT] = {result, sl_undef(), sl_undef(), delay};
  return sl_ccoro_new_sized(rt, &sleep_def, SLOT_COUNT, slots, SLOT_COUNT);
}

static sl_coro_status sleep0_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sl_ccoro_yield_none(co, 1, out);
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}

static const sl_ccoro_def sleep0_def = {"__sleep0", sleep0_resume, NULL};

sl_obj *sl_sleep0(sl_rt *rt) { return sl_ccoro_new_sized(rt, &sleep0_def, 0, NULL, 0); }
