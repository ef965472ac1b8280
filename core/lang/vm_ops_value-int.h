/* Opcode family: operators, comparisons and f-string pieces (values in,
 * a value out). Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_VALUE_INT_H
#define SL_LANG_VM_OPS_VALUE_INT_H

#include "core/lang/vm_ops-int.h"
#include "core/str.h"

/* Python's // and % of two ints, rounding toward negative infinity;
 * false when the general path must answer (a zero divisor raises, and
 * INT64_MIN // -1 leaves int64). */
SL_OP_INLINE bool int_divmod_fast(int32_t op, int64_t a, int64_t b, int64_t *r) {
  if (b == 0 || (b == -1 && a == INT64_MIN)) return false;
  int64_t q = a / b, m = a % b;
  if (m != 0 && ((m ^ b) < 0)) q--, m += b;
  *r = op == SL_BIN_MOD ? m : q;
  return true;
}

/* An int that converts to a double exactly (|i| <= 2**53): int / int is
 * then the quotient of the two doubles, as long_true_divide's fast path. */
SL_OP_INLINE bool exact_double(int64_t i) {
  return i >= -(INT64_C(1) << 53) && i <= INT64_C(1) << 53;
}

/* + - * // % of two ints that stay within int64, int / int of ints a double
 * holds exactly, and + - * / of two floats: what int_binary and
 * float_binary in ops_num.c compute, without the calls (counters, clocks
 * and indexes are most of a loop's arithmetic). 1 done, 0 the general path
 * must answer (overflow to a long, a zero divisor, other types, other
 * operators). */
SL_OP_INLINE int binary_fast(int32_t op, sl_value a, sl_value b, sl_value *out) {
  if (a.tag == SL_V_INT && b.tag == SL_V_INT) {
    int64_t r;
    bool over;
    /* `n += 1` and `a + b` first: a compare instead of the switch's table. */
    if (op == SL_BIN_ADD) {
      if (__builtin_add_overflow(a.u.i, b.u.i, &r)) return 0;
      *out = vm_int(r);
      return 1;
    }
    switch (op) {
    case SL_BIN_ADD: over = __builtin_add_overflow(a.u.i, b.u.i, &r); break;
    case SL_BIN_SUB: over = __builtin_sub_overflow(a.u.i, b.u.i, &r); break;
    case SL_BIN_MULT: over = __builtin_mul_overflow(a.u.i, b.u.i, &r); break;
    case SL_BIN_FLOORDIV:
    case SL_BIN_MOD: over = !int_divmod_fast(op, a.u.i, b.u.i, &r); break;
    case SL_BIN_DIV:
      if (b.u.i == 0 || !exact_double(a.u.i) || !exact_double(b.u.i)) return 0;
      *out = vm_float((double)a.u.i / (double)b.u.i);
      return 1;
    default: return 0;
    }
    if (over) return 0;
    *out = vm_int(r);
    return 1;
  }
  if (a.tag == SL_V_FLOAT && b.tag == SL_V_FLOAT) {
    /* `t += x` first, as for ints. */
    if (op == SL_BIN_ADD) {
      *out = vm_float(a.u.f + b.u.f);
      return 1;
    }
    switch (op) {
    case SL_BIN_ADD: *out = vm_float(a.u.f + b.u.f); return 1;
    case SL_BIN_SUB: *out = vm_float(a.u.f - b.u.f); return 1;
    case SL_BIN_MULT: *out = vm_float(a.u.f * b.u.f); return 1;
    case SL_BIN_DIV:
      if (b.u.f == 0.0) return 0;
      *out = vm_float(a.u.f / b.u.f);
      return 1;
    default: return 0;
    }
  }
  return 0;
}

/* LOAD_FAST_BINOP's fast path (x local `arg`, `in` the LOAD_CONST c after
 * it, in[1] the BINARY_OP): x and c (borrowed; an unbound x is UNDEF,
 * which binary_fast never takes) immediates of one kind that binary_fast
 * combines. 1 *out set, 0 run the plain instructions. (A local for c too,
 * `a * b`, cost the constant's case a select: timers +8 a sleep.) */
SL_OP_INLINE int load_fast_binop(sl_frame *f, sl_code *co, int32_t arg, const sl_instr *in,
                                 sl_value *out) {
  const sl_value *a = &f->locals[arg];
  const sl_value *b = &co->consts[in->arg];
  return a->tag == b->tag && binary_fast(in[1].arg, *a, *b, out);
}

/* LOAD_CONST_BINOP's fast path (constant `arg`, `in` the BINARY_OP after
 * it): the top of the stack and the constant immediates of one kind that
 * binary_fast combines; the result replaces the top (an immediate: no
 * reference to drop). 1 done, 0 run the plain instructions. */
SL_OP_INLINE int load_const_binop(sl_code *co, int32_t arg, const sl_instr *in, sl_value *sp) {
  sl_value b = co->consts[arg];
  return sp[-1].tag == b.tag && binary_fast(in->arg, sp[-1], b, &sp[-1]);
}

