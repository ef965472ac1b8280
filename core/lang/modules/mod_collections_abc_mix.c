/* The mixin methods of collections.abc (Lib/_collections_abc.py): what a
 * program's class deriving from Iterator, Mapping, MutableMapping,
 * Sequence, MutableSequence, ... inherits, built on the abstract methods
 * the class defines (its own __getitem__, __len__, __iter__, ...), each
 * written from the documented behaviour of the CPython method. They are
 * C callables in the ABC's namespace, bound to the instance like any
 * method. */
#include <string.h>

#include "core/coro.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/iter-int.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

#define MIX(fn) static int fn(sl_rt *rt, sl_value fself, const sl_args *a, sl_value *out)

int sl__abc_nargs(sl_rt *rt, const sl_args *a, const char *name, size_t lo, size_t hi) {
  size_t n = a->npos ? a->npos - 1 : 0;
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (a->npos == 0 || n < lo || n > hi) {
    if (lo == hi)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "%s() takes %zu positional argument%s but %zu were given", name, lo + 1,
                      lo ? "s" : "", a->npos);
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "%s() takes from %zu to %zu positional arguments but %zu were given", name,
                    lo + 1, hi + 1, a->npos);
  }
  return 0;
}

int sl__abc_call_drop(sl_rt *rt, sl_value self, const char *name, const sl_value *argv,
                      size_t argc) {
  sl_value r;
  if (sl__call_method(rt, self, name, argv, argc, &r)) return -1;
  sl_vdecref(rt, r);
  return 0;
}

/* Raises exception `id` with the one argument v (none when undef). */
static int raise_with(sl_rt *rt, sl_exc_id id, sl_value v) {
  sl_obj *e = sl_exc_new(rt, rt->classes[id], &v, sl_is_undef(v) ? 0 : 1);
  return e ? sl_err_restore(rt, e) : -1;
}

static int abstract_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "abstract method");
}
const sl_cfunc_def sl__abc_abstract_def = {"abstractmethod", abstract_fn, NULL, 0};

/* __class_getitem__ = classmethod(GenericAlias): Iterable[int]. */
static int class_getitem_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos != 2 || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__class_getitem__ expected 1 argument");
  return sl__generic_alias_new(rt, a->pos[0], a->pos[1], out);
}
const sl_cfunc_def sl__abc_class_getitem_def = {"__class_getitem__", class_getitem_fn, NULL, 0};

/* ---- iterators and generators ----------------------------------------------------- */

MIX(mix_self) {
  if (sl__abc_nargs(rt, a, "__iter__", 0, 0)) return -1;
  *out = sl_vincref(a->pos[0]);
  return 0;
}

/* Generator.__next__: self.send(None). */
MIX(mix_gen_next) {
  if (sl__abc_nargs(rt, a, "__next__", 0, 0)) return -1;
  sl_value none = sl_none();
  return sl__call_method(rt, a->pos[0], "send", &none, 1, out);
}

/* AsyncGenerator.__anext__: self.asend(None). */
MIX(mix_agen_anext) {
  if (sl__abc_nargs(rt, a, "__anext__", 0, 0)) return -1;
  sl_value none = sl_none();
  return sl__call_method(rt, a->pos[0], "asend", &none, 1, out);
}

/* AsyncGenerator.aclose(): a coroutine that awaits self.athrow(GeneratorExit);
 * GeneratorExit or StopAsyncIteration coming back out ends it, anything
 * else going on is a RuntimeError. Slot 0: self. */
