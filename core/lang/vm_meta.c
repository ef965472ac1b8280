/* Metaclasses: classes deriving from `type` (their instances are classes)
 * and the class statement's keywords. Mirrors Python/bltinmodule.c's
 * __build_class__ (the metaclass keyword, __prepare__, calling the
 * metaclass) and Objects/typeobject.c's _PyType_CalculateMetaclass,
 * type_call, type_new's dispatch and type_getattro's second half (the
 * metaclass's attributes seen through its classes).
 *
 * A class made by a metaclass M is an ordinary sl_class whose `meta` is
 * M; M is a scenario class (or abc.ABCMeta) with SL__CLS_META. Calling M
 * runs type.__call__: M.__new__ (the scenario's, else type.__new__), then
 * M.__init__ when the result is an instance of M. Calling a class whose
 * metaclass defines __call__ runs that method with the class as self;
 * its super().__call__(...) is type.__call__, which makes the instance as
 * usual. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/ops-int.h"
#include "core/lang/usermod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

int sl__call_method(sl_rt *rt, sl_value obj, const char *name, const sl_value *args, size_t nargs,
                    sl_value *out) {
  sl_value m, r = sl_none();
  if (sl_vm_getattr(rt, obj, name, &m)) return -1;
  int rc = sl_vm_call_pos(rt, m, args, nargs, &r);
  sl_vdecref(rt, m);
  if (rc) return -1;
  if (out)
    *out = r;
  else
    sl_vdecref(rt, r);
  return 0;
}

int sl__call_with_kwdict(sl_rt *rt, sl_value fn, const sl_value *argv, size_t argc, sl_obj *kw,
                         sl_value *out) {
  size_t n = kw ? sl_dict_len(kw) : 0;
  if (!n) return sl_vm_call_pos(rt, fn, argv, argc, out);
  sl_value *vals = sl_malloc(n * sizeof *vals);
  sl_obj **names = sl_malloc(n * sizeof *names);
  if (!vals || !names) {
    sl_free(vals);
    sl_free(names);
    return sl_nomem(rt);
  }
  size_t pos = 0, i = 0;
  sl_value k, v;
  int rc = 0;
  while (i < n && sl_dict_next(kw, &pos, &k, &v)) {
    if (!sl_is_str(k)) {
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "keywords must be strings");
      break;
    }
    names[i] = k.u.o;
    vals[i++] = v;
  }
  if (!rc) {
    sl_args a = {argv, argc, vals, names, i};
    rc = sl_call(rt, fn, &a, out);
  }
  sl_free(vals);
  sl_free(names);
  return rc;
}

int sl__meta_split_kw(sl_rt *rt, sl_obj *kw, sl_value *meta, sl_obj **rest) {
  *meta = sl_undef();
  *rest = NULL;
  bool found = false;
  if (sl_dict_get_str(rt, kw, "metaclass", meta, &found)) return -1;
  if (!found) {
    sl_incref(kw);
    *rest = kw;
    return 0;
  }
  sl_obj *d = sl_dict_new(rt), *key = sl_str_from_cstr(rt, "metaclass");
  int rc = !d || !key || sl__dict_update(rt, d, sl_obj_val(kw)) ||
           sl_dict_del(rt, d, sl_obj_val(key), &found);
  sl_decref(rt, key);
  if (rc) {
    sl_decref(rt, d);
    sl_vset(rt, meta, sl_undef());
    return -1;
  }
  *rest = d;
  return 0;
}

static bool is_type_itself(sl_value v) {
  return sl_is_type(v, &sl_typeobj_type) && !((sl_typeobj *)v.u.o)->cls &&
         !strcmp(((sl_typeobj *)v.u.o)->name, "type");
}

/* Whether metaclass a (NULL: type) derives from b (NULL: type). */
static bool meta_sub(sl_obj *a, sl_obj *b) {
  if (!b) return true;
  return a && sl_class_is_subclass(a, b);
}

