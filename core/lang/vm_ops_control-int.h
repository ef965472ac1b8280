/* Opcode family: jumps, loops over iterators and the block stack of
 * try/finally/except. Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_CONTROL_INT_H
#define SL_LANG_VM_OPS_CONTROL_INT_H

#include "core/lang/iter-int.h"
#include "core/lang/value.h"
#include "core/lang/vm_ops-int.h"
#include "core/loop.h"

/* The run's iteration count r at which the next check is due, after
 * iteration r of the run: the one past max_iterations in r's step,
 * and the next multiple of 65536 when budget_out is set. A later step's
 * bound from max_iterations is only higher, so one left from an earlier
 * step checks early, never late. 0 with no budget: every iteration is
 * checked, so budgets set later are seen at once. */
static inline void iteration_set_check(sl_lang *L, uint64_t r) {
  uint64_t check = 0, max = L->max_iterations, base = L->iterations_base;
  if (max) check = max < UINT64_MAX - 1 - base ? base + max + 1 : UINT64_MAX;
  if (L->budget_out) {
    uint64_t poll = (r | 0xffff) + 1;
    if (!check || poll < check) check = poll;
  }
  L->iterations_check = check;
}

/* iteration_over_budget's exact tests for iteration r of the run: over
 * max_iterations in its step, or the wall clock (budget_out) asked when r
 * is a multiple of 65536 and out. Out of line: the only call. */
static __attribute__((noinline)) bool iteration_budget_check(sl_lang *L, uint64_t r) {
  L->iterations_run = r;
  uint64_t n = r - L->iterations_base;
  L->iterations = n;
  if (L->max_iterations && n > L->max_iterations) return true;
  if (L->budget_out && !(r & 0xffff) && L->budget_out(L->budget_ctx)) return true;
  iteration_set_check(L, r);
  return false;
}

/* Counts one loop iteration; true when a budget ran out. The run's count
 * goes on across steps; a new step only notes where its count starts (in
 * line: the first backward jump of a step is the common one, as most
 * steps of an asyncio program run a loop body or two). Below
 * iterations_check, no budget can run out: only counts. */
static inline bool iteration_over_budget(sl_rt *rt, sl_lang *L) {
  uint64_t step = rt->loop->step, r = L->iterations_run + 1;
  if (step != L->iterations_step) {
    L->iterations_step = step;
    L->iterations_base = r - 1;
  }
  if (__builtin_expect(r < L->iterations_check, 1)) {
    L->iterations_run = r;
    return false;
  }
  return iteration_budget_check(L, r);
}

SL_OP_INLINE int op_pop_jump_if(SL_OP_PARAMS, bool when) {
  (void)co;
  sl_value v = POP();
  /* A comparison's bool (most conditions) needs neither sl_truth nor a
   * decref. */
  if (v.tag == SL_V_BOOL) { return v.u.b == when ? SL_OPR_JUMP : 0; }
  bool t = false;
  int rc = sl_truth(rt, v, &t);
  sl_vdecref(rt, v);
  if (rc) return -1;
  return t == when ? SL_OPR_JUMP : 0;
}

SL_OP_INLINE int op_jump_if_or_pop(SL_OP_PARAMS, bool when) {
  (void)co;
  bool t = false;
  if (sl_truth(rt, TOP(), &t)) return -1;
  if (t == when) return SL_OPR_JUMP;
  sl_vdecref(rt, POP());
  return 0;
}

SL_OP_INLINE int op_pop_jump_if_none(SL_OP_PARAMS) {
  (void)co;
  sl_value v = POP();
  bool none = sl_is_none(v);
  /* Dropped before the jump: what a finalizer run by the decref sees as
   * this frame's line is still this instruction's (sl_frame_line). */
  sl_vdecref(rt, v);
  return none ? SL_OPR_JUMP : 0;
}

/* POP_JUMP_IF_NOT_NONE (`if x is None:` / `while x is not None:`, which
 * jump for a value that is not None): x dropped before the jump, at this
 * instruction, as op_pop_jump_if_none drops it. An immediate (an int, a
 * bool, None) has nothing to drop: no f->ip to write, no call. true: jump. */
SL_OP_INLINE bool pop_jump_if_not_none(sl_rt *rt, sl_frame *f, const sl_instr *ip, sl_value *sp) {
  sl_value v = sp[-1];
  if (v.tag == SL_V_OBJ) {
    f->ip = ip;
    sl_vdecref(rt, v);
    return true;
  }
  return v.tag != SL_V_NONE;
}

