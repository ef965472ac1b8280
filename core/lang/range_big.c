/* range objects whose start, stop, step or length do not fit 64 bits:
 * range(10**20, 10**20 + 5). Mirrors Objects/rangeobject.c's long paths
 * (compute_range_length, compute_item, range_contains_long,
 * range_equals, range_hash, longrangeiter).
 *
 * A range that fits is the int64 sl_range (iter.c), the fast path; one
 * that does not is this type, whose bounds are int values of any size
 * (tagged or core/long.h objects). Both are `range` to the program
 * (type(), isinstance(), reprs, equality between them). len() of one
 * whose length passes 64 bits is CPython's OverflowError. Slicing works on
 * ints of any size (compute_slice), also for an int64 range whose slice
 * does not fit. */
#include <string.h>

#include "core/lang/iter-int.h"
#include "core/lang/ops.h"
#include "core/lang/vm-int.h"

typedef struct longrange {
  sl_obj hdr;
  sl_value start, stop, step, len; /* owned ints */
} longrange;

typedef struct longrange_iter {
  sl_obj hdr;
  sl_value next, step, left; /* owned ints: the next item, the step, items still to come */
} longrange_iter;

static void lr_clear(sl_rt *rt, sl_obj *o) {
  longrange *r = (longrange *)o;
  sl_vset(rt, &r->start, sl_none());
  sl_vset(rt, &r->stop, sl_none());
  sl_vset(rt, &r->step, sl_none());
  sl_vset(rt, &r->len, sl_none());
}

static int arith(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out) {
  return sl_binary_op(rt, op, a, b, out);
}

static int sign_of(sl_value v) {
  sl_value z = sl_int(0);
  return sl_number_cmp(v, z);
}

/* compute_range_length: lo < hi ? (hi - lo - 1) // step + 1 : 0, with lo,
 * hi and step swapped and negated for a negative step. */
static int range_length(sl_rt *rt, sl_value start, sl_value stop, sl_value step, sl_value *out) {
  sl_value lo = start, hi = stop, st = sl_vincref(step);
  if (sign_of(step) < 0) {
    lo = stop, hi = start;
    sl_vdecref(rt, st);
    if (arith(rt, SL_BIN_SUB, sl_int(0), step, &st)) return -1;
  }
  if (sl_number_cmp(lo, hi) >= 0) {
    sl_vdecref(rt, st);
    return *out = sl_int(0), 0;
  }
  sl_value d, d1, q;
  int rc = arith(rt, SL_BIN_SUB, hi, lo, &d);
  if (!rc) {
    rc = arith(rt, SL_BIN_SUB, d, sl_int(1), &d1);
    sl_vdecref(rt, d);
  }
  if (!rc) {
    rc = arith(rt, SL_BIN_FLOORDIV, d1, st, &q);
    sl_vdecref(rt, d1);
  }
  sl_vdecref(rt, st);
  if (rc) return -1;
  rc = arith(rt, SL_BIN_ADD, q, sl_int(1), out);
  sl_vdecref(rt, q);
  return rc;
}

extern const sl_type sl__longrange_type;

int sl__longrange_new(sl_rt *rt, sl_value start, sl_value stop, sl_value step, sl_value *out) {
  if (sign_of(step) == 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
  sl_value len;
  if (range_length(rt, start, stop, step, &len)) return -1;
  if (start.tag == SL_V_INT && stop.tag == SL_V_INT && step.tag == SL_V_INT && len.tag == SL_V_INT)
    return sl_range_new(rt, start.u.i, stop.u.i, step.u.i, out);
  sl_obj *o = sl_obj_alloc(rt, &sl__longrange_type);
  if (!o) {
    sl_vdecref(rt, len);
    return -1;
  }
  longrange *r = (longrange *)o;
  r->start = sl_vincref(start), r->stop = sl_vincref(stop), r->step = sl_vincref(step);
  r->len = len;
  *out = sl_obj_val(o);
  return 0;
}

/* The range's fields as values, for either representation (new refs). */
static void fields_of(sl_value v, sl_value f[4]) {
  if (sl_is_type(v, &sl_range_type)) {
    sl_range *r = (sl_range *)v.u.o;
    f[0] = sl_int(r->start), f[1] = sl_int(r->stop), f[2] = sl_int(r->step), f[3] = sl_int(r->len);
    return;
  }
  longrange *r = (longrange *)v.u.o;
  f[0] = sl_vincref(r->start), f[1] = sl_vincref(r->stop), f[2] = sl_vincref(r->step);
  f[3] = sl_vincref(r->len);
}

static void fields_free(sl_rt *rt, sl_value f[4]) {
  for (int i = 0; i < 4; i++) sl_vdecref(rt, f[i]);
}

static int lr_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  longrange *r = (longrange *)o;
  sl_strbuf_puts(out, "range(");
  if (sl_repr(rt, r->start, out)) return -1;
  sl_strbuf_puts(out, ", ");
  if (sl_repr(rt, r->stop, out)) return -1;
  if (!(r->step.tag == SL_V_INT && r->step.u.i == 1)) {
    sl_strbuf_puts(out, ", ");
    if (sl_repr(rt, r->step, out)) return -1;
  }
  sl_strbuf_putc(out, ')');
  return 0;
}

