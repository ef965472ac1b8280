/* Opcode family: `with`, `async with` and `async for` (the awaits themselves are
 * SL_OP_AWAIT, which suspends the frame and so stays in the eval loop).
 * Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_ASYNC_INT_H
#define SL_LANG_VM_OPS_ASYNC_INT_H

#include "core/coro.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/vm_ops-int.h"
#include "core/locks.h"
#include "core/sleep.h"

/* await_sleep_timed's case of a result or of the last reference to fn:
 * the sleep, then the references dropped. */
static __attribute__((noinline)) int sleep_timed_dropping(sl_rt *rt, sl_frame *f, double d,
                                                          sl_value fn, sl_value result) {
  int r = sl_sleep_now(rt, d, result, &f->aw);
  sl_vdecref(rt, result);
  sl_decref(rt, fn.u.o);
  return r ? SL_OPR_ERROR : SL_OPR_SUSPENDED_ON;
}

/* await_call_now's case of a delay > 0, argv the call's arguments (fn
 * and the result hold references, the delay is a plain number): the
 * coroutine's first pass runs here (sl_sleep_now: the future, the
 * TimerHandle) and the frame suspends on the future with the rest,
 * SL_OPR_SUSPENDED_ON, or fails (SL_OPR_ERROR), the references dropped
 * either way; SL_OPR_LATER (nothing done) for any other sleep. Out of line
 * and given no stack pointer: the eval loop's code stays as it was. The
 * common case, no result and asyncio.sleep held elsewhere too (by its
 * module), only counts fn's reference down, first: the sleep is then the
 * last call, and no case needs a saved register here. */
static __attribute__((noinline)) int await_sleep_timed(sl_rt *rt, sl_frame *f, sl_value fn,
                                                       const sl_value *argv, int32_t nargs) {
  double d;
  if (!sl__aio_sleep_is_timed(argv, &d)) return SL_OPR_LATER;
  if (nargs == 2 || fn.u.o->refcnt <= 1)
    return sleep_timed_dropping(rt, f, d, fn, nargs == 2 ? argv[1] : sl_none());
  fn.u.o->refcnt--;
  return sl_sleep_now(rt, d, sl_none(), &f->aw) ? SL_OPR_ERROR : SL_OPR_SUSPENDED_ON;
}

/* CALL_METHOD (fn UNDEF args) or CALL (fn args) right before its AWAIT
 * (vm.c OP_AWAITABLE), `nslots` stack slots in all: `await
 * asyncio.sleep(d)` with a plain number d. Nothing but the value stack
 * would refer to the coroutine the call would make between the two
 * instructions, so nothing can tell it was never made. For d <= 0 (and
 * result None) it would only suspend this frame once at a bare yield and
 * then return None: the frame suspends as sl__vm_await_begin suspends it
 * for such a coroutine (sl_await_bare_yield) and SL_OPR_SUSPENDED tells
 * the loop to yield None from past the AWAIT. For d > 0 the frame
 * suspends on the coroutine's future (await_sleep_timed). The recursion
 * bound the call would hit is "later": the ordinary call raises it. */
SL_OP_INLINE int await_call_now(sl_rt *rt, sl_frame *f, sl_value fn, int32_t nargs, int32_t nslots,
                                sl_value **spp) {
  if (!sl__aio_is_sleep(fn, nargs) || rt->recursion_depth > SL_MAX_RECURSION) return SL_OPR_LATER;
  if (!sl__aio_sleep_is_bare(SP - nargs, nargs)) {
    int r = await_sleep_timed(rt, f, fn, SP - nargs, nargs);
    if (r != SL_OPR_LATER) SP -= nslots;
    return r;
  }
  /* Of the slots only fn holds a reference: the arguments are plain
   * numbers and None, CALL_METHOD's self slot is UNDEF. */
  SP -= nslots;
  sl_decref(rt, fn.u.o);
  f->aw.target = sl_none(); /* sl_await_bare_yield's state */
  return SL_OPR_SUSPENDED;
}

SL_OP_INLINE int op_setup_async_with(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value mgr = POP(), exit[2], aw;
  /* arg 1: a sync `with` (__enter__ called, nothing to await) */
  int rc = sl__vm_async_with_enter(rt, mgr, arg == 1, exit, &aw);
  sl_vdecref(rt, mgr);
  if (rc) return -1;
  PUSH(exit[0]);
  PUSH(exit[1]);
  PUSH(aw);
  return 0;
}

/* SETUP_ASYNC_WITH right before its AWAIT (vm.c OP_AWAITABLE): an engine
 * manager's __aenter__() that finishes at once runs in place; one that
 * waits for a Lock suspends the frame on its waiter future (the await's
 * result, pushed when it resumes, goes above the exit method). */
