/* Operations on class objects themselves: subscripting a class
 * (`__class_getitem__`, generic aliases) and the method resolution order.
 *
 * `C.__mro__` and `C.mro()` are the C3 linearization of Objects/typeobject.c
 * (mro_internal, pmerge) over the class's bases. A class deriving from a
 * built-in or engine class (dict, asyncio.Queue, ...) lists that class's
 * type object just before `object`.
 *
 * A class with several bases somewhere above it keeps the scenario
 * classes of this order as its lookup order (sl_class.mro, vm_class.c);
 * for single inheritance the bases, depth first, are the same order. */
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static int object_type(sl_rt *rt, sl_value *out) {
  bool found = false;
  if (sl_dict_get_str(rt, sl_builtins_dict(rt), "object", out, &found)) return -1;
  return found ? 0 : sl_raise(rt, SL_EXC_RUNTIME_ERROR, "builtins are not initialised");
}

static int linearize(sl_rt *rt, sl_value cls, sl_obj **out, int depth);

/* The bases C3 merges for a scenario class: its own bases, then the
 * built-in or engine class it derives from when no base brings it. */
static size_t direct_bases(sl_class *c, sl_value *b) {
  size_t n = 0;
  bool inherited = false;
  for (size_t i = 0, nb = sl_class_nbases(&c->hdr); i < nb; i++) {
    sl_obj *base = sl_class_base(&c->hdr, i);
    b[n++] = sl_obj_val(base);
    inherited |= sl_as_class(base)->native == c->native;
  }
  if (c->native && !inherited) b[n++] = sl_obj_val(c->native);
  return n;
}

static bool in_tail(sl_obj *const *seqs, const size_t *heads, size_t nseq, sl_value v) {
  for (size_t s = 0; s < nseq; s++) {
    sl_list *l = sl_as_list(seqs[s]);
    for (size_t j = heads[s] + 1; j < l->len; j++)
      if (sl_is(l->items[j], v)) return true;
  }
  return false;
}

static const char *class_name(sl_value c) {
  return sl_is_type(c, &sl_class_type) ? sl_str_cstr(sl_as_class(c.u.o)->name)
                                       : ((const sl_typeobj *)c.u.o)->name;
}

/* set_mro_error: the heads that could not be placed, each once. */
static int mro_error(sl_rt *rt, sl_obj *const *seqs, const size_t *heads, size_t nseq) {
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "Cannot create a consistent method resolution%sorder (MRO) for bases",
                   rt->profile->mro_error_one_line ? " " : "\n");
  for (size_t s = 0, n = 0; s < nseq; s++) {
    sl_list *l = sl_as_list(seqs[s]);
    if (heads[s] >= l->len) continue;
    bool seen = false;
    for (size_t t = 0; t < s; t++)
      seen |= heads[t] < sl_as_list(seqs[t])->len &&
              sl_is(sl_as_list(seqs[t])->items[heads[t]], l->items[heads[s]]);
    if (seen) continue;
    sl_strbuf_printf(&b, "%s %s", n++ ? "," : "", class_name(l->items[heads[s]]));
  }
  int rc = b.failed ? sl_nomem(rt) : sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", b.data);
  sl_strbuf_free(&b);
  return rc;
}

/* pmerge: repeatedly take the first head that is in no other tail. */
static int merge(sl_rt *rt, sl_obj *res, sl_obj *const *seqs, size_t nseq) {
  size_t heads[SL_CLASS_MAX_BASES + 2] = {0};
  for (;;) {
    bool empty = true, taken = false;
    for (size_t s = 0; s < nseq && !taken; s++) {
      sl_list *l = sl_as_list(seqs[s]);
      if (heads[s] >= l->len) continue;
      empty = false;
      sl_value cand = l->items[heads[s]];
      if (in_tail(seqs, heads, nseq, cand)) continue;
      if (sl_list_append(rt, res, cand)) return -1;
      for (size_t t = 0; t < nseq; t++) {
        sl_list *m = sl_as_list(seqs[t]);
        if (heads[t] < m->len && sl_is(m->items[heads[t]], cand)) heads[t]++;
      }
      taken = true;
    }
    if (empty) return 0;
    if (!taken) return mro_error(rt, seqs, heads, nseq);
  }
}

static int linearize_class(sl_rt *rt, sl_value cls, sl_obj *res, int depth) {
  sl_value b[SL_CLASS_MAX_BASES + 1];
  size_t nb = direct_bases(sl_as_class(cls.u.o), b), nseq = 0;
  sl_obj *seqs[SL_CLASS_MAX_BASES + 2] = {NULL};
  int rc = 0;
  for (size_t i = 0; i < nb && !rc; i++) rc = linearize(rt, b[i], &seqs[nseq++], depth + 1);
  if (!rc && nb > 1) {
    seqs[nseq] = sl_list_new(rt, b, nb);
    rc = seqs[nseq++] ? 0 : -1;
  }
  if (!rc && nb == 0) { /* a root class: object follows it */
    sl_value obj;
    rc = object_type(rt, &obj);
    if (!rc) {
      seqs[nseq] = sl_list_new(rt, &obj, 1);
      sl_vdecref(rt, obj);
      rc = seqs[nseq++] ? 0 : -1;
    }
  }
  if (!rc) rc = merge(rt, res, seqs, nseq);
  for (size_t i = 0; i < nseq; i++) sl_decref(rt, seqs[i]);
  return rc;
}

