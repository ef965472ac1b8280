/* Arithmetic of integers of any size: sign and magnitude in base 2**32,
 * schoolbook multiplication, Knuth's algorithm D for division (as
 * x_divrem in Objects/longobject.c), shifts and two's complement bitwise
 * operators. Conversions (float, text, hash) are in bigint_conv.c. */
#include <string.h>

#include "core/alloc.h"
#include "core/num/bigint-int.h"

void sl_bigint_init(sl_bigint *x) { memset(x, 0, sizeof *x); }

void sl_bigint_free(sl_bigint *x) {
  if (x->owned) sl_free(x->d);
  sl_bigint_init(x);
}

void sl_bigint_move(sl_bigint *dst, sl_bigint *src) {
  sl_bigint_free(dst);
  *dst = *src;
  if (!src->owned && src->d == src->small) dst->d = dst->small;
  sl_bigint_init(src);
}

void sl_bigint_set_i64(sl_bigint *x, int64_t v) {
  uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  x->small[0] = (sl_digit)m;
  x->small[1] = (sl_digit)(m >> 32);
  x->d = x->small;
  x->owned = false;
  x->n = m == 0 ? 0 : x->small[1] ? 2 : 1;
  x->sign = v < 0 ? -1 : v > 0;
}

void sl_bigint_view(sl_bigint *x, int sign, const sl_digit *d, size_t n) {
  x->d = (sl_digit *)d; /* never written through: views are read-only */
  x->n = n;
  x->owned = false;
  x->sign = n ? sign : 0;
}

bool sl_bigint_to_i64(const sl_bigint *x, int64_t *v) {
  if (x->n > 2) return false;
  uint64_t m = x->n == 0 ? 0 : x->d[0] | (x->n == 2 ? (uint64_t)x->d[1] << 32 : 0);
  if (x->sign < 0) {
    if (m > (uint64_t)INT64_MAX + 1) return false;
    *v = (int64_t)(0 - m);
  } else {
    if (m > (uint64_t)INT64_MAX) return false;
    *v = (int64_t)m;
  }
  return true;
}

sl_num_status sl__bigint_alloc(sl_bigint *r, size_t n) {
  sl_bigint_free(r);
  if (n == 0) return SL_NUM_OK;
  if (n > SL_BIGINT_MAX_BITS / SL_DIGIT_BITS + 2) return SL_NUM_MEMORY_ERROR;
  r->d = sl_calloc(n, sizeof *r->d);
  if (!r->d) return SL_NUM_NOMEM;
  r->owned = true;
  r->n = n;
  r->sign = 1;
  return SL_NUM_OK;
}

void sl__bigint_normalize(sl_bigint *r) {
  while (r->n && r->d[r->n - 1] == 0) r->n--;
  if (r->n == 0) r->sign = 0;
}

sl_num_status sl_bigint_copy(sl_bigint *r, const sl_bigint *a) {
  sl_num_status st = sl__bigint_alloc(r, a->n);
  if (st) return st;
  if (a->n) memcpy(r->d, a->d, a->n * sizeof *a->d);
  r->sign = a->sign;
  return SL_NUM_OK;
}

int sl__mag_cmp(const sl_digit *a, size_t an, const sl_digit *b, size_t bn) {
  if (an != bn) return an < bn ? -1 : 1;
  for (size_t i = an; i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

int sl_bigint_cmp(const sl_bigint *a, const sl_bigint *b) {
  if (a->sign != b->sign) return a->sign < b->sign ? -1 : 1;
  int c = sl__mag_cmp(a->d, a->n, b->d, b->n);
  return a->sign < 0 ? -c : c;
}

/* ---- addition and subtraction ------------------------------------------ */

/* r = |a| + |b| (r has room for max(an, bn) + 1 digits). */
static void mag_add(sl_digit *r, const sl_digit *a, size_t an, const sl_digit *b, size_t bn) {
  if (an < bn) {
    const sl_digit *t = a;
    a = b;
    b = t;
    size_t tn = an;
    an = bn;
    bn = tn;
  }
  uint64_t carry = 0;
  for (size_t i = 0; i < an; i++) {
    carry += (uint64_t)a[i] + (i < bn ? b[i] : 0);
    r[i] = (sl_digit)carry;
    carry >>= 32;
  }
  r[an] = (sl_digit)carry;
}

/* r = |a| - |b| for |a| >= |b| (r has an digits). */
static void mag_sub(sl_digit *r, const sl_digit *a, size_t an, const sl_digit *b, size_t bn) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < an; i++) {
    uint64_t t = (uint64_t)a[i] - (i < bn ? b[i] : 0) - borrow;
    r[i] = (sl_digit)t;
    borrow = (t >> 32) & 1;
  }
}

