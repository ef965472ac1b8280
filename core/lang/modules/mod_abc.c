/* The `abc` module: ABCMeta, ABC, abstractmethod. Mirrors Lib/abc.py and
 * Modules/_abc.c: ABCMeta is a metaclass (vm_meta.c) whose classes get
 * `__abstractmethods__`, the frozenset of the names whose value is still
 * abstract (`__isabstractmethod__` true: set by abstractmethod on a
 * function, seen through property, classmethod and staticmethod);
 * object.__new__ refuses a class whose set is not empty, with CPython's
 * message for the profile. register() records virtual subclasses, which
 * isinstance() and issubclass() then accept (no negative cache), after
 * asking the class's __subclasshook__ (the program's, or collections.abc's
 * structural one). */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict-int.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/code.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* The registry of an ABC: a list kept in its attributes under a name no
 * program spells (CPython keeps it in `_abc_impl`). */
#define REGISTRY_KEY "_abc_registry "

int sl__abc_is_abstract(sl_rt *rt, sl_value v, bool *res) {
  *res = false;
  if (v.tag != SL_V_OBJ) return 0;
  if (sl_is_type(v, &sl_cfunc_type)) {
    *res = sl_as_cfunc(v.u.o)->def == &sl__abc_abstract_def;
    return 0;
  }
  if (sl_is_type(v, &sl_func_type)) {
    sl_obj *d = sl_as_func(v.u.o)->dict;
    sl_value flag;
    bool found = false;
    if (!d) return 0;
    if (sl_dict_get_str(rt, d, "__isabstractmethod__", &flag, &found)) return -1;
    if (!found) return 0;
    int rc = sl_truth(rt, flag, res);
    sl_vdecref(rt, flag);
    return rc;
  }
  if (sl_is_type(v, &sl_classmethod_type) || sl_is_type(v, &sl_staticmethod_type))
    return sl__abc_is_abstract(rt, ((sl_methwrap *)v.u.o)->func, res);
  if (sl_is_type(v, &sl_property_type)) {
    static const char *const parts[] = {"fget", "fset", "fdel"};
    for (size_t i = 0; i < 3 && !*res; i++) {
      sl_value f;
      if (sl_vm_getattr(rt, v, parts[i], &f)) return -1;
      int rc = sl__abc_is_abstract(rt, f, res);
      sl_vdecref(rt, f);
      if (rc) return -1;
    }
  }
  return 0;
}

/* Adds the names of ns whose value is abstract to set. */
static int own_abstracts(sl_rt *rt, sl_obj *ns, sl_obj *set) {
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(ns, &pos, &k, &v)) {
    bool abs;
    if (sl__abc_is_abstract(rt, v, &abs)) return -1;
    if (abs && sl__set_add_any(rt, set, k)) return -1;
  }
  return 0;
}

/* Adds the names a base's __abstractmethods__ lists that cls has not
 * overridden with something concrete. */
static int inherited_abstracts(sl_rt *rt, sl_obj *cls, sl_obj *base, sl_obj *set) {
  sl_value names;
  int r = sl__class_lookup(rt, base, "__abstractmethods__", &names);
  if (r <= 0) return r;
  int rc = 0;
  if (sl__is_anyset(names)) {
    size_t pos = 0;
    sl_value k, v;
    while (!rc && sl_dict_next(names.u.o, &pos, &k, &v)) {
      if (!sl_is_str(k)) continue;
      sl_value val;
      bool abs = false;
      r = sl__class_lookup(rt, cls, sl_str_cstr(k.u.o), &val);
      if (r < 0) rc = -1;
      if (r > 0) {
        rc = sl__abc_is_abstract(rt, val, &abs);
        sl_vdecref(rt, val);
      }
      if (!rc && abs) rc = sl__set_add_any(rt, set, k);
    }
  }
  sl_vdecref(rt, names);
  return rc;
}

