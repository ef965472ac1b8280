/* int values beyond int64: Python's ints are unbounded. An int is an
 * SL_V_INT tagged value while it fits in 64 bits (the fast path every
 * operation takes first) and an sl_longobj on the heap otherwise; results
 * that fit again come back as SL_V_INT. So a plain long object never holds
 * a value that fits an int64, and `is an int` means SL_V_INT or
 * sl_long_type (type name "int", so type(), isinstance() and reprs say
 * int).
 *
 * Instances of scenario classes deriving from int and float (`class
 * Port(int)`, `class Seconds(float)`) are heap objects too, carrying
 * their class in an instance extension (object.h sl_obj_ext): an int
 * subclass's instance is a long object of any value (the one case where
 * a long holds a value within 64 bits), a float subclass's an
 * sl_floatobj. Both are SL_V_OBJ, so the fast paths on SL_V_INT and
 * SL_V_FLOAT never see them; slow paths that take a number unwrap them
 * with sl_num_unbox (what int.__add__ and float.__add__ see: the value).
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

/* A float subclass's instance: the double, then the instance extension. */
extern const sl_type sl_floatobj_type;
typedef struct sl_floatobj {
  sl_obj hdr;
  double f;
} sl_floatobj;
static inline bool sl_is_floatobj(sl_value v) { return sl_is_type(v, &sl_floatobj_type); }
/* A float of either representation. */
static inline bool sl_is_float(sl_value v) { return v.tag == SL_V_FLOAT || sl_is_floatobj(v); }

/* The value of a long object when it fits an int64 (only an int
 * subclass's instance may): true and *out set, else false. */
bool sl_long_small(const sl_obj *o, int64_t *out);
/* The plain value behind a number, without allocating: a float subclass's
 * instance as SL_V_FLOAT, an int subclass's within 64 bits as SL_V_INT,
 * anything else unchanged (a long beyond 64 bits may still carry a class:
 * sl_long_plain makes the plain copy). Borrowed like v. */
static inline sl_value sl_num_unbox(sl_value v) {
  if (v.tag != SL_V_OBJ) return v;
  if (v.u.o->type == &sl_floatobj_type) return sl_float(((const sl_floatobj *)v.u.o)->f);
  int64_t i;
  if (v.u.o->type == &sl_long_type && sl_long_small(v.u.o, &i)) return sl_int(i);
  return v;
}
/* An int beyond 64 bits (of either class). */
static inline bool sl_is_big(sl_value v) { return sl_is_long(sl_num_unbox(v)); }
/* int(v) / float(v) of an int or float subclass's instance, or v itself:
 * always a plain value of the base type (new reference). */
int sl_num_plain(sl_rt *rt, sl_value v, sl_value *out);
/* A new long object holding the int v (SL_V_INT, bool or long) whatever
 * its size: what an int subclass's instance is made from, after
 * sl_obj_ext_request. */
int sl_long_copy(sl_rt *rt, sl_value v, sl_value *out);
/* A new sl_floatobj holding f (after sl_obj_ext_request). */
int sl_floatobj_new(sl_rt *rt, double f, sl_value *out);
/* int, of either representation (not bool). */
static inline bool sl_is_int(sl_value v) { return v.tag == SL_V_INT || sl_is_long(v); }
/* int, bool or long: what int operators accept. */
static inline bool sl_is_intish(sl_value v) {
  return v.tag == SL_V_INT || v.tag == SL_V_BOOL || sl_is_long(v);
}
/* Any number: bool, int, long, float (subclass instances included). */
static inline bool sl_is_number(sl_value v) {
  return v.tag == SL_V_INT || v.tag == SL_V_BOOL || v.tag == SL_V_FLOAT || sl_is_long(v) ||
         sl_is_floatobj(v);
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