static sl_coro_status aclose_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_obj *ge = sl_exc_new(rt, rt->classes[SL_EXC_GENERATOR_EXIT], NULL, 0);
    if (!ge) return SL_CORO_ERROR;
    sl_value arg = sl_obj_val(ge), aw;
    int rc = sl__call_method(rt, co->slots[0], "athrow", &arg, 1, &aw);
    sl_decref(rt, ge);
    if (rc) return SL_CORO_ERROR;
    sl_coro_status st = sl_ccoro_await(rt, co, aw, 1, out);
    sl_vdecref(rt, aw);
    return st;
  }
  if (!co->failed) {
    sl_vdecref(rt, sl_ccoro_take_result(co));
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "asynchronous generator ignored GeneratorExit");
    return SL_CORO_ERROR;
  }
  if (!sl_err_matches(rt, SL_EXC_GENERATOR_EXIT) &&
      !sl_err_matches(rt, SL_EXC_STOP_ASYNC_ITERATION))
    return SL_CORO_ERROR;
  sl_err_clear(rt);
  *out = sl_none();
  return SL_CORO_RETURN;
}

static const sl_ccoro_def aclose_def = {"AsyncGenerator.aclose", aclose_resume, NULL};

MIX(mix_agen_aclose) {
  if (sl__abc_nargs(rt, a, "aclose", 0, 0)) return -1;
  sl_obj *co = sl_ccoro_new(rt, &aclose_def, &a->pos[0], 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

/* Generator.close / Coroutine.close: throw GeneratorExit in; it must come
 * back out (or StopIteration), else RuntimeError. */
MIX(mix_close) {
  if (sl__abc_nargs(rt, a, "close", 0, 0)) return -1;
  sl_obj *ge = sl_exc_new(rt, rt->classes[SL_EXC_GENERATOR_EXIT], NULL, 0);
  if (!ge) return -1;
  sl_value arg = sl_obj_val(ge), r;
  int rc = sl__call_method(rt, a->pos[0], "throw", &arg, 1, &r);
  sl_decref(rt, ge);
  if (rc) {
    if (!sl_err_matches(rt, SL_EXC_GENERATOR_EXIT) && !sl_err_matches(rt, SL_EXC_STOP_ITERATION))
      return -1;
    sl_err_clear(rt);
    *out = sl_none();
    return 0;
  }
  sl_vdecref(rt, r);
  return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "generator ignored GeneratorExit");
}

/* ---- Mapping and MutableMapping ------------------------------------------------------ */

/* self[key]: 1 found (*out), 0 KeyError (cleared), -1 another error. */
static int try_getitem(sl_rt *rt, sl_value self, sl_value key, sl_value *out) {
  if (!sl_getitem(rt, self, key, out)) return 1;
  if (!sl_err_matches(rt, SL_EXC_KEY_ERROR)) return -1;
  sl_err_clear(rt);
  return 0;
}

MIX(mix_map_contains) {
  if (sl__abc_nargs(rt, a, "__contains__", 1, 1)) return -1;
  sl_value v;
  int r = try_getitem(rt, a->pos[0], a->pos[1], &v);
  if (r < 0) return -1;
  if (r) sl_vdecref(rt, v);
  *out = sl_bool(r > 0);
  return 0;
}

MIX(mix_map_get) {
  if (sl__abc_nargs(rt, a, "get", 1, 2)) return -1;
  int r = try_getitem(rt, a->pos[0], a->pos[1], out);
  if (r < 0) return -1;
  if (!r) *out = a->npos > 2 ? sl_vincref(a->pos[2]) : sl_none();
  return 0;
}

MIX(mix_map_keys) {
  if (sl__abc_nargs(rt, a, "keys", 0, 0)) return -1;
  return sl__mapping_view_new(rt, a->pos[0], "keys", out);
}
MIX(mix_map_values) {
  if (sl__abc_nargs(rt, a, "values", 0, 0)) return -1;
  return sl__mapping_view_new(rt, a->pos[0], "values", out);
}
MIX(mix_map_items) {
  if (sl__abc_nargs(rt, a, "items", 0, 0)) return -1;
  return sl__mapping_view_new(rt, a->pos[0], "items", out);
}

int sl__abc_isinstance(sl_rt *rt, sl_value v, const char *name, bool *res) {
  sl_value mod, cls;
  if (sl_vm_import(rt, "collections.abc", &mod)) return -1;
  int rc = sl_vm_getattr(rt, mod, name, &cls);
  sl_vdecref(rt, mod);
  if (rc) return -1;
  rc = sl_isinstance1(rt, v, cls, res);
  sl_vdecref(rt, cls);
  return rc;
}

/* dict(m.items()) (new dict). */
static int as_dict(sl_rt *rt, sl_value m, sl_value *out) {
  sl_value items, dict;
  if (sl__call_method(rt, m, "items", NULL, 0, &items)) return -1;
  if (sl__vm_builtin(rt, "dict", &dict)) {
    sl_vdecref(rt, items);
    return -1;
  }
  int rc = sl_vm_call_pos(rt, dict, &items, 1, out);
  sl_vdecref(rt, items);
  sl_vdecref(rt, dict);
  return rc;
}

static int not_implemented(sl_rt *rt, sl_value *out) {
  return sl__vm_builtin(rt, "NotImplemented", out);
}

/* Mapping.__eq__: dict(self.items()) == dict(other.items()). */
MIX(mix_map_eq) {
  if (sl__abc_nargs(rt, a, "__eq__", 1, 1)) return -1;
  bool is_map;
  if (sl__abc_isinstance(rt, a->pos[1], "Mapping", &is_map)) return -1;
  if (!is_map) return not_implemented(rt, out);
  sl_value x, y;
  if (as_dict(rt, a->pos[0], &x)) return -1;
  if (as_dict(rt, a->pos[1], &y)) {
    sl_vdecref(rt, x);
    return -1;
  }
  bool eq;
  int rc = sl_eq(rt, x, y, &eq);
  sl_vdecref(rt, x);
  sl_vdecref(rt, y);
  if (rc) return -1;
  *out = sl_bool(eq);
  return 0;
}

/* MutableMapping.pop(key[, default]) */
MIX(mix_map_pop) {
  if (sl__abc_nargs(rt, a, "pop", 1, 2)) return -1;
  int r = try_getitem(rt, a->pos[0], a->pos[1], out);
  if (r < 0) return -1;
  if (r == 0) {
    if (a->npos > 2) return *out = sl_vincref(a->pos[2]), 0;
    return raise_with(rt, SL_EXC_KEY_ERROR, a->pos[1]);
  }
  if (sl_delitem(rt, a->pos[0], a->pos[1])) {
    sl_vdecref(rt, *out);
    return -1;
  }
  return 0;
}

/* The first key iter(self) gives: 1 (*key), 0 empty, -1 error. */
static int first_key(sl_rt *rt, sl_value self, sl_value *key) {
  sl_value it;
  if (sl_iter(rt, self, &it)) return -1;
  int r = sl_iter_next(rt, it, key);
  sl_vdecref(rt, it);
  return r;
}

/* MutableMapping.popitem(): the first key's pair, KeyError when empty. */
MIX(mix_map_popitem) {
  if (sl__abc_nargs(rt, a, "popitem", 0, 0)) return -1;
  sl_value k, v;
  int r = first_key(rt, a->pos[0], &k);
  if (r < 0) return -1;
  if (r == 0) return raise_with(rt, SL_EXC_KEY_ERROR, sl_undef());
  if (sl_getitem(rt, a->pos[0], k, &v)) {
    sl_vdecref(rt, k);
    return -1;
  }
  int rc = sl_delitem(rt, a->pos[0], k);
  sl_value pair[2] = {k, v};
  sl_obj *t = rc ? NULL : sl_tuple_new(rt, pair, 2);
  sl_vdecref(rt, k);
  sl_vdecref(rt, v);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

int sl__abc_clear_by(sl_rt *rt, sl_value self, const char *remove_one, sl_exc_id empty,
                     sl_value *out) {
  for (;;) {
    sl_value r;
    if (sl__call_method(rt, self, remove_one, NULL, 0, &r)) {
      if (!sl_err_matches(rt, empty)) return -1;
      sl_err_clear(rt);
      *out = sl_none();
      return 0;
    }
    sl_vdecref(rt, r);
  }
}

/* MutableMapping.clear(): popitem() until KeyError. */
MIX(mix_map_clear) {
  if (sl__abc_nargs(rt, a, "clear", 0, 0)) return -1;
  return sl__abc_clear_by(rt, a->pos[0], "popitem", SL_EXC_KEY_ERROR, out);
}

/* Stores each (key, value) pair of the iterable `pairs` in self. */
static int update_pairs(sl_rt *rt, sl_value self, sl_value pairs) {
  sl_obj *l;
  if (sl_list_from_iterable(rt, pairs, &l)) return -1;
  int rc = 0;
  sl_list *items = sl_as_list(l);
  for (size_t i = 0; i < items->len && !rc; i++) {
    const sl_value *kv;
    size_t n;
    sl_obj *owned = NULL;
    rc = sl_seq_items(rt, items->items[i], &kv, &n, &owned);
    if (!rc && n != 2)
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "too many values to unpack (expected 2)");
    if (!rc) rc = sl_setitem(rt, self, kv[0], kv[1]);
    sl_decref(rt, owned);
  }
  sl_decref(rt, l);
  return rc;
}

/* MutableMapping.update(other=(), /, **kwds): a Mapping's keys, then
 * anything with keys(), else (key, value) pairs; then the keywords. */
MIX(mix_map_update) {
  if (a->npos < 1 || a->npos > 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "update expected at most 1 argument, got %zu",
                    a->npos ? a->npos - 1 : 0);
  sl_value self = a->pos[0];
  int rc = 0;
  if (a->npos == 2) {
    sl_value other = a->pos[1], keys;
    bool is_map;
    if (sl__abc_isinstance(rt, other, "Mapping", &is_map)) return -1;
    int has_keys = is_map;
    if (!is_map) {
      if (sl_vm_getattr(rt, other, "keys", &keys) == 0) {
        sl_vdecref(rt, keys);
        has_keys = 1;
      } else if (sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR))
        sl_err_clear(rt);
      else
        return -1;
    }
    if (has_keys) {
      sl_value ks;
      sl_obj *l = NULL;
      rc = sl__call_method(rt, other, "keys", NULL, 0, &ks);
      if (!rc) {
        rc = sl_list_from_iterable(rt, ks, &l);
        sl_vdecref(rt, ks);
      }
      for (size_t i = 0; !rc && i < sl_as_list(l)->len; i++) {
        sl_value k = sl_as_list(l)->items[i], v;
        rc = sl_getitem(rt, other, k, &v);
        if (!rc) {
          rc = sl_setitem(rt, self, k, v);
          sl_vdecref(rt, v);
        }
      }
      sl_decref(rt, l);
    } else
      rc = update_pairs(rt, self, other);
  }
  for (size_t i = 0; !rc && i < a->nkw; i++)
    rc = sl_setitem(rt, self, sl_obj_val(a->kwnames[i]), a->kwvals[i]);
  if (rc) return -1;
  *out = sl_none();
  return 0;
}

