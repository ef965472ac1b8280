/* User exception classes (`class E(Exception): ...`), their instances'
 * attributes and methods, zero-argument super(), and the attribute/call
 * rules the VM applies on top of the engine's generic ones.
 *
 * Classes are core/exc.h sl_class objects whose `attrs` dict holds what the
 * class body defined; instances are sl_exc objects whose `attrs` dict holds
 * what __init__ (or any code) set on them. Calling a class creates the
 * instance with args = the positional arguments (BaseException.__new__),
 * then runs a user __init__ if the class or a base defines one. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/descr.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/lang/usermod.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/tuple.h"

/* Looks `name` up in the attrs of cls and its bases (depth first, left to
 * right: enough for single inheritance and the ExceptionGroup diamond).
 * Returns 1 found (*out new ref), 0 absent, -1 error. */
static int class_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out, int depth);

int sl__class_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  return class_lookup(rt, cls, name, out, 0);
}

static int class_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out, int depth) {
  if (!cls || depth > 64) return 0;
  sl_class *c = sl_as_class(cls);
  if (c->attrs) {
    bool found = false;
    if (sl_dict_get_str(rt, c->attrs, name, out, &found)) return -1;
    if (found) return 1;
  }
  for (int i = 0; i < 2; i++) {
    int r = class_lookup(rt, c->bases[i], name, out, depth + 1);
    if (r) return r;
  }
  return 0;
}

/* Like class_lookup but starting after `start` in the MRO of `cls`
 * (approximated as: the bases of `start`). */
static int super_lookup(sl_rt *rt, sl_obj *start, const char *name, sl_value *out) {
  sl_class *c = sl_as_class(start);
  for (int i = 0; i < 2; i++) {
    int r = class_lookup(rt, c->bases[i], name, out, 0);
    if (r) return r;
  }
  return 0;
}

/* ---- builtin methods of exceptions (BaseException.__init__, __str__) -- */

static int exc_init_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos < 1 || !sl_is_type(args->pos[0], &sl_exc_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "descriptor '__init__' requires a 'BaseException' object");
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments",
                    sl_exc_type_name(args->pos[0].u.o));
  sl_obj *t = sl_tuple_new(rt, args->pos + 1, args->npos - 1);
  if (!t) return -1;
  sl_exc *e = sl_as_exc(args->pos[0].u.o);
  sl_obj *old = e->args;
  e->args = t;
  sl_decref(rt, old);
  *out = sl_none();
  return 0;
}

static int exc_str_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos < 1) return sl_raise(rt, SL_EXC_TYPE_ERROR, "__str__() missing 'self'");
  if (!sl_is_type(args->pos[0], &sl_exc_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "descriptor '__str__' requires an instance");
  sl_strbuf b = SL_STRBUF_INIT;
  /* BaseException's own str() (object.__str__ for plain classes), bypassing
   * the override that called it. */
  sl_obj *o = args->pos[0].u.o;
  int rc = (sl_as_class(sl_as_exc(o)->cls)->lang_flags & SL_CLS_PLAIN)
               ? sl_repr(rt, args->pos[0], &b)
               : sl_exc_str_builtin(rt, o, &b);
  if (!rc) {
    sl_obj *s = sl_str_from_buf(rt, &b);
    if (!s)
      rc = -1;
    else
      *out = sl_obj_val(s);
  }
  sl_strbuf_free(&b);
  return rc;
}

static int exc_repr_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos < 1) return sl_raise(rt, SL_EXC_TYPE_ERROR, "__repr__() missing 'self'");
  if (!sl_is_type(args->pos[0], &sl_exc_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "descriptor '__repr__' requires an instance");
  sl_strbuf b = SL_STRBUF_INIT;
  sl_obj *o = args->pos[0].u.o;
  int rc = (sl_as_class(sl_as_exc(o)->cls)->lang_flags & SL_CLS_PLAIN)
               ? sl__plain_repr(rt, o, &b)
               : sl_exc_repr_builtin(rt, o, &b);
  if (!rc) {
    sl_obj *s = sl_str_from_buf(rt, &b);
    if (!s)
      rc = -1;
    else
      *out = sl_obj_val(s);
  }
  sl_strbuf_free(&b);
  return rc;
}

static const sl_cfunc_def exc_init_def = {"BaseException.__init__", exc_init_fn, "user",
                                          SL_CANON_LABEL};
static const sl_cfunc_def exc_str_def = {"BaseException.__str__", exc_str_fn, "user",
                                         SL_CANON_LABEL};
static const sl_cfunc_def exc_repr_def = {"BaseException.__repr__", exc_repr_fn, "user",
                                          SL_CANON_LABEL};

