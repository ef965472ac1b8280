/* Internals of the collections module shared with other standard modules
 * (functools.lru_cache's CacheInfo is a named tuple). Not installed. */
#ifndef SL_LANG_MOD_COLLECTIONS_INT_H
#define SL_LANG_MOD_COLLECTIONS_INT_H

#include "core/cfunc.h"
#include "core/object.h"

/* A new named tuple class `name` (module `module`, a static string) with
 * the NULL-terminated `fields`: *out a new reference. 0 or -1. */
int sl__namedtuple_class(sl_rt *rt, const char *name, const char *module, const char *const *fields,
                         sl_value *out);
/* An instance of a fresh named tuple class holding vals (borrowed, one
 * per field). 0 or -1. */
int sl__namedtuple_value(sl_rt *rt, const char *name, const char *module, const char *const *fields,
                         const sl_value *vals, sl_value *out);
/* The items of a named tuple instance (borrowed tuple), or NULL when v is
 * not one. */
sl_obj *sl__namedtuple_items(sl_value v);

/* A KeysView, ValuesView or ItemsView (which: "keys", "values", "items")
 * of `mapping` (borrowed), as collections.abc's (mod_collections_views.c).
 * 0 or -1. */
int sl__mapping_view_new(sl_rt *rt, sl_value mapping, const char *which, sl_value *out);

/* collections.deque, for other modules' use (json, heapq need none). */
extern const sl_type sl__deque_type;

/* collections.abc (mod_collections_abc*.c). Which mixin methods an ABC
 * has; adds them (and Mapping's __reversed__ = None) to a namespace. */
typedef enum sl__abc_mixins {
  SL__ABC_MIX_NONE,
  SL__ABC_MIX_ITER,
  SL__ABC_MIX_AITER,
  SL__ABC_MIX_GEN,
  SL__ABC_MIX_COROUTINE,
  SL__ABC_MIX_AGEN,
  SL__ABC_MIX_SET,
  SL__ABC_MIX_MUTSET,
  SL__ABC_MIX_MAPPING,
  SL__ABC_MIX_MUTMAPPING,
  SL__ABC_MIX_SEQUENCE,
  SL__ABC_MIX_MUTSEQUENCE,
} sl__abc_mixins;
int sl__collections_abc_mixins(sl_rt *rt, sl__abc_mixins which, sl_obj *ns);
/* An ABC's abstract method placeholder (abc's __abstractmethods__ counts
 * it) and __class_getitem__ (a generic alias of the class). */
extern const sl_cfunc_def sl__abc_abstract_def, sl__abc_class_getitem_def;

#endif
