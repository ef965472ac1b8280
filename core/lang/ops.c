/* Operators: binary, in-place, unary, comparisons and `in`. Mirrors the
 * dispatch of Objects/abstract.c (binary_op1, PyNumber_InPlace*,
 * PySequence_Contains) and Objects/object.c (do_richcompare), restricted to
 * the built-in types of the language, with CPython's TypeError texts. */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/ops-int.h"
#include "core/lang/vm-int.h"

static const char *const binop_sym[] = {"+",  "-",  "*",  "/", "//", "%",
                                        "**", "<<", ">>", "|", "^",  "&"};
static const char *const cmp_sym[] = {"==", "!=", "<",      "<=", ">",
                                      ">=", "is", "is not", "in", "not in"};

int sl__str_value(sl_rt *rt, const char *s, size_t len, sl_value *out) {
  sl_obj *o = sl_str_new(rt, s, len);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

int sl__str_result(sl_rt *rt, sl_strbuf *b, sl_value *out) {
  sl_obj *o = sl_str_take_buf(rt, b);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static int unsupported(sl_rt *rt, sl_ast_binop op, bool inplace, sl_value a, sl_value b) {
  if (op == SL_BIN_POW && !inplace)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "unsupported operand type(s) for ** or pow(): '%s' and '%s'", sl_type_name(a),
                    sl_type_name(b));
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported operand type(s) for %s%s: '%s' and '%s'",
                  binop_sym[op], inplace ? "=" : "", sl_type_name(a), sl_type_name(b));
}

/* Items of a str/list/tuple/bytes for concatenation and repetition. */
static bool seq_kind(sl_value v) {
  return sl_is_str(v) || sl__is_list(v) || sl__is_tuple(v) || sl__is_bytes(v);
}

/* Caps the size of a repetition or concatenation, so a scenario cannot ask
 * for gigabytes: CPython would raise MemoryError or OverflowError there. */
#define SEQ_MAX ((size_t)1 << 30)

/* A result of n items of `elem` bytes that simloop will not build: past
 * SEQ_MAX, or more than the memory budget has room for (core/alloc.h).
 * The program gets MemoryError, as CPython's does when malloc refuses. */
static bool too_big(size_t n, size_t elem) { return n > SEQ_MAX || !sl_alloc_fits(n * elem); }

