/* Attribute access for every value (sl_lang_getattr, sl_setattr), the type
 * objects of the built-in types (`int`, `str`, ... and `type` itself),
 * type() and isinstance(), and the attributes of exceptions and classes.
 * Mirrors Objects/typeobject.c (type_repr, type_call, the attribute
 * errors) and the getsets of Objects/exceptions.c. */
#include <math.h>
#include <string.h>

#include "core/lang/exc_struct.h"
#include "core/lang/iter-int.h"
#include "core/lang/vm-int.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/stdmod.h"

/* ---- numbers --------------------------------------------------------------- */

static int int_bit_length(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "int.bit_length", 0, 0)) return -1;
  sl_bigint x;
  sl_long_view(self, &x);
  *out = sl_int((int64_t)sl_bigint_bit_length(&x));
  return 0;
}

static int int_bit_count(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "int.bit_count", 0, 0)) return -1;
  sl_bigint x;
  sl_long_view(self, &x);
  int64_t n = 0;
  for (size_t i = 0; i < x.n; i++) n += __builtin_popcount(x.d[i]);
  *out = sl_int(n);
  return 0;
}

/* The int itself (a bool gives its int value). */
static sl_value int_value(sl_value self) {
  self = sl_num_unbox(self);
  return sl_is_long(self) ? sl_vincref(self) : sl_int(sl__intval(self));
}

static int int_conjugate(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "int.conjugate", 0, 0)) return -1;
  *out = int_value(self);
  return 0;
}

static int float_is_integer(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "float.is_integer", 0, 0)) return -1;
  double f = self.u.f;
  *out = sl_bool(isfinite(f) && floor(f) == f);
  return 0;
}

extern const sl_cfunc_def sl__int_to_bytes_def, sl__int_from_bytes_def; /* ops_int_bytes.c */

static const sl_cfunc_def int_methods[] = {{"int.bit_length", int_bit_length, NULL, 0},
                                           {"int.bit_count", int_bit_count, NULL, 0},
                                           {"int.conjugate", int_conjugate, NULL, 0},
                                           {NULL, NULL, NULL, 0}};
static const sl_cfunc_def float_methods[] = {{"float.is_integer", float_is_integer, NULL, 0},
                                             {NULL, NULL, NULL, 0}};

int sl__num_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  if (self.tag == SL_V_FLOAT) {
    if (!strcmp(name, "real")) return *out = self, 1;
    if (!strcmp(name, "imag")) return *out = sl_float(0.0), 1;
    return sl_methods_lookup(rt, self, float_methods, name, out);
  }
  if (!strcmp(name, "real") || !strcmp(name, "numerator")) return *out = int_value(self), 1;
  if (!strcmp(name, "imag")) return *out = sl_int(0), 1;
  if (!strcmp(name, "denominator")) return *out = sl_int(1), 1;
  if (!strcmp(name, "to_bytes") || !strcmp(name, "from_bytes")) {
    sl_value iv = name[0] == 't' ? int_value(self) : sl_undef();
    sl_obj *f =
        sl_cfunc_new(rt, name[0] == 't' ? &sl__int_to_bytes_def : &sl__int_from_bytes_def, iv);
    sl_vdecref(rt, iv);
    if (!f) return -1;
    *out = sl_obj_val(f);
    return 1;
  }
  return sl_methods_lookup(rt, self, int_methods, name, out);
}

/* ---- exceptions and classes -------------------------------------------------- */

static sl_value obj_or_none(sl_obj *o) {
  if (!o) return sl_none();
  sl_incref(o);
  return sl_obj_val(o);
}

/* Looks `name` up in a class and its bases (depth first, as the single
 * inheritance of exception classes needs). Borrowed result. */
static bool class_lookup(sl_obj *cls, const char *name, sl_rt *rt, sl_value *out) {
  for (int depth = 0; cls && depth < 64; depth++) {
    sl_class *c = sl_as_class(cls);
    bool found = false;
    if (c->attrs && sl_dict_get_str(rt, c->attrs, name, out, &found) == 0 && found) return true;
    for (size_t i = sl_class_nbases(cls); i-- > 1;)
      if (class_lookup(sl_class_base(cls, i), name, rt, out)) return true;
    cls = c->bases[0];
  }
  return false;
}

