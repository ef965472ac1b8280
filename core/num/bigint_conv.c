/* Conversions of integers of any size: to and from float (correctly
 * rounded, as _PyLong_Frexp and long_true_divide), exact comparison with
 * a float (float_richcompare), CPython's modular hash (long_hash and
 * _Py_HashDouble in Python/pyhash.c), and text in any base. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/bigint-int.h"

/* Bits [pos, pos + count) of |a|, count <= 64. */
static uint64_t get_bits(const sl_bigint *a, uint64_t pos, int count) {
  uint64_t v = 0;
  for (int k = 0; k < count;) {
    uint64_t p = pos + (uint64_t)k;
    size_t i = (size_t)(p / 32);
    int off = (int)(p % 32);
    if (i >= a->n) break;
    uint64_t chunk = (uint64_t)a->d[i] >> off;
    int got = 32 - off;
    v |= chunk << k;
    k += got;
  }
  return count == 64 ? v : v & ((UINT64_C(1) << count) - 1);
}

/* Whether any bit of |a| below pos is set. */
static bool any_bits_below(const sl_bigint *a, uint64_t pos) {
  size_t i = (size_t)(pos / 32);
  for (size_t k = 0; k < i && k < a->n; k++)
    if (a->d[k]) return true;
  int off = (int)(pos % 32);
  return i < a->n && off && (a->d[i] & ((UINT32_C(1) << off) - 1));
}

/* m * 2**exp rounded to `prec` bits half to even, where sticky says bits
 * below m's lowest were dropped; then as a double (inf on overflow). */
static double round_scaled(uint64_t m, int64_t exp, bool sticky) {
  int mb = m ? 64 - __builtin_clzll(m) : 0;
  /* The result's lowest kept bit: 53 bits below the top, but never below
   * 2**-1074 (subnormals keep fewer). */
  int64_t top = exp + mb - 1;
  int64_t lowest = top - 52;
  if (lowest < -1074) lowest = -1074;
  int64_t drop = lowest - exp;
  if (drop > 0) {
    if (drop > 64) return 0.0;
    uint64_t kept = drop == 64 ? 0 : m >> drop;
    uint64_t rest = drop == 64 ? m : m & ((UINT64_C(1) << drop) - 1);
    uint64_t half = UINT64_C(1) << (drop - 1);
    if (rest > half || (rest == half && (sticky || (kept & 1)))) kept++;
    m = kept;
    exp += drop;
  }
  if (exp > 1024) return INFINITY;
  return ldexp((double)m, (int)exp);
}

sl_num_status sl_bigint_to_double(const sl_bigint *a, double *out) {
  uint64_t nb = sl_bigint_bit_length(a);
  double r;
  if (nb <= 64) {
    r = round_scaled(get_bits(a, 0, 64), 0, false);
  } else {
    uint64_t shift = nb - 64;
    if (nb > 1100) return SL_NUM_OVERFLOW_ERROR;
    r = round_scaled(get_bits(a, shift, 64), (int64_t)shift, any_bits_below(a, shift));
  }
  if (isinf(r)) return SL_NUM_OVERFLOW_ERROR;
  *out = a->sign < 0 ? -r : r;
  return SL_NUM_OK;
}

sl_num_status sl_bigint_from_double(sl_bigint *r, double f) {
  sl_bigint_free(r);
  double t = trunc(fabs(f));
  if (t < 1) return SL_NUM_OK;
  int e;
  double m = frexp(t, &e); /* t = m * 2**e, 0.5 <= m < 1 */
  uint64_t mant = (uint64_t)ldexp(m, 53);
  sl_bigint v;
  sl_num_status st;
  if (e <= 53) {
    /* Integral t below 2**53: the mantissa's low bits are zero. */
    sl_bigint_set_i64(&v, (int64_t)(mant >> (53 - e)));
    st = sl_bigint_copy(r, &v);
  } else {
    sl_bigint_set_i64(&v, (int64_t)mant);
    st = sl_bigint_lshift(r, &v, (uint64_t)(e - 53));
  }
  if (st) return st;
  if (f < 0 && r->n) r->sign = -1;
  return SL_NUM_OK;
}