static int concat(sl_rt *rt, sl_value a, sl_value b, sl_value *out) {
  if (sl_is_str(a)) {
    sl_strobj *x = sl_as_str(a.u.o), *y = sl_as_str(b.u.o);
    if (too_big(x->len + y->len, 1)) return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
    char *buf = sl_malloc(x->len + y->len + 1);
    if (!buf) return sl_nomem(rt);
    memcpy(buf, x->data, x->len);
    memcpy(buf + x->len, y->data, y->len);
    int rc = sl__str_value(rt, buf, x->len + y->len, out);
    sl_free(buf);
    return rc;
  }
  if (sl__is_bytes(a)) {
    sl_bytesobj *x = sl_as_bytes(a.u.o), *y = sl_as_bytes(b.u.o);
    if (too_big(x->len + y->len, 1)) return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
    unsigned char *buf = sl_malloc(x->len + y->len + 1);
    if (!buf) return sl_nomem(rt);
    memcpy(buf, x->data, x->len);
    memcpy(buf + x->len, y->data, y->len);
    sl_obj *o = sl_bytes_new(rt, buf, x->len + y->len);
    sl_free(buf);
    if (!o) return -1;
    *out = sl_obj_val(o);
    return 0;
  }
  const sl_value *xi, *yi;
  size_t nx, ny;
  if (sl__is_list(a)) {
    xi = sl_as_list(a.u.o)->items, nx = sl_as_list(a.u.o)->len;
    yi = sl_as_list(b.u.o)->items, ny = sl_as_list(b.u.o)->len;
  } else {
    xi = sl_as_tuple(a.u.o)->items, nx = sl_as_tuple(a.u.o)->len;
    yi = sl_as_tuple(b.u.o)->items, ny = sl_as_tuple(b.u.o)->len;
  }
  if (too_big(nx + ny, sizeof(sl_value))) return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  sl_value *items = sl_malloc((nx + ny + 1) * sizeof *items);
  if (!items) return sl_nomem(rt);
  if (nx) memcpy(items, xi, nx * sizeof *items);
  if (ny) memcpy(items + nx, yi, ny * sizeof *items);
  sl_obj *o = sl__is_list(a) ? sl_list_new(rt, items, nx + ny) : sl_tuple_new(rt, items, nx + ny);
  sl_free(items);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static int repeat(sl_rt *rt, sl_value seq, int64_t n, sl_value *out) {
  if (n < 0) n = 0;
  const void *src;
  size_t len, elem;
  if (sl_is_str(seq))
    src = sl_as_str(seq.u.o)->data, len = sl_as_str(seq.u.o)->len, elem = 1;
  else if (sl__is_bytes(seq))
    src = sl_as_bytes(seq.u.o)->data, len = sl_as_bytes(seq.u.o)->len, elem = 1;
  else if (sl__is_list(seq))
    src = sl_as_list(seq.u.o)->items, len = sl_as_list(seq.u.o)->len, elem = sizeof(sl_value);
  else
    src = sl_as_tuple(seq.u.o)->items, len = sl_as_tuple(seq.u.o)->len, elem = sizeof(sl_value);
  if (len && ((uint64_t)n > SEQ_MAX / len || too_big(len * (size_t)n, elem)))
    return sl_raise_noargs(rt, SL_EXC_MEMORY_ERROR);
  size_t total = len * (size_t)n;
  char *buf = sl_malloc(total * elem + 1);
  if (!buf) return sl_nomem(rt);
  for (int64_t i = 0; i < n; i++) memcpy(buf + (size_t)i * len * elem, src, len * elem);
  sl_obj *o;
  if (sl_is_str(seq))
    o = sl_str_new(rt, buf, total);
  else if (sl__is_bytes(seq))
    o = sl_bytes_new(rt, (unsigned char *)buf, total);
  else if (sl__is_list(seq))
    o = sl_list_new(rt, (sl_value *)buf, total);
  else
    o = sl_tuple_new(rt, (sl_value *)buf, total);
  sl_free(buf);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

/* A native type's own operators (datetime's + - * / // %): a's, then b's. */
static int slot_binary(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out) {
  const sl_lang_slots *sa = sl_lang_slots_of(a), *sb = sl_lang_slots_of(b);
  int r = sa && sa->binary ? sa->binary(rt, (int)op, a, b, out) : 0;
  if (r == 0 && sb && sb->binary && sb != sa) r = sb->binary(rt, (int)op, a, b, out);
  return r;
}

static int binary(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, bool inplace, sl_value *out) {
  bool ext = sl__has_ext(a) || sl__has_ext(b);
  int r;
  if (ext) {
    /* An instance of a class deriving from a built-in type: the class's
     * own operator methods first (binary_op1 finds them in the subclass's
     * slots), then the base type's on the value (int.__add__ gives an int). */
    r = sl__user_binary(rt, op, a, b, inplace, out);
    if (r) return r < 0 ? -1 : 0;
    r = sl__num_binary(rt, op, sl_num_unbox(a), sl_num_unbox(b), out);
  } else {
    r = sl__num_binary(rt, op, a, b, out);
  }
  if (r) return r < 0 ? -1 : 0;
  r = slot_binary(rt, op, a, b, out);
  if (r) return r < 0 ? -1 : 0;
  if ((a.tag == SL_V_OBJ && a.u.o->type == &sl_exc_type) ||
      (b.tag == SL_V_OBJ && b.u.o->type == &sl_exc_type)) {
    r = sl__user_binary(rt, op, a, b, inplace, out);
    if (r) return r < 0 ? -1 : 0;
  }
  if (op == SL_BIN_ADD && seq_kind(a)) {
    if (b.tag == SL_V_OBJ && b.u.o->type == a.u.o->type) return concat(rt, a, b, out);
    if (sl_is_str(a))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "can only concatenate str (not \"%s\") to str",
                      sl_type_name(b));
    if (sl__is_bytes(a))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "can't concat %s to bytes", sl_type_name(b));
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "can only concatenate %s (not \"%s\") to %s",
                    sl_type_name(a), sl_type_name(b), sl_type_name(a));
  }
  if (op == SL_BIN_MULT && (seq_kind(a) || seq_kind(b))) {
    sl_value seq = seq_kind(a) ? a : b, n = seq_kind(a) ? b : a;
    if (sl__is_intlike(n)) return repeat(rt, seq, sl__intval(n), out);
    if (sl_is_long(n)) return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "%s", sl__msg_index_size);
    if (seq_kind(n) && !seq_kind(a)) return unsupported(rt, op, inplace, a, b);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'",
                    sl_type_name(n));
  }
  if (op == SL_BIN_MOD && sl_is_str(a)) return sl_str_percent(rt, a.u.o, b, out);
  if (sl__is_anyset(a) && sl__is_anyset(b) &&
      (op == SL_BIN_BITOR || op == SL_BIN_BITAND || op == SL_BIN_SUB || op == SL_BIN_BITXOR))
    return sl__set_binop(rt, op, a.u.o, b.u.o, a.u.o->type, out);
  if (sl__dict_kind(a) || sl__dict_kind(b)) {
    /* A native dict subclass's operators (Counter's + - | &). */
    const sl_dict_kind *k = sl__dict_kind(a) ? sl__dict_kind(a) : sl__dict_kind(b);
    int r = k->binary ? k->binary(rt, (int)op, a, b, out) : 0;
    if (r) return r < 0 ? -1 : 0;
  }
  if (op == SL_BIN_BITOR && sl__is_dict(a) && sl__is_dict(b)) {
    sl_obj *d = sl__htable_copy(rt, a.u.o, &sl_dict_type);
    if (!d) return -1;
    if (sl__dict_update(rt, d, b)) {
      sl_decref(rt, d);
      return -1;
    }
    *out = sl_obj_val(d);
    return 0;
  }
  /* dict views support set operators against any iterable. */
  if ((sl_is_type(a, &sl__dict_keys_type) || sl_is_type(a, &sl__dict_items_type)) &&
      (op == SL_BIN_BITOR || op == SL_BIN_BITAND || op == SL_BIN_SUB || op == SL_BIN_BITXOR)) {
    sl_obj *x = sl_set_new(rt), *y = x ? sl_set_new(rt) : NULL;
    int rc = -1;
    if (y && !sl__set_update(rt, x, a) && !sl__set_update(rt, y, b))
      rc = sl__set_binop(rt, op, x, y, &sl_set_type, out);
    sl_decref(rt, x);
    sl_decref(rt, y);
    return rc;
  }
  return unsupported(rt, op, inplace, a, b);
}

