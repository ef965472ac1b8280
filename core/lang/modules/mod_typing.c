/* The `typing` module, for the uses programs make of it at run time:
 * importing its names, subscripting them in type aliases
 * (`Pair = Tuple[int, str]`), TypeVar, cast, TYPE_CHECKING. Annotations
 * themselves are never evaluated by simloop (the parser drops them).
 * Reprs follow Lib/typing.py (`typing.List[int]`, `~T`; from 3.14
 * `Optional[int]` is `int | None`). `Generic` and `Protocol(Generic)` are
 * classes; subscripting them, a class deriving from them, or a built-in
 * container type (`list[int]`) gives a generic alias (typing._GenericAlias
 * / types.GenericAlias) that prints `__main__.Box[int]` / `list[int]`,
 * calls its origin, and stands for its origin among a class's bases
 * (__mro_entries__; the bases as written are kept as `__orig_bases__`).
 * Protocols are not checked structurally. NamedTuple and TypedDict as
 * bases are not supported. */
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* A special form or alias: `name` alone, or subscripted with `args`
 * (an owned tuple). A TypeVar has tvar set. A generic alias of a class
 * (`Box[int]`, `list[int]`) has origin set. */
typedef struct typing_obj {
  sl_obj hdr;
  const char *name; /* static: "List", "Optional", ...; TypeVar, alias: NULL */
  sl_obj *tvname;   /* owned str: a TypeVar's name */
  sl_obj *args;     /* owned tuple, or NULL when not subscripted */
  sl_value origin;  /* owned: the class a generic alias stands for, else SL_V_UNDEF */
} typing_obj;

static const sl_type typing_type;

static void typing_clear(sl_rt *rt, sl_obj *o) {
  typing_obj *t = (typing_obj *)o;
  sl_decref(rt, t->args);
  sl_decref(rt, t->tvname);
  t->args = t->tvname = NULL;
  sl_vset(rt, &t->origin, sl_undef());
}

/* typing._type_repr */
static int type_repr(sl_rt *rt, sl_value v, sl_strbuf *out) {
  if (sl_is_none(v)) {
    sl_strbuf_puts(out, "None");
    return 0;
  }
  if (!strcmp(sl_type_name(v), "ellipsis")) {
    sl_strbuf_puts(out, "...");
    return 0;
  }
  if (sl_is_type(v, &sl_typeobj_type) || sl_is_type(v, &sl_class_type)) {
    sl_value nm;
    if (sl_lang_getattr(rt, v, "__qualname__", &nm)) return -1;
    sl_value mod = sl_none();
    if (sl_lang_getattr(rt, v, "__module__", &mod)) sl_err_clear(rt);
    if (sl_is_str(mod) && strcmp(sl_str_cstr(mod.u.o), "builtins"))
      sl_strbuf_printf(out, "%s.", sl_str_cstr(mod.u.o));
    if (sl_is_str(nm)) sl_strbuf_puts(out, sl_str_cstr(nm.u.o));
    sl_vdecref(rt, nm);
    sl_vdecref(rt, mod);
    return 0;
  }
  return sl_repr(rt, v, out);
}

