/* property, classmethod, staticmethod (descr.c): the objects, their
 * constructors, and how an attribute found on a class is bound.
 *
 * Ownership as in ops.h: results are new references, arguments borrowed. */
#ifndef SL_LANG_DESCR_H
#define SL_LANG_DESCR_H

#include "core/cfunc.h"
#include "core/lang/code.h"

typedef struct sl_property {
  sl_obj hdr;
  sl_value fget, fset, fdel, doc; /* owned; None when absent */
  sl_value name;                  /* owned: the name __set_name__ gave it, or None */
} sl_property;

/* classmethod and staticmethod: one wrapped callable. */
typedef struct sl_methwrap {
  sl_obj hdr;
  sl_value func; /* owned */
} sl_methwrap;

extern const sl_type sl_property_type, sl_classmethod_type, sl_staticmethod_type;
extern const sl_cfunc_def sl__ctor_property, sl__ctor_classmethod, sl__ctor_staticmethod;

/* prop.__get__(obj): calls the getter; `owner` names obj's class in
 * CPython's "property 'x' of 'C' object has no getter". */
int sl_property_get(sl_rt *rt, sl_obj *prop, sl_value obj, const char *owner, sl_value *out);
/* prop.__set__(obj, v), or __delete__(obj) when v is SL_V_UNDEF. */
int sl_property_set(sl_rt *rt, sl_obj *prop, sl_value obj, const char *owner, sl_value v);
/* property.__set_name__(owner, name), as the class statement calls it:
 * the name its messages use. */
void sl_property_set_name(sl_rt *rt, sl_obj *prop, sl_value name);
/* Binds a classmethod (to cls) or unwraps a staticmethod found on a class:
 * 1 done (*out), 0 attr is neither, -1 error. */
int sl_descr_bind(sl_rt *rt, sl_value attr, sl_value obj, sl_value cls, sl_value *out);

#endif