/* MutableMapping.setdefault(key, default=None) */
MIX(mix_map_setdefault) {
  if (sl__abc_nargs(rt, a, "setdefault", 1, 2)) return -1;
  int r = try_getitem(rt, a->pos[0], a->pos[1], out);
  if (r) return r < 0 ? -1 : 0;
  sl_value d = a->npos > 2 ? a->pos[2] : sl_none();
  if (sl_setitem(rt, a->pos[0], a->pos[1], d)) return -1;
  *out = sl_vincref(d);
  return 0;
}

/* ---- Sequence and MutableSequence ------------------------------------------------------ */

/* The items of self, through its __iter__ (new list). */
static int seq_list(sl_rt *rt, sl_value self, sl_obj **out) {
  return sl_list_from_iterable(rt, self, out);
}

MIX(mix_seq_iter) {
  if (sl__abc_nargs(rt, a, "__iter__", 0, 0)) return -1;
  return sl__seq_iter_new(rt, a->pos[0], out);
}

MIX(mix_seq_contains) {
  if (sl__abc_nargs(rt, a, "__contains__", 1, 1)) return -1;
  sl_obj *l;
  if (seq_list(rt, a->pos[0], &l)) return -1;
  bool found = false;
  int rc = 0;
  for (size_t i = 0; i < sl_as_list(l)->len && !found && !rc; i++) {
    sl_value v = sl_as_list(l)->items[i];
    found = sl_is(v, a->pos[1]);
    if (!found) rc = sl_eq(rt, v, a->pos[1], &found);
  }
  sl_decref(rt, l);
  if (rc) return -1;
  *out = sl_bool(found);
  return 0;
}

