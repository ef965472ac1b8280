/* The heap side of Python's unbounded ints (see long.h). Mirrors
 * Objects/longobject.c: long_richcompare, long_hash, long_to_decimal_string
 * and its max_str_digits check, and float_richcompare for int/float. */
#include <math.h>
#include <string.h>

#include "core/exc.h"
#include "core/long.h"
#include "core/num/numfmt.h"
#include "core/rt.h"

void sl_long_view(sl_value v, sl_bigint *x) {
  sl_bigint_init(x);
  if (sl_is_long(v)) {
    sl_longobj *l = (sl_longobj *)v.u.o;
    sl_bigint_view(x, l->sign, l->d, l->n);
  } else {
    sl_bigint_set_i64(x, v.tag == SL_V_BOOL ? (int64_t)v.u.b : v.u.i);
  }
}

int sl_long_from_bigint(sl_rt *rt, sl_bigint *x, sl_value *out) {
  int64_t i;
  if (sl_bigint_to_i64(x, &i)) {
    sl_bigint_free(x);
    *out = sl_int(i);
    return 0;
  }
  sl_obj *o = sl_obj_alloc_size(rt, &sl_long_type, sizeof(sl_longobj) + x->n * sizeof(sl_digit));
  if (!o) {
    sl_bigint_free(x);
    return -1;
  }
  sl_longobj *l = (sl_longobj *)o;
  l->sign = x->sign;
  l->n = x->n;
  memcpy(l->d, x->d, x->n * sizeof(sl_digit));
  sl_bigint_free(x);
  *out = sl_obj_val(o);
  return 0;
}

int sl_long_to_double(sl_rt *rt, sl_value v, double *out) {
  if (!sl_is_long(v)) {
    int64_t i = v.tag == SL_V_BOOL ? (int64_t)v.u.b : v.u.i;
    *out = (double)i; /* round half to even, as the hardware does */
    return 0;
  }
  sl_bigint x;
  sl_long_view(v, &x);
  if (sl_bigint_to_double(&x, out))
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "int too large to convert to float");
  return 0;
}

/* An int64 against a double, exactly (float_richcompare's logic). */
static int cmp_i64_double(int64_t i, double f) {
  if (isnan(f)) return 2;
  if (f >= 9223372036854775808.0) return -1;
  if (f < -9223372036854775808.0) return 1;
  double fl = floor(f);
  int64_t fi = (int64_t)fl;
  if (i != fi) return i < fi ? -1 : 1;
  return f > fl ? -1 : 0;
}

/* Any int-like (not float) against a double. */
static int cmp_int_double(sl_value a, double f) {
  if (!sl_is_long(a)) return cmp_i64_double(a.tag == SL_V_BOOL ? (int64_t)a.u.b : a.u.i, f);
  sl_bigint x;
  sl_long_view(a, &x);
  return sl_bigint_cmp_double(&x, f);
}

int sl_number_cmp(sl_value a, sl_value b) {
  a = sl_num_unbox(a);
  b = sl_num_unbox(b);
  if (a.tag == SL_V_FLOAT && b.tag == SL_V_FLOAT) {
    if (isnan(a.u.f) || isnan(b.u.f)) return 2;
    return a.u.f < b.u.f ? -1 : a.u.f > b.u.f;
  }
  if (b.tag == SL_V_FLOAT) return cmp_int_double(a, b.u.f);
  if (a.tag == SL_V_FLOAT) {
    int c = cmp_int_double(b, a.u.f);
    return c == 2 ? 2 : -c;
  }
  sl_bigint x, y;
  sl_long_view(a, &x);
  sl_long_view(b, &y);
  return sl_bigint_cmp(&x, &y);
}

int64_t sl_number_hash(sl_value v) {
  v = sl_num_unbox(v);
  switch (v.tag) {
  case SL_V_BOOL: return v.u.b;
  case SL_V_INT: return sl_i64_hash(v.u.i);
  case SL_V_FLOAT: return sl_double_hash(v.u.f);
  default: {
    sl_bigint x;
    sl_long_view(v, &x);
    return sl_bigint_hash(&x);
  }
  }
}

int sl_long_decimal(sl_rt *rt, sl_value v, sl_strbuf *out) {
  sl_bigint x;
  sl_long_view(v, &x);
  size_t mark = out->len;
  if (x.sign < 0) sl_strbuf_putc(out, '-');
  sl_num_status st = sl_bigint_to_decimal(&x, out, SL_INT_MAX_STR_DIGITS);
  if (st == SL_NUM_VALUE_ERROR) {
    out->len = mark;
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "Exceeds the limit (%d digits) for integer string conversion; use "
                    "sys.set_int_max_str_digits() to increase the limit",
                    SL_INT_MAX_STR_DIGITS);
  }
  if (st || out->failed) return sl_nomem(rt);
  return 0;
}