int sl_bigint_cmp_double(const sl_bigint *a, double f) {
  if (isnan(f)) return 2;
  if (isinf(f)) return f > 0 ? -1 : 1;
  int fs = f < 0 ? -1 : f > 0;
  if (a->sign != fs) return a->sign < fs ? -1 : 1;
  if (fs == 0) return 0;
  /* Same sign: compare magnitudes, then flip for negatives. */
  int e;
  double m = frexp(fabs(f), &e);         /* |f| in [2**(e-1), 2**e) */
  uint64_t nb = sl_bigint_bit_length(a); /* |a| in [2**(nb-1), 2**nb) */
  int c;
  if (e <= 0 || nb > (uint64_t)e)
    c = 1;
  else if (nb < (uint64_t)e)
    c = -1;
  else if (e <= 53) {
    double av = (double)get_bits(a, 0, 64); /* exact: below 2**53 */
    double fv = fabs(f);
    c = av < fv ? -1 : av > fv;
  } else {
    uint64_t fm = (uint64_t)ldexp(m, 53); /* |f| = fm * 2**(e-53) */
    uint64_t am = get_bits(a, (uint64_t)(e - 53), 53);
    if (am != fm)
      c = am < fm ? -1 : 1;
    else
      c = any_bits_below(a, (uint64_t)(e - 53)) ? 1 : 0;
  }
  return fs < 0 ? -c : c;
}

sl_num_status sl_bigint_truediv(const sl_bigint *a, const sl_bigint *b, double *out) {
  if (b->n == 0) return SL_NUM_ZERO_DIVISION;
  bool neg = (a->sign < 0) != (b->sign < 0);
  if (a->n == 0) {
    *out = neg ? -0.0 : 0.0;
    return SL_NUM_OK;
  }
  int64_t na = (int64_t)sl_bigint_bit_length(a), nb = (int64_t)sl_bigint_bit_length(b);
  int64_t diff = na - nb;
  if (diff > 1025) return SL_NUM_OVERFLOW_ERROR;
  if (diff < -1200) {
    *out = neg ? -0.0 : 0.0;
    return SL_NUM_OK;
  }
  /* q = |a| * 2**s / |b| has 55 or 56 bits; the remainder is the sticky
   * bit for rounding. */
  int64_t s = 55 - diff;
  sl_bigint x, y, q, rem;
  sl_bigint_init(&x);
  sl_bigint_init(&y);
  sl_bigint_init(&q);
  sl_bigint_init(&rem);
  sl_bigint ma, mb;
  sl_bigint_view(&ma, 1, a->d, a->n);
  sl_bigint_view(&mb, 1, b->d, b->n);
  sl_num_status st =
      s >= 0 ? sl_bigint_lshift(&x, &ma, (uint64_t)s) : sl_bigint_lshift(&y, &mb, (uint64_t)-s);
  if (!st) st = sl_bigint_divmod(&q, &rem, s >= 0 ? &x : &ma, s >= 0 ? &mb : &y);
  if (!st) {
    double r = round_scaled(get_bits(&q, 0, 64), -s, rem.n != 0);
    if (isinf(r))
      st = SL_NUM_OVERFLOW_ERROR;
    else
      *out = neg ? -r : r;
  }
  sl_bigint_free(&x);
  sl_bigint_free(&y);
  sl_bigint_free(&q);
  sl_bigint_free(&rem);
  return st;
}

/* ---- hashing ------------------------------------------------------------------- */

#define HASH_BITS    61
#define HASH_MODULUS ((UINT64_C(1) << HASH_BITS) - 1)

static int64_t signed_hash(uint64_t x, bool neg) {
  int64_t h = neg ? -(int64_t)x : (int64_t)x;
  return h == -1 ? -2 : h;
}

int64_t sl_bigint_hash(const sl_bigint *a) {
  uint64_t x = 0;
  for (size_t i = a->n; i-- > 0;) {
    /* x * 2**32 mod P is a rotation within 61 bits, as 2**61 == 1 mod P. */
    x = ((x << 32) & HASH_MODULUS) | (x >> (HASH_BITS - 32));
    x += a->d[i];
    if (x >= HASH_MODULUS) x -= HASH_MODULUS;
  }
  return signed_hash(x, a->sign < 0);
}

int64_t sl_i64_hash(int64_t v) {
  if (v > -(int64_t)HASH_MODULUS && v < (int64_t)HASH_MODULUS) return v == -1 ? -2 : v;
  uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  return signed_hash(m % HASH_MODULUS, v < 0);
}

int64_t sl_double_hash(double f) {
  if (isinf(f)) return f > 0 ? 314159 : -314159;
  if (isnan(f)) return 0;
  int e;
  double m = frexp(f, &e);
  bool neg = m < 0;
  if (neg) m = -m;
  /* Python/pyhash.c: feed the mantissa 28 bits at a time. */
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = (uint64_t)m;
    m -= (double)y;
    x += y;
    if (x >= HASH_MODULUS) x -= HASH_MODULUS;
  }
  e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
  x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
  return signed_hash(x, neg);
}

