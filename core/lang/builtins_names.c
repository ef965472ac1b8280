/* The builtins that show a scope's or an object's names: globals(),
 * locals(), vars() and dir() (Python/bltinmodule.c builtin_globals,
 * builtin_locals, builtin_vars, builtin_dir; Objects/object.c _dir_locals
 * and _dir_object; Objects/typeobject.c type___dir__ and object___dir__).
 *
 * locals() of a function holds its bound local variables and the ones it
 * shares with inner functions; a free variable (one read from an
 * enclosing function) is left out. dir(x) is answered for the program's
 * own modules and for instances and classes of its own plain classes,
 * whose attributes simloop holds as CPython does; other objects (standard
 * modules, whose names simloop holds only in part, built-in and asyncio
 * objects) are refused rather than given a list that differs from
 * CPython's. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/builtins-int.h"
#include "core/lang/code.h"
#include "core/lang/ops-int.h"
#include "core/lang/vm-int.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

#define FN(name) static int bi_##name(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out)

/* The frame running the program code that called the builtin. */
static sl_frame *caller(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  return L ? L->frame : NULL;
}

/* The caller's frame for globals() or locals(), which take no arguments;
 * NULL with the error raised. */
static sl_frame *scope_frame(sl_rt *rt, const sl_args *a, const char *name) {
  sl_frame *f = caller(rt);
  if (a->nkw)
    sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  else if (a->npos)
    sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no arguments (%zu given)", name, a->npos);
  else if (!f)
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "%s(): no frame", name);
  else
    return f;
  return NULL;
}

FN(globals) {
  (void)self;
  sl_frame *f = scope_frame(rt, a, "globals");
  if (!f) return -1;
  sl_incref(f->globals);
  *out = sl_obj_val(f->globals);
  return 0;
}

/* locals() of `f`: the namespace itself at module level and in a class
 * body (a live dict, as CPython's), a new dict of the bound variables in
 * a function. */
static int frame_locals(sl_rt *rt, sl_frame *f, sl_value *out) {
  sl_code *c = sl_as_code(f->code);
  sl_obj *ns = f->ns ? f->ns : (c->flags & SL_CO_MODULE) ? f->globals : NULL;
  if (ns) {
    sl_incref(ns);
    *out = sl_obj_val(ns);
    return 0;
  }
  sl_obj *d = sl_dict_new(rt);
  int rc = d ? 0 : -1;
  for (uint32_t i = 0; !rc && i < c->nlocals; i++)
    if (!sl_is_undef(f->locals[i]))
      rc = sl_dict_set(rt, d, sl_obj_val(c->localnames[i]), f->locals[i]);
  for (uint32_t i = 0; !rc && i < c->ncells; i++) {
    sl_value v = ((sl_cell *)f->cells[i])->v;
    if (!sl_is_undef(v)) rc = sl_dict_set(rt, d, sl_obj_val(c->cellnames[i]), v);
  }
  if (rc) {
    sl_decref(rt, d);
    return -1;
  }
  *out = sl_obj_val(d);
  return 0;
}

FN(locals) {
  (void)self;
  sl_frame *f = scope_frame(rt, a, "locals");
  return f ? frame_locals(rt, f, out) : -1;
}

/* vars(obj) is obj.__dict__; vars() is locals(). */
FN(vars) {
  (void)self;
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "vars() takes no keyword arguments");
  if (a->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "vars expected at most 1 argument, got %zu", a->npos);
  if (!a->npos) return bi_locals(rt, self, a, out);
  if (!sl_vm_getattr(rt, a->pos[0], "__dict__", out)) return 0;
  if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
  sl_err_clear(rt);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "vars() argument must have __dict__ attribute");
}

/* object.__dir__'s names for a plain object: object's own attributes in
 * this release (dir(object)). */
static const char *const object_names[] = {
    "__class__",   "__delattr__", "__dir__",           "__doc__",          "__eq__",
    "__format__",  "__ge__",      "__getattribute__",  "__getstate__",     "__gt__",
    "__hash__",    "__init__",    "__init_subclass__", "__le__",           "__lt__",
    "__ne__",      "__new__",     "__reduce__",        "__reduce_ex__",    "__repr__",
    "__setattr__", "__sizeof__",  "__str__",           "__subclasshook__", NULL};

static int add_name(sl_rt *rt, sl_obj *names, const char *name) {
  sl_obj *s = sl_str_new(rt, name, strlen(name));
  int rc = s ? sl_set_add(rt, names, sl_obj_val(s)) : -1;
  sl_decref(rt, s);
  return rc;
}

static int add_keys(sl_rt *rt, sl_obj *names, sl_obj *dict, const char *skip) {
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(dict, &pos, &k, &v))
    if (!(skip && sl_is_str(k) && !strcmp(sl_str_cstr(k.u.o), skip)) && sl_set_add(rt, names, k))
      return -1;
  return 0;
}

/* A class of the program's own whose attributes dir() can list: no
 * engine class, exception or metaclass of its own in play. */
static bool plain_class(sl_value v) {
  if (!sl_is_type(v, &sl_class_type)) return false;
  const sl_class *c = sl_as_class(v.u.o);
  return c->attrs && c->builtin == SL_EXC_NONE && !c->native && !c->meta;
}

/* A class's __slots__ (a str, or an iterable of them, as type() takes
 * it) become member descriptors in its __dict__. 1, or -1. */