/* r = a + bsign * |b|. */
static sl_num_status add_signed(sl_bigint *r, const sl_bigint *a, int bsign, const sl_bigint *b) {
  sl_num_status st;
  if (b->n == 0) return sl_bigint_copy(r, a);
  if (a->n == 0) {
    if ((st = sl_bigint_copy(r, b))) return st;
    r->sign = bsign;
    return SL_NUM_OK;
  }
  size_t n = (a->n > b->n ? a->n : b->n) + 1;
  if ((st = sl__bigint_alloc(r, n))) return st;
  if (a->sign == bsign) {
    mag_add(r->d, a->d, a->n, b->d, b->n);
    r->sign = a->sign;
  } else if (sl__mag_cmp(a->d, a->n, b->d, b->n) >= 0) {
    mag_sub(r->d, a->d, a->n, b->d, b->n);
    r->sign = a->sign;
  } else {
    mag_sub(r->d, b->d, b->n, a->d, a->n);
    r->sign = bsign;
  }
  sl__bigint_normalize(r);
  return SL_NUM_OK;
}

sl_num_status sl_bigint_add(sl_bigint *r, const sl_bigint *a, const sl_bigint *b) {
  return add_signed(r, a, b->sign, b);
}

sl_num_status sl_bigint_sub(sl_bigint *r, const sl_bigint *a, const sl_bigint *b) {
  return add_signed(r, a, -b->sign, b);
}

/* ---- multiplication ------------------------------------------------------ */

sl_num_status sl_bigint_mul(sl_bigint *r, const sl_bigint *a, const sl_bigint *b) {
  sl_bigint_free(r);
  if (a->n == 0 || b->n == 0) return SL_NUM_OK;
  sl_num_status st = sl__bigint_alloc(r, a->n + b->n);
  if (st) return st;
  for (size_t i = 0; i < a->n; i++) {
    uint64_t carry = 0, ai = a->d[i];
    if (ai == 0) continue;
    for (size_t j = 0; j < b->n; j++) {
      carry += ai * b->d[j] + r->d[i + j];
      r->d[i + j] = (sl_digit)carry;
      carry >>= 32;
    }
    r->d[i + b->n] = (sl_digit)carry;
  }
  r->sign = a->sign * b->sign;
  sl__bigint_normalize(r);
  return SL_NUM_OK;
}

/* ---- division ------------------------------------------------------------- */

/* q = |u| / v, returns |u| % v, for one digit v != 0 (q has n digits). */
static sl_digit divrem1(sl_digit *q, const sl_digit *u, size_t n, sl_digit v) {
  uint64_t rem = 0;
  for (size_t i = n; i-- > 0;) {
    rem = (rem << 32) | u[i];
    q[i] = (sl_digit)(rem / v);
    rem %= v;
  }
  return (sl_digit)rem;
}

/* Knuth's algorithm D (TAOCP 4.3.1): q (m - n + 1 digits) and r (n digits)
 * of u (m digits) by v (n >= 2 digits, v[n-1] != 0, m >= n). */
