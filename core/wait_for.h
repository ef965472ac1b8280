/* asyncio.wait_for: mirrors Lib/asyncio/tasks.py wait_for() and
 * _cancel_and_wait(). 3.11 runs the awaitable in its own task with a
 * _release_waiter timer; 3.12+ awaits it inline under timeouts.timeout()
 * (profile switch wait_for_uses_timeout). */
#ifndef SL_WAIT_FOR_H
#define SL_WAIT_FOR_H

#include "core/object.h"

/* The coroutine of wait_for(fut, timeout): arguments borrowed; new ref. */
sl_obj *sl_wait_for(sl_rt *rt, sl_value fut, sl_value timeout);
/* The coroutine of _cancel_and_wait(fut). */
sl_obj *sl_cancel_and_wait(sl_rt *rt, sl_obj *fut);

#endif
