/* Attribute reading and writing on scenario-class instances and class
 * objects: the instance dict, the class's attributes (bound, or run as
 * descriptors), __getattr__/__setattr__/__delattr__ overrides and the
 * exception fields that live in the C struct (args, __cause__, ...).
 * Mirrors Objects/object.c's PyObject_GenericGetAttr/SetAttr and
 * typeobject.c's slot_tp_getattr_hook. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict-int.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/descr.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/lang/usermod.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm_attr-int.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- attributes ---------------------------------------------------------- */

static int attr_error(sl_rt *rt, sl_value v, const char *name) {
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", sl_type_name(v),
                  name);
}

static sl_value obj_or_none(sl_obj *o) {
  if (!o) return sl_none();
  sl_incref(o);
  return sl_obj_val(o);
}

/* What reading attribute `v` found on the class of `self` gives:
 * properties run their getter, functions bind, class and static methods
 * unwrap. Steals v. */
int sl__call_bound_name(sl_rt *rt, sl_value fn, sl_value self, const char *name, sl_value *out) {
  sl_obj *key = sl_str_from_cstr(rt, name);
  if (!key) return -1;
  sl_value argv[1] = {sl_obj_val(key)};
  sl_args a = {argv, 1, NULL, NULL, 0};
  int rc = sl__call_bound(rt, fn, self, &a, out);
  sl_decref(rt, key);
  return rc;
}

int sl__bind_class_attr(sl_rt *rt, sl_value v, sl_value self, sl_obj *cls, sl_value *out) {
  int rc = 0;
  int r = sl__user_descr_get(rt, v, self, sl_obj_val(cls), out);
  if (r) {
    sl_vdecref(rt, v);
    return r < 0 ? -1 : 0;
  }
  if (sl_is_type(v, &sl_property_type)) {
    rc = sl_property_get(rt, v.u.o, self, sl_type_name(self), out);
  } else if (sl_is_type(v, &sl_func_type) || sl_is_type(v, &sl_cfunc_type)) {
    sl_obj *b = sl_bound_new(rt, v, self);
    if (!b)
      rc = -1;
    else
      *out = sl_obj_val(b);
  } else {
    int r = sl_descr_bind(rt, v, self, sl_obj_val(cls), out);
    if (r == 0) return *out = v, 0;
    rc = r < 0 ? -1 : 0;
  }
  sl_vdecref(rt, v);
  return rc;
}

/* Whether class attribute d is a data descriptor that reading answers
 * before the instance dict: a property, or an instance of a scenario class
 * with __get__ and __set__/__delete__ (one without __get__ loses to the
 * dict, as in _PyObject_GenericGetAttrWithDict). */
static bool data_descr_first(sl_value d) {
  return sl_is_type(d, &sl_property_type) ||
         (sl__is_data_descr(d) &&
          (sl_as_class(sl_as_exc(d.u.o)->cls)->lang_flags & SL__CLS_HAS_GET));
}

/* The class's data descriptor `name` run on instance o, before its dict:
 * 1 found (*out new ref), 0 none, -1 error. Only classes flagged as
 * holding a property or a user descriptor (SL__CLS_DESCR) look. */
static int data_descr_lookup(sl_rt *rt, sl_obj *cls, sl_obj *o, const char *name, sl_value *out) {
  if (!(sl_as_class(cls)->lang_flags & SL__CLS_DESCR)) return 0;
  sl_value d;
  int r = sl__class_lookup(rt, cls, name, &d);
  if (r <= 0) return r;
  if (!data_descr_first(d))
    r = 0;
  else if (sl_is_type(d, &sl_property_type))
    r = sl_property_get(rt, d.u.o, sl_obj_val(o), sl_type_name(sl_obj_val(o)), out) ? -1 : 1;
  else
    r = sl__user_descr_get(rt, d, sl_obj_val(o), sl_obj_val(cls), out);
  sl_vdecref(rt, d);
  return r;
}

/* The attribute lookup of an instance without __getattr__: 1 found, 0
 * absent (no exception raised), -1 error. */