static int exc_with_traceback(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "BaseException.with_traceback", 1, 1)) return -1;
  *out = sl_vincref(self);
  return 0;
}

static int exc_add_note(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "BaseException.add_note", 1, 1)) return -1;
  if (!sl_is_str(a->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "note must be a str, not '%s'", sl_type_name(a->pos[0]));
  sl_exc *e = sl_as_exc(self.u.o);
  if (!e->attrs && !(e->attrs = sl_dict_new(rt))) return -1;
  sl_value notes;
  bool found;
  if (sl_dict_get_str(rt, e->attrs, "__notes__", &notes, &found)) return -1;
  if (!found) {
    sl_obj *l = sl_list_new(rt, NULL, 0);
    if (!l) return -1;
    notes = sl_obj_val(l);
    if (sl_dict_set_str(rt, e->attrs, "__notes__", notes)) {
      sl_vdecref(rt, notes);
      return -1;
    }
  }
  int rc = sl__is_list(notes)
               ? sl_list_append(rt, notes.u.o, a->pos[0])
               : sl_raise(rt, SL_EXC_TYPE_ERROR, "Cannot add note: __notes__ is not a list");
  sl_vdecref(rt, notes);
  return rc;
}

static const sl_cfunc_def exc_methods[] = {
    {"BaseException.with_traceback", exc_with_traceback, NULL, 0},
    {"BaseException.add_note", exc_add_note, NULL, 0},
    {NULL, NULL, NULL, 0}};

/* The attributes every exception has (getsets), then the instance's own
 * attributes, then its class's. Returns 1 found, 0 absent, -1 error. */
int sl__exc_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  sl_exc *e = sl_as_exc(self.u.o);
  if (!strcmp(name, "args")) return *out = obj_or_none(e->args), 1;
  if (!strcmp(name, "__cause__")) return *out = obj_or_none(e->cause), 1;
  if (!strcmp(name, "__context__")) return *out = obj_or_none(e->context), 1;
  if (!strcmp(name, "__suppress_context__")) return *out = sl_bool(e->suppress_context), 1;
  if (!strcmp(name, "__traceback__")) return *out = sl_none(), 1;
  if (!strcmp(name, "__class__")) return *out = obj_or_none(e->cls), 1;
  if (!strcmp(name, "value") && sl_exc_isinstance(self.u.o, SL_EXC_STOP_ITERATION)) {
    /* StopIteration.value: the first argument, the generator's return value. */
    sl_tuple *args = e->args ? sl_as_tuple(e->args) : NULL;
    return *out = args && args->len ? sl_vincref(args->items[0]) : sl_none(), 1;
  }
  bool found = false;
  if (e->attrs) {
    if (sl_dict_get_str(rt, e->attrs, name, out, &found)) return -1;
    if (found) return 1;
  }
  int r = sl__exc_struct_attr(rt, self.u.o, name, out);
  if (r) return r;
  if (!strcmp(name, "code") && sl_exc_isinstance(self.u.o, SL_EXC_SYSTEM_EXIT)) {
    /* SystemExit_init: None, the one argument, or the arguments' tuple. */
    sl_tuple *args = e->args ? sl_as_tuple(e->args) : NULL;
    if (!args || args->len == 0) return *out = sl_none(), 1;
    return *out = args->len == 1 ? sl_vincref(args->items[0]) : obj_or_none(e->args), 1;
  }
  if (sl_exc_isinstance(self.u.o, SL_EXC_OS_ERROR)) {
    /* OSError's errno/strerror: the first two arguments when there are 2+ */
    sl_tuple *args = sl_as_tuple(e->args);
    bool two = args->len >= 2 && args->len <= 5;
    if (!strcmp(name, "errno")) return *out = two ? sl_vincref(args->items[0]) : sl_none(), 1;
    if (!strcmp(name, "strerror")) return *out = two ? sl_vincref(args->items[1]) : sl_none(), 1;
    if (!strcmp(name, "filename") || !strcmp(name, "filename2")) return *out = sl_none(), 1;
  }
  if (sl_exc_isinstance(self.u.o, SL_EXC_BASE_EXCEPTION_GROUP)) {
    sl_tuple *args = sl_as_tuple(e->args);
    if (!strcmp(name, "message") && args->len >= 1) return *out = sl_vincref(args->items[0]), 1;
    if (!strcmp(name, "exceptions") && args->len >= 2) {
      /* BaseExceptionGroup keeps its exceptions as a tuple. */
      if (sl__is_tuple(args->items[1])) return *out = sl_vincref(args->items[1]), 1;
      sl_obj *l;
      if (sl_list_from_iterable(rt, args->items[1], &l)) return -1;
      sl_obj *t = sl_tuple_new(rt, sl_as_list(l)->items, sl_as_list(l)->len);
      sl_decref(rt, l);
      if (!t) return -1;
      return *out = sl_obj_val(t), 1;
    }
  }
  if (class_lookup(e->cls, name, rt, out)) return 1;
  return sl_methods_lookup(rt, self, exc_methods, name, out);
}

