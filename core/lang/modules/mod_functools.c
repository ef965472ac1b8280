/* The `functools` module. Mirrors Lib/functools.py and
 * Modules/_functoolsmodule.c: partial (flattening nested partials, its
 * repr), reduce, update_wrapper/wraps (WRAPPER_ASSIGNMENTS per version,
 * __dict__ merged, __wrapped__ set), lru_cache/cache (the C wrapper's key
 * rules, LRU eviction, cache_info as the CacheInfo named tuple,
 * cache_clear; methods bind to instances) and total_ordering (the
 * _convert table's twelve derived comparisons). cmp_to_key and
 * cached_property: mod_functools_keys.c; singledispatch:
 * mod_functools_dispatch.c. partialmethod and singledispatchmethod are not
 * provided (importing them is an AttributeError naming the module). */
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/code.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/mod_functools-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- partial --------------------------------------------------------------- */

typedef struct fn_partial {
  sl_obj hdr;
  sl_value func; /* owned */
  sl_obj *args;  /* owned tuple */
  sl_obj *kw;    /* owned dict */
} fn_partial;

static void partial_clear(sl_rt *rt, sl_obj *o) {
  fn_partial *p = (fn_partial *)o;
  sl_vset(rt, &p->func, sl_undef());
  sl_decref(rt, p->args);
  sl_decref(rt, p->kw);
  p->args = p->kw = NULL;
}

/* functools.partial.__repr__: "functools.partial(f, 1, k=2)". */
static int partial_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  fn_partial *p = (fn_partial *)o;
  sl_strbuf_puts(out, "functools.partial(");
  if (sl_vm_repr(rt, p->func, out)) return -1;
  sl_tuple *a = sl_as_tuple(p->args);
  for (size_t i = 0; i < a->len; i++) {
    sl_strbuf_puts(out, ", ");
    if (sl_vm_repr(rt, a->items[i], out)) return -1;
  }
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(p->kw, &pos, &k, &v)) {
    sl_strbuf_printf(out, ", %s=", sl_str_cstr(k.u.o));
    if (sl_vm_repr(rt, v, out)) return -1;
  }
  sl_strbuf_putc(out, ')');
  return 0;
}

/* partial(*args, **kw)(*more, **kw2) = func(*args, *more, **{**kw, **kw2}). */
static int partial_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  fn_partial *p = (fn_partial *)o;
  sl_tuple *a = sl_as_tuple(p->args);
  size_t npos = a->len + args->npos, nkw0 = sl_dict_len(p->kw), nkw = nkw0 + args->nkw;
  sl_value *pos = sl_malloc((npos + nkw + 1) * sizeof *pos);
  sl_obj **names = sl_malloc((nkw + 1) * sizeof *names);
  if (!pos || !names) {
    sl_free(pos);
    sl_free(names);
    return sl_nomem(rt);
  }
  memcpy(pos, a->items, a->len * sizeof *pos);
  if (args->npos) memcpy(pos + a->len, args->pos, args->npos * sizeof *pos);
  sl_value *kwvals = pos + npos;
  size_t n = 0, it = 0;
  sl_value k, v;
  while (sl_dict_next(p->kw, &it, &k, &v)) {
    /* A keyword given again at the call replaces the stored one. */
    bool again = false;
    for (size_t j = 0; j < args->nkw && !again; j++)
      again = !strcmp(sl_str_cstr(args->kwnames[j]), sl_str_cstr(k.u.o));
    if (again) continue;
    names[n] = k.u.o;
    kwvals[n++] = v;
  }
  for (size_t j = 0; j < args->nkw; j++) {
    names[n] = args->kwnames[j];
    kwvals[n++] = args->kwvals[j];
  }
  sl_args call = {pos, npos, kwvals, names, n};
  int rc = sl_vm_call(rt, p->func, &call, out);
  sl_free(pos);
  sl_free(names);
  return rc;
}

