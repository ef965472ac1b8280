/* The scenario language's binding of asyncio's synchronisation primitives
 * and combinators (core/locks.h, queues.h, timeouts.h, taskgroup.h,
 * shield.h, wait.h, wait_for.h, as_completed.h, barrier.h). */
#ifndef SL_LANG_ASYNCIO_SYNC_H
#define SL_LANG_ASYNCIO_SYNC_H

#include "core/object.h"

/* Adds shield, wait, wait_for, as_completed, timeout, timeout_at, the
 * queue exceptions (QueueShutDown only for profiles that have it),
 * BrokenBarrierError and the return_when constants to the asyncio module's
 * dict (borrowed). 0 or -1. The classes (TaskGroup, Queue, Lock, ...) are
 * type objects added by asyncio_objs.c; their constructors are here. */
int sl_asyncio_bind_sync(sl_rt *rt, sl_obj *module_dict);

#endif