static int exc_lookup(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_exc *e = sl_as_exc(o);
  int rd = data_descr_lookup(rt, e->cls, o, name, out);
  if (rd) return rd;
  if (!strcmp(name, "args")) return *out = obj_or_none(e->args), 1;
  if (!strcmp(name, "__cause__")) return *out = obj_or_none(e->cause), 1;
  if (!strcmp(name, "__context__")) return *out = obj_or_none(e->context), 1;
  if (!strcmp(name, "__suppress_context__")) return *out = sl_bool(e->suppress_context), 1;
  if (!strcmp(name, "__traceback__")) return *out = sl_none(), 1;
  if (!strcmp(name, "__class__")) return *out = obj_or_none(e->cls), 1;
  if (!strcmp(name, "__dict__") && !(sl_as_class(e->cls)->lang_flags & SL__CLS_SLOTS)) {
    if (!e->attrs && !(e->attrs = sl_dict_new(rt))) return -1;
    return *out = obj_or_none(e->attrs), 1;
  }
  if (e->attrs) {
    bool found = false;
    if (sl_dict_get_str(rt, e->attrs, name, out, &found)) return -1;
    if (found) return 1;
  }
  if (sl_exc_isinstance(o, SL_EXC_BASE_EXCEPTION_GROUP)) {
    sl_tuple *a = sl_as_tuple(e->args);
    if (!strcmp(name, "message") && a->len >= 1) return *out = sl_vincref(a->items[0]), 1;
    if (!strcmp(name, "exceptions") && a->len >= 2) {
      sl_value x = a->items[1];
      if (sl_is_type(x, &sl_list_type)) {
        sl_obj *t = sl_tuple_new(rt, sl_as_list(x.u.o)->items, sl_as_list(x.u.o)->len);
        if (!t) return -1;
        *out = sl_obj_val(t);
      } else {
        *out = sl_vincref(x);
      }
      return 1;
    }
  }
  sl_value v;
  int r = sl__class_lookup(rt, e->cls, name, &v);
  if (r == 0) r = sl__class_builtin_method(rt, name, &v);
  if (r <= 0) return r;
  return sl__bind_class_attr(rt, v, sl_obj_val(o), e->cls, out) ? -1 : 1;
}

/* object.__getattribute__: the instance's own lookup, then what every
 * value has (sl_lang_getattr); AttributeError when both fail. */
int sl__generic_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = exc_lookup(rt, o, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_lang_getattr(rt, sl_obj_val(o), name, out);
}

static int exc_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (sl_as_class(sl_as_exc(o)->cls)->lang_flags & SL__CLS_GETATTRIBUTE)
    return sl__user_getattribute(rt, o, name, out);
  int r = exc_lookup(rt, o, name, out);
  sl_class *c = sl_as_class(sl_as_exc(o)->cls);
  /* slot_tp_getattr_hook: an AttributeError out of a descriptor (a
   * property's getter) is suppressed and __getattr__ runs. */
  if (r < 0 && (c->lang_flags & SL__CLS_GETATTR) && rt->exc &&
      sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
    sl_err_clear(rt);
    r = 0;
  }
  if (r) return r < 0 ? -1 : 0;
  if (c->lang_flags & SL__CLS_GETATTR) {
    /* slot_tp_getattr_hook: __getattr__ runs when normal lookup fails. */
    sl_value fn;
    r = sl__class_lookup(rt, sl_as_exc(o)->cls, "__getattr__", &fn);
    if (r < 0) return -1;
    if (r > 0) {
      int rc = sl__call_bound_name(rt, fn, sl_obj_val(o), name, out);
      sl_vdecref(rt, fn);
      return rc;
    }
  }
  return sl_lang_getattr(rt, sl_obj_val(o), name, out);
}