/* Sequence.__reversed__: self[i] for i from len(self) - 1 down to 0. */
MIX(mix_seq_reversed) {
  if (sl__abc_nargs(rt, a, "__reversed__", 0, 0)) return -1;
  int64_t n;
  if (sl_len(rt, a->pos[0], &n)) return -1;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  for (int64_t i = n - 1; i >= 0; i--) {
    sl_value v;
    if (sl_getitem(rt, a->pos[0], sl_int(i), &v)) {
      sl_decref(rt, l);
      return -1;
    }
    int rc = sl_list_append(rt, l, v);
    sl_vdecref(rt, v);
    if (rc) {
      sl_decref(rt, l);
      return -1;
    }
  }
  int rc = sl_iter(rt, sl_obj_val(l), out);
  sl_decref(rt, l);
  return rc;
}

/* Sequence.index(value, start=0, stop=None) */
MIX(mix_seq_index) {
  if (sl__abc_nargs(rt, a, "index", 1, 3)) return -1;
  int64_t n;
  if (sl_len(rt, a->pos[0], &n)) return -1;
  int64_t start = 0, stop = n;
  if (a->npos > 2 && !sl_is_none(a->pos[2])) {
    if (a->pos[2].tag != SL_V_INT)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "index start must be an int");
    start = a->pos[2].u.i;
    if (start < 0) start = start + n < 0 ? 0 : start + n;
  }
  if (a->npos > 3 && !sl_is_none(a->pos[3])) {
    if (a->pos[3].tag != SL_V_INT)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "index stop must be an int");
    stop = a->pos[3].u.i;
    if (stop < 0) stop += n;
  }
  for (int64_t i = start; i < stop; i++) {
    sl_value v;
    if (sl_getitem(rt, a->pos[0], sl_int(i), &v)) {
      if (!sl_err_matches(rt, SL_EXC_INDEX_ERROR)) return -1;
      sl_err_clear(rt);
      break;
    }
    bool eq = sl_is(v, a->pos[1]);
    int rc = eq ? 0 : sl_eq(rt, v, a->pos[1], &eq);
    sl_vdecref(rt, v);
    if (rc) return -1;
    if (eq) return *out = sl_int(i), 0;
  }
  return sl_raise_noargs(rt, SL_EXC_VALUE_ERROR);
}