static int partial_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  fn_partial *p = (fn_partial *)o;
  if (!strcmp(name, "func")) return *out = sl_vincref(p->func), 0;
  if (!strcmp(name, "args")) return *out = sl_vincref(sl_obj_val(p->args)), 0;
  if (!strcmp(name, "keywords")) return *out = sl_vincref(sl_obj_val(p->kw)), 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'functools.partial' object has no attribute '%s'",
                  name);
}

const sl_type sl__partial_type = {.name = "functools.partial",
                                  .clear = partial_clear,
                                  .repr = partial_repr,
                                  .call = partial_call,
                                  .getattr = partial_getattr,
                                  .size = sizeof(fn_partial)};

static int ct_partial(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type 'partial' takes at least one argument");
  sl_value func = args->pos[0];
  bool callable = sl_is_obj(func) && (func.u.o->type->call || sl_is_type(func, &sl_class_type) ||
                                      sl_is_type(func, &sl_typeobj_type));
  if (!callable) return sl_raise(rt, SL_EXC_TYPE_ERROR, "the first argument must be callable");
  sl_obj *o = sl_obj_alloc(rt, &sl__partial_type);
  if (!o) return -1;
  fn_partial *p = (fn_partial *)o;
  /* partial_new: a partial of a partial is flattened into one. */
  const sl_value *pre = NULL;
  size_t npre = 0;
  sl_obj *kw0 = NULL;
  if (sl_is_type(func, &sl__partial_type)) {
    fn_partial *inner = (fn_partial *)func.u.o;
    func = inner->func;
    pre = sl_as_tuple(inner->args)->items;
    npre = sl_as_tuple(inner->args)->len;
    kw0 = inner->kw;
  }
  p->func = sl_vincref(func);
  sl_value *all = sl_malloc((npre + args->npos) * sizeof *all + 1);
  if (!all) {
    sl_decref(rt, o);
    return sl_nomem(rt);
  }
  if (npre) memcpy(all, pre, npre * sizeof *all);
  if (args->npos > 1) memcpy(all + npre, args->pos + 1, (args->npos - 1) * sizeof *all);
  p->args = sl_tuple_new(rt, all, npre + args->npos - 1);
  sl_free(all);
  p->kw = sl_dict_new(rt);
  int rc = !p->args || !p->kw ? -1 : 0;
  size_t it = 0;
  sl_value k, v;
  while (!rc && kw0 && sl_dict_next(kw0, &it, &k, &v)) rc = sl_dict_set(rt, p->kw, k, v);
  for (size_t j = 0; !rc && j < args->nkw; j++)
    rc = sl_dict_set(rt, p->kw, sl_obj_val(args->kwnames[j]), args->kwvals[j]);
  if (rc) {
    sl_decref(rt, o);
    return -1;
  }
  *out = sl_obj_val(o);
  return 0;
}

static const sl_cfunc_def ct_partial_def = {"partial", ct_partial, NULL, 0};
static const sl_type *const partial_types[] = {&sl__partial_type, NULL};
const sl_classdef sl__partial_class = {
    "functools.partial", "functools", "partial", partial_types, NULL, &ct_partial_def, NULL};

/* ---- reduce ------------------------------------------------------------------ */

static int f_reduce(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "reduce() takes no keyword arguments");
  if (args->npos < 2 || args->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "reduce expected at least 2 arguments, got %zu",
                    args->npos);
  sl_value it;
  if (sl_iter(rt, args->pos[1], &it)) {
    if (sl_err_matches(rt, SL_EXC_TYPE_ERROR)) {
      sl_err_clear(rt);
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "reduce() arg 2 must support iteration");
    }
    return -1;
  }
  sl_value acc = args->npos == 3 ? sl_vincref(args->pos[2]) : sl_undef(), x;
  int r;
  while ((r = sl_iter_next(rt, it, &x)) == 1) {
    if (sl_is_undef(acc)) {
      acc = x;
      continue;
    }
    sl_value argv[2] = {acc, x}, res;
    int rc = sl_vm_call_pos(rt, args->pos[0], argv, 2, &res);
    sl_vdecref(rt, acc);
    sl_vdecref(rt, x);
    acc = sl_undef();
    if (rc) {
      r = -1;
      break;
    }
    acc = res;
  }
  sl_vdecref(rt, it);
  if (r < 0) {
    sl_vdecref(rt, acc);
    return -1;
  }
  if (sl_is_undef(acc))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "reduce() of empty iterable with no initial value");
  *out = acc;
  return 0;
}

