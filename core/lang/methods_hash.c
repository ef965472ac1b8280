/* Methods of the hash-table collections: dict, set and frozenset.
 * Mirrors Objects/dictobject.c and setobject.c (behaviour and messages).
 * dict and set share clear(). */
#include "core/alloc.h"
#include "core/lang/iter-int.h"
#include "core/lang/ops-int.h"

#define CHECK(min, max, name)                                                                      \
  do {                                                                                             \
    if (sl__check_nargs(rt, a, name, min, max)) return -1;                                         \
  } while (0)

/* ---- dict ------------------------------------------------------------------------ */

static int dict_get(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.get");
  bool found;
  if (sl_dict_get(rt, self.u.o, a->pos[0], out, &found)) return -1;
  if (!found) *out = a->npos > 1 ? sl_vincref(a->pos[1]) : sl_none();
  return 0;
}

static int dict_setdefault(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.setdefault");
  bool found;
  if (sl_dict_get(rt, self.u.o, a->pos[0], out, &found)) return -1;
  if (found) return 0;
  sl_value d = a->npos > 1 ? a->pos[1] : sl_none();
  if (sl_dict_set(rt, self.u.o, a->pos[0], d)) return -1;
  *out = sl_vincref(d);
  return 0;
}

static int dict_pop(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.pop");
  bool found;
  if (sl__dict_pop(rt, self.u.o, a->pos[0], out, &found)) return -1;
  if (found) return 0;
  if (a->npos > 1) {
    *out = sl_vincref(a->pos[1]);
    return 0;
  }
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &a->pos[0], 1);
  return e ? sl_err_restore(rt, e) : -1;
}

static int dict_popitem(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "dict.popitem");
  sl_value kv[2];
  if (!sl__dict_popitem(rt, self.u.o, &kv[0], &kv[1]))
    return sl_raise(rt, SL_EXC_KEY_ERROR, "popitem(): dictionary is empty");
  sl_obj *t = sl_tuple_new(rt, kv, 2);
  sl_vdecref(rt, kv[0]);
  sl_vdecref(rt, kv[1]);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

/* dict_update_arg: an object with a keys() method is a mapping, merged as
 * `for k in other.keys(): d[k] = other[k]` (ChainMap, a class of the
 * program's own). 1 merged, 0 not a mapping, -1 error. */