static int class_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_class *c = sl_as_class(o);
  if (!strcmp(name, "__name__")) {
    *out = obj_or_none(c->name);
    return 0;
  }
  if (!strcmp(name, "__qualname__")) {
    *out = obj_or_none(c->qualname);
    return 0;
  }
  if (!strcmp(name, "__module__")) {
    sl_obj *s = sl_str_from_cstr(rt, c->module);
    if (!s) return -1;
    *out = sl_obj_val(s);
    return 0;
  }
  if (!strcmp(name, "__doc__")) {
    bool found = false;
    if (c->attrs && sl_dict_get_str(rt, c->attrs, "__doc__", out, &found)) return -1;
    if (!found) *out = sl_none();
    return 0;
  }
  if (!strcmp(name, "__dict__") && c->attrs) {
    /* A copy: CPython's is a read-only mappingproxy. */
    sl_obj *d = sl_dict_new(rt);
    if (!d || sl__dict_update(rt, d, sl_obj_val(c->attrs))) {
      sl_decref(rt, d);
      return -1;
    }
    *out = sl_obj_val(d);
    return 0;
  }
  sl_value v;
  int r = sl__class_lookup(rt, o, name, &v);
  if (r == 0 && (name[0] == '_' || name[0] == 'm')) {
    r = sl__class_mro_attr(rt, o, name, out);
    if (r) return r < 0 ? -1 : 0;
  }
  if (r == 0 && c->meta) { /* the metaclass's methods and attributes */
    r = sl__meta_getattr(rt, o, name, out);
    if (r) return r < 0 ? -1 : 0;
  }
  if (r == 0 && c->native && strcmp(name, "__init__"))
    return sl_lang_getattr(rt, sl_obj_val(c->native), name, out);
  if (r == 0) r = sl__class_builtin_method(rt, name, &v);
  if (r < 0) return -1;
  if (r == 0) return sl_lang_getattr(rt, sl_obj_val(o), name, out);
  r = sl__user_descr_get(rt, v, sl_none(), sl_obj_val(o), out);
  if (r == 0) r = sl_descr_bind(rt, v, sl_none(), sl_obj_val(o), out);
  if (r == 0) {
    *out = v;
    return 0;
  }
  sl_vdecref(rt, v);
  return r < 0 ? -1 : 0;
}

/* ---- the instance attribute cache ------------------------------------------
 *
 * `self.x` and `self.m(...)` on an instance of a scenario class, as
 * exc_getattr answers them, without comparing the name with C strings:
 * the instance dict is probed with the code object's str (its hash
 * cached), and a class attribute comes from the code object's cache entry
 * (code.h sl_mcache) while the dict versions of the classes walked are
 * unchanged. Only lookups that cannot run program code before the answer
 * use it: no __getattribute__, no user descriptors in the hierarchy, names
 * exc_lookup does not answer itself, class attributes that are functions
 * or plain data. */

/* Whether exc_lookup answers `name` before the class attributes (the
 * exception fields, __class__, __dict__, an exception group's message and
 * exceptions). */
static bool special_name(const char *name) {
  return (name[0] == '_' && name[1] == '_') || !strcmp(name, "args") || !strcmp(name, "message") ||
         !strcmp(name, "exceptions");
}

/* The classes class_lookup visits first, while they form a chain: cls,
 * then its stored MRO, or its only base and on from there. Stops at a
 * class with two bases and no stored MRO (class_lookup then walks a tree).
 * Returns how many were written (at most max); *whole (may be NULL) says
 * whether they are all the classes class_lookup visits. */
static int mro_chain(sl_obj *cls, sl_obj **out, int max, bool *whole) {
  int n = 0;
  if (whole) *whole = false;
  while (cls && n < max) {
    out[n++] = cls;
    sl_class *c = sl_as_class(cls);
    if (c->mro) {
      sl_tuple *t = sl_as_tuple(c->mro);
      size_t i = 0;
      for (; i < t->len && n < max; i++) out[n++] = t->items[i].u.o;
      if (whole) *whole = i == t->len;
      return n;
    }
    if (c->bases[1]) return n;
    cls = c->bases[0];
  }
  if (whole) *whole = !cls;
  return n;
}

/* mc->depth with this bit: the entry says the name is in none of the
 * classes of the walk (positions 0..depth without the bit, the versions of
 * their attrs dicts in cver), a whole walk; not where it was found. The
 * inline tests (sl__class_attr_near: depth > 1) never take it for a find. */
#define MC_ABSENT 0x80

/* The value in the entry's place, whatever it is, when the classes
 * walked up to it are unchanged: 1 found (*out borrowed), 0 not known. */