/* Sequence.count(value) */
MIX(mix_seq_count) {
  if (sl__abc_nargs(rt, a, "count", 1, 1)) return -1;
  sl_obj *l;
  if (seq_list(rt, a->pos[0], &l)) return -1;
  int64_t c = 0;
  int rc = 0;
  for (size_t i = 0; i < sl_as_list(l)->len && !rc; i++) {
    sl_value v = sl_as_list(l)->items[i];
    bool eq = sl_is(v, a->pos[1]);
    if (!eq) rc = sl_eq(rt, v, a->pos[1], &eq);
    c += eq;
  }
  sl_decref(rt, l);
  if (rc) return -1;
  *out = sl_int(c);
  return 0;
}

/* MutableSequence.append(value): self.insert(len(self), value) */
MIX(mix_mseq_append) {
  if (sl__abc_nargs(rt, a, "append", 1, 1)) return -1;
  int64_t n;
  if (sl_len(rt, a->pos[0], &n)) return -1;
  sl_value argv[2] = {sl_int(n), a->pos[1]};
  if (sl__abc_call_drop(rt, a->pos[0], "insert", argv, 2)) return -1;
  *out = sl_none();
  return 0;
}

/* MutableSequence.extend(values): append each (a copy first when values
 * is self). */
MIX(mix_mseq_extend) {
  if (sl__abc_nargs(rt, a, "extend", 1, 1)) return -1;
  sl_obj *l;
  if (sl_list_from_iterable(rt, a->pos[1], &l)) return -1;
  int rc = 0;
  for (size_t i = 0; i < sl_as_list(l)->len && !rc; i++)
    rc = sl__abc_call_drop(rt, a->pos[0], "append", &sl_as_list(l)->items[i], 1);
  sl_decref(rt, l);
  if (rc) return -1;
  *out = sl_none();
  return 0;
}