static int class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  sl_class *c = sl_as_class(cls);
  if (!strcmp(name, "__name__")) return *out = obj_or_none(c->name), 1;
  if (!strcmp(name, "__qualname__")) return *out = obj_or_none(c->qualname), 1;
  if (!strcmp(name, "__module__")) {
    sl_obj *m = sl_str_from_cstr(rt, c->module);
    if (!m) return -1;
    return *out = sl_obj_val(m), 1;
  }
  if (!strcmp(name, "__bases__")) {
    sl_value b[SL_CLASS_MAX_BASES];
    size_t n = sl_class_nbases(cls);
    for (size_t i = 0; i < n; i++) b[i] = sl_obj_val(sl_class_base(cls, i));
    sl_obj *t = sl_tuple_new(rt, b, n);
    if (!t) return -1;
    return *out = sl_obj_val(t), 1;
  }
  if (class_lookup(cls, name, rt, out)) return 1;
  return 0;
}

/* ---- type objects ---------------------------------------------------------------- */

static void typeobj_clear(sl_rt *rt, sl_obj *o) {
  sl_vset(rt, &((sl_typeobj *)o)->table, sl_none());
}

static int typeobj_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_typeobj *t = (sl_typeobj *)o;
  /* A class outside builtins prints its module, as CPython's type_repr. */
  sl_strbuf_printf(out, "<class '%s'>", t->cls ? t->cls->fullname : t->name);
  return 0;
}

static int typeobj_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  sl_typeobj *t = (sl_typeobj *)o;
  const sl_cfunc_def *ctor = t->ctor;
  if (!ctor) return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot create '%s' instances", t->name);
  *out = sl_none();
  return ctor->fn(rt, sl_obj_val(o), args, out);
}

/* Calling `str.upper` (an unbound method): self is the first argument. */
static int unbound_call(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_tuple *info = sl_as_tuple(self.u.o); /* (type object, method name) */
  sl_typeobj *t = (sl_typeobj *)info->items[0].u.o;
  const char *name = sl_str_cstr(info->items[1].u.o);
  if (a->npos == 0)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "unbound method %s.%s() needs an argument", t->name,
                    name);
  bool ok;
  if (sl_isinstance1(rt, a->pos[0], info->items[0], &ok)) return -1;
  if (!ok)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name,
                    t->name, sl_type_name(a->pos[0]));
  sl_value m;
  if (sl_lang_getattr(rt, a->pos[0], name, &m)) return -1;
  sl_args rest = *a;
  rest.pos++;
  rest.npos--;
  int rc = sl_call(rt, m, &rest, out);
  sl_vdecref(rt, m);
  return rc;
}

static const sl_cfunc_def unbound_def = {"method_descriptor", unbound_call, NULL, 0};
extern const sl_cfunc_def sl__dict_fromkeys_def;
extern const sl_cfunc_def sl__str_maketrans_def;

