/* asyncio.run: mirrors Lib/asyncio/runners.py (Runner.run, Runner.close,
 * _cancel_all_tasks), step for step. */
#ifndef SL_RUNNER_H
#define SL_RUNNER_H

#include <stdbool.h>

#include "core/object.h"

/* Runs `coro` (borrowed) as the main task, then shuts the loop down as
 * asyncio.run does. 0 and *out = main's result, or -1 with main's exception
 * raised (or rt->fatal set: deadlock, budget, out of memory). */
int sl_asyncio_run(sl_rt *rt, sl_obj *coro, sl_value *out);

/* Runner.close() on the engine loop: cancel the remaining tasks and wait
 * for them, shutdown_asyncgens(), shutdown_default_executor() (3.12+ with
 * THREAD_JOIN_TIMEOUT), close the loop. 0 or -1. */
int sl_runner_close(sl_rt *rt);
/* loop.shutdown_asyncgens() (executor false) or
 * loop.shutdown_default_executor(timeout) (timeout borrowed: None or a
 * number, 3.12+): a new coroutine returning None. */
sl_obj *sl_runner_shutdown_coro(sl_rt *rt, bool executor, sl_value timeout);

#endif
