/* property, classmethod and staticmethod: the descriptors a class body
 * makes with decorators. Mirrors Objects/descrobject.c (property) and
 * Objects/funcobject.c (classmethod, staticmethod): the objects only hold
 * their functions; vm_class.c applies them when an attribute found on a
 * class is read or written through an instance or the class. */
#include <string.h>

#include "core/identity.h"
#include "core/lang/descr.h"

#include "core/lang/modules/mod_functools-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/lang/vm-int.h"
#include "core/exc.h"
#include "core/str.h"

/* ---- property ------------------------------------------------------------------- */

static void property_clear(sl_rt *rt, sl_obj *o) {
  sl_property *p = (sl_property *)o;
  sl_vset(rt, &p->fget, sl_undef());
  sl_vset(rt, &p->fset, sl_undef());
  sl_vset(rt, &p->fdel, sl_undef());
  sl_vset(rt, &p->doc, sl_undef());
  sl_vset(rt, &p->name, sl_undef());
}

static int property_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "<property object at ");
  return sl_identity_put_end(rt, o, out);
}

static int property_make(sl_rt *rt, sl_value fget, sl_value fset, sl_value fdel, sl_value doc,
                         sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, &sl_property_type);
  if (!o) return -1;
  sl_property *p = (sl_property *)o;
  p->fget = sl_is_undef(fget) ? sl_none() : sl_vincref(fget);
  p->fset = sl_is_undef(fset) ? sl_none() : sl_vincref(fset);
  p->fdel = sl_is_undef(fdel) ? sl_none() : sl_vincref(fdel);
  p->name = sl_none();
  /* property_init_impl: without a doc, the getter's __doc__ is used. */
  if ((sl_is_undef(doc) || sl_is_none(doc)) && !sl_is_none(p->fget)) {
    sl_value d;
    if (sl_vm_getattr(rt, p->fget, "__doc__", &d)) {
      if (!rt->exc || !sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
        sl_decref(rt, o);
        return -1;
      }
      sl_err_clear(rt);
      d = sl_none();
    }
    p->doc = d;
  } else {
    p->doc = sl_is_undef(doc) ? sl_none() : sl_vincref(doc);
  }
  *out = sl_obj_val(o);
  return 0;
}

/* property.getter / setter / deleter: a copy with one function replaced. */
static int property_copy_with(sl_rt *rt, sl_value self, const sl_args *a, int which,
                              sl_value *out) {
  if (a->npos != 1 || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)",
                    which == 0   ? "getter"
                    : which == 1 ? "setter"
                                 : "deleter",
                    a->npos + a->nkw);
  sl_property *p = (sl_property *)self.u.o;
  sl_value f = a->pos[0];
  /* The copy keeps an explicit doc; a doc taken from the old getter is
   * taken again from the new one. */
  if (property_make(rt, which == 0 ? f : p->fget, which == 1 ? f : p->fset,
                    which == 2 ? f : p->fdel, which == 0 ? sl_none() : p->doc, out))
    return -1;
  /* property_copy keeps the name __set_name__ gave. */
  sl_property_set_name(rt, out->u.o, p->name);
  return 0;
}

static int prop_getter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return property_copy_with(rt, self, a, 0, out);
}
static int prop_setter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return property_copy_with(rt, self, a, 1, out);
}
static int prop_deleter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return property_copy_with(rt, self, a, 2, out);
}

static const sl_cfunc_def property_methods[] = {{"getter", prop_getter, NULL, 0},
                                                {"setter", prop_setter, NULL, 0},
                                                {"deleter", prop_deleter, NULL, 0},
                                                {NULL, NULL, NULL, 0}};

/* property/classmethod/staticmethod.__isabstractmethod__: whether what
 * they wrap is abstract (abc.abstractmethod). */
static int abstract_attr(sl_rt *rt, sl_value v, sl_value *out) {
  bool abs;
  if (sl__abc_is_abstract(rt, v, &abs)) return -1;
  *out = sl_bool(abs);
  return 0;
}

static int property_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_property *p = (sl_property *)o;
  const sl_value *field = !strcmp(name, "fget")      ? &p->fget
                          : !strcmp(name, "fset")    ? &p->fset
                          : !strcmp(name, "fdel")    ? &p->fdel
                          : !strcmp(name, "__doc__") ? &p->doc
                                                     : NULL;
  if (field) {
    *out = sl_vincref(*field);
    return 0;
  }
  int r = sl_methods_lookup(rt, sl_obj_val(o), property_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  if (!strcmp(name, "__isabstractmethod__")) return abstract_attr(rt, sl_obj_val(o), out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'property' object has no attribute '%s'", name);
}

const sl_type sl_property_type = {.name = "property",
                                  .clear = property_clear,
                                  .repr = property_repr,
                                  .getattr = property_getattr,
                                  .size = sizeof(sl_property)};

static int ct_property(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"fget", "fset", "fdel", "doc"};
  sl_value v[4];
  if (sl_args_bind(rt, a, "property", names, 4, 0, 4, v)) return -1;
  return property_make(rt, v[0], v[1], v[2], v[3], out);
}
const sl_cfunc_def sl__ctor_property = {"property", ct_property, NULL, 0};

void sl_property_set_name(sl_rt *rt, sl_obj *prop, sl_value name) {
  sl_vset(rt, &((sl_property *)prop)->name, sl_vincref(name));
}

/* Raises CPython's "property 'x' of 'C' object has no <what>". The name
 * is the one __set_name__ gave; 3.13+ (property.__name__) falls back to
 * the getter's __name__; without a name the text omits it. */