static int typeobj_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_typeobj *t = (sl_typeobj *)o;
  if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__"))
    return sl__str_value(rt, t->name, strlen(t->name), out);
  if (t->cls) {
    if (!strcmp(name, "__module__"))
      return sl__str_value(rt, t->cls->module, strlen(t->cls->module), out);
    int r = t->cls->getattr ? t->cls->getattr(rt, o, name, out) : 0;
    if (r) return r < 0 ? -1 : 0;
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'", t->name,
                    name);
  }
  if (!strcmp(name, "__module__")) return sl__str_value(rt, "builtins", 8, out);
  if (!strcmp(name, "from_bytes") && t->tag == SL_V_INT && !t->type) { /* a class method */
    sl_obj *f = sl_cfunc_new(rt, &sl__int_from_bytes_def, sl_obj_val(o));
    if (!f) return -1;
    *out = sl_obj_val(f);
    return 0;
  }
  if ((!strcmp(name, "fromkeys") && t->type == &sl_dict_type) ||
      (!strcmp(name, "maketrans") && t->type == &sl_str_type)) {
    const sl_cfunc_def *def =
        t->type == &sl_dict_type ? &sl__dict_fromkeys_def : &sl__str_maketrans_def;
    sl_obj *f = sl_cfunc_new(rt, def, sl_obj_val(o));
    if (!f) return -1;
    *out = sl_obj_val(f);
    return 0;
  }
  /* str.__new__(cls, ...), tuple.__new__, dict.__new__, ... */
  if (!strcmp(name, "__new__") && sl__builtin_new_ok(t)) {
    sl_obj *f = sl_cfunc_new(rt, &sl__builtin_new_def, sl_obj_val(o));
    if (!f) return -1;
    *out = sl_obj_val(f);
    return 0;
  }
  /* type.__new__(M, name, bases, ns), type.__init__, type.__call__ */
  if (!t->cls && !strcmp(t->name, "type") && name[0] == '_') {
    int r = sl__meta_builtin_method(rt, name, out);
    if (r) return r < 0 ? -1 : 0;
  }
  /* object.__new__(cls), object.__setattr__(self, k, v), ... */
  if (!t->cls && !strcmp(t->name, "object") && name[0] == '_' && strcmp(name, "__init__")) {
    int r = sl__class_builtin_method(rt, name, out);
    if (r) return r < 0 ? -1 : 0;
  }
  /* A method of the type, unbound: look it up on a sample instance. */
  sl_value sample = sl_undef(), m;
  if (t->tag == SL_V_INT)
    sample = sl_int(0);
  else if (t->tag == SL_V_FLOAT)
    sample = sl_float(0);
  else if (t->type == &sl_str_type)
    sample = sl_obj_val(sl_str_new(rt, "", 0));
  else if (t->type == &sl_list_type)
    sample = sl_obj_val(sl_list_new(rt, NULL, 0));
  else if (t->type == &sl_tuple_type)
    sample = sl_obj_val(sl_tuple_new(rt, NULL, 0));
  else if (t->type == &sl_dict_type)
    sample = sl_obj_val(sl_dict_new(rt));
  else if (t->type == &sl_set_type)
    sample = sl_obj_val(sl_set_new(rt));
  else if (t->type == &sl_bytes_type)
    sample = sl_obj_val(sl_bytes_new(rt, NULL, 0));
  if (sample.tag == SL_V_OBJ && !sample.u.o) return -1;
  if (!sl_is_undef(sample)) {
    int r = sl_lang_getattr(rt, sample, name, &m);
    sl_vdecref(rt, sample);
    if (r == 0) {
      sl_vdecref(rt, m);
      sl_obj *n = sl_str_from_cstr(rt, name);
      if (!n) return -1;
      sl_value info[2] = {sl_obj_val(o), sl_obj_val(n)};
      sl_obj *tup = sl_tuple_new(rt, info, 2);
      sl_decref(rt, n);
      sl_obj *f = tup ? sl_cfunc_new(rt, &unbound_def, sl_obj_val(tup)) : NULL;
      sl_decref(rt, tup);
      if (!f) return -1;
      *out = sl_obj_val(f);
      return 0;
    }
    if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
    sl_err_clear(rt);
  }
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'", t->name,
                  name);
}

const sl_type sl_typeobj_type = {.name = "type",
                                 .clear = typeobj_clear,
                                 .repr = typeobj_repr,
                                 .call = typeobj_call,
                                 .getattr = typeobj_getattr,
                                 .size = sizeof(sl_typeobj)};

/* The run's table of type objects (name -> type object): kept in the
 * builtins dict under a key no program can spell. */
#define TYPES_KEY " types"

