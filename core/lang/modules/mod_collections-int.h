/* Internals of the collections module shared with other standard modules
 * (functools.lru_cache's CacheInfo is a named tuple). Not installed. */
#ifndef SL_LANG_MOD_COLLECTIONS_INT_H
#define SL_LANG_MOD_COLLECTIONS_INT_H

#include "core/cfunc.h"
#include "core/exc.h"
#include "core/object.h"

/* A new named tuple class `name` (module `module`, a static string) with
 * the NULL-terminated `fields`: *out a new reference. 0 or -1. */
int sl__namedtuple_class(sl_rt *rt, const char *name, const char *module, const char *const *fields,
                         sl_value *out);
/* A new named tuple class from a list of str `fieldlist` (names checked as
 * namedtuple() checks them) and a tuple of defaults for the last fields
 * (typing.NamedTuple). 0 or -1. */
int sl__namedtuple_build(sl_rt *rt, const char *typename, const char *module, sl_obj *fieldlist,
                         sl_obj *defaults, sl_value *out);
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
/* Set's (or MutableSet's) mixins (mod_collections_abc_set.c). */
int sl__abc_set_mixins(sl_rt *rt, bool mutable, sl_obj *ns);
/* Shared by the mixins (mod_collections_abc_mix.c). The number of
 * arguments after self must be lo..hi, else a TypeError naming the method. */
int sl__abc_nargs(sl_rt *rt, const sl_args *a, const char *name, size_t lo, size_t hi);
/* self.name(*argv) (argv borrowed), the result dropped. */
int sl__abc_call_drop(sl_rt *rt, sl_value self, const char *name, const sl_value *argv,
                      size_t argc);
/* Whether v is an instance of collections.abc's class `name`. */
int sl__abc_isinstance(sl_rt *rt, sl_value v, const char *name, bool *res);
/* The clear() of MutableMapping, MutableSequence and MutableSet: calls
 * self.<remove_one>() until it raises `empty`; *out = None. */
int sl__abc_clear_by(sl_rt *rt, sl_value self, const char *remove_one, sl_exc_id empty,
                     sl_value *out);
/* An ABC's abstract method placeholder (abc's __abstractmethods__ counts
 * it) and __class_getitem__ (a generic alias of the class). */
extern const sl_cfunc_def sl__abc_abstract_def, sl__abc_class_getitem_def;

#endif
