/* collections.deque. Mirrors Modules/_collectionsmodule.c's behaviour (not
 * its block layout): a ring buffer of owned values with an optional
 * maxlen (appending to a full deque drops from the other end), rotate,
 * indexing, iteration that fails once the deque is mutated ("deque
 * mutated during iteration"), and CPython's reprs and error texts. */
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct deque {
  sl_obj hdr;
  sl_value *buf; /* owned ring of cap slots; len of them live from head */
  size_t head, len, cap;
  int64_t maxlen; /* -1: unbounded */
  uint64_t state; /* bumped by every mutation, checked by iterators */
} deque;

static deque *dq(sl_value v) { return (deque *)v.u.o; }
static sl_value *slot(deque *d, size_t i) { return &d->buf[(d->head + i) % d->cap]; }

static void deque_clear_items(sl_rt *rt, deque *d) {
  sl_value *buf = d->buf;
  size_t head = d->head, len = d->len, cap = d->cap;
  d->buf = NULL;
  d->head = d->len = d->cap = 0;
  d->state++;
  for (size_t i = 0; i < len; i++) sl_vdecref(rt, buf[(head + i) % cap]);
  sl_free(buf);
}

static void deque_clear(sl_rt *rt, sl_obj *o) { deque_clear_items(rt, (deque *)o); }
static void deque_release(sl_obj *o) {
  sl_free(((deque *)o)->buf);
  ((deque *)o)->buf = NULL;
}

static int grow(sl_rt *rt, deque *d) {
  if (d->len < d->cap) return 0;
  size_t cap = d->cap ? d->cap * 2 : 8;
  sl_value *nb = sl_malloc(cap * sizeof *nb);
  if (!nb) return sl_nomem(rt);
  for (size_t i = 0; i < d->len; i++) nb[i] = *slot(d, i);
  sl_free(d->buf);
  d->buf = nb;
  d->cap = cap;
  d->head = 0;
  return 0;
}

static sl_value pop_right(deque *d) {
  sl_value v = *slot(d, d->len - 1);
  d->len--;
  d->state++;
  return v;
}

static sl_value pop_left(deque *d) {
  sl_value v = d->buf[d->head];
  d->head = (d->head + 1) % d->cap;
  d->len--;
  d->state++;
  return v;
}

/* append(v) (left: appendleft); a full bounded deque drops the other end. */
static int push(sl_rt *rt, deque *d, sl_value v, bool left) {
  if (d->maxlen == 0) return 0;
  if (grow(rt, d)) return -1;
  if (left) {
    d->head = (d->head + d->cap - 1) % d->cap;
    d->buf[d->head] = sl_vincref(v);
  } else {
    *slot(d, d->len) = sl_vincref(v);
  }
  d->len++;
  d->state++;
  if (d->maxlen >= 0 && (int64_t)d->len > d->maxlen)
    sl_vdecref(rt, left ? pop_right(d) : pop_left(d));
  return 0;
}

static int extend(sl_rt *rt, deque *d, sl_value iterable, bool left) {
  sl_obj *l;
  if (sl_list_from_iterable(rt, iterable, &l)) return -1;
  int rc = 0;
  for (size_t i = 0; i < sl_as_list(l)->len && !rc; i++)
    rc = push(rt, d, sl_as_list(l)->items[i], left);
  sl_decref(rt, l);
  return rc;
}

/* A negative index counts from the right; IndexError outside. */
static int norm_index(sl_rt *rt, deque *d, sl_value key, size_t *out) {
  int64_t i;
  if (!sl_as_index(key, &i))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "sequence index must be integer, not '%s'",
                    sl_type_name(key));
  if (i < 0) i += (int64_t)d->len;
  if (i < 0 || i >= (int64_t)d->len)
    return sl_raise(rt, SL_EXC_INDEX_ERROR, "deque index out of range");
  *out = (size_t)i;
  return 0;
}

/* ---- methods ------------------------------------------------------------- */

#define NOARGS(fname)                                                                              \
  if (sl_args_bind(rt, args, fname, NULL, 0, 0, 0, NULL)) return -1
#define ONEARG(fname, a)                                                                           \
  if (args->nkw || args->npos != 1)                                                                \
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)", fname,   \
                    args->npos + args->nkw);                                                       \
  sl_value a = args->pos[0]

static int m_append(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ONEARG("deque.append", v);
  if (push(rt, dq(self), v, false)) return -1;
  return *out = sl_none(), 0;
}
/* `d.append(v)` as a statement (sl_cstmt_fn): no count check (another
 * count takes the plain body, which owns the TypeError). */
