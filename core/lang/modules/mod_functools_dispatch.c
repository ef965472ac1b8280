/* functools.singledispatch (Lib/functools.py): a function that dispatches
 * on the class of its first argument. The registry maps classes to
 * implementations (object: the decorated function); a call picks the
 * most derived registered class that type(arg) derives from (for single
 * inheritance the first of its __mro__, as _find_impl). register(cls) and
 * register(cls, func) add one; register() returns the function it was
 * given, as CPython's does. Plain @register (the class from the first
 * annotation) is refused with a hint: simloop keeps no function
 * annotations (docs/language.md). `registry` is a live, read-only
 * mappingproxy of the mapping, as CPython's. Other differences: abstract base classes
 * (collections.abc) and union types are not dispatch targets, and there is
 * no dispatch cache to clear. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_functools-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct dispatcher {
  sl_obj hdr;
  sl_obj *registry; /* owned dict class -> implementation */
  sl_obj *attrs;    /* owned dict: __wrapped__, __name__, ... (update_wrapper) */
} dispatcher;

static void sd_clear(sl_rt *rt, sl_obj *o) {
  dispatcher *d = (dispatcher *)o;
  sl_decref(rt, d->registry);
  sl_decref(rt, d->attrs);
  d->registry = d->attrs = NULL;
}

/* builtins.NAME(a, b) as a truth value: isinstance, issubclass. */
static int builtin_test(sl_rt *rt, const char *name, sl_value a, sl_value b, bool *res) {
  sl_value fn, r;
  bool found = false;
  if (sl_dict_get_str(rt, sl_builtins_dict(rt), name, &fn, &found)) return -1;
  if (!found) return sl_raise(rt, SL_EXC_NAME_ERROR, "name '%s' is not defined", name);
  sl_value argv[2] = {a, b};
  int rc = sl_call_pos(rt, fn, argv, 2, &r);
  sl_vdecref(rt, fn);
  if (rc) return -1;
  rc = sl_truth(rt, r, res);
  sl_vdecref(rt, r);
  return rc;
}

/* isinstance(v, type): v is a class. */
static int is_class(sl_rt *rt, sl_value v, bool *res) {
  sl_value type_cls;
  bool found = false;
  if (sl_dict_get_str(rt, sl_builtins_dict(rt), "type", &type_cls, &found)) return -1;
  int rc = found ? builtin_test(rt, "isinstance", v, type_cls, res) : (*res = false, 0);
  if (found) sl_vdecref(rt, type_cls);
  return rc;
}

/* dispatch(cls): the implementation registered for the most derived of
 * the registered classes cls derives from (for single inheritance, the
 * first of cls.__mro__ in the registry, as _find_impl picks). New
 * reference. */
static int dispatch_cls(sl_rt *rt, dispatcher *d, sl_value cls, sl_value *out) {
  size_t pos = 0;
  sl_value k, v, best = sl_undef(), impl = sl_undef();
  while (sl_dict_next(d->registry, &pos, &k, &v)) {
    bool sub, better = true;
    if (builtin_test(rt, "issubclass", cls, k, &sub)) return -1;
    if (!sub) continue;
    if (!sl_is_undef(best) && builtin_test(rt, "issubclass", k, best, &better)) return -1;
    if (better) best = k, impl = v;
  }
  if (sl_is_undef(impl)) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "no implementation found");
  return *out = sl_vincref(impl), 0;
}

static int sd_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  dispatcher *d = (dispatcher *)o;
  if (!args->npos) {
    sl_value name;
    bool found = false;
    if (sl_dict_get_str(rt, d->attrs, "__name__", &name, &found)) return -1;
    int rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "%s requires at least 1 positional argument",
                      found && sl_is_str(name) ? sl_str_cstr(name.u.o) : "singledispatch function");
    if (found) sl_vdecref(rt, name);
    return rc;
  }
  sl_value cls, impl;
  if (sl_type_of(rt, args->pos[0], &cls)) return -1;
  int rc = dispatch_cls(rt, d, cls, &impl);
  sl_vdecref(rt, cls);
  if (rc) return -1;
  rc = sl_vm_call(rt, impl, args, out);
  sl_vdecref(rt, impl);
  return rc;
}

