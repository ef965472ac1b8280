/* The views a ChainMap's keys(), values() and items() return
 * (Lib/_collections_abc.py KeysView, ValuesView, ItemsView): live views of
 * the mapping, printed as KeysView(ChainMap({...}, {...})). len() is the
 * mapping's; iteration goes through the mapping's own iteration and []
 * (a snapshot taken when iteration starts); `in` asks the mapping
 * (KeysView), compares the values (ValuesView: `v is x or v == x`), or
 * looks the pair up (ItemsView). KeysView and ItemsView are sets: == with
 * a set, a frozenset or another such view compares as sets (Set.__eq__). */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef enum view_kind { VIEW_KEYS, VIEW_VALUES, VIEW_ITEMS } view_kind;

typedef struct mapping_view {
  sl_obj hdr;
  sl_value mapping; /* owned */
  view_kind kind;
} mapping_view;

extern const sl_type sl__keys_view_type, sl__values_view_type, sl__items_view_type;

static mapping_view *view_of(sl_obj *o) { return (mapping_view *)o; }

static void view_clear(sl_rt *rt, sl_obj *o) {
  sl_vdecref(rt, view_of(o)->mapping);
  view_of(o)->mapping = sl_none();
}

static int view_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "%s(", o->type->name);
  if (sl_vm_repr(rt, view_of(o)->mapping, out)) return -1;
  sl_strbuf_putc(out, ')');
  return 0;
}

static int view_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  return sl_len(rt, view_of(o)->mapping, out);
}

/* The items the view yields, in the mapping's order (new list). */
static int view_list(sl_rt *rt, mapping_view *v, sl_obj **out) {
  sl_obj *keys = NULL;
  if (sl_list_from_iterable(rt, v->mapping, &keys)) return -1;
  if (v->kind == VIEW_KEYS) return *out = keys, 0;
  sl_list *k = sl_as_list(keys);
  for (size_t i = 0; i < k->len; i++) {
    sl_value val;
    if (sl_getitem(rt, v->mapping, k->items[i], &val)) {
      sl_decref(rt, keys);
      return -1;
    }
    if (v->kind == VIEW_ITEMS) {
      sl_value pair[2] = {k->items[i], val};
      sl_obj *t = sl_tuple_new(rt, pair, 2);
      sl_vdecref(rt, val);
      if (!t) {
        sl_decref(rt, keys);
        return -1;
      }
      val = sl_obj_val(t);
    }
    sl_vset(rt, &k->items[i], val);
  }
  return *out = keys, 0;
}

static int view_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_obj *l;
  if (view_list(rt, view_of(o), &l)) return -1;
  int rc = sl_iter(rt, sl_obj_val(l), out);
  sl_decref(rt, l);
  return rc;
}

/* v is x or v == x */
static int same(sl_rt *rt, sl_value v, sl_value x, bool *res) {
  if (sl_is_obj(v) && sl_is_obj(x) && v.u.o == x.u.o) return *res = true, 0;
  return sl_compare(rt, SL_CMP_EQ, v, x, res);
}

static int view_contains(sl_rt *rt, sl_obj *o, sl_value item, bool *res) {
  mapping_view *v = view_of(o);
  *res = false;
  if (v->kind == VIEW_KEYS) return sl_contains(rt, v->mapping, item, res);
  if (v->kind == VIEW_ITEMS) {
    /* key, value = item; v = self._mapping[key] (KeyError: False) */
    if (!sl_is_type(item, &sl_tuple_type) || sl_as_tuple(item.u.o)->len != 2) return 0;
    sl_tuple *t = sl_as_tuple(item.u.o);
    sl_value got;
    if (sl_getitem(rt, v->mapping, t->items[0], &got)) {
      if (rt->fatal || !sl_exc_isinstance(rt->exc, SL_EXC_KEY_ERROR)) return -1;
      sl_err_clear(rt);
      return 0;
    }
    int rc = same(rt, got, t->items[1], res);
    sl_vdecref(rt, got);
    return rc;
  }
  sl_obj *l;
  if (view_list(rt, v, &l)) return -1;
  int rc = 0;
  sl_list *vals = sl_as_list(l);
  for (size_t i = 0; !rc && !*res && i < vals->len; i++) rc = same(rt, vals->items[i], item, res);
  sl_decref(rt, l);
  return rc;
}

/* Set.__eq__: len(self) == len(other) and every item of self in other,
 * for another set-like (set, frozenset, a keys or items view). */
static int view_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (view_of(a)->kind == VIEW_VALUES) return *res = sl_is_obj(b) && b.u.o == a, 0;
  bool setlike = sl_is_type(b, &sl_set_type) || sl_is_type(b, &sl_frozenset_type) ||
                 sl_is_type(b, &sl__keys_view_type) || sl_is_type(b, &sl__items_view_type);
  if (!setlike) return 0;
  int64_t na, nb;
  if (sl_len(rt, sl_obj_val(a), &na) || sl_len(rt, b, &nb)) return -1;
  if (na != nb) return 0;
  sl_obj *l;
  if (view_list(rt, view_of(a), &l)) return -1;
  int rc = 0;
  bool all = true;
  sl_list *items = sl_as_list(l);
  for (size_t i = 0; !rc && all && i < items->len; i++)
    rc = sl_contains(rt, b, items->items[i], &all);
  sl_decref(rt, l);
  if (!rc) *res = all;
  return rc;
}

static int view_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "_mapping")) return *out = sl_vincref(view_of(o)->mapping), 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                  name);
}

static const sl_lang_slots view_slots = {
    .len = view_len, .iter = view_iter, .contains = view_contains};

#define VIEW_TYPE(var, pyname)                                                                     \
  const sl_type var = {.name = pyname,                                                             \
                       .clear = view_clear,                                                        \
                       .repr = view_repr,                                                          \
                       .eq = view_eq,                                                              \
                       .unhashable = true,                                                         \
                       .getattr = view_getattr,                                                    \
                       .flags = SL_TF_REPR_GUARD,                                                  \
                       .lang = &view_slots,                                                        \
                       .size = sizeof(mapping_view)};
VIEW_TYPE(sl__keys_view_type, "KeysView")
VIEW_TYPE(sl__values_view_type, "ValuesView")
VIEW_TYPE(sl__items_view_type, "ItemsView")

/* A new view of `mapping` (borrowed): "keys", "values" or "items". */
int sl__mapping_view_new(sl_rt *rt, sl_value mapping, const char *which, sl_value *out) {
  view_kind kind = !strcmp(which, "keys")     ? VIEW_KEYS
                   : !strcmp(which, "values") ? VIEW_VALUES
                                              : VIEW_ITEMS;
  const sl_type *t = kind == VIEW_KEYS     ? &sl__keys_view_type
                     : kind == VIEW_VALUES ? &sl__values_view_type
                                           : &sl__items_view_type;
  mapping_view *v = (mapping_view *)sl_obj_alloc(rt, t);
  if (!v) return -1;
  v->mapping = sl_vincref(mapping);
  v->kind = kind;
  return *out = sl_obj_val(&v->hdr), 0;
}
