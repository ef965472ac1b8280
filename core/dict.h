/* dict and set: hash tables of values.
 *
 * Dicts iterate in insertion order, as CPython's do. Sets copy CPython's
 * own table layout (probing and resizing), so a set of ints or of tuples of
 * ints iterates in CPython's order; sets of strings iterate by simloop's
 * fixed str hash, where CPython's randomised hash makes their order vary
 * from run to run anyway (docs/language.md).
 *
 * Keys and values are owned by the table. Lookups compare with sl_hash and
 * sl_eq and may raise (unhashable keys). */
#ifndef SL_DICT_H
#define SL_DICT_H

#include "core/object.h"

extern const sl_type sl_dict_type;
extern const sl_type sl_set_type;
extern const sl_type sl_frozenset_type;

sl_obj *sl_dict_new(sl_rt *rt);
/* *found false and *out untouched when absent. *out is a new reference. */
int sl_dict_get(sl_rt *rt, sl_obj *dict, sl_value key, sl_value *out, bool *found);
int sl_dict_get_str(sl_rt *rt, sl_obj *dict, const char *key, sl_value *out, bool *found);
int sl_dict_set(sl_rt *rt, sl_obj *dict, sl_value key, sl_value value);
int sl_dict_set_str(sl_rt *rt, sl_obj *dict, const char *key, sl_value value);
int sl_dict_del(sl_rt *rt, sl_obj *dict, sl_value key, bool *found);
size_t sl_dict_len(sl_obj *dict);
/* Iterates in insertion order: start with *pos = 0; key/value borrowed. */
bool sl_dict_next(sl_obj *dict, size_t *pos, sl_value *key, sl_value *value);

sl_obj *sl_set_new(sl_rt *rt);
int sl_set_add(sl_rt *rt, sl_obj *set, sl_value key);
int sl_set_contains(sl_rt *rt, sl_obj *set, sl_value key, bool *found);
int sl_set_discard(sl_rt *rt, sl_obj *set, sl_value key, bool *found);
size_t sl_set_len(sl_obj *set);
bool sl_set_next(sl_obj *set, size_t *pos, sl_value *key);

#endif