static int types_table(sl_rt *rt, sl_obj **table) {
  sl_value v;
  bool found;
  sl_obj *b = sl_builtins_dict(rt);
  if (!b) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "builtins are not initialised");
  if (sl_dict_get_str(rt, b, TYPES_KEY, &v, &found)) return -1;
  if (!found || !sl__is_dict(v)) {
    if (found) sl_vdecref(rt, v);
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "builtins are not initialised");
  }
  *table = v.u.o;
  sl_decref(rt, v.u.o); /* borrowed: the builtins dict keeps it */
  return 0;
}

int sl_typeobj_of_class(sl_rt *rt, const sl_classdef *cd, sl_value *out) {
  sl_obj *table = NULL;
  if (types_table(rt, &table)) return -1;
  /* Keyed by the dotted full name, which no sl_type name has, so the
   * class never collides with the type objects made below. */
  bool found;
  if (sl_dict_get_str(rt, table, cd->fullname, out, &found)) return -1;
  if (found) return 0;
  sl_obj *o = sl_obj_alloc(rt, &sl_typeobj_type);
  if (!o) return -1;
  sl_typeobj *t = (sl_typeobj *)o;
  t->name = cd->name;
  t->type = cd->types[0];
  t->tag = SL_V_OBJ;
  t->ctor = cd->ctor;
  t->table = sl_none();
  t->cls = cd;
  if (sl_dict_set_str(rt, table, cd->fullname, sl_obj_val(o))) {
    sl_decref(rt, o);
    return -1;
  }
  *out = sl_obj_val(o);
  return 0;
}

static int typeobj_named(sl_rt *rt, const char *name, const sl_type *ty, sl_vtag tag,
                         sl_value *out);

int sl_type_of(sl_rt *rt, sl_value v, sl_value *out) {
  if (sl_is_type(v, &sl_class_type) && sl_as_class(v.u.o)->meta) { /* a metaclass's class */
    *out = obj_or_none(sl_as_class(v.u.o)->meta);
    return 0;
  }
  if (v.tag == SL_V_OBJ && sl_user_cls_of(v.u.o)) {
    *out = obj_or_none(sl_user_cls_of(v.u.o));
    return 0;
  }
  const sl_classdef *cd = v.tag == SL_V_OBJ ? sl_asyncio_classdef_of(v.u.o->type) : NULL;
  if (!cd) cd = sl_stdmod_classdef_of(v);
  if (cd) return sl_typeobj_of_class(rt, cd, out);
  return typeobj_named(rt, sl_type_name(v), v.tag == SL_V_OBJ ? v.u.o->type : NULL, v.tag, out);
}

int sl_typeobj_of_type(sl_rt *rt, const sl_type *ty, sl_value *out) {
  return typeobj_named(rt, ty->name, ty, SL_V_OBJ, out);
}

/* The run's type object called `name` (of instances of sl_type ty, or of
 * the immediates with tag), made on first use. New reference. */
static int typeobj_named(sl_rt *rt, const char *name, const sl_type *ty, sl_vtag tag,
                         sl_value *out) {
  sl_obj *table = NULL;
  if (types_table(rt, &table)) return -1;
  bool found;
  if (sl_dict_get_str(rt, table, name, out, &found)) return -1;
  if (found) return 0;
  /* A type without a builtins name (function, coroutine, Task, ...):
   * made on first use and remembered, so type(x) is type(y) holds. */
  sl_obj *o = sl_obj_alloc(rt, &sl_typeobj_type);
  if (!o) return -1;
  sl_typeobj *t = (sl_typeobj *)o;
  t->name = name;
  t->type = ty;
  t->tag = tag;
  t->table = sl_none();
  if (sl_dict_set_str(rt, table, name, sl_obj_val(o))) {
    sl_decref(rt, o);
    return -1;
  }
  *out = sl_obj_val(o);
  return 0;
}

