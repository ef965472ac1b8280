/* The `collections` module. Mirrors Lib/collections/__init__.py:
 * defaultdict, Counter and OrderedDict are dicts with a kind
 * (core/dict-int.h sl_dict_kind: __missing__, repr, the methods they add,
 * Counter's operators, OrderedDict's ordered equality); namedtuple makes a
 * scenario-level class whose instances keep their values as a tuple
 * (indexing, unpacking, comparison and hashing as a tuple's; fields are
 * read-only properties; _fields, _field_defaults, _make, _asdict,
 * _replace, __match_args__). deque is in mod_collections_deque.c.
 * ChainMap is in mod_collections_chainmap.c. Not provided:
 * UserDict/UserList/UserString, collections.abc;
 * a named tuple is not an instance of `tuple` (isinstance says False). */
#include <string.h>

#include "core/alloc.h"
#include "core/dict-int.h"
#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

extern const sl_classdef sl__deque_class, sl__chainmap_class;

static const sl_type kind_marker_type = {.name = "dict", .size = sizeof(sl_obj)};
static const sl_type *const kind_types[] = {&kind_marker_type, NULL};
static const sl_dict_kind defaultdict_kind, counter_kind, ordereddict_kind;

/* New dict of `kind` with aux (borrowed). */
static sl_obj *kind_new(sl_rt *rt, const sl_dict_kind *kind, sl_value aux) {
  sl_obj *d = sl_dict_new(rt);
  if (!d) return NULL;
  sl__as_htable(d)->kind = kind;
  sl__as_htable(d)->aux = sl_vincref(aux);
  return d;
}

/* A copy of d keeping its kind (d.copy() of a subclass). */
static int kind_copy(sl_rt *rt, sl_obj *d, sl_value *out) {
  sl_obj *c = kind_new(rt, sl__as_htable(d)->kind, sl__as_htable(d)->aux);
  if (!c) return -1;
  if (sl__dict_update(rt, c, sl_obj_val(d))) {
    sl_decref(rt, c);
    return -1;
  }
  return *out = sl_obj_val(c), 0;
}

/* dict(*args, **kw)'s filling, into d. */
static int fill(sl_rt *rt, sl_obj *d, const sl_value *pos, size_t npos, const sl_args *args,
                const char *fname) {
  if (npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected at most 1 argument, got %zu", fname, npos);
  if (npos && sl__dict_update(rt, d, pos[0])) return -1;
  for (size_t i = 0; i < args->nkw; i++)
    if (sl_dict_set(rt, d, sl_obj_val(args->kwnames[i]), args->kwvals[i])) return -1;
  return 0;
}

static int self_copy(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "copy", NULL, 0, 0, 0, NULL)) return -1;
  return kind_copy(rt, self.u.o, out);
}

/* ---- defaultdict ------------------------------------------------------------ */

static int dd_repr(sl_rt *rt, sl_obj *d, sl_strbuf *out) {
  sl_value f = sl__as_htable(d)->aux;
  sl_strbuf_puts(out, "defaultdict(");
  if (sl_is_undef(f) || sl_is_none(f))
    sl_strbuf_puts(out, "None");
  else if (sl_vm_repr(rt, f, out))
    return -1;
  sl_strbuf_puts(out, ", ");
  if (sl__dict_repr_plain(rt, d, out)) return -1;
  sl_strbuf_putc(out, ')');
  return 0;
}

/* defaultdict.__missing__: d[key] = default_factory() */
static int dd_missing(sl_rt *rt, sl_obj *d, sl_value key, sl_value *out) {
  sl_value f = sl__as_htable(d)->aux;
  if (sl_is_undef(f) || sl_is_none(f)) return 0;
  f = sl_vincref(f);
  sl_value v;
  int rc = sl_vm_call_pos(rt, f, NULL, 0, &v);
  sl_vdecref(rt, f);
  if (rc) return -1;
  if (sl_dict_set(rt, d, key, v)) {
    sl_vdecref(rt, v);
    return -1;
  }
  return *out = v, 1;
}

static const sl_cfunc_def dd_copy_def = {"defaultdict.copy", self_copy, NULL, 0};

