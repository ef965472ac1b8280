/* Operators on ints once a value leaves int64: an operand is a long
 * object, or the int64 fast path of ops_num.c overflowed. Mirrors the
 * binary and unary slots of Objects/longobject.c (long_add ... long_pow,
 * long_lshift, long_rshift, long_and/or/xor, long_invert, long_neg); the
 * arithmetic is core/num/bigint.h's. */
#include "core/lang/ops-int.h"

/* Raises for a bigint status (SL_NUM_NOMEM ends the run). */
static int long_error(sl_rt *rt, sl_num_status st, sl_num_op op) {
  if (st == SL_NUM_OVERFLOW_ERROR && op == SL_OP_TRUEDIV)
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "integer division result too large for a float");
  return sl__num_error(rt, st, op, false);
}

/* int ** int with a negative exponent: float(a) ** float(b). */
static int pow_negative(sl_rt *rt, sl_value a, sl_value b, sl_value *out) {
  double x, y, r;
  if (sl_long_to_double(rt, a, &x) || sl_long_to_double(rt, b, &y)) return -1;
  sl_num_status st = sl_float_pow(x, y, &r);
  if (st) return sl__num_error(rt, st, SL_OP_POW, true);
  *out = sl_float(r);
  return 0;
}

/* a ** b for b >= 0 (a view of each). MemoryError past simloop's size
 * limit, as CPython would fail to allocate there. */
static sl_num_status pow_nonneg(sl_rt *rt, sl_bigint *r, const sl_bigint *a, const sl_bigint *b,
                                bool *too_big) {
  (void)rt;
  int64_t e;
  bool trivial = a->n == 0 || (a->n == 1 && a->d[0] == 1);
  if (!sl_bigint_to_i64(b, &e)) {
    if (!trivial) {
      *too_big = true;
      return SL_NUM_OK;
    }
    e = (b->d[0] & 1) ? 1 : 2; /* 0, 1, -1 only care about parity */
  }
  uint64_t bits = sl_bigint_bit_length(a);
  if (!trivial && bits > 1 && (uint64_t)e > SL_BIGINT_MAX_BITS / (bits - 1)) {
    *too_big = true;
    return SL_NUM_OK;
  }
  return sl_bigint_pow(r, a, (uint64_t)e);
}

static int shift(sl_rt *rt, bool left, const sl_bigint *a, const sl_bigint *b, sl_bigint *r,
                 bool *too_big) {
  if (b->sign < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "negative shift count");
  int64_t n;
  if (!sl_bigint_to_i64(b, &n)) n = INT64_MAX;
  sl_num_status st;
  if (left) {
    if (a->n && (uint64_t)n > SL_BIGINT_MAX_BITS) {
      *too_big = true;
      return 0;
    }
    st = sl_bigint_lshift(r, a, (uint64_t)n);
  } else {
    st = sl_bigint_rshift(r, a, (uint64_t)n);
  }
  return st ? long_error(rt, st, SL_OP_ADD) : 0;
}

int sl__long_binary(sl_rt *rt, sl_ast_binop op, sl_value va, sl_value vb, sl_value *out) {
  if (op == SL_BIN_POW && (sl_is_long(vb) ? ((sl_longobj *)vb.u.o)->sign < 0 : sl__intval(vb) < 0))
    return pow_negative(rt, va, vb, out);
  sl_bigint a, b, r;
  sl_long_view(va, &a);
  sl_long_view(vb, &b);
  sl_bigint_init(&r);
  sl_num_status st = SL_NUM_OK;
  sl_num_op nop = SL_OP_ADD;
  bool too_big = false;
  switch (op) {
  case SL_BIN_ADD: st = sl_bigint_add(&r, &a, &b); break;
  case SL_BIN_SUB: st = sl_bigint_sub(&r, &a, &b); break;
  case SL_BIN_MULT: st = sl_bigint_mul(&r, &a, &b); break;
  case SL_BIN_DIV: {
    double f;
    st = sl_bigint_truediv(&a, &b, &f);
    if (st) return long_error(rt, st, SL_OP_TRUEDIV);
    *out = sl_float(f);
    return 0;
  }
  case SL_BIN_FLOORDIV:
    st = sl_bigint_divmod(&r, NULL, &a, &b);
    nop = SL_OP_FLOORDIV;
    break;
  case SL_BIN_MOD:
    st = sl_bigint_divmod(NULL, &r, &a, &b);
    nop = SL_OP_MOD;
    break;
  case SL_BIN_POW:
    st = pow_nonneg(rt, &r, &a, &b, &too_big);
    nop = SL_OP_POW;
    break;
  case SL_BIN_LSHIFT:
  case SL_BIN_RSHIFT:
    if (shift(rt, op == SL_BIN_LSHIFT, &a, &b, &r, &too_big)) return -1;
    break;
  case SL_BIN_BITAND: st = sl_bigint_bitop(&r, &a, &b, '&'); break;
  case SL_BIN_BITOR: st = sl_bigint_bitop(&r, &a, &b, '|'); break;
  case SL_BIN_BITXOR: st = sl_bigint_bitop(&r, &a, &b, '^'); break;
  }
  if (st) {
    sl_bigint_free(&r);
    return long_error(rt, st, nop);
  }
  if (too_big) return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  return sl_long_from_bigint(rt, &r, out);
}

