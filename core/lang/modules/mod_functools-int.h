/* functools, the parts outside mod_functools.c: cmp_to_key and
 * cached_property (mod_functools_keys.c), singledispatch. Arguments borrowed, results new references. */
#ifndef SL_LANG_MOD_FUNCTOOLS_INT_H
#define SL_LANG_MOD_FUNCTOOLS_INT_H

#include "core/object.h"

/* Adds cmp_to_key and cached_property to the module dict. */
int sl__functools_keys_init(sl_rt *rt, sl_obj *module_dict);
/* Adds singledispatch (mod_functools_dispatch.c). */
int sl__functools_dispatch_init(sl_rt *rt, sl_obj *module_dict);
/* functools.update_wrapper(wrapper, wrapped) with the default assigned and
 * updated names (mod_functools.c). 0 or -1. */
int sl__functools_update_wrapper(sl_rt *rt, sl_value wrapper, sl_value wrapped);

extern const sl_type sl__cached_property_type;
/* A cached_property found on class `cls` read through instance `obj`:
 * computes func(obj) and stores it as obj's attribute. 1 (*out set) or -1. */
int sl__cached_property_get(sl_rt *rt, sl_value descr, sl_value obj, sl_value cls, sl_value *out);

#endif
