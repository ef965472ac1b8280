/* collections.ChainMap (Lib/collections/__init__.py): a list of mappings
 * searched in order. Lookups go through each mapping's own [] (so a
 * defaultdict's __missing__ answers, as in CPython), writes and deletions
 * touch maps[0] only. Iteration is CPython's: the keys of the last mapping
 * first, then the new keys of the ones before; len() counts distinct keys.
 * keys(), values() and items() return collections.abc's live views
 * (KeysView(ChainMap(...)), mod_collections_views.c); subclassing
 * ChainMap is not supported. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct chainmap {
  sl_obj hdr;
  sl_obj *maps; /* owned list of mappings (never empty when made by ChainMap()) */
} chainmap;

extern const sl_type sl__chainmap_type;
static inline chainmap *cm_of(sl_value v) { return (chainmap *)v.u.o; }
static inline sl_list *maps_of(sl_obj *o) { return sl_as_list(((chainmap *)o)->maps); }

static void cm_clear(sl_rt *rt, sl_obj *o) {
  chainmap *c = (chainmap *)o;
  sl_decref(rt, c->maps);
  c->maps = NULL;
}

/* A new ChainMap over the mappings (borrowed); none: one empty dict. */
static int cm_new(sl_rt *rt, const sl_value *maps, size_t n, sl_value *out) {
  sl_obj *empty = n ? NULL : sl_dict_new(rt);
  if (!n && !empty) return -1;
  sl_value one = empty ? sl_obj_val(empty) : sl_undef();
  sl_obj *l = sl_list_new(rt, n ? maps : &one, n ? n : 1);
  sl_decref(rt, empty);
  if (!l) return -1;
  chainmap *c = (chainmap *)sl_obj_alloc(rt, &sl__chainmap_type);
  if (!c) {
    sl_decref(rt, l);
    return -1;
  }
  c->maps = l;
  return *out = sl_obj_val(&c->hdr), 0;
}

/* m[key] for the first mapping that has it: 1 found, 0 none, -1 error. */
static int lookup(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  sl_list *maps = maps_of(o);
  for (size_t i = 0; i < maps->len; i++) {
    if (sl_getitem(rt, maps->items[i], key, out) == 0) return 1;
    if (rt->fatal || !rt->exc || !sl_exc_isinstance(rt->exc, SL_EXC_KEY_ERROR)) return -1;
    sl_err_clear(rt);
  }
  return 0;
}

static int raise_key(sl_rt *rt, sl_value key) {
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_KEY_ERROR], &key, 1);
  if (!e) return -1;
  sl_err_restore(rt, e);
  return -1;
}

static int cm_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  int r = lookup(rt, o, key, out);
  return r < 0 ? -1 : r ? 0 : raise_key(rt, key);
}

/* cm[key] = v sets maps[0]; del cm[key] deletes from it only. */
static int cm_setitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value v) {
  sl_value first = maps_of(o)->items[0];
  if (!sl_is_undef(v)) return sl_setitem(rt, first, key, v);
  if (sl_delitem(rt, first, key) == 0) return 0;
  if (rt->fatal || !sl_exc_isinstance(rt->exc, SL_EXC_KEY_ERROR)) return -1;
  sl_err_clear(rt);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_puts(&b, "Key not found in the first mapping: ");
  int rc = sl_vm_repr(rt, key, &b);
  if (!rc) rc = sl_raise(rt, SL_EXC_KEY_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return -1;
}

static int cm_contains(sl_rt *rt, sl_obj *o, sl_value key, bool *res) {
  sl_list *maps = maps_of(o);
  *res = false;
  for (size_t i = 0; i < maps->len && !*res; i++)
    if (sl_contains(rt, maps->items[i], key, res)) return -1;
  return 0;
}

/* The keys in iteration order, as dict.fromkeys of each mapping from the
 * last to the first merged into one dict (values None). New reference. */
static sl_obj *key_union(sl_rt *rt, sl_obj *o) {
  sl_list *maps = maps_of(o);
  sl_obj *d = sl_dict_new(rt);
  for (size_t i = maps->len; d && i-- > 0;) {
    sl_value it, k;
    if (sl_iter(rt, maps->items[i], &it)) goto fail;
    int r;
    while ((r = sl_iter_next(rt, it, &k)) == 1) {
      bool found;
      sl_value old;
      r = sl_dict_get(rt, d, k, &old, &found);
      if (!r && found) sl_vdecref(rt, old);
      if (!r && !found) r = sl_dict_set(rt, d, k, sl_none());
      sl_vdecref(rt, k);
      if (r) break;
    }
    sl_vdecref(rt, it);
    if (r) goto fail;
  }
  return d;
fail:
  sl_decref(rt, d);
  return NULL;
}

static int cm_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  sl_obj *d = key_union(rt, o);
  if (!d) return -1;
  *out = (int64_t)sl_dict_len(d);
  sl_decref(rt, d);
  return 0;
}