static int dd_getattr(sl_rt *rt, sl_obj *d, const char *name, sl_value *out) {
  if (!strcmp(name, "default_factory")) {
    sl_value f = sl__as_htable(d)->aux;
    return *out = sl_is_undef(f) ? sl_none() : sl_vincref(f), 1;
  }
  if (!strcmp(name, "copy") || !strcmp(name, "__copy__")) {
    sl_obj *f = sl_cfunc_new(rt, &dd_copy_def, sl_obj_val(d));
    return f ? (*out = sl_obj_val(f), 1) : -1;
  }
  return 0;
}

static int ct_defaultdict(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value f = args->npos ? args->pos[0] : sl_none();
  if (!sl_is_none(f) && !(sl_is_obj(f) && (f.u.o->type->call || sl_is_type(f, &sl_class_type))))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "first argument must be callable or None");
  sl_obj *d = kind_new(rt, &defaultdict_kind, f);
  if (!d) return -1;
  if (fill(rt, d, args->npos ? args->pos + 1 : NULL, args->npos ? args->npos - 1 : 0, args,
           "defaultdict")) {
    sl_decref(rt, d);
    return -1;
  }
  return *out = sl_obj_val(d), 0;
}

static const sl_cfunc_def ct_defaultdict_def = {"defaultdict", ct_defaultdict, NULL, 0};
static const sl_classdef defaultdict_class = {
    "collections.defaultdict", "collections", "defaultdict", kind_types, NULL,
    &ct_defaultdict_def,       NULL};
static const sl_dict_kind defaultdict_kind = {"defaultdict", dd_repr, dd_missing,        dd_getattr,
                                              NULL,          NULL,    &defaultdict_class};

/* ---- Counter ------------------------------------------------------------------- */

static int ctr_missing(sl_rt *rt, sl_obj *d, sl_value key, sl_value *out) {
  (void)rt, (void)d, (void)key;
  return *out = sl_int(0), 1;
}

/* The (elem, count) pairs, most common first; ties keep insertion order
 * (sorted(..., key=itemgetter(1), reverse=True) is stable). */
static int most_common(sl_rt *rt, sl_obj *d, int64_t n, sl_obj **out) {
  size_t len = sl_dict_len(d);
  sl_value *keys = sl_malloc((len + 1) * sizeof *keys), *vals = sl_malloc((len + 1) * sizeof *vals);
  if (!keys || !vals) {
    sl_free(keys);
    sl_free(vals);
    return sl_nomem(rt);
  }
  size_t it = 0, k = 0;
  sl_value kk, vv;
  while (sl_dict_next(d, &it, &kk, &vv)) keys[k] = kk, vals[k++] = vv;
  int rc = 0;
  /* Insertion sort: stable, and each comparison may run user code. */
  for (size_t i = 1; i < k && !rc; i++) {
    size_t j = i;
    while (j > 0) {
      bool gt;
      if ((rc = sl_compare(rt, SL_CMP_GT, vals[j], vals[j - 1], &gt))) break;
      if (!gt) break;
      sl_value tk = keys[j], tv = vals[j];
      keys[j] = keys[j - 1], vals[j] = vals[j - 1];
      keys[j - 1] = tk, vals[j - 1] = tv;
      j--;
    }
  }
  sl_obj *l = rc ? NULL : sl_list_new(rt, NULL, 0);
  if (!rc && !l) rc = -1;
  for (size_t i = 0; !rc && i < k && (n < 0 || (int64_t)i < n); i++) {
    sl_value pair[2] = {keys[i], vals[i]};
    sl_obj *t = sl_tuple_new(rt, pair, 2);
    rc = !t || sl_list_append(rt, l, sl_obj_val(t));
    sl_decref(rt, t);
  }
  sl_free(keys);
  sl_free(vals);
  if (rc) {
    sl_decref(rt, l);
    return -1;
  }
  return *out = l, 0;
}