/* ---- type slots ------------------------------------------------------------ */

static int long_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  return sl_long_decimal(rt, sl_obj_val(o), out);
}

static int long_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = sl_is_number(b) && sl_number_cmp(sl_obj_val(a), b) == 0;
  return 0;
}

static int long_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = sl_number_cmp(sl_obj_val(a), b) == -1;
  return 0;
}

static int long_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  (void)rt;
  *out = sl_number_hash(sl_obj_val(o));
  return 0;
}

static int long_truth(sl_rt *rt, sl_obj *o, bool *res) {
  (void)rt;
  *res = ((sl_longobj *)o)->n != 0; /* only an int subclass's instance can be zero */
  return 0;
}

static size_t long_var_size(const sl_obj *o) {
  return sizeof(sl_longobj) + ((const sl_longobj *)o)->n * sizeof(sl_digit);
}

const sl_type sl_long_type = {
    .name = "int",
    .repr = long_repr,
    .eq = long_eq,
    .lt = long_lt,
    .hash = long_hash,
    .truth = long_truth,
    .size = sizeof(sl_longobj),
    .var_size = long_var_size,
};

/* ---- instances of int and float subclasses ---------------------------------- */

bool sl_long_small(const sl_obj *o, int64_t *out) {
  const sl_longobj *l = (const sl_longobj *)o;
  if (l->n > 2) return false;
  uint64_t m = l->n == 0 ? 0 : l->d[0] | (l->n == 2 ? (uint64_t)l->d[1] << 32 : 0);
  if (l->sign < 0) {
    if (m > (uint64_t)1 << 63) return false;
    *out = m == (uint64_t)1 << 63 ? INT64_MIN : -(int64_t)m;
  } else {
    if (m > (uint64_t)INT64_MAX) return false;
    *out = (int64_t)m;
  }
  return true;
}

int sl_long_copy(sl_rt *rt, sl_value v, sl_value *out) {
  sl_bigint x;
  sl_long_view(v, &x);
  sl_obj *o = sl_obj_alloc_size(rt, &sl_long_type, sizeof(sl_longobj) + x.n * sizeof(sl_digit));
  if (!o) return -1;
  sl_longobj *l = (sl_longobj *)o;
  l->sign = x.sign < 0 ? -1 : 1;
  l->n = x.n;
  if (x.n) memcpy(l->d, x.d, x.n * sizeof(sl_digit));
  *out = sl_obj_val(o);
  return 0;
}

int sl_num_plain(sl_rt *rt, sl_value v, sl_value *out) {
  sl_value u = sl_num_unbox(v);
  if (!sl_is_long(u) || !(u.u.o->size_class & SL_OBJ_EXT_BIT)) return *out = sl_vincref(u), 0;
  sl_bigint x, y;
  sl_long_view(u, &x);
  sl_bigint_init(&y);
  if (sl_bigint_copy(&y, &x)) return sl_nomem(rt);
  return sl_long_from_bigint(rt, &y, out);
}

static int floatobj_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  sl_float_repr(out, ((sl_floatobj *)o)->f);
  return 0;
}

static int floatobj_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = sl_is_number(b) && sl_number_cmp(sl_obj_val(a), b) == 0;
  return 0;
}

static int floatobj_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = sl_number_cmp(sl_obj_val(a), b) == -1;
  return 0;
}

static int floatobj_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  (void)rt;
  *out = sl_double_hash(((sl_floatobj *)o)->f);
  return 0;
}

static int floatobj_truth(sl_rt *rt, sl_obj *o, bool *res) {
  (void)rt;
  *res = ((sl_floatobj *)o)->f != 0.0;
  return 0;
}

const sl_type sl_floatobj_type = {
    .name = "float",
    .repr = floatobj_repr,
    .eq = floatobj_eq,
    .lt = floatobj_lt,
    .hash = floatobj_hash,
    .truth = floatobj_truth,
    .size = sizeof(sl_floatobj),
};

int sl_floatobj_new(sl_rt *rt, double f, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, &sl_floatobj_type);
  if (!o) return -1;
  ((sl_floatobj *)o)->f = f;
  *out = sl_obj_val(o);
  return 0;
}