static int cm_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_obj *d = key_union(rt, o);
  if (!d) return -1;
  int rc = sl_iter(rt, sl_obj_val(d), out);
  sl_decref(rt, d);
  return rc;
}

/* A dict of the chain's items in iteration order (new reference). */
static sl_obj *as_dict(sl_rt *rt, sl_obj *o) {
  sl_obj *d = key_union(rt, o);
  if (!d) return NULL;
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(d, &pos, &k, &v)) {
    sl_value got;
    sl_value key = sl_vincref(k);
    int rc = cm_getitem(rt, o, key, &got);
    if (!rc) {
      rc = sl_dict_set(rt, d, key, got);
      sl_vdecref(rt, got);
    }
    sl_vdecref(rt, key);
    if (rc) {
      sl_decref(rt, d);
      return NULL;
    }
  }
  return d;
}

static int cm_truth(sl_rt *rt, sl_obj *o, bool *res) {
  sl_list *maps = maps_of(o);
  *res = false;
  for (size_t i = 0; i < maps->len && !*res; i++)
    if (sl_truth(rt, maps->items[i], res)) return -1;
  return 0;
}

/* ChainMap({...}, {...}) */
static int cm_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_list *maps = maps_of(o);
  sl_strbuf_puts(out, "ChainMap(");
  for (size_t i = 0; i < maps->len; i++) {
    if (i) sl_strbuf_puts(out, ", ");
    if (sl_vm_repr(rt, maps->items[i], out)) return -1;
  }
  sl_strbuf_putc(out, ')');
  return 0;
}

/* Mapping.__eq__: dict(self.items()) == dict(other.items()). */
static int cm_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  sl_obj *da = as_dict(rt, a);
  if (!da) return -1;
  sl_obj *db = sl_is_type(b, &sl__chainmap_type) ? as_dict(rt, b.u.o) : NULL;
  int rc = -1;
  if (db || !sl_is_type(b, &sl__chainmap_type))
    rc = sl_compare(rt, SL_CMP_EQ, sl_obj_val(da), db ? sl_obj_val(db) : b, res);
  sl_decref(rt, da);
  sl_decref(rt, db);
  return rc;
}

/* ---- methods ---- */

static int m_get(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"key", "default"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "get", names, 2, 1, 2, a)) return -1;
  int r = lookup(rt, self.u.o, a[0], out);
  if (r) return r < 0 ? -1 : 0;
  *out = sl_is_undef(a[1]) ? sl_none() : sl_vincref(a[1]);
  return 0;
}

