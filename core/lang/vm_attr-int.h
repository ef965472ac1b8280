/* The instance attribute cache's cheap tests (see code.h sl_mcache),
 * inline: vm_attr.c's sl__vm_instance_attr uses them, and LOAD_ATTR and
 * LOAD_METHOD (vm_ops_load-int.h) answer a hit with them without calling
 * it. */
#ifndef SL_LANG_VM_ATTR_INT_H
#define SL_LANG_VM_ATTR_INT_H

#include "core/dict-int.h"
#include "core/exc.h"
#include "core/lang/code.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/tuple.h"

/* The version of class cls's attrs dict (0: none, or empty). */
static inline uint64_t sl__attrs_version(sl_obj *cls) {
  sl_obj *a = sl_as_class(cls)->attrs;
  return a ? sl__as_htable(a)->version : 0;
}

/* A class attribute the cache may hand out as it is or bind as a method:
 * a function, or data that is no descriptor of any kind. */
static inline bool sl__cacheable_class_attr(sl_value v) {
  if (!sl_is_obj(v)) return true;
  if (v.u.o->size_class & SL_OBJ_EXT_BIT) return false;
  const sl_type *t = v.u.o->type;
  return t == &sl_func_type || t == &sl_str_type || t == &sl_tuple_type;
}

/* The value in entry mc's place in `owner`, the class at position
 * mc->depth of the walk, when its attrs dict is unchanged, whatever it is:
 * 1 found (*out borrowed), 0 not known. */
static inline int sl__class_entry_at(const sl_mcache *mc, sl_obj *owner, sl_value *out) {
  if (sl__attrs_version(owner) != mc->cver[mc->depth]) return 0;
  *out = sl__as_htable(sl_as_class(owner)->attrs)->entries[mc->ix].value;
  return 1;
}

/* sl__class_entry_at when the value is one the cache hands out
 * (sl__cacheable_class_attr). */
static inline int sl__class_attr_at(const sl_mcache *mc, sl_obj *owner, sl_value *out) {
  sl_value v;
  if (!sl__class_entry_at(mc, owner, &v) || !sl__cacheable_class_attr(v)) return 0;
  *out = v;
  return 1;
}

/* The class owning entry mc when the name was found in cls itself or in
 * its direct base (depth 0 or 1, no walk) and cls's attrs dict is
 * unchanged; NULL: not known here (empty, deeper, or a version changed). */
static inline sl_obj *sl__class_entry_owner_near(const sl_mcache *mc, sl_obj *cls) {
  if (mc->depth > 1 || !mc->cver[mc->depth]) return NULL;
  if (mc->depth == 0) return cls;
  /* A method of the direct base (the commonest inheritance): the second
   * class of an MRO walk, without the walk. */
  sl_class *c = sl_as_class(cls);
  sl_obj *owner;
  if (c->mro) {
    sl_tuple *t = sl_as_tuple(c->mro);
    if (!t->len) return NULL;
    owner = t->items[0].u.o;
  } else {
    if (c->bases[1] || !c->bases[0]) return NULL;
    owner = c->bases[0];
  }
  return sl__attrs_version(cls) == mc->cver[0] ? owner : NULL;
}

/* The class attribute through entry mc when it was found in cls itself or
 * in its direct base and is one the cache hands out: 1 found (*out
 * borrowed), 0 not known here. */
static inline int sl__class_attr_near(const sl_mcache *mc, sl_obj *cls, sl_value *out) {
  sl_obj *owner = sl__class_entry_owner_near(mc, cls);
  return owner && sl__class_attr_at(mc, owner, out);
}

/* Whether a dict's hash filter proves str `name` absent, as
 * sl__dict_find_str would answer before probing: an empty table, or the
 * name's bit clear (a name whose hash is not computed yet is not proved
 * absent). */
static inline bool sl__dict_lacks_str(const sl__htable *t, sl_obj *name) {
  int64_t hash = sl_as_str(name)->hash;
  return !t->indexcap || (hash != -1 && !(t->hash_bloom & sl__dict_hash_bit(hash)));
}

/* Whether instance o's lookup of the entry's name reaches the class
 * attributes without a call: nothing answers before the instance's dict
 * (no __getattribute__, no user descriptor, a plain name), and the dict,
 * if any, lacks the name by its hash filter. */
static inline bool sl__instance_dict_misses(const sl_mcache *mc, sl_obj *name, sl_obj *o) {
  const sl_exc *e = sl_as_exc(o);
  if (mc->nkind != 1 || (o->size_class & SL_OBJ_EXT_BIT) ||
      (sl_as_class(e->cls)->lang_flags & (SL__CLS_GETATTRIBUTE | SL__CLS_UDESCR)))
    return false;
  return !e->attrs || sl__dict_lacks_str(sl__as_htable(e->attrs), name);
}

#endif