static sl_num_status divrem_knuth(sl_digit *q, sl_digit *r, const sl_digit *u, size_t m,
                                  const sl_digit *v, size_t n) {
  sl_digit *un = sl_malloc((m + 1 + n) * sizeof *un);
  if (!un) return SL_NUM_NOMEM;
  sl_digit *vn = un + m + 1;
  int s = __builtin_clz(v[n - 1]);
  /* Normalise so the divisor's top bit is set: then each estimated
   * quotient digit is at most 2 too large. (uint64_t shifts keep s == 0
   * defined.) */
  for (size_t i = n - 1; i > 0; i--)
    vn[i] = (sl_digit)(((uint64_t)v[i] << s) | ((uint64_t)v[i - 1] >> (32 - s)));
  vn[0] = (sl_digit)((uint64_t)v[0] << s);
  un[m] = (sl_digit)((uint64_t)u[m - 1] >> (32 - s));
  for (size_t i = m - 1; i > 0; i--)
    un[i] = (sl_digit)(((uint64_t)u[i] << s) | ((uint64_t)u[i - 1] >> (32 - s)));
  un[0] = (sl_digit)((uint64_t)u[0] << s);
  const uint64_t B = UINT64_C(1) << 32;
  for (size_t j = m - n + 1; j-- > 0;) {
    uint64_t num = ((uint64_t)un[j + n] << 32) | un[j + n - 1];
    uint64_t qhat = num / vn[n - 1], rhat = num % vn[n - 1];
    while (qhat >= B || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
      qhat--;
      rhat += vn[n - 1];
      if (rhat >= B) break;
    }
    /* un[j..j+n] -= qhat * vn */
    int64_t k = 0, t;
    for (size_t i = 0; i < n; i++) {
      uint64_t p = qhat * vn[i];
      t = (int64_t)un[i + j] - k - (int64_t)(p & 0xFFFFFFFFu);
      un[i + j] = (sl_digit)t;
      k = (int64_t)(p >> 32) - (t >> 32);
    }
    t = (int64_t)un[j + n] - k;
    un[j + n] = (sl_digit)t;
    if (t < 0) {
      /* qhat was one too large: add the divisor back. */
      qhat--;
      uint64_t c = 0;
      for (size_t i = 0; i < n; i++) {
        c += (uint64_t)un[i + j] + vn[i];
        un[i + j] = (sl_digit)c;
        c >>= 32;
      }
      un[j + n] = (sl_digit)(un[j + n] + c);
    }
    q[j] = (sl_digit)qhat;
  }
  for (size_t i = 0; i + 1 < n; i++)
    r[i] = (sl_digit)(((uint64_t)un[i] >> s) | ((uint64_t)un[i + 1] << (32 - s)));
  r[n - 1] = (sl_digit)(un[n - 1] >> s);
  sl_free(un);
  return SL_NUM_OK;
}

/* Truncating division of magnitudes: q = |a| / |b|, m = |a| % |b| (both
 * non-negative, either may be NULL). */
static sl_num_status mag_divmod(sl_bigint *q, sl_bigint *m, const sl_bigint *a,
                                const sl_bigint *b) {
  sl_bigint qq, mm;
  sl_bigint_init(&qq);
  sl_bigint_init(&mm);
  sl_num_status st = SL_NUM_OK;
  if (sl__mag_cmp(a->d, a->n, b->d, b->n) < 0) {
    if ((st = sl_bigint_copy(&mm, a))) goto fail;
    if (mm.n) mm.sign = 1;
  } else if (b->n == 1) {
    if ((st = sl__bigint_alloc(&qq, a->n))) goto fail;
    sl_digit rem = divrem1(qq.d, a->d, a->n, b->d[0]);
    if (rem) {
      if ((st = sl__bigint_alloc(&mm, 1))) goto fail;
      mm.d[0] = rem;
    }
  } else {
    if ((st = sl__bigint_alloc(&qq, a->n - b->n + 1))) goto fail;
    if ((st = sl__bigint_alloc(&mm, b->n))) goto fail;
    if ((st = divrem_knuth(qq.d, mm.d, a->d, a->n, b->d, b->n))) goto fail;
  }
  sl__bigint_normalize(&qq);
  sl__bigint_normalize(&mm);
  if (q) sl_bigint_move(q, &qq);
  if (m) sl_bigint_move(m, &mm);
fail:
  sl_bigint_free(&qq);
  sl_bigint_free(&mm);
  return st;
}

