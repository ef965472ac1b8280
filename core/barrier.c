/* Mirrors Lib/asyncio/locks.py Barrier (locks.py:446-587@3.11.7; 3.12-3.14
 * are the same but for Barrier(0)'s message). Each `async def` is a C
 * coroutine whose states follow the Python source's awaits: wait() awaits
 * Condition.__aenter__ (Lock.acquire), then _block() and _wait(), which
 * await Condition.wait_for(lambda) inline, so every future and handle is
 * the one CPython creates. The `async def`s that never suspend (_release,
 * Condition.__aexit__) are plain calls here: awaiting a coroutine that
 * returns at once has no effect on the loop. */
#include "core/barrier.h"

#include <string.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/locks.h"
#include "core/rt.h"
#include "core/sync-int.h"

/* ---- the object ------------------------------------------------------------ */

static void barrier_clear(sl_rt *rt, sl_obj *o) {
  sl_barrier *b = (sl_barrier *)o;
  sl_decref(rt, b->cond);
  b->cond = NULL;
  sl_vdecref(rt, b->parties);
  b->parties = sl_undef();
}

const char *sl_barrier_state_name(sl_barrier_state state) {
  switch (state) {
  case SL_BARRIER_FILLING: return "filling";
  case SL_BARRIER_DRAINING: return "draining";
  case SL_BARRIER_RESETTING: return "resetting";
  case SL_BARRIER_BROKEN: return "broken";
  }
  return "?";
}

int64_t sl_barrier_n_waiting(const sl_obj *o) {
  const sl_barrier *b = (const sl_barrier *)o;
  return b->state == SL_BARRIER_FILLING ? b->count : 0;
}

/* CPython prints `<asyncio.locks.Barrier object at 0x... [filling,
 * waiters:0/3]>` (object.__repr__ plus `[state, waiters:n/parties]`, the
 * waiters part left out when broken: locks.py:466-471). */
static int barrier_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_barrier *b = (sl_barrier *)o;
  if (sl__sync_repr_head(rt, o, "asyncio.locks.Barrier", out)) return -1;
  sl_strbuf_puts(out, sl_barrier_state_name(b->state));
  if (!sl_barrier_broken(o)) {
    sl_strbuf_printf(out, ", waiters:%lld/", (long long)sl_barrier_n_waiting(o));
    if (sl_str(rt, b->parties, out)) return -1; /* f'{self.parties}' */
  }
  sl_strbuf_puts(out, "]>");
  return 0;
}

static int barrier_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

const sl_type sl_barrier_type = {.name = "Barrier",
                                 .clear = barrier_clear,
                                 .repr = barrier_repr,
                                 .getattr = barrier_getattr,
                                 .size = sizeof(sl_barrier)};

sl_obj *sl_barrier_new(sl_rt *rt, sl_value parties) {
  /* if parties < 1: raise ValueError(...) -- before the Condition exists. */
  bool below;
  if (sl_lt(rt, parties, sl_int(1), &below)) return NULL;
  if (below) {
    sl_raise(rt, SL_EXC_VALUE_ERROR, "%s",
             rt->profile->barrier_parties_ge1_message ? "parties must be >= 1"
                                                      : "parties must be > 0");
    return NULL;
  }
  sl_obj *cond = sl_condition_new(rt, NULL);
  if (!cond) return NULL;
  sl_obj *o = sl_obj_alloc(rt, &sl_barrier_type);
  if (!o) {
    sl_decref(rt, cond);
    return NULL;
  }
  sl_barrier *b = (sl_barrier *)o;
  b->cond = cond;
  b->parties = sl_vincref(parties);
  b->state = SL_BARRIER_FILLING;
  b->count = 0;
  return o;
}

/* ---- helpers ------------------------------------------------------------------ */

/* Runs `step` as code in a `finally` block or an `__aexit__` does: the
 * exception in flight (if any) is set aside; if the step raises, its
 * exception replaces the one in flight, with __context__ pointing at it
 * (implicit chaining). Returns 0 when nothing is pending afterwards, -1
 * when an exception (or rt->fatal) is. */
static int in_finally(sl_rt *rt, sl_barrier *b, int (*step)(sl_rt *, sl_barrier *)) {
  if (rt->fatal) return -1;
  sl_obj *pending = sl_err_fetch(rt);
  if (step(rt, b)) {
    if (pending) {
      sl__set_context(rt, rt->exc, pending);
      sl_decref(rt, pending);
    }
    return -1;
  }
  if (pending) return sl_err_restore(rt, pending);
  return 0;
}

