/* The value stack a code object needs: each instruction's stack effect
 * and the flow analysis over the bytecode that finds the deepest point
 * (make_code in compile.c sizes frames with it); and the locals bound on
 * every path to each instruction (fuse in compile.c). */
#include "core/lang/compile-int.h"

#include "core/alloc.h"

/* The stack effect of one instruction; `jump` selects the branch taken. */
static int stack_effect(const sl_instr *in, bool jump) {
  int32_t a = in->arg;
  switch ((sl_opcode)in->op) {
  case SL_OP_NOP:
  case SL_OP_SWAP:
  case SL_OP_DELETE_FAST:
  case SL_OP_DELETE_DEREF:
  case SL_OP_DELETE_GLOBAL:
  case SL_OP_DELETE_NAME:
  case SL_OP_LOAD_ATTR:
  case SL_OP_UNARY_OP:
  case SL_OP_JUMP:
  case SL_OP_GET_ITER:
  case SL_OP_LIST_TO_TUPLE:
  case SL_OP_POP_BLOCK:
  case SL_OP_ASYNC_WITH_LEAVE:
  case SL_OP_PUSH_EXC_INFO:
  case SL_OP_POP_EXCEPT:
  case SL_OP_CHECK_EXC_MATCH:
  case SL_OP_AWAIT:
  case SL_OP_EXC_STAR_SPLIT:
  case SL_OP_GET_AITER:
  case SL_OP_YIELD_VALUE:
  case SL_OP_YIELD_FROM: return 0;
  case SL_OP_GET_ANEXT: return 1;
  case SL_OP_END_ASYNC_FOR: return -2;
  case SL_OP_PREP_RERAISE_STAR: return -2;
  case SL_OP_POP_JUMP_IF_NONE:
  case SL_OP_POP_JUMP_IF_NOT_NONE: return -1;
  case SL_OP_SETUP_FINALLY: return jump ? 1 : 0;
  case SL_OP_POP_TOP:
  case SL_OP_STORE_FAST:
  case SL_OP_STORE_DEREF:
  case SL_OP_STORE_FREE:
  case SL_OP_STORE_GLOBAL:
  case SL_OP_STORE_NAME:
  case SL_OP_DELETE_ATTR:
  case SL_OP_BINARY_SUBSCR:
  case SL_OP_BINARY_OP:
  case SL_OP_INPLACE_OP:
  case SL_OP_COMPARE:
  case SL_OP_POP_JUMP_IF_FALSE:
  case SL_OP_POP_JUMP_IF_TRUE:
  case SL_OP_LIST_APPEND:
  case SL_OP_SET_ADD:
  case SL_OP_LIST_EXTEND:
  case SL_OP_SET_UPDATE:
  case SL_OP_DICT_UPDATE:
  case SL_OP_RETURN_VALUE:
  case SL_OP_RERAISE:
  case SL_OP_SUPER: return -1;
  case SL_OP_COPY:
  case SL_OP_LOAD_CONST:
  case SL_OP_LOAD_FAST:
  case SL_OP_LOAD_FAST_ATTR:
  case SL_OP_LOAD_FAST_AUG_ATTR:
  case SL_OP_LOAD_FAST_AUG:
  case SL_OP_LOAD_FREE_AUG:
  case SL_OP_LOAD_FAST_BOUND:
  case SL_OP_LOAD_CONST_RETURN:
  case SL_OP_LOAD_DEREF:
  case SL_OP_LOAD_FREE:
  case SL_OP_LOAD_CLOSURE:
  case SL_OP_LOAD_GLOBAL:
  case SL_OP_LOAD_GLOBAL_MOD:
  case SL_OP_LOAD_FAST_METHOD:
  case SL_OP_LOAD_FAST_METHOD_ARG:
  case SL_OP_LOAD_FAST_IS_NONE:
  case SL_OP_LOAD_FAST_SUBSCR:
  case SL_OP_LOAD_FAST_AUG_SUBSCR:
  case SL_OP_LOAD_FAST_STORE_SUBSCR:
  case SL_OP_LOAD_FAST_BINOP:
  case SL_OP_LOAD_CONST_BINOP:
  case SL_OP_LOAD_FREE_METHOD:
  case SL_OP_LOAD_NAME:
  case SL_OP_IMPORT_NAME:
  case SL_OP_LOAD_ASSERTION_ERROR: return 1;
  case SL_OP_STORE_ATTR:
  case SL_OP_DELETE_SUBSCR:
  case SL_OP_BUILD_SLICE:
  case SL_OP_MAP_ADD: return -2;
  case SL_OP_STORE_SUBSCR: return -3;
  case SL_OP_WITH_EXIT_CHECK: return -4;
  case SL_OP_SETUP_ASYNC_WITH:
  case SL_OP_ASYNC_WITH_ENTER: return 2;
  case SL_OP_JUMP_IF_FALSE_OR_POP:
  case SL_OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
  case SL_OP_FOR_ITER: return jump ? -1 : 1;
  case SL_OP_BUILD_TUPLE:
  case SL_OP_BUILD_LIST:
  case SL_OP_BUILD_SET:
  case SL_OP_BUILD_STRING: return 1 - a;
  case SL_OP_BUILD_MAP: return 1 - 2 * a;
  case SL_OP_UNPACK_SEQUENCE: return a - 1;
  case SL_OP_UNPACK_EX: return (a & 0xff) + (a >> 8);
  case SL_OP_CALL: return -a;
  case SL_OP_CALL_KW: return -a - 1;
  case SL_OP_LOAD_METHOD: return 1;
  case SL_OP_CALL_METHOD:
  case SL_OP_CALL_METHOD_STMT: return -a - 1;
  case SL_OP_CALL_EX: return -1 - (a & 1);
  case SL_OP_MAKE_FUNCTION:
    return -(int)(((a & SL_MF_DEFAULTS) != 0) + ((a & SL_MF_KWDEFAULTS) != 0) +
                  ((a & SL_MF_CLOSURE) != 0));
  case SL_OP_FORMAT_VALUE: return (a & 0x100) ? -1 : 0;
  case SL_OP_RAISE: return -a;
  case SL_OP_BUILD_CLASS: return -((a & ~SL_BUILD_CLASS_KW) + 1 + ((a & SL_BUILD_CLASS_KW) != 0));
  case SL_OP_ASYNC_WITH_EXIT: return a ? 1 : -1;
  case SL_OP__COUNT: break;
  }
  return 0;
}