static int class_entry_cached(const sl_mcache *mc, sl_obj *cls, sl_value *out) {
  if (mc->depth & MC_ABSENT) return 0;
  if (mc->depth <= 1) {
    sl_obj *owner = sl__class_entry_owner_near(mc, cls);
    return owner && sl__class_entry_at(mc, owner, out);
  }
  if (!mc->cver[mc->depth]) return 0;
  sl_obj *chain[SL_ICACHE_DEPTH];
  int n = mro_chain(cls, chain, mc->depth + 1, NULL);
  if (n <= mc->depth) return 0;
  for (int i = 0; i < mc->depth; i++)
    if (sl__attrs_version(chain[i]) != mc->cver[i]) return 0;
  return sl__class_entry_at(mc, chain[mc->depth], out);
}

/* Whether the entry's verdict that the name is in none of cls's
 * classes holds: the same whole walk with the same versions. */
static inline bool class_absent_cached(const sl_mcache *mc, sl_obj *cls) {
  if (!(mc->depth & MC_ABSENT)) return false;
  /* mro_chain's walk, its classes compared as they come. */
  int n = (mc->depth & ~MC_ABSENT) + 1, i = 0;
  while (cls) {
    if (i >= n || sl__attrs_version(cls) != mc->cver[i]) return false;
    i++;
    sl_class *c = sl_as_class(cls);
    if (c->mro) {
      sl_tuple *t = sl_as_tuple(c->mro);
      if ((size_t)(n - i) != t->len) return false;
      for (size_t j = 0; j < t->len; j++)
        if (sl__attrs_version(t->items[j].u.o) != mc->cver[i + (int)j]) return false;
      return true;
    }
    if (c->bases[1]) return false;
    cls = c->bases[0];
  }
  return i == n;
}

/* Looks `name` up along the chain and fills the entry with where it is,
 * or with its absence when the walk was whole: 1 found (*out borrowed), 0
 * absent, -1 not known (class_lookup would walk on). */
static int class_entry_fill(sl_mcache *mc, sl_obj *cls, sl_obj *name, sl_value *out) {
  sl_obj *chain[SL_ICACHE_DEPTH];
  bool whole;
  int n = mro_chain(cls, chain, SL_ICACHE_DEPTH, &whole);
  for (int i = 0; i < n; i++) {
    sl_obj *attrs = sl_as_class(chain[i])->attrs;
    long ix = attrs ? sl__dict_find_str(attrs, name) : -1;
    if (ix < 0) continue;
    for (int j = 0; j <= i; j++) mc->cver[j] = sl__attrs_version(chain[j]);
    mc->depth = (uint8_t)i;
    mc->ix = (uint32_t)ix;
    *out = sl__as_htable(attrs)->entries[ix].value;
    return 1;
  }
  if (!whole) return -1;
  for (int i = 0; i < n; i++) mc->cver[i] = sl__attrs_version(chain[i]);
  mc->depth = (uint8_t)(MC_ABSENT | (n - 1));
  return 0;
}

/* cls's attribute `name` through the entry, else by a walk that fills
 * it: 1 found (*out borrowed, whatever it is), 0 absent, -1 not known. */
static inline int class_entry_lookup(sl_mcache *mc, sl_obj *cls, sl_obj *name, sl_value *out) {
  if (class_absent_cached(mc, cls)) return 0;
  if (class_entry_cached(mc, cls, out)) return 1;
  return class_entry_fill(mc, cls, name, out);
}

/* The entry of instance dict `d` whose key is `name` (the code object's
 * str), or -1. The entry the name was last found in is tried first: a
 * live key there that is `name` itself answers, since a dict holds a key
 * once (deleted entries have no key); otherwise the hash lookup, whose
 * answer becomes the next hint. */
static inline long dict_entry_hint(sl_mcache *mc, sl_obj *d, sl_obj *name) {
  const sl__htable *t = sl__as_htable(d);
  uint32_t h = mc->dict_hint;
  if (h < t->nentries && t->entries[h].key.tag == SL_V_OBJ && t->entries[h].key.u.o == name)
    return h;
  /* sl__dict_find_str's first answers without the call (a method or
   * class constant looked up through an instance misses its dict this
   * way). */
  if (sl__dict_lacks_str(t, name)) return -1;
  long ix = sl__dict_find_str(d, name);
  if (ix >= 0) mc->dict_hint = (uint32_t)ix;
  return ix;
}

/* A property found for instance o, read (1, *out new ref) or written
 * (1; val SL_V_UNDEF deletes) as the generic paths would; -1 error. The
 * property is held while its function runs (which may change the class). */