static int ctr_repr(sl_rt *rt, sl_obj *d, sl_strbuf *out) {
  if (!sl_dict_len(d)) {
    sl_strbuf_puts(out, "Counter()");
    return 0;
  }
  sl_obj *l;
  if (most_common(rt, d, -1, &l)) return -1;
  sl_strbuf_puts(out, "Counter({");
  int rc = 0;
  for (size_t i = 0; i < sl_as_list(l)->len && !rc; i++) {
    sl_tuple *p = sl_as_tuple(sl_as_list(l)->items[i].u.o);
    if (i) sl_strbuf_puts(out, ", ");
    rc = sl_vm_repr(rt, p->items[0], out);
    sl_strbuf_puts(out, ": ");
    if (!rc) rc = sl_vm_repr(rt, p->items[1], out);
  }
  sl_strbuf_puts(out, "})");
  sl_decref(rt, l);
  return rc;
}

/* c[key] += by (a missing key counts 0). */
static int add_count(sl_rt *rt, sl_obj *d, sl_value key, sl_value by, bool subtract) {
  sl_value cur, sum;
  bool found = false;
  if (sl_dict_get(rt, d, key, &cur, &found)) return -1;
  if (!found) cur = sl_int(0);
  int rc = sl_binary_op(rt, subtract ? SL_BIN_SUB : SL_BIN_ADD, cur, by, &sum);
  sl_vdecref(rt, cur);
  if (rc) return -1;
  rc = sl_dict_set(rt, d, key, sum);
  sl_vdecref(rt, sum);
  return rc;
}

/* Counter.update / subtract: a mapping adds its counts, an iterable counts
 * its elements once each. */
static int count_in(sl_rt *rt, sl_obj *d, sl_value src, bool subtract) {
  if (sl_is_type(src, &sl_dict_type)) {
    size_t it = 0;
    sl_value k, v;
    while (sl_dict_next(src.u.o, &it, &k, &v)) {
      sl_value kk = sl_vincref(k), vv = sl_vincref(v);
      int rc = add_count(rt, d, kk, vv, subtract);
      sl_vdecref(rt, kk);
      sl_vdecref(rt, vv);
      if (rc) return -1;
    }
    return 0;
  }
  sl_value iter, x;
  if (sl_iter(rt, src, &iter)) return -1;
  int r;
  while ((r = sl_iter_next(rt, iter, &x)) == 1) {
    int rc = add_count(rt, d, x, sl_int(1), subtract);
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, iter);
  return r < 0 ? -1 : 0;
}

static int count_args(sl_rt *rt, sl_obj *d, const sl_args *args, bool subtract, const char *fname) {
  if (args->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected at most 1 argument, got %zu", args->npos);
  (void)fname;
  if (args->npos && !sl_is_none(args->pos[0]) && count_in(rt, d, args->pos[0], subtract)) return -1;
  for (size_t i = 0; i < args->nkw; i++)
    if (add_count(rt, d, sl_obj_val(args->kwnames[i]), args->kwvals[i], subtract)) return -1;
  return 0;
}

static int ctr_update(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (count_args(rt, self.u.o, args, false, "update")) return -1;
  return *out = sl_none(), 0;
}

static int ctr_subtract(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (count_args(rt, self.u.o, args, true, "subtract")) return -1;
  return *out = sl_none(), 0;
}

static int ctr_most_common(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"n"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "most_common", names, 1, 0, 1, a)) return -1;
  int64_t n = -1;
  if (!sl_is_undef(a[0]) && !sl_is_none(a[0])) {
    if (!sl_as_index(a[0], &n))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(a[0]));
    if (n < 0) n = 0;
  }
  sl_obj *l;
  if (most_common(rt, self.u.o, n, &l)) return -1;
  return *out = sl_obj_val(l), 0;
}

static int ctr_total(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "total", NULL, 0, 0, 0, NULL)) return -1;
  sl_value acc = sl_int(0), k, v;
  size_t it = 0;
  while (sl_dict_next(self.u.o, &it, &k, &v)) {
    sl_value s;
    int rc = sl_binary_op(rt, SL_BIN_ADD, acc, v, &s);
    sl_vdecref(rt, acc);
    if (rc) return -1;
    acc = s;
  }
  return *out = acc, 0;
}