static int generic_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val);

/* object.__setattr__(self, name, value) / object.__delattr__(self, name):
 * the instance dict and properties, bypassing the class's override that
 * calls them. */
static int obj_setattr_common(sl_rt *rt, bool del, const sl_args *args, sl_value *out) {
  size_t want = del ? 2 : 3;
  if (args->npos != want || args->nkw || !sl_is_str(args->pos[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected %zu arguments, got %zu", want - 1,
                    args->npos ? args->npos - 1 : 0);
  if (generic_setattr(rt, args->pos[0], sl_str_cstr(args->pos[1].u.o),
                      del ? sl_undef() : args->pos[2]))
    return -1;
  *out = sl_none();
  return 0;
}
static int obj_setattr_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return obj_setattr_common(rt, false, args, out);
}
static int obj_delattr_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return obj_setattr_common(rt, true, args, out);
}
/* object.__init_subclass__: nothing to do, and no keywords accepted. */
static int obj_init_subclass_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.__init_subclass__() takes no keyword arguments",
                    args->npos && sl_is_type(args->pos[0], &sl_class_type)
                        ? sl_str_cstr(sl_as_class(args->pos[0].u.o)->name)
                        : "object");
  *out = sl_none();
  return 0;
}
static const sl_cfunc_def obj_init_subclass_def = {"object.__init_subclass__", obj_init_subclass_fn,
                                                   "user", SL_CANON_LABEL};
static const sl_cfunc_def obj_setattr_def = {"object.__setattr__", obj_setattr_fn, "user",
                                             SL_CANON_LABEL};
static const sl_cfunc_def obj_delattr_def = {"object.__delattr__", obj_delattr_fn, "user",
                                             SL_CANON_LABEL};

static const sl_cfunc_def obj_new_def;

/* BaseException's own methods as unbound callables. */
static int builtin_method(sl_rt *rt, const char *name, sl_value *out) {
  const sl_cfunc_def *d = !strcmp(name, "__init__")            ? &exc_init_def
                          : !strcmp(name, "__str__")           ? &exc_str_def
                          : !strcmp(name, "__repr__")          ? &exc_repr_def
                          : !strcmp(name, "__setattr__")       ? &obj_setattr_def
                          : !strcmp(name, "__delattr__")       ? &obj_delattr_def
                          : !strcmp(name, "__init_subclass__") ? &obj_init_subclass_def
                          : !strcmp(name, "__new__")           ? &obj_new_def
                                                               : NULL;
  if (!d) return 0;
  sl_obj *f = sl_cfunc_new(rt, d, sl_undef());
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 1;
}

/* ---- super ------------------------------------------------------------- */

typedef struct sl_super {
  sl_obj hdr;
  sl_value cls, self; /* owned */
} sl_super;

static void super_clear(sl_rt *rt, sl_obj *o) {
  sl_vset(rt, &((sl_super *)o)->cls, sl_undef());
  sl_vset(rt, &((sl_super *)o)->self, sl_undef());
}

static int super_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_super *s = (sl_super *)o;
  sl_value v;
  int r = super_lookup(rt, s->cls.u.o, name, &v);
  if (r == 0) {
    r = sl__native_super_attr(rt, s->cls.u.o, s->self, name, out);
    if (r) return r < 0 ? -1 : 0;
    r = builtin_method(rt, name, &v);
  }
  if (r < 0) return -1;
  if (r == 0)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'super' object has no attribute '%s'", name);
  /* __new__ is a static method (type_new makes it one): never bound. */
  if (!strcmp(name, "__new__")) {
    if (sl_is_type(v, &sl_staticmethod_type)) {
      sl_value fn = sl_vincref(((sl_methwrap *)v.u.o)->func);
      sl_vdecref(rt, v);
      v = fn;
    }
    *out = v;
    return 0;
  }
  if (sl_is_type(v, &sl_func_type) || sl_is_type(v, &sl_cfunc_type)) {
    sl_obj *b = sl_bound_new(rt, v, s->self);
    sl_vdecref(rt, v);
    if (!b) return -1;
    *out = sl_obj_val(b);
    return 0;
  }
  *out = v;
  return 0;
}

static const sl_type sl_super_type = {
    .name = "super", .clear = super_clear, .getattr = super_getattr, .size = sizeof(sl_super)};

int sl__vm_super_new(sl_rt *rt, sl_value cls, sl_value self, sl_value *out) {
  if (!sl_is_type(cls, &sl_class_type))
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "super(): __class__ cell not found");
  sl_obj *o = sl_obj_alloc(rt, &sl_super_type);
  if (!o) return -1;
  ((sl_super *)o)->cls = sl_vincref(cls);
  ((sl_super *)o)->self = sl_vincref(self);
  *out = sl_obj_val(o);
  return 0;
}

