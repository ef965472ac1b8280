/* What the opcode families (vm_ops_*-int.h) share: the value-stack
 * macros and the status an opcode body returns to the eval loop.
 *
 * Each family is a set of `static inline` functions included only by
 * vm.c, so the loop in sl_vm_eval stays a plain dispatch table and the
 * compiler still sees one function (the bodies inline into their case).
 * An opcode body gets the run, the frame, its code, the argument and the
 * address of the stack pointer; it never owns the frame.
 * Not installed; not a contract. */
#ifndef SL_LANG_VM_OPS_INT_H
#define SL_LANG_VM_OPS_INT_H

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/ops.h"
#include "core/str.h"
#include "core/tuple.h"
#include "core/lang/vm-int.h"

/* What an opcode body returns: 0 to continue with the next instruction,
 * SL_OPR_JUMP to continue at `arg`, otherwise how the loop must unwind.
 *
 * The loop keeps the instruction offset in a local and writes it to
 * f->ip before every body that can call out or drop a reference (see
 * SL_VM_SYNC_IP in vm.c), so f->ip is exact wherever it can be observed
 * (sl_frame_line: tracebacks, warnings, a coroutine's repr, logging, a
 * finalizer); a body may read f->ip but never writes it. */
enum {
  /* Only from the bodies vm.c's OP_AWAITABLE calls when the next
   * instruction is an AWAIT (an engine coroutine's work done in place,
   * sl_type.await_now): */
  SL_OPR_AWAITED = 2, /* finished, its result pushed: continue after the AWAIT */
  SL_OPR_LATER = 3,   /* nothing done: run the opcode's ordinary body */
  /* The frame suspended at the AWAIT (f->aw set) without the awaitable
   * being made: yield None from past it (vm_ops_async-int.h). */
  SL_OPR_SUSPENDED = 4,
  /* The same on a future, f->aw's target (sl_type.await_now's
   * SL_NOW_SUSPENDED): yield it. */
  SL_OPR_SUSPENDED_ON = 5,
  /* Only from CALL_METHOD's bodies: the call (or the await after it,
   * op_call_method_now) is done and the next instruction, a POP_TOP,
   * would only pop the None it pushed (or, op_call_method_now, a
   * STORE_FAST it did in place); nothing pushed, continue after it. */
  SL_OPR_DROPPED = 6,
  SL_OPR_JUMP = 1, /* a jump taken: continue at the instruction `arg` (control ops only) */
  SL_OPR_OK = 0,
  SL_OPR_ERROR = -1,   /* new exception: set __context__, add a traceback entry */
  SL_OPR_RAISED = -2,  /* `raise X`: context already set, add a traceback entry */
  SL_OPR_RERAISE = -3, /* re-raise as is: no context, no traceback entry */
  SL_OPR_FATAL = -4,   /* rt->fatal (or a corrupt frame): leave the frame at once */
};

#define SP      (*spp)
#define PUSH(v) (*SP++ = (v))
#define POP()   (*--SP)
#define TOP()   (SP[-1])
#define PEEK(n) (SP[-(n)])

/* Bodies are inlined into their case even when two opcodes share one
 * (a bool argument picks the variant): an out-of-line body would take
 * the stack pointer's address out of the loop and slow every opcode. */
#define SL_OP_INLINE static inline __attribute__((always_inline))

/* sl_vincref, sl_vset, sl_int, sl_float, sl_none and sl_is_type
 * (core/object.h) forced inline, for the bodies where gcc's size
 * heuristics left them as calls in the eval loop (a call costs more than
 * the body); the same operations. */
SL_OP_INLINE sl_value vm_vincref(sl_value v) {
  if (v.tag == SL_V_OBJ) v.u.o->refcnt++;
  return v;
}
SL_OP_INLINE sl_value vm_int(int64_t i) { return (sl_value){.tag = SL_V_INT, .u.i = i}; }
SL_OP_INLINE sl_value vm_float(double d) { return (sl_value){.tag = SL_V_FLOAT, .u.f = d}; }
SL_OP_INLINE sl_value vm_none(void) { return (sl_value){.tag = SL_V_NONE}; }
SL_OP_INLINE bool vm_is_type(sl_value v, const sl_type *t) {
  return v.tag == SL_V_OBJ && v.u.o->type == t;
}
SL_OP_INLINE void vm_vset(sl_rt *rt, sl_value *slot, sl_value v) {
  sl_value old = *slot;
  *slot = v;
  if (old.tag != SL_V_OBJ || !old.u.o) return;
  if (old.u.o->refcnt > 1)
    old.u.o->refcnt--;
  else
    sl__decref_last(rt, old.u.o);
}

/* The parameters every opcode body takes. */
#define SL_OP_PARAMS sl_rt *rt, sl_frame *f, sl_code *co, int32_t arg, sl_value **spp

#endif