SL_OP_INLINE int op_setup_async_with_now(SL_OP_PARAMS) {
  (void)co, (void)arg;
  sl_value mgr = TOP(), exit[2], v;
  int r = sl__vm_async_with_enter_now(rt, mgr, exit, &f->aw, &v);
  if (r == SL_NOW_LATER) return SL_OPR_LATER;
  sl_vdecref(rt, POP());
  if (r < 0) return -1;
  PUSH(exit[0]);
  PUSH(exit[1]);
  if (r == SL_NOW_SUSPENDED) return SL_OPR_SUSPENDED_ON;
  PUSH(v);
  return SL_OPR_AWAITED;
}

/* ASYNC_WITH_ENTER on any manager but a plain Lock, mgr sp[-1]: an
 * engine manager's __aenter__() that finishes at once or waits in place,
 * as op_setup_async_with_now runs it; then, when the await gives None,
 * the POP_TOP and SETUP_FINALLY too (SL_OPR_OK). A result that is an
 * object is pushed for the POP_TOP as written (SL_OPR_AWAITED). Out of
 * line and given no stack pointer: the caller moves it by the status. */
static __attribute__((noinline)) int async_with_enter_other(sl_rt *rt, sl_frame *f,
                                                            const sl_instr *ip, sl_value *sp) {
  sl_value exit[2], v;
  int r = sl__vm_async_with_enter_now(rt, sp[-1], exit, &f->aw, &v);
  if (r == SL_NOW_LATER) return SL_OPR_LATER;
  sl_vdecref(rt, sp[-1]);
  if (r < 0) return SL_OPR_ERROR;
  sp[-1] = exit[0];
  sp[0] = exit[1];
  if (r == SL_NOW_SUSPENDED) return SL_OPR_SUSPENDED_ON;
  if (v.tag == SL_V_OBJ) {
    sp[1] = v;
    return SL_OPR_AWAITED;
  }
  f->blocks[f->nblocks++] =
      (sl_block){SL_BLOCK_FINALLY, ip[2].arg, (uint32_t)(sp + 1 - f->stack), NULL};
  return SL_OPR_OK;
}

/* ASYNC_WITH_ENTER (code.h; ip at the AWAIT, then POP_TOP,
 * SETUP_FINALLY), as SETUP_ASYNC_WITH's await_now body runs it, f->ip
 * past the AWAIT. A plain Lock: an idle one taken inline, else
 * sl_lock_aenter_now (taken, or the frame suspended on a waiter future
 * in the await's place: SL_OPR_SUSPENDED_ON); the manager's slot and
 * reference become the exit pair's self, under the def. Taken, the
 * await's result (None) is never pushed and the block is SETUP_FINALLY's:
 * SL_OPR_OK, the whole sequence done. SL_OPR_ERROR: raised from past the
 * AWAIT, the manager dropped. SL_OPR_LATER, nothing done (a program's
 * manager): SETUP_ASYNC_WITH's ordinary body and the rest as written. */
SL_OP_INLINE int op_async_with_enter(sl_rt *rt, sl_frame *f, const sl_code *co, const sl_instr *ip,
                                     sl_value **spp) {
  sl_value mgr = TOP(), v;
  if (f->nblocks >= co->maxblocks) return SL_OPR_LATER; /* SETUP_FINALLY's fatal error */
  if (!sl_lock_is_plain(mgr) || rt->recursion_depth > SL_MAX_RECURSION) {
    int rc = async_with_enter_other(rt, f, ip, SP);
    SP += rc == SL_OPR_LATER ? 0 : rc == SL_OPR_ERROR ? -1 : rc == SL_OPR_AWAITED ? 2 : 1;
    return rc;
  }
  int r = sl_lock_take_idle(mgr.u.o) ? SL_NOW_DONE : sl_lock_aenter_now(rt, mgr.u.o, &f->aw, &v);
  if (r < 0) {
    SP--;
    sl_decref(rt, mgr.u.o);
    return SL_OPR_ERROR;
  }
  TOP() = sl_undef();
  TOP().u.p = sl_lock_aexit_def;
  PUSH(mgr);
  if (r == SL_NOW_SUSPENDED) return SL_OPR_SUSPENDED_ON;
  f->blocks[f->nblocks++] =
      (sl_block){SL_BLOCK_FINALLY, ip[2].arg, (uint32_t)(SP - f->stack), NULL};
  return SL_OPR_OK;
}