/* new_child(m=None, **kwargs): ChainMap(m or {} updated by kwargs, *maps). */
static int m_new_child(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "ChainMap.new_child() takes from 1 to 2 positional arguments but %zu were "
                    "given",
                    args->npos + 1);
  sl_value m = args->npos ? sl_vincref(args->pos[0]) : sl_none();
  size_t first_kw = 0;
  if (!args->npos && args->nkw && sl_str_eq_cstr(args->kwnames[0], "m"))
    m = sl_vincref(args->kwvals[0]), first_kw = 1;
  if (sl_is_none(m)) {
    sl_obj *d = sl_dict_new(rt);
    if (!d) return -1;
    m = sl_obj_val(d);
  }
  int rc = 0;
  for (size_t i = first_kw; i < args->nkw && !rc; i++)
    rc = sl_setitem(rt, m, sl_obj_val(args->kwnames[i]), args->kwvals[i]);
  sl_list *maps = maps_of(self.u.o);
  sl_obj *l = rc ? NULL : sl_list_new(rt, &m, 1);
  for (size_t i = 0; l && i < maps->len && !rc; i++) rc = sl_list_append(rt, l, maps->items[i]);
  if (l && !rc) rc = cm_new(rt, sl_as_list(l)->items, sl_as_list(l)->len, out);
  sl_decref(rt, l);
  sl_vdecref(rt, m);
  return rc || !l ? -1 : 0;
}

/* ChainMap(maps[0] with `first` in its place, *maps[1:]). */
static int with_first(sl_rt *rt, sl_obj *o, sl_value first, sl_value *out) {
  sl_list *maps = maps_of(o);
  sl_obj *l = sl_list_new(rt, maps->items, maps->len);
  if (!l) return -1;
  sl_vset(rt, &sl_as_list(l)->items[0], sl_vincref(first));
  int rc = cm_new(rt, sl_as_list(l)->items, sl_as_list(l)->len, out);
  sl_decref(rt, l);
  return rc;
}

/* maps[0].NAME(*args) */
static int call_first(sl_rt *rt, sl_obj *o, const char *name, const sl_args *args, sl_value *out) {
  sl_value fn;
  if (sl_vm_getattr(rt, maps_of(o)->items[0], name, &fn)) return -1;
  int rc = sl_vm_call(rt, fn, args, out);
  sl_vdecref(rt, fn);
  return rc;
}

/* copy(): ChainMap(self.maps[0].copy(), *self.maps[1:]) */
static int m_copy(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "copy", NULL, 0, 0, 0, NULL)) return -1;
  sl_value first;
  if (call_first(rt, self.u.o, "copy", args, &first)) return -1;
  int rc = with_first(rt, self.u.o, first, out);
  sl_vdecref(rt, first);
  return rc;
}

/* pop(key[, default]) and popitem() from maps[0], with ChainMap's texts. */
static int m_pop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"key", "default"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "pop", names, 2, 1, 2, a)) return -1;
  sl_args one = {.pos = a, .npos = 1};
  if (call_first(rt, self.u.o, "pop", &one, out) == 0) return 0;
  if (rt->fatal || !sl_exc_isinstance(rt->exc, SL_EXC_KEY_ERROR)) return -1;
  sl_err_clear(rt);
  if (!sl_is_undef(a[1])) return *out = sl_vincref(a[1]), 0;
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_puts(&b, "Key not found in the first mapping: ");
  if (!sl_vm_repr(rt, a[0], &b)) sl_raise(rt, SL_EXC_KEY_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return -1;
}

static int m_popitem(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "popitem", NULL, 0, 0, 0, NULL)) return -1;
  if (call_first(rt, self.u.o, "popitem", args, out) == 0) return 0;
  if (rt->fatal || !sl_exc_isinstance(rt->exc, SL_EXC_KEY_ERROR)) return -1;
  sl_err_clear(rt);
  return sl_raise(rt, SL_EXC_KEY_ERROR, "No keys found in the first mapping.");
}

static int m_clear(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "clear", NULL, 0, 0, 0, NULL)) return -1;
  return call_first(rt, self.u.o, "clear", args, out);
}

static int m_update(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return call_first(rt, self.u.o, "update", args, out);
}

