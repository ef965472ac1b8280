/* The `__future__` module (Lib/__future__.py): `from __future__ import
 * annotations` and the other feature names programs carry at their top.
 * Every feature is mandatory in the releases simloop reproduces, or has
 * no effect on it (annotations: simloop keeps none), so importing one
 * changes nothing; each is a _Feature with CPython's fields and repr.
 * Unlike CPython's compiler, an unknown feature is an ImportError when the
 * import runs, not a SyntaxError, and barry_as_FLUFL does not bring `<>`
 * back. */
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct feature_def {
  const char *name;
  int optional[5], mandatory[5]; /* major, minor, micro, level (0 alpha, 1 beta, 2 final), serial */
  bool has_mandatory;
  const char *flag_name;
  long flag;
} feature_def;

static const char *const levels[] = {"alpha", "beta", "final"};

static const feature_def features[] = {
    {"nested_scopes", {2, 1, 0, 1, 1}, {2, 2, 0, 0, 0}, true, "CO_NESTED", 0x0010},
    {"generators", {2, 2, 0, 0, 1}, {2, 3, 0, 2, 0}, true, "CO_GENERATOR_ALLOWED", 0},
    {"division", {2, 2, 0, 0, 2}, {3, 0, 0, 0, 0}, true, "CO_FUTURE_DIVISION", 0x20000},
    {"absolute_import",
     {2, 5, 0, 0, 1},
     {3, 0, 0, 0, 0},
     true,
     "CO_FUTURE_ABSOLUTE_IMPORT",
     0x40000},
    {"with_statement", {2, 5, 0, 0, 1}, {2, 6, 0, 0, 0}, true, "CO_FUTURE_WITH_STATEMENT", 0x80000},
    {"print_function",
     {2, 6, 0, 0, 2},
     {3, 0, 0, 0, 0},
     true,
     "CO_FUTURE_PRINT_FUNCTION",
     0x100000},
    {"unicode_literals",
     {2, 6, 0, 0, 2},
     {3, 0, 0, 0, 0},
     true,
     "CO_FUTURE_UNICODE_LITERALS",
     0x200000},
    {"barry_as_FLUFL", {3, 1, 0, 0, 2}, {4, 0, 0, 0, 0}, true, "CO_FUTURE_BARRY_AS_BDFL", 0x400000},
    {"generator_stop",
     {3, 5, 0, 1, 1},
     {3, 7, 0, 0, 0},
     true,
     "CO_FUTURE_GENERATOR_STOP",
     0x800000},
    {"annotations", {3, 7, 0, 1, 1}, {0}, false, "CO_FUTURE_ANNOTATIONS", 0x1000000},
};

typedef struct feature {
  sl_obj hdr;
  const feature_def *def;
} feature;

/* (3, 7, 0, 'beta', 1) */
static int release(sl_rt *rt, const int *r, sl_value *out) {
  sl_obj *level = sl_str_from_cstr(rt, levels[r[3]]);
  if (!level) return -1;
  sl_value items[5] = {sl_int(r[0]), sl_int(r[1]), sl_int(r[2]), sl_obj_val(level), sl_int(r[4])};
  sl_obj *t = sl_tuple_new(rt, items, 5);
  sl_decref(rt, level);
  if (!t) return -1;
  return *out = sl_obj_val(t), 0;
}

static int optional_of(sl_rt *rt, const feature_def *d, sl_value *out) {
  return release(rt, d->optional, out);
}
static int mandatory_of(sl_rt *rt, const feature_def *d, sl_value *out) {
  if (!d->has_mandatory) return *out = sl_none(), 0;
  return release(rt, d->mandatory, out);
}

/* _Feature.__repr__: "_Feature" + repr((optional, mandatory, compiler_flag)) */
static int feature_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  const feature_def *d = ((feature *)o)->def;
  sl_value t[3] = {sl_none(), sl_none(), sl_int(d->flag)};
  int rc = optional_of(rt, d, &t[0]) || mandatory_of(rt, d, &t[1]);
  sl_obj *tup = rc ? NULL : sl_tuple_new(rt, t, 3);
  sl_vdecref(rt, t[0]);
  sl_vdecref(rt, t[1]);
  if (!tup) return -1;
  sl_strbuf_puts(out, "_Feature");
  rc = sl_vm_repr(rt, sl_obj_val(tup), out);
  sl_decref(rt, tup);
  return rc;
}

static int m_get_optional(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "getOptionalRelease", NULL, 0, 0, 0, NULL)) return -1;
  return optional_of(rt, ((feature *)self.u.o)->def, out);
}
static int m_get_mandatory(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "getMandatoryRelease", NULL, 0, 0, 0, NULL)) return -1;
  return mandatory_of(rt, ((feature *)self.u.o)->def, out);
}

static const sl_cfunc_def feature_methods[] = {
    {"getOptionalRelease", m_get_optional, NULL, 0},
    {"getMandatoryRelease", m_get_mandatory, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int feature_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  const feature_def *d = ((feature *)o)->def;
  if (!strcmp(name, "optional")) return optional_of(rt, d, out);
  if (!strcmp(name, "mandatory")) return mandatory_of(rt, d, out);
  if (!strcmp(name, "compiler_flag")) return *out = sl_int(d->flag), 0;
  int r = sl_methods_lookup(rt, sl_obj_val(o), feature_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'_Feature' object has no attribute '%s'", name);
}

static const sl_type feature_type = {
    .name = "_Feature", .repr = feature_repr, .getattr = feature_getattr, .size = sizeof(feature)};

int sl_mod_future_init(sl_rt *rt, sl_obj *module_dict) {
  size_t n = sizeof features / sizeof *features;
  sl_obj *names = sl_list_new(rt, NULL, 0);
  if (!names) return -1;
  int rc = 0;
  for (size_t i = 0; !rc && i < n; i++) {
    feature *f = (feature *)sl_obj_alloc(rt, &feature_type);
    sl_obj *s = sl_str_from_cstr(rt, features[i].name);
    if (f) f->def = &features[i];
    rc = !f || !s || sl_stdmod_add(rt, module_dict, features[i].name, sl_obj_val(&f->hdr)) ||
         sl_list_append(rt, names, sl_obj_val(s)) ||
         sl_stdmod_add(rt, module_dict, features[i].flag_name, sl_int(features[i].flag));
    sl_decref(rt, f ? &f->hdr : NULL);
    sl_decref(rt, s);
  }
  if (!rc) rc = sl_stdmod_add(rt, module_dict, "all_feature_names", sl_obj_val(names));
  sl_decref(rt, names);
  return rc ? -1 : 0;
}