/* ASYNC_WITH_LEAVE on any exit pair but a plain Lock's (sp[-2], sp[-1]):
 * an engine manager's __aexit__() run in place (it always finishes at
 * once; its result, None, dropped), the block popped, the pair dropped:
 * SL_OPR_OK or SL_OPR_ERROR, the caller moving the stack pointer;
 * SL_OPR_LATER, nothing done, for a program's manager. */
static __attribute__((noinline)) int async_with_leave_other(sl_rt *rt, sl_frame *f, sl_value *sp) {
  sl_value v;
  int r = sl__vm_async_with_exit_now(rt, sp - 2, NULL, &v);
  if (r == SL_NOW_LATER) return SL_OPR_LATER;
  f->nblocks--;
  sl_vdecref(rt, sp[-1]);
  sl_vdecref(rt, sp[-2]);
  if (r) return SL_OPR_ERROR;
  sl_vdecref(rt, v);
  return SL_OPR_OK;
}

/* ASYNC_WITH_LEAVE (code.h; then ASYNC_WITH_EXIT 0, AWAIT, POP_TOP,
 * JUMP), f->ip past the AWAIT as the await's body has it. A plain Lock's
 * exit pair (what ASYNC_WITH_ENTER or SETUP_ASYNC_WITH left): the block
 * popped, the lock released as sl__vm_async_with_exit_now releases it (a
 * waiter woken, or the RuntimeError of a lock released in the block), the
 * pair dropped. SL_OPR_OK (the caller takes the JUMP), SL_OPR_ERROR
 * (raised from past the AWAIT) or SL_OPR_LATER, nothing done: the
 * sequence runs as written. */
SL_OP_INLINE int op_async_with_leave(sl_rt *rt, sl_frame *f, sl_value **spp) {
  sl_value self = TOP();
  if (!sl_lock_is_plain(self) || PEEK(2).u.p != sl_lock_aexit_def ||
      rt->recursion_depth > SL_MAX_RECURSION) {
    int rc = async_with_leave_other(rt, f, SP);
    if (rc != SL_OPR_LATER) SP -= 2;
    return rc;
  }
  f->nblocks--;
  int rc = sl_lock_release_now(rt, self.u.o);
  SP -= 2;
  sl_decref(rt, self.u.o);
  return rc ? SL_OPR_ERROR : SL_OPR_OK;
}

/* The exit method's two slots, under the exception when arg is 1. */
#define EXIT_SLOTS() (SP - (arg ? 3 : 2))

SL_OP_INLINE int op_async_with_exit(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value v;
  int rc = sl__vm_async_with_exit(rt, EXIT_SLOTS(), arg ? TOP().u.o : NULL, &v);
  if (arg == 0) {
    sl_vdecref(rt, POP());
    sl_vdecref(rt, POP());
  }
  if (rc) return -1;
  PUSH(v);
  return 0;
}

/* ASYNC_WITH_EXIT right before its AWAIT: an engine manager's
 * __aexit__() run in place (it always finishes at once). */
SL_OP_INLINE int op_async_with_exit_now(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value v;
  int r = sl__vm_async_with_exit_now(rt, EXIT_SLOTS(), arg ? TOP().u.o : NULL, &v);
  if (r == SL_NOW_LATER) return SL_OPR_LATER;
  if (arg == 0) {
    sl_vdecref(rt, POP());
    sl_vdecref(rt, POP());
  }
  if (r) return -1;
  PUSH(v);
  return SL_OPR_AWAITED;
}
#undef EXIT_SLOTS

/* GET_AITER (obj -- aiter) and GET_ANEXT (aiter -- aiter awaitable). */
SL_OP_INLINE int op_get_aiter_anext(SL_OP_PARAMS, bool first) {
  (void)f, (void)co, (void)arg;
  sl_value obj = first ? POP() : TOP(), v;
  int rc = sl__vm_call_method0(rt, obj, first ? "__aiter__" : "__anext__", &v);
  if (rc) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
      sl_err_clear(rt);
      sl_raise(rt, SL_EXC_TYPE_ERROR,
               first ? "'async for' requires an object with __aiter__ method, got %s"
                     : "'async for' received an invalid object from __aiter__: %s",
               sl_type_name(obj));
    }
    if (first) sl_vdecref(rt, obj);
    return -1;
  }
  if (first) sl_vdecref(rt, obj);
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_end_async_for(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value exc = POP(), it = POP();
  sl_vdecref(rt, it);
  if (sl_exc_isinstance(exc.u.o, SL_EXC_STOP_ASYNC_ITERATION)) {
    sl_vdecref(rt, exc);
    return 0;
  }
  sl_err_restore(rt, exc.u.o);
  return SL_OPR_RERAISE;
}

#endif