static int property_access(sl_rt *rt, sl_value d, sl_obj *o, sl_value val, sl_value *out) {
  sl_value self = sl_obj_val(o);
  sl_incref(d.u.o);
  int rc = out ? sl_property_get(rt, d.u.o, self, sl_type_name(self), out)
               : sl_property_set(rt, d.u.o, self, sl_type_name(self), val);
  sl_decref(rt, d.u.o);
  return rc ? -1 : 1;
}

/* For a class holding a property or user descriptor under some name
 * (SL__CLS_DESCR): what its attribute `name` means before the instance
 * dict. 1 a property (*d borrowed), 0 nothing that answers before the
 * dict (*d the class attribute, or SL_V_UNDEF when absent), -1 the generic
 * path must decide (a user descriptor, or not known). */
static int descr_before_dict(sl_mcache *mc, sl_obj *cls, sl_obj *name, sl_value *d) {
  *d = sl_undef();
  int r = class_entry_lookup(mc, cls, name, d);
  if (r <= 0) return r;
  if (sl_is_type(*d, &sl_property_type)) return 1;
  return sl__is_user_descr(*d) ? -1 : 0;
}

int sl__vm_instance_attr(sl_rt *rt, sl_mcache *mc, sl_obj *name, sl_obj *o, bool method,
                         sl_value *out) {
  if (o->size_class & SL_OBJ_EXT_BIT) return 0;
  sl_exc *e = sl_as_exc(o);
  uint32_t flags = sl_as_class(e->cls)->lang_flags;
  if (flags & (SL__CLS_GETATTRIBUTE | SL__CLS_UDESCR)) return 0;
  if (!mc->nkind) mc->nkind = special_name(sl_str_cstr(name)) ? 2 : 1;
  if (mc->nkind != 1) return 0;
  sl_value v;
  int found = 2; /* not looked up yet */
  if ((flags & SL__CLS_DESCR) && class_absent_cached(mc, e->cls)) {
    found = 0; /* the usual case: an attribute only instances hold */
  } else if (flags & SL__CLS_DESCR) {
    /* A property answers before the dict (__getattr__ may have to follow
     * its AttributeError: the generic path). */
    int r = descr_before_dict(mc, e->cls, name, &v);
    if (r < 0 || (r > 0 && (flags & SL__CLS_GETATTR))) return 0;
    if (r > 0) return property_access(rt, v, o, sl_undef(), out);
    found = !sl_is_undef(v);
  }
  if (e->attrs) {
    long ix = dict_entry_hint(mc, e->attrs, name);
    if (ix >= 0) {
      *out = sl_vincref(sl__as_htable(e->attrs)->entries[ix].value);
      return 1;
    }
  }
  if (found == 2) found = class_entry_lookup(mc, e->cls, name, &v);
  if (found <= 0 || !sl__cacheable_class_attr(v)) return 0;
  if (!sl_is_type(v, &sl_func_type)) {
    *out = sl_vincref(v);
    return 1;
  }
  if (method) {
    *out = sl_vincref(v);
    return 2;
  }
  sl_obj *b = sl_bound_new(rt, v, sl_obj_val(o));
  if (!b) return -1;
  *out = sl_obj_val(b);
  return 1;
}

int sl__vm_instance_setattr(sl_rt *rt, sl_mcache *mc, sl_obj *name, sl_obj *o, sl_value val) {
  if (o->size_class & SL_OBJ_EXT_BIT) return 0;
  sl_exc *e = sl_as_exc(o);
  uint32_t flags = sl_as_class(e->cls)->lang_flags;
  if (flags & (SL__CLS_SETATTR | SL__CLS_UDESCR | SL__CLS_SLOTS)) return 0;
  if (!mc->nkind) mc->nkind = special_name(sl_str_cstr(name)) ? 2 : 1;
  if (mc->nkind != 1) return 0;
  if ((flags & SL__CLS_DESCR) && !class_absent_cached(mc, e->cls)) {
    /* A property takes the write. */
    sl_value d;
    int r = descr_before_dict(mc, e->cls, name, &d);
    if (r < 0) return 0;
    if (r > 0) return property_access(rt, d, o, val, NULL);
  }
  /* set_in_dict without making a str of the name: a value replaced in
   * place as the dict would, or a new entry with the code's str as key. */
  if (e->attrs) {
    long ix = dict_entry_hint(mc, e->attrs, name);
    if (ix >= 0) {
      sl_vset(rt, &sl__as_htable(e->attrs)->entries[ix].value, sl_vincref(val));
      return 1;
    }
  } else if (!(e->attrs = sl_dict_new(rt))) {
    return -1;
  }
  return sl_dict_set(rt, e->attrs, sl_obj_val(name), val) ? -1 : 1;
}

