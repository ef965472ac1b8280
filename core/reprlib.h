/* reprlib.repr: the shortened repr asyncio's Future/Task reprs show for a
 * result (base_futures._future_repr_info calls reprlib.repr(result)).
 *
 * Mirrors Lib/reprlib.py's Repr with its defaults: strings of more than 30
 * characters and ints of more than 40 digits are cut in the middle with
 * "...", containers show at most 6 items (dicts 4) and 6 levels, sets and
 * dict keys are sorted when they can be, and any other value's repr is cut
 * to 30 characters. */
#ifndef SL_REPRLIB_H
#define SL_REPRLIB_H

#include "core/object.h"
#include "core/strbuf.h"

/* Appends reprlib.repr(v) to out. Returns 0, or -1 with an exception set
 * (only out of memory: reprlib swallows a failing __repr__). */
int sl_reprlib(sl_rt *rt, sl_value v, sl_strbuf *out);

#endif