/* ---- update_wrapper / wraps ------------------------------------------------------ */

/* functools.WRAPPER_ASSIGNMENTS ('__type_params__' from 3.12). */
static const char *const ASSIGNED[] = {"__module__", "__name__",        "__qualname__",
                                       "__doc__",    "__type_params__", NULL};

int sl__functools_update_wrapper(sl_rt *rt, sl_value wrapper, sl_value wrapped) {
  for (const char *const *a = ASSIGNED; *a; a++) {
    if (!strcmp(*a, "__type_params__")) continue; /* never set on a simloop function */
    sl_value v;
    if (sl_vm_getattr(rt, wrapped, *a, &v)) {
      if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
      sl_err_clear(rt);
      continue;
    }
    int rc = sl_vm_setattr(rt, wrapper, *a, v);
    sl_vdecref(rt, v);
    if (rc) return -1;
  }
  /* getattr(wrapper, '__dict__').update(getattr(wrapped, '__dict__', {})) */
  sl_value wd, sd;
  if (sl_vm_getattr(rt, wrapper, "__dict__", &wd)) return -1;
  if (sl_vm_getattr(rt, wrapped, "__dict__", &sd)) {
    if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) {
      sl_vdecref(rt, wd);
      return -1;
    }
    sl_err_clear(rt);
    sd = sl_none();
  }
  int rc = 0;
  if (sl_is_type(sd, &sl_dict_type) && sl_is_type(wd, &sl_dict_type)) {
    size_t it = 0;
    sl_value k, v;
    while (!rc && sl_dict_next(sd.u.o, &it, &k, &v)) rc = sl_dict_set(rt, wd.u.o, k, v);
  }
  sl_vdecref(rt, wd);
  sl_vdecref(rt, sd);
  if (rc) return -1;
  return sl_vm_setattr(rt, wrapper, "__wrapped__", wrapped);
}

static int f_update_wrapper(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"wrapper", "wrapped", "assigned", "updated"};
  sl_value a[4];
  if (sl_args_bind(rt, args, "update_wrapper", names, 4, 2, 4, a)) return -1;
  if (!sl_is_undef(a[2]) || !sl_is_undef(a[3]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: update_wrapper(assigned=, updated=) is not supported");
  if (sl__functools_update_wrapper(rt, a[0], a[1])) return -1;
  *out = sl_vincref(a[0]);
  return 0;
}

/* wraps(wrapped)(wrapper): the decorator holds `wrapped` as its self. */
static int wraps_apply(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "update_wrapper() missing 1 required positional argument: 'wrapper'");
  if (sl__functools_update_wrapper(rt, args->pos[0], self)) return -1;
  *out = sl_vincref(args->pos[0]);
  return 0;
}

static const sl_cfunc_def wraps_apply_def = {"update_wrapper", wraps_apply, NULL, 0};

