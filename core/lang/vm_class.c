/* Scenario classes: the class statement (building the class, its flags,
 * __init_subclass__), the MRO lookup, zero-argument super(), calling a
 * class (__new__ then __init__) and BaseException's/object's own methods.
 * Attribute access is vm_attr.c; `with` is vm_with.c.
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
#include "core/lang/exc_struct.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_enum-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/lang/usermod.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/tuple.h"

/* Looks `name` up in the attrs of cls and the classes after it in its
 * MRO: the stored C3 order (sl_class.mro) when a class above has several
 * bases, else the bases depth first (the same order for single
 * inheritance; the built-in ExceptionGroup diamond is fine that way).
 * Returns 1 found (*out new ref), 0 absent, -1 error. */
static int class_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out, int depth);

int sl__class_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  return class_lookup(rt, cls, name, out, 0);
}

/* name in the attrs of one class: 1 found, 0 absent, -1 error. */
static int own_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  sl_class *c = sl_as_class(cls);
  bool found = false;
  if (c->attrs && sl_dict_get_str(rt, c->attrs, name, out, &found)) return -1;
  return found;
}

/* name along a stored MRO tail, from index `from`. */
static int mro_lookup(sl_rt *rt, sl_obj *mro, size_t from, const char *name, sl_value *out) {
  sl_tuple *t = sl_as_tuple(mro);
  for (size_t i = from; i < t->len; i++) {
    int r = own_lookup(rt, t->items[i].u.o, name, out);
    if (r) return r;
  }
  return 0;
}

static int class_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out, int depth) {
  if (!cls || depth > 64) return 0;
  sl_class *c = sl_as_class(cls);
  int r = own_lookup(rt, cls, name, out);
  if (r) return r;
  if (c->mro) return mro_lookup(rt, c->mro, 0, name, out);
  for (int i = 0; i < 2; i++) {
    int r = class_lookup(rt, c->bases[i], name, out, depth + 1);
    if (r) return r;
  }
  return 0;
}

/* Like class_lookup but starting after `start` in the MRO of `type`
 * (type(self), or self for a class; NULL: start's own MRO). */