/* ---- classes ------------------------------------------------------------ */

/* type.__new__'s part of class creation that programs observe: a class
 * defining __eq__ without __hash__ gets __hash__ = None (unhashable
 * instances), then the special-method flags are computed. */
static int class_finish(sl_rt *rt, sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  bool has_eq = false, has_hash = false;
  sl_value v;
  if (sl_dict_get_str(rt, c->attrs, "__eq__", &v, &has_eq)) return -1;
  if (has_eq) sl_vdecref(rt, v);
  if (sl_dict_get_str(rt, c->attrs, "__hash__", &v, &has_hash)) return -1;
  if (has_hash) sl_vdecref(rt, v);
  if (has_eq && !has_hash && sl_dict_set_str(rt, c->attrs, "__hash__", sl_none())) return -1;
  return sl__class_flags_compute(rt, cls);
}

/* object.__init_subclass__ does nothing; a base's own runs as a class
 * method (implicitly, as type.__new__ makes it one) with the new class. */
static int init_subclass(sl_rt *rt, sl_obj *cls) {
  sl_value fn;
  int r = super_lookup(rt, cls, "__init_subclass__", &fn);
  if (r <= 0) return r;
  sl_value f = sl_is_type(fn, &sl_classmethod_type) ? ((sl_methwrap *)fn.u.o)->func : fn, res;
  sl_value argv[1] = {sl_obj_val(cls)};
  int rc = sl_vm_call_pos(rt, f, argv, 1, &res);
  sl_vdecref(rt, fn);
  if (rc) return -1;
  sl_vdecref(rt, res);
  return 0;
}

int sl_vm_build_class(sl_rt *rt, sl_value body, sl_obj *name, const sl_value *in_bases,
                      size_t nbases, sl_value *out) {
  sl_value bases[2];
  sl_obj *native = NULL;
  size_t n = 0;
  for (size_t i = 0; i < nbases; i++) {
    sl_value b = in_bases[i];
    /* `class C(object):` is `class C:`. */
    if (sl_is_type(b, &sl_typeobj_type) && !strcmp(((sl_typeobj *)b.u.o)->name, "object")) continue;
    /* An engine class (asyncio.Queue, ...): instances are engine objects. */
    if ((sl__native_base_ok(b) || sl__builtin_base_ok(b)) && !native) {
      native = b.u.o;
      continue;
    }
    if (sl_is_type(b, &sl_class_type) && sl_as_class(b.u.o)->native && !native)
      native = sl_as_class(b.u.o)->native;
    if (!sl_is_type(b, &sl_class_type))
      return sl_raise(
          rt, SL_EXC_TYPE_ERROR,
          "class %s: simloop supports only classes deriving from classes defined in the "
          "scenario, exception classes, dict, list, set, asyncio's Queue, LifoQueue, "
          "PriorityQueue, Lock, Event, Condition, Semaphore, BoundedSemaphore and Future, and "
          "the protocol classes",
          sl_str_cstr(name));
    if (n == 2)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "class %s: simloop supports at most two base classes",
                      sl_str_cstr(name));
    bases[n++] = b;
  }
  nbases = n;
  sl_func *fn = sl_as_func(body.u.o);
  sl_code *co = sl_as_code(fn->code);
  sl_frame *f = sl_frame_new(rt, fn->code, fn->globals, fn->closure);
  if (!f) return -1;
  f->ns = sl_dict_new(rt);
  /* The namespace starts with __module__ and __qualname__, as
   * __build_class__ prepares it. */
  const char *modname = sl_usermod_name_of(rt, fn->globals);
  sl_obj *mod = f->ns ? sl_str_from_cstr(rt, modname) : NULL;
  int rc = !mod || sl_dict_set_str(rt, f->ns, "__module__", sl_obj_val(mod)) ||
           sl_dict_set_str(rt, f->ns, "__qualname__", sl_obj_val(co->qualname));
  sl_decref(rt, mod);
  if (rc) {
    sl_frame_free(rt, f);
    return -1;
  }
  sl_value cell;
  sl_coro_status st = sl_vm_eval(rt, f, SL_RESUME_START, sl_none(), NULL, &cell);
  sl_obj *ns = f->ns;
  sl_incref(ns);
  sl_frame_free(rt, f);
  if (st != SL_CORO_RETURN) {
    sl_decref(rt, ns);
    return -1;
  }
  sl_obj *cls = sl_class_new(rt, sl_str_cstr(name), sl_str_cstr(co->qualname), modname,
                             nbases > 0 ? bases[0].u.o : NULL, nbases > 1 ? bases[1].u.o : NULL);
  if (!cls) {
    sl_decref(rt, ns);
    sl_vdecref(rt, cell);
    return -1;
  }
  sl_as_class(cls)->attrs = ns;
  sl_incref(native);
  sl_as_class(cls)->native = native;
  if (sl_is_type(cell, &sl_cell_type))
    sl_vset(rt, &((sl_cell *)cell.u.o)->v, sl_vincref(sl_obj_val(cls)));
  sl_vdecref(rt, cell);
  if (class_finish(rt, cls) || init_subclass(rt, cls) ||
      ((sl_as_class(cls)->lang_flags & SL__CLS_ENUM) && sl__enum_finish(rt, cls))) {
    sl_decref(rt, cls);
    return -1;
  }
  *out = sl_obj_val(cls);
  return 0;
}

