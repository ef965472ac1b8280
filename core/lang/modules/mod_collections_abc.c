/* The `collections.abc` module (Lib/_collections_abc.py): the abstract
 * base classes, made with abc.ABCMeta as their metaclass, so a program's
 * class may derive from them (abstract methods refused at instantiation,
 * the mixin methods of mod_collections_abc_mix.c inherited) and register
 * classes with them.
 *
 * isinstance() and issubclass() answer as CPython's ABCMeta does for the
 * built-in and engine types and the program's classes: the "one-trick
 * ponies" (Iterable, Iterator, Awaitable, Callable, Hashable, ...) check
 * the methods the class has, as their __subclasshook__ does with
 * _check_methods (a method set to None does not count); the others
 * (Sequence, Mapping, Set, ...) accept the built-in types CPython
 * registers with them, and with the ABCs deriving from them
 * (tuple is a Reversible because it is a registered Sequence). Which ABC a
 * class is, is kept in its own attributes under a key no program spells,
 * so the hook belongs to the ABC itself and not to its subclasses, as
 * `if cls is Iterable` makes it in CPython. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/coro.h"
#include "core/future.h"
#include "core/lang/buffer.h"
#include "core/lang/code.h"
#include "core/lang/iter-int.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/profile.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* The key of an ABC's own attributes holding its index in ABCS. */
#define ABC_KEY "_collections_abc "

typedef struct abc_def {
  const char *name;
  const char *bases[3];  /* earlier entries; none: object */
  const char *abstract;  /* its own abstract methods, space separated */
  const char *hook;      /* the methods its __subclasshook__ checks, or NULL */
  const char *members;   /* the built-in types registered with it or its sub-ABCs */
  sl__abc_mixins mixins; /* its mixin methods (mod_collections_abc_mix.c) */
  bool generic;          /* __class_getitem__ (GenericAlias) */
  uint8_t since, until;  /* the minor releases that have it (0: any) */
} abc_def;

#define SEQS    "tuple str range memoryview bytes bytearray list deque"
#define MUTSEQS "list bytearray deque"
#define MAPS    "dict OrderedDict defaultdict Counter ChainMap mappingproxy"
#define MUTMAPS "dict OrderedDict defaultdict Counter ChainMap"
#define SETS    "frozenset set dict_keys dict_items KeysView ItemsView"
#define COLLS   SEQS " " MAPS " " SETS " dict_values ValuesView"

