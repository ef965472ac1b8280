/* asyncio.to_thread on the simulated pool (core/pool.h). Mirrors
 * Lib/asyncio/threads.py:
 *     async def to_thread(func, /, *args, **kwargs):
 *         loop = events.get_running_loop()
 *         ctx = contextvars.copy_context()
 *         func_call = functools.partial(ctx.run, func, *args, **kwargs)
 *         return await loop.run_in_executor(None, func_call)
 * (simloop has no contextvars: the function is called directly). */
#include <string.h>

#include "core/alloc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/pool.h"
#include "core/rt.h"
#include "core/tuple.h"

/* Slots: the function, a tuple of the positional arguments, a tuple of
 * the keyword names and one of their values, then the future. */
enum { TT_FUNC, TT_ARGS, TT_KWNAMES, TT_KWVALS, TT_FUT };
enum { TT_START, TT_DONE };

/* run_in_executor(None, func, *args, **kwargs) from the slots. */
static int submit(sl_rt *rt, sl_ccoro *co, sl_value *fut) {
  sl_tuple *pos = sl_as_tuple(co->slots[TT_ARGS].u.o);
  sl_tuple *kn = sl_as_tuple(co->slots[TT_KWNAMES].u.o);
  sl_tuple *kv = sl_as_tuple(co->slots[TT_KWVALS].u.o);
  sl_obj **names = kn->len ? sl_malloc(kn->len * sizeof *names) : NULL;
  if (kn->len && !names) return sl_nomem(rt);
  for (size_t i = 0; i < kn->len; i++) names[i] = kn->items[i].u.o;
  sl_args a = {pos->items, pos->len, kv->items, names, kn->len};
  int rc = sl_pool_run_in_executor(rt, co->slots[TT_FUNC], &a, fut);
  sl_free(names);
  return rc;
}

static sl_coro_status to_thread(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  *out = sl_none();
  switch (co->pc) {
  case TT_START:
    if (sl__aio_running(rt)) return SL_CORO_ERROR;
    if (submit(rt, co, &co->slots[TT_FUT])) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[TT_FUT], TT_DONE, out);
  case TT_DONE:
    if (co->failed) return SL_CORO_ERROR;
    *out = sl_ccoro_take_result(co);
    return SL_CORO_RETURN;
  }
  return SL_CORO_ERROR;
}

static const sl_ccoro_def to_thread_def = {"to_thread", to_thread, NULL};

/* to_thread(func, /, *args, **kwargs): the coroutine, not yet started. */
static int aio_to_thread(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "to_thread() missing 1 required positional argument: 'func'");
  sl_value kn[args->nkw ? args->nkw : 1];
  for (size_t i = 0; i < args->nkw; i++) kn[i] = sl_obj_val(args->kwnames[i]);
  sl_obj *pos = sl_tuple_new(rt, args->pos + 1, args->npos - 1);
  sl_obj *names = pos ? sl_tuple_new(rt, kn, args->nkw) : NULL;
  sl_obj *vals = names ? sl_tuple_new(rt, args->kwvals, args->nkw) : NULL;
  sl_obj *co = NULL;
  if (vals) {
    sl_value slots[4] = {args->pos[0], sl_obj_val(pos), sl_obj_val(names), sl_obj_val(vals)};
    co = sl_ccoro_new(rt, &to_thread_def, slots, 4);
  }
  sl_decref(rt, pos);
  sl_decref(rt, names);
  sl_decref(rt, vals);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

const sl_cfunc_def sl__aio_to_thread_def = {"to_thread", aio_to_thread, NULL, SL_CANON_LABEL};