int sl__abc_init(sl_rt *rt, sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  sl_obj *set = sl__frozenset_new(rt);
  if (!set) return -1;
  int rc = own_abstracts(rt, c->attrs, set);
  for (size_t i = 0, n = sl_class_nbases(cls); i < n && !rc; i++)
    rc = inherited_abstracts(rt, cls, sl_class_base(cls, i), set);
  if (!rc) rc = sl_dict_set_str(rt, c->attrs, "__abstractmethods__", sl_obj_val(set));
  if (!rc && sl_dict_len(set)) c->lang_flags |= SL__CLS_ABSTRACT;
  sl_decref(rt, set);
  bool has_hook = false;
  sl_value hook;
  if (!rc && sl_dict_get_str(rt, c->attrs, "__subclasshook__", &hook, &has_hook)) rc = -1;
  if (has_hook) {
    sl_vdecref(rt, hook);
    c->lang_flags |= SL__CLS_ABC_HOOK;
  }
  return rc;
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sl__abc_refuse(sl_rt *rt, sl_obj *cls) {
  sl_value names;
  int r = sl__class_lookup(rt, cls, "__abstractmethods__", &names);
  if (r < 0) return -1;
  if (r == 0 || !sl__is_anyset(names)) {
    sl_vdecref(rt, names);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Can't instantiate abstract class %s",
                    sl_str_cstr(sl_as_class(cls)->name));
  }
  size_t n = sl_dict_len(names.u.o), i = 0, pos = 0;
  const char **v = sl_malloc((n ? n : 1) * sizeof *v);
  if (!v) {
    sl_vdecref(rt, names);
    return sl_nomem(rt);
  }
  sl_value k, val;
  while (i < n && sl_dict_next(names.u.o, &pos, &k, &val))
    if (sl_is_str(k)) v[i++] = sl_str_cstr(k.u.o);
  qsort(v, i, sizeof *v, cmp_cstr);
  /* typeobject.c object_new: 3.12 quotes each name and says "without an
   * implementation for"; 3.11 lists them bare "with". */
  bool quoted = rt->profile->abstract_class_quoted_message;
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "Can't instantiate abstract class %s %s abstract method%s ",
                   sl_str_cstr(sl_as_class(cls)->name),
                   quoted ? "without an implementation for" : "with", i > 1 ? "s" : "");
  for (size_t j = 0; j < i; j++)
    sl_strbuf_printf(&b, "%s%s%s%s", j ? ", " : "", quoted ? "'" : "", v[j], quoted ? "'" : "");
  sl_free(v);
  sl_vdecref(rt, names);
  int rc = b.failed ? sl_nomem(rt) : sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

/* ---- register and the checks it feeds ---------------------------------------- */

static int registry_of(sl_rt *rt, sl_obj *abc, sl_value *out) {
  bool found = false;
  sl_class *c = sl_as_class(abc);
  if (!c->attrs) return 0;
  if (sl_dict_get_str(rt, c->attrs, REGISTRY_KEY, out, &found)) return -1;
  return found;
}

/* Whether class c (a class or type object) derives from a registered
 * class of abc (or of an ABC registered there, recursively). */
static int registered_sub(sl_rt *rt, sl_value c, sl_obj *abc, bool *res, int depth) {
  sl_value reg;
  int r = registry_of(rt, abc, &reg);
  if (r <= 0 || depth > 32) return r < 0 ? -1 : 0;
  sl_list *l = sl_as_list(reg.u.o);
  int rc = 0;
  for (size_t i = 0; i < l->len && !*res && !rc; i++) {
    sl_value rcls = l->items[i];
    if (sl_is(c, rcls))
      *res = true;
    else if (sl_is_type(rcls, &sl_class_type) && sl_is_type(c, &sl_class_type))
      *res = sl_class_is_subclass(c.u.o, rcls.u.o);
    if (!*res && sl_is_type(rcls, &sl_class_type) &&
        (sl_as_class(rcls.u.o)->lang_flags & SL__CLS_ABC_REG))
      rc = registered_sub(rt, c, rcls.u.o, res, depth + 1);
  }
  sl_vdecref(rt, reg);
  return rc;
}

/* abc.__subclasshook__(c): 1 decided (*res), 0 NotImplemented, -1 error.
 * collections.abc's own hooks first, then one the program defined. */
static int subclass_hook(sl_rt *rt, sl_obj *abc, sl_value c, bool *res) {
  if (!(sl_as_class(abc)->lang_flags & SL__CLS_ABC_HOOK)) return 0;
  int r = sl__collections_abc_hook(rt, abc, c, res);
  if (r) return r;
  sl_value fn, ret;
  r = sl__class_lookup(rt, abc, "__subclasshook__", &fn);
  if (r <= 0) return r;
  int rc;
  if (sl_is_type(fn, &sl_classmethod_type) || sl_is_type(fn, &sl_staticmethod_type)) {
    bool cm = sl_is_type(fn, &sl_classmethod_type);
    sl_value argv[2] = {sl_obj_val(abc), c};
    rc = sl_vm_call_pos(rt, ((sl_methwrap *)fn.u.o)->func, cm ? argv : argv + 1, cm ? 2 : 1, &ret);
  } else
    rc = sl_vm_call_pos(rt, fn, &c, 1, &ret);
  sl_vdecref(rt, fn);
  if (rc) return -1;
  if (sl_is_type(ret, &sl__notimpl_type)) {
    sl_vdecref(rt, ret);
    return 0;
  }
  rc = sl_truth(rt, ret, res);
  sl_vdecref(rt, ret);
  return rc ? -1 : 1;
}

