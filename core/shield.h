/* asyncio.shield: mirrors Lib/asyncio/tasks.py shield(). */
#ifndef SL_SHIELD_H
#define SL_SHIELD_H

#include "core/object.h"

/* shield(arg): `arg` borrowed (a future, or a coroutine wrapped in a new
 * task). Returns inner itself when already done, else the outer future.
 * New reference; NULL with an exception raised. */
sl_obj *sl_shield(sl_rt *rt, sl_value arg);

#endif