int sl_vm_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  if (sl_is_type(v, &sl_exc_type)) return exc_getattr(rt, v.u.o, name, out);
  if (v.tag == SL_V_OBJ && (v.u.o->size_class & SL_OBJ_EXT_BIT))
    return sl__native_getattr(rt, v, name, out);
  if (sl_is_type(v, &sl_class_type)) return class_getattr(rt, v.u.o, name, out);
  if (sl_is_coro(v) &&
      ((v.u.o->type != &sl_vmcoro_type && !strcmp(name, "close")) || !strcmp(name, "__await__"))) {
    sl_obj *f = sl_cfunc_new(rt, name[0] == '_' ? &sl__coro_await_def : &sl__coro_close_def, v);
    if (!f) return -1;
    *out = sl_obj_val(f);
    return 0;
  }
  int r = sl_asyncio_getattr(rt, v, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_lang_getattr(rt, v, name, out);
}

static int set_in_dict(sl_rt *rt, sl_obj **dict, const char *name, sl_value val, sl_value owner) {
  if (sl_is_undef(val)) {
    bool found = false;
    sl_obj *key = sl_str_from_cstr(rt, name);
    if (!key) return -1;
    int rc = *dict ? sl_dict_del(rt, *dict, sl_obj_val(key), &found) : 0;
    sl_decref(rt, key);
    if (rc) return -1;
    return found ? 0 : attr_error(rt, owner, name);
  }
  if (!*dict && !(*dict = sl_dict_new(rt))) return -1;
  return sl_dict_set_str(rt, *dict, name, val);
}

/* Attributes of an exception instance that live in its C struct. 1 done,
 * 0 not one of them, -1 error. */
static int exc_setattr_builtin(sl_rt *rt, sl_exc *e, const char *name, sl_value val) {
  if (!strcmp(name, "__cause__") || !strcmp(name, "__context__")) {
    sl_obj *x = NULL;
    if (!sl_is_undef(val) && !sl_is_none(val)) {
      if (!sl_is_type(val, &sl_exc_type))
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        "exception %s must be None or derive from BaseException",
                        name[2] == 'c' && name[3] == 'a' ? "cause" : "context");
      x = val.u.o;
      sl_incref(x);
    }
    sl_obj **slot = !strcmp(name, "__cause__") ? &e->cause : &e->context;
    sl_obj *old = *slot;
    *slot = x;
    sl_decref(rt, old);
    if (slot == &e->cause) e->suppress_context = true;
    return 1;
  }
  if (!strcmp(name, "__suppress_context__")) {
    bool t = false;
    if (!sl_is_undef(val) && sl_truth(rt, val, &t)) return -1;
    e->suppress_context = t;
    return 1;
  }
  if (!strcmp(name, "args")) {
    if (sl_is_undef(val)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "args may not be deleted");
    sl_obj *t;
    if (sl_is_type(val, &sl_tuple_type)) {
      t = val.u.o;
      sl_incref(t);
    } else if (sl_is_type(val, &sl_list_type)) {
      t = sl_tuple_new(rt, sl_as_list(val.u.o)->items, sl_as_list(val.u.o)->len);
      if (!t) return -1;
    } else {
      t = sl_tuple_new(rt, &val, 1);
      if (!t) return -1;
    }
    sl_obj *old = e->args;
    e->args = t;
    sl_decref(rt, old);
    return 1;
  }
  return 0;
}