static int super_lookup(sl_rt *rt, sl_obj *start, sl_obj *type, const char *name, sl_value *out) {
  sl_obj *mro = type && type != start ? sl_as_class(type)->mro : NULL;
  if (mro) {
    sl_tuple *t = sl_as_tuple(mro);
    for (size_t i = 0; i < t->len; i++)
      if (t->items[i].u.o == start) return mro_lookup(rt, mro, i + 1, name, out);
  }
  sl_class *c = sl_as_class(start);
  if (c->mro) return mro_lookup(rt, c->mro, 0, name, out);
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
    sl_obj *s = sl_str_take_buf(rt, &b);
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
    sl_obj *s = sl_str_take_buf(rt, &b);
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

/* object.__setattr__(self, name, value) / object.__delattr__(self, name):
 * the instance dict and properties, bypassing the class's override that
 * calls them. */
static int obj_setattr_common(sl_rt *rt, bool del, const sl_args *args, sl_value *out) {
  size_t want = del ? 2 : 3;
  if (args->npos != want || args->nkw || !sl_is_str(args->pos[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected %zu arguments, got %zu", want - 1,
                    args->npos ? args->npos - 1 : 0);
  if (sl__generic_setattr(rt, args->pos[0], sl_str_cstr(args->pos[1].u.o),
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
                        ? sl_str_cstr(sl_as_class(args->pos[0].u.o)->qualname)
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
int sl__class_builtin_method(sl_rt *rt, const char *name, sl_value *out) {
  const sl_cfunc_def *d = !strcmp(name, "__init__")            ? &exc_init_def
                          : !strcmp(name, "__str__")           ? &exc_str_def
                          : !strcmp(name, "__repr__")          ? &exc_repr_def
                          : !strcmp(name, "__setattr__")       ? &obj_setattr_def
                          : !strcmp(name, "__delattr__")       ? &obj_delattr_def
                          : !strcmp(name, "__init_subclass__") ? &obj_init_subclass_def
                          : !strcmp(name, "__new__")           ? &obj_new_def
                          : !strcmp(name, "__getattribute__")  ? &sl__obj_getattribute_def
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
  sl_obj *type = sl_is_type(s->self, &sl_class_type) ? s->self.u.o
                 : s->self.tag == SL_V_OBJ           ? sl_user_cls_of(s->self.u.o)
                                                     : NULL;
  int r = super_lookup(rt, s->cls.u.o, type, name, &v);
  /* In a metaclass, type's __new__, __init__, __call__. */
  if (r == 0 && (sl_as_class(s->cls.u.o)->lang_flags & SL__CLS_META))
    r = sl__meta_builtin_method(rt, name, &v);
  if (r == 0) {
    r = sl__native_super_attr(rt, s->cls.u.o, s->self, name, out);
    if (r) return r < 0 ? -1 : 0;
    r = sl__class_builtin_method(rt, name, &v);
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
  if (sl__class_flags_compute(rt, cls)) return -1;
  /* An engine object's attribute lookup never asks its class for
   * __getattribute__ (vm_attr.c): refused, not silently skipped. */
  if (c->native && (c->lang_flags & SL__CLS_GETATTRIBUTE))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: __getattribute__ in class %s, which derives from a built-in or "
                    "asyncio class, is not supported (__getattr__ is)",
                    sl_str_cstr(c->name));
  return 0;
}

/* object.__init_subclass__ does nothing (and takes no keywords); a
 * base's own runs as a class method (implicitly, as type.__new__ makes it
 * one) with the new class and the class statement's keywords (kw, a
 * borrowed dict or NULL). */
static int init_subclass(sl_rt *rt, sl_obj *cls, sl_obj *kw) {
  sl_value fn;
  int r = super_lookup(rt, cls, NULL, "__init_subclass__", &fn);
  if (r < 0) return -1;
  if (r == 0) {
    if (!kw || !sl_dict_len(kw)) return 0;
    if (sl__class_builtin_method(rt, "__init_subclass__", &fn) < 0) return -1;
  }
  sl_value f = sl_is_type(fn, &sl_classmethod_type) ? ((sl_methwrap *)fn.u.o)->func : fn, res;
  sl_value argv[1] = {sl_obj_val(cls)};
  int rc = sl__call_with_kwdict(rt, f, argv, 1, kw, &res);
  sl_vdecref(rt, fn);
  if (rc) return -1;
  sl_vdecref(rt, res);
  return 0;
}

/* __orig_bases__: the bases as written, kept when typing's generic forms
 * were dropped from them (types.resolve_bases / __build_class__). */
static int set_orig_bases(sl_rt *rt, sl_obj *ns, const sl_value *bases, size_t n) {
  sl_obj *t = sl_tuple_new(rt, bases, n);
  if (!t) return -1;
  int rc = sl_dict_set_str(rt, ns, "__orig_bases__", sl_obj_val(t));
  sl_decref(rt, t);
  return rc;
}

/* mro_internal for a class with several bases somewhere above it: a
 * class whose bases cannot be ordered fails; else the scenario classes
 * after it in C3 order become its lookup order (sl_class.mro). */
static int store_mro(sl_rt *rt, sl_obj *cls) {
  sl_value mro;
  if (sl__class_mro(rt, cls, false, &mro)) return -1;
  sl_list *l = sl_as_list(mro.u.o);
  sl_value *items = sl_malloc(l->len * sizeof *items);
  if (!items) {
    sl_vdecref(rt, mro);
    return sl_nomem(rt);
  }
  size_t n = 0;
  for (size_t i = 1; i < l->len; i++)
    if (sl_is_type(l->items[i], &sl_class_type)) items[n++] = l->items[i];
  sl_obj *t = sl_tuple_new(rt, items, n);
  sl_free(items);
  sl_vdecref(rt, mro);
  if (!t) return -1;
  sl_as_class(cls)->mro = t;
  return 0;
}

/* A class statement's bases, resolved: the scenario classes among them,
 * the built-in or engine class the instances are made of, an
 * enumeration's data type, whether generic aliases stood for classes. */
typedef struct class_bases {
  sl_value b[SL_CLASS_MAX_BASES]; /* borrowed */
  size_t n;
  sl_obj *native; /* borrowed */
  uint32_t mix;
  bool orig;
  bool meta;        /* `type` is a base: a metaclass */
  bool named_tuple; /* typing.NamedTuple is a base */
} class_bases;

static int resolve_bases(sl_rt *rt, sl_obj *name, const sl_value *in_bases, size_t nbases,
                         class_bases *cb) {
  memset(cb, 0, sizeof *cb);
  bool enum_base = false;
  for (size_t i = 0; i < nbases; i++)
    enum_base |= sl_is_type(in_bases[i], &sl_class_type) &&
                 (sl_as_class(in_bases[i].u.o)->lang_flags & SL__CLS_ENUM);
  for (size_t i = 0; i < nbases; i++) {
    sl_value b = in_bases[i];
    /* Box[T], Generic[T]: the class they stand for (__mro_entries__). */
    if (sl__typing_mro_entry(b, &b)) cb->orig = true;
    if (sl__typing_is_namedtuple(b)) {
      if (nbases > 1)
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        "can only inherit from a NamedTuple type and Generic");
      cb->named_tuple = true;
      continue;
    }
    /* `class C(object):` is `class C:`. */
    if (sl_is_type(b, &sl_typeobj_type) && !strcmp(((sl_typeobj *)b.u.o)->name, "object")) continue;
    /* `class Meta(type):` makes a metaclass (vm_meta.c). */
    if (sl_is_type(b, &sl_typeobj_type) && !((sl_typeobj *)b.u.o)->cls &&
        !strcmp(((sl_typeobj *)b.u.o)->name, "type")) {
      cb->meta = true;
      continue;
    }
    /* `class Color(str, Enum)`: members mixing in the data type. */
    if (enum_base && !cb->mix && sl_is_type(b, &sl_typeobj_type) && !((sl_typeobj *)b.u.o)->cls) {
      const char *tn = ((sl_typeobj *)b.u.o)->name;
      cb->mix = !strcmp(tn, "str") ? SL__CLS_MIX_STR : !strcmp(tn, "int") ? SL__CLS_MIX_INT : 0;
      if (cb->mix) continue;
    }
    if (sl_is_type(b, &sl_typeobj_type) && !((sl_typeobj *)b.u.o)->cls &&
        !strcmp(((sl_typeobj *)b.u.o)->name, "bool"))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "type 'bool' is not an acceptable base type");
    /* An engine class (asyncio.Queue, ...): instances are engine objects. */
    if ((sl__native_base_ok(b) || sl__builtin_base_ok(b) || sl__imm_base_ok(b)) && !cb->native) {
      cb->native = b.u.o;
      continue;
    }
    if (sl_is_type(b, &sl_class_type) && sl_as_class(b.u.o)->native && !cb->native)
      cb->native = sl_as_class(b.u.o)->native;
    if (!sl_is_type(b, &sl_class_type))
      return sl_raise(
          rt, SL_EXC_TYPE_ERROR,
          "class %s: simloop supports only classes deriving from classes defined in the "
          "scenario, exception classes, int, float, dict, list, set, str, tuple, bytes, frozenset, "
          "asyncio's Queue, LifoQueue, "
          "PriorityQueue, Lock, Event, Condition, Semaphore, BoundedSemaphore and Future, and "
          "the protocol classes",
          sl_str_cstr(name));
    if (cb->n == SL_CLASS_MAX_BASES)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "class %s: simloop supports at most %d base classes",
                      sl_str_cstr(name), SL_CLASS_MAX_BASES);
    cb->b[cb->n++] = b;
  }
  return 0;
}

/* type.__new__ once the namespace is ready: the class object, its flags,
 * __slots__, __set_name__, __init_subclass__ (given kw, borrowed or NULL),
 * an enumeration's members and ABCMeta's __abstractmethods__. Steals ns;
 * cell (borrowed) is the body's __class__ cell; meta (borrowed) the
 * metaclass, NULL for type. */
static int make_class(sl_rt *rt, sl_obj *name, sl_obj *qualname, const char *modname,
                      const class_bases *cb, sl_obj *ns, const sl_value *in_bases, size_t nbases_in,
                      sl_value cell, sl_obj *meta, sl_obj *kw, sl_value *out) {
  sl_obj *cls = sl_class_new(rt, sl_str_cstr(name), sl_str_cstr(qualname), modname,
                             cb->n > 0 ? cb->b[0].u.o : NULL, cb->n > 1 ? cb->b[1].u.o : NULL);
  if (!cls) {
    sl_decref(rt, ns);
    return -1;
  }
  sl_as_class(cls)->attrs = ns;
  if (cb->n > 2 && !(sl_as_class(cls)->more_bases = sl_tuple_new(rt, cb->b + 2, cb->n - 2))) {
    sl_decref(rt, cls);
    return -1;
  }
  if (cb->orig && set_orig_bases(rt, ns, in_bases, nbases_in)) {
    sl_decref(rt, cls);
    return -1;
  }
  sl_incref(cb->native);
  sl_as_class(cls)->native = cb->native;
  sl_incref(meta);
  sl_as_class(cls)->meta = meta;
  if (sl_is_type(cell, &sl_cell_type))
    sl_vset(rt, &((sl_cell *)cell.u.o)->v, sl_vincref(sl_obj_val(cls)));
  int fin = class_finish(rt, cls);
  bool multi = cb->n > 1 || (cb->n == 1 && sl_as_class(cb->b[0].u.o)->mro);
  if (!fin && multi) fin = store_mro(rt, cls);
  if (!fin) sl_as_class(cls)->lang_flags |= cb->mix | (cb->meta ? SL__CLS_META : 0);
  if (fin || sl__slots_finish(rt, cls) || sl__set_names(rt, cls) || init_subclass(rt, cls, kw) ||
      ((sl_as_class(cls)->lang_flags & SL__CLS_ENUM) && sl__enum_finish(rt, cls)) ||
      (meta && (sl_as_class(meta)->lang_flags & SL__CLS_ABCMETA) && sl__abc_init(rt, cls))) {
    sl_decref(rt, cls);
    return -1;
  }
  *out = sl_obj_val(cls);
  return 0;
}

/* Runs a class body with ns (a new dict when NULL; stolen) as its
 * namespace, which starts with __module__ and __qualname__ as
 * __build_class__ prepares it. *ns_out: the namespace (owned); *cell: the
 * body's __class__ cell (owned) or None. */
static int run_body(sl_rt *rt, sl_value body, const class_bases *cb, sl_obj *ns, sl_obj **ns_out,
                    sl_value *cell) {
  sl_func *fn = sl_as_func(body.u.o);
  sl_code *co = sl_as_code(fn->code);
  sl_frame *f = sl_frame_new(rt, fn->code, fn->globals, fn->closure);
  if (!f) {
    sl_decref(rt, ns);
    return -1;
  }
  f->ns = ns ? ns : sl_dict_new(rt);
  for (size_t i = 0; i < cb->n; i++)
    if (sl_as_class(cb->b[i].u.o)->lang_flags & SL__CLS_ENUM) {
      f->enum_body = (uint8_t)(1 + sl__enum_kind_of(cb->b[i].u.o));
      break;
    }
  const char *modname = sl_usermod_name_of(rt, fn->globals);
  sl_obj *mod = f->ns ? sl_str_from_cstr(rt, modname) : NULL;
  int rc = !mod || sl_dict_set_str(rt, f->ns, "__module__", sl_obj_val(mod)) ||
           sl_dict_set_str(rt, f->ns, "__qualname__", sl_obj_val(co->qualname));
  sl_decref(rt, mod);
  if (rc) {
    sl_frame_free(rt, f);
    return -1;
  }
  sl_coro_status st = sl_vm_eval(rt, f, SL_RESUME_START, sl_none(), cell);
  *ns_out = f->ns;
  sl_incref(*ns_out);
  sl_frame_free(rt, f);
  if (st == SL_CORO_RETURN) return 0;
  sl_decref(rt, *ns_out);
  return -1;
}

/* A class statement whose metaclass is not type (or is any callable):
 * __prepare__, the body, then meta(name, bases, ns, **kw), as
 * __build_class__ does; the __class__ cell travels in the namespace as
 * __classcell__ for type.__new__ to fill. */
static int build_with_meta(sl_rt *rt, sl_value body, sl_obj *name, const sl_value *in_bases,
                           size_t nbases, const class_bases *cb, sl_value meta, sl_obj *kw,
                           sl_value *out) {
  sl_obj *bases = sl_tuple_new(rt, in_bases, nbases), *ns = NULL;
  if (!bases) return -1;
  sl_value cell = sl_undef();
  int rc = sl__meta_prepare(rt, meta, name, bases, kw, &ns);
  if (!rc) rc = run_body(rt, body, cb, ns, &ns, &cell);
  if (!rc && sl_is_type(cell, &sl_cell_type)) rc = sl_dict_set_str(rt, ns, "__classcell__", cell);
  if (!rc) {
    sl_value argv[3] = {sl_obj_val(name), sl_obj_val(bases), sl_obj_val(ns)};
    rc = sl__call_with_kwdict(rt, meta, argv, 3, kw, out);
    sl_decref(rt, ns);
  }
  sl_vdecref(rt, cell);
  sl_decref(rt, bases);
  return rc;
}

int sl_vm_build_class(sl_rt *rt, sl_value body, sl_obj *name, const sl_value *in_bases,
                      size_t nbases, sl_obj *kw_in, sl_value *out) {
  class_bases cb;
  sl_value meta = sl_undef();
  sl_obj *kw = NULL;
  if (kw_in && sl__meta_split_kw(rt, kw_in, &meta, &kw)) return -1;
  int rc = resolve_bases(rt, name, in_bases, nbases, &cb);
  if (!rc) rc = sl__meta_winner(rt, cb.b, cb.n, &meta);
  if (!rc && !sl_is_undef(meta)) {
    rc = build_with_meta(rt, body, name, in_bases, nbases, &cb, meta, kw, out);
  } else if (!rc) {
    sl_obj *ns;
    sl_value cell = sl_undef();
    rc = run_body(rt, body, &cb, NULL, &ns, &cell);
    sl_func *fn = sl_as_func(body.u.o);
    if (!rc && cb.named_tuple) {
      rc = sl__typing_namedtuple_class(rt, name, sl_usermod_name_of(rt, fn->globals), ns, out);
      sl_decref(rt, ns);
    } else if (!rc) {
      rc = make_class(rt, name, sl_as_code(fn->code)->qualname, sl_usermod_name_of(rt, fn->globals),
                      &cb, ns, in_bases, nbases, cell, NULL, kw, out);
    }
    sl_vdecref(rt, cell);
  }
  sl_vdecref(rt, meta);
  sl_decref(rt, kw);
  return rc;
}

/* type_new takes __classcell__ out of the namespace: the cell to fill
 * with the new class (*cell owned, or SL_V_UNDEF). */
static int take_classcell(sl_rt *rt, sl_obj *ns, sl_value *cell) {
  bool found = false;
  *cell = sl_undef();
  if (sl_dict_get_str(rt, ns, "__classcell__", cell, &found) || !found) return found ? -1 : 0;
  sl_obj *key = sl_str_from_cstr(rt, "__classcell__");
  int rc = !key || sl_dict_del(rt, ns, sl_obj_val(key), &found);
  sl_decref(rt, key);
  return rc ? -1 : 0;
}

int sl__vm_type_new(sl_rt *rt, sl_value name, sl_value bases, sl_value dict, sl_value *out) {
  return sl__type_new(rt, NULL, name, bases, dict, NULL, out);
}

int sl__type_new(sl_rt *rt, sl_obj *meta, sl_value name, sl_value bases, sl_value dict, sl_obj *kw,
                 sl_value *out) {
  if (!sl_is_str(name))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type.__new__() argument 1 must be str, not %s",
                    sl_type_name(name));
  if (!sl_is_type(bases, &sl_tuple_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type.__new__() argument 2 must be tuple, not %s",
                    sl_type_name(bases));
  if (!sl__is_dict(dict))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "type.__new__() argument 3 must be dict, not %s",
                    sl_type_name(dict));
  class_bases cb;
  sl_tuple *bt = sl_as_tuple(bases.u.o);
  if (resolve_bases(rt, name.u.o, bt->items, bt->len, &cb)) return -1;
  /* _PyType_CalculateMetaclass: the most derived of meta and the bases'. */
  sl_value winner = meta ? sl_vincref(sl_obj_val(meta)) : sl_undef();
  if (sl__meta_winner(rt, cb.b, cb.n, &winner)) return -1;
  meta = sl_is_undef(winner) ? NULL : winner.u.o;
  sl_vdecref(rt, winner); /* borrowed from here on: a base or the caller holds it */
  /* type_new copies the dict; __module__ defaults to the caller's module
   * (simloop: always "__main__"), __qualname__ to the name (a str
   * __qualname__ in the dict is taken out of it). */
  sl_obj *ns = sl_dict_new(rt);
  if (!ns || sl__dict_update(rt, ns, dict)) {
    sl_decref(rt, ns);
    return -1;
  }
  const char *modname = "__main__";
  sl_value qn = sl_undef(), cell = sl_undef();
  bool has_qn = false, has_mod = false, found;
  sl_obj *key = sl_str_from_cstr(rt, "__qualname__");
  int rc = !key || sl_dict_get_str(rt, ns, "__qualname__", &qn, &has_qn);
  if (!rc && has_qn && !sl_is_str(qn))
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "type __qualname__ must be a str, not %s",
                  sl_type_name(qn));
  if (!rc && has_qn) rc = sl_dict_del(rt, ns, sl_obj_val(key), &found);
  sl_decref(rt, key);
  sl_value mod;
  if (!rc) rc = sl_dict_get_str(rt, ns, "__module__", &mod, &has_mod);
  if (!rc && has_mod) {
    if (sl_is_str(mod)) modname = sl__meta_module_name(rt, mod.u.o);
    sl_vdecref(rt, mod);
  }
  if (!rc && !has_mod) {
    sl_obj *m = sl_str_from_cstr(rt, modname);
    rc = !m || sl_dict_set_str(rt, ns, "__module__", sl_obj_val(m));
    sl_decref(rt, m);
  }
  if (!rc) rc = take_classcell(rt, ns, &cell);
  if (rc) {
    sl_vdecref(rt, qn);
    sl_decref(rt, ns);
    return -1;
  }
  sl_obj *qualname = has_qn ? qn.u.o : name.u.o;
  rc =
      make_class(rt, name.u.o, qualname, modname, &cb, ns, bt->items, bt->len, cell, meta, kw, out);
  sl_vdecref(rt, qn);
  sl_vdecref(rt, cell);
  return rc;
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
  if (sl_as_class(cls)->native && sl__builtin_new_ok((const sl_typeobj *)sl_as_class(cls)->native))
    return sl__builtin_new(rt, args, out);
  if (sl_as_class(cls)->native)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: object.__new__(%s) of a class deriving from "
                    "a built-in or asyncio class is not supported",
                    sl_str_cstr(sl_as_class(cls)->name));
  if (plain && (args->npos > 1 || args->nkw))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "object.__new__() takes exactly one argument (the type to instantiate)");
  if (plain && (sl_as_class(cls)->lang_flags & SL__CLS_ABSTRACT)) return sl__abc_refuse(rt, cls);
  sl_obj *e = sl_exc_new(rt, cls, plain ? NULL : args->pos + 1, plain ? 0 : args->npos - 1);
  if (!e) return -1;
  *out = sl_obj_val(e);
  return 0;
}