static int add_slot_names(sl_rt *rt, sl_obj *names, sl_value slots) {
  if (sl_is_str(slots)) return sl_set_add(rt, names, slots) ? -1 : 1;
  const sl_value *items;
  size_t n;
  sl_obj *owned;
  if (sl_seq_items(rt, slots, &items, &n, &owned)) return -1;
  int rc = 1;
  for (size_t i = 0; rc > 0 && i < n; i++)
    if (sl_is_str(items[i]) && sl_set_add(rt, names, items[i])) rc = -1;
  sl_decref(rt, owned);
  return rc;
}

/* type.__dir__: the names in the class dicts along the MRO (a class's
 * __dict__ also holds __doc__, __dict__ and __weakref__ unless it has
 * __slots__, and from 3.13
 * __firstlineno__ and __static_attributes__). 1 done, 0 not answerable. */
static int add_class_names(sl_rt *rt, sl_obj *names, sl_obj *cls) {
  sl_value mro;
  if (sl__class_mro(rt, cls, true, &mro)) return -1;
  const sl_tuple *t = sl_as_tuple(mro.u.o);
  int rc = 1;
  for (size_t i = 0; rc > 0 && i + 1 < t->len; i++) {
    if (!plain_class(t->items[i])) {
      rc = 0;
      break;
    }
    sl_obj *attrs = sl_as_class(t->items[i].u.o)->attrs;
    sl_value slots = sl_undef();
    bool has_slots = false;
    if (sl_dict_get_str(rt, attrs, "__slots__", &slots, &has_slots)) {
      rc = -1;
      break;
    }
    rc = has_slots ? add_slot_names(rt, names, slots) : 1;
    sl_vdecref(rt, slots);
    if (rc < 0) break;
    if (add_keys(rt, names, attrs, "__qualname__") ||
        (!has_slots && (add_name(rt, names, "__dict__") || add_name(rt, names, "__weakref__"))) ||
        (rt->profile->class_static_attributes &&
         (add_name(rt, names, "__firstlineno__") || add_name(rt, names, "__static_attributes__"))))
      rc = -1;
  }
  for (const char *const *n = object_names; rc > 0 && *n; n++)
    if (add_name(rt, names, *n)) rc = -1;
  sl_vdecref(rt, mro);
  return rc;
}

/* The names dir(v) lists, before sorting (object.__dir__: the instance
 * dict, if any, and its class's names): 1 done, 0 not answerable. */
static int object_dir_names(sl_rt *rt, sl_value v, sl_obj *names) {
  if (plain_class(v)) return add_class_names(rt, names, v.u.o);
  if (sl_is_type(v, &sl_module_type)) {
    /* The program's own modules (they have a __file__); simloop's
     * standard modules hold only part of CPython's names. */
    sl_obj *d = ((sl_module *)v.u.o)->dict;
    sl_value file = sl_undef();
    bool own = false;
    if (sl_dict_get_str(rt, d, "__file__", &file, &own)) return -1;
    sl_vdecref(rt, file);
    return !own ? 0 : add_keys(rt, names, d, NULL) ? -1 : 1;
  }
  sl_value d;
  if (!sl_vm_getattr(rt, v, "__dict__", &d)) {
    int rc = sl_is_type(d, &sl_dict_type) ? add_keys(rt, names, d.u.o, NULL) : 0;
    sl_vdecref(rt, d);
    if (rc) return -1;
  } else if (sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) {
    sl_err_clear(rt);
  } else {
    return -1;
  }
  sl_value cls;
  if (sl_vm_getattr(rt, v, "__class__", &cls)) return -1;
  int rc = plain_class(cls) ? add_class_names(rt, names, cls.u.o) : 0;
  sl_vdecref(rt, cls);
  return rc;
}

FN(dir) {
  (void)self;
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "dir() takes no keyword arguments");
  if (a->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "dir expected at most 1 argument, got %zu", a->npos);
  sl_obj *names = sl_set_new(rt);
  if (!names) return -1;
  sl_value scope = sl_undef();
  int rc;
  if (!a->npos) {
    sl_frame *f = caller(rt);
    rc = !f ? 1 : frame_locals(rt, f, &scope) ? -1 : add_keys(rt, names, scope.u.o, NULL) ? -1 : 1;
  } else {
    rc = object_dir_names(rt, a->pos[0], names);
  }
  sl_vdecref(rt, scope);
  sl_obj *list = rc > 0 ? sl_list_new(rt, NULL, 0) : NULL;
  sl_value key;
  for (size_t pos = 0; list && sl_set_next(names, &pos, &key);)
    if (sl_list_append(rt, list, key)) {
      sl_decref(rt, list);
      list = NULL;
    }
  sl_decref(rt, names);
  if (!rc)
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "dir() of a '%s' object is not supported by simloop (the program's own "
                    "modules, classes and their instances are)",
                    sl_type_name(a->pos[0]));
  if (!list) return -1;
  sl_list *l = sl_as_list(list);
  if (sl__sort(rt, l->items, l->len, sl_none(), false)) {
    sl_decref(rt, list);
    return -1;
  }
  *out = sl_obj_val(list);
  return 0;
}

const sl_cfunc_def sl__builtin_names_funcs[] = {
    {"globals", bi_globals, NULL, 0}, {"locals", bi_locals, NULL, 0}, {"vars", bi_vars, NULL, 0},
    {"dir", bi_dir, NULL, 0},         {NULL, NULL, NULL, 0},
};