static int property_error(sl_rt *rt, sl_property *p, const char *owner, const char *what) {
  sl_value n = sl_vincref(p->name);
  if (!sl_is_str(n) && sl__py_minor(rt) >= 13 && !sl_is_none(p->fget)) {
    if (sl_vm_getattr(rt, p->fget, "__name__", &n)) {
      if (!rt->exc || !sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) return -1;
      sl_err_clear(rt);
      n = sl_none();
    }
  }
  int rc;
  if (sl_is_str(n))
    rc = sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "property '%s' of '%s' object has no %s",
                  sl_str_cstr(n.u.o), owner, what);
  else
    rc = sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "property of '%s' object has no %s", owner, what);
  sl_vdecref(rt, n);
  return rc;
}

int sl_property_get(sl_rt *rt, sl_obj *prop, sl_value obj, const char *owner, sl_value *out) {
  sl_property *p = (sl_property *)prop;
  if (sl_is_none(p->fget)) return property_error(rt, p, owner, "getter");
  return sl_vm_call_pos(rt, p->fget, &obj, 1, out);
}

int sl_property_set(sl_rt *rt, sl_obj *prop, sl_value obj, const char *owner, sl_value v) {
  sl_property *p = (sl_property *)prop;
  bool del = sl_is_undef(v);
  sl_value f = del ? p->fdel : p->fset;
  if (sl_is_none(f)) return property_error(rt, p, owner, del ? "deleter" : "setter");
  sl_value argv[2] = {obj, v}, res;
  if (sl_vm_call_pos(rt, f, argv, del ? 1 : 2, &res)) return -1;
  sl_vdecref(rt, res);
  return 0;
}

/* ---- classmethod, staticmethod --------------------------------------------------- */

static void wrapper_clear(sl_rt *rt, sl_obj *o) {
  sl_vset(rt, &((sl_methwrap *)o)->func, sl_undef());
}

static int wrapper_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<%s(", o->type->name);
  if (sl_vm_repr(rt, ((sl_methwrap *)o)->func, out)) return -1;
  sl_strbuf_puts(out, ")>");
  return 0;
}

/* __func__, and the wrapped function's __name__, __doc__, ... (3.10+
 * copies them with functools.update_wrapper semantics). */
static int wrapper_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_methwrap *w = (sl_methwrap *)o;
  if (!strcmp(name, "__func__") || !strcmp(name, "__wrapped__")) {
    *out = sl_vincref(w->func);
    return 0;
  }
  if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__") || !strcmp(name, "__doc__") ||
      !strcmp(name, "__module__"))
    return sl_vm_getattr(rt, w->func, name, out);
  if (!strcmp(name, "__isabstractmethod__")) return abstract_attr(rt, sl_obj_val(o), out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                  name);
}

/* staticmethod objects are callable from 3.10 on. */
static int staticmethod_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  return sl_vm_call(rt, ((sl_methwrap *)o)->func, args, out);
}

const sl_type sl_classmethod_type = {.name = "classmethod",
                                     .clear = wrapper_clear,
                                     .repr = wrapper_repr,
                                     .getattr = wrapper_getattr,
                                     .size = sizeof(sl_methwrap)};
const sl_type sl_staticmethod_type = {.name = "staticmethod",
                                      .clear = wrapper_clear,
                                      .repr = wrapper_repr,
                                      .getattr = wrapper_getattr,
                                      .call = staticmethod_call,
                                      .size = sizeof(sl_methwrap)};

static int wrap_new(sl_rt *rt, const sl_type *t, const sl_args *a, sl_value *out) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", t->name);
  if (a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected 1 argument, got %zu", t->name, a->npos);
  sl_obj *o = sl_obj_alloc(rt, t);
  if (!o) return -1;
  ((sl_methwrap *)o)->func = sl_vincref(a->pos[0]);
  *out = sl_obj_val(o);
  return 0;
}

static int ct_classmethod(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return wrap_new(rt, &sl_classmethod_type, a, out);
}
static int ct_staticmethod(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return wrap_new(rt, &sl_staticmethod_type, a, out);
}
const sl_cfunc_def sl__ctor_classmethod = {"classmethod", ct_classmethod, NULL, 0};
const sl_cfunc_def sl__ctor_staticmethod = {"staticmethod", ct_staticmethod, NULL, 0};

int sl_descr_bind(sl_rt *rt, sl_value attr, sl_value obj, sl_value cls, sl_value *out) {
  if (sl_is_type(attr, &sl_staticmethod_type)) {
    *out = sl_vincref(((sl_methwrap *)attr.u.o)->func);
    return 1;
  }
  if (sl_is_obj(attr) && (attr.u.o->type->flags & SL_TF_BINDS) && sl_is_type(obj, &sl_exc_type)) {
    sl_obj *b = sl_bound_new(rt, attr, obj);
    if (!b) return -1;
    *out = sl_obj_val(b);
    return 1;
  }
  if (sl_is_type(attr, &sl__cached_property_type) && sl_is_type(obj, &sl_exc_type))
    return sl__cached_property_get(rt, attr, obj, cls, out);
  if (sl_is_type(attr, &sl_classmethod_type)) {
    sl_obj *b = sl_bound_new(rt, ((sl_methwrap *)attr.u.o)->func, cls);
    if (!b) return -1;
    *out = sl_obj_val(b);
    return 1;
  }
  return 0;
}