/* elements(): each element repeated by its positive count, as a list
 * iterator (CPython returns an itertools.chain; both iterate the same). */
static int ctr_elements(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "elements", NULL, 0, 0, 0, NULL)) return -1;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  sl_value k, v;
  size_t it = 0;
  int rc = 0;
  while (!rc && sl_dict_next(self.u.o, &it, &k, &v)) {
    int64_t n;
    if (!sl_as_index(v, &n)) {
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v));
      break;
    }
    for (int64_t i = 0; i < n && !rc; i++) rc = sl_list_append(rt, l, k);
  }
  if (!rc) rc = sl_iter(rt, sl_obj_val(l), out);
  sl_decref(rt, l);
  return rc;
}

static const sl_cfunc_def ctr_methods[] = {
    {"Counter.update", ctr_update, NULL, 0},
    {"Counter.subtract", ctr_subtract, NULL, 0},
    {"Counter.most_common", ctr_most_common, NULL, 0},
    {"Counter.total", ctr_total, NULL, 0},
    {"Counter.elements", ctr_elements, NULL, 0},
    {"Counter.copy", self_copy, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int ctr_getattr(sl_rt *rt, sl_obj *d, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, sl_obj_val(d), ctr_methods, name, out);
}

static int count_of(sl_rt *rt, sl_obj *d, sl_value key, sl_value *out) {
  bool found = false;
  if (sl_dict_get(rt, d, key, out, &found)) return -1;
  if (!found) *out = sl_int(0);
  return 0;
}

/* Counter + - | & Counter: keeps the positive results (collections'
 * __add__, __sub__, __or__, __and__). */
static int ctr_binary(sl_rt *rt, int op, sl_value a, sl_value b, sl_value *out) {
  if (sl__dict_kind(a) != &counter_kind || sl__dict_kind(b) != &counter_kind) return 0;
  if (op != SL_BIN_ADD && op != SL_BIN_SUB && op != SL_BIN_BITOR && op != SL_BIN_BITAND) return 0;
  sl_obj *r = kind_new(rt, &counter_kind, sl_undef());
  if (!r) return -1;
  int rc = 0;
  for (int pass = 0; pass < 2 && !rc; pass++) {
    sl_obj *src = pass ? b.u.o : a.u.o, *other = pass ? a.u.o : b.u.o;
    size_t it = 0;
    sl_value k, v;
    while (!rc && sl_dict_next(src, &it, &k, &v)) {
      sl_value kk = sl_vincref(k), mine = sl_vincref(v), theirs, res = sl_undef();
      bool in_other = false;
      if ((rc = sl_dict_get(rt, other, kk, &theirs, &in_other))) goto next;
      if (!in_other) theirs = sl_int(0);
      if (pass && in_other) goto next_free;                        /* already combined in pass 0 */
      sl_value x = pass ? theirs : mine, y = pass ? mine : theirs; /* self's count, other's */
      if (op == SL_BIN_ADD)
        rc = sl_binary_op(rt, SL_BIN_ADD, x, y, &res);
      else if (op == SL_BIN_SUB)
        rc = sl_binary_op(rt, SL_BIN_SUB, x, y, &res);
      else {
        bool lt;
        rc = sl_compare(rt, SL_CMP_LT, x, y, &lt);
        if (!rc) res = sl_vincref((op == SL_BIN_BITOR) == lt ? y : x);
      }
      if (!rc) {
        bool pos;
        rc = sl_compare(rt, SL_CMP_GT, res, sl_int(0), &pos);
        if (!rc && pos) rc = sl_dict_set(rt, r, kk, res);
      }
      sl_vdecref(rt, res);
    next_free:
      sl_vdecref(rt, theirs);
    next:
      sl_vdecref(rt, kk);
      sl_vdecref(rt, mine);
    }
  }
  if (rc) {
    sl_decref(rt, r);
    return -1;
  }
  return *out = sl_obj_val(r), 1;
}

/* Counter == Counter: missing elements count as zero (3.10+). */
static int ctr_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (sl__dict_kind(b) != &counter_kind) return 0;
  *res = true;
  for (int pass = 0; pass < 2 && *res; pass++) {
    sl_obj *src = pass ? b.u.o : a, *other = pass ? a : b.u.o;
    size_t it = 0;
    sl_value k, v;
    while (*res && sl_dict_next(src, &it, &k, &v)) {
      sl_value o;
      if (count_of(rt, other, k, &o)) return -1;
      bool eq;
      int rc = sl_compare(rt, SL_CMP_EQ, v, o, &eq);
      sl_vdecref(rt, o);
      if (rc) return -1;
      *res = eq;
    }
  }
  return 1;
}

