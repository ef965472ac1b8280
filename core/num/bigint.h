/* Integers of any size on plain C memory, with Python's semantics: floor
 * division, two's complement bitwise operators on negative values,
 * correctly rounded conversion to float, CPython's modular hash.
 *
 * Mirrors the algorithms of Objects/longobject.c (x_divrem is Knuth's
 * algorithm D, long_true_divide, _PyLong_Frexp, long_hash) on base 2**32
 * digits; schoolbook multiplication and division. No object model: the
 * scenario language wraps these in its int objects (core/lang/long.h).
 *
 * Ownership: an sl_bigint owns its digit array when `owned` is set (it is
 * then freed by sl_bigint_free); a view made by sl_bigint_view or
 * sl_bigint_set_i64 borrows its digits (the latter from the struct's own
 * `small` array, so an sl_bigint must not be copied by assignment: use
 * sl_bigint_move). Every function producing a result writes it into an
 * sl_bigint the caller initialised with sl_bigint_init; on failure it is
 * left empty (zero, owning nothing). Results never alias the operands.
 * Memory comes from sl_malloc, so the out-of-memory sweep reaches it. */
#ifndef SL_NUM_BIGINT_H
#define SL_NUM_BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/num/numfmt.h"
#include "core/strbuf.h"

typedef uint32_t sl_digit;
#define SL_DIGIT_BITS 32

typedef struct sl_bigint {
  int sign;          /* -1, 0 or 1; 0 exactly when n == 0 */
  size_t n;          /* digits in use; d[n-1] != 0 when n > 0 */
  sl_digit *d;       /* magnitude, least significant digit first */
  bool owned;        /* d was allocated here (sl_bigint_free frees it) */
  sl_digit small[2]; /* storage of sl_bigint_set_i64 */
} sl_bigint;

/* CPython's limit on decimal conversions (sys.get_int_max_str_digits()). */
#define SL_INT_MAX_STR_DIGITS 4300

/* Largest result, in bits, simloop computes (2**32 bits = 512 MiB);
 * beyond it an operation returns SL_NUM_MEMORY_ERROR: the program gets
 * MemoryError, as CPython raises when it cannot allocate the result. */
#define SL_BIGINT_MAX_BITS (UINT64_C(1) << 32)

void sl_bigint_init(sl_bigint *x);
void sl_bigint_free(sl_bigint *x); /* then x is zero again */
/* Moves src into dst (dst freed first); src becomes zero. */
void sl_bigint_move(sl_bigint *dst, sl_bigint *src);
/* x = v, borrowing x->small (no allocation). x must own nothing. */
void sl_bigint_set_i64(sl_bigint *x, int64_t v);
/* x = sign * digits (borrowed; n normalised: d[n-1] != 0). */
void sl_bigint_view(sl_bigint *x, int sign, const sl_digit *d, size_t n);
/* An owned copy of a (a view stays valid as long as its source). */
sl_num_status sl_bigint_copy(sl_bigint *r, const sl_bigint *a);
/* true and *v when x fits an int64. */
bool sl_bigint_to_i64(const sl_bigint *x, int64_t *v);

/* -1, 0, 1 as a < b, a == b, a > b. */
int sl_bigint_cmp(const sl_bigint *a, const sl_bigint *b);
/* Exact comparison with a double: -1, 0, 1, or 2 when f is nan. */
int sl_bigint_cmp_double(const sl_bigint *a, double f);

sl_num_status sl_bigint_add(sl_bigint *r, const sl_bigint *a, const sl_bigint *b);
sl_num_status sl_bigint_sub(sl_bigint *r, const sl_bigint *a, const sl_bigint *b);
sl_num_status sl_bigint_mul(sl_bigint *r, const sl_bigint *a, const sl_bigint *b);
/* Floor division and modulo (the remainder takes b's sign); q or m may be
 * NULL. SL_NUM_ZERO_DIVISION for b == 0. */
sl_num_status sl_bigint_divmod(sl_bigint *q, sl_bigint *m, const sl_bigint *a, const sl_bigint *b);
/* a ** e for e >= 0. */
sl_num_status sl_bigint_pow(sl_bigint *r, const sl_bigint *a, uint64_t e);
/* pow(a, e, m) for m != 0: the result takes m's sign (a negative e needs
 * an inverse: SL_NUM_VALUE_ERROR when there is none). */
sl_num_status sl_bigint_powmod(sl_bigint *r, const sl_bigint *a, const sl_bigint *e,
                               const sl_bigint *m);
/* a << n, and a >> n rounding toward negative infinity. */
sl_num_status sl_bigint_lshift(sl_bigint *r, const sl_bigint *a, uint64_t n);
sl_num_status sl_bigint_rshift(sl_bigint *r, const sl_bigint *a, uint64_t n);
/* a & b, a | b, a ^ b (op is '&', '|' or '^') as on infinite two's
 * complement; ~a is -(a + 1). */
sl_num_status sl_bigint_bitop(sl_bigint *r, const sl_bigint *a, const sl_bigint *b, char op);
sl_num_status sl_bigint_invert(sl_bigint *r, const sl_bigint *a);
/* int.bit_length(). */
uint64_t sl_bigint_bit_length(const sl_bigint *a);

/* float(a), correctly rounded (half to even); SL_NUM_OVERFLOW_ERROR
 * ("int too large to convert to float") when it does not fit. */
sl_num_status sl_bigint_to_double(const sl_bigint *a, double *out);
/* int(f) for a finite f: truncation toward zero. */
sl_num_status sl_bigint_from_double(sl_bigint *r, double f);
/* a / b correctly rounded, as long_true_divide; SL_NUM_OVERFLOW_ERROR
 * ("integer division result too large for a float") and
 * SL_NUM_ZERO_DIVISION. */
sl_num_status sl_bigint_truediv(const sl_bigint *a, const sl_bigint *b, double *out);

/* hash(a) as CPython: sign * (|a| mod 2**61 - 1), -1 becomes -2. */
int64_t sl_bigint_hash(const sl_bigint *a);
/* hash(f) for a float, as _Py_HashDouble (nan hashes to 0 here; CPython
 * hashes a nan by identity). */
int64_t sl_double_hash(double f);
/* hash(v) for an int64, the same modular hash. */
int64_t sl_i64_hash(int64_t v);

/* The decimal digits of |a| (no sign). SL_NUM_VALUE_ERROR when there are
 * more than max_digits (0: no limit); then *ndigits_out is not exact. */
sl_num_status sl_bigint_to_decimal(const sl_bigint *a, sl_strbuf *out, size_t max_digits);
/* The digits of |a| in base 2**bits (bits 1, 3 or 4), lower or upper
 * case, no prefix and no sign. */
sl_num_status sl_bigint_to_pow2(const sl_bigint *a, int bits, bool upper, sl_strbuf *out);
/* r = (neg ? -1 : 1) * the number whose digit values (each < base, most
 * significant first) are given; base 2..36. */
sl_num_status sl_bigint_from_digits(sl_bigint *r, const unsigned char *digits, size_t n, int base,
                                    bool neg);

#endif
