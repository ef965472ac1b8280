/* asyncio.gather: mirrors Lib/asyncio/tasks.py gather() and
 * _GatheringFuture. */
#ifndef SL_GATHER_H
#define SL_GATHER_H

#include "core/object.h"

extern const sl_type sl_gathering_future_type;

/* gather(*aws, return_exceptions=...): `aws` borrowed. New reference to the
 * outer future, NULL with an exception raised. */
sl_obj *sl_gather(sl_rt *rt, const sl_value *aws, size_t n, bool return_exceptions);

#endif