/* LOAD_FAST_IS_NONE's test: whether the jump `next` (POP_JUMP_IF_NONE or
 * POP_JUMP_IF_NOT_NONE) would be taken for local value v. */
static inline bool local_none_jump(sl_value v, const sl_instr *next) {
  return (v.tag == SL_V_NONE) == (next->op == SL_OP_POP_JUMP_IF_NONE);
}

SL_OP_INLINE int op_get_iter(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value v = POP(), it;
  int rc = sl_iter(rt, v, &it);
  sl_vdecref(rt, v);
  if (rc) return -1;
  PUSH(it);
  return 0;
}

/* A range iterator's next item, which the caller checked remains:
 * rangeiter_next (iter.c) inline. */
static inline sl_value range_iter_take(sl__iter *ri) {
  const sl_range *r = (const sl_range *)ri->src.u.o;
  sl_value v = sl_int((int64_t)((uint64_t)r->start + (uint64_t)ri->pos * (uint64_t)r->step));
  ri->pos++;
  return v;
}

/* FOR_ITER over a range followed by STORE_FAST (`for i in range(...)`,
 * `next` the STORE_FAST): the item goes straight into the local when its
 * old value is no object, so the store releases nothing and nothing can
 * run or observe the frame in between. true: both done. */
static inline bool for_range_store(sl_frame *f, const sl_instr *next, const sl_value *sp) {
  sl_value it = sp[-1];
  if (it.tag != SL_V_OBJ || it.u.o->type != &sl__range_iter_type || next->op != SL_OP_STORE_FAST)
    return false;
  sl__iter *ri = (sl__iter *)it.u.o;
  sl_value *slot = &f->locals[next->arg];
  if (ri->pos >= ri->aux || slot->tag == SL_V_OBJ) return false;
  *slot = range_iter_take(ri);
  return true;
}

SL_OP_INLINE int op_for_iter(SL_OP_PARAMS) {
  (void)co;
  sl_value item;
  /* A range's iterator (`for i in range(...)`) inline while items
   * remain; the end goes the general way. */
  sl_value it = TOP();
  if (it.tag == SL_V_OBJ && it.u.o->type == &sl__range_iter_type) {
    sl__iter *ri = (sl__iter *)it.u.o;
    if (ri->pos < ri->aux) {
      PUSH(range_iter_take(ri));
      return 0;
    }
  }
  int r = sl_iter_next(rt, TOP(), &item);
  if (r < 0) return -1;
  if (r == 0) {
    sl_vdecref(rt, POP());
    return SL_OPR_JUMP;
  }
  PUSH(item);
  return 0;
}

static inline int push_block(sl_rt *rt, sl_frame *f, sl_block_kind kind, int32_t handler,
                             uint32_t level) {
  if (f->nblocks >= sl_as_code(f->code)->maxblocks) {
    sl_rt_fatal(rt, SL_ECORRUPT);
    return SL_OPR_FATAL;
  }
  f->blocks[f->nblocks++] = (sl_block){(uint8_t)kind, handler, level, NULL};
  return 0;
}

SL_OP_INLINE int op_setup_finally(SL_OP_PARAMS) {
  (void)co;
  return push_block(rt, f, SL_BLOCK_FINALLY, arg, (uint32_t)(SP - f->stack));
}

SL_OP_INLINE int op_pop_block(SL_OP_PARAMS) {
  (void)rt, (void)co, (void)arg, (void)spp;
  f->nblocks--;
  return 0;
}

/* (exc -- exc): exc becomes the exception being handled until POP_EXCEPT. */
SL_OP_INLINE int op_push_exc_info(SL_OP_PARAMS) {
  (void)co, (void)arg;
  int rc = push_block(rt, f, SL_BLOCK_HANDLER, -1, (uint32_t)(SP - f->stack - 1));
  if (rc) return rc;
  f->blocks[f->nblocks - 1].saved_exc = f->exc_info;
  f->exc_info = TOP().u.o;
  sl_incref(f->exc_info);
  return 0;
}

SL_OP_INLINE int op_pop_except(SL_OP_PARAMS) {
  (void)co, (void)arg, (void)spp;
  sl_block *b = &f->blocks[--f->nblocks];
  sl_obj *old = f->exc_info;
  f->exc_info = b->saved_exc;
  b->saved_exc = NULL;
  sl_decref(rt, old);
  return 0;
}

#endif