/* The MRO of cls (a scenario class or a type object) as a new list. */
static int linearize(sl_rt *rt, sl_value cls, sl_obj **out, int depth) {
  if (depth > 64) return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
  sl_obj *res = sl_list_new(rt, &cls, 1);
  if (!res) return -1;
  int rc = 0;
  if (sl_is_type(cls, &sl_class_type)) {
    rc = linearize_class(rt, cls, res, depth);
  } else if (strcmp(((sl_typeobj *)cls.u.o)->name, "object")) {
    /* A built-in or engine class: itself, its engine bases, object. */
    const sl_classdef *cd = ((sl_typeobj *)cls.u.o)->cls;
    for (cd = cd ? cd->base : NULL; cd && !rc; cd = cd->base) {
      sl_value t;
      rc = sl_typeobj_of_class(rt, cd, &t);
      if (!rc) {
        rc = sl_list_append(rt, res, t);
        sl_vdecref(rt, t);
      }
    }
    sl_value obj;
    if (!rc && !(rc = object_type(rt, &obj))) {
      rc = sl_list_append(rt, res, obj);
      sl_vdecref(rt, obj);
    }
  }
  if (rc) {
    sl_decref(rt, res);
    return -1;
  }
  *out = res;
  return 0;
}

int sl__class_mro(sl_rt *rt, sl_obj *cls, bool as_tuple, sl_value *out) {
  sl_obj *l;
  if (linearize(rt, sl_obj_val(cls), &l, 0)) return -1;
  if (!as_tuple) return *out = sl_obj_val(l), 0;
  sl_obj *t = sl_tuple_new(rt, sl_as_list(l)->items, sl_as_list(l)->len);
  sl_decref(rt, l);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static int mro_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type.mro() takes no arguments (%zu given)",
                    args->npos + args->nkw);
  return sl__class_mro(rt, self.u.o, false, out);
}
static const sl_cfunc_def mro_def = {"mro", mro_fn, NULL, 0};

/* cls.__bases__: the bases as C3 sees them; (object,) for a root. */
static int bases_tuple(sl_rt *rt, sl_obj *cls, sl_value *out) {
  sl_value b[SL_CLASS_MAX_BASES + 1];
  size_t n = direct_bases(sl_as_class(cls), b);
  sl_value obj = sl_undef();
  if (!n) {
    if (object_type(rt, &obj)) return -1;
    b[n++] = obj;
  }
  sl_obj *t = sl_tuple_new(rt, b, n);
  sl_vdecref(rt, obj);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

int sl__class_mro_attr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  if (!strcmp(name, "__mro__")) return sl__class_mro(rt, cls, true, out) ? -1 : 1;
  if (!strcmp(name, "__bases__")) return bases_tuple(rt, cls, out) ? -1 : 1;
  if (strcmp(name, "mro")) return 0;
  sl_obj *f = sl_cfunc_new(rt, &mro_def, sl_obj_val(cls));
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 1;
}

/* ---- cls[key] ----------------------------------------------------------------- */

/* The built-in and library classes that are generic (their
 * __class_getitem__ is types.GenericAlias). */
static bool generic_typeobj(const sl_typeobj *t) {
  static const char *const names[] = {
      "list",        "dict",        "set",           "frozenset", "tuple", "type",
      "Queue",       "LifoQueue",   "PriorityQueue", "Future",    "Task",  "deque",
      "defaultdict", "OrderedDict", "Counter",       "ChainMap",  NULL};
  for (const char *const *n = names; *n; n++)
    if (!strcmp(t->name, *n)) return true;
  return false;
}

int sl__class_getitem(sl_rt *rt, sl_value cls, sl_value key, sl_value *out) {
  if (sl_is_type(cls, &sl_typeobj_type))
    return generic_typeobj((const sl_typeobj *)cls.u.o)
               ? (sl__generic_alias_new(rt, cls, key, out) ? -1 : 1)
               : 0;
  if (!sl_is_type(cls, &sl_class_type)) return 0;
  sl_value fn;
  int r = sl__class_lookup(rt, cls.u.o, "__class_getitem__", &fn);
  if (r > 0) {
    /* An implicit class method (type_new makes it one). */
    sl_value f = sl_is_type(fn, &sl_classmethod_type) ? ((sl_methwrap *)fn.u.o)->func : fn;
    sl_value argv[2] = {cls, key};
    int rc = sl_vm_call_pos(rt, f, argv, 2, out);
    sl_vdecref(rt, fn);
    return rc ? -1 : 1;
  }
  if (r != 0) return r;
  if (!sl__typing_is_generic(cls.u.o)) return 0;
  return sl__generic_alias_new(rt, cls, key, out) ? -1 : 1;
}