/* _ContextManagerMixin.__aexit__ of the Condition: self.release(), which
 * is the Lock's release (Condition.__init__ binds it). It never suspends,
 * so it runs inline. */
static int cond_exit(sl_rt *rt, sl_barrier *b) {
  return sl_lock_release(rt, ((sl_condition *)b->cond)->lock);
}

/* Awaits `aw` (a new reference, stolen; NULL = creation failed) kept in
 * slot `slot` so it lives as long as the await. */
static sl_coro_status await_new(sl_rt *rt, sl_ccoro *co, int slot, sl_obj *aw, int next,
                                sl_value *out) {
  if (!aw) return SL_CORO_ERROR;
  sl_vset(rt, &co->slots[slot], sl_obj_val(aw));
  return sl_ccoro_await(rt, co, co->slots[slot], next, out);
}

static void drop_result(sl_rt *rt, sl_ccoro *co) {
  sl_value ignored = sl_ccoro_take_result(co);
  sl_vdecref(rt, ignored);
}

/* _cond.notify_all(): the lock is held wherever the Barrier calls it. */
static int notify_all(sl_rt *rt, sl_barrier *b) { return sl_condition_notify_all(rt, b->cond); }

/* ---- _block, _wait: `await self._cond.wait_for(lambda: ...)` ----------------- */

/* lambda: self._state not in (DRAINING, RESETTING)   (locks.py:510-514) */
static int block_pred(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_barrier_state s = ((sl_barrier *)self.u.o)->state;
  *out = sl_bool(s != SL_BARRIER_DRAINING && s != SL_BARRIER_RESETTING);
  return 0;
}

/* lambda: self._state is not FILLING   (locks.py:534) */
static int wait_pred(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  *out = sl_bool(((sl_barrier *)self.u.o)->state != SL_BARRIER_FILLING);
  return 0;
}

static const sl_cfunc_def block_pred_def = {"Barrier._block.<locals>.<lambda>", block_pred, NULL,
                                            SL_CANON_LABEL};
static const sl_cfunc_def wait_pred_def = {"Barrier._wait.<locals>.<lambda>", wait_pred, NULL,
                                           SL_CANON_LABEL};

enum { P_SELF, P_AW };

/* Starts `await self._cond.wait_for(<a new lambda>)`, continuing at 1.
 * CPython makes a fresh lambda on every call; so do we. */
static sl_coro_status await_wait_for(sl_rt *rt, sl_ccoro *co, const sl_cfunc_def *pred_def,
                                     sl_value *out) {
  sl_barrier *b = (sl_barrier *)co->slots[P_SELF].u.o;
  sl_obj *pred = sl_cfunc_new(rt, pred_def, co->slots[P_SELF]);
  if (!pred) return SL_CORO_ERROR;
  sl_obj *wf = sl_condition_wait_for(rt, b->cond, sl_obj_val(pred));
  sl_decref(rt, pred); /* the wait_for coroutine holds its own reference */
  return await_new(rt, co, P_AW, wf, 1, out);
}

/* async def _block(self): wait while draining or resetting, then
 * BrokenBarrierError("Barrier aborted") if broken (locks.py:504-518). A
 * CancelledError from the wait_for simply propagates. */
static sl_coro_status block_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return await_wait_for(rt, co, &block_pred_def, out);
  if (co->failed) return SL_CORO_ERROR;
  drop_result(rt, co);
  if (((sl_barrier *)co->slots[P_SELF].u.o)->state == SL_BARRIER_BROKEN) {
    sl_raise(rt, SL_EXC_BROKEN_BARRIER_ERROR, "Barrier aborted");
    return SL_CORO_ERROR;
  }
  *out = sl_none();
  return SL_CORO_RETURN;
}

/* async def _wait(self): wait for the end of filling, then
 * BrokenBarrierError("Abort or reset of barrier") if broken or resetting
 * (locks.py:528-537). */
static sl_coro_status wait_inner_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return await_wait_for(rt, co, &wait_pred_def, out);
  if (co->failed) return SL_CORO_ERROR;
  drop_result(rt, co);
  sl_barrier_state s = ((sl_barrier *)co->slots[P_SELF].u.o)->state;
  if (s == SL_BARRIER_BROKEN || s == SL_BARRIER_RESETTING) {
    sl_raise(rt, SL_EXC_BROKEN_BARRIER_ERROR, "Abort or reset of barrier");
    return SL_CORO_ERROR;
  }
  *out = sl_none();
  return SL_CORO_RETURN;
}

static const sl_ccoro_def block_def = {"Barrier._block", block_resume, NULL};
static const sl_ccoro_def wait_inner_def = {"Barrier._wait", wait_inner_resume, NULL};