static const abc_def ABCS[] = {
    {"Hashable", {0}, "__hash__", "__hash__", "", SL__ABC_MIX_NONE, false, 0, 0},
    {"Awaitable", {0}, "__await__", "__await__", "", SL__ABC_MIX_NONE, true, 0, 0},
    {"Coroutine",
     {"Awaitable"},
     "send throw",
     "__await__ send throw close",
     "",
     SL__ABC_MIX_COROUTINE,
     true,
     0,
     0},
    {"AsyncIterable", {0}, "__aiter__", "__aiter__", "", SL__ABC_MIX_NONE, true, 0, 0},
    {"AsyncIterator",
     {"AsyncIterable"},
     "__anext__",
     "__anext__ __aiter__",
     "",
     SL__ABC_MIX_AITER,
     true,
     0,
     0},
    {"AsyncGenerator",
     {"AsyncIterator"},
     "asend athrow",
     "__aiter__ __anext__ asend athrow aclose",
     "",
     SL__ABC_MIX_AGEN,
     true,
     0,
     0},
    {"Iterable", {0}, "__iter__", "__iter__", COLLS, SL__ABC_MIX_NONE, true, 0, 0},
    {"Iterator", {"Iterable"}, "__next__", "__iter__ __next__", "", SL__ABC_MIX_ITER, true, 0, 0},
    {"Reversible",
     {"Iterable"},
     "__reversed__",
     "__reversed__ __iter__",
     SEQS " " MUTMAPS " dict_keys dict_values dict_items",
     SL__ABC_MIX_NONE,
     true,
     0,
     0},
    {"Generator",
     {"Iterator"},
     "send throw",
     "__iter__ __next__ send throw close",
     "",
     SL__ABC_MIX_GEN,
     true,
     0,
     0},
    {"Sized", {0}, "__len__", "__len__", COLLS, SL__ABC_MIX_NONE, false, 0, 0},
    {"Container", {0}, "__contains__", "__contains__", COLLS, SL__ABC_MIX_NONE, true, 0, 0},
    {"Collection",
     {"Sized", "Iterable", "Container"},
     "",
     "__len__ __iter__ __contains__",
     COLLS,
     SL__ABC_MIX_NONE,
     true,
     0,
     0},
    {"Buffer", {0}, "__buffer__", "__buffer__", "", SL__ABC_MIX_NONE, false, 12, 0},
    {"Callable", {0}, "__call__", "__call__", "", SL__ABC_MIX_NONE, true, 0, 0},
    {"Set", {"Collection"}, "", NULL, SETS, SL__ABC_MIX_SET, true, 0, 0},
    {"MutableSet", {"Set"}, "add discard", NULL, "set", SL__ABC_MIX_MUTSET, true, 0, 0},
    {"Mapping", {"Collection"}, "__getitem__", NULL, MAPS, SL__ABC_MIX_MAPPING, true, 0, 0},
    {"MappingView",
     {"Sized"},
     "",
     NULL,
     "dict_keys dict_items dict_values KeysView ItemsView ValuesView",
     SL__ABC_MIX_NONE,
     true,
     0,
     0},
    {"KeysView",
     {"MappingView", "Set"},
     "",
     NULL,
     "dict_keys KeysView",
     SL__ABC_MIX_NONE,
     true,
     0,
     0},
    {"ItemsView",
     {"MappingView", "Set"},
     "",
     NULL,
     "dict_items ItemsView",
     SL__ABC_MIX_NONE,
     true,
     0,
     0},
    {"ValuesView",
     {"MappingView", "Collection"},
     "",
     NULL,
     "dict_values ValuesView",
     SL__ABC_MIX_NONE,
     true,
     0,
     0},
    {"MutableMapping",
     {"Mapping"},
     "__setitem__ __delitem__",
     NULL,
     MUTMAPS,
     SL__ABC_MIX_MUTMAPPING,
     true,
     0,
     0},
    {"Sequence",
     {"Reversible", "Collection"},
     "__getitem__ __len__",
     NULL,
     SEQS,
     SL__ABC_MIX_SEQUENCE,
     true,
     0,
     0},
    {"ByteString", {"Sequence"}, "", NULL, "bytes bytearray", SL__ABC_MIX_NONE, true, 0, 13},
    {"MutableSequence",
     {"Sequence"},
     "__setitem__ __delitem__ insert",
     NULL,
     MUTSEQS,
     SL__ABC_MIX_MUTSEQUENCE,
     true,
     0,
     0},
};
#define NABCS (sizeof ABCS / sizeof *ABCS)

static bool present(const abc_def *d, int minor) {
  return (!d->since || minor >= d->since) && (!d->until || minor <= d->until);
}

/* Whether `word` is one of the space-separated words of `list`. */
static bool in_words(const char *list, const char *word) {
  size_t n = strlen(word);
  for (const char *p = list; p && *p;) {
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n && !memcmp(p, word, n)) return true;
    p = e ? e + 1 : p + len;
  }
  return false;
}

/* ---- what a type has ---------------------------------------------------------- */

/* Whether the engine type ty (NULL: int, float, bool, None) has method m
 * as CPython's corresponding built-in type does. */