/* range_equals, between a long range and either kind. */
int sl__longrange_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (!sl_is_type(b, &sl_range_type) && !sl_is_type(b, &sl__longrange_type)) return 0;
  sl_value x[4], y[4];
  fields_of(sl_obj_val(a), x);
  fields_of(b, y);
  if (sl_number_cmp(x[3], y[3]) != 0)
    *res = false;
  else if (sign_of(x[3]) == 0)
    *res = true;
  else if (sl_number_cmp(x[0], y[0]) != 0)
    *res = false;
  else
    *res = sl_number_cmp(x[3], sl_int(1)) == 0 || sl_number_cmp(x[2], y[2]) == 0;
  fields_free(rt, x);
  fields_free(rt, y);
  return 0;
}

static int lr_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  longrange *r = (longrange *)o;
  /* The length is never 0 or 1 here with bounds this far apart, but the
   * rule is range_hash's: (len, start, step) with None where it does not
   * matter. */
  bool empty = sign_of(r->len) == 0, one = sl_number_cmp(r->len, sl_int(1)) == 0;
  sl_value t[3] = {r->len, empty ? sl_none() : r->start, empty || one ? sl_none() : r->step};
  sl_obj *tup = sl_tuple_new(rt, t, 3);
  if (!tup) return -1;
  int rc = sl_hash(rt, sl_obj_val(tup), out);
  sl_decref(rt, tup);
  return rc;
}

static int lr_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = sign_of(((longrange *)o)->len) != 0;
  return 0;
}

static int lr_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  sl_value n = ((longrange *)o)->len;
  if (n.tag != SL_V_INT)
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
  *out = n.u.i;
  return 0;
}

/* range_contains_long for an int item: within the bounds and on a step. */
static int contains_int(sl_rt *rt, longrange *r, sl_value v, bool *res) {
  *res = false;
  bool up = sign_of(r->step) > 0;
  if (up ? (sl_number_cmp(v, r->start) < 0 || sl_number_cmp(v, r->stop) >= 0)
         : (sl_number_cmp(v, r->start) > 0 || sl_number_cmp(v, r->stop) <= 0))
    return 0;
  sl_value d, m;
  if (arith(rt, SL_BIN_SUB, v, r->start, &d)) return -1;
  int rc = arith(rt, SL_BIN_MOD, d, r->step, &m);
  sl_vdecref(rt, d);
  if (rc) return -1;
  *res = sign_of(m) == 0;
  sl_vdecref(rt, m);
  return 0;
}

static int lr_iter(sl_rt *rt, sl_obj *o, sl_value *out);

static int lr_contains(sl_rt *rt, sl_obj *o, sl_value item, bool *res) {
  if (sl_is_intish(item)) return contains_int(rt, (longrange *)o, item, res);
  /* _PySequence_IterSearch, as CPython: every item compared. */
  sl_value it, x;
  *res = false;
  if (lr_iter(rt, o, &it)) return -1;
  int r;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    int rc = sl_eq(rt, x, item, res);
    sl_vdecref(rt, x);
    if (rc) r = -1;
    if (rc || *res) break;
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : 0;
}

/* compute_item: start + i * step. */
static int item_at(sl_rt *rt, longrange *r, sl_value i, sl_value *out) {
  sl_value p;
  if (arith(rt, SL_BIN_MULT, i, r->step, &p)) return -1;
  int rc = arith(rt, SL_BIN_ADD, r->start, p, out);
  sl_vdecref(rt, p);
  return rc;
}

/* ---- slicing ---------------------------------------------------------------------- */

/* One field of a slice as an int value of any size (new ref); None stays
 * undef. _PyEval_SliceIndex's TypeError for anything else. */
static int slice_field(sl_rt *rt, sl_value v, sl_value *out) {
  int64_t i;
  *out = sl_undef();
  if (sl_is_none(v)) return 0;
  if (sl_is_long(v) || v.tag == SL_V_INT) return *out = sl_vincref(v), 0;
  if (!sl_as_index(v, &i))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "slice indices must be integers or None or have an __index__ method");
  return *out = sl_int(i), 0;
}