static const sl_cfunc_def obj_new_def = {"object.__new__", obj_new_fn, "user", SL_CANON_LABEL};

int sl__vm_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  sl_obj *meta = sl_as_class(cls)->meta;
  if (meta && (sl_as_class(meta)->lang_flags & SL_CLS_CALL))
    return sl__meta_call(rt, cls, args, out);
  return sl__type_call(rt, cls, args, out);
}

int sl__type_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  if (sl_as_class(cls)->lang_flags & SL__CLS_META) return sl__meta_type_call(rt, cls, args, out);
  sl_obj *native = sl_as_class(cls)->native;
  /* A scenario __new__ of a class deriving from a built-in type. */
  bool builtin_base = native && sl__builtin_new_ok((const sl_typeobj *)native);
  if (native && !builtin_base) return sl__native_call_class(rt, cls, args, out);
  if (sl_as_class(cls)->lang_flags & SL__CLS_ENUM) return sl__enum_call(rt, cls, args, out);
  sl_value init, new_fn;
  int rn = class_lookup(rt, cls, "__new__", &new_fn, 0);
  if (rn == 0 && builtin_base) return sl__native_call_class(rt, cls, args, out);
  if (rn < 0) return -1;
  if (rn > 0) {
    int rc = call_user_new(rt, cls, new_fn, args, out);
    sl_vdecref(rt, new_fn);
    return rc;
  }
  bool plain = sl_as_class(cls)->lang_flags & SL_CLS_PLAIN;
  /* object_new: a class with abstract methods has no instances. */
  if (plain && (sl_as_class(cls)->lang_flags & SL__CLS_ABSTRACT)) return sl__abc_refuse(rt, cls);
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
    if (!plain && ((sl_exc_isinstance(e, SL_EXC_OS_ERROR) && sl_os_error_init(rt, e)) ||
                   sl__exc_struct_init(rt, e))) {
      sl_decref(rt, e);
      return -1;
    }
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