static int merge_mapping(sl_rt *rt, sl_obj *d, sl_value other) {
  sl_value keys_fn, keys, it, k;
  if (sl_vm_getattr(rt, other, "keys", &keys_fn)) {
    if (rt->fatal || !sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
    sl_err_clear(rt);
    return 0;
  }
  int rc = sl_call_pos(rt, keys_fn, NULL, 0, &keys);
  sl_vdecref(rt, keys_fn);
  if (rc) return -1;
  rc = sl_iter(rt, keys, &it);
  sl_vdecref(rt, keys);
  if (rc) return -1;
  int r;
  while ((r = sl_iter_next(rt, it, &k)) == 1) {
    sl_value v;
    rc = sl_getitem(rt, other, k, &v);
    if (!rc) {
      rc = sl_dict_set(rt, d, k, v);
      sl_vdecref(rt, v);
    }
    sl_vdecref(rt, k);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : 1;
}

int sl__dict_update(sl_rt *rt, sl_obj *d, sl_value other) {
  if (sl__is_dict(other)) {
    sl_obj *src = other.u.o;
    size_t pos = 0;
    sl_value k, v;
    while (sl_dict_next(src, &pos, &k, &v)) {
      k = sl_vincref(k), v = sl_vincref(v);
      int rc = sl_dict_set(rt, d, k, v);
      sl_vdecref(rt, k);
      sl_vdecref(rt, v);
      if (rc) return -1;
    }
    return 0;
  }
  if (!sl__is_tuple(other) && !sl__is_list(other) && !sl_is_str(other)) {
    int r = merge_mapping(rt, d, other);
    if (r != 0) return r < 0 ? -1 : 0;
  }
  sl_value it, item;
  if (sl_iter(rt, other, &it)) return -1;
  int r;
  int64_t n = 0;
  while ((r = sl_iter_next(rt, it, &item)) == 1) {
    const sl_value *kv;
    size_t len;
    sl_obj *owned = NULL;
    int rc = 0;
    if (!sl__is_tuple(item) && !sl__is_list(item) && !sl_lang_slots_of(item) && !sl_is_str(item)) {
      rc = rt->profile->dict_update_not_iterable_message
               ? sl_raise(rt, SL_EXC_TYPE_ERROR, "object is not iterable")
               : sl_raise(rt, SL_EXC_TYPE_ERROR,
                          "cannot convert dictionary update sequence element #%lld to a sequence",
                          (long long)n);
    } else if (!(rc = sl_seq_items(rt, item, &kv, &len, &owned))) {
      if (len != 2)
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "dictionary update sequence element #%lld has length %zu; 2 is required",
                      (long long)n, len);
      else
        rc = sl_dict_set(rt, d, kv[0], kv[1]);
    }
    sl_decref(rt, owned);
    sl_vdecref(rt, item);
    n++;
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : 0;
}

static int dict_update(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "update expected at most 1 argument, got %zu", a->npos);
  if (a->npos && sl__dict_update(rt, self.u.o, a->pos[0])) return -1;
  for (size_t i = 0; i < a->nkw; i++)
    if (sl_dict_set(rt, self.u.o, sl_obj_val(a->kwnames[i]), a->kwvals[i])) return -1;
  return 0;
}

static int dict_view(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, const sl_type *type,
                     const char *name) {
  CHECK(0, 0, name);
  return sl__dict_view_new(rt, self.u.o, type, out);
}
static int dict_keys(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return dict_view(rt, self, a, out, &sl__dict_keys_type, "dict.keys");
}
static int dict_values(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return dict_view(rt, self, a, out, &sl__dict_values_type, "dict.values");
}
static int dict_items(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return dict_view(rt, self, a, out, &sl__dict_items_type, "dict.items");
}

static int dict_copy(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "dict.copy");
  sl_obj *o = sl__htable_copy(rt, self.u.o, &sl_dict_type);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static int htable_clear_m(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, sl__is_dict(self) ? "dict.clear" : "set.clear");
  sl__htable_clear(rt, self.u.o);
  return 0;
}

/* dict.fromkeys(iterable, value=None): reached through the `dict` type. */
int sl__dict_fromkeys_into(sl_rt *rt, sl_obj *d, sl_value iterable, sl_value v, sl_value *out) {
  if (!d) return -1;
  sl_value it, k;
  if (sl_iter(rt, iterable, &it)) {
    sl_decref(rt, d);
    return -1;
  }
  int r;
  while ((r = sl_iter_next(rt, it, &k)) == 1) {
    int rc = sl_dict_set(rt, d, k, v);
    sl_vdecref(rt, k);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  if (r < 0) {
    sl_decref(rt, d);
    return -1;
  }
  *out = sl_obj_val(d);
  return 0;
}

static int dict_fromkeys(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 2, "dict.fromkeys");
  return sl__dict_fromkeys_into(rt, sl_dict_new(rt), a->pos[0], a->npos > 1 ? a->pos[1] : sl_none(),
                                out);
}

const sl_cfunc_def sl__dict_fromkeys_def = {"dict.fromkeys", dict_fromkeys, NULL, 0};

static const sl_cfunc_def dict_methods[] = {
    {"dict.get", dict_get, NULL, 0},           {"dict.setdefault", dict_setdefault, NULL, 0},
    {"dict.pop", dict_pop, NULL, 0},           {"dict.popitem", dict_popitem, NULL, 0},
    {"dict.update", dict_update, NULL, 0},     {"dict.keys", dict_keys, NULL, 0},
    {"dict.values", dict_values, NULL, 0},     {"dict.items", dict_items, NULL, 0},
    {"dict.copy", dict_copy, NULL, 0},         {"dict.clear", htable_clear_m, NULL, 0},
    {"dict.fromkeys", dict_fromkeys, NULL, 0}, {NULL, NULL, NULL, 0}};