int sl_binary_op(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out) {
  return binary(rt, op, a, b, false, out);
}

int sl_inplace_op(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out) {
  if (sl__is_list(a)) {
    if (op == SL_BIN_ADD) {
      if (sl__list_extend(rt, a.u.o, b)) return -1;
      *out = sl_vincref(a);
      return 0;
    }
    if (op == SL_BIN_MULT && sl_is_big(b))
      return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "%s", sl__msg_index_size);
    if (op == SL_BIN_MULT && sl__is_intlike(b)) {
      sl_value r;
      if (repeat(rt, a, sl__intval(b), &r)) return -1;
      /* Swap the repeated items into the list object itself. */
      sl_list *l = sl_as_list(a.u.o), *n = sl_as_list(r.u.o);
      sl_value *items = l->items;
      size_t len = l->len, cap = l->cap;
      l->items = n->items, l->len = n->len, l->cap = n->cap;
      n->items = items, n->len = len, n->cap = cap;
      sl_vdecref(rt, r);
      *out = sl_vincref(a);
      return 0;
    }
  }
  if (sl_is_type(a, &sl_set_type) && sl__is_anyset(b) &&
      (op == SL_BIN_BITOR || op == SL_BIN_BITAND || op == SL_BIN_SUB || op == SL_BIN_BITXOR)) {
    sl_value r;
    if (op == SL_BIN_BITOR) {
      if (sl__set_update(rt, a.u.o, b)) return -1;
      *out = sl_vincref(a);
      return 0;
    }
    if (op == SL_BIN_SUB || op == SL_BIN_BITXOR) {
      /* set_isub / set_ixor work in place. */
      int rc = op == SL_BIN_SUB ? sl__set_difference_update(rt, a.u.o, b.u.o)
                                : sl__set_symdiff_update(rt, a.u.o, b.u.o);
      if (rc) return -1;
      *out = sl_vincref(a);
      return 0;
    }
    if (sl__set_binop(rt, op, a.u.o, b.u.o, &sl_set_type, &r)) return -1;
    /* set_iand: the intersection's table replaces a's (set_swap_bodies). */
    sl__htable *x = sl__as_htable(a.u.o), *y = sl__as_htable(r.u.o), tmp = *x;
    sl_obj hdr = x->hdr;
    *x = *y;
    x->hdr = hdr;
    hdr = y->hdr;
    *y = tmp;
    y->hdr = hdr;
    x->version++;
    sl_vdecref(rt, r);
    *out = sl_vincref(a);
    return 0;
  }
  if (sl__is_dict(a) && op == SL_BIN_BITOR) {
    if (sl__dict_update(rt, a.u.o, b)) return -1;
    *out = sl_vincref(a);
    return 0;
  }
  return binary(rt, op, a, b, true, out);
}