/* _release(): enter draining and wake everyone (locks.py:520-526). An
 * `async def` without awaits, so called inline. */
static int barrier_release_(sl_rt *rt, sl_barrier *b) {
  b->state = SL_BARRIER_DRAINING;
  return notify_all(rt, b);
}

/* _exit(): the last task out ends draining or resetting and wakes those
 * blocked in _block() (locks.py:539-545). */
static int barrier_exit_(sl_rt *rt, sl_barrier *b) {
  if (b->count != 0) return 0;
  if (b->state == SL_BARRIER_RESETTING || b->state == SL_BARRIER_DRAINING)
    b->state = SL_BARRIER_FILLING;
  return notify_all(rt, b);
}

/* ---- wait() -------------------------------------------------------------------- */

enum { W_SELF, W_AW, W_INDEX };
enum { W_START, W_ENTERED, W_BLOCKED, W_DONE };

/* The end of wait(): `finally: self._count -= 1; self._exit()`, then the
 * Condition's __aexit__, then `return index` unless an exception is in
 * flight (rt->exc: the body's, or one raised by these steps). */
static sl_coro_status wait_finish(sl_rt *rt, sl_ccoro *co, sl_barrier *b, sl_value *out) {
  if (rt->fatal) return SL_CORO_ERROR;
  b->count--;
  int rc = in_finally(rt, b, barrier_exit_);
  rc |= in_finally(rt, b, cond_exit);
  if (rc) return SL_CORO_ERROR;
  *out = co->slots[W_INDEX];
  return SL_CORO_RETURN;
}

/* async def wait(self)   (locks.py:481-502):
 *     async with self._cond:
 *         await self._block()
 *         try: index = _count; _count += 1
 *              last one in: await self._release(), else await self._wait()
 *              return index
 *         finally: _count -= 1; self._exit() */
static sl_coro_status wait_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_barrier *b = (sl_barrier *)co->slots[W_SELF].u.o;
  switch (co->pc) {
  case W_START:
    /* async with self._cond: Condition.__aenter__ awaits Lock.acquire(). */
    return await_new(rt, co, W_AW, sl_cm_aenter(rt, b->cond), W_ENTERED, out);
  case W_ENTERED: {
    if (co->failed) return SL_CORO_ERROR; /* not entered: no __aexit__ */
    drop_result(rt, co);
    sl_value self = co->slots[W_SELF];
    return await_new(rt, co, W_AW, sl_ccoro_new(rt, &block_def, &self, 1), W_BLOCKED, out);
  }
  case W_BLOCKED: {
    if (co->failed) {
      /* Raised by _block(), outside the try: only __aexit__ runs. */
      in_finally(rt, b, cond_exit);
      return SL_CORO_ERROR;
    }
    drop_result(rt, co);
    int64_t index = b->count++;
    co->slots[W_INDEX] = sl_int(index);
    /* if index + 1 == self._parties */
    bool last;
    if (sl_eq(rt, sl_int(index + 1), b->parties, &last)) return wait_finish(rt, co, b, out);
    if (last) {
      barrier_release_(rt, b); /* an exception stays pending for the finally */
      return wait_finish(rt, co, b, out);
    }
    sl_value self = co->slots[W_SELF];
    return await_new(rt, co, W_AW, sl_ccoro_new(rt, &wait_inner_def, &self, 1), W_DONE, out);
  }
  case W_DONE:
    if (!co->failed) drop_result(rt, co);
    return wait_finish(rt, co, b, out);
  }
  return SL_CORO_ERROR;
}

static const sl_ccoro_def wait_def = {"Barrier.wait", wait_resume, NULL};

sl_obj *sl_barrier_wait(sl_rt *rt, sl_obj *barrier) {
  sl_value self = sl_obj_val(barrier);
  return sl_ccoro_new(rt, &wait_def, &self, 1);
}

/* ---- reset(), abort() -------------------------------------------------------------- */

/* reset()'s body (locks.py:553-560): with tasks inside, RESETTING (they
 * get BrokenBarrierError); otherwise straight back to FILLING. */
static int reset_body(sl_rt *rt, sl_barrier *b) {
  if (b->count > 0) {
    if (b->state != SL_BARRIER_RESETTING) b->state = SL_BARRIER_RESETTING;
  } else {
    b->state = SL_BARRIER_FILLING;
  }
  return notify_all(rt, b);
}

/* abort()'s body (locks.py:568-570). */
static int abort_body(sl_rt *rt, sl_barrier *b) {
  b->state = SL_BARRIER_BROKEN;
  return notify_all(rt, b);
}

enum { R_SELF, R_AW };