static int typing_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  typing_obj *t = (typing_obj *)o;
  if (t->tvname) {
    sl_strbuf_printf(out, "~%s", sl_str_cstr(t->tvname));
    return 0;
  }
  sl_tuple *a = t->args ? (sl_tuple *)t->args : NULL;
  if (!sl_is_undef(t->origin)) {
    /* _GenericAlias.__repr__ / types.GenericAlias: origin[args] */
    if (type_repr(rt, t->origin, out)) return -1;
    sl_strbuf_putc(out, '[');
    for (size_t i = 0; a && i < a->len; i++) {
      if (i) sl_strbuf_puts(out, ", ");
      if (type_repr(rt, a->items[i], out)) return -1;
    }
    sl_strbuf_putc(out, ']');
    return 0;
  }
  bool optional = !strcmp(t->name, "Optional"), uni = !strcmp(t->name, "Union");
  if (a && rt->profile->minor >= 14 && (optional || uni)) {
    /* 3.14: Union is types.UnionType, printed X | Y */
    for (size_t i = 0; i < a->len; i++) {
      if (i) sl_strbuf_puts(out, " | ");
      if (type_repr(rt, a->items[i], out)) return -1;
    }
    if (optional) sl_strbuf_puts(out, " | None");
    return 0;
  }
  sl_strbuf_printf(out, "typing.%s", t->name);
  if (!a) return 0;
  sl_strbuf_putc(out, '[');
  for (size_t i = 0; i < a->len; i++) {
    if (i) sl_strbuf_puts(out, ", ");
    if (type_repr(rt, a->items[i], out)) return -1;
  }
  sl_strbuf_putc(out, ']');
  return 0;
}

static sl_obj *typing_new(sl_rt *rt, const char *name, sl_obj *args) {
  sl_obj *o = sl_obj_alloc(rt, &typing_type);
  if (!o) return NULL;
  ((typing_obj *)o)->name = name;
  ((typing_obj *)o)->origin = sl_undef();
  sl_incref(args);
  ((typing_obj *)o)->args = args;
  return o;
}

/* X[args]: a new alias (a tuple key gives several arguments). */
static int typing_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  typing_obj *t = (typing_obj *)o;
  if (t->tvname || t->args || !sl_is_undef(t->origin))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: subscripting this typing object is not supported");
  sl_obj *args =
      sl_is_type(key, &sl_tuple_type) ? (sl_incref(key.u.o), key.u.o) : sl_tuple_new(rt, &key, 1);
  if (!args) return -1;
  sl_obj *a = typing_new(rt, t->name, args);
  sl_decref(rt, args);
  if (!a) return -1;
  *out = sl_obj_val(a);
  return 0;
}

/* Calling a generic alias creates an instance of its origin. */
static int typing_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  typing_obj *t = (typing_obj *)o;
  if (sl_is_undef(t->origin))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Cannot instantiate typing.%s",
                    t->name ? t->name : "TypeVar");
  return sl_vm_call(rt, t->origin, args, out);
}

/* __origin__ and __args__ of an alias; other names of an alias are its
 * origin's (_BaseGenericAlias.__getattr__). */
static int typing_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  typing_obj *t = (typing_obj *)o;
  if (t->tvname && !strcmp(name, "__name__")) return *out = sl_vincref(sl_obj_val(t->tvname)), 0;
  if (!sl_is_undef(t->origin)) {
    if (!strcmp(name, "__origin__")) return *out = sl_vincref(t->origin), 0;
    if (!strcmp(name, "__args__")) return *out = sl_vincref(sl_obj_val(t->args)), 0;
    if (strncmp(name, "__", 2)) return sl_vm_getattr(rt, t->origin, name, out);
  }
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                  name);
}

static const sl_lang_slots typing_slots = {.getitem = typing_getitem};

static const sl_type typing_type = {.name = "_SpecialForm",
                                    .clear = typing_clear,
                                    .repr = typing_repr,
                                    .call = typing_call,
                                    .getattr = typing_getattr,
                                    .lang = &typing_slots,
                                    .size = sizeof(typing_obj)};

int sl__typing_mro_entry(sl_value b, sl_value *out) {
  if (!sl_is_type(b, &typing_type) || sl_is_undef(((typing_obj *)b.u.o)->origin)) return 0;
  *out = ((typing_obj *)b.u.o)->origin;
  return 1;
}

bool sl__typing_is_generic(sl_obj *cls) {
  sl_class *c = sl_as_class(cls);
  if (!strcmp(c->module, "typing") && !strcmp(sl_str_cstr(c->name), "Generic")) return true;
  for (size_t i = 0, n = sl_class_nbases(&c->hdr); i < n; i++)
    if (sl__typing_is_generic(sl_class_base(&c->hdr, i))) return true;
  return false;
}