sl_num_status sl_bigint_divmod(sl_bigint *q, sl_bigint *m, const sl_bigint *a, const sl_bigint *b) {
  if (b->n == 0) return SL_NUM_ZERO_DIVISION;
  sl_bigint qq, mm, one, t;
  sl_bigint_init(&qq);
  sl_bigint_init(&mm);
  sl_bigint_init(&one);
  sl_bigint_init(&t);
  sl_num_status st = mag_divmod(&qq, &mm, a, b);
  if (st) goto done;
  if (mm.n && a->sign != b->sign) {
    /* Truncation went toward zero; floor goes one further: q - 1 and
     * m - |b| with b's sign, i.e. b's sign times (|b| - |m|). */
    sl_bigint_set_i64(&one, 1);
    if ((st = sl_bigint_add(&t, &qq, &one))) goto done; /* qq >= 0 here */
    t.sign = -t.sign;
    sl_bigint_move(&qq, &t);
    sl_bigint bm;
    sl_bigint_view(&bm, 1, b->d, b->n);
    if ((st = sl_bigint_sub(&t, &bm, &mm))) goto done;
    if (t.n) t.sign = b->sign;
    sl_bigint_move(&mm, &t);
  } else {
    if (qq.n) qq.sign = a->sign * b->sign;
    if (mm.n) mm.sign = b->sign;
  }
  if (q) sl_bigint_move(q, &qq);
  if (m) sl_bigint_move(m, &mm);
done:
  sl_bigint_free(&qq);
  sl_bigint_free(&mm);
  sl_bigint_free(&t);
  return st;
}

/* ---- powers ----------------------------------------------------------------- */

uint64_t sl_bigint_bit_length(const sl_bigint *a) {
  if (a->n == 0) return 0;
  return (uint64_t)(a->n - 1) * 32 + (uint64_t)(32 - __builtin_clz(a->d[a->n - 1]));
}

sl_num_status sl_bigint_pow(sl_bigint *r, const sl_bigint *a, uint64_t e) {
  sl_bigint_free(r);
  if (e == 0 || (a->n == 1 && a->d[0] == 1)) {
    sl_num_status st = sl__bigint_alloc(r, 1);
    if (st) return st;
    r->d[0] = 1;
    r->sign = (e & 1) ? a->sign : 1;
    return SL_NUM_OK;
  }
  if (a->n == 0) return SL_NUM_OK;
  uint64_t bits = sl_bigint_bit_length(a) - 1;
  if (bits && e > SL_BIGINT_MAX_BITS / bits) return SL_NUM_NOMEM;
  sl_bigint acc, t;
  sl_bigint_init(&acc);
  sl_bigint_init(&t);
  sl_num_status st = sl_bigint_copy(&acc, a);
  int top = 63 - __builtin_clzll(e);
  for (int i = top - 1; i >= 0 && !st; i--) {
    if ((st = sl_bigint_mul(&t, &acc, &acc))) break;
    sl_bigint_move(&acc, &t);
    if ((e >> i) & 1) {
      if ((st = sl_bigint_mul(&t, &acc, a))) break;
      sl_bigint_move(&acc, &t);
    }
  }
  if (!st) sl_bigint_move(r, &acc);
  sl_bigint_free(&acc);
  sl_bigint_free(&t);
  return st;
}

/* r = a * b mod m for 0 <= a, b < m, m > 0. */
static sl_num_status mulmod(sl_bigint *r, const sl_bigint *a, const sl_bigint *b,
                            const sl_bigint *m) {
  sl_bigint t;
  sl_bigint_init(&t);
  sl_num_status st = sl_bigint_mul(&t, a, b);
  if (!st) st = sl_bigint_divmod(NULL, r, &t, m);
  sl_bigint_free(&t);
  return st;
}