/* Calls an attribute found on a class with `self` bound first. */
int sl__call_bound(sl_rt *rt, sl_value fn, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_is_type(fn, &sl_func_type)) return sl_func_call_self(rt, fn.u.o, self, args, out);
  sl_obj *b = sl_bound_new(rt, fn, self);
  int rc = b ? sl_call(rt, sl_obj_val(b), args, out) : -1;
  sl_decref(rt, b);
  return rc;
}

/* type_call with a scenario __new__ (implicitly a static method): the
 * object it returns is initialised only when it is an instance of cls. */
static int call_user_new(sl_rt *rt, sl_obj *cls, sl_value fn, const sl_args *args, sl_value *out) {
  if (sl_is_type(fn, &sl_staticmethod_type)) fn = ((sl_methwrap *)fn.u.o)->func;
  sl_value *argv = sl_malloc((args->npos + 1) * sizeof *argv);
  if (!argv) return sl_nomem(rt);
  argv[0] = sl_obj_val(cls);
  for (size_t i = 0; i < args->npos; i++) argv[i + 1] = args->pos[i];
  sl_args a = {argv, args->npos + 1, args->kwvals, args->kwnames, args->nkw};
  sl_value obj;
  int rc = sl_call(rt, fn, &a, &obj);
  sl_free(argv);
  if (rc) return -1;
  bool inst = false;
  if (obj.tag == SL_V_OBJ && sl_user_cls_of(obj.u.o))
    inst = sl_class_is_subclass(sl_user_cls_of(obj.u.o), cls);
  if (!inst) return *out = obj, 0;
  sl_value init, res;
  int r = class_lookup(rt, sl_user_cls_of(obj.u.o), "__init__", &init, 0);
  if (r <= 0) return r < 0 ? (sl_vdecref(rt, obj), -1) : (*out = obj, 0);
  rc = sl__call_bound(rt, init, obj, args, &res);
  sl_vdecref(rt, init);
  if (!rc && !sl_is_none(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "__init__() should return None, not '%s'", tn);
  }
  if (rc) {
    sl_vdecref(rt, obj);
    return -1;
  }
  *out = obj;
  return 0;
}

/* object.__new__(cls) / BaseException.__new__(cls, *args), reached
 * through super().__new__(cls) or object.__new__(cls). */
static int obj_new_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos < 1 || !sl_is_type(args->pos[0], &sl_class_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "object.__new__(X): X is not a type object (%s)",
                    args->npos ? sl_type_name(args->pos[0]) : "NoneType");
  sl_obj *cls = args->pos[0].u.o;
  bool plain = sl_as_class(cls)->lang_flags & SL_CLS_PLAIN;
  if (sl_as_class(cls)->native)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: object.__new__(%s) of a class deriving from "
                    "a built-in or asyncio class is not supported",
                    sl_str_cstr(sl_as_class(cls)->name));
  if (plain && (args->npos > 1 || args->nkw))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "object.__new__() takes exactly one argument (the type to instantiate)");
  sl_obj *e = sl_exc_new(rt, cls, plain ? NULL : args->pos + 1, plain ? 0 : args->npos - 1);
  if (!e) return -1;
  *out = sl_obj_val(e);
  return 0;
}

static const sl_cfunc_def obj_new_def = {"object.__new__", obj_new_fn, "user", SL_CANON_LABEL};