/* object.__setattr__ on an instance: properties, then the instance dict. */
static int generic_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val) {
  if (v.tag == SL_V_OBJ && sl_obj_ext_of(v.u.o)) return sl__native_setattr(rt, v, name, val);
  if (!sl_is_type(v, &sl_exc_type)) return sl_vm_setattr(rt, v, name, val);
  sl_exc *e = sl_as_exc(v.u.o);
  int r = exc_setattr_builtin(rt, e, name, val);
  if (r) return r < 0 ? -1 : 0;
  if (sl_as_class(e->cls)->lang_flags & SL__CLS_DESCR) {
    sl_value d;
    r = sl__class_lookup(rt, e->cls, name, &d);
    if (r < 0) return -1;
    if (r > 0) {
      int rc = 0;
      bool prop = sl_is_type(d, &sl_property_type), user = !prop && sl__is_data_descr(d);
      if (prop) rc = sl_property_set(rt, d.u.o, v, sl_type_name(v), val);
      if (user) rc = sl__user_descr_set(rt, d, v, val) < 0 ? -1 : 0;
      sl_vdecref(rt, d);
      if (prop || user) return rc;
    }
  }
  if (!sl_is_undef(val) && sl__slots_check(rt, e->cls, v, name)) return -1;
  return set_in_dict(rt, &e->attrs, name, val, v);
}

/* A special method, property or descriptor set on a class after it was
 * made counts from now on for it and for every subclass already made, as
 * CPython's update_slot does through tp_subclasses. A subclass's flags
 * include its bases' (sl__class_flags_compute), so a subclass that has
 * the bits already has them below it too. */
static void class_flags_spread(sl_obj *cls, uint32_t add) {
  sl_class *c = sl_as_class(cls);
  c->lang_flags |= add;
  size_t pos = 0;
  sl_value k, v;
  while (c->subclasses && sl_dict_next(c->subclasses, &pos, &k, &v)) {
    sl_obj *sub = (sl_obj *)(intptr_t)k.u.i;
    if ((sl_as_class(sub)->lang_flags & add) != add) class_flags_spread(sub, add);
  }
}

/* The lang_flags bits a class's own attributes give (sl__class_flags_of_attr);
 * the others say how the class was made and never change. */
#define ATTR_FLAGS                                                                                 \
  (SL_CLS_REPR | SL_CLS_STR | SL_CLS_CMP | SL_CLS_HASH | SL_CLS_BOOL | SL_CLS_CALL | SL_CLS_DEL |  \
   SL__CLS_DESCR | SL__CLS_GETATTR | SL__CLS_SETATTR | SL__CLS_HAS_GET | SL__CLS_HAS_SET |         \
   SL__CLS_UDESCR | SL__CLS_GETATTRIBUTE)

/* cls's attribute bits from its dict and its bases' bits. */
static uint32_t class_attr_flags(sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  uint32_t f = 0;
  for (size_t i = 0, n = sl_class_nbases(cls); i < n; i++)
    f |= sl_as_class(sl_class_base(cls, i))->lang_flags;
  f &= ATTR_FLAGS;
  size_t pos = 0;
  sl_value k, val;
  while (c->attrs && sl_dict_next(c->attrs, &pos, &k, &val)) f |= sl__class_flags_of_attr(k, val);
  return f | (c->lang_flags & ~(uint32_t)ATTR_FLAGS);
}

/* After an attribute that gave cls a bit was deleted or replaced, the bit
 * goes from cls and from the subclasses that have it from nowhere else
 * (callable(), bool(), ... answer by the bits). A class reached through
 * several bases is recomputed after each, so last after all of them. */
static void class_flags_refresh(sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  c->lang_flags = class_attr_flags(cls);
  size_t pos = 0;
  sl_value k, v;
  while (c->subclasses && sl_dict_next(c->subclasses, &pos, &k, &v))
    class_flags_refresh((sl_obj *)(intptr_t)k.u.i);
}

/* A class that becomes a descriptor class late (`D.__set__ = f`) makes its
 * instances stored on other classes descriptors there: those classes get
 * the bits (SL__CLS_DESCR, SL__CLS_UDESCR) they would have had if D had
 * had the method when they were made. Nothing links an instance to the
 * classes holding it, so every class of the run is looked at: a rare
 * event, paid once per such assignment. */