static int ct_counter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_obj *d = kind_new(rt, &counter_kind, sl_undef());
  if (!d) return -1;
  if (count_args(rt, d, args, false, "Counter")) {
    sl_decref(rt, d);
    return -1;
  }
  return *out = sl_obj_val(d), 0;
}

static const sl_cfunc_def ct_counter_def = {"Counter", ct_counter, NULL, 0};
static const sl_classdef counter_class = {
    "collections.Counter", "collections", "Counter", kind_types, NULL, &ct_counter_def, NULL};
static const sl_dict_kind counter_kind = {"Counter",  ctr_repr, ctr_missing,   ctr_getattr,
                                          ctr_binary, ctr_eq,   &counter_class};

/* ---- OrderedDict ------------------------------------------------------------------ */

static int od_repr(sl_rt *rt, sl_obj *d, sl_strbuf *out) {
  if (!sl_dict_len(d)) {
    sl_strbuf_puts(out, "OrderedDict()");
    return 0;
  }
  sl_strbuf_puts(out, "OrderedDict(");
  if (rt->profile->minor >= 12) {
    /* 3.12: OrderedDict({...}) */
    if (sl__dict_repr_plain(rt, d, out)) return -1;
  } else {
    sl_strbuf_putc(out, '[');
    size_t it = 0, i = 0;
    sl_value k, v;
    while (sl_dict_next(d, &it, &k, &v)) {
      sl_strbuf_puts(out, i++ ? ", (" : "(");
      if (sl_vm_repr(rt, k, out)) return -1;
      sl_strbuf_puts(out, ", ");
      if (sl_vm_repr(rt, v, out)) return -1;
      sl_strbuf_putc(out, ')');
    }
    sl_strbuf_putc(out, ']');
  }
  sl_strbuf_putc(out, ')');
  return 0;
}

/* Re-inserts every entry but `key` in order, `key` first or last. */
static int move(sl_rt *rt, sl_obj *d, sl_value key, bool last) {
  sl_value v;
  bool found;
  if (sl__dict_pop(rt, d, key, &v, &found)) return -1;
  if (!found) {
    sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &key, 1);
    return e ? sl_err_restore(rt, e) : -1;
  }
  if (last) {
    int rc = sl_dict_set(rt, d, key, v);
    sl_vdecref(rt, v);
    return rc;
  }
  sl_obj *rest = sl_dict_new(rt);
  int rc = !rest || sl__dict_update(rt, rest, sl_obj_val(d));
  if (!rc) {
    sl__htable_clear(rt, d);
    rc = sl_dict_set(rt, d, key, v);
    if (!rc) rc = sl__dict_update(rt, d, sl_obj_val(rest));
  }
  sl_vdecref(rt, v);
  sl_decref(rt, rest);
  return rc ? -1 : 0;
}

static int od_move_to_end(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"key", "last"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "move_to_end", names, 2, 1, 2, a)) return -1;
  bool last = true;
  if (!sl_is_undef(a[1]) && sl_truth(rt, a[1], &last)) return -1;
  if (move(rt, self.u.o, a[0], last)) return -1;
  return *out = sl_none(), 0;
}