/* MutableMapping.setdefault: self[key], else self[key] = default. */
static int m_setdefault(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"key", "default"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "setdefault", names, 2, 1, 2, a)) return -1;
  int r = lookup(rt, self.u.o, a[0], out);
  if (r) return r < 0 ? -1 : 0;
  sl_value dflt = sl_is_undef(a[1]) ? sl_none() : a[1];
  if (cm_setitem(rt, self.u.o, a[0], dflt)) return -1;
  return *out = sl_vincref(dflt), 0;
}

/* keys()/values()/items(): Mapping's KeysView(self), ValuesView(self),
 * ItemsView(self), live views (mod_collections_views.c). */
static int view(sl_rt *rt, sl_value self, const sl_args *args, const char *name, sl_value *out) {
  if (sl_args_bind(rt, args, name, NULL, 0, 0, 0, NULL)) return -1;
  return sl__mapping_view_new(rt, self, name, out);
}
static int m_keys(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return view(rt, self, args, "keys", out);
}
static int m_values(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return view(rt, self, args, "values", out);
}
static int m_items(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return view(rt, self, args, "items", out);
}

static const sl_cfunc_def cm_methods[] = {
    {"ChainMap.get", m_get, NULL, 0},
    {"ChainMap.new_child", m_new_child, NULL, 0},
    {"ChainMap.copy", m_copy, NULL, 0},
    {"ChainMap.pop", m_pop, NULL, 0},
    {"ChainMap.popitem", m_popitem, NULL, 0},
    {"ChainMap.clear", m_clear, NULL, 0},
    {"MutableMapping.update", m_update, NULL, 0},
    {"MutableMapping.setdefault", m_setdefault, NULL, 0},
    {"Mapping.keys", m_keys, NULL, 0},
    {"Mapping.values", m_values, NULL, 0},
    {"Mapping.items", m_items, NULL, 0},
    {NULL, NULL, NULL, 0},
};

/* The method table's Python name: what follows the dot. */
static int cm_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "maps")) return *out = sl_vincref(sl_obj_val(((chainmap *)o)->maps)), 0;
  if (!strcmp(name, "parents")) {
    sl_list *maps = maps_of(o);
    return cm_new(rt, maps->items + 1, maps->len - 1, out);
  }
  for (const sl_cfunc_def *d = cm_methods; d->name; d++) {
    const char *dot = strchr(d->name, '.');
    if (strcmp(dot + 1, name)) continue;
    sl_obj *f = sl_cfunc_new(rt, d, sl_obj_val(o));
    return f ? (*out = sl_obj_val(f), 0) : -1;
  }
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'ChainMap' object has no attribute '%s'", name);
}

static const sl_lang_slots cm_slots = {.len = cm_len,
                                       .iter = cm_iter,
                                       .getitem = cm_getitem,
                                       .setitem = cm_setitem,
                                       .contains = cm_contains};

const sl_type sl__chainmap_type = {.name = "ChainMap",
                                   .clear = cm_clear,
                                   .repr = cm_repr,
                                   .eq = cm_eq,
                                   .truth = cm_truth,
                                   .getattr = cm_getattr,
                                   .flags = SL_TF_REPR_GUARD,
                                   .unhashable = true,
                                   .lang = &cm_slots,
                                   .size = sizeof(chainmap)};

/* ChainMap(*maps) */
static int ct_chainmap(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "ChainMap.__init__() got an unexpected keyword argument '%s'",
                    sl_str_cstr(args->kwnames[0]));
  return cm_new(rt, args->pos, args->npos, out);
}

static const sl_cfunc_def ct_chainmap_def = {"ChainMap", ct_chainmap, NULL, 0};
static const sl_type *const chainmap_types[] = {&sl__chainmap_type, NULL};
const sl_classdef sl__chainmap_class = {
    "collections.ChainMap", "collections", "ChainMap", chainmap_types, NULL,
    &ct_chainmap_def,       NULL};