static bool engine_has(const sl_type *ty, const char *m) {
  if (!strcmp(m, "__hash__")) return !ty || !ty->unhashable;
  if (!ty) return false;
  const sl_lang_slots *ls = ty->lang;
  bool gen = ty == &sl_vmgen_type, coro = ty == &sl_vmcoro_type || ty == &sl_ccoro_type;
  if (!strcmp(m, "__iter__")) return gen || (ls && (ls->iter || ls->next));
  if (!strcmp(m, "__next__")) return gen || (ls && ls->next);
  if (!strcmp(m, "__len__")) return ls && ls->len;
  if (!strcmp(m, "__contains__")) return ls && ls->contains;
  if (!strcmp(m, "__call__")) return ty->call != NULL && ty != &sl_exc_type;
  if (!strcmp(m, "__await__")) return coro || (ty->flags & SL_TF_FUTURE);
  if (!strcmp(m, "send") || !strcmp(m, "throw") || !strcmp(m, "close")) return gen || coro;
  if (!strcmp(m, "__aiter__") || !strcmp(m, "__anext__") || !strcmp(m, "asend") ||
      !strcmp(m, "athrow") || !strcmp(m, "aclose"))
    return ty == &sl_vmagen_type;
  if (!strcmp(m, "__reversed__"))
    return ty == &sl_list_type || ty == &sl_dict_type || ty == &sl_range_type ||
           ty == &sl__longrange_type || ty == &sl__dict_keys_type || ty == &sl__dict_values_type ||
           ty == &sl__dict_items_type || ty == &sl__deque_type;
  if (!strcmp(m, "__buffer__"))
    return ty == &sl_bytes_type || ty == &sl_bytearray_type || ty == &sl_memoryview_type;
  return false;
}

static const sl_type *typeobj_type(const sl_typeobj *t) {
  return t->cls ? t->cls->types[0] : t->type;
}

/* The engine classes whose instances are mutable containers (their
 * __hash__ is None) though their sl_type does not say so. */
static bool unhashable_class(const sl_typeobj *t) {
  return t->cls && in_words("OrderedDict defaultdict Counter ChainMap deque", t->cls->name);
}

/* Whether class c (a scenario class or a type object) has method m, not
 * set to None: _check_methods over c's MRO. */
static int class_has(sl_rt *rt, sl_value c, const char *m, bool *res) {
  *res = false;
  if (sl_is_type(c, &sl_typeobj_type)) {
    const sl_typeobj *t = (const sl_typeobj *)c.u.o;
    *res = engine_has(typeobj_type(t), m) && !(!strcmp(m, "__hash__") && unhashable_class(t));
    return 0;
  }
  if (!sl_is_type(c, &sl_class_type)) return 0;
  sl_value v;
  int r = sl__class_lookup(rt, c.u.o, m, &v);
  if (r < 0) return -1;
  if (r > 0) {
    *res = !sl_is_none(v);
    sl_vdecref(rt, v);
    return 0;
  }
  sl_class *k = sl_as_class(c.u.o);
  if (k->native) return class_has(rt, sl_obj_val(k->native), m, res);
  if (k->meta == NULL && !strcmp(m, "__call__")) return 0;
  *res = !strcmp(m, "__hash__"); /* object.__hash__ */
  return 0;
}

/* The name a type object is registered under (its class's for a native
 * one: deque, OrderedDict, ChainMap), or NULL. */
static const char *registered_name(sl_value c) {
  if (sl_is_type(c, &sl_class_type)) {
    sl_obj *n = sl_as_class(c.u.o)->native;
    if (!n) return NULL;
    c = sl_obj_val(n);
  }
  if (!sl_is_type(c, &sl_typeobj_type)) return NULL;
  const sl_typeobj *t = (const sl_typeobj *)c.u.o;
  return t->cls ? t->cls->name : t->name;
}

/* The collections.abc entry abc (a class) is, or NULL. */
static const abc_def *abc_entry(sl_rt *rt, sl_obj *abc) {
  sl_class *k = sl_as_class(abc);
  sl_value idx;
  bool found = false;
  if (!k->attrs || sl_dict_get_str(rt, k->attrs, ABC_KEY, &idx, &found) || !found) {
    sl_err_clear(rt);
    return NULL;
  }
  return idx.tag == SL_V_INT && idx.u.i >= 0 && (size_t)idx.u.i < NABCS ? &ABCS[idx.u.i] : NULL;
}

int sl__collections_abc_hook(sl_rt *rt, sl_obj *abc, sl_value c, bool *res) {
  *res = false;
  const abc_def *d = abc_entry(rt, abc);
  if (!d) return 0;
  const char *reg = registered_name(c);
  if (reg && in_words(d->members, reg)) return *res = true, 1;
  if (!d->hook) return 0;
  for (const char *p = d->hook; *p;) {
    char m[32];
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    memcpy(m, p, len);
    m[len] = '\0';
    bool has;
    if (class_has(rt, c, m, &has)) return -1;
    if (!has) return 0;
    p = e ? e + 1 : p + len;
  }
  *res = true;
  return 1;
}