static bool is_end(sl_opcode op) {
  return op == SL_OP_JUMP || op == SL_OP_RETURN_VALUE || op == SL_OP_RAISE || op == SL_OP_RERAISE;
}

/* The deepest value stack a frame may need (docs/language.md "Limits"):
 * displays and calls never come near it (compile_expr.c builds large ones
 * one element at a time); only a statement that keeps as many values at
 * once, like an unpacking into more than this many targets, does. */
#define SL_STACK_MAX (1 << 16)

/* The deepest the value stack gets: a flow analysis over the bytecode. */
uint32_t sl__max_stack(compiler *c, unit *u) {
  /* depth[i]: the deepest stack seen on entry to instruction i; a target
   * is (re)queued only when its depth grows and it is not queued yet, so
   * the work list never holds more than ncode + 1 entries. */
  int32_t *depth = sl__cmalloc(c, (u->ncode + 1) * sizeof *depth);
  size_t *work = sl_malloc((u->ncode + 1) * sizeof *work);
  bool *queued = sl_calloc(u->ncode + 1, sizeof *queued);
  if (!work || !queued) {
    sl_free(depth);
    sl_free(work);
    sl_free(queued);
    sl__cnomem(c);
  }
  for (size_t i = 0; i <= u->ncode; i++) depth[i] = -1;
  size_t nwork = 0;
  int32_t maxd = 0;
  depth[0] = 0;
  work[nwork++] = 0;
  queued[0] = true;
  while (nwork) {
    size_t i = work[--nwork];
    queued[i] = false;
    int32_t d = depth[i];
    for (; i < u->ncode; i++) {
      const sl_instr *in = &u->code[i];
      sl_opcode op = (sl_opcode)in->op;
      if (sl__is_jump(op)) {
        int32_t t = in->arg;
        int32_t dj = d + stack_effect(in, true);
        if (dj > maxd) maxd = dj;
        if (t >= 0 && (size_t)t <= u->ncode && depth[t] < dj) {
          depth[t] = dj;
          if (!queued[t]) {
            queued[t] = true;
            work[nwork++] = (size_t)t;
          }
        }
      }
      if (is_end(op)) break;
      d += stack_effect(in, false);
      if (d > SL_STACK_MAX || d < 0) {
        sl_free(depth);
        sl_free(work);
        sl_free(queued);
        if (d > 0)
          sl__cerr(c, u->lines[i], 0, SL_DIAG_LIMIT, NULL,
                   "statement too large: it needs more than %d values on the stack at once "
                   "(simloop limit; e.g. unpacking into that many targets)",
                   SL_STACK_MAX);
        sl__cerr(c, u->lines[i], 0, SL_DIAG_LIMIT, NULL,
                 "internal compiler error: unbalanced stack (please report this program)");
      }
      if (d > maxd) maxd = d;
      if (depth[i + 1] >= d) break;
      depth[i + 1] = d;
    }
  }
  sl_free(depth);
  sl_free(work);
  sl_free(queued);
  return (uint32_t)maxd + 2;
}