int sl__vm_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  if (sl_as_class(cls)->native) return sl__native_call_class(rt, cls, args, out);
  if (sl_as_class(cls)->lang_flags & SL__CLS_ENUM) return sl__enum_call(rt, cls, args, out);
  sl_value init, new_fn;
  int rn = class_lookup(rt, cls, "__new__", &new_fn, 0);
  if (rn < 0) return -1;
  if (rn > 0) {
    int rc = call_user_new(rt, cls, new_fn, args, out);
    sl_vdecref(rt, new_fn);
    return rc;
  }
  bool plain = sl_as_class(cls)->lang_flags & SL_CLS_PLAIN;
  int r = class_lookup(rt, cls, "__init__", &init, 0);
  if (r < 0) return -1;
  if (r == 0) {
    if (plain && (args->npos || args->nkw))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no arguments",
                      sl_str_cstr(sl_as_class(cls)->name));
    if (args->nkw)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments",
                      sl_str_cstr(sl_as_class(cls)->name));
    sl_obj *e = sl_exc_new(rt, cls, args->pos, args->npos);
    if (!e) return -1;
    *out = sl_obj_val(e);
    return 0;
  }
  /* BaseException.__new__ keeps the positional arguments as args;
   * object.__new__ keeps nothing. */
  sl_obj *e = plain ? sl_exc_new(rt, cls, NULL, 0) : sl_exc_new(rt, cls, args->pos, args->npos);
  if (!e) {
    sl_vdecref(rt, init);
    return -1;
  }
  sl_value res;
  int rc = sl__call_bound(rt, init, sl_obj_val(e), args, &res);
  sl_vdecref(rt, init);
  if (rc) {
    sl_decref(rt, e);
    return -1;
  }
  if (!sl_is_none(res)) {
    const char *tn = sl_type_name(res);
    sl_vdecref(rt, res);
    sl_decref(rt, e);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__init__() should return None, not '%s'", tn);
  }
  *out = sl_obj_val(e);
  return 0;
}

int sl_vm_call(sl_rt *rt, sl_value callable, const sl_args *args, sl_value *out) {
  return sl_call(rt, callable, args, out);
}

int sl_vm_call_pos(sl_rt *rt, sl_value callable, const sl_value *argv, size_t argc, sl_value *out) {
  sl_args a = {argv, argc, NULL, NULL, 0};
  return sl_call(rt, callable, &a, out);
}

/* ---- attributes ---------------------------------------------------------- */

static int attr_error(sl_rt *rt, sl_value v, const char *name) {
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", sl_type_name(v),
                  name);
}

static sl_value obj_or_none(sl_obj *o) {
  if (!o) return sl_none();
  sl_incref(o);
  return sl_obj_val(o);
}

/* What reading attribute `v` found on the class of `self` gives:
 * properties run their getter, functions bind, class and static methods
 * unwrap. Steals v. */
int sl__bind_class_attr(sl_rt *rt, sl_value v, sl_value self, sl_obj *cls, sl_value *out) {
  int rc = 0;
  if (sl_is_type(v, &sl_property_type)) {
    rc = sl_property_get(rt, v.u.o, self, sl_type_name(self), out);
  } else if (sl_is_type(v, &sl_func_type) || sl_is_type(v, &sl_cfunc_type)) {
    sl_obj *b = sl_bound_new(rt, v, self);
    if (!b)
      rc = -1;
    else
      *out = sl_obj_val(b);
  } else {
    int r = sl_descr_bind(rt, v, self, sl_obj_val(cls), out);
    if (r == 0) return *out = v, 0;
    rc = r < 0 ? -1 : 0;
  }
  sl_vdecref(rt, v);
  return rc;
}

/* The attribute lookup of an instance without __getattr__: 1 found, 0
 * absent (no exception raised), -1 error. */
static int exc_lookup(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_exc *e = sl_as_exc(o);
  if (!strcmp(name, "args")) return *out = obj_or_none(e->args), 1;
  if (!strcmp(name, "__cause__")) return *out = obj_or_none(e->cause), 1;
  if (!strcmp(name, "__context__")) return *out = obj_or_none(e->context), 1;
  if (!strcmp(name, "__suppress_context__")) return *out = sl_bool(e->suppress_context), 1;
  if (!strcmp(name, "__traceback__")) return *out = sl_none(), 1;
  if (!strcmp(name, "__class__")) return *out = obj_or_none(e->cls), 1;
  if (!strcmp(name, "__dict__")) {
    if (!e->attrs && !(e->attrs = sl_dict_new(rt))) return -1;
    return *out = obj_or_none(e->attrs), 1;
  }
  if (e->attrs) {
    bool found = false;
    if (sl_dict_get_str(rt, e->attrs, name, out, &found)) return -1;
    if (found) return 1;
  }
  if (sl_exc_isinstance(o, SL_EXC_BASE_EXCEPTION_GROUP)) {
    sl_tuple *a = sl_as_tuple(e->args);
    if (!strcmp(name, "message") && a->len >= 1) return *out = sl_vincref(a->items[0]), 1;
    if (!strcmp(name, "exceptions") && a->len >= 2) {
      sl_value x = a->items[1];
      if (sl_is_type(x, &sl_list_type)) {
        sl_obj *t = sl_tuple_new(rt, sl_as_list(x.u.o)->items, sl_as_list(x.u.o)->len);
        if (!t) return -1;
        *out = sl_obj_val(t);
      } else {
        *out = sl_vincref(x);
      }
      return 1;
    }
  }
  sl_value v;
  int r = class_lookup(rt, e->cls, name, &v, 0);
  if (r == 0) r = builtin_method(rt, name, &v);
  if (r <= 0) return r;
  return sl__bind_class_attr(rt, v, sl_obj_val(o), e->cls, out) ? -1 : 1;
}