static int f_wraps(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"wrapped", "assigned", "updated"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "wraps", names, 3, 1, 3, a)) return -1;
  if (!sl_is_undef(a[1]) || !sl_is_undef(a[2]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: wraps(assigned=, updated=) is not supported");
  sl_obj *f = sl_cfunc_new(rt, &wraps_apply_def, a[0]);
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

/* ---- lru_cache ------------------------------------------------------------------- */

typedef struct fn_lru {
  sl_obj hdr;
  sl_value func;   /* owned */
  sl_obj *cache;   /* owned dict key -> result, least recently used first */
  sl_obj *attrs;   /* owned dict: __wrapped__, __name__, ... (update_wrapper) */
  int64_t maxsize; /* -1: unbounded */
  bool typed;
  int64_t hits, misses;
} fn_lru;

static void lru_clear(sl_rt *rt, sl_obj *o) {
  fn_lru *l = (fn_lru *)o;
  sl_vset(rt, &l->func, sl_undef());
  sl_decref(rt, l->cache);
  sl_decref(rt, l->attrs);
  l->cache = l->attrs = NULL;
}

static int lru_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  fn_lru *l = (fn_lru *)o;
  sl_value q;
  bool found = false;
  if (sl_dict_get_str(rt, l->attrs, "__qualname__", &q, &found)) return -1;
  sl_strbuf_printf(out, "<functools._lru_cache_wrapper object at %p>", (void *)o);
  if (found) sl_vdecref(rt, q);
  return 0;
}

/* _make_key: the positional arguments, then a marker and the keyword
 * pairs; typed adds each argument's type. A lone int or str is its own
 * key, as the C implementation does. */
static int lru_key(sl_rt *rt, fn_lru *l, const sl_args *args, sl_value *out) {
  if (!l->typed && !args->nkw && args->npos == 1 &&
      (args->pos[0].tag == SL_V_INT || sl_is_str(args->pos[0]))) {
    *out = sl_vincref(args->pos[0]);
    return 0;
  }
  size_t n = args->npos + (args->nkw ? 1 + 2 * args->nkw : 0);
  size_t ntyped = l->typed ? args->npos + args->nkw : 0;
  sl_value *items = sl_malloc((n + ntyped + 1) * sizeof *items);
  if (!items) return sl_nomem(rt);
  size_t k = 0;
  for (size_t i = 0; i < args->npos; i++) items[k++] = sl_vincref(args->pos[i]);
  if (args->nkw) {
    items[k++] = sl_vincref(sl_obj_val(&l->hdr)); /* kwd_mark: an object no caller passes */
    for (size_t i = 0; i < args->nkw; i++) {
      items[k++] = sl_vincref(sl_obj_val(args->kwnames[i]));
      items[k++] = sl_vincref(args->kwvals[i]);
    }
  }
  int rc = 0;
  for (size_t i = 0; i < ntyped && !rc; i++) {
    sl_value t;
    rc = sl_type_of(rt, i < args->npos ? args->pos[i] : args->kwvals[i - args->npos], &t);
    if (!rc) items[k++] = t;
  }
  sl_obj *tup = rc ? NULL : sl_tuple_new(rt, items, k);
  for (size_t i = 0; i < k; i++) sl_vdecref(rt, items[i]);
  sl_free(items);
  if (!tup) return -1;
  *out = sl_obj_val(tup);
  return 0;
}

static int lru_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  fn_lru *l = (fn_lru *)o;
  if (l->maxsize == 0) {
    l->misses++;
    return sl_vm_call(rt, l->func, args, out);
  }
  sl_value key, res;
  if (lru_key(rt, l, args, &key)) return -1;
  bool found = false;
  if (sl_dict_get(rt, l->cache, key, &res, &found)) goto fail;
  if (found) {
    l->hits++;
    /* bounded_lru_cache_wrapper: a hit becomes the most recently used. */
    if (l->maxsize > 0) {
      bool gone;
      if (sl_dict_del(rt, l->cache, key, &gone) || sl_dict_set(rt, l->cache, key, res)) {
        sl_vdecref(rt, res);
        goto fail;
      }
    }
    sl_vdecref(rt, key);
    *out = res;
    return 0;
  }
  l->misses++;
  if (sl_vm_call(rt, l->func, args, &res)) goto fail;
  if (l->maxsize > 0 && (int64_t)sl_dict_len(l->cache) >= l->maxsize) {
    size_t it = 0;
    sl_value k0, v0;
    if (sl_dict_next(l->cache, &it, &k0, &v0)) {
      sl_value old = sl_vincref(k0);
      bool gone;
      int rc = sl_dict_del(rt, l->cache, old, &gone);
      sl_vdecref(rt, old);
      if (rc) {
        sl_vdecref(rt, res);
        goto fail;
      }
    }
  }
  if (sl_dict_set(rt, l->cache, key, res)) {
    sl_vdecref(rt, res);
    goto fail;
  }
  sl_vdecref(rt, key);
  *out = res;
  return 0;
fail:
  sl_vdecref(rt, key);
  return -1;
}