static int m_append_stmt(sl_rt *rt, sl_value *slots, int32_t argc) {
  if (argc != 1) return SL_CSTMT_PLAIN;
  int rc = push(rt, dq(slots[0]), slots[1], false);
  sl_vdecref(rt, slots[1]);
  return rc ? -1 : 0;
}
static int m_appendleft(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ONEARG("deque.appendleft", v);
  if (push(rt, dq(self), v, true)) return -1;
  return *out = sl_none(), 0;
}
static int m_extend(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ONEARG("deque.extend", v);
  if (extend(rt, dq(self), v, false)) return -1;
  return *out = sl_none(), 0;
}
static int m_extendleft(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ONEARG("deque.extendleft", v);
  if (extend(rt, dq(self), v, true)) return -1;
  return *out = sl_none(), 0;
}
static int m_pop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("deque.pop");
  if (!dq(self)->len) return sl_raise(rt, SL_EXC_INDEX_ERROR, "pop from an empty deque");
  return *out = pop_right(dq(self)), 0;
}
static int m_popleft(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("deque.popleft");
  if (!dq(self)->len) return sl_raise(rt, SL_EXC_INDEX_ERROR, "pop from an empty deque");
  return *out = pop_left(dq(self)), 0;
}
static int m_clear(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("deque.clear");
  deque_clear_items(rt, dq(self));
  return *out = sl_none(), 0;
}

static int m_rotate(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  deque *d = dq(self);
  int64_t n = 1;
  if (args->nkw || args->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "rotate expected at most 1 argument, got %zu",
                    args->npos + args->nkw);
  if (args->npos && !sl_as_index(args->pos[0], &n))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(args->pos[0]));
  if (d->len > 1) {
    int64_t len = (int64_t)d->len;
    n %= len;
    if (n < 0) n += len;
    /* rotate(n) right: the last n items move to the front. */
    for (int64_t i = 0; i < n; i++) {
      sl_value v = pop_right(d);
      d->head = (d->head + d->cap - 1) % d->cap;
      d->buf[d->head] = v;
      d->len++;
    }
    d->state++;
  }
  return *out = sl_none(), 0;
}

static int find(sl_rt *rt, deque *d, sl_value v, size_t from, size_t to, int64_t *at) {
  uint64_t state = d->state;
  *at = -1;
  for (size_t i = from; i < to && i < d->len; i++) {
    sl_value x = sl_vincref(*slot(d, i));
    bool eq;
    int rc = sl_compare(rt, SL_CMP_EQ, x, v, &eq);
    sl_vdecref(rt, x);
    if (rc) return -1;
    if (d->state != state)
      return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "deque mutated during iteration");
    if (eq) return *at = (int64_t)i, 0;
  }
  return 0;
}

static int not_in_deque(sl_rt *rt, sl_value v, const char *method) {
  /* 3.14: "deque.remove(x): x not in deque" (no repr of the value) */
  if (rt->profile->minor >= 14)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "deque.%s(x): x not in deque", method);
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_vm_repr(rt, v, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  int rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s is not in deque", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

static int m_index(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  deque *d = dq(self);
  if (args->npos < 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "index expected at least 1 argument, got 0");
  int64_t lo = 0, hi = (int64_t)d->len;
  if (args->npos > 1 && !sl_as_index(args->pos[1], &lo))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "slice indices must be integers");
  if (args->npos > 2 && !sl_as_index(args->pos[2], &hi))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "slice indices must be integers");
  if (lo < 0) lo = lo + (int64_t)d->len < 0 ? 0 : lo + (int64_t)d->len;
  if (hi < 0) hi = hi + (int64_t)d->len < 0 ? 0 : hi + (int64_t)d->len;
  int64_t at;
  if (find(rt, d, args->pos[0], (size_t)lo, (size_t)(hi < 0 ? 0 : hi), &at)) return -1;
  if (at < 0) return not_in_deque(rt, args->pos[0], "index");
  return *out = sl_int(at), 0;
}

static int m_count(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ONEARG("deque.count", v);
  deque *d = dq(self);
  int64_t n = 0;
  uint64_t state = d->state;
  for (size_t i = 0; i < d->len; i++) {
    sl_value x = sl_vincref(*slot(d, i));
    bool eq;
    int rc = sl_compare(rt, SL_CMP_EQ, x, v, &eq);
    sl_vdecref(rt, x);
    if (rc) return -1;
    if (d->state != state)
      return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "deque mutated during iteration");
    n += eq;
  }
  return *out = sl_int(n), 0;
}

/* Removes the item at i, shifting the shorter side. */
static sl_value take_at(deque *d, size_t i) {
  sl_value v = *slot(d, i);
  for (size_t j = i; j + 1 < d->len; j++) *slot(d, j) = *slot(d, j + 1);
  d->len--;
  d->state++;
  return v;
}