static int od_popitem(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"last"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "popitem", names, 1, 0, 1, a)) return -1;
  bool last = true;
  if (!sl_is_undef(a[0]) && sl_truth(rt, a[0], &last)) return -1;
  sl_obj *d = self.u.o;
  if (!sl_dict_len(d)) return sl_raise(rt, SL_EXC_KEY_ERROR, "dictionary is empty");
  size_t it = 0;
  sl_value k, v, key = sl_undef();
  while (sl_dict_next(d, &it, &k, &v)) {
    key = k;
    if (!last) break;
  }
  key = sl_vincref(key);
  bool found;
  if (sl__dict_pop(rt, d, key, &v, &found)) {
    sl_vdecref(rt, key);
    return -1;
  }
  sl_value pair[2] = {key, v};
  sl_obj *t = sl_tuple_new(rt, pair, 2);
  sl_vdecref(rt, key);
  sl_vdecref(rt, v);
  if (!t) return -1;
  return *out = sl_obj_val(t), 0;
}

static const sl_cfunc_def od_methods[] = {
    {"OrderedDict.move_to_end", od_move_to_end, NULL, 0},
    {"OrderedDict.popitem", od_popitem, NULL, 0},
    {"OrderedDict.copy", self_copy, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int od_getattr(sl_rt *rt, sl_obj *d, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, sl_obj_val(d), od_methods, name, out);
}

/* OrderedDict == OrderedDict compares the order too. */
static int od_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (sl__dict_kind(b) != &ordereddict_kind) return 0;
  *res = false;
  if (sl_dict_len(a) != sl_dict_len(b.u.o)) return 1;
  size_t i = 0, j = 0;
  sl_value k1, v1, k2, v2;
  while (sl_dict_next(a, &i, &k1, &v1) && sl_dict_next(b.u.o, &j, &k2, &v2)) {
    bool eq;
    if (sl_compare(rt, SL_CMP_EQ, k1, k2, &eq)) return -1;
    if (!eq) return 1;
    if (sl_compare(rt, SL_CMP_EQ, v1, v2, &eq)) return -1;
    if (!eq) return 1;
  }
  *res = true;
  return 1;
}

static int ct_ordereddict(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_obj *d = kind_new(rt, &ordereddict_kind, sl_undef());
  if (!d) return -1;
  if (fill(rt, d, args->pos, args->npos, args, "OrderedDict")) {
    sl_decref(rt, d);
    return -1;
  }
  return *out = sl_obj_val(d), 0;
}

static const sl_cfunc_def ct_ordereddict_def = {"OrderedDict", ct_ordereddict, NULL, 0};

/* OrderedDict.fromkeys(iterable, value=None), a class method: the keys in
 * the iterable's order, each mapped to value. */
static int od_fromkeys(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"iterable", "value"};
  sl_value args[2];
  if (sl_args_bind(rt, a, "fromkeys", names, 2, 1, 2, args)) return -1;
  sl_value v = sl_is_undef(args[1]) ? sl_none() : args[1];
  return sl__dict_fromkeys_into(rt, kind_new(rt, &ordereddict_kind, sl_undef()), args[0], v, out);
}

static const sl_cfunc_def od_fromkeys_def = {"OrderedDict.fromkeys", od_fromkeys, NULL, 0};

static int od_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  if (strcmp(name, "fromkeys")) return 0;
  sl_obj *f = sl_cfunc_new(rt, &od_fromkeys_def, sl_obj_val(cls));
  if (!f) return -1;
  return *out = sl_obj_val(f), 1;
}

static const sl_classdef ordereddict_class = {
    "collections.OrderedDict", "collections",   "OrderedDict", kind_types, NULL,
    &ct_ordereddict_def,       od_class_getattr};
static const sl_dict_kind ordereddict_kind = {
    "OrderedDict", od_repr, NULL, od_getattr, NULL, od_eq, &ordereddict_class};

/* ---- the module ------------------------------------------------------------------ */

int sl__namedtuple_new(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
static const sl_cfunc_def namedtuple_def = {"namedtuple", sl__namedtuple_new, NULL, 0};

int sl_mod_collections_init(sl_rt *rt, sl_obj *module_dict) {
  static const sl_classdef *const classes[] = {&sl__deque_class,    &defaultdict_class,
                                               &counter_class,      &ordereddict_class,
                                               &sl__chainmap_class, NULL};
  if (sl_stdmod_add_classes(rt, module_dict, classes)) return -1;
  return sl_stdmod_add_func(rt, module_dict, &namedtuple_def);
}
