/* Internals shared by mod_dataclasses.c (the module's functions, Field,
 * MISSING) and mod_dataclasses_gen.c (@dataclass and the methods it
 * generates). Not a contract. */
#ifndef SL_LANG_DC_INT_H
#define SL_LANG_DC_INT_H

#include "core/object.h"

enum { SL__DC_FIELD, SL__DC_CLASSVAR, SL__DC_INITVAR };

/* dataclasses.Field. All values owned. */
typedef struct sl__dc_field {
  sl_obj hdr;
  sl_value name, type, def, factory, hash, metadata, kw_only;
  bool init, repr, compare;
  int kind; /* SL__DC_* */
} sl__dc_field;

extern const sl_type sl__dc_field_type, sl__dc_missing_type;
bool sl__dc_is_missing(sl_value v);
/* A flag stored as a value (kw_only, hash): True, or a true int. */
static inline bool sl_is_true_value(sl_value v) {
  return (v.tag == SL_V_BOOL && v.u.b) || (v.tag == SL_V_INT && v.u.i);
}
/* A Field with CPython's defaults (MISSING default and factory). */
sl__dc_field *sl__dc_field_new(sl_rt *rt);
/* The fields (kind SL__DC_FIELD) of a dataclass or instance, in order: a
 * new list. TypeError naming fname for anything else. */
int sl__dc_fields_list(sl_rt *rt, sl_value v, const char *fname, sl_obj **out);
/* dataclasses.dataclass (mod_dataclasses_gen.c). */
int sl__dc_dataclass(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out);

#endif