/* r = the inverse of a modulo m (0 <= a < m): extended Euclid. */
static sl_num_status invmod(sl_bigint *r, const sl_bigint *a, const sl_bigint *m) {
  sl_bigint old_r, cur_r, old_s, cur_s, q, t, u;
  sl_bigint *all[] = {&old_r, &cur_r, &old_s, &cur_s, &q, &t, &u};
  for (size_t i = 0; i < 7; i++) sl_bigint_init(all[i]);
  sl_num_status st;
  if ((st = sl_bigint_copy(&old_r, a)) || (st = sl_bigint_copy(&cur_r, m))) goto done;
  sl_bigint_set_i64(&old_s, 1);
  while (cur_r.n && !st) {
    if ((st = sl_bigint_divmod(&q, &t, &old_r, &cur_r))) break;
    sl_bigint_move(&old_r, &cur_r);
    sl_bigint_move(&cur_r, &t);
    if ((st = sl_bigint_mul(&t, &q, &cur_s)) || (st = sl_bigint_sub(&u, &old_s, &t))) break;
    sl_bigint_move(&old_s, &cur_s);
    sl_bigint_move(&cur_s, &u);
  }
  if (!st && !(old_r.n == 1 && old_r.d[0] == 1)) st = SL_NUM_VALUE_ERROR;
  if (!st) st = sl_bigint_divmod(NULL, r, &old_s, m);
done:
  for (size_t i = 0; i < 7; i++) sl_bigint_free(all[i]);
  return st;
}

sl_num_status sl_bigint_powmod(sl_bigint *r, const sl_bigint *a, const sl_bigint *e,
                               const sl_bigint *m) {
  sl_bigint_free(r);
  if (m->n == 0) return SL_NUM_VALUE_ERROR;
  sl_bigint mod, base, acc, t;
  sl_bigint_init(&acc);
  sl_bigint_init(&base);
  sl_bigint_init(&t);
  sl_bigint_view(&mod, 1, m->d, m->n);
  sl_num_status st = SL_NUM_OK;
  if (mod.n == 1 && mod.d[0] == 1) goto done; /* everything is 0 mod 1 */
  if ((st = sl_bigint_divmod(NULL, &base, a, &mod))) goto done;
  if (e->sign < 0) {
    if ((st = invmod(&t, &base, &mod))) goto done;
    sl_bigint_move(&base, &t);
  }
  sl_bigint_set_i64(&acc, 1);
  for (size_t i = e->n; i-- > 0 && !st;) {
    for (int b = 31; b >= 0; b--) {
      if ((st = mulmod(&t, &acc, &acc, &mod))) break;
      sl_bigint_move(&acc, &t);
      if ((e->d[i] >> b) & 1) {
        if ((st = mulmod(&t, &acc, &base, &mod))) break;
        sl_bigint_move(&acc, &t);
      }
    }
  }
  if (st) goto done;
  if (m->sign < 0 && acc.n) {
    if ((st = sl_bigint_sub(&t, &acc, &mod))) goto done;
    sl_bigint_move(&acc, &t);
  }
  if (acc.owned) {
    sl_bigint_move(r, &acc);
  } else {
    st = sl_bigint_copy(r, &acc);
  }
done:
  sl_bigint_free(&acc);
  sl_bigint_free(&base);
  sl_bigint_free(&t);
  return st;
}

/* ---- shifts and bitwise operators -------------------------------------------- */