/* _PySlice_GetLongIndices' clamping of one end: None is dflt; a negative
 * index counts from len; the result lies in [lower, upper]. Steals v. */
static int clamp_end(sl_rt *rt, sl_value v, sl_value len, sl_value lower, sl_value upper,
                     sl_value dflt, sl_value *out) {
  if (sl_is_undef(v)) return *out = sl_vincref(dflt), 0;
  if (sign_of(v) < 0) {
    sl_value w;
    int rc = arith(rt, SL_BIN_ADD, v, len, &w);
    sl_vdecref(rt, v);
    if (rc) return -1;
    v = w;
    if (sl_number_cmp(v, lower) < 0) sl_vset(rt, &v, sl_vincref(lower));
  } else if (sl_number_cmp(v, upper) > 0) {
    sl_vset(rt, &v, sl_vincref(upper));
  }
  *out = v;
  return 0;
}

/* rangeobject.c compute_slice with ints of any size: the slice's indices
 * (_PySlice_GetLongIndices) mapped through start + i * step, the step
 * multiplied. Works on both representations; the result is an int64 range
 * again when it fits. */
int sl__range_slice_long(sl_rt *rt, sl_value range, sl_obj *slice, sl_value *out) {
  sl_slice *sl = (sl_slice *)slice;
  sl_value f[4], st, a = sl_undef(), b = sl_undef(), lo, hi;
  if (slice_field(rt, sl->step, &st)) return -1;
  if (sl_is_undef(st)) st = sl_int(1);
  if (sign_of(st) == 0) {
    sl_vdecref(rt, st);
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "slice step cannot be zero");
  }
  if (slice_field(rt, sl->start, &a) || slice_field(rt, sl->stop, &b)) {
    sl_vdecref(rt, st);
    sl_vdecref(rt, a);
    return -1;
  }
  fields_of(range, f);
  bool back = sign_of(st) < 0;
  lo = back ? sl_int(-1) : sl_int(0);
  int rc = back ? arith(rt, SL_BIN_ADD, f[3], lo, &hi) : (hi = sl_vincref(f[3]), 0);
  sl_value start = sl_undef(), stop = sl_undef(), first = sl_undef(), last = sl_undef(), step;
  if (rc) {
    sl_vdecref(rt, a);
    sl_vdecref(rt, b);
  } else {
    rc = clamp_end(rt, a, f[3], lo, hi, back ? hi : lo, &start);
    if (clamp_end(rt, b, f[3], lo, hi, back ? lo : hi, &stop)) rc = -1;
  }
  /* compute_item(r, i) = r.start + i * r.step, for both ends. */
  sl_value *ends[2] = {&start, &stop}, *items[2] = {&first, &last};
  for (int k = 0; k < 2 && !rc; k++) {
    sl_value p;
    rc = arith(rt, SL_BIN_MULT, *ends[k], f[2], &p);
    if (!rc) {
      rc = arith(rt, SL_BIN_ADD, f[0], p, items[k]);
      sl_vdecref(rt, p);
    }
  }
  if (!rc && !(rc = arith(rt, SL_BIN_MULT, st, f[2], &step))) {
    rc = sl__longrange_new(rt, first, last, step, out);
    sl_vdecref(rt, step);
  }
  sl_vdecref(rt, start);
  sl_vdecref(rt, stop);
  sl_vdecref(rt, first);
  sl_vdecref(rt, last);
  sl_vdecref(rt, hi);
  sl_vdecref(rt, st);
  fields_free(rt, f);
  return rc ? -1 : 0;
}

static int lr_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  longrange *r = (longrange *)o;
  if (sl_is_type(key, &sl_slice_type)) return sl__range_slice_long(rt, sl_obj_val(o), key.u.o, out);
  if (!sl_is_intish(key))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "range indices must be integers or slices, not %s",
                    sl_type_name(key));
  sl_value i = sl_vincref(key);
  if (sign_of(i) < 0) {
    sl_value j;
    int rc = arith(rt, SL_BIN_ADD, i, r->len, &j);
    sl_vdecref(rt, i);
    if (rc) return -1;
    i = j;
  }
  if (sign_of(i) < 0 || sl_number_cmp(i, r->len) >= 0) {
    sl_vdecref(rt, i);
    return sl_raise(rt, SL_EXC_INDEX_ERROR, "range object index out of range");
  }
  int rc = item_at(rt, r, i, out);
  sl_vdecref(rt, i);
  return rc;
}

/* ---- longrange_iterator ---------------------------------------------------------- */

static void lri_clear(sl_rt *rt, sl_obj *o) {
  longrange_iter *it = (longrange_iter *)o;
  sl_vset(rt, &it->next, sl_none());
  sl_vset(rt, &it->step, sl_none());
  sl_vset(rt, &it->left, sl_none());
}

