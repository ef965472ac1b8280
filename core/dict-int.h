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
/* A dict subclass implemented natively (collections.defaultdict, Counter,
 * OrderedDict in core/lang/modules/mod_collections.c). Its instances stay
 * dicts (sl_dict_type) to every operation; the kind supplies what the
 * subclass changes. Any hook may be NULL. */
typedef struct sl_dict_kind {
  const char *name; /* "defaultdict": type(d).__name__ and error messages */
  /* repr(d) in full ("defaultdict(<class 'list'>, {...})"). */
  int (*repr)(sl_rt *rt, sl_obj *dict, sl_strbuf *out);
  /* __missing__(key): 1 *out set, 0 none (KeyError), -1 error. */
  int (*missing)(sl_rt *rt, sl_obj *dict, sl_value key, sl_value *out);
  /* Attributes the subclass adds or overrides: 1 found, 0 not, -1 error. */
  int (*getattr)(sl_rt *rt, sl_obj *dict, const char *name, sl_value *out);
  /* Binary operators (Counter's + - | &): 1 done, 0 not supported, -1 error. */
  int (*binary)(sl_rt *rt, int op, sl_value a, sl_value b, sl_value *out);
  /* Equality against another dict when the subclass changes it
   * (OrderedDict: order matters between two of them): 1 decided, 0 not. */
  int (*eq)(sl_rt *rt, sl_obj *a, sl_value b, bool *res);
  const void *cls; /* the sl_classdef of its type object (core/lang) */
} sl_dict_kind;

typedef struct sl__htable {
  sl_obj hdr;
  sl__hentry *entries; /* owned; nentries used (deleted included), capentries */
  size_t nentries, capentries;
  size_t len;      /* live entries */
  int32_t *index;  /* owned; indexcap slots, -1 empty, -2 dummy */
  size_t indexcap; /* a power of two, or 0 before the first insert */
  /* Dicts: changes on every insertion or deletion (not on a value
   * replaced in place), to a value no other dict of this thread ever had
   * (the LOAD_GLOBAL cache relies on it); 0 until the first change.
   * Sets: bumped the same way, not unique. */
  uint64_t version;
  /* Sets only (set.c): `entries` is CPython's open-addressing slot table
   * itself (nentries == capentries == its size; an empty slot has an undef
   * key and hash 0, a dummy an undef key and hash -1), so iterating the
   * entries in order is iterating the set in CPython's order. */
  size_t fill; /* active + dummy slots */
  union {
    size_t finger; /* sets: where set.pop() looks first */
    /* Dicts: bit (hash & 63) set for the hash of every key inserted since
     * the table was last emptied (sl__dict_hash_bit). A key whose bit is
     * clear is absent: lookups compare hashes before keys, so it would
     * have met no entry to compare with. A miss (`self.method` probing
     * the instance's dict first) is answered without probing. */
    uint64_t hash_bloom;
  };
  /* Dicts only: the native subclass, or NULL for a plain dict, and what
   * it keeps (owned: defaultdict's default_factory). */
  const sl_dict_kind *kind;
  sl_value aux;
} sl__htable;

static inline sl__htable *sl__as_htable(sl_obj *o) { return (sl__htable *)o; }
/* A hash's bit in a dict's hash_bloom. */
static inline uint64_t sl__dict_hash_bit(int64_t h) { return 1ull << ((uint64_t)h & 63); }
/* The native subclass of a dict value, or NULL (plain dict, not a dict). */
static inline const sl_dict_kind *sl__dict_kind(sl_value v) {
  return sl_is_type(v, &sl_dict_type) ? sl__as_htable(v.u.o)->kind : NULL;
}
static inline bool sl__is_anyset(sl_value v) {
  return sl_is_type(v, &sl_set_type) || sl_is_type(v, &sl_frozenset_type);
}

/* Makes room for `n` entries in an empty dict, so filling it does not
 * rebuild the table again and again (a run's builtins and asyncio
 * namespaces: several hundred inserts per run). */
int sl__dict_reserve(sl_rt *rt, sl_obj *dict, size_t n);

/* The index in the entries array of the str key equal to `key` (a str),
 * or -1: only str keys are compared, so no program code runs (as
 * sl_dict_get_str, with the str's cached hash). */
long sl__dict_find_str(sl_obj *dict, sl_obj *key);

/* Finds `key` in a dict: *ix its index in the entries array, or -1. */
int sl__dict_find(sl_rt *rt, sl_obj *dict, sl_value key, long *ix);

/* A new empty frozenset (filled with sl__set_add_any before it is shared). */
sl_obj *sl__frozenset_new(sl_rt *rt);
/* sl_set_add for a set or a frozenset under construction. */
int sl__set_add_any(sl_rt *rt, sl_obj *set, sl_value key);
/* repr of a dict's items alone ("{1: 2}"), whatever its kind. */
int sl__dict_repr_plain(sl_rt *rt, sl_obj *dict, sl_strbuf *out);
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

/* Shared by dict.c and set.c. */
void sl__htable_clear_slot(sl_rt *rt, sl_obj *o);
void sl__htable_release(sl_obj *o);
int sl__htable_truth(sl_rt *rt, sl_obj *o, bool *res);
/* sl_hash with CPython 3.14's "cannot use 'list' as a dict key (...)". */
int sl__key_hash(sl_rt *rt, sl__htable *t, sl_value key, int64_t *h);
/* Next live entry at or after *pos (in table order). */
bool sl__next_entry(sl__htable *t, size_t *pos, sl__hentry **out);
/* A copy of a set or frozenset with type `type`, laid out as CPython's
 * set_merge into an empty set would. */
sl_obj *sl__set_copy(sl_rt *rt, sl_obj *set, const sl_type *type);
/* Adds key with its known hash (no hashing). */
int sl__set_add_hashed(sl_rt *rt, sl_obj *set, sl_value key, int64_t hash);
/* Merges another set into `set` (set_update with a set argument). */
int sl__set_merge(sl_rt *rt, sl_obj *set, sl_obj *other);
/* set_update_internal's fast paths: 0 done (a set or dict), 1 "not a set
 * or dict: iterate it", -1 error. */
int sl__set_update_fast(sl_rt *rt, sl_obj *set, sl_value other);
/* New sets of `type` (set_intersection, set_difference,
 * set_symmetric_difference with set arguments). */
sl_obj *sl__set_intersection(sl_rt *rt, sl_obj *a, sl_obj *b, const sl_type *type);
sl_obj *sl__set_difference(sl_rt *rt, sl_obj *a, sl_obj *b, const sl_type *type);
sl_obj *sl__set_symdiff(sl_rt *rt, sl_obj *a, sl_obj *b, const sl_type *type);
/* In-place forms with a set argument. */
int sl__set_difference_update(sl_rt *rt, sl_obj *set, sl_obj *other);
int sl__set_symdiff_update(sl_rt *rt, sl_obj *set, sl_obj *other);
/* The dummy clean-up after discarding an iterable's items. */
int sl__set_after_discards(sl_rt *rt, sl_obj *set);

/* For the compiler: the frozenset constant of a set display whose items
 * are all constants, as CPython makes it: built from the items in order,
 * and, when `remade` (the profile's const_set_remade), built again from
 * that one's order as the compiler merges it into the code's constants, so
 * `{3, 1, 2}` iterates in CPython's order. New reference; NULL when out of
 * memory. */
sl_obj *sl_frozenset_const(sl_rt *rt, const sl_value *items, size_t n, bool remade);

#endif