static int exc_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = exc_lookup(rt, o, name, out);
  if (r) return r < 0 ? -1 : 0;
  sl_class *c = sl_as_class(sl_as_exc(o)->cls);
  if (c->lang_flags & SL__CLS_GETATTR) {
    /* slot_tp_getattr_hook: __getattr__ runs when normal lookup fails. */
    sl_value fn;
    r = class_lookup(rt, sl_as_exc(o)->cls, "__getattr__", &fn, 0);
    if (r < 0) return -1;
    if (r > 0) {
      sl_obj *key = sl_str_from_cstr(rt, name);
      if (!key) {
        sl_vdecref(rt, fn);
        return -1;
      }
      sl_value argv[1] = {sl_obj_val(key)};
      sl_args a = {argv, 1, NULL, NULL, 0};
      int rc = sl__call_bound(rt, fn, sl_obj_val(o), &a, out);
      sl_decref(rt, key);
      sl_vdecref(rt, fn);
      return rc;
    }
  }
  return sl_lang_getattr(rt, sl_obj_val(o), name, out);
}

static int class_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_class *c = sl_as_class(o);
  if (!strcmp(name, "__name__")) {
    *out = obj_or_none(c->name);
    return 0;
  }
  if (!strcmp(name, "__qualname__")) {
    *out = obj_or_none(c->qualname);
    return 0;
  }
  if (!strcmp(name, "__module__")) {
    sl_obj *s = sl_str_from_cstr(rt, c->module);
    if (!s) return -1;
    *out = sl_obj_val(s);
    return 0;
  }
  if (!strcmp(name, "__doc__")) {
    bool found = false;
    if (c->attrs && sl_dict_get_str(rt, c->attrs, "__doc__", out, &found)) return -1;
    if (!found) *out = sl_none();
    return 0;
  }
  if (!strcmp(name, "__dict__") && c->attrs) {
    /* A copy: CPython's is a read-only mappingproxy. */
    sl_obj *d = sl_dict_new(rt);
    if (!d || sl__dict_update(rt, d, sl_obj_val(c->attrs))) {
      sl_decref(rt, d);
      return -1;
    }
    *out = sl_obj_val(d);
    return 0;
  }
  sl_value v;
  int r = class_lookup(rt, o, name, &v, 0);
  if (r == 0 && c->native && strcmp(name, "__init__"))
    return sl_lang_getattr(rt, sl_obj_val(c->native), name, out);
  if (r == 0) r = builtin_method(rt, name, &v);
  if (r < 0) return -1;
  if (r == 0) return sl_lang_getattr(rt, sl_obj_val(o), name, out);
  r = sl_descr_bind(rt, v, sl_none(), sl_obj_val(o), out);
  if (r == 0) {
    *out = v;
    return 0;
  }
  sl_vdecref(rt, v);
  return r < 0 ? -1 : 0;
}

int sl_vm_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  if (sl_is_type(v, &sl_exc_type)) return exc_getattr(rt, v.u.o, name, out);
  if (v.tag == SL_V_OBJ && (v.u.o->size_class & SL_OBJ_EXT_BIT))
    return sl__native_getattr(rt, v, name, out);
  if (sl_is_type(v, &sl_class_type)) return class_getattr(rt, v.u.o, name, out);
  if (sl_is_coro(v) && v.u.o->type != &sl_vmcoro_type && !strcmp(name, "close")) {
    sl_obj *f = sl_cfunc_new(rt, &sl__coro_close_def, v);
    if (!f) return -1;
    *out = sl_obj_val(f);
    return 0;
  }
  int r = sl_asyncio_getattr(rt, v, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_lang_getattr(rt, v, name, out);
}