static int lru_cache_info(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "cache_info", NULL, 0, 0, 0, NULL)) return -1;
  fn_lru *l = (fn_lru *)self.u.o;
  static const char *const fields[] = {"hits", "misses", "maxsize", "currsize", NULL};
  sl_value vals[4] = {sl_int(l->hits), sl_int(l->misses),
                      l->maxsize < 0 ? sl_none() : sl_int(l->maxsize),
                      sl_int((int64_t)sl_dict_len(l->cache))};
  return sl__namedtuple_value(rt, "CacheInfo", "functools", fields, vals, out);
}

static int lru_cache_clear(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "cache_clear", NULL, 0, 0, 0, NULL)) return -1;
  fn_lru *l = (fn_lru *)self.u.o;
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  sl_decref(rt, l->cache);
  l->cache = d;
  l->hits = l->misses = 0;
  *out = sl_none();
  return 0;
}

static const sl_cfunc_def lru_methods[] = {
    {"_lru_cache_wrapper.cache_info", lru_cache_info, NULL, 0},
    {"_lru_cache_wrapper.cache_clear", lru_cache_clear, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int lru_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  fn_lru *l = (fn_lru *)o;
  if (!strcmp(name, "__dict__")) return *out = sl_vincref(sl_obj_val(l->attrs)), 0;
  bool found = false;
  if (sl_dict_get_str(rt, l->attrs, name, out, &found)) return -1;
  if (found) return 0;
  int r = sl_methods_lookup(rt, sl_obj_val(o), lru_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                  "'functools._lru_cache_wrapper' object has no attribute '%s'", name);
}

static int lru_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  fn_lru *l = (fn_lru *)o;
  if (sl_is_undef(v)) {
    sl_obj *k = sl_str_from_cstr(rt, name);
    bool found = false;
    int rc = k ? sl_dict_del(rt, l->attrs, sl_obj_val(k), &found) : -1;
    sl_decref(rt, k);
    return rc;
  }
  return sl_dict_set_str(rt, l->attrs, name, v);
}

/* SL_TF_BINDS: found on a class, it binds to the instance as a function
 * does (the wrapper's __get__). */
const sl_type sl__lru_type = {.name = "functools._lru_cache_wrapper",
                              .clear = lru_clear,
                              .repr = lru_repr,
                              .call = lru_call,
                              .getattr = lru_getattr,
                              .setattr = lru_setattr,
                              .flags = SL_TF_BINDS,
                              .size = sizeof(fn_lru)};

static int lru_wrap(sl_rt *rt, sl_value func, int64_t maxsize, bool typed, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, &sl__lru_type);
  if (!o) return -1;
  fn_lru *l = (fn_lru *)o;
  l->func = sl_vincref(func);
  l->maxsize = maxsize;
  l->typed = typed;
  l->cache = sl_dict_new(rt);
  l->attrs = sl_dict_new(rt);
  if (!l->cache || !l->attrs || sl__functools_update_wrapper(rt, sl_obj_val(o), func)) {
    sl_decref(rt, o);
    return -1;
  }
  *out = sl_obj_val(o);
  return 0;
}

/* The decorator lru_cache(maxsize, typed) returns: self is (maxsize, typed). */
static int lru_decorate(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "decorating_function() takes 1 positional argument");
  sl_tuple *t = sl_as_tuple(self.u.o);
  int64_t maxsize = sl_is_none(t->items[0]) ? -1 : t->items[0].u.i;
  bool typed;
  if (sl_truth(rt, t->items[1], &typed)) return -1;
  return lru_wrap(rt, args->pos[0], maxsize, typed, out);
}