MIX(mix_mseq_iadd) {
  if (sl__abc_nargs(rt, a, "__iadd__", 1, 1)) return -1;
  if (sl__abc_call_drop(rt, a->pos[0], "extend", &a->pos[1], 1)) return -1;
  *out = sl_vincref(a->pos[0]);
  return 0;
}

/* MutableSequence.pop(index=-1): v = self[index]; del self[index] */
MIX(mix_mseq_pop) {
  if (sl__abc_nargs(rt, a, "pop", 0, 1)) return -1;
  sl_value idx = a->npos > 1 ? a->pos[1] : sl_int(-1);
  if (sl_getitem(rt, a->pos[0], idx, out)) return -1;
  if (sl_delitem(rt, a->pos[0], idx)) {
    sl_vdecref(rt, *out);
    return -1;
  }
  return 0;
}

/* MutableSequence.remove(value): del self[self.index(value)] */
MIX(mix_mseq_remove) {
  if (sl__abc_nargs(rt, a, "remove", 1, 1)) return -1;
  sl_value i;
  if (sl__call_method(rt, a->pos[0], "index", &a->pos[1], 1, &i)) return -1;
  int rc = sl_delitem(rt, a->pos[0], i);
  sl_vdecref(rt, i);
  if (rc) return -1;
  *out = sl_none();
  return 0;
}

/* MutableSequence.reverse(): swaps self[i] and self[n-i-1]. */
MIX(mix_mseq_reverse) {
  if (sl__abc_nargs(rt, a, "reverse", 0, 0)) return -1;
  int64_t n;
  if (sl_len(rt, a->pos[0], &n)) return -1;
  for (int64_t i = 0; i < n / 2; i++) {
    sl_value x, y;
    if (sl_getitem(rt, a->pos[0], sl_int(i), &x)) return -1;
    if (sl_getitem(rt, a->pos[0], sl_int(n - i - 1), &y)) {
      sl_vdecref(rt, x);
      return -1;
    }
    int rc =
        sl_setitem(rt, a->pos[0], sl_int(i), y) || sl_setitem(rt, a->pos[0], sl_int(n - i - 1), x);
    sl_vdecref(rt, x);
    sl_vdecref(rt, y);
    if (rc) return -1;
  }
  *out = sl_none();
  return 0;
}

/* MutableSequence.clear(): pop() until IndexError. */
MIX(mix_mseq_clear) {
  if (sl__abc_nargs(rt, a, "clear", 0, 0)) return -1;
  return sl__abc_clear_by(rt, a->pos[0], "pop", SL_EXC_INDEX_ERROR, out);
}