int sl_isinstance1(sl_rt *rt, sl_value v, sl_value cls, bool *res) {
  *res = false;
  if (sl_is_type(cls, &sl_class_type)) {
    if (sl_is_type(v, &sl_exc_type))
      *res = sl_exc_isinstance_cls(v.u.o, cls.u.o);
    else if (v.tag == SL_V_OBJ && sl_user_cls_of(v.u.o))
      *res = sl_class_is_subclass(sl_user_cls_of(v.u.o), cls.u.o);
    else if (sl_is_type(v, &sl_class_type) && sl_as_class(v.u.o)->meta) /* isinstance(C, Meta) */
      *res = sl_class_is_subclass(sl_as_class(v.u.o)->meta, cls.u.o);
    if (!*res && (sl_as_class(cls.u.o)->lang_flags & (SL__CLS_ABC_REG | SL__CLS_ABC_HOOK)))
      return sl__abc_instancecheck(rt, v, cls.u.o, res);
    return 0;
  }
  if (!sl_is_type(cls, &sl_typeobj_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "isinstance() arg 2 must be a type, a tuple of types, or a union");
  sl_typeobj *t = (sl_typeobj *)cls.u.o;
  sl_value mixed;
  /* An IntEnum/StrEnum member is an int/str. */
  if (!t->cls && sl__enum_mixed_value(rt, v, &mixed) && strcmp(t->name, "object")) v = mixed;
  if (t->cls) {
    for (const sl_type *const *ty = t->cls->types; *ty && !*res; ty++)
      *res = v.tag == SL_V_OBJ && v.u.o->type == *ty;
    /* A native dict subclass is told apart by its kind, not its type. */
    if (!*res && sl__dict_kind(v)) *res = sl__dict_kind(v)->cls == (const void *)t->cls;
  } else if (!strcmp(t->name, "object"))
    *res = true;
  else if (t->tag == SL_V_INT && !t->type)
    *res = sl_is_intish(v);
  else if (t->tag != SL_V_OBJ && !t->type)
    *res = v.tag == t->tag || (t->tag == SL_V_FLOAT && sl_is_floatobj(v));
  else if (!strcmp(t->name, "type"))
    *res = sl_is_type(v, &sl_typeobj_type) || sl_is_type(v, &sl_class_type);
  else
    *res = v.tag == SL_V_OBJ && (v.u.o->type == t->type ||
                                 (t->type == &sl_range_type && v.u.o->type == &sl__longrange_type));
  /* A named tuple's instance is a tuple (its class derives from tuple). */
  if (!*res && t->type == &sl_tuple_type && sl__namedtuple_items(v)) *res = true;
  return 0;
}

/* ---- getattr / setattr ------------------------------------------------------------- */

static int no_attr(sl_rt *rt, sl_value v, const char *name) {
  if (sl_is_type(v, &sl_exc_type))
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
                    sl_exc_type_name(v.u.o), name);
  if (sl_is_type(v, &sl_class_type))
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'",
                    sl_str_cstr(sl_as_class(v.u.o)->name), name);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", sl_type_name(v),
                  name);
}

int sl_lang_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  int r = 0;
  if (!strcmp(name, "__class__") && !sl_is_type(v, &sl_exc_type)) return sl_type_of(rt, v, out);
  switch (v.tag) {
  case SL_V_INT:
  case SL_V_BOOL:
  case SL_V_FLOAT: r = sl__num_getattr(rt, v, name, out); break;
  case SL_V_OBJ: {
    const sl_type *t = v.u.o->type;
    if (t == &sl_long_type)
      r = sl__num_getattr(rt, v, name, out);
    else if (t == &sl_floatobj_type)
      r = sl__num_getattr(rt, sl_num_unbox(v), name, out);
    else if (t == &sl_str_type)
      r = sl__str_getattr(rt, v, name, out);
    else if (t == &sl_list_type || t == &sl_tuple_type)
      r = sl__seq_getattr(rt, v, name, out);
    else if (t == &sl_dict_type) {
      /* A native subclass's own attributes first (defaultdict.default_factory). */
      const sl_dict_kind *k = sl__dict_kind(v);
      r = k && k->getattr ? k->getattr(rt, v.u.o, name, out) : 0;
      if (r) return r < 0 ? -1 : 0;
      r = sl__dict_getattr(rt, v, name, out);
    } else if (t == &sl_set_type || t == &sl_frozenset_type)
      r = sl__set_getattr(rt, v, name, out);
    else if (t == &sl_exc_type)
      r = sl__exc_getattr(rt, v, name, out);
    else if (t == &sl_class_type)
      r = class_getattr(rt, v.u.o, name, out);
    else if (t == &sl_range_type) {
      sl_range *rg = (sl_range *)v.u.o;
      if (!strcmp(name, "start")) return *out = sl_int(rg->start), 0;
      if (!strcmp(name, "stop")) return *out = sl_int(rg->stop), 0;
      if (!strcmp(name, "step")) return *out = sl_int(rg->step), 0;
      r = sl_methods_lookup(rt, v, sl__range_methods, name, out);
    } else if (t == &sl_slice_type) {
      sl_slice *s = (sl_slice *)v.u.o;
      if (!strcmp(name, "start")) return *out = sl_vincref(s->start), 0;
      if (!strcmp(name, "stop")) return *out = sl_vincref(s->stop), 0;
      if (!strcmp(name, "step")) return *out = sl_vincref(s->step), 0;
    } else if (t->getattr)
      return t->getattr(rt, v.u.o, name, out);
    else if (t == &sl_cfunc_type && !strcmp(name, "__name__")) {
      /* Tables hold qualnames ("list.append"); __name__ is the last part. */
      const char *q = sl_as_cfunc(v.u.o)->def->name, *dot = strrchr(q, '.');
      return sl__str_value(rt, dot ? dot + 1 : q, strlen(dot ? dot + 1 : q), out);
    } else if (t == &sl_cfunc_type && !strcmp(name, "__qualname__")) {
      const char *q = sl_as_cfunc(v.u.o)->def->name;
      return sl__str_value(rt, q, strlen(q), out);
    }
    break;
  }
  default: break;
  }
  if (r == 0) r = sl__builtin_dunder(rt, v, name, out);
  if (r < 0) return -1;
  if (r > 0) return 0;
  return no_attr(rt, v, name);
}