static const sl_cfunc_def lru_decorate_def = {"lru_cache.<locals>.decorating_function",
                                              lru_decorate, NULL, 0};

static int f_lru_cache(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"maxsize", "typed"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "lru_cache", names, 2, 0, 2, a)) return -1;
  sl_value maxsize = sl_is_undef(a[0]) ? sl_int(128) : a[0];
  sl_value typed = sl_is_undef(a[1]) ? sl_bool(false) : a[1];
  if (maxsize.tag == SL_V_INT || maxsize.tag == SL_V_BOOL) {
    int64_t m = maxsize.tag == SL_V_BOOL ? maxsize.u.b : maxsize.u.i;
    maxsize = sl_int(m < 0 ? 0 : m);
  } else if (sl_is_obj(maxsize) && !sl_is_str(maxsize) && maxsize.u.o->type->call) {
    /* @lru_cache without arguments: the user function came as maxsize. */
    if (sl_is_undef(a[1])) return lru_wrap(rt, maxsize, 128, false, out);
  } else if (!sl_is_none(maxsize)) {
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Expected first argument to be an integer, a callable, or None");
  }
  sl_value items[2] = {maxsize, typed};
  sl_obj *t = sl_tuple_new(rt, items, 2);
  if (!t) return -1;
  sl_obj *f = sl_cfunc_new(rt, &lru_decorate_def, sl_obj_val(t));
  sl_decref(rt, t);
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}

/* cache(user_function) = lru_cache(maxsize=None)(user_function) */
static int f_cache(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"user_function"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "cache", names, 1, 1, 1, a)) return -1;
  return lru_wrap(rt, a[0], -1, false, out);
}

/* ---- total_ordering ----------------------------------------------------------------- */

enum { OP_LT, OP_LE, OP_GT, OP_GE };
static const char *const OP_NAMES[] = {"__lt__", "__le__", "__gt__", "__ge__"};

/* The derived comparison: self is the tuple (root method, root op, own op). */
static int derived_cmp(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 2 arguments, got %zu", args->npos);
  sl_tuple *t = sl_as_tuple(self.u.o);
  int root = (int)t->items[1].u.i, own = (int)t->items[2].u.i;
  sl_value a = args->pos[0], b = args->pos[1], r;
  sl_value argv[2] = {a, b};
  if (sl_vm_call_pos(rt, t->items[0], argv, 2, &r)) return -1;
  if (sl_is_type(r, &sl__notimpl_type)) return *out = r, 0;
  bool rv;
  int rc = sl_truth(rt, r, &rv);
  sl_vdecref(rt, r);
  if (rc) return -1;
  /* The _convert table of functools.py: "not r" where the derived op is
   * the root's mirror image, else r combined with (in)equality. */
  bool strict = own == OP_LT || own == OP_GT;
  bool same_side = (root == OP_LT || root == OP_LE) == (own == OP_LT || own == OP_LE);
  bool root_strict = root == OP_LT || root == OP_GT;
  bool res;
  if (!same_side && strict != root_strict) {
    res = !rv; /* e.g. __ge__ from __lt__: not (a < b) */
  } else {
    bool eq;
    if (sl_compare(rt, strict ? SL_CMP_NOTEQ : SL_CMP_EQ, a, b, &eq)) return -1;
    if (same_side)
      res = strict ? (rv && eq) : (rv || eq);
    else
      res = strict ? (!rv && eq) : (!rv || eq);
  }
  *out = sl_bool(res);
  return 0;
}

static const sl_cfunc_def derived_defs[4] = {
    {"__lt__", derived_cmp, NULL, 0},
    {"__le__", derived_cmp, NULL, 0},
    {"__gt__", derived_cmp, NULL, 0},
    {"__ge__", derived_cmp, NULL, 0},
};

