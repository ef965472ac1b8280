/* int.to_bytes(length=1, byteorder='big', *, signed=False) and
 * int.from_bytes(bytes, byteorder='big', *, signed=False), after
 * Objects/longobject.c (int_to_bytes_impl, int_from_bytes_impl; the
 * defaults of length and byteorder are 3.11's). Values of any size, two's
 * complement for signed ones, CPython's errors. */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/iter-int.h"
#include "core/lang/vm-int.h"
#include "core/long.h"

/* byteorder: 1 little, 0 big, -1 raised. */
static int byteorder_of(sl_rt *rt, sl_value v) {
  if (sl_is_undef(v)) return 0;
  if (!sl_is_str(v))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "to_bytes() argument 'byteorder' must be str, not %s",
                    sl_type_name(v));
  if (sl_str_eq_cstr(v.u.o, "little")) return 1;
  if (sl_str_eq_cstr(v.u.o, "big")) return 0;
  return sl_raise(rt, SL_EXC_VALUE_ERROR, "byteorder must be either 'little' or 'big'");
}

static int signed_of(sl_rt *rt, sl_value v, bool *out) {
  *out = false;
  return sl_is_undef(v) ? 0 : sl_truth(rt, v, out);
}

/* Two's complement negation of n little-endian bytes, in place. */
static void negate(unsigned char *b, size_t n) {
  unsigned carry = 1;
  for (size_t i = 0; i < n; i++) {
    unsigned x = (unsigned char)~b[i] + carry;
    b[i] = (unsigned char)x;
    carry = x >> 8;
  }
}

static int to_bytes(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"length", "byteorder", "signed"};
  sl_value v[3];
  if (sl_args_bind(rt, a, "to_bytes", names, 3, 0, 2, v)) return -1;
  int64_t len = 1;
  if (!sl_is_undef(v[0]) && !sl_as_index(v[0], &len))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v[0]));
  if (len < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "length argument must be non-negative");
  int little = byteorder_of(rt, v[1]);
  bool sgn;
  if (little < 0 || signed_of(rt, v[2], &sgn)) return -1;
  sl_bigint x;
  sl_long_view(self, &x);
  if (x.sign < 0 && !sgn)
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "can't convert negative int to unsigned");
  /* Bits needed: the magnitude's, plus a sign bit when signed (a negative
   * power of two fits in exactly its bit length). */
  uint64_t bits = sl_bigint_bit_length(&x);
  if (sgn && x.sign > 0) bits++;
  if (sgn && x.sign < 0) {
    bool pow2 = true;
    for (size_t i = 0; i + 1 < x.n && pow2; i++) pow2 = x.d[i] == 0;
    pow2 = pow2 && x.n && (x.d[x.n - 1] & (x.d[x.n - 1] - 1)) == 0;
    if (!pow2) bits++;
  }
  if (bits > (uint64_t)len * 8)
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "int too big to convert");
  unsigned char *b = sl_calloc(len ? (size_t)len : 1, 1);
  if (!b) return sl_nomem(rt);
  for (size_t i = 0; i < (size_t)len && i / 4 < x.n; i++)
    b[i] = (unsigned char)(x.d[i / 4] >> (8 * (i % 4)));
  if (x.sign < 0) negate(b, (size_t)len);
  if (!little)
    for (size_t i = 0; i < (size_t)len / 2; i++) {
      unsigned char t = b[i];
      b[i] = b[len - 1 - i];
      b[len - 1 - i] = t;
    }
  sl_obj *r = sl_bytes_new(rt, b, (size_t)len);
  sl_free(b);
  if (!r) return -1;
  *out = sl_obj_val(r);
  return 0;
}

static int from_bytes(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"bytes", "byteorder", "signed"};
  sl_value v[3];
  if (sl_args_bind(rt, a, "from_bytes", names, 3, 1, 2, v)) return -1;
  int little = byteorder_of(rt, v[1]);
  bool sgn;
  if (little < 0 || signed_of(rt, v[2], &sgn)) return -1;
  sl_value data = v[0];
  sl_obj *tmp = NULL;
  if (sl_is_str(data)) /* PyObject_Bytes refuses a str before iterating */
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot convert 'str' object to bytes");
  if (!sl_is_type(data, &sl_bytes_type)) { /* bytes(iterable) */
    sl_value bt, fn;
    if (sl__vm_builtin(rt, "bytes", &fn)) return -1;
    int r = sl_call_pos(rt, fn, &data, 1, &bt);
    sl_vdecref(rt, fn);
    if (r) return -1;
    tmp = bt.u.o;
    data = bt;
  }
  sl_bytesobj *by = sl_as_bytes(data.u.o);
  size_t n = by->len, nd = (n + 3) / 4;
  sl_digit *d = sl_calloc(nd ? nd : 1, sizeof *d);
  unsigned char *b = sl_calloc(n ? n : 1, 1);
  int rc = d && b ? 0 : sl_nomem(rt);
  if (!rc) {
    for (size_t i = 0; i < n; i++) b[i] = little ? by->data[i] : by->data[n - 1 - i];
    bool neg = sgn && n && (b[n - 1] & 0x80);
    if (neg) negate(b, n);
    for (size_t i = 0; i < n; i++) d[i / 4] |= (sl_digit)b[i] << (8 * (i % 4));
    while (nd && !d[nd - 1]) nd--;
    sl_bigint x;
    sl_bigint_view(&x, nd ? (neg ? -1 : 1) : 0, d, nd);
    rc = sl_long_from_bigint(rt, &x, out);
  }
  sl_free(d);
  sl_free(b);
  sl_decref(rt, tmp);
  return rc;
}

const sl_cfunc_def sl__int_to_bytes_def = {"int.to_bytes", to_bytes, NULL, 0};
const sl_cfunc_def sl__int_from_bytes_def = {"int.from_bytes", from_bytes, NULL, 0};