int sl_unary_op(sl_rt *rt, sl_ast_unaryop op, sl_value a, sl_value *out) {
  static const char *const names[] = {"not", "-", "+", "~"};
  if (op == SL_UNARY_NOT) {
    bool t;
    if (sl_truth(rt, a, &t)) return -1;
    *out = sl_bool(!t);
    return 0;
  }
  if (sl__has_ext(a)) {
    int r = sl__user_unary(rt, op, a, out);
    if (r) return r < 0 ? -1 : 0;
    if (sl_is_number(a)) {
      /* int.__neg__, float.__pos__ on a subclass's instance: a plain value. */
      sl_value p;
      if (sl_num_plain(rt, a, &p)) return -1;
      r = sl_unary_op(rt, op, p, out);
      sl_vdecref(rt, p);
      return r;
    }
  }
  if (a.tag == SL_V_FLOAT && op != SL_UNARY_INVERT) {
    *out = sl_float(op == SL_UNARY_USUB ? -a.u.f : a.u.f);
    return 0;
  }
  if (sl_is_long(a)) return sl__long_unary(rt, op, a, out);
  if (sl__is_intlike(a)) {
    int64_t v = sl__intval(a), r = v;
    if (op == SL_UNARY_USUB) {
      if (sl_int_neg(v, &r)) return sl__long_unary(rt, op, a, out); /* -(-2**63) */
    } else if (op == SL_UNARY_INVERT) {
      r = ~v;
    }
    *out = sl_int(r);
    return 0;
  }
  const sl_lang_slots *s = sl_lang_slots_of(a);
  int r = s && s->unary ? s->unary(rt, (int)op, a.u.o, out) : 0;
  if (r) return r < 0 ? -1 : 0;
  r = sl__user_unary(rt, op, a, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "bad operand type for unary %s: '%s'", names[op],
                  sl_type_name(a));
}

/* ---- comparisons ------------------------------------------------------- */

static bool cmp_result(sl_ast_cmpop op, int c) {
  switch (op) {
  case SL_CMP_EQ: return c == 0;
  case SL_CMP_NOTEQ: return c != 0;
  case SL_CMP_LT: return c < 0;
  case SL_CMP_LTE: return c <= 0;
  case SL_CMP_GT: return c > 0;
  case SL_CMP_GTE: return c >= 0;
  default: return false;
  }
}