static int m_remove(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ONEARG("deque.remove", v);
  deque *d = dq(self);
  int64_t at;
  if (find(rt, d, v, 0, d->len, &at)) return -1;
  if (at < 0) return not_in_deque(rt, v, "remove");
  sl_vdecref(rt, take_at(d, (size_t)at));
  return *out = sl_none(), 0;
}

static int m_insert(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  deque *d = dq(self);
  int64_t i;
  if (args->npos != 2 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "insert expected 2 arguments, got %zu",
                    args->npos + args->nkw);
  if (!sl_as_index(args->pos[0], &i))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(args->pos[0]));
  if (d->maxlen >= 0 && (int64_t)d->len >= d->maxlen)
    return sl_raise(rt, SL_EXC_INDEX_ERROR, "deque already at its maximum size");
  int64_t n = (int64_t)d->len;
  if (i < 0) i = i + n < 0 ? 0 : i + n;
  if (i > n) i = n;
  if (grow(rt, d)) return -1;
  d->len++;
  for (int64_t j = n; j > i; j--) *slot(d, (size_t)j) = *slot(d, (size_t)j - 1);
  *slot(d, (size_t)i) = sl_vincref(args->pos[1]);
  d->state++;
  return *out = sl_none(), 0;
}

static int m_reverse(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("deque.reverse");
  deque *d = dq(self);
  for (size_t i = 0, j = d->len ? d->len - 1 : 0; i < j; i++, j--) {
    sl_value t = *slot(d, i);
    *slot(d, i) = *slot(d, j);
    *slot(d, j) = t;
  }
  d->state++;
  return *out = sl_none(), 0;
}

static int new_deque(sl_rt *rt, int64_t maxlen, sl_obj **out) {
  sl_obj *o = sl_obj_alloc(rt, &sl__deque_type);
  if (!o) return -1;
  ((deque *)o)->maxlen = maxlen;
  *out = o;
  return 0;
}

static int m_copy(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("deque.copy");
  deque *d = dq(self);
  sl_obj *o;
  if (new_deque(rt, d->maxlen, &o)) return -1;
  for (size_t i = 0; i < d->len; i++)
    if (push(rt, (deque *)o, *slot(d, i), false)) {
      sl_decref(rt, o);
      return -1;
    }
  return *out = sl_obj_val(o), 0;
}

static const sl_cfunc_def deque_methods[] = {
    {"deque.append", m_append, NULL, 0, .stmt = m_append_stmt},
    {"deque.appendleft", m_appendleft, NULL, 0},
    {"deque.extend", m_extend, NULL, 0},
    {"deque.extendleft", m_extendleft, NULL, 0},
    {"deque.pop", m_pop, NULL, 0},
    {"deque.popleft", m_popleft, NULL, 0},
    {"deque.clear", m_clear, NULL, 0},
    {"deque.rotate", m_rotate, NULL, 0},
    {"deque.index", m_index, NULL, 0},
    {"deque.count", m_count, NULL, 0},
    {"deque.remove", m_remove, NULL, 0},
    {"deque.insert", m_insert, NULL, 0},
    {"deque.reverse", m_reverse, NULL, 0},
    {"deque.copy", m_copy, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int deque_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "maxlen")) {
    int64_t m = ((deque *)o)->maxlen;
    return *out = m < 0 ? sl_none() : sl_int(m), 0;
  }
  int r = sl_methods_lookup(rt, sl_obj_val(o), deque_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'collections.deque' object has no attribute '%s'",
                  name);
}

/* ---- protocols ------------------------------------------------------------ */

static int deque_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  deque *d = (deque *)o;
  sl_strbuf_puts(out, "deque([");
  for (size_t i = 0; i < d->len; i++) {
    if (i) sl_strbuf_puts(out, ", ");
    sl_value x = sl_vincref(*slot(d, i));
    int rc = sl_vm_repr(rt, x, out);
    sl_vdecref(rt, x);
    if (rc) return -1;
  }
  sl_strbuf_puts(out, "]");
  if (d->maxlen >= 0) sl_strbuf_printf(out, ", maxlen=%lld", (long long)d->maxlen);
  sl_strbuf_putc(out, ')');
  return 0;
}

static int deque_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (!sl_is_type(b, &sl__deque_type)) return 0;
  deque *x = (deque *)a, *y = dq(b);
  if (x->len != y->len) return 0;
  for (size_t i = 0; i < x->len; i++) {
    bool eq;
    if (sl_compare(rt, SL_CMP_EQ, *slot(x, i), *slot(y, i), &eq)) return -1;
    if (!eq) return 0;
  }
  *res = true;
  return 0;
}