static void descr_holders_refresh(sl_rt *rt) {
  for (sl_obj *o = rt->heap.run_next; o != &rt->heap; o = o->run_next) {
    if (o->type != &sl_class_type) continue;
    sl_class *c = sl_as_class(o);
    if (c->builtin != SL_EXC_NONE || !c->attrs) continue;
    uint32_t f = 0;
    size_t pos = 0;
    sl_value k, val;
    while (sl_dict_next(c->attrs, &pos, &k, &val))
      if (sl__is_user_descr(val)) f |= SL__CLS_DESCR | SL__CLS_UDESCR;
    if (f & ~c->lang_flags) class_flags_spread(o, f & ~c->lang_flags);
  }
}

int sl_vm_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val) {
  if (sl_is_type(v, &sl_exc_type)) {
    sl_exc *e = sl_as_exc(v.u.o);
    if (sl_as_class(e->cls)->lang_flags & SL__CLS_SETATTR) {
      const char *meth = sl_is_undef(val) ? "__delattr__" : "__setattr__";
      sl_value fn;
      int r = sl__class_lookup(rt, e->cls, meth, &fn);
      if (r < 0) return -1;
      if (r > 0) {
        sl_obj *key = sl_str_from_cstr(rt, name);
        if (!key) {
          sl_vdecref(rt, fn);
          return -1;
        }
        sl_value argv[2] = {sl_obj_val(key), val}, res;
        sl_args a = {argv, sl_is_undef(val) ? 1 : 2, NULL, NULL, 0};
        int rc = sl__call_bound(rt, fn, v, &a, &res);
        sl_decref(rt, key);
        sl_vdecref(rt, fn);
        if (rc) return -1;
        sl_vdecref(rt, res);
        return 0;
      }
    }
    return generic_setattr(rt, v, name, val);
  }
  if (v.tag == SL_V_OBJ && sl_obj_ext_of(v.u.o)) return sl__native_setattr(rt, v, name, val);
  if (sl_is_type(v, &sl_class_type)) {
    sl_class *c = sl_as_class(v.u.o);
    if (c->builtin != SL_EXC_NONE)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot set '%s' attribute of immutable type '%s'",
                      name, sl_str_cstr(c->name));
    sl_obj *key = sl_str_from_cstr(rt, name);
    if (!key) return -1;
    uint32_t was = 0, now = 0;
    sl_value prev;
    bool found = false;
    if (c->attrs && sl_dict_get(rt, c->attrs, sl_obj_val(key), &prev, &found)) goto fail;
    if (found) {
      was = sl__class_flags_of_attr(sl_obj_val(key), prev);
      sl_vdecref(rt, prev);
    }
    if (set_in_dict(rt, &c->attrs, name, val, v)) goto fail;
    if (!sl_is_undef(val)) now = sl__class_flags_of_attr(sl_obj_val(key), val);
    sl_decref(rt, key);
    if (was & ~now)
      class_flags_refresh(v.u.o);
    else if (now & ~c->lang_flags) {
      uint32_t gained = now & ~c->lang_flags;
      class_flags_spread(v.u.o, gained);
      if (gained & (SL__CLS_HAS_GET | SL__CLS_HAS_SET)) descr_holders_refresh(rt);
    }
    return 0;
  fail:
    sl_decref(rt, key);
    return -1;
  }
  if (sl_is_undef(val) && !(v.tag == SL_V_OBJ && v.u.o->type->setattr) &&
      !sl_is_type(v, &sl_exc_type))
    return sl_no_dict_attr_error(rt, v, name); /* no __dict__ to delete from */
  if (sl_is_undef(val) && !(v.tag == SL_V_OBJ && v.u.o->type->setattr))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop does not support deleting attributes of '%s' objects",
                    sl_type_name(v));
  return sl_setattr(rt, v, name, val);
}

int sl__generic_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val) {
  return generic_setattr(rt, v, name, val);
}

int sl_vm_str(sl_rt *rt, sl_value v, sl_strbuf *out) { return sl_str(rt, v, out); }

int sl_vm_repr(sl_rt *rt, sl_value v, sl_strbuf *out) { return sl_repr(rt, v, out); }

int sl__vm_call_method0(sl_rt *rt, sl_value obj, const char *name, sl_value *out) {
  sl_value m;
  if (sl_vm_getattr(rt, obj, name, &m)) return -1;
  sl_args none = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, m, &none, out);
  sl_vdecref(rt, m);
  return rc;
}