int sl__generic_alias_new(sl_rt *rt, sl_value origin, sl_value key, sl_value *out) {
  sl_obj *args =
      sl_is_type(key, &sl_tuple_type) ? (sl_incref(key.u.o), key.u.o) : sl_tuple_new(rt, &key, 1);
  sl_obj *a = args ? typing_new(rt, NULL, args) : NULL;
  sl_decref(rt, args);
  if (!a) return -1;
  ((typing_obj *)a)->origin = sl_vincref(origin);
  *out = sl_obj_val(a);
  return 0;
}

static int f_cast(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"typ", "val"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "cast", names, 2, 2, 2, a)) return -1;
  *out = sl_vincref(a[1]);
  return 0;
}

static int f_typevar(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos < 1 || !sl_is_str(args->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "TypeVar() argument 'name' must be str");
  sl_obj *o = typing_new(rt, NULL, NULL);
  if (!o) return -1;
  sl_incref(args->pos[0].u.o);
  ((typing_obj *)o)->tvname = args->pos[0].u.o;
  *out = sl_obj_val(o);
  return 0;
}

/* runtime_checkable, final, overload, no_type_check: the decorated object
 * unchanged (overload's dummy is replaced by the implementation anyway). */
static int f_identity(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 1 argument, got %zu", args->npos);
  *out = sl_vincref(args->pos[0]);
  return 0;
}

static const sl_cfunc_def typing_funcs[] = {
    {"cast", f_cast, NULL, 0},
    {"runtime_checkable", f_identity, NULL, 0},
    {"final", f_identity, NULL, 0},
    {"overload", f_identity, NULL, 0},
    {"no_type_check", f_identity, NULL, 0},
    {"TypeVar", f_typevar, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static const char *const FORMS[] = {
    "Any",        "Optional",       "Union",         "List",          "Dict",
    "Set",        "FrozenSet",      "Tuple",         "Callable",      "Type",
    "Awaitable",  "Coroutine",      "AsyncIterator", "AsyncIterable", "AsyncGenerator",
    "Iterator",   "Iterable",       "Generator",     "Sequence",      "MutableSequence",
    "Mapping",    "MutableMapping", "Deque",         "DefaultDict",   "Counter",
    "Literal",    "Final",          "ClassVar",      "NoReturn",      "Never",
    "Self",       "TypeAlias",      "Annotated",     "Hashable",      "Sized",
    "Collection", "Container",      "AbstractSet",   "MutableSet",    NULL,
};

/* The classes Generic and Protocol (borrowed: the module keeps them). */
static sl_obj *add_class(sl_rt *rt, sl_obj *module_dict, const char *name, sl_obj *base) {
  sl_obj *c = sl_class_new(rt, name, NULL, "typing", base, NULL);
  if (!c) return NULL;
  if (!(sl_as_class(c)->attrs = sl_dict_new(rt)) || sl__class_flags_compute(rt, c) ||
      sl_stdmod_add(rt, module_dict, name, sl_obj_val(c))) {
    sl_decref(rt, c);
    return NULL;
  }
  sl_decref(rt, c);
  return c;
}

int sl_mod_typing_init(sl_rt *rt, sl_obj *module_dict) {
  for (const char *const *f = FORMS; *f; f++) {
    sl_obj *o = typing_new(rt, *f, NULL);
    if (!o) return -1;
    int rc = sl_stdmod_add(rt, module_dict, *f, sl_obj_val(o));
    sl_decref(rt, o);
    if (rc) return -1;
  }
  if (sl_stdmod_add_funcs(rt, module_dict, typing_funcs)) return -1;
  sl_obj *generic = add_class(rt, module_dict, "Generic", NULL);
  if (!generic || !add_class(rt, module_dict, "Protocol", generic)) return -1;
  return sl_stdmod_add(rt, module_dict, "TYPE_CHECKING", sl_bool(false));
}
