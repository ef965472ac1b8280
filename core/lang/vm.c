/* The bytecode interpreter: one function that runs a frame until it
 * returns, raises, or suspends at an `await` (mirrors the parts of
 * CPython's Python/ceval.c that the instruction set in code.h needs).
 *
 * The loop only dispatches: each opcode's body is a static inline function
 * in the file of its family (vm_ops_load, _value, _containers, _calls,
 * _control, _exc, _async -int.h, as CPython's bytecodes.c groups them), so
 * the compiler still sees one function. A body returns SL_OPR_OK or how
 * to unwind (vm_ops-int.h).
 *
 * Exceptions: an instruction that fails jumps to `error`, which records a
 * traceback entry for this frame and unwinds the block stack to the
 * innermost SETUP_FINALLY (pushing the exception for the handler) or out of
 * the frame. Re-raises (bare `raise`, RERAISE) skip the traceback entry, as
 * CPython's `exception_unwind` does. */
#include "core/lang/vm_ops-int.h"
#include "core/lang/vm_ops_async-int.h"
#include "core/lang/vm_ops_calls-int.h"
#include "core/lang/vm_ops_containers-int.h"
#include "core/lang/vm_ops_control-int.h"
#include "core/lang/vm_ops_exc-int.h"
#include "core/lang/vm_ops_load-int.h"
#include "core/lang/vm_ops_value-int.h"