/* ---- the tables ------------------------------------------------------------------------ */

static const sl_cfunc_def MIX_ITER[] = {{"__iter__", mix_self, NULL, 0}, {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_AITER[] = {{"__aiter__", mix_self, NULL, 0}, {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_GEN[] = {
    {"__next__", mix_gen_next, NULL, 0}, {"close", mix_close, NULL, 0}, {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_COROUTINE[] = {{"close", mix_close, NULL, 0}, {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_AGEN[] = {{"__anext__", mix_agen_anext, NULL, 0},
                                        {"aclose", mix_agen_aclose, NULL, 0},
                                        {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_MAPPING[] = {{"__contains__", mix_map_contains, NULL, 0},
                                           {"get", mix_map_get, NULL, 0},
                                           {"keys", mix_map_keys, NULL, 0},
                                           {"values", mix_map_values, NULL, 0},
                                           {"items", mix_map_items, NULL, 0},
                                           {"__eq__", mix_map_eq, NULL, 0},
                                           {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_MUTMAPPING[] = {{"pop", mix_map_pop, NULL, 0},
                                              {"popitem", mix_map_popitem, NULL, 0},
                                              {"clear", mix_map_clear, NULL, 0},
                                              {"update", mix_map_update, NULL, 0},
                                              {"setdefault", mix_map_setdefault, NULL, 0},
                                              {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_SEQUENCE[] = {
    {"__iter__", mix_seq_iter, NULL, 0},         {"__contains__", mix_seq_contains, NULL, 0},
    {"__reversed__", mix_seq_reversed, NULL, 0}, {"index", mix_seq_index, NULL, 0},
    {"count", mix_seq_count, NULL, 0},           {NULL, NULL, NULL, 0}};
static const sl_cfunc_def MIX_MUTSEQUENCE[] = {
    {"append", mix_mseq_append, NULL, 0},   {"extend", mix_mseq_extend, NULL, 0},
    {"pop", mix_mseq_pop, NULL, 0},         {"remove", mix_mseq_remove, NULL, 0},
    {"reverse", mix_mseq_reverse, NULL, 0}, {"clear", mix_mseq_clear, NULL, 0},
    {"__iadd__", mix_mseq_iadd, NULL, 0},   {NULL, NULL, NULL, 0}};

static const sl_cfunc_def *table_of(sl__abc_mixins which) {
  switch (which) {
  case SL__ABC_MIX_ITER: return MIX_ITER;
  case SL__ABC_MIX_AITER: return MIX_AITER;
  case SL__ABC_MIX_GEN: return MIX_GEN;
  case SL__ABC_MIX_COROUTINE: return MIX_COROUTINE;
  case SL__ABC_MIX_AGEN: return MIX_AGEN;
  case SL__ABC_MIX_MAPPING: return MIX_MAPPING;
  case SL__ABC_MIX_MUTMAPPING: return MIX_MUTMAPPING;
  case SL__ABC_MIX_SEQUENCE: return MIX_SEQUENCE;
  case SL__ABC_MIX_MUTSEQUENCE: return MIX_MUTSEQUENCE;
  default: return NULL;
  }
}

int sl__collections_abc_mixins(sl_rt *rt, sl__abc_mixins which, sl_obj *ns) {
  if (which == SL__ABC_MIX_SET || which == SL__ABC_MIX_MUTSET)
    return sl__abc_set_mixins(rt, which == SL__ABC_MIX_MUTSET, ns);
  const sl_cfunc_def *t = table_of(which);
  if (t && sl_stdmod_add_funcs(rt, ns, t)) return -1;
  /* Mapping: __reversed__ = None (a mapping is not reversible by index). */
  if (which == SL__ABC_MIX_MAPPING && sl_dict_set_str(rt, ns, "__reversed__", sl_none())) return -1;
  return 0;
}