int sl__long_divmod(sl_rt *rt, sl_value va, sl_value vb, sl_value *q, sl_value *m) {
  sl_bigint a, b, rq, rm;
  sl_long_view(va, &a);
  sl_long_view(vb, &b);
  sl_bigint_init(&rq);
  sl_bigint_init(&rm);
  sl_num_status st = sl_bigint_divmod(&rq, &rm, &a, &b);
  if (st) return long_error(rt, st, SL_OP_DIVMOD);
  if (sl_long_from_bigint(rt, &rq, q)) {
    sl_bigint_free(&rm);
    return -1;
  }
  if (sl_long_from_bigint(rt, &rm, m)) {
    sl_vdecref(rt, *q);
    return -1;
  }
  return 0;
}

int sl__long_unary(sl_rt *rt, sl_ast_unaryop op, sl_value va, sl_value *out) {
  sl_bigint a, r;
  sl_long_view(va, &a);
  sl_bigint_init(&r);
  sl_num_status st;
  if (op == SL_UNARY_INVERT) {
    st = sl_bigint_invert(&r, &a);
  } else {
    st = sl_bigint_copy(&r, &a);
    if (op == SL_UNARY_USUB) r.sign = -r.sign;
  }
  if (st) return long_error(rt, st, SL_OP_SUB);
  return sl_long_from_bigint(rt, &r, out);
}

int sl__long_powmod(sl_rt *rt, sl_value va, sl_value vb, sl_value vm, sl_value *out) {
  sl_bigint a, b, m, r;
  sl_long_view(va, &a);
  sl_long_view(vb, &b);
  sl_long_view(vm, &m);
  sl_bigint_init(&r);
  if (m.n == 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
  sl_num_status st = sl_bigint_powmod(&r, &a, &b, &m);
  if (st == SL_NUM_VALUE_ERROR)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "base is not invertible for the given modulus");
  if (st) return long_error(rt, st, SL_OP_POW);
  return sl_long_from_bigint(rt, &r, out);
}

int sl__to_double(sl_rt *rt, sl_value v, double *out) {
  if (v.tag == SL_V_OBJ) v = sl_num_unbox(v);
  if (v.tag == SL_V_FLOAT) {
    *out = v.u.f;
    return 0;
  }
  return sl_long_to_double(rt, v, out);
}

int sl__float_to_int(sl_rt *rt, double f, sl_value *out) {
  int64_t i;
  sl_num_status st = sl_float_to_int(f, &i);
  if (st == SL_NUM_OK) {
    *out = sl_int(i);
    return 0;
  }
  if (st != SL_NUM_INT_OVERFLOW) return sl__num_error(rt, st, SL_OP_TO_INT, true);
  sl_bigint r;
  sl_bigint_init(&r);
  if (sl_bigint_from_double(&r, f)) return sl_nomem(rt);
  return sl_long_from_bigint(rt, &r, out);
}

int sl__long_round(sl_rt *rt, sl_value v, int64_t ndigits, sl_value *out) {
  /* long_round: q, r = divmod(v, 10**-ndigits); round r half to even. */
  sl_bigint x, p, ten, q, r, twice, t;
  sl_bigint *all[] = {&p, &q, &r, &twice, &t};
  for (size_t i = 0; i < 5; i++) sl_bigint_init(all[i]);
  sl_long_view(v, &x);
  sl_bigint_set_i64(&ten, 10);
  uint64_t k = ndigits == INT64_MIN ? (uint64_t)INT64_MAX : (uint64_t)-ndigits;
  sl_num_status st = SL_NUM_OK;
  if (k > sl_bigint_bit_length(&x)) {
    /* 10**k > |x| * 2: the result is 0 (only a value with as many digits
     * as 10**k could round up). */
    *out = sl_int(0);
    return 0;
  }
  if ((st = sl_bigint_pow(&p, &ten, k)) || (st = sl_bigint_divmod(&q, &r, &x, &p))) goto done;
  /* r in [0, p): round up when 2r > p, or 2r == p and q is odd. */
  if ((st = sl_bigint_add(&twice, &r, &r))) goto done;
  int c = sl_bigint_cmp(&twice, &p);
  bool q_odd = q.n && (q.d[0] & 1);
  if (c > 0 || (c == 0 && q_odd)) {
    sl_bigint one;
    sl_bigint_set_i64(&one, 1);
    if ((st = sl_bigint_add(&t, &q, &one))) goto done;
    sl_bigint_move(&q, &t);
  }
  if ((st = sl_bigint_mul(&t, &q, &p))) goto done;
done:
  for (size_t i = 0; i < 4; i++) sl_bigint_free(all[i]);
  if (st) {
    sl_bigint_free(&t);
    return sl_nomem(rt);
  }
  return sl_long_from_bigint(rt, &t, out);
}
