/* Opcode family: `with`, `async with` and `async for` (the awaits themselves are
 * SL_OP_AWAIT, which suspends the frame and so stays in the eval loop).
 * Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_ASYNC_INT_H
#define SL_LANG_VM_OPS_ASYNC_INT_H

#include "core/lang/vm_ops-int.h"

SL_OP_INLINE int op_setup_async_with(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value mgr = POP(), exit_fn, aw;
  /* arg 1: a sync `with` (__enter__ called, nothing to await) */
  int rc = sl__vm_async_with_enter(rt, mgr, arg == 1, &exit_fn, &aw);
  sl_vdecref(rt, mgr);
  if (rc) return -1;
  PUSH(exit_fn);
  PUSH(aw);
  return 0;
}

SL_OP_INLINE int op_async_with_exit(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value v;
  if (arg == 0) {
    sl_value exit_fn = POP();
    int rc = sl__vm_async_with_exit(rt, exit_fn, NULL, &v);
    sl_vdecref(rt, exit_fn);
    if (rc) return -1;
  } else if (sl__vm_async_with_exit(rt, PEEK(2), TOP().u.o, &v)) {
    return -1;
  }
  PUSH(v);
  return 0;
}

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