int sl_setattr(sl_rt *rt, sl_value obj, const char *name, sl_value v) {
  if (sl_is_type(obj, &sl_exc_type)) {
    sl_exc *e = sl_as_exc(obj.u.o);
    if (!strcmp(name, "__cause__") || !strcmp(name, "__context__")) {
      bool cause = name[2] == 'c' && name[3] == 'a';
      if (!sl_is_none(v) && !sl_is_type(v, &sl_exc_type))
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        "exception %s must be None or derive from BaseException",
                        cause ? "cause" : "context");
      sl_obj **slot = cause ? &e->cause : &e->context, *old = *slot;
      *slot = sl_is_none(v) ? NULL : v.u.o;
      sl_incref(*slot);
      sl_decref(rt, old);
      if (cause) e->suppress_context = true; /* BaseException_set_cause */
      return 0;
    }
    if (!strcmp(name, "__suppress_context__")) return sl_truth(rt, v, &e->suppress_context);
    if (!strcmp(name, "args")) {
      sl_obj *l;
      if (sl_list_from_iterable(rt, v, &l)) return -1;
      sl_obj *t = sl_tuple_new(rt, sl_as_list(l)->items, sl_as_list(l)->len);
      sl_decref(rt, l);
      if (!t) return -1;
      sl_decref(rt, e->args);
      e->args = t;
      return 0;
    }
    if (!strcmp(name, "__traceback__")) return 0;
    if (!e->attrs && !(e->attrs = sl_dict_new(rt))) return -1;
    return sl_dict_set_str(rt, e->attrs, name, v);
  }
  if (sl_is_type(obj, &sl_class_type)) {
    sl_class *c = sl_as_class(obj.u.o);
    if (c->builtin != SL_EXC_NONE)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot set '%s' attribute of immutable type '%s'",
                      name, sl_str_cstr(c->name));
    if (!c->attrs && !(c->attrs = sl_dict_new(rt))) return -1;
    return sl_dict_set_str(rt, c->attrs, name, v);
  }
  if (obj.tag == SL_V_OBJ && obj.u.o->type->setattr)
    return obj.u.o->type->setattr(rt, obj.u.o, name, v);
  if (sl_is_type(obj, &sl_typeobj_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot set '%s' attribute of immutable type '%s'", name,
                    ((sl_typeobj *)obj.u.o)->name);
  return sl_no_dict_attr_error(rt, obj, name);
}

int sl_no_dict_attr_error(sl_rt *rt, sl_value obj, const char *name) {
  /* Objects/object.c _PyObject_GenericSetAttrWithDict, no __dict__: 3.13+
   * adds "and no __dict__ for setting new attributes". */
  return sl_raise(
      rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'%s", sl_type_name(obj), name,
      rt->profile->setattr_no_dict_message ? " and no __dict__ for setting new attributes" : "");
}