static int sd_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  dispatcher *d = (dispatcher *)o;
  sl_value q;
  bool found = false;
  if (sl_dict_get_str(rt, d->attrs, "__qualname__", &q, &found)) return -1;
  sl_strbuf_printf(out, "<function %s at %p>",
                   found && sl_is_str(q) ? sl_str_cstr(q.u.o) : "singledispatch", (void *)o);
  if (found) sl_vdecref(rt, q);
  return 0;
}

/* registry[cls] = func; returns func. */
static int put(sl_rt *rt, dispatcher *d, sl_value cls, sl_value func, sl_value *out) {
  if (sl_dict_set(rt, d->registry, cls, func)) return -1;
  return *out = sl_vincref(func), 0;
}

/* The class of func's first annotation (new reference), as
 * get_type_hints(func) gives it. */
static int annotated_class(sl_rt *rt, sl_value func, sl_value *out) {
  sl_value ann;
  bool empty = true;
  if (sl_vm_getattr(rt, func, "__annotations__", &ann)) {
    if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
    sl_err_clear(rt);
    ann = sl_none();
  }
  size_t pos = 0;
  sl_value k, v;
  if (sl_is_type(ann, &sl_dict_type) && sl_dict_next(ann.u.o, &pos, &k, &v)) empty = false;
  int rc = 0;
  if (empty) {
    /* CPython reads the class from the annotation; simloop keeps no
     * function annotations (docs/language.md), so it cannot. */
    sl_strbuf b = SL_STRBUF_INIT;
    rc = sl_vm_repr(rt, func, &b);
    if (!rc)
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Invalid first argument to `register()`: %s. simloop does not keep function "
                    "annotations: use `@register(some_class)`",
                    sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
  } else {
    bool cls;
    rc = is_class(rt, v, &cls);
    if (!rc && cls) {
      *out = sl_vincref(v);
    } else if (!rc) {
      sl_strbuf b = SL_STRBUF_INIT;
      sl_strbuf_puts(&b, "Invalid annotation for ");
      rc = sl_vm_repr(rt, k, &b);
      sl_strbuf_puts(&b, ". ");
      if (!rc) rc = sl_vm_repr(rt, v, &b);
      if (!rc) rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "%s is not a class.", sl_strbuf_cstr(&b));
      sl_strbuf_free(&b);
    }
  }
  sl_vdecref(rt, ann);
  return rc ? -1 : 0;
}

/* The decorator register(cls) returns: self is (dispatcher, cls). */
static int register_with(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "<lambda>() takes 1 positional argument");
  sl_tuple *t = sl_as_tuple(self.u.o);
  return put(rt, (dispatcher *)t->items[0].u.o, t->items[1], args->pos[0], out);
}

/* register(cls, func=None) */
static int m_register(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"cls", "func"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "register", names, 2, 1, 2, a)) return -1;
  dispatcher *d = (dispatcher *)self.u.o;
  bool cls_given;
  if (is_class(rt, a[0], &cls_given)) return -1;
  if (cls_given) {
    if (!sl_is_undef(a[1]) && !sl_is_none(a[1])) return put(rt, d, a[0], a[1], out);
    sl_value pair[2] = {self, a[0]};
    sl_obj *t = sl_tuple_new(rt, pair, 2);
    static const sl_cfunc_def def = {"singledispatch.<locals>.register.<locals>.<lambda>",
                                     register_with, NULL, 0};
    sl_obj *f = t ? sl_cfunc_new(rt, &def, sl_obj_val(t)) : NULL;
    sl_decref(rt, t);
    return f ? (*out = sl_obj_val(f), 0) : -1;
  }
  if (!sl_is_undef(a[1]) && !sl_is_none(a[1])) {
    sl_strbuf b = SL_STRBUF_INIT;
    sl_strbuf_puts(&b, "Invalid first argument to `register()`. ");
    int rc = sl_vm_repr(rt, a[0], &b);
    if (!rc)
      sl_raise(rt, SL_EXC_TYPE_ERROR, "%s is not a class or union type.", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return -1;
  }
  sl_value cls;
  if (annotated_class(rt, a[0], &cls)) return -1;
  int rc = put(rt, d, cls, a[0], out);
  sl_vdecref(rt, cls);
  return rc;
}

