/* Arithmetic on bool, int and float. Mirrors the binary slots of
 * Objects/longobject.c, boolobject.c and floatobject.c; the exact int64
 * arithmetic itself is numfmt's (numarith.c). Ints that do not fit int64
 * (operands or results) continue in ops_long.c. */
#include <math.h>

#include "core/lang/ops-int.h"

int sl_raise_int_overflow(sl_rt *rt) {
  return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "integer overflow: simloop supports 64-bit integers");
}

int sl__num_error(sl_rt *rt, sl_num_status st, sl_num_op op, bool float_operands) {
  int minor = sl__py_minor(rt);
  switch (st) {
  case SL_NUM_OK: return 0;
  case SL_NUM_ZERO_DIVISION:
    return sl_raise(rt, SL_EXC_ZERO_DIVISION_ERROR, "%s",
                    sl_zerodiv_message(op, float_operands, minor));
  case SL_NUM_INT_OVERFLOW: return sl_raise_int_overflow(rt);
  case SL_NUM_VALUE_ERROR:
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_num_message(st, op, float_operands, minor));
  case SL_NUM_OVERFLOW_ERROR:
    if (op == SL_OP_POW) {
      /* float_pow raises OverflowError(errno, strerror(errno)): two args. */
      sl_obj *msg = sl_str_from_cstr(rt, "Numerical result out of range");
      if (!msg) return -1;
      sl_value args[2] = {sl_int(34), sl_obj_val(msg)};
      sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_OVERFLOW_ERROR], args, 2);
      sl_decref(rt, msg);
      if (!e) return -1;
      return sl_err_restore(rt, e);
    }
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "%s", sl_num_message(st, op, float_operands, minor));
  case SL_NUM_COMPLEX:
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "complex numbers are not supported by simloop (the result would be "
                    "complex)");
  case SL_NUM_MEMORY_ERROR: return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  case SL_NUM_NOMEM:
  default: return sl_nomem(rt);
  }
}

/* Shifts within int64: 1 done, 0 when the result needs a long. */
static int int_shift(sl_rt *rt, bool left, int64_t a, int64_t b, sl_value *out) {
  if (b < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "negative shift count");
  if (!left) {
    *out = sl_int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
    return 1;
  }
  if (a == 0) {
    *out = sl_int(0);
    return 1;
  }
  if (b >= 63) return 0;
  int64_t r = (int64_t)((uint64_t)a << b);
  if ((r >> b) != a) return 0;
  *out = sl_int(r);
  return 1;
}

/* int64 (and bool) operands; a result beyond int64 is computed again by
 * ops_long.c. */
static int int_binary(sl_rt *rt, sl_ast_binop op, sl_value va, sl_value vb, sl_value *out) {
  int64_t a = sl__intval(va), b = sl__intval(vb), r = 0;
  sl_num_status st = SL_NUM_OK;
  sl_num_op nop = SL_OP_ADD;
  bool both_bool = va.tag == SL_V_BOOL && vb.tag == SL_V_BOOL;
  switch (op) {
  case SL_BIN_ADD: st = sl_int_add(a, b, &r); break;
  case SL_BIN_SUB:
    st = sl_int_sub(a, b, &r);
    nop = SL_OP_SUB;
    break;
  case SL_BIN_MULT:
    st = sl_int_mul(a, b, &r);
    nop = SL_OP_MUL;
    break;
  case SL_BIN_DIV: {
    double f;
    st = sl_int_truediv(a, b, &f);
    if (st) return sl__num_error(rt, st, SL_OP_TRUEDIV, false);
    *out = sl_float(f);
    return 1;
  }
  case SL_BIN_FLOORDIV:
    st = sl_int_floordiv(a, b, &r);
    nop = SL_OP_FLOORDIV;
    break;
  case SL_BIN_MOD:
    st = sl_int_mod(a, b, &r);
    nop = SL_OP_MOD;
    break;
  case SL_BIN_POW: {
    double f;
    bool is_float;
    st = sl_int_pow(a, b, &r, &f, &is_float);
    if (st == SL_NUM_INT_OVERFLOW) break;
    if (st) return sl__num_error(rt, st, SL_OP_POW, false);
    *out = is_float ? sl_float(f) : sl_int(r);
    return 1;
  }
  case SL_BIN_LSHIFT:
  case SL_BIN_RSHIFT: {
    int rc = int_shift(rt, op == SL_BIN_LSHIFT, a, b, out);
    if (rc) return rc;
    st = SL_NUM_INT_OVERFLOW;
    break;
  }
  case SL_BIN_BITAND: r = a & b; break;
  case SL_BIN_BITOR: r = a | b; break;
  case SL_BIN_BITXOR: r = a ^ b; break;
  }
  if (st) {
    if (st == SL_NUM_INT_OVERFLOW) return sl__long_binary(rt, op, va, vb, out) ? -1 : 1;
    return sl__num_error(rt, st, nop, false);
  }
  /* bool & | ^ bool stays a bool (bool_and, bool_or, bool_xor). */
  if (both_bool && (op == SL_BIN_BITAND || op == SL_BIN_BITOR || op == SL_BIN_BITXOR))
    *out = sl_bool(r != 0);
  else
    *out = sl_int(r);
  return 1;
}

static int float_binary(sl_rt *rt, sl_ast_binop op, double a, double b, sl_value *out) {
  double r = 0;
  sl_num_status st = SL_NUM_OK;
  sl_num_op nop = SL_OP_ADD;
  switch (op) {
  case SL_BIN_ADD: r = a + b; break;
  case SL_BIN_SUB: r = a - b; break;
  case SL_BIN_MULT: r = a * b; break;
  case SL_BIN_DIV:
    st = sl_float_truediv(a, b, &r);
    nop = SL_OP_TRUEDIV;
    break;
  case SL_BIN_FLOORDIV:
    st = sl_float_floordiv(a, b, &r);
    nop = SL_OP_FLOORDIV;
    break;
  case SL_BIN_MOD:
    st = sl_float_mod(a, b, &r);
    nop = SL_OP_MOD;
    break;
  case SL_BIN_POW:
    st = sl_float_pow(a, b, &r);
    nop = SL_OP_POW;
    break;
  default: return 0; /* shifts and bitwise: not for floats */
  }
  if (st) return sl__num_error(rt, st, nop, true);
  *out = sl_float(r);
  return 1;
}

/* bool or int64: tags SL_V_BOOL, SL_V_INT; plus float: SL_V_FLOAT. */
static inline bool tag_intlike(sl_vtag t) { return (unsigned)t - SL_V_BOOL <= 1u; }
static inline bool tag_plain_num(sl_vtag t) { return (unsigned)t - SL_V_BOOL <= 2u; }

int sl__num_binary(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out) {
  /* The common cases first, with two range checks on the tags. */
  if (tag_intlike(a.tag) && tag_intlike(b.tag)) return int_binary(rt, op, a, b, out);
  double x, y;
  if (tag_plain_num(a.tag) && tag_plain_num(b.tag)) {
    x = sl__floatval(a);
    y = sl__floatval(b);
  } else {
    /* A long object is involved, or something that is not a number. */
    if (!sl__is_num(a) || !sl__is_num(b)) return 0;
    if (a.tag != SL_V_FLOAT && b.tag != SL_V_FLOAT)
      return sl__long_binary(rt, op, a, b, out) ? -1 : 1;
    if (op >= SL_BIN_LSHIFT) return 0; /* no shifts or bitwise operators on floats */
    if (sl__to_double(rt, a, &x) || sl__to_double(rt, b, &y)) return -1;
  }
  return float_binary(rt, op, x, y, out);
}