/* ---- text ------------------------------------------------------------------------ */

#define DEC_BASE 1000000000u /* 10**9: nine decimal digits per chunk */

sl_num_status sl_bigint_to_decimal(const sl_bigint *a, sl_strbuf *out, size_t max_digits) {
  if (a->n == 0) {
    sl_strbuf_putc(out, '0');
    return out->failed ? SL_NUM_NOMEM : SL_NUM_OK;
  }
  /* More than (bits - 1) * log10(2) + 1 digits for sure: refuse before
   * the quadratic conversion, as CPython does. */
  uint64_t bits = sl_bigint_bit_length(a);
  if (max_digits && (double)(bits - 1) * 0.30102999566398119 >= (double)max_digits)
    return SL_NUM_VALUE_ERROR;
  size_t nchunks = a->n * 32 / 29 + 2;
  sl_digit *work = sl_malloc((a->n + nchunks) * sizeof *work);
  if (!work) return SL_NUM_NOMEM;
  sl_digit *chunks = work + a->n;
  memcpy(work, a->d, a->n * sizeof *work);
  size_t n = a->n, nc = 0;
  while (n) {
    uint64_t rem = 0;
    for (size_t i = n; i-- > 0;) {
      rem = (rem << 32) | work[i];
      work[i] = (sl_digit)(rem / DEC_BASE);
      rem %= DEC_BASE;
    }
    chunks[nc++] = (sl_digit)rem;
    while (n && work[n - 1] == 0) n--;
  }
  char top[16];
  int toplen = snprintf(top, sizeof top, "%u", (unsigned)chunks[nc - 1]);
  size_t ndigits = (size_t)toplen + (nc - 1) * 9;
  sl_num_status st = SL_NUM_OK;
  if (max_digits && ndigits > max_digits) {
    st = SL_NUM_VALUE_ERROR;
  } else {
    sl_strbuf_append(out, top, (size_t)toplen);
    for (size_t i = nc - 1; i-- > 0;) sl_strbuf_printf(out, "%09u", (unsigned)chunks[i]);
    if (out->failed) st = SL_NUM_NOMEM;
  }
  sl_free(work);
  return st;
}

sl_num_status sl_bigint_to_pow2(const sl_bigint *a, int bits, bool upper, sl_strbuf *out) {
  const char *alpha = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  uint64_t nb = sl_bigint_bit_length(a);
  uint64_t nd = nb ? (nb + (uint64_t)bits - 1) / (uint64_t)bits : 1;
  for (uint64_t k = nd; k-- > 0;) sl_strbuf_putc(out, alpha[get_bits(a, k * (uint64_t)bits, bits)]);
  return out->failed ? SL_NUM_NOMEM : SL_NUM_OK;
}

/* x = x * mul + add on n digits (x has room for one more). */
static void mul_add_small(sl_digit *x, size_t *n, sl_digit mul, sl_digit add) {
  uint64_t carry = add;
  for (size_t i = 0; i < *n; i++) {
    carry += (uint64_t)x[i] * mul;
    x[i] = (sl_digit)carry;
    carry >>= 32;
  }
  if (carry) x[(*n)++] = (sl_digit)carry;
}

sl_num_status sl_bigint_from_digits(sl_bigint *r, const unsigned char *digits, size_t n, int base,
                                    bool neg) {
  sl_bigint_free(r);
  /* log2(36) < 6: at most 6 bits per digit. */
  size_t cap = n / 5 + 2;
  sl_num_status st = sl__bigint_alloc(r, cap);
  if (st) return st;
  /* Digits in chunks whose value fits one digit: base**k < 2**32. */
  sl_digit chunk_mul_max = 1;
  int per_chunk = 0;
  while ((uint64_t)chunk_mul_max * (uint64_t)base <= UINT32_MAX) {
    chunk_mul_max *= (sl_digit)base;
    per_chunk++;
  }
  size_t len = 0;
  for (size_t i = 0; i < n;) {
    sl_digit mul = 1, add = 0;
    for (int k = 0; k < per_chunk && i < n; k++, i++) {
      mul *= (sl_digit)base;
      add = add * (sl_digit)base + digits[i];
    }
    mul_add_small(r->d, &len, mul, add);
  }
  r->n = len;
  r->sign = neg ? -1 : 1;
  sl__bigint_normalize(r);
  return SL_NUM_OK;
}