int sl__dict_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, self, dict_methods, name, out);
}

/* ---- set ----------------------------------------------------------------------------- */

int sl__set_update(sl_rt *rt, sl_obj *s, sl_value iterable) {
  int r = sl__set_update_fast(rt, s, iterable);
  if (r <= 0) return r;
  sl_value it, x;
  if (sl_iter(rt, iterable, &it)) return -1;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    int rc = sl__set_add_any(rt, s, x);
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : 0;
}

int sl__set_binop(sl_rt *rt, sl_ast_binop op, sl_obj *a, sl_obj *b, const sl_type *type,
                  sl_value *out) {
  sl_obj *r = NULL;
  switch (op) {
  case SL_BIN_BITOR:
    r = sl__set_copy(rt, a, type);
    if (r && sl__set_merge(rt, r, b)) {
      sl_decref(rt, r);
      r = NULL;
    }
    break;
  case SL_BIN_BITAND: r = sl__set_intersection(rt, a, b, type); break;
  case SL_BIN_SUB: r = sl__set_difference(rt, a, b, type); break;
  default: r = sl__set_symdiff(rt, a, b, type); break;
  }
  if (!r) return -1;
  *out = sl_obj_val(r);
  return 0;
}

/* Discards every item of an iterable (set_difference_update_internal). */
static int discard_all(sl_rt *rt, sl_obj *s, sl_value iterable) {
  if (sl__is_anyset(iterable)) return sl__set_difference_update(rt, s, iterable.u.o);
  sl_value it, x;
  if (sl_iter(rt, iterable, &it)) return -1;
  int r;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    bool found;
    int rc = sl_set_discard(rt, s, x, &found);
    sl_vdecref(rt, x);
    if (rc) {
      r = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  return r < 0 ? -1 : sl__set_after_discards(rt, s);
}

/* set_intersection with any iterable: a new set of self's type. */
static sl_obj *intersect_any(sl_rt *rt, sl_obj *self, sl_value other) {
  if (sl__is_anyset(other)) return sl__set_intersection(rt, self, other.u.o, self->type);
  sl_obj *r = sl_obj_alloc(rt, self->type);
  if (!r) return NULL;
  sl_value it, x;
  if (sl_iter(rt, other, &it)) {
    sl_decref(rt, r);
    return NULL;
  }
  int n;
  while ((n = sl_iter_next(rt, it, &x)) == 1) {
    bool found;
    int rc = sl__set_contains_any(rt, self, x, &found);
    if (!rc && found) rc = sl__set_add_any(rt, r, x);
    sl_vdecref(rt, x);
    if (rc) {
      n = -1;
      break;
    }
  }
  sl_vdecref(rt, it);
  if (n < 0) {
    sl_decref(rt, r);
    return NULL;
  }
  return r;
}

/* A new set of self's type holding an iterable's items. */
static sl_obj *set_of(sl_rt *rt, const sl_type *type, sl_value iterable) {
  sl_obj *r = sl_obj_alloc(rt, type);
  if (r && sl__set_update(rt, r, iterable)) {
    sl_decref(rt, r);
    return NULL;
  }
  return r;
}

/* Moves `from`'s table into `to` (set_swap_bodies), dropping `from`. */
static void take_body(sl_rt *rt, sl_obj *to, sl_obj *from) {
  sl__htable *x = sl__as_htable(to), *y = sl__as_htable(from), tmp = *x;
  sl_obj hdr = x->hdr;
  *x = *y;
  x->hdr = hdr;
  hdr = y->hdr;
  *y = tmp;
  y->hdr = hdr;
  x->version++;
  sl_decref(rt, from);
}

enum {
  UNION,
  INTERSECTION,
  DIFFERENCE,
  SYMDIFF,
  INTERSECTION_UPDATE,
  DIFFERENCE_UPDATE,
  SYMDIFF_UPDATE
};

static int set_algebra(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int kind,
                       const char *name) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (kind == SYMDIFF || kind == SYMDIFF_UPDATE) CHECK(1, 1, name);
  sl_obj *so = self.u.o, *r = NULL;
  int rc = 0;
  switch (kind) {
  case UNION:
    r = sl__set_copy(rt, so, so->type);
    for (size_t i = 0; r && i < a->npos && !rc; i++) rc = sl__set_update(rt, r, a->pos[i]);
    break;
  case INTERSECTION:
  case INTERSECTION_UPDATE:
    if (!a->npos) {
      r = sl__set_copy(rt, so, so->type);
      break;
    }
    sl_incref(so);
    r = so;
    for (size_t i = 0; r && i < a->npos; i++) {
      sl_obj *n = intersect_any(rt, r, a->pos[i]);
      sl_decref(rt, r);
      r = n;
    }
    if (r && kind == INTERSECTION_UPDATE) {
      take_body(rt, so, r);
      *out = sl_none();
      return 0;
    }
    break;
  case DIFFERENCE:
    if (!a->npos) {
      r = sl__set_copy(rt, so, so->type);
      break;
    }
    if (sl__is_anyset(a->pos[0]))
      r = sl__set_difference(rt, so, a->pos[0].u.o, so->type);
    else if ((r = sl__set_copy(rt, so, so->type)))
      rc = discard_all(rt, r, a->pos[0]);
    for (size_t i = 1; r && i < a->npos && !rc; i++) rc = discard_all(rt, r, a->pos[i]);
    break;
  case DIFFERENCE_UPDATE:
    for (size_t i = 0; i < a->npos && !rc; i++) rc = discard_all(rt, so, a->pos[i]);
    if (rc) return -1;
    *out = sl_none();
    return 0;
  case SYMDIFF:
  case SYMDIFF_UPDATE: {
    sl_obj *other = sl__is_anyset(a->pos[0]) ? a->pos[0].u.o : NULL;
    bool owned = false;
    if (!other) {
      if (!(other = set_of(rt, so->type, a->pos[0]))) return -1;
      owned = true;
    }
    if (kind == SYMDIFF_UPDATE) {
      rc = sl__set_symdiff_update(rt, so, other);
      if (owned) sl_decref(rt, other);
      if (rc) return -1;
      *out = sl_none();
      return 0;
    }
    if (owned) {
      /* set_symmetric_difference: the iterable's set, updated with self. */
      rc = sl__set_symdiff_update(rt, other, so);
      r = other;
    } else {
      r = sl__set_symdiff(rt, so, other, so->type);
    }
    break;
  }
  }
  if (!r || rc) {
    sl_decref(rt, r);
    return -1;
  }
  *out = sl_obj_val(r);
  return 0;
}