static int set_in_dict(sl_rt *rt, sl_obj **dict, const char *name, sl_value val, sl_value owner) {
  if (sl_is_undef(val)) {
    bool found = false;
    sl_obj *key = sl_str_from_cstr(rt, name);
    if (!key) return -1;
    int rc = *dict ? sl_dict_del(rt, *dict, sl_obj_val(key), &found) : 0;
    sl_decref(rt, key);
    if (rc) return -1;
    return found ? 0 : attr_error(rt, owner, name);
  }
  if (!*dict && !(*dict = sl_dict_new(rt))) return -1;
  return sl_dict_set_str(rt, *dict, name, val);
}

/* Attributes of an exception instance that live in its C struct. 1 done,
 * 0 not one of them, -1 error. */
static int exc_setattr_builtin(sl_rt *rt, sl_exc *e, const char *name, sl_value val) {
  if (!strcmp(name, "__cause__") || !strcmp(name, "__context__")) {
    sl_obj *x = NULL;
    if (!sl_is_undef(val) && !sl_is_none(val)) {
      if (!sl_is_type(val, &sl_exc_type))
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        "exception %s must be None or derive from BaseException",
                        name[2] == 'c' && name[3] == 'a' ? "cause" : "context");
      x = val.u.o;
      sl_incref(x);
    }
    sl_obj **slot = !strcmp(name, "__cause__") ? &e->cause : &e->context;
    sl_obj *old = *slot;
    *slot = x;
    sl_decref(rt, old);
    if (slot == &e->cause) e->suppress_context = true;
    return 1;
  }
  if (!strcmp(name, "__suppress_context__")) {
    bool t = false;
    if (!sl_is_undef(val) && sl_truth(rt, val, &t)) return -1;
    e->suppress_context = t;
    return 1;
  }
  if (!strcmp(name, "args")) {
    if (sl_is_undef(val)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "args may not be deleted");
    sl_obj *t;
    if (sl_is_type(val, &sl_tuple_type)) {
      t = val.u.o;
      sl_incref(t);
    } else if (sl_is_type(val, &sl_list_type)) {
      t = sl_tuple_new(rt, sl_as_list(val.u.o)->items, sl_as_list(val.u.o)->len);
      if (!t) return -1;
    } else {
      t = sl_tuple_new(rt, &val, 1);
      if (!t) return -1;
    }
    sl_obj *old = e->args;
    e->args = t;
    sl_decref(rt, old);
    return 1;
  }
  return 0;
}

/* object.__setattr__ on an instance: properties, then the instance dict. */
static int generic_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val) {
  if (v.tag == SL_V_OBJ && sl_obj_ext_of(v.u.o)) return sl__native_setattr(rt, v, name, val);
  if (!sl_is_type(v, &sl_exc_type)) return sl_vm_setattr(rt, v, name, val);
  sl_exc *e = sl_as_exc(v.u.o);
  int r = exc_setattr_builtin(rt, e, name, val);
  if (r) return r < 0 ? -1 : 0;
  if (sl_as_class(e->cls)->lang_flags & SL__CLS_DESCR) {
    sl_value d;
    r = class_lookup(rt, e->cls, name, &d, 0);
    if (r < 0) return -1;
    if (r > 0) {
      int rc = 0;
      bool prop = sl_is_type(d, &sl_property_type);
      if (prop) rc = sl_property_set(rt, d.u.o, v, sl_type_name(v), val);
      sl_vdecref(rt, d);
      if (prop) return rc;
    }
  }
  return set_in_dict(rt, &e->attrs, name, val, v);
}

int sl_vm_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val) {
  if (sl_is_type(v, &sl_exc_type)) {
    sl_exc *e = sl_as_exc(v.u.o);
    if (sl_as_class(e->cls)->lang_flags & SL__CLS_SETATTR) {
      const char *meth = sl_is_undef(val) ? "__delattr__" : "__setattr__";
      sl_value fn;
      int r = class_lookup(rt, e->cls, meth, &fn, 0);
      if (r < 0) return -1;
      if (r > 0) {
        sl_obj *key = sl_str_from_cstr(rt, name);
        if (!key) {
          sl_vdecref(rt, fn);
          return -1;
        }
        sl_value argv[2] = {sl_obj_val(key), val}, res;
        sl_args a = {argv, sl_is_undef(val) ? 1 : 2, NULL, NULL, 0};
        int rc = sl__call_bound(rt, fn, v, &a, &res);
        sl_decref(rt, key);
        sl_vdecref(rt, fn);
        if (rc) return -1;
        sl_vdecref(rt, res);
        return 0;
      }
    }
    return generic_setattr(rt, v, name, val);
  }
  if (v.tag == SL_V_OBJ && sl_obj_ext_of(v.u.o)) return sl__native_setattr(rt, v, name, val);
  if (sl_is_type(v, &sl_class_type)) {
    sl_class *c = sl_as_class(v.u.o);
    if (c->builtin != SL_EXC_NONE)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot set '%s' attribute of immutable type '%s'",
                      name, sl_str_cstr(c->name));
    if (set_in_dict(rt, &c->attrs, name, val, v)) return -1;
    /* A special method added later counts from now on (for this class;
     * subclasses made before keep their flags). */
    if (!sl_is_undef(val)) {
      sl_obj *key = sl_str_from_cstr(rt, name);
      if (!key) return -1;
      c->lang_flags |= sl__class_flags_of_attr(sl_obj_val(key), val);
      sl_decref(rt, key);
    }
    return 0;
  }
  if (sl_is_undef(val) && !(v.tag == SL_V_OBJ && v.u.o->type->setattr) &&
      !sl_is_type(v, &sl_exc_type))
    return sl_no_dict_attr_error(rt, v, name); /* no __dict__ to delete from */
  if (sl_is_undef(val) && !(v.tag == SL_V_OBJ && v.u.o->type->setattr))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop does not support deleting attributes of '%s' objects",
                    sl_type_name(v));
  return sl_setattr(rt, v, name, val);
}

