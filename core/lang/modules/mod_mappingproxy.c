/* A read-only, live view of a dict (Objects/descrobject.c mappingproxy,
 * types.MappingProxyType): what functools.singledispatch's `registry`
 * is. Reads go to the dict (len, iteration, [], in, get, keys, values,
 * items, copy, ==); writes are refused with CPython's TypeError. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"

typedef struct mappingproxy {
  sl_obj hdr;
  sl_obj *dict; /* owned */
} mappingproxy;

static sl_value dict_of(sl_obj *o) { return sl_obj_val(((mappingproxy *)o)->dict); }

static void mp_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((mappingproxy *)o)->dict);
  ((mappingproxy *)o)->dict = NULL;
}

static int mp_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "mappingproxy(");
  if (sl_vm_repr(rt, dict_of(o), out)) return -1;
  sl_strbuf_putc(out, ')');
  return 0;
}

/* mappingproxy_str: str() of the mapping (print(proxy) shows the dict). */
static int mp_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) { return sl_vm_str(rt, dict_of(o), out); }

extern const sl_type sl__mappingproxy_type;

/* mappingproxy_richcompare: the dict compared with the other (another
 * proxy's dict). */
static int mp_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (sl_is_type(b, &sl__mappingproxy_type)) b = dict_of(b.u.o);
  return sl_compare(rt, SL_CMP_EQ, dict_of(a), b, res);
}

static int mp_len(sl_rt *rt, sl_obj *o, int64_t *out) { return sl_len(rt, dict_of(o), out); }
static int mp_iter(sl_rt *rt, sl_obj *o, sl_value *out) { return sl_iter(rt, dict_of(o), out); }
static int mp_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  return sl_getitem(rt, dict_of(o), key, out);
}
static int mp_setitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value v) {
  (void)o, (void)key;
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  sl_is_undef(v) ? "'mappingproxy' object does not support item deletion"
                                 : "'mappingproxy' object does not support item assignment");
}
static int mp_contains(sl_rt *rt, sl_obj *o, sl_value key, bool *res) {
  return sl_contains(rt, dict_of(o), key, res);
}

/* get, keys, values, items, copy: the dict's own methods. */
static int mp_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  static const char *const reads[] = {"get", "keys", "values", "items", "copy", NULL};
  for (const char *const *r = reads; *r; r++)
    if (!strcmp(*r, name)) return sl_vm_getattr(rt, dict_of(o), name, out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'mappingproxy' object has no attribute '%s'", name);
}

static const sl_lang_slots mp_slots = {.len = mp_len,
                                       .iter = mp_iter,
                                       .getitem = mp_getitem,
                                       .setitem = mp_setitem,
                                       .contains = mp_contains};

const sl_type sl__mappingproxy_type = {.name = "mappingproxy",
                                       .clear = mp_clear,
                                       .repr = mp_repr,
                                       .str = mp_str,
                                       .eq = mp_eq,
                                       .unhashable = true,
                                       .getattr = mp_getattr,
                                       .lang = &mp_slots,
                                       .size = sizeof(mappingproxy)};

int sl__mappingproxy_new(sl_rt *rt, sl_obj *dict, sl_value *out) {
  mappingproxy *m = (mappingproxy *)sl_obj_alloc(rt, &sl__mappingproxy_type);
  if (!m) return -1;
  sl_incref(dict);
  m->dict = dict;
  return *out = sl_obj_val(&m->hdr), 0;
}