#define SET_ALGEBRA(fn, kind, name)                                                                \
  static int fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {                       \
    return set_algebra(rt, self, a, out, kind, name);                                              \
  }
SET_ALGEBRA(set_union, UNION, "set.union")
SET_ALGEBRA(set_intersection, INTERSECTION, "set.intersection")
SET_ALGEBRA(set_difference, DIFFERENCE, "set.difference")
SET_ALGEBRA(set_symdiff, SYMDIFF, "set.symmetric_difference")
SET_ALGEBRA(set_intersection_update, INTERSECTION_UPDATE, "set.intersection_update")
SET_ALGEBRA(set_difference_update, DIFFERENCE_UPDATE, "set.difference_update")
SET_ALGEBRA(set_symdiff_update, SYMDIFF_UPDATE, "set.symmetric_difference_update")

static int set_add(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "set.add");
  return sl_set_add(rt, self.u.o, a->pos[0]);
}

static int set_discard(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "set.discard");
  bool found;
  return sl_set_discard(rt, self.u.o, a->pos[0], &found);
}

static int set_remove(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(1, 1, "set.remove");
  bool found;
  if (sl_set_discard(rt, self.u.o, a->pos[0], &found)) return -1;
  if (found) return 0;
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &a->pos[0], 1);
  return e ? sl_err_restore(rt, e) : -1;
}