int sl__generic_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val) {
  return generic_setattr(rt, v, name, val);
}

int sl_vm_str(sl_rt *rt, sl_value v, sl_strbuf *out) { return sl_str(rt, v, out); }

int sl_vm_repr(sl_rt *rt, sl_value v, sl_strbuf *out) { return sl_repr(rt, v, out); }

int sl__vm_call_method0(sl_rt *rt, sl_value obj, const char *name, sl_value *out) {
  sl_value m;
  if (sl_vm_getattr(rt, obj, name, &m)) return -1;
  sl_args none = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, m, &none, out);
  sl_vdecref(rt, m);
  return rc;
}

/* ---- async with ------------------------------------------------------------ */

/* `with`: BEFORE_WITH. 3.11-3.13 look __enter__ up first, 3.14 __exit__
 * (ceval's messages name what was missed). */
static int with_enter(sl_rt *rt, sl_value mgr, sl_value *exit_fn, sl_value *res) {
  bool exit_first = sl__py_minor(rt) >= 14;
  sl_value enter = sl_undef();
  *exit_fn = sl_undef();
  for (int i = 0; i < 2; i++) {
    bool is_exit = (i == 0) == exit_first;
    sl_value *slot = is_exit ? exit_fn : &enter;
    if (sl_vm_getattr(rt, mgr, is_exit ? "__exit__" : "__enter__", slot)) {
      if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
        sl_err_clear(rt);
        const char *suffix =
            i == 0 ? (exit_first ? " (missed __exit__ method)" : "")
                   : (exit_first ? " (missed __enter__ method)" : " (missed __exit__ method)");
        sl_raise(rt, SL_EXC_TYPE_ERROR,
                 "'%s' object does not support the context manager protocol%s", sl_type_name(mgr),
                 suffix);
      }
      *slot = sl_undef();
      sl_vdecref(rt, enter);
      sl_vdecref(rt, *exit_fn);
      *exit_fn = sl_undef();
      return -1;
    }
  }
  sl_args none = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, enter, &none, res);
  sl_vdecref(rt, enter);
  if (rc) {
    sl_vdecref(rt, *exit_fn);
    return -1;
  }
  return 0;
}

int sl__vm_async_with_enter(sl_rt *rt, sl_value mgr, bool sync, sl_value *exit_fn, sl_value *aw) {
  if (sync) return with_enter(rt, mgr, exit_fn, aw);
  sl_value enter = sl_undef();
  *exit_fn = sl_undef();
  if (sl_vm_getattr(rt, mgr, "__aenter__", &enter) ||
      sl_vm_getattr(rt, mgr, "__aexit__", exit_fn)) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
      sl_err_clear(rt);
      sl_raise(rt, SL_EXC_TYPE_ERROR,
               "'%s' object does not support the asynchronous context manager protocol",
               sl_type_name(mgr));
    }
    sl_vdecref(rt, enter);
    return -1;
  }
  sl_args none = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, enter, &none, aw);
  sl_vdecref(rt, enter);
  if (rc) {
    sl_vdecref(rt, *exit_fn);
    return -1;
  }
  return 0;
}

int sl__vm_async_with_exit(sl_rt *rt, sl_value exit_fn, sl_obj *exc, sl_value *aw) {
  sl_value argv[3] = {sl_none(), sl_none(), sl_none()};
  if (exc) {
    argv[0] = sl_obj_val(sl_as_exc(exc)->cls);
    argv[1] = sl_obj_val(exc);
  }
  return sl_call_pos(rt, exit_fn, argv, 3, aw);
}