int sl__abc_subclasscheck(sl_rt *rt, sl_value c, sl_obj *abc, bool *res) {
  int r = subclass_hook(rt, abc, c, res);
  if (r) return r < 0 ? -1 : 0;
  return registered_sub(rt, c, abc, res, 0);
}

int sl__abc_instancecheck(sl_rt *rt, sl_value v, sl_obj *abc, bool *res) {
  if (sl_as_class(abc)->lang_flags & SL__CLS_ABC_HOOK) {
    sl_value c;
    if (sl_type_of(rt, v, &c)) return -1;
    int r = subclass_hook(rt, abc, c, res);
    sl_vdecref(rt, c);
    if (r) return r < 0 ? -1 : 0;
  }
  sl_value reg;
  int r = registry_of(rt, abc, &reg);
  if (r <= 0) return r;
  sl_list *l = sl_as_list(reg.u.o);
  int rc = 0;
  for (size_t i = 0; i < l->len && !*res && !rc; i++) rc = sl_isinstance1(rt, v, l->items[i], res);
  sl_vdecref(rt, reg);
  return rc;
}

/* ABCMeta.register(cls, subclass): returns subclass (usable as a class
 * decorator). */
static int abc_register_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos != 2 || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "register() takes exactly one argument (%zu given)",
                    a->npos ? a->npos - 1 : 0);
  sl_value abc = a->pos[0], sub = a->pos[1];
  if (!sl_is_type(abc, &sl_class_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "register() must be called on an ABC");
  if (!sl_is_type(sub, &sl_class_type) && !sl_is_type(sub, &sl_typeobj_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Can only register classes");
  sl_value reg;
  int r = registry_of(rt, abc.u.o, &reg);
  if (r < 0) return -1;
  if (r == 0) {
    sl_obj *l = sl_list_new(rt, NULL, 0);
    if (!l) return -1;
    reg = sl_obj_val(l);
    if (sl_dict_set_str(rt, sl_as_class(abc.u.o)->attrs, REGISTRY_KEY, reg)) {
      sl_decref(rt, l);
      return -1;
    }
  }
  int rc = sl_list_append(rt, reg.u.o, sub);
  sl_vdecref(rt, reg);
  if (rc) return -1;
  sl_as_class(abc.u.o)->lang_flags |= SL__CLS_ABC_REG;
  *out = sl_vincref(sub);
  return 0;
}

static const sl_cfunc_def abc_register_def = {"ABCMeta.register", abc_register_fn, NULL, 0};

/* abstractmethod(f): f.__isabstractmethod__ = True, f returned. */
static int abstractmethod_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos != 1 || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "abstractmethod() missing 1 required positional argument: 'funcobj'");
  if (sl_vm_setattr(rt, a->pos[0], "__isabstractmethod__", sl_bool(true))) return -1;
  *out = sl_vincref(a->pos[0]);
  return 0;
}

static const sl_cfunc_def abc_funcs[] = {{"abstractmethod", abstractmethod_fn, NULL, 0},
                                         {NULL, NULL, NULL, 0}};

/* A class of the module (borrowed: the module keeps it). */
static sl_obj *add_class(sl_rt *rt, sl_obj *module_dict, const char *name, sl_obj *meta,
                         uint32_t flags) {
  sl_obj *c = sl_class_new(rt, name, NULL, "abc", NULL, NULL);
  if (!c) return NULL;
  sl_incref(meta);
  sl_as_class(c)->meta = meta;
  if (!(sl_as_class(c)->attrs = sl_dict_new(rt)) || sl__class_flags_compute(rt, c) ||
      sl_stdmod_add(rt, module_dict, name, sl_obj_val(c))) {
    sl_decref(rt, c);
    return NULL;
  }
  sl_as_class(c)->lang_flags |= flags;
  sl_decref(rt, c);
  return c;
}

int sl_mod_abc_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, abc_funcs)) return -1;
  sl_obj *meta = add_class(rt, module_dict, "ABCMeta", NULL, SL__CLS_META | SL__CLS_ABCMETA);
  if (!meta) return -1;
  sl_obj *reg = sl_cfunc_new(rt, &abc_register_def, sl_undef());
  int rc = !reg || sl_dict_set_str(rt, sl_as_class(meta)->attrs, "register", sl_obj_val(reg));
  sl_decref(rt, reg);
  if (rc) return -1;
  sl_obj *abc = add_class(rt, module_dict, "ABC", meta, 0);
  return abc ? sl__abc_init(rt, abc) : -1;
}