/* Meets `s` into the set of locals bound at instruction t (a path's view). */
static void bound_meet(uint64_t *in, size_t n, int32_t t, uint64_t s, bool *changed) {
  if (t < 0 || (size_t)t >= n || (in[t] & s) == in[t]) return;
  in[t] &= s;
  *changed = true;
}

/* The sets are met forward: the parameters (`entry`) at the start,
 * STORE_FAST binds, paths meet at jump targets. A local that any
 * DELETE_FAST unbinds is left out everywhere: every other one, once bound,
 * stays bound along a path, which makes a handler's target safe to meet
 * from its SETUP_FINALLY (the set there holds at any instruction that
 * raises into it later). A `with`'s entry pushes the block of the
 * SETUP_FINALLY after it before that instruction runs (its `as` target
 * between): met from the entry. Fall-through is met after every
 * instruction, also after a return or a raise (only narrower). */
uint64_t *sl__bound_locals(unit *u, uint64_t entry) {
  size_t n = u->ncode;
  uint64_t *in = sl_malloc((n ? n : 1) * sizeof *in);
  if (!in) return NULL;
  uint64_t deleted = 0;
  for (size_t i = 0; i < n; i++)
    if (u->code[i].op == SL_OP_DELETE_FAST && u->code[i].arg >= 0 && u->code[i].arg < 64)
      deleted |= UINT64_C(1) << u->code[i].arg;
  for (size_t i = 0; i < n; i++) in[i] = ~deleted;
  if (n) in[0] = entry & ~deleted;
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < n; i++) {
      const sl_instr *x = &u->code[i];
      uint64_t s = in[i];
      if (x->op == SL_OP_SETUP_ASYNC_WITH || x->op == SL_OP_ASYNC_WITH_ENTER) {
        size_t j = i + 1;
        while (j < n && u->code[j].op != SL_OP_SETUP_FINALLY) j++;
        if (j < n) bound_meet(in, n, u->code[j].arg, s, &changed);
      }
      if (sl__is_jump((sl_opcode)x->op)) bound_meet(in, n, x->arg, s, &changed);
      if (x->op == SL_OP_STORE_FAST && x->arg >= 0 && x->arg < 64)
        s |= (UINT64_C(1) << x->arg) & ~deleted;
      bound_meet(in, n, (int32_t)(i + 1), s, &changed);
    }
  }
  return in;
}