/* ---- making the classes ---------------------------------------------------------- */

static int add_str_key(sl_rt *rt, sl_obj *dict, const char *key, sl_value v) {
  return sl_dict_set_str(rt, dict, key, v);
}

/* The namespace of ABC d: __module__, its abstract methods (placeholders
 * abc recognises), its mixins and __class_getitem__. New reference. */
static sl_obj *abc_namespace(sl_rt *rt, const abc_def *d) {
  sl_obj *ns = sl_dict_new(rt), *mod = sl_str_from_cstr(rt, "collections.abc");
  int rc = !ns || !mod || add_str_key(rt, ns, "__module__", sl_obj_val(mod));
  sl_decref(rt, mod);
  for (const char *p = d->abstract; !rc && *p;) {
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    char m[32];
    memcpy(m, p, len);
    m[len] = '\0';
    sl_obj *f = sl_cfunc_new(rt, &sl__abc_abstract_def, sl_undef());
    rc = !f || add_str_key(rt, ns, m, sl_obj_val(f));
    sl_decref(rt, f);
    p = e ? e + 1 : p + len;
  }
  if (!rc) rc = sl__collections_abc_mixins(rt, d->mixins, ns);
  if (!rc && d->generic) {
    sl_obj *f = sl_cfunc_new(rt, &sl__abc_class_getitem_def, sl_undef());
    rc = !f || add_str_key(rt, ns, "__class_getitem__", sl_obj_val(f));
    sl_decref(rt, f);
  }
  if (rc) {
    sl_decref(rt, ns);
    return NULL;
  }
  return ns;
}

/* Makes ABC number i and adds it to the module. */
static int make_abc(sl_rt *rt, sl_obj *module_dict, sl_obj *meta, size_t i) {
  const abc_def *d = &ABCS[i];
  sl_value bases[3];
  size_t nb = 0;
  bool found = false;
  for (; nb < 3 && d->bases[nb]; nb++) {
    if (sl_dict_get_str(rt, module_dict, d->bases[nb], &bases[nb], &found)) return -1;
    if (!found) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "collections.abc: no %s", d->bases[nb]);
    sl_vdecref(rt, bases[nb]); /* the module holds it */
  }
  sl_obj *bt = sl_tuple_new(rt, bases, nb), *ns = abc_namespace(rt, d),
         *name = sl_str_from_cstr(rt, d->name);
  sl_value cls = sl_undef();
  int rc = !bt || !ns || !name ||
           sl__type_new(rt, meta, sl_obj_val(name), sl_obj_val(bt), sl_obj_val(ns), NULL, &cls);
  sl_decref(rt, bt);
  sl_decref(rt, ns);
  sl_decref(rt, name);
  if (rc) return -1;
  sl_class *k = sl_as_class(cls.u.o);
  k->module = "collections.abc"; /* type.__new__ takes only the program's module names */
  rc = add_str_key(rt, k->attrs, ABC_KEY, sl_int((int64_t)i)) ||
       sl_stdmod_add(rt, module_dict, d->name, cls);
  k->lang_flags |= SL__CLS_ABC_HOOK;
  sl_vdecref(rt, cls);
  return rc;
}

int sl_mod_collections_abc_init(sl_rt *rt, sl_obj *module_dict) {
  sl_value abcmod, meta;
  if (sl_vm_import(rt, "abc", &abcmod)) return -1;
  int rc = sl_vm_getattr(rt, abcmod, "ABCMeta", &meta);
  sl_vdecref(rt, abcmod);
  if (rc) return -1;
  int minor = rt->profile->minor;
  for (size_t i = 0; i < NABCS && !rc; i++)
    if (present(&ABCS[i], minor)) rc = make_abc(rt, module_dict, meta.u.o, i);
  sl_vdecref(rt, meta);
  return rc;
}