int sl__meta_winner(sl_rt *rt, const sl_value *bases, size_t n, sl_value *meta) {
  if (is_type_itself(*meta)) sl_vset(rt, meta, sl_undef());
  /* A metaclass that is not a class (a function) is called as it is. */
  if (!sl_is_undef(*meta) && !sl_is_type(*meta, &sl_class_type)) return 0;
  sl_obj *w = sl_is_undef(*meta) ? NULL : meta->u.o;
  if (w && !(sl_as_class(w)->lang_flags & SL__CLS_META))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: metaclass %s does not derive from type (a metaclass must)",
                    sl_str_cstr(sl_as_class(w)->name));
  for (size_t i = 0; i < n; i++) {
    sl_obj *bm = sl_as_class(bases[i].u.o)->meta;
    if (meta_sub(w, bm)) continue;
    if (meta_sub(bm, w)) {
      w = bm;
      continue;
    }
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                    "subclass of the metaclasses of all its bases");
  }
  sl_value res = w ? sl_vincref(sl_obj_val(w)) : sl_undef();
  sl_vdecref(rt, *meta);
  *meta = res;
  return 0;
}

int sl__meta_prepare(sl_rt *rt, sl_value meta, sl_obj *name, sl_obj *bases, sl_obj *kw,
                     sl_obj **ns) {
  *ns = NULL;
  if (!sl_is_type(meta, &sl_class_type)) return 0;
  sl_value fn;
  int r = sl__class_lookup(rt, meta.u.o, "__prepare__", &fn);
  if (r <= 0) return r;
  sl_vdecref(rt, fn);
  /* Read as an attribute, so a classmethod binds to the metaclass. */
  if (sl_vm_getattr(rt, meta, "__prepare__", &fn)) return -1;
  sl_value argv[2] = {sl_obj_val(name), sl_obj_val(bases)}, res;
  int rc = sl__call_with_kwdict(rt, fn, argv, 2, kw, &res);
  sl_vdecref(rt, fn);
  if (rc) return -1;
  if (!sl__is_dict(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: %s.__prepare__() must return a dict (here: %s); other mappings "
                    "as a class namespace are not supported",
                    sl_str_cstr(sl_as_class(meta.u.o)->name), tn);
  }
  *ns = res.u.o;
  return 0;
}

const char *sl__meta_module_name(sl_rt *rt, sl_obj *name) {
  const sl_usermod *u = sl_usermod_by_name(rt, sl_str_cstr(name));
  return u ? u->file.name : "__main__";
}

/* ---- type.__new__, type.__init__, type.__call__ ------------------------------ */

/* type.__call__(M, name, bases, ns, **kw) for a metaclass M: M.__new__
 * (the scenario's, else type.__new__), then M.__init__ when the result
 * is an instance of M. */
static int meta_make(sl_rt *rt, sl_obj *m, const sl_args *args, sl_value *out) {
  sl_value fn, res;
  int r = sl__class_lookup(rt, m, "__new__", &fn);
  if (r < 0) return -1;
  if (r == 0) {
    if (args->npos != 3)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "type.__new__() takes exactly 3 arguments (%zu given)",
                      args->npos);
    sl_obj *kw = NULL;
    if (args->nkw && !(kw = sl_dict_new(rt))) return -1;
    for (size_t i = 0; i < args->nkw; i++)
      if (sl_dict_set(rt, kw, sl_obj_val(args->kwnames[i]), args->kwvals[i])) {
        sl_decref(rt, kw);
        return -1;
      }
    int rc = sl__type_new(rt, m, args->pos[0], args->pos[1], args->pos[2], kw, out);
    sl_decref(rt, kw);
    if (rc) return -1;
  } else {
    if (sl_is_type(fn, &sl_staticmethod_type)) {
      sl_value f = sl_vincref(((sl_methwrap *)fn.u.o)->func);
      sl_vdecref(rt, fn);
      fn = f;
    }
    sl_value *argv = sl_malloc((args->npos + 1) * sizeof *argv);
    if (!argv) {
      sl_vdecref(rt, fn);
      return sl_nomem(rt);
    }
    argv[0] = sl_obj_val(m);
    for (size_t i = 0; i < args->npos; i++) argv[i + 1] = args->pos[i];
    sl_args a = {argv, args->npos + 1, args->kwvals, args->kwnames, args->nkw};
    int rc = sl_call(rt, fn, &a, out);
    sl_free(argv);
    sl_vdecref(rt, fn);
    if (rc) return -1;
  }
  /* type_call: __init__ only for an instance of m. */
  if (!sl_is_type(*out, &sl_class_type) || !meta_sub(sl_as_class(out->u.o)->meta, m)) return 0;
  r = sl__class_lookup(rt, m, "__init__", &fn);
  if (r <= 0) return r < 0 ? (sl_vdecref(rt, *out), -1) : 0;
  int rc = sl__call_bound(rt, fn, *out, args, &res);
  sl_vdecref(rt, fn);
  if (!rc && !sl_is_none(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "__init__() should return None, not '%s'", tn);
  }
  if (rc) {
    sl_vdecref(rt, *out);
    return -1;
  }
  return 0;
}