/* Ints and floats without a long object compare here; the rest exactly
 * in core/long.c. */
static int num_cmp(sl_value a, sl_value b) {
  if (a.tag == SL_V_OBJ || b.tag == SL_V_OBJ) return sl_number_cmp(a, b);
  if (a.tag != SL_V_FLOAT && b.tag != SL_V_FLOAT) {
    int64_t x = sl__intval(a), y = sl__intval(b);
    return x < y ? -1 : x > y;
  }
  if (a.tag == SL_V_FLOAT && b.tag == SL_V_FLOAT) {
    if (a.u.f != a.u.f || b.u.f != b.u.f) return 2;
    return a.u.f < b.u.f ? -1 : a.u.f > b.u.f;
  }
  if (a.tag == SL_V_FLOAT) {
    int c = sl_int_float_cmp(sl__intval(b), a.u.f);
    return c == 2 ? 2 : -c;
  }
  return sl_int_float_cmp(sl__intval(a), b.u.f);
}

static int bytes_cmp(const unsigned char *a, size_t na, const unsigned char *b, size_t nb) {
  size_t n = na < nb ? na : nb;
  int c = n ? memcmp(a, b, n) : 0;
  if (c) return c < 0 ? -1 : 1;
  return na < nb ? -1 : na > nb;
}

static int seq_compare(sl_rt *rt, sl_ast_cmpop op, const sl_value *x, size_t nx, const sl_value *y,
                       size_t ny, bool *res) {
  size_t n = nx < ny ? nx : ny;
  for (size_t i = 0; i < n; i++) {
    bool same = sl_is(x[i], y[i]);
    if (!same && sl_eq(rt, x[i], y[i], &same)) return -1;
    if (!same) {
      if (op == SL_CMP_EQ || op == SL_CMP_NOTEQ) {
        *res = op == SL_CMP_NOTEQ;
        return 0;
      }
      sl_value a = sl_vincref(x[i]), b = sl_vincref(y[i]);
      int rc = sl__richcompare(rt, op, a, b, res);
      sl_vdecref(rt, a);
      sl_vdecref(rt, b);
      return rc;
    }
  }
  *res = cmp_result(op, nx < ny ? -1 : nx > ny);
  return 0;
}

static int set_compare(sl_rt *rt, sl_ast_cmpop op, sl_obj *a, sl_obj *b, bool *res) {
  if (op == SL_CMP_GT || op == SL_CMP_GTE) {
    sl_obj *t = a;
    a = b;
    b = t;
    op = op == SL_CMP_GT ? SL_CMP_LT : SL_CMP_LTE;
  }
  size_t na = sl_set_len(a), nb = sl_set_len(b);
  *res = false;
  if (op == SL_CMP_LT && na >= nb) return 0;
  if (na > nb) return 0;
  size_t pos = 0;
  sl_value k;
  while (sl_set_next(a, &pos, &k)) {
    bool found;
    if (sl__set_contains_any(rt, b, k, &found)) return -1;
    if (!found) return 0;
  }
  *res = true;
  return 0;
}