static int set_pop(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "set.pop");
  if (!sl__set_pop(rt, self.u.o, out))
    return sl_raise(rt, SL_EXC_KEY_ERROR, "pop from an empty set");
  return 0;
}

static int set_update(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "set.update() takes no keyword arguments");
  for (size_t i = 0; i < a->npos; i++)
    if (sl__set_update(rt, self.u.o, a->pos[i])) return -1;
  return 0;
}

/* Turns an argument into a set to operate with (borrowed if already one). */
static int as_set(sl_rt *rt, sl_value v, sl_obj **s, bool *owned) {
  *owned = false;
  if (sl__is_anyset(v)) {
    *s = v.u.o;
    return 0;
  }
  *s = sl_set_new(rt);
  if (!*s) return -1;
  *owned = true;
  if (sl__set_update(rt, *s, v)) {
    sl_decref(rt, *s);
    return -1;
  }
  return 0;
}

static int set_relation(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out, int which) {
  static const char *const names[] = {"set.issubset", "set.issuperset", "set.isdisjoint"};
  CHECK(1, 1, names[which]);
  sl_obj *other;
  bool owned, res = false;
  if (as_set(rt, a->pos[0], &other, &owned)) return -1;
  int rc;
  if (which == 0)
    rc = sl__richcompare(rt, SL_CMP_LTE, self, sl_obj_val(other), &res);
  else if (which == 1)
    rc = sl__richcompare(rt, SL_CMP_GTE, self, sl_obj_val(other), &res);
  else {
    sl_value r;
    rc = sl__set_binop(rt, SL_BIN_BITAND, self.u.o, other, &sl_set_type, &r);
    if (!rc) {
      res = sl_set_len(r.u.o) == 0;
      sl_vdecref(rt, r);
    }
  }
  if (owned) sl_decref(rt, other);
  if (rc) return -1;
  *out = sl_bool(res);
  return 0;
}
static int set_issubset(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return set_relation(rt, self, a, out, 0);
}
static int set_issuperset(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return set_relation(rt, self, a, out, 1);
}
static int set_isdisjoint(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return set_relation(rt, self, a, out, 2);
}

static int set_copy(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  CHECK(0, 0, "set.copy");
  if (self.u.o->type == &sl_frozenset_type) {
    *out = sl_vincref(self);
    return 0;
  }
  sl_obj *o = sl__htable_copy(rt, self.u.o, self.u.o->type);
  if (!o) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static const sl_cfunc_def set_methods[] = {
    {"set.add", set_add, NULL, 0},
    {"set.discard", set_discard, NULL, 0},
    {"set.remove", set_remove, NULL, 0},
    {"set.pop", set_pop, NULL, 0},
    {"set.update", set_update, NULL, 0},
    {"set.clear", htable_clear_m, NULL, 0},
    {"set.intersection_update", set_intersection_update, NULL, 0},
    {"set.difference_update", set_difference_update, NULL, 0},
    {"set.symmetric_difference_update", set_symdiff_update, NULL, 0},
    /* Shared with frozenset from here on. */
    {"set.union", set_union, NULL, 0},
    {"set.intersection", set_intersection, NULL, 0},
    {"set.difference", set_difference, NULL, 0},
    {"set.symmetric_difference", set_symdiff, NULL, 0},
    {"set.issubset", set_issubset, NULL, 0},
    {"set.issuperset", set_issuperset, NULL, 0},
    {"set.isdisjoint", set_isdisjoint, NULL, 0},
    {"set.copy", set_copy, NULL, 0},
    {NULL, NULL, NULL, 0}};
#define FROZEN_FROM 9

int sl__set_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  bool frozen = self.u.o->type == &sl_frozenset_type;
  return sl_methods_lookup(rt, self, frozen ? set_methods + FROZEN_FROM : set_methods, name, out);
}
