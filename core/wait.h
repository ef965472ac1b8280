/* asyncio.wait and the _release_waiter helper: mirror Lib/asyncio/tasks.py
 * wait(), _wait(), _release_waiter(). */
#ifndef SL_WAIT_H
#define SL_WAIT_H

#include "core/object.h"

/* return_when values (asyncio.FIRST_COMPLETED, ... are these strings). */
#define SL_FIRST_COMPLETED "FIRST_COMPLETED"
#define SL_FIRST_EXCEPTION "FIRST_EXCEPTION"
#define SL_ALL_COMPLETED   "ALL_COMPLETED"

/* The coroutine of wait(fs, timeout=timeout, return_when=return_when):
 * everything is checked when it runs, as in CPython (it is `async def`).
 * `fs` is a list, tuple or set of futures; timeout None or a number;
 * return_when one of the strings above. Returns the tuple (done, pending)
 * of sets. All arguments borrowed; new reference. */
sl_obj *sl_wait(sl_rt *rt, sl_value fs, sl_value timeout, sl_value return_when);

/* tasks._release_waiter as a plain callable (the TimerHandle form,
 * called with the waiter), and functools.partial(_release_waiter, waiter)
 * (the done-callback form). New references. */
sl_obj *sl_release_waiter_fn(sl_rt *rt);
sl_obj *sl_release_waiter_partial(sl_rt *rt, sl_obj *waiter);

/* The items of a list, tuple, set or frozenset (borrowed view, or a new
 * list in *owned for sets). TypeError for anything else, naming `what`. */
int sl__seq_view(sl_rt *rt, sl_value v, const sl_value **items, size_t *n, sl_obj **owned);

#endif