static int m_dispatch(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"cls"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "dispatch", names, 1, 1, 1, a)) return -1;
  return dispatch_cls(rt, (dispatcher *)self.u.o, a[0], out);
}

static const sl_cfunc_def sd_methods[] = {
    {"singledispatch.<locals>.register", m_register, NULL, 0},
    {"singledispatch.<locals>.dispatch", m_dispatch, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int sd_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  dispatcher *d = (dispatcher *)o;
  if (!strcmp(name, "__dict__")) return *out = sl_vincref(sl_obj_val(d->attrs)), 0;
  /* types.MappingProxyType(registry): live and read-only */
  if (!strcmp(name, "registry")) return sl__mappingproxy_new(rt, d->registry, out);
  bool found = false;
  if (sl_dict_get_str(rt, d->attrs, name, out, &found)) return -1;
  if (found) return 0;
  for (const sl_cfunc_def *m = sd_methods; m->name; m++) {
    if (strcmp(strrchr(m->name, '.') + 1, name)) continue;
    sl_obj *f = sl_cfunc_new(rt, m, sl_obj_val(o));
    return f ? (*out = sl_obj_val(f), 0) : -1;
  }
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'function' object has no attribute '%s'", name);
}

static int sd_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  dispatcher *d = (dispatcher *)o;
  if (sl_is_undef(v)) {
    sl_obj *k = sl_str_from_cstr(rt, name);
    bool found = false;
    int rc = k ? sl_dict_del(rt, d->attrs, sl_obj_val(k), &found) : -1;
    sl_decref(rt, k);
    return rc;
  }
  return sl_dict_set_str(rt, d->attrs, name, v);
}

/* SL_TF_BINDS: in a class body it binds to the instance, as the function
 * CPython's singledispatch returns does. */
static const sl_type dispatcher_type = {.name = "function",
                                        .clear = sd_clear,
                                        .repr = sd_repr,
                                        .call = sd_call,
                                        .getattr = sd_getattr,
                                        .setattr = sd_setattr,
                                        .flags = SL_TF_BINDS,
                                        .size = sizeof(dispatcher)};

/* singledispatch(func) */
static int f_singledispatch(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"func"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "singledispatch", names, 1, 1, 1, a)) return -1;
  dispatcher *d = (dispatcher *)sl_obj_alloc(rt, &dispatcher_type);
  if (!d) return -1;
  sl_value object_cls;
  bool found = false;
  int rc = !(d->registry = sl_dict_new(rt)) || !(d->attrs = sl_dict_new(rt)) ||
           sl_dict_get_str(rt, sl_builtins_dict(rt), "object", &object_cls, &found);
  if (!rc && found) {
    /* registry[object] = func */
    rc = sl_dict_set(rt, d->registry, object_cls, a[0]);
    sl_vdecref(rt, object_cls);
  }
  if (!rc) rc = sl__functools_update_wrapper(rt, sl_obj_val(&d->hdr), a[0]);
  if (rc) {
    sl_decref(rt, &d->hdr);
    return -1;
  }
  *out = sl_obj_val(&d->hdr);
  return 0;
}

static const sl_cfunc_def singledispatch_def = {"singledispatch", f_singledispatch, NULL, 0};

int sl__functools_dispatch_init(sl_rt *rt, sl_obj *module_dict) {
  return sl_stdmod_add_func(rt, module_dict, &singledispatch_def);
}