/* `async with self._cond: <body>` where the body never suspends; the body
 * is chosen by the coroutine's definition. */
static sl_coro_status with_cond_resume(sl_rt *rt, sl_ccoro *co, sl_value *out,
                                       int (*body)(sl_rt *, sl_barrier *)) {
  sl_barrier *b = (sl_barrier *)co->slots[R_SELF].u.o;
  if (co->pc == 0) return await_new(rt, co, R_AW, sl_cm_aenter(rt, b->cond), 1, out);
  if (co->failed) return SL_CORO_ERROR;
  drop_result(rt, co);
  body(rt, b); /* an exception stays pending for __aexit__ */
  if (in_finally(rt, b, cond_exit)) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}

static sl_coro_status reset_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  return with_cond_resume(rt, co, out, reset_body);
}
static sl_coro_status abort_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  return with_cond_resume(rt, co, out, abort_body);
}

static const sl_ccoro_def reset_def = {"Barrier.reset", reset_resume, NULL};
static const sl_ccoro_def abort_def = {"Barrier.abort", abort_resume, NULL};

sl_obj *sl_barrier_reset(sl_rt *rt, sl_obj *barrier) {
  sl_value self = sl_obj_val(barrier);
  return sl_ccoro_new(rt, &reset_def, &self, 1);
}

sl_obj *sl_barrier_abort(sl_rt *rt, sl_obj *barrier) {
  sl_value self = sl_obj_val(barrier);
  return sl_ccoro_new(rt, &abort_def, &self, 1);
}

/* ---- __aenter__, __aexit__ ------------------------------------------------------ */

/* async def __aenter__(self): return await self.wait()   (locks.py:473-476) */
enum { AE_SELF, AE_WAIT }; /* slots: the barrier, wait()'s coroutine */
static sl_coro_status aenter_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0)
    return await_new(rt, co, AE_WAIT, sl_barrier_wait(rt, co->slots[AE_SELF].u.o), 1, out);
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_ccoro_take_result(co);
  return SL_CORO_RETURN;
}

/* async def __aexit__(self, *args): pass */
static sl_coro_status aexit_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  *out = sl_none();
  return SL_CORO_RETURN;
}

static const sl_ccoro_def aenter_def = {"Barrier.__aenter__", aenter_resume, NULL};
static const sl_ccoro_def aexit_def = {"Barrier.__aexit__", aexit_resume, NULL};

/* ---- Python-level methods and properties ------------------------------------------- */

static const char *const self_only[] = {"self"};

#define NOARGS(qual)                                                                               \
  sl_value bound[1];                                                                               \
  if (sl__bind_method(rt, self, args, qual, self_only, 1, 1, 1, bound)) return -1

static int m_wait(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Barrier.wait");
  return sl__coro_result(rt, &wait_def, self, out);
}
static int m_reset(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Barrier.reset");
  return sl__coro_result(rt, &reset_def, self, out);
}
static int m_abort(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Barrier.abort");
  return sl__coro_result(rt, &abort_def, self, out);
}
static int m_aenter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Barrier.__aenter__");
  return sl__coro_result(rt, &aenter_def, self, out);
}
/* __aexit__(self, *args): any positional arguments, no keywords. */
static int m_aexit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw) {
    sl_value ignored[1];
    sl_args kw_only = {NULL, 0, args->kwvals, args->kwnames, args->nkw};
    if (sl__bind_method(rt, self, &kw_only, "Barrier.__aexit__", self_only, 1, 1, 1, ignored))
      return -1;
  }
  return sl__coro_result(rt, &aexit_def, self, out);
}

static const sl_cfunc_def barrier_methods[] = {
    {"Barrier.wait", m_wait, NULL, SL_CANON_LABEL},
    {"Barrier.reset", m_reset, NULL, SL_CANON_LABEL},
    {"Barrier.abort", m_abort, NULL, SL_CANON_LABEL},
    {"Barrier.__aenter__", m_aenter, NULL, SL_CANON_LABEL},
    {"Barrier.__aexit__", m_aexit, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int barrier_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_barrier *b = (sl_barrier *)o;
  if (strcmp(name, "parties") == 0) { /* @property parties */
    *out = sl_vincref(b->parties);
    return 0;
  }
  if (strcmp(name, "n_waiting") == 0) { /* @property n_waiting */
    *out = sl_int(sl_barrier_n_waiting(o));
    return 0;
  }
  if (strcmp(name, "broken") == 0) { /* @property broken */
    *out = sl_bool(sl_barrier_broken(o));
    return 0;
  }
  return sl__getattr_methods(rt, o, barrier_methods, name, out);
}
