/* int values beyond int64: Python's ints are unbounded. An int is an
 * SL_V_INT tagged value while it fits in 64 bits (the fast path every
 * operation takes first) and an sl_longobj on the heap otherwise; results
 * that fit again come back as SL_V_INT. So a long object never holds a
 * value that fits an int64, and `is an int` means SL_V_INT or sl_long_type
 * (type name "int", so type(), isinstance() and reprs say int).
 *
 * Mirrors Objects/longobject.c's object side: long_richcompare,
 * long_hash, long_to_decimal_string with sys.int_info's 4300-digit limit.
 * The arithmetic is core/num/bigint.h's.
 *
 * Ownership as in object.h: values returned through pointers are new
 * references; a view (sl_long_view) borrows the value's digits for as long
 * as the caller holds the value. */
#ifndef SL_LONG_H
#define SL_LONG_H

#include "core/num/bigint.h"
#include "core/object.h"

extern const sl_type sl_long_type;

typedef struct sl_longobj {
  sl_obj hdr;
  int sign;     /* -1 or 1 */
  size_t n;     /* digits; the value never fits an int64 */
  sl_digit d[]; /* magnitude, least significant first */
} sl_longobj;

static inline bool sl_is_long(sl_value v) { return sl_is_type(v, &sl_long_type); }
/* int, of either representation (not bool). */
static inline bool sl_is_int(sl_value v) { return v.tag == SL_V_INT || sl_is_long(v); }
/* int, bool or long: what int operators accept. */
static inline bool sl_is_intish(sl_value v) {
  return v.tag == SL_V_INT || v.tag == SL_V_BOOL || sl_is_long(v);
}
/* Any number: bool, int, long, float. */
static inline bool sl_is_number(sl_value v) {
  return v.tag == SL_V_INT || v.tag == SL_V_BOOL || v.tag == SL_V_FLOAT || sl_is_long(v);
}

/* A read-only view of an int, bool or long as an sl_bigint (x need not be
 * initialised; it owns nothing afterwards). */
void sl_long_view(sl_value v, sl_bigint *x);
/* The value of x: SL_V_INT when it fits, else a new long object. Takes x
 * (frees it, also on failure). */
int sl_long_from_bigint(sl_rt *rt, sl_bigint *x, sl_value *out);

/* float(v) for an int, bool or long: OverflowError "int too large to
 * convert to float" for a long beyond the float range. */
int sl_long_to_double(sl_rt *rt, sl_value v, double *out);
/* Exact three-way comparison of two numbers (int, bool, long, float):
 * -1, 0, 1, or 2 when a nan makes them unordered. */
int sl_number_cmp(sl_value a, sl_value b);
/* hash() of an int (any size), bool or float, as CPython. */
int64_t sl_number_hash(sl_value v);

/* str(v) for an int of any size, with CPython's limit: ValueError
 * "Exceeds the limit (4300 digits) for integer string conversion; ..."
 * past 4300 decimal digits. The sign is written too. */
int sl_long_decimal(sl_rt *rt, sl_value v, sl_strbuf *out);

#endif
