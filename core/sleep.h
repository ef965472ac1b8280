/* asyncio.sleep: mirrors Lib/asyncio/tasks.py sleep(). */
#ifndef SL_SLEEP_H
#define SL_SLEEP_H

#include "core/object.h"

/* The coroutine object of `asyncio.sleep(delay, result)` (new reference). */
sl_obj *sl_sleep(sl_rt *rt, double delay, sl_value result);
/* The same for a delay that is not a number: the coroutine fails when it
 * starts, as `delay <= 0` does in CPython (not when sleep() is called). */
sl_obj *sl_sleep_bad_delay(sl_rt *rt, sl_value delay, sl_value result);
/* The coroutine of `await __sleep0()` (a bare yield; used by sleep(0)). */
sl_obj *sl_sleep0(sl_rt *rt);
/* Whether `o` is a sleep coroutine not yet started whose delay is <= 0
 * and result None: awaiting it yields None once and returns None, which
 * sl_await_bare_yield does without running it. If so, `o` is marked
 * finished (as if it had run), for a caller that holds its only reference
 * and drops it. */
bool sl_sleep_take_bare_yield(sl_obj *o);
/* `await asyncio.sleep(delay, result)` with a plain number delay > 0,
 * awaited in place by the awaiter aw (idle; the awaiting frame's) without
 * the coroutine, whose first pass it runs: the future made and the
 * TimerHandle scheduled as that pass makes them, then aw suspended on the
 * future (sl_await_future_then) with the rest, `finally: h.cancel()`, run
 * when the future's outcome arrives or an exception is thrown in. 0, or
 * -1 with the error (out of memory). */
int sl_sleep_now(sl_rt *rt, double delay, sl_value result, sl_awaiter *aw);
/* futures._set_result_unless_cancelled as a callable: the loop's one
 * object (new reference), NULL when out of memory. */
sl_obj *sl_set_result_unless_cancelled_fn(sl_rt *rt);

#endif