int sl__richcompare(sl_rt *rt, sl_ast_cmpop op, sl_value a, sl_value b, bool *res) {
  if ((sl_is_user_inst(a, SL_CLS_CMP) || sl_is_user_inst(b, SL_CLS_CMP)) && rt->user_ops) {
    static const int rich[] = {SL_RICH_EQ, SL_RICH_NE, SL_RICH_LT,
                               SL_RICH_LE, SL_RICH_GT, SL_RICH_GE};
    return rt->user_ops->richcmp(rt, rich[op], a, b, res);
  }
  if (op == SL_CMP_EQ || op == SL_CMP_NOTEQ) {
    bool eq;
    if (sl_eq(rt, a, b, &eq)) return -1;
    *res = op == SL_CMP_EQ ? eq : !eq;
    return 0;
  }
  if (sl__is_num(a) && sl__is_num(b)) {
    int c = num_cmp(a, b);
    *res = c != 2 && cmp_result(op, c);
    return 0;
  }
  if (sl_is_str(a) && sl_is_str(b)) {
    sl_strobj *x = sl_as_str(a.u.o), *y = sl_as_str(b.u.o);
    *res = cmp_result(op, bytes_cmp((const unsigned char *)x->data, x->len,
                                    (const unsigned char *)y->data, y->len));
    return 0;
  }
  if (sl__is_bytes(a) && sl__is_bytes(b)) {
    sl_bytesobj *x = sl_as_bytes(a.u.o), *y = sl_as_bytes(b.u.o);
    *res = cmp_result(op, bytes_cmp(x->data, x->len, y->data, y->len));
    return 0;
  }
  if (rt->recursion_depth > SL_MAX_RECURSION)
    return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded in comparison");
  int rc = 1;
  rt->recursion_depth++;
  if (sl__is_tuple(a) && sl__is_tuple(b))
    rc = seq_compare(rt, op, sl_as_tuple(a.u.o)->items, sl_as_tuple(a.u.o)->len,
                     sl_as_tuple(b.u.o)->items, sl_as_tuple(b.u.o)->len, res);
  else if (sl__is_list(a) && sl__is_list(b))
    rc = seq_compare(rt, op, sl_as_list(a.u.o)->items, sl_as_list(a.u.o)->len,
                     sl_as_list(b.u.o)->items, sl_as_list(b.u.o)->len, res);
  else if (sl__is_anyset(a) && sl__is_anyset(b))
    rc = set_compare(rt, op, a.u.o, b.u.o, res);
  rt->recursion_depth--;
  if (rc != 1) return rc;
  /* A type with its own rich comparison (functools.KeyWrapper). */
  const sl_lang_slots *ls = sl_lang_slots_of(a);
  if (ls && ls->richcompare) return ls->richcompare(rt, a.u.o, op, b, res);
  /* Other types of the same kind with an lt slot (defined elsewhere). */
  if (a.tag == SL_V_OBJ && b.tag == SL_V_OBJ && a.u.o->type == b.u.o->type && a.u.o->type->lt) {
    const sl_type *t = a.u.o->type;
    bool lt, eq = false;
    if (op == SL_CMP_LT || op == SL_CMP_LTE) {
      if (t->lt(rt, a.u.o, b, &lt)) return -1;
      if (!lt && op == SL_CMP_LTE && sl_eq(rt, a, b, &eq)) return -1;
    } else {
      if (t->lt(rt, b.u.o, a, &lt)) return -1;
      if (!lt && op == SL_CMP_GTE && sl_eq(rt, a, b, &eq)) return -1;
    }
    *res = lt || eq;
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' not supported between instances of '%s' and '%s'",
                  cmp_sym[op], sl_type_name(a), sl_type_name(b));
}

int sl_compare(sl_rt *rt, sl_ast_cmpop op, sl_value a, sl_value b, bool *res) {
  switch (op) {
  case SL_CMP_IS: *res = sl_is(a, b); return 0;
  case SL_CMP_ISNOT: *res = !sl_is(a, b); return 0;
  case SL_CMP_IN: return sl_contains(rt, b, a, res);
  case SL_CMP_NOTIN:
    if (sl_contains(rt, b, a, res)) return -1;
    *res = !*res;
    return 0;
  default: return sl__richcompare(rt, op, a, b, res);
  }
}

/* ---- `in` -------------------------------------------------------------- */

static int values_contain(sl_rt *rt, const sl_value *items, const size_t *len, sl_value item,
                          bool *res) {
  /* `len` is re-read each step: an __eq__ cannot shrink a list here, but
   * keep to what CPython guarantees. */
  for (size_t i = 0; i < *len; i++) {
    bool same = sl_is(items[i], item);
    if (!same) {
      sl_value x = sl_vincref(items[i]);
      int rc = sl_eq(rt, x, item, &same);
      sl_vdecref(rt, x);
      if (rc) return -1;
    }
    if (same) {
      *res = true;
      return 0;
    }
  }
  *res = false;
  return 0;
}

