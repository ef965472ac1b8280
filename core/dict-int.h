/* Internals of dict, set and frozenset shared with core/lang (their methods
 * and operators). Not installed.
 *
 * Layout: an append-only array of entries (insertion order; deleted ones
 * keep an SL_V_UNDEF key until the next rebuild) plus an open-addressing
 * index of int32 positions into it, probed as CPython's dictobject.c does
 * (i = 5*i + 1 + perturb). Ownership: the table owns keys and values. */
#ifndef SL_DICT_INT_H
#define SL_DICT_INT_H

#include "core/dict.h"

typedef struct sl__hentry {
  int64_t hash;
  sl_value key;   /* SL_V_UNDEF: deleted */
  sl_value value; /* SL_V_UNDEF in sets */
} sl__hentry;

/* dict, set and frozenset share this layout. */
typedef struct sl__htable {
  sl_obj hdr;
  sl__hentry *entries; /* owned; nentries used (deleted included), capentries */
  size_t nentries, capentries;
  size_t len;       /* live entries */
  int32_t *index;   /* owned; indexcap slots, -1 empty, -2 dummy */
  size_t indexcap;  /* a power of two, or 0 before the first insert */
  uint64_t version; /* bumped on every insertion or deletion (iterators) */
} sl__htable;

static inline sl__htable *sl__as_htable(sl_obj *o) { return (sl__htable *)o; }
static inline bool sl__is_anyset(sl_value v) {
  return sl_is_type(v, &sl_set_type) || sl_is_type(v, &sl_frozenset_type);
}

/* A new empty frozenset (filled with sl__set_add_any before it is shared). */
sl_obj *sl__frozenset_new(sl_rt *rt);
/* sl_set_add for a set or a frozenset under construction. */
int sl__set_add_any(sl_rt *rt, sl_obj *set, sl_value key);
/* Removes every entry (dict.clear, set.clear). */
void sl__htable_clear(sl_rt *rt, sl_obj *table);
/* Removes `key` and hands its value to the caller (new reference). */
int sl__dict_pop(sl_rt *rt, sl_obj *dict, sl_value key, sl_value *value, bool *found);
/* Removes the last inserted item (dict.popitem); *found false if empty.
 * key and value are new references. */
bool sl__dict_popitem(sl_rt *rt, sl_obj *dict, sl_value *key, sl_value *value);
/* Removes the first entry of a set (set.pop); new reference. */
bool sl__set_pop(sl_rt *rt, sl_obj *set, sl_value *key);
/* A shallow copy of a dict, set or frozenset, with `type` (&sl_set_type to
 * copy a frozenset into a set, ...). */
sl_obj *sl__htable_copy(sl_rt *rt, sl_obj *table, const sl_type *type);
/* set/frozenset membership for either kind. */
int sl__set_contains_any(sl_rt *rt, sl_obj *set, sl_value key, bool *found);

#endif