SL_OP_INLINE int op_binary(SL_OP_PARAMS, bool inplace) {
  (void)f, (void)co;
  /* binary_fast combines only operands of one kind: one compare sends a
   * mixed pair to the general path at once (and gcc spills less). */
  if (SP[-2].tag == SP[-1].tag && binary_fast(arg, SP[-2], SP[-1], &SP[-2])) {
    SP--; /* two immediates: nothing to release */
    return 0;
  }
  sl_value b = POP(), a = POP(), v;
  int rc = inplace ? sl_inplace_op(rt, (sl_ast_binop)arg, a, b, &v)
                   : sl_binary_op(rt, (sl_ast_binop)arg, a, b, &v);
  sl_vdecref(rt, a);
  sl_vdecref(rt, b);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_unary(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value a = POP(), v;
  int rc;
  if (arg == SL_UNARY_NOT) {
    bool t = false;
    rc = sl_truth(rt, a, &t);
    v = sl_bool(!t);
  } else {
    rc = sl_unary_op(rt, (sl_ast_unaryop)arg, a, &v);
  }
  sl_vdecref(rt, a);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

/* Ordering and equality of two ints or two floats (C's comparisons are
 * Python's on these, NaN included). 1 done, 0 the general path. */
SL_OP_INLINE int compare_fast(int32_t op, sl_value a, sl_value b, bool *r) {
  if (a.tag == SL_V_INT && b.tag == SL_V_INT) {
    int64_t x = a.u.i, y = b.u.i;
    /* `i < n` first: a compare instead of the switch's table. */
    if (op == SL_CMP_LT) {
      *r = x < y;
      return 1;
    }
    switch (op) {
    case SL_CMP_EQ: *r = x == y; return 1;
    case SL_CMP_NOTEQ: *r = x != y; return 1;
    case SL_CMP_LT: *r = x < y; return 1;
    case SL_CMP_LTE: *r = x <= y; return 1;
    case SL_CMP_GT: *r = x > y; return 1;
    case SL_CMP_GTE: *r = x >= y; return 1;
    default: return 0;
    }
  }
  if (a.tag == SL_V_FLOAT && b.tag == SL_V_FLOAT) {
    double x = a.u.f, y = b.u.f;
    switch (op) {
    case SL_CMP_EQ: *r = x == y; return 1;
    case SL_CMP_NOTEQ: *r = x != y; return 1;
    case SL_CMP_LT: *r = x < y; return 1;
    case SL_CMP_LTE: *r = x <= y; return 1;
    case SL_CMP_GT: *r = x > y; return 1;
    case SL_CMP_GTE: *r = x >= y; return 1;
    default: return 0;
    }
  }
  return 0;
}

/* sl_is (object.c) with its commonest answers in line: different kinds,
 * two objects, None and None. */
SL_OP_INLINE bool vm_is(sl_value a, sl_value b) {
  if (a.tag != b.tag) return false;
  if (a.tag == SL_V_OBJ) return a.u.o == b.u.o;
  if (a.tag == SL_V_NONE) return true;
  return sl_is(a, b);
}

SL_OP_INLINE int op_compare(SL_OP_PARAMS) {
  (void)f, (void)co;
  bool r = false;
  if (compare_fast(arg, SP[-2], SP[-1], &r)) {
    SP--;
    SP[-1] = sl_bool(r);
    return 0;
  }
  sl_value b = POP(), a = POP();
  int rc = sl_compare(rt, (sl_ast_cmpop)arg, a, b, &r);
  sl_vdecref(rt, a);
  sl_vdecref(rt, b);
  if (rc) return -1;
  PUSH(sl_bool(r));
  return 0;
}

static int format_value(sl_rt *rt, int32_t arg, sl_value v, sl_value spec, sl_value *out) {
  char conv = (char)(arg & 0xff);
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = 0;
  sl_value x = sl_vincref(v);
  if (conv == 'r' || conv == 'a' || conv == 's') {
    rc = conv == 's' ? sl_vm_str(rt, v, &b) : sl_vm_repr(rt, v, &b);
    sl_vdecref(rt, x);
    x = sl_undef();
    if (!rc) {
      sl_obj *s = sl_str_take_buf(rt, &b);
      if (!s)
        rc = -1;
      else
        x = sl_obj_val(s);
    }
    sl_strbuf_clear(&b);
  }
  if (!rc) {
    if (sl_is_undef(spec) && sl_is_str(x)) {
      *out = x;
      sl_strbuf_free(&b);
      return 0;
    }
    if (sl_is_undef(spec))
      rc = sl_vm_str(rt, x, &b);
    else
      rc = sl_format(rt, x, sl_str_cstr(spec.u.o), sl_as_str(spec.u.o)->len, &b);
    if (!rc) {
      sl_obj *s = sl_str_take_buf(rt, &b);
      if (!s)
        rc = -1;
      else
        *out = sl_obj_val(s);
    }
  }
  sl_vdecref(rt, x);
  sl_strbuf_free(&b);
  return rc;
}

static int build_string(sl_rt *rt, const sl_value *parts, size_t n, sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  for (size_t i = 0; i < n; i++)
    if (sl_is_str(parts[i]))
      sl_strbuf_append(&b, sl_str_cstr(parts[i].u.o), sl_as_str(parts[i].u.o)->len);
  if (b.failed) {
    sl_strbuf_free(&b);
    return sl_nomem(rt);
  }
  sl_obj *s = sl_str_new(rt, b.data ? b.data : "", b.len);
  sl_strbuf_free(&b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

SL_OP_INLINE int op_format_value(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value spec = (arg & 0x100) ? POP() : sl_undef();
  sl_value v = POP(), s;
  int rc = format_value(rt, arg, v, spec, &s);
  sl_vdecref(rt, spec);
  sl_vdecref(rt, v);
  if (rc) return -1;
  PUSH(s);
  return 0;
}

SL_OP_INLINE int op_build_string(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value s;
  int rc = build_string(rt, SP - arg, (size_t)arg, &s);
  for (int32_t i = 0; i < arg; i++) sl_vdecref(rt, POP());
  if (rc) return -1;
  PUSH(s);
  return 0;
}

#endif