int sl_contains(sl_rt *rt, sl_value c, sl_value item, bool *res) {
  if (sl__has_ext(c)) {
    /* Only __contains__ itself: a built-in base answers without iterating. */
    sl_value r;
    int found = sl__ext_special(rt, c, "__contains__", &item, 1, &r);
    if (found < 0) return -1;
    if (found) {
      int rc = sl_truth(rt, r, res);
      sl_vdecref(rt, r);
      return rc;
    }
  }
  return sl__contains_base(rt, c, item, res);
}

int sl__contains_base(sl_rt *rt, sl_value c, sl_value item, bool *res) {
  *res = false;
  if (sl_is_str(c)) {
    if (!sl_is_str(item))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "'in <string>' requires string as left operand, not %s", sl_type_name(item));
    sl_strobj *h = sl_as_str(c.u.o), *n = sl_as_str(item.u.o);
    if (n->len == 0)
      *res = true;
    else if (n->len <= h->len)
      for (size_t i = 0; i + n->len <= h->len && !*res; i++)
        *res = memcmp(h->data + i, n->data, n->len) == 0;
    return 0;
  }
  if (sl__is_list(c))
    return values_contain(rt, sl_as_list(c.u.o)->items, &sl_as_list(c.u.o)->len, item, res);
  if (sl__is_tuple(c))
    return values_contain(rt, sl_as_tuple(c.u.o)->items, &sl_as_tuple(c.u.o)->len, item, res);
  if (sl__is_dict(c)) {
    sl_value v;
    bool found;
    if (sl_dict_get(rt, c.u.o, item, &v, &found)) return -1;
    if (found) sl_vdecref(rt, v);
    *res = found;
    return 0;
  }
  if (sl__is_anyset(c)) {
    /* A set as the item is looked up as a frozenset (set_contains). */
    if (sl_is_type(item, &sl_set_type)) {
      sl_obj *f = sl__htable_copy(rt, item.u.o, &sl_frozenset_type);
      if (!f) return -1;
      int rc = sl__set_contains_any(rt, c.u.o, sl_obj_val(f), res);
      sl_decref(rt, f);
      return rc;
    }
    return sl__set_contains_any(rt, c.u.o, item, res);
  }
  if (sl__is_bytes(c)) {
    sl_bytesobj *h = sl_as_bytes(c.u.o);
    if (sl__is_intlike(item)) {
      int64_t v = sl__intval(item);
      if (v < 0 || v > 255)
        return sl_raise(rt, SL_EXC_VALUE_ERROR, "byte must be in range(0, 256)");
      *res = memchr(h->data, (int)v, h->len) != NULL;
      return 0;
    }
    if (!sl__is_bytes(item))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
                      sl_type_name(item));
    sl_bytesobj *n = sl_as_bytes(item.u.o);
    if (n->len == 0) *res = true;
    for (size_t i = 0; i + n->len <= h->len && !*res && n->len; i++)
      *res = memcmp(h->data + i, n->data, n->len) == 0;
    return 0;
  }
  const sl_lang_slots *s = sl_lang_slots_of(c);
  if (s && s->contains) return s->contains(rt, c.u.o, item, res);
  if (s && (s->iter || s->next)) {
    sl_value it, x;
    if (sl_iter(rt, c, &it)) return -1;
    int r;
    while ((r = sl_iter_next(rt, it, &x)) == 1) {
      bool same = sl_is(x, item);
      int rc = same ? 0 : sl_eq(rt, x, item, &same);
      sl_vdecref(rt, x);
      if (rc) {
        r = -1;
        break;
      }
      if (same) {
        *res = true;
        break;
      }
    }
    sl_vdecref(rt, it);
    return r < 0 ? -1 : 0;
  }
  int r = sl__user_contains(rt, c, item, res);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, sl__msg_not_container(rt), sl_type_name(c));
}
