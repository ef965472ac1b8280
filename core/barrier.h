/* Barrier: mirrors Lib/asyncio/locks.py Barrier (3.11-3.14; the only
 * difference, the ValueError text of Barrier(0), is the profile switch
 * barrier_parties_ge1_message).
 *
 * A Barrier owns a Condition (its `_cond`), whose lock every wait(),
 * reset() and abort() takes with `async with`, exactly as CPython does, so
 * the futures, handles and wake-ups are CPython's. Methods that CPython
 * defines with `async def` return a new C coroutine (sl_ccoro) to be
 * awaited; objects returned are new references, arguments are borrowed.
 *
 * repr: CPython's text without the address, as for Lock:
 * `<asyncio.locks.Barrier object [filling, waiters:1/3]>` (CPython 3.11-3.14:
 * `<asyncio.locks.Barrier object at 0x7f... [filling, waiters:1/3]>`),
 * `[broken]` alone once aborted. */
#ifndef SL_BARRIER_H
#define SL_BARRIER_H

#include "core/object.h"

extern const sl_type sl_barrier_type;

/* locks.py _BarrierState; the names are the enum's values ('filling', ...),
 * which the repr prints. */
typedef enum sl_barrier_state {
  SL_BARRIER_FILLING,
  SL_BARRIER_DRAINING,
  SL_BARRIER_RESETTING,
  SL_BARRIER_BROKEN,
} sl_barrier_state;

typedef struct sl_barrier {
  sl_obj hdr;
  sl_obj *cond;           /* owned sl_condition: _cond (with its own Lock) */
  sl_value parties;       /* owned: _parties, any value with `< 1` and `==` */
  sl_barrier_state state; /* _state */
  int64_t count;          /* _count: tasks inside wait() past _block() */
} sl_barrier;

/* Barrier(parties): ValueError('parties must be > 0') when parties < 1
 * ('parties must be >= 1' from 3.13), or the TypeError of `parties < 1`.
 * NULL with the exception raised (or rt->fatal). */
sl_obj *sl_barrier_new(sl_rt *rt, sl_value parties);
/* wait() coroutine: returns the index 0..parties-1 (an int), or raises
 * BrokenBarrierError('Barrier aborted') / ('Abort or reset of barrier'). */
sl_obj *sl_barrier_wait(sl_rt *rt, sl_obj *barrier);
/* reset() and abort() coroutines (return None). */
sl_obj *sl_barrier_reset(sl_rt *rt, sl_obj *barrier);
sl_obj *sl_barrier_abort(sl_rt *rt, sl_obj *barrier);
/* The properties: n_waiting is _count while FILLING, else 0. */
int64_t sl_barrier_n_waiting(const sl_obj *barrier);
static inline bool sl_barrier_broken(const sl_obj *barrier) {
  return ((const sl_barrier *)barrier)->state == SL_BARRIER_BROKEN;
}
/* The state's name as _BarrierState.value: "filling", "draining", ... */
const char *sl_barrier_state_name(sl_barrier_state state);

#endif