sl_coro_status sl_vm_eval(sl_rt *rt, sl_frame *f, sl_resume mode, sl_value sendv, sl_value *out) {
#define VM_LANG sl_vm_lang(rt)
  sl_code *co = sl_as_code(f->code);
  const sl_instr *code = co->code;
  sl_value *sp = f->stack + f->sp;
  /* An await's result: set to None right before each await helper that
   * writes it (not here: a call that never awaits pays nothing). */
  sl_value res;
  sl_coro_status st = SL_CORO_ERROR;
  bool set_ctx = true, add_tb = true;
  /* Resumed by a throw: what comes out at the suspension point is chained
   * to the exception this frame was handling there (genobject.c
   * gen_send_ex2's _PyErr_ChainStackItem, at every frame of the chain). */
  bool thrown_in = false;
  int rc;
  /* The next instruction, kept out of the frame while the loop runs (in a
   * register): f->ip is written from it before every body that can call
   * out or drop a reference (SL_VM_SYNC_IP), at an unwind and at the
   * exit, so whatever reads f->ip (sl_frame_line) sees the instruction
   * running. */
  const sl_instr *ip = f->ip;
  int32_t arg;
  sl_value **spp = &sp; /* the opcode bodies' view of sp (vm_ops-int.h) */
  /* *out is written at each exit (a return, a yield, a suspension, None
   * at an error), not here: a call's return writes it once. */
  if (rt->recursion_depth > SL_MAX_RECURSION) {
    *out = sl_none();
    sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    return SL_CORO_ERROR;
  }
  rt->recursion_depth++;
  f->back = VM_LANG->frame;
  VM_LANG->frame = f;

  /* A fresh frame (SL_RESUME_START) has nothing to resume and was made
   * with `yielded` false; only a resume clears it. */
  if (mode == SL_RESUME_SEND) {
    f->yielded = false;
    if (sl_await_active(&f->aw)) {
      if (f->aw.target.tag == SL_V_NONE && !f->yf) {
        /* After the bare yield of `await asyncio.sleep(0)` (sl_await_send's
         * first case, in place): the await's result is None. A statement
         * await's POP_TOP would only pop it (no reference, nothing to run):
         * stepped over. */
        f->aw.target = sl_undef();
        if (ip->op == SL_OP_POP_TOP)
          ip++;
        else
          *sp++ = sl_none();
        goto dispatch;
      }
      res = vm_none();
      st = f->yf ? sl__yf_send(rt, f, sendv, &res) : sl_await_send(rt, &f->aw, sendv, &res);
      goto await_done;
    }
    /* A generator resumed at `yield`: the sent value is its result. */
    *sp++ = sl_vincref(sendv);
  }
  if (mode == SL_RESUME_THROW) {
    sl_obj *thrown = sendv.u.o;
    f->yielded = false;
    set_ctx = false;
    thrown_in = true;
    if (sl_await_active(&f->aw)) {
      res = vm_none();
      st = f->yf ? sl__yf_throw(rt, f, thrown, &res) : sl_await_throw(rt, &f->aw, thrown, &res);
      goto await_done;
    }
    sl_raise_obj(rt, thrown);
    goto error;
  }

  /* Dispatch. With gcc and clang each opcode's body ends with its own
   * indirect jump to the next one (computed goto: `&&label`), which
   * predicts far better than the one shared jump of a switch; other
   * compilers get the switch. No bounds check on ip: the compiler checks
   * jump targets and ends every code object with a sentinel opcode that
   * lands on `bad_op` (make_code in compile.c). The line is not stored per
   * instruction either: sl_frame_line derives it from ip when asked. */
#if defined(__GNUC__)
#define SL_VM_CGOTO 1
  /* Every opcode not listed (the sentinel, a corrupt byte) is bad_op. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
  static const void *const labels[256] = {
      [0 ... 255] = &&bad_op,
#define L(name) [SL_OP_##name] = &&op_##name
      L(NOP),
      L(POP_TOP),
      L(COPY),
      L(SWAP),
      L(LOAD_CONST),
      L(LOAD_FAST),
      L(STORE_FAST),
      L(DELETE_FAST),
      L(LOAD_DEREF),
      L(STORE_DEREF),
      L(DELETE_DEREF),
      L(LOAD_CLOSURE),
      L(LOAD_GLOBAL),
      L(LOAD_NAME),
      L(STORE_GLOBAL),
      L(STORE_NAME),
      L(DELETE_GLOBAL),
      L(DELETE_NAME),
      L(LOAD_ATTR),
      L(STORE_ATTR),
      L(DELETE_ATTR),
      L(BINARY_SUBSCR),
      L(STORE_SUBSCR),
      L(DELETE_SUBSCR),
      L(BUILD_SLICE),
      L(BINARY_OP),
      L(INPLACE_OP),
      L(UNARY_OP),
      L(COMPARE),
      L(JUMP),
      L(POP_JUMP_IF_FALSE),
      L(POP_JUMP_IF_TRUE),
      L(JUMP_IF_FALSE_OR_POP),
      L(JUMP_IF_TRUE_OR_POP),
      L(POP_JUMP_IF_NONE),
      L(GET_ITER),
      L(FOR_ITER),
      L(BUILD_TUPLE),
      L(BUILD_LIST),
      L(BUILD_SET),
      L(BUILD_MAP),
      L(LIST_APPEND),
      L(SET_ADD),
      L(MAP_ADD),
      L(LIST_EXTEND),
      L(SET_UPDATE),
      L(DICT_UPDATE),
      L(LIST_TO_TUPLE),
      L(UNPACK_SEQUENCE),
      L(UNPACK_EX),
      L(CALL),
      L(CALL_KW),
      L(CALL_EX),
      L(MAKE_FUNCTION),
      L(FORMAT_VALUE),
      L(BUILD_STRING),
      L(IMPORT_NAME),
      L(BUILD_CLASS),
      L(SUPER),
      L(RAISE),
      L(RERAISE),
      L(SETUP_FINALLY),
      L(POP_BLOCK),
      L(PUSH_EXC_INFO),
      L(POP_EXCEPT),
      L(CHECK_EXC_MATCH),
      L(LOAD_ASSERTION_ERROR),
      L(WITH_EXIT_CHECK),
      L(EXC_STAR_SPLIT),
      L(PREP_RERAISE_STAR),
      L(SETUP_ASYNC_WITH),
      L(ASYNC_WITH_EXIT),
      L(GET_AITER),
      L(GET_ANEXT),
      L(END_ASYNC_FOR),
      L(RETURN_VALUE),
      L(AWAIT),
      L(YIELD_VALUE),
      L(YIELD_FROM),
      L(LOAD_METHOD),
      L(CALL_METHOD),
      L(LOAD_FREE),
      L(STORE_FREE),
      L(LOAD_FAST_ATTR),
      L(LOAD_FAST_AUG_ATTR),
      L(LOAD_FAST_AUG),
      L(LOAD_FREE_AUG),
      L(LOAD_FAST_BOUND),
      L(LOAD_CONST_RETURN),
      L(LOAD_GLOBAL_MOD),
      L(LOAD_FAST_METHOD),
      L(LOAD_FREE_METHOD),
      L(LOAD_FAST_SUBSCR),
      L(LOAD_FAST_AUG_SUBSCR),
      L(LOAD_FAST_STORE_SUBSCR),
      L(ASYNC_WITH_ENTER),
      L(ASYNC_WITH_LEAVE),
      L(POP_JUMP_IF_NOT_NONE),
      L(LOAD_FAST_BINOP),
      L(LOAD_CONST_BINOP),
      L(CALL_METHOD_STMT),
      L(LOAD_FAST_METHOD_ARG),
      L(LOAD_FAST_IS_NONE),
#undef L
  };
#pragma GCC diagnostic pop
#define TARGET(name) op_##name:
#define DISPATCH()                                                                                 \
  do {                                                                                             \
    const sl_instr *in = ip++;                                                                     \
    arg = in->arg;                                                                                 \
    goto *labels[in->op];                                                                          \
  } while (0)
#else
#define TARGET(name) case SL_OP_##name:
#define DISPATCH()   goto dispatch
#endif
#define SL_VM_SYNC_IP() (f->ip = ip)
  /* An opcode body's status: on to the next instruction, or unwind;
   * NEXTJ also takes a jump to `arg`. */
#define NEXT(expr)                                                                                 \
  do {                                                                                             \
    rc = (expr);                                                                                   \
    if (__builtin_expect(rc == SL_OPR_OK, 1)) DISPATCH();                                          \
    goto op_failed;                                                                                \
  } while (0)
#define NEXTJ(expr)                                                                                \
  do {                                                                                             \
    rc = (expr);                                                                                   \
    if (rc == SL_OPR_OK) DISPATCH();                                                               \
    if (rc == SL_OPR_JUMP) {                                                                       \
      ip = code + arg;                                                                             \
      DISPATCH();                                                                                  \
    }                                                                                              \
    goto op_failed;                                                                                \
  } while (0)
  /* OP: f->ip written first. OP_PURE: for bodies that neither call out nor
   * drop a reference (a failure still writes it, at `error`). */
#define OP(name, fn)                                                                               \
  TARGET(name) SL_VM_SYNC_IP();                                                                    \
  NEXT(fn(rt, f, co, arg, spp))
#define OPX(name, fn, x)                                                                           \
  TARGET(name) SL_VM_SYNC_IP();                                                                    \
  NEXT(fn(rt, f, co, arg, spp, x))
#define OP_PURE(name, fn) TARGET(name) NEXT(fn(rt, f, co, arg, spp))
#define OPJ(name, fn)                                                                              \
  TARGET(name) SL_VM_SYNC_IP();                                                                    \
  NEXTJ(fn(rt, f, co, arg, spp))
  /* An opcode that makes what the next instruction, an AWAIT, awaits
   * first offers the work to the engine (now_fn, SL_OPR_AWAITED or
   * SL_OPR_LATER) with f->ip already where the AWAIT puts it: the body
   * runs as the await would run it (a program `__lt__` sees the await's
   * line); what it raises unwinds from past the AWAIT, so the traceback
   * line and __context__ are the await's. LATER restores f->ip.
   * SL_OPR_SUSPENDED: the frame suspended at the AWAIT with nothing made
   * to await (`await asyncio.sleep(0)`, vm_ops_async-int.h);
   * SL_OPR_SUSPENDED_ON: on a waiter future, in place of the coroutine.
   * Either body may return SL_OPR_DROPPED: the instruction after it (the
   * ordinary body) or after the AWAIT (now_fn), a POP_TOP of None (or a
   * STORE_FAST now_fn did), skipped. */
#define OP_AWAITABLE(name, now_fn, fn)                                                             \
  TARGET(name) {                                                                                   \
    if (ip->op == SL_OP_AWAIT) {                                                                   \
      f->ip = ip + 1;                                                                              \
      rc = now_fn(rt, f, co, arg, spp);                                                            \
      if (rc != SL_OPR_LATER) {                                                                    \
        ip++;                                                                                      \
        if (rc == SL_OPR_AWAITED) DISPATCH();                                                      \
        if (rc == SL_OPR_SUSPENDED) goto suspended;                                                \
        if (rc == SL_OPR_SUSPENDED_ON) goto suspended_on;                                          \
        if (rc == SL_OPR_DROPPED) {                                                                \
          ip++;                                                                                    \
          DISPATCH();                                                                              \
        }                                                                                          \
        goto op_failed;                                                                            \
      }                                                                                            \
    }                                                                                              \
    SL_VM_SYNC_IP();                                                                               \
    rc = fn(rt, f, co, arg, spp);                                                                  \
    if (__builtin_expect(rc == SL_OPR_OK, 1)) DISPATCH();                                          \
    if (rc == SL_OPR_DROPPED) {                                                                    \
      ip++;                                                                                        \
      DISPATCH();                                                                                  \
    }                                                                                              \
    goto op_failed;                                                                                \
  }
#define OPXJ(name, fn, x)                                                                          \
  TARGET(name) SL_VM_SYNC_IP();                                                                    \
  NEXTJ(fn(rt, f, co, arg, spp, x))

dispatch:
#ifdef SL_VM_CGOTO
  DISPATCH();
  {
#else
  arg = ip->arg;
  switch ((sl_opcode)(ip++)->op) {
#endif
    TARGET(NOP) DISPATCH();
    OP(POP_TOP, op_pop_top);
    OP_PURE(COPY, op_copy);
    OP_PURE(SWAP, op_swap);
    OP_PURE(LOAD_CONST, op_load_const);
    OP_PURE(LOAD_FAST, op_load_fast);
    TARGET(LOAD_FAST_BOUND) {
      *sp++ = vm_vincref(f->locals[arg]);
      DISPATCH();
    }
    TARGET(LOAD_FAST_ATTR) {
      /* Superinstructions (code.h): the fast path skips the sequence; else
       * the LOAD_FAST, and the rest of the sequence runs as written. */
      if (load_fast_attr(f, co, arg, ip, sp)) {
        sp++;
        ip++;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FAST_AUG) {
      if (load_aug_var(f, co, &f->locals[arg], ip)) {
        ip += 3;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FREE_AUG) {
      if (load_aug_var(f, co, &((sl_cell *)f->free[arg].u.o)->v, ip)) {
        ip += 3;
        DISPATCH();
      }
      NEXT(op_load_free(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FAST_METHOD) {
      if (load_var_method(co, f->locals[arg], ip, sp)) {
        sp += 2;
        ip++;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FAST_METHOD_ARG) {
      int n = load_method_arg(rt, co, f->locals[arg], f->locals[ip[1].arg], ip, sp);
      if (n == 2) { /* lst.append(y), the statement's five instructions */
        ip += 4;
        DISPATCH();
      }
      if (n) {
        sp += 3;
        ip += 2;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FREE_METHOD) {
      if (load_var_method(co, ((sl_cell *)f->free[arg].u.o)->v, ip, sp)) {
        sp += 2;
        ip++;
        DISPATCH();
      }
      NEXT(op_load_free(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FAST_AUG_ATTR) {
      if (load_fast_aug_attr(f, co, arg, ip)) {
        ip += 6;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FAST_SUBSCR) {
      if (load_fast_subscr(f, co, arg, ip, sp)) {
        sp++;
        ip += 2;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    TARGET(LOAD_FAST_AUG_SUBSCR) {
      if (load_fast_aug_subscr(f, co, arg, ip)) {
        ip += 9;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    OP(STORE_FAST, op_store_fast);
    OP(DELETE_FAST, op_delete_fast);
    OP_PURE(LOAD_DEREF, op_load_deref);
    OP(STORE_DEREF, op_store_deref);
    OP(DELETE_DEREF, op_delete_deref);
    OP_PURE(LOAD_FREE, op_load_free);
    OP(STORE_FREE, op_store_free);
    OP_PURE(LOAD_CLOSURE, op_load_closure);
    TARGET(LOAD_GLOBAL) {
      if (load_global_hit(rt, f, co, arg, sp)) {
        sp++;
        DISPATCH();
      }
      SL_VM_SYNC_IP();
      NEXT(op_load_global(rt, f, co, arg, spp, true));
    }
    TARGET(LOAD_GLOBAL_MOD) {
      int n = load_global_mod(f, co, arg, ip, sp);
      if (n) {
        sp += n;
        ip++;
        DISPATCH();
      }
      SL_VM_SYNC_IP();
      NEXT(op_load_global(rt, f, co, arg, spp, true));
    }
    OPX(LOAD_NAME, op_load_global, false);
    OPX(STORE_GLOBAL, op_store_global, false);
    OPX(STORE_NAME, op_store_global, true);
    OPX(DELETE_GLOBAL, op_delete_global, false);
    OPX(DELETE_NAME, op_delete_global, true);
    OP(LOAD_ATTR, op_load_attr);
    OP(STORE_ATTR, op_store_attr);
    OP(DELETE_ATTR, op_delete_attr);
    OP(BINARY_SUBSCR, op_binary_subscr);
    OP(STORE_SUBSCR, op_store_subscr);
    OP(DELETE_SUBSCR, op_delete_subscr);
    OP(BUILD_SLICE, op_build_slice);
    OPX(BINARY_OP, op_binary, false);
    OPX(INPLACE_OP, op_binary, true);
    TARGET(LOAD_FAST_BINOP) { /* vm_ops_value-int.h */
      if (load_fast_binop(f, co, arg, ip, sp)) {
        sp++;
        ip += 2;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
    TARGET(LOAD_CONST_BINOP) {
      if (load_const_binop(co, arg, ip, sp)) {
        ip++;
        DISPATCH();
      }
      NEXT(op_load_const(rt, f, co, arg, spp));
    }
    OP(UNARY_OP, op_unary);
    TARGET(COMPARE) {
      /* Two ints or two floats: nothing to call, nothing to release. The
       * POP_JUMP_IF_FALSE/TRUE that usually follows (an `if` or `while` on
       * a comparison) is taken here, without making the bool and
       * dispatching it; it stays in the code, where other jumps may land,
       * and its line cannot be observed (a bool's test never fails). The
       * two opcodes are adjacent: one subtraction tells either (and which)
       * from any other. */
      _Static_assert(SL_OP_POP_JUMP_IF_TRUE == SL_OP_POP_JUMP_IF_FALSE + 1, "adjacent jumps");
      bool r;
      if (compare_fast(arg, sp[-2], sp[-1], &r)) {
        sp -= 2;
        unsigned jump_if = (unsigned)ip->op - SL_OP_POP_JUMP_IF_FALSE; /* 1: IF_TRUE */
        if (jump_if <= 1) {
          ip = r == jump_if ? code + ip->arg : ip + 1;
          DISPATCH();
        }
        *sp++ = sl_bool(r);
        DISPATCH();
      }
      SL_VM_SYNC_IP();
      if (arg == SL_CMP_IS || arg == SL_CMP_ISNOT) {
        /* `x is None` and the like: identity runs nothing. The operands
         * are dropped as op_compare drops them (a, then b; f->ip at the
         * jump, which is where a finalizer sees the frame), then the jump
         * is taken as above. */
        sl_value a = sp[-2], b = sp[-1];
        r = vm_is(a, b) == (arg == SL_CMP_IS);
        sp -= 2;
        sl_vdecref(rt, a);
        sl_vdecref(rt, b);
        unsigned jump_if = (unsigned)ip->op - SL_OP_POP_JUMP_IF_FALSE; /* 1: IF_TRUE */
        if (jump_if <= 1) {
          ip = r == jump_if ? code + ip->arg : ip + 1;
          DISPATCH();
        }
        *sp++ = sl_bool(r);
        DISPATCH();
      }
      NEXT(op_compare(rt, f, co, arg, spp));
    }
    TARGET(JUMP) {
      /* Forward (if/else, break, the end of a try): nothing to count.
       * Backward, every loop's: the one place an endless loop with no
       * await (which would never let the event loop step) is bounded.
       * Counting calls nothing the frame could be read from. */
      if (code + arg < ip && iteration_over_budget(rt, VM_LANG)) {
        SL_VM_SYNC_IP();
        sl_rt_fatal(rt, SL_EBUDGET);
        goto exit_error;
      }
      ip = code + arg;
      DISPATCH();
    }
    OPXJ(POP_JUMP_IF_FALSE, op_pop_jump_if, false);
    OPXJ(POP_JUMP_IF_TRUE, op_pop_jump_if, true);
    OPXJ(JUMP_IF_FALSE_OR_POP, op_jump_if_or_pop, false);
    OPXJ(JUMP_IF_TRUE_OR_POP, op_jump_if_or_pop, true);
    OPJ(POP_JUMP_IF_NONE, op_pop_jump_if_none);
    TARGET(POP_JUMP_IF_NOT_NONE) { /* vm_ops_control-int.h */
      if (pop_jump_if_not_none(rt, f, ip, sp--)) ip = code + arg;
      DISPATCH();
    }
    TARGET(LOAD_FAST_IS_NONE) { /* vm_ops_control-int.h */
      ip = local_none_jump(f->locals[arg], ip) ? code + ip->arg : ip + 1;
      DISPATCH();
    }
    OP(GET_ITER, op_get_iter);
    TARGET(FOR_ITER) {
      if (for_range_store(f, ip, sp)) {
        ip++;
        DISPATCH();
      }
      SL_VM_SYNC_IP();
      NEXTJ(op_for_iter(rt, f, co, arg, spp));
    }
    OPX(BUILD_TUPLE, op_build_seq, true);
    OPX(BUILD_LIST, op_build_seq, false);
    OP(BUILD_SET, op_build_set);
    OP(BUILD_MAP, op_build_map);
    OPX(LIST_APPEND, op_collection_add, true);
    OPX(SET_ADD, op_collection_add, false);
    OP(MAP_ADD, op_map_add);
    OPX(LIST_EXTEND, op_extend, SL_OP_LIST_EXTEND);
    OPX(SET_UPDATE, op_extend, SL_OP_SET_UPDATE);
    OPX(DICT_UPDATE, op_extend, SL_OP_DICT_UPDATE);
    OP(LIST_TO_TUPLE, op_list_to_tuple);
    OPX(UNPACK_SEQUENCE, op_unpack, false);
    OPX(UNPACK_EX, op_unpack, true);
    OP_AWAITABLE(CALL, op_call_now, op_call);
    OP(LOAD_METHOD, op_load_method);
    OP_AWAITABLE(CALL_METHOD, op_call_method_now, op_call_method);
    TARGET(CALL_METHOD_STMT) {
      SL_VM_SYNC_IP();
      rc = op_call_method_stmt(rt, f, co, arg, spp);
      /* Done (the result dropped) or raised: never a pushed result. */
      if (__builtin_expect(rc == SL_OPR_DROPPED, 1)) {
        ip++;
        DISPATCH();
      }
      goto op_failed;
    }
    OP(CALL_KW, op_call_kw);
    OP(CALL_EX, op_call_ex);
    OP(MAKE_FUNCTION, op_make_function);
    OP(FORMAT_VALUE, op_format_value);
    OP(BUILD_STRING, op_build_string);
    OP(IMPORT_NAME, op_import_name);
    OP(BUILD_CLASS, op_build_class);
    OP(SUPER, op_super);
    OP(RAISE, op_raise);
    OP(RERAISE, op_reraise);
    OP(SETUP_FINALLY, op_setup_finally);
    OP(POP_BLOCK, op_pop_block);
    OP(PUSH_EXC_INFO, op_push_exc_info);
    OP(POP_EXCEPT, op_pop_except);
    OP(CHECK_EXC_MATCH, op_check_exc_match);
    OP(LOAD_ASSERTION_ERROR, op_load_assertion_error);
    OP(WITH_EXIT_CHECK, op_with_exit_check);
    OP(EXC_STAR_SPLIT, op_exc_star_split);
    OP(PREP_RERAISE_STAR, op_prep_reraise_star);
    TARGET(ASYNC_WITH_ENTER) { /* vm_ops_async-int.h */
      f->ip = ip + 1;
      rc = op_async_with_enter(rt, f, co, ip, spp);
      if (rc == SL_OPR_OK) {
        ip += 3;
        DISPATCH();
      }
      if (rc != SL_OPR_LATER) {
        ip++;
        if (rc == SL_OPR_AWAITED) DISPATCH();
        if (rc == SL_OPR_SUSPENDED_ON) goto suspended_on;
        goto op_failed;
      }
    } /* fall through: SETUP_ASYNC_WITH as written (its now body answers LATER again) */
    OP_AWAITABLE(SETUP_ASYNC_WITH, op_setup_async_with_now, op_setup_async_with);
    OP_AWAITABLE(ASYNC_WITH_EXIT, op_async_with_exit_now, op_async_with_exit);
    TARGET(ASYNC_WITH_LEAVE) {
      f->ip = ip + 2;
      rc = op_async_with_leave(rt, f, spp);
      if (rc == SL_OPR_OK) {
        ip = code + ip[3].arg;
        DISPATCH();
      }
      if (rc == SL_OPR_LATER) {
        f->nblocks--; /* POP_BLOCK */
        DISPATCH();
      }
      ip += 2;
      goto op_failed;
    }
    OPX(GET_AITER, op_get_aiter_anext, true);
    OPX(GET_ANEXT, op_get_aiter_anext, false);
    OP(END_ASYNC_FOR, op_end_async_for);
    TARGET(RETURN_VALUE) {
      *out = *--sp;
      st = SL_CORO_RETURN;
      goto exit;
    }
    TARGET(LOAD_CONST_RETURN) {
      /* The constant goes to *out without the stack; f->ip is written
       * past the RETURN_VALUE, where the pair would leave it. */
      *out = vm_vincref(co->consts[arg]);
      ip++;
      st = SL_CORO_RETURN;
      goto exit;
    }
    TARGET(AWAIT) {
      SL_VM_SYNC_IP();
      sl_value v = *--sp;
      res = vm_none();
      st = sl__vm_await_begin(rt, f, v, &res);
      sl_vdecref(rt, v);
      goto await_done;
    }
    TARGET(YIELD_VALUE) {
      *out = *--sp;
      f->yielded = true;
      st = SL_CORO_YIELD;
      goto exit;
    }
    TARGET(YIELD_FROM) {
      SL_VM_SYNC_IP();
      sl_value v = *--sp;
      res = vm_none();
      st = sl__yf_begin(rt, f, v, &res);
      sl_vdecref(rt, v);
      goto await_done;
    }
    TARGET(LOAD_FAST_STORE_SUBSCR) {
      if (load_fast_store_subscr(f, co, arg, ip, sp)) {
        sp--;
        ip += 2;
        DISPATCH();
      }
      NEXT(op_load_fast(rt, f, co, arg, spp));
    }
#ifdef SL_VM_CGOTO
  bad_op:
#else
  case SL_OP__COUNT:
  default:
#endif
    sl_rt_fatal(rt, SL_ECORRUPT);
    goto exit_error;
  }
#undef OP
#undef OPX
#undef OP_PURE
#undef OPJ
#undef OPXJ
#undef OP_AWAITABLE
#undef NEXT
#undef NEXTJ
#undef TARGET
#undef DISPATCH

suspended_on: /* at an AWAIT, on the future f->aw waits on in place of an engine
               * coroutine (SL_OPR_SUSPENDED_ON): yields it */
  *out = vm_vincref(f->aw.target);
  st = SL_CORO_YIELD;
  goto exit;
suspended: /* at an AWAIT, with nothing made to await (SL_OPR_SUSPENDED): None */
  *out = vm_none();
  st = SL_CORO_YIELD;
  goto exit;

op_failed:
  if (rc == SL_OPR_FATAL) goto exit_error;
  set_ctx = rc == SL_OPR_ERROR;
  add_tb = rc != SL_OPR_RERAISE;
  goto error;

await_done:
  if (st != SL_CORO_ERROR) thrown_in = false;
  if (st == SL_CORO_YIELD) {
    *out = res;
    goto exit;
  }
  if (st == SL_CORO_RETURN) {
    /* A statement await: its POP_TOP runs here, f->ip past it as the
     * POP_TOP's body would have it when the result dies. */
    if (ip->op == SL_OP_POP_TOP) {
      f->ip = ++ip;
      sl_vdecref(rt, res);
      goto dispatch;
    }
    *sp++ = res;
    goto dispatch;
  }
  /* fall through: the awaited thing raised */

error:
  SL_VM_SYNC_IP();
  if (rt->fatal || !rt->exc) {
    if (!rt->fatal && !rt->exc) sl_rt_fatal(rt, SL_ECORRUPT);
    goto exit_error;
  }
  if (thrown_in)
    sl_exc_chain(rt, rt->exc, f->exc_info);
  else if (set_ctx && sl_as_exc(rt->exc)->ntb == 0 && rt->exc_chained != rt->exc)
    sl__vm_set_context(rt, rt->exc);
  thrown_in = false;
  if (add_tb && sl_exc_add_tb(rt, rt->exc, co->filename, co->name, sl_frame_line(f)))
    goto exit_error;
  set_ctx = true;
  add_tb = true;
  while (f->nblocks) {
    sl_block *b = &f->blocks[--f->nblocks];
    while (sp > f->stack + b->level) sl_vdecref(rt, *--sp);
    if (b->kind == SL_BLOCK_HANDLER) {
      sl_obj *old = f->exc_info;
      f->exc_info = b->saved_exc;
      b->saved_exc = NULL;
      sl_decref(rt, old);
      continue;
    }
    *sp++ = sl_obj_val(sl_err_fetch(rt));
    ip = code + b->handler;
    goto dispatch;
  }

exit_error:
  *out = sl_none();
  st = SL_CORO_ERROR;
exit:
  SL_VM_SYNC_IP();
  f->sp = (uint32_t)(sp - f->stack);
  VM_LANG->frame = f->back;
  rt->recursion_depth--;
  return st;
#undef VM_LANG
}