static int lri_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_incref(o);
  *out = sl_obj_val(o);
  return 0;
}

static int lri_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  longrange_iter *it = (longrange_iter *)o;
  if (sign_of(it->left) <= 0) return 0;
  sl_value next, left;
  if (arith(rt, SL_BIN_ADD, it->next, it->step, &next)) return -1;
  if (arith(rt, SL_BIN_SUB, it->left, sl_int(1), &left)) {
    sl_vdecref(rt, next);
    return -1;
  }
  *out = it->next;
  it->next = next;
  sl_vset(rt, &it->left, left);
  return 1;
}

static const sl_lang_slots lri_slots = {.iter = lri_iter, .next = lri_next};
static const sl_type longrange_iter_type = {.name = "longrange_iterator",
                                            .clear = lri_clear,
                                            .lang = &lri_slots,
                                            .size = sizeof(longrange_iter)};

static int iter_new(sl_rt *rt, sl_value first, sl_value step, sl_value left, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, &longrange_iter_type);
  if (!o) return -1;
  longrange_iter *it = (longrange_iter *)o;
  it->next = sl_vincref(first), it->step = sl_vincref(step), it->left = sl_vincref(left);
  *out = sl_obj_val(o);
  return 0;
}

static int lr_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  longrange *r = (longrange *)o;
  return iter_new(rt, r->start, r->step, r->len, out);
}

int sl__longrange_reversed(sl_rt *rt, sl_obj *o, sl_value *out) {
  longrange *r = (longrange *)o;
  /* range_reverse: from start + (len - 1) * step down by step. */
  sl_value last_i, last, neg;
  if (arith(rt, SL_BIN_SUB, r->len, sl_int(1), &last_i)) return -1;
  int rc = item_at(rt, r, last_i, &last);
  sl_vdecref(rt, last_i);
  if (rc) return -1;
  rc = arith(rt, SL_BIN_SUB, sl_int(0), r->step, &neg);
  if (!rc) {
    rc = iter_new(rt, last, neg, r->len, out);
    sl_vdecref(rt, neg);
  }
  sl_vdecref(rt, last);
  return rc;
}

/* ---- attributes: start, stop, step, index, count ---------------------------------- */

static int lr_index(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "index", 1, 1)) return -1;
  longrange *r = (longrange *)self.u.o;
  sl_value x = a->pos[0];
  bool in;
  if (lr_contains(rt, self.u.o, x, &in)) return -1;
  if (!in) {
    if (!sl_is_intish(x))
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "sequence.index(x): x not in sequence");
    if (sl__py_minor(rt) >= 14)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "range.index(x): x not in range");
    sl_strbuf b = SL_STRBUF_INIT;
    if (!sl_repr(rt, x, &b))
      sl_raise(rt, SL_EXC_VALUE_ERROR, "%s is not in range", b.data ? b.data : "");
    sl_strbuf_free(&b);
    return -1;
  }
  if (!sl_is_intish(x))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "simloop: range.index of a non-int");
  sl_value d;
  if (arith(rt, SL_BIN_SUB, x, r->start, &d)) return -1;
  int rc = arith(rt, SL_BIN_FLOORDIV, d, r->step, out);
  sl_vdecref(rt, d);
  return rc;
}

static int lr_count(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "count", 1, 1)) return -1;
  bool in;
  if (lr_contains(rt, self.u.o, a->pos[0], &in)) return -1;
  *out = sl_int(in);
  return 0;
}

static const sl_cfunc_def lr_methods[] = {
    {"range.index", lr_index, NULL, 0}, {"range.count", lr_count, NULL, 0}, {NULL, NULL, NULL, 0}};

static int lr_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  longrange *r = (longrange *)o;
  if (!strcmp(name, "start")) return *out = sl_vincref(r->start), 0;
  if (!strcmp(name, "stop")) return *out = sl_vincref(r->stop), 0;
  if (!strcmp(name, "step")) return *out = sl_vincref(r->step), 0;
  int rc = sl_methods_lookup(rt, sl_obj_val(o), lr_methods, name, out);
  if (rc) return rc < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'range' object has no attribute '%s'", name);
}

static const sl_lang_slots lr_slots = {
    .len = lr_len, .iter = lr_iter, .getitem = lr_getitem, .contains = lr_contains};

const sl_type sl__longrange_type = {.name = "range",
                                    .clear = lr_clear,
                                    .repr = lr_repr,
                                    .eq = sl__longrange_eq,
                                    .hash = lr_hash,
                                    .truth = lr_truth,
                                    .getattr = lr_getattr,
                                    .lang = &lr_slots,
                                    .size = sizeof(longrange)};