int sl__meta_type_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  return meta_make(rt, cls, args, out);
}

int sl__meta_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  sl_value fn;
  int r = sl__class_lookup(rt, sl_as_class(cls)->meta, "__call__", &fn);
  if (r < 0) return -1;
  if (r == 0) return sl__type_call(rt, cls, args, out);
  int rc = sl__call_bound(rt, fn, sl_obj_val(cls), args, out);
  sl_vdecref(rt, fn);
  return rc;
}

/* The class (or metaclass) a type.* method was given first. */
static int first_class(sl_rt *rt, const sl_args *a, const char *what, sl_obj **cls) {
  if (a->npos < 1 || !sl_is_type(a->pos[0], &sl_class_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "descriptor '%s' requires a 'type' object", what);
  *cls = a->pos[0].u.o;
  return 0;
}

static int type_new_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos >= 1 && is_type_itself(a->pos[0])) {
    sl_args rest = {a->pos + 1, a->npos - 1, a->kwvals, a->kwnames, a->nkw};
    if (rest.npos == 1 && !rest.nkw) return sl_type_of(rt, rest.pos[0], out);
    if (rest.npos != 3) return sl_raise(rt, SL_EXC_TYPE_ERROR, "type() takes 1 or 3 arguments");
    return sl__type_new(rt, NULL, rest.pos[0], rest.pos[1], rest.pos[2], NULL, out);
  }
  sl_obj *m = NULL;
  if (first_class(rt, a, "__new__", &m)) return -1;
  if (!(sl_as_class(m)->lang_flags & SL__CLS_META))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type.__new__(%s): %s is not a subtype of type",
                    sl_str_cstr(sl_as_class(m)->name), sl_str_cstr(sl_as_class(m)->name));
  if (a->npos != 4)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type.__new__() takes exactly 3 arguments (%zu given)",
                    a->npos - 1);
  sl_obj *kw = NULL;
  if (a->nkw && !(kw = sl_dict_new(rt))) return -1;
  for (size_t i = 0; i < a->nkw; i++)
    if (sl_dict_set(rt, kw, sl_obj_val(a->kwnames[i]), a->kwvals[i])) {
      sl_decref(rt, kw);
      return -1;
    }
  int rc = sl__type_new(rt, m, a->pos[1], a->pos[2], a->pos[3], kw, out);
  sl_decref(rt, kw);
  return rc;
}

/* type.__init__ checks nothing that programs rely on. */
static int type_init_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_obj *cls = NULL;
  if (first_class(rt, a, "__init__", &cls)) return -1;
  *out = sl_none();
  return 0;
}

static int type_call_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_obj *cls = NULL;
  if (first_class(rt, a, "__call__", &cls)) return -1;
  sl_args rest = {a->pos + 1, a->npos - 1, a->kwvals, a->kwnames, a->nkw};
  return sl__type_call(rt, cls, &rest, out);
}

static const sl_cfunc_def type_new_def = {"type.__new__", type_new_fn, "user", SL_CANON_LABEL};
static const sl_cfunc_def type_init_def = {"type.__init__", type_init_fn, "user", SL_CANON_LABEL};
static const sl_cfunc_def type_call_def = {"type.__call__", type_call_fn, "user", SL_CANON_LABEL};

int sl__meta_builtin_method(sl_rt *rt, const char *name, sl_value *out) {
  const sl_cfunc_def *d = !strcmp(name, "__new__")    ? &type_new_def
                          : !strcmp(name, "__init__") ? &type_init_def
                          : !strcmp(name, "__call__") ? &type_call_def
                                                      : NULL;
  if (!d) return 0;
  sl_obj *f = sl_cfunc_new(rt, d, sl_undef());
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 1;
}

int sl__meta_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  sl_obj *meta = sl_as_class(cls)->meta;
  if (!meta) return 0;
  sl_value v;
  int r = sl__class_lookup(rt, meta, name, &v);
  if (r <= 0) return r;
  return sl__bind_class_attr(rt, v, sl_obj_val(cls), meta, out) ? -1 : 1;
}