sl_num_status sl_bigint_lshift(sl_bigint *r, const sl_bigint *a, uint64_t n) {
  sl_bigint_free(r);
  if (a->n == 0) return SL_NUM_OK;
  if (n > SL_BIGINT_MAX_BITS) return SL_NUM_NOMEM;
  size_t ds = (size_t)(n / 32);
  int bs = (int)(n % 32);
  sl_num_status st = sl__bigint_alloc(r, a->n + ds + 1);
  if (st) return st;
  for (size_t i = 0; i < a->n; i++) {
    uint64_t v = (uint64_t)a->d[i] << bs;
    r->d[i + ds] |= (sl_digit)v;
    r->d[i + ds + 1] = (sl_digit)(v >> 32);
  }
  r->sign = a->sign;
  sl__bigint_normalize(r);
  return SL_NUM_OK;
}

/* r = |a| >> n (magnitude only, truncating). */
static sl_num_status mag_rshift(sl_bigint *r, const sl_bigint *a, uint64_t n) {
  sl_bigint_free(r);
  if (n >= (uint64_t)a->n * 32) return SL_NUM_OK;
  size_t ds = (size_t)(n / 32);
  int bs = (int)(n % 32);
  sl_num_status st = sl__bigint_alloc(r, a->n - ds);
  if (st) return st;
  for (size_t i = 0; i < r->n; i++) {
    uint64_t v = a->d[i + ds] | (i + ds + 1 < a->n ? (uint64_t)a->d[i + ds + 1] << 32 : 0);
    r->d[i] = (sl_digit)(v >> bs);
  }
  sl__bigint_normalize(r);
  return SL_NUM_OK;
}

sl_num_status sl_bigint_rshift(sl_bigint *r, const sl_bigint *a, uint64_t n) {
  if (a->sign >= 0) return mag_rshift(r, a, n);
  /* Floor for negatives: a >> n == ~(~a >> n), and ~a == |a| - 1 >= 0. */
  sl_bigint t, u;
  sl_bigint_init(&t);
  sl_bigint_init(&u);
  sl_num_status st = sl_bigint_invert(&t, a);
  if (!st) st = mag_rshift(&u, &t, n);
  if (!st) st = sl_bigint_invert(r, &u);
  sl_bigint_free(&t);
  sl_bigint_free(&u);
  return st;
}

sl_num_status sl_bigint_invert(sl_bigint *r, const sl_bigint *a) {
  sl_bigint one, t;
  sl_bigint_init(&t);
  sl_bigint_set_i64(&one, 1);
  sl_num_status st = sl_bigint_add(&t, a, &one);
  if (!st) {
    if (t.n) t.sign = -t.sign;
    sl_bigint_move(r, &t);
  }
  sl_bigint_free(&t);
  return st;
}

/* Digit i of a's infinite two's complement form, given the running borrow
 * of the negation (-|a| = ~|a| + 1). */
static sl_digit twos_digit(const sl_bigint *a, size_t i, uint64_t *carry) {
  sl_digit m = i < a->n ? a->d[i] : 0;
  if (a->sign >= 0) return m;
  uint64_t v = (uint64_t)(sl_digit)~m + *carry;
  *carry = v >> 32;
  return (sl_digit)v;
}

sl_num_status sl_bigint_bitop(sl_bigint *r, const sl_bigint *a, const sl_bigint *b, char op) {
  size_t n = (a->n > b->n ? a->n : b->n) + 1;
  sl_num_status st = sl__bigint_alloc(r, n);
  if (st) return st;
  uint64_t ca = 1, cb = 1;
  for (size_t i = 0; i < n; i++) {
    sl_digit x = twos_digit(a, i, &ca), y = twos_digit(b, i, &cb);
    r->d[i] = op == '&' ? x & y : op == '|' ? x | y : x ^ y;
  }
  if (r->d[n - 1] >> 31) {
    /* A negative result: its magnitude is ~r + 1. */
    uint64_t c = 1;
    for (size_t i = 0; i < n; i++) {
      c += (sl_digit)~r->d[i];
      r->d[i] = (sl_digit)c;
      c >>= 32;
    }
    r->sign = -1;
  } else {
    r->sign = 1;
  }
  sl__bigint_normalize(r);
  return SL_NUM_OK;
}
