/* functools.cmp_to_key and functools.cached_property. Mirrors
 * Modules/_functoolsmodule.c's KeyWrapper (every comparison calls
 * mycmp(self.obj, other.obj) once and compares the result with 0; another
 * operand is a TypeError) and Lib/functools.py's cached_property (a
 * non-data descriptor that stores the value in the instance's __dict__,
 * so later reads find it there). */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_functools-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

/* ---- cmp_to_key -------------------------------------------------------------- */

typedef struct keywrapper {
  sl_obj hdr;
  sl_value cmp; /* owned */
  sl_value obj; /* owned; SL_V_UNDEF: the key function itself */
} keywrapper;

static void kw_clear(sl_rt *rt, sl_obj *o) {
  keywrapper *k = (keywrapper *)o;
  sl_vdecref(rt, k->cmp);
  sl_vdecref(rt, k->obj);
  k->cmp = k->obj = sl_undef();
}

static const sl_type keywrapper_type;

/* keyobject_richcompare: mycmp(a.obj, b.obj) <op> 0. */
static int kw_richcompare(sl_rt *rt, sl_obj *a, int op, sl_value b, bool *res) {
  if (!sl_is_type(b, &keywrapper_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "other argument must be K instance");
  keywrapper *x = (keywrapper *)a, *y = (keywrapper *)b.u.o;
  if (x->obj.tag == SL_V_UNDEF || y->obj.tag == SL_V_UNDEF)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "object");
  sl_value argv[2] = {x->obj, y->obj}, r;
  if (sl_vm_call_pos(rt, x->cmp, argv, 2, &r)) return -1;
  int rc = sl_compare(rt, (sl_ast_cmpop)op, r, sl_int(0), res);
  sl_vdecref(rt, r);
  return rc;
}

static int kw_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  return kw_richcompare(rt, a, SL_CMP_EQ, b, res);
}

/* K(obj): a wrapper of obj with the same cmp. */
static int kw_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"obj"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "K", names, 1, 1, 1, a)) return -1;
  keywrapper *k = (keywrapper *)sl_obj_alloc(rt, &keywrapper_type);
  if (!k) return -1;
  k->cmp = sl_vincref(((keywrapper *)o)->cmp);
  k->obj = sl_vincref(a[0]);
  *out = sl_obj_val(&k->hdr);
  return 0;
}

static int kw_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  keywrapper *k = (keywrapper *)o;
  if (!strcmp(name, "obj") && k->obj.tag != SL_V_UNDEF) return *out = sl_vincref(k->obj), 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'functools.KeyWrapper' object has no attribute '%s'",
                  name);
}

static const sl_lang_slots keywrapper_slots = {.richcompare = kw_richcompare};

static const sl_type keywrapper_type = {.name = "functools.KeyWrapper",
                                        .clear = kw_clear,
                                        .eq = kw_eq,
                                        .unhashable = true,
                                        .call = kw_call,
                                        .getattr = kw_getattr,
                                        .lang = &keywrapper_slots,
                                        .size = sizeof(keywrapper)};

static int f_cmp_to_key(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"mycmp"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "cmp_to_key", names, 1, 1, 1, a)) return -1;
  keywrapper *k = (keywrapper *)sl_obj_alloc(rt, &keywrapper_type);
  if (!k) return -1;
  k->cmp = sl_vincref(a[0]);
  k->obj = sl_undef();
  *out = sl_obj_val(&k->hdr);
  return 0;
}

/* ---- cached_property ------------------------------------------------------------ */

typedef struct cached_prop {
  sl_obj hdr;
  sl_value func; /* owned */
} cached_prop;

static void cp_clear(sl_rt *rt, sl_obj *o) {
  sl_vdecref(rt, ((cached_prop *)o)->func);
  ((cached_prop *)o)->func = sl_none();
}

static int cp_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  cached_prop *c = (cached_prop *)o;
  if (!strcmp(name, "func")) return *out = sl_vincref(c->func), 0;
  if (!strcmp(name, "__doc__") || !strcmp(name, "__name__") || !strcmp(name, "__module__"))
    return sl_vm_getattr(rt, c->func, name, out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'cached_property' object has no attribute '%s'",
                  name);
}

const sl_type sl__cached_property_type = {.name = "cached_property",
                                          .clear = cp_clear,
                                          .getattr = cp_getattr,
                                          .size = sizeof(cached_prop)};

/* The name the descriptor has in cls or a base (what __set_name__ gives
 * CPython's), or NULL. */
static const char *attr_name_in(sl_obj *cls, sl_obj *descr) {
  for (sl_obj *k = cls; k; k = sl_as_class(k)->bases[0]) {
    sl_class *kc = sl_as_class(k);
    if (!kc->attrs) continue;
    for (size_t pos = 0;;) {
      sl_value key, val;
      if (!sl_dict_next(kc->attrs, &pos, &key, &val)) break;
      if (val.tag == SL_V_OBJ && val.u.o == descr && sl_is_str(key)) return sl_str_cstr(key.u.o);
    }
  }
  return NULL;
}

int sl__cached_property_get(sl_rt *rt, sl_value descr, sl_value obj, sl_value cls, sl_value *out) {
  if (!sl_is_type(cls, &sl_class_type)) return *out = sl_vincref(descr), 1;
  const char *name = attr_name_in(cls.u.o, descr.u.o);
  if (!name)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Cannot use cached_property instance without calling __set_name__ on it.");
  sl_value v;
  if (sl_vm_call_pos(rt, ((cached_prop *)descr.u.o)->func, &obj, 1, &v)) return -1;
  if (sl_vm_setattr(rt, obj, name, v)) {
    sl_vdecref(rt, v);
    return -1;
  }
  *out = v;
  return 1;
}

static int f_cached_property(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"func"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "cached_property", names, 1, 1, 1, a)) return -1;
  cached_prop *c = (cached_prop *)sl_obj_alloc(rt, &sl__cached_property_type);
  if (!c) return -1;
  c->func = sl_vincref(a[0]);
  *out = sl_obj_val(&c->hdr);
  return 0;
}

static const sl_cfunc_def key_funcs[] = {
    {"cmp_to_key", f_cmp_to_key, NULL, 0},
    {"cached_property", f_cached_property, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl__functools_keys_init(sl_rt *rt, sl_obj *module_dict) {
  return sl_stdmod_add_funcs(rt, module_dict, key_funcs);
}