static int deque_truth(sl_rt *rt, sl_obj *o, bool *res) {
  (void)rt;
  *res = ((deque *)o)->len != 0;
  return 0;
}

static int deque_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  (void)rt;
  *out = (int64_t)((deque *)o)->len;
  return 0;
}

static int deque_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  deque *d = (deque *)o;
  if (sl_is_type(key, &sl_slice_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "sequence index must be integer, not 'slice'");
  size_t i;
  if (norm_index(rt, d, key, &i)) return -1;
  return *out = sl_vincref(*slot(d, i)), 0;
}

static int deque_setitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value v) {
  deque *d = (deque *)o;
  size_t i;
  if (norm_index(rt, d, key, &i)) return -1;
  if (sl_is_undef(v)) {
    sl_vdecref(rt, take_at(d, i));
    return 0;
  }
  sl_vset(rt, slot(d, i), sl_vincref(v));
  return 0;
}

static int deque_contains(sl_rt *rt, sl_obj *o, sl_value item, bool *res) {
  int64_t at;
  if (find(rt, (deque *)o, item, 0, ((deque *)o)->len, &at)) return -1;
  *res = at >= 0;
  return 0;
}

/* The iterator: the deque, the next position and the state it started in. */
typedef struct deque_iter {
  sl_obj hdr;
  sl_value d; /* owned */
  size_t pos;
  uint64_t state;
} deque_iter;

static void iter_clear(sl_rt *rt, sl_obj *o) { sl_vset(rt, &((deque_iter *)o)->d, sl_undef()); }

static int iter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  deque_iter *it = (deque_iter *)o;
  if (sl_is_undef(it->d)) return 0;
  deque *d = dq(it->d);
  if (d->state != it->state)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "deque mutated during iteration");
  if (it->pos >= d->len) {
    sl_vset(rt, &it->d, sl_undef());
    return 0;
  }
  *out = sl_vincref(*slot(d, it->pos++));
  return 1;
}

static int iter_self(sl_rt *rt, sl_obj *o, sl_value *out) {
  (void)rt;
  sl_incref(o);
  return *out = sl_obj_val(o), 0;
}

static const sl_lang_slots iter_slots = {.iter = iter_self, .next = iter_next};
static const sl_type deque_iter_type = {.name = "_collections._deque_iterator",
                                        .clear = iter_clear,
                                        .lang = &iter_slots,
                                        .size = sizeof(deque_iter)};

static int deque_iter_new(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_obj *i = sl_obj_alloc(rt, &deque_iter_type);
  if (!i) return -1;
  sl_incref(o);
  ((deque_iter *)i)->d = sl_obj_val(o);
  ((deque_iter *)i)->state = ((deque *)o)->state;
  return *out = sl_obj_val(i), 0;
}

static const sl_lang_slots deque_slots = {.len = deque_len,
                                          .iter = deque_iter_new,
                                          .getitem = deque_getitem,
                                          .setitem = deque_setitem,
                                          .contains = deque_contains};

const sl_type sl__deque_type = {.name = "collections.deque",
                                .clear = deque_clear,
                                .release = deque_release,
                                .repr = deque_repr,
                                .eq = deque_eq,
                                .truth = deque_truth,
                                .getattr = deque_getattr,
                                /* deque_getattr: maxlen (never a method) or
                                 * the fixed table, whatever the instance. */
                                .flags = SL_TF_REPR_GUARD | SL_TF_STABLE_ATTRS,
                                .unhashable = true,
                                .lang = &deque_slots,
                                .size = sizeof(deque)};

/* deque(iterable=(), maxlen=None) */
static int ct_deque(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"iterable", "maxlen"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "deque", names, 2, 0, 2, a)) return -1;
  int64_t maxlen = -1;
  if (!sl_is_undef(a[1]) && !sl_is_none(a[1])) {
    if (!sl_as_index(a[1], &maxlen))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "an integer is required");
    if (maxlen < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "maxlen must be non-negative");
  }
  sl_obj *o;
  if (new_deque(rt, maxlen, &o)) return -1;
  if (!sl_is_undef(a[0]) && extend(rt, (deque *)o, a[0], false)) {
    sl_decref(rt, o);
    return -1;
  }
  return *out = sl_obj_val(o), 0;
}

static const sl_cfunc_def ct_deque_def = {"deque", ct_deque, NULL, 0};
static const sl_type *const deque_types[] = {&sl__deque_type, NULL};
const sl_classdef sl__deque_class = {"collections.deque", "collections", "deque", deque_types, NULL,
                                     &ct_deque_def,       NULL};