static int f_total_ordering(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"cls"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "total_ordering", names, 1, 1, 1, a)) return -1;
  if (!sl_is_type(a[0], &sl_class_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: total_ordering applies to classes defined in the scenario");
  sl_obj *cls = a[0].u.o;
  sl_value found[4];
  int root = -1;
  for (int i = 0; i < 4; i++) {
    int r = sl__class_lookup(rt, cls, OP_NAMES[i], &found[i]);
    if (r < 0) {
      for (int j = 0; j < i; j++) sl_vdecref(rt, found[j]);
      return -1;
    }
    if (r == 0) found[i] = sl_undef();
  }
  /* root = max(roots): '__lt__' > '__le__' > '__gt__' > '__ge__' */
  for (int i = 0; i < 4 && root < 0; i++)
    if (!sl_is_undef(found[i])) root = i;
  int rc = 0;
  if (root < 0) {
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "must define at least one ordering operation: < > <= >=");
  } else {
    for (int i = 0; i < 4 && !rc; i++) {
      if (!sl_is_undef(found[i])) continue;
      sl_value items[3] = {found[root], sl_int(root), sl_int(i)};
      sl_obj *t = sl_tuple_new(rt, items, 3);
      sl_obj *f = t ? sl_cfunc_new(rt, &derived_defs[i], sl_obj_val(t)) : NULL;
      sl_decref(rt, t);
      rc = !f || sl_dict_set_str(rt, sl_as_class(cls)->attrs, OP_NAMES[i], sl_obj_val(f));
      sl_decref(rt, f);
    }
  }
  for (int i = 0; i < 4; i++) sl_vdecref(rt, found[i]);
  if (rc || sl__class_flags_compute(rt, cls)) return -1;
  *out = sl_vincref(a[0]);
  return 0;
}

/* ---- the module ----------------------------------------------------------------- */

static const sl_cfunc_def functools_funcs[] = {
    {"reduce", f_reduce, NULL, 0}, {"update_wrapper", f_update_wrapper, NULL, 0},
    {"wraps", f_wraps, NULL, 0},   {"lru_cache", f_lru_cache, NULL, 0},
    {"cache", f_cache, NULL, 0},   {"total_ordering", f_total_ordering, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_functools_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, functools_funcs) ||
      sl__functools_keys_init(rt, module_dict) || sl__functools_dispatch_init(rt, module_dict))
    return -1;
  sl_value cls;
  if (sl_typeobj_of_class(rt, &sl__partial_class, &cls)) return -1;
  int rc = sl_stdmod_add(rt, module_dict, "partial", cls);
  sl_vdecref(rt, cls);
  if (rc) return -1;
  /* WRAPPER_ASSIGNMENTS and WRAPPER_UPDATES, as tuples of str. */
  sl_value names[5];
  size_t n = 0;
  for (const char *const *a = ASSIGNED; *a; a++) {
    if (!strcmp(*a, "__type_params__") && rt->profile->minor < 12) continue;
    sl_obj *s = sl_str_from_cstr(rt, *a);
    if (!s) {
      while (n) sl_vdecref(rt, names[--n]);
      return -1;
    }
    names[n++] = sl_obj_val(s);
  }
  sl_obj *t = sl_tuple_new(rt, names, n);
  while (n) sl_vdecref(rt, names[--n]);
  rc = !t || sl_stdmod_add(rt, module_dict, "WRAPPER_ASSIGNMENTS", sl_obj_val(t));
  sl_decref(rt, t);
  if (rc) return -1;
  sl_obj *d = sl_str_from_cstr(rt, "__dict__");
  sl_value dv = d ? sl_obj_val(d) : sl_none();
  t = d ? sl_tuple_new(rt, &dv, 1) : NULL;
  sl_decref(rt, d);
  rc = !t || sl_stdmod_add(rt, module_dict, "WRAPPER_UPDATES", sl_obj_val(t));
  sl_decref(rt, t);
  return rc ? -1 : 0;
}
