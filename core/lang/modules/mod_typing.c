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
 * Protocols are not checked structurally. NamedTuple, called or as a
 * class's base, makes a collections.namedtuple class (below); TypedDict as
 * a base is not supported. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_collections-int.h"
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

/* How many arguments each alias of a collection takes (the nparams of
 * its `_alias(...)` in Lib/typing.py) and, from 3.13, how many of the last
 * default to NoneType; forms not listed take any number here. */
static const struct arity {
  const char *name;
  int nparams, ndefaults;
} ARITIES[] = {
    {"Hashable", 0, 0},
    {"Sized", 0, 0},
    {"Awaitable", 1, 0},
    {"Coroutine", 3, 0},
    {"AsyncIterable", 1, 0},
    {"AsyncIterator", 1, 0},
    {"Iterable", 1, 0},
    {"Iterator", 1, 0},
    {"Container", 1, 0},
    {"Collection", 1, 0},
    {"AbstractSet", 1, 0},
    {"MutableSet", 1, 0},
    {"Mapping", 2, 0},
    {"MutableMapping", 2, 0},
    {"Sequence", 1, 0},
    {"MutableSequence", 1, 0},
    {"List", 1, 0},
    {"Deque", 1, 0},
    {"Set", 1, 0},
    {"FrozenSet", 1, 0},
    {"Dict", 2, 0},
    {"DefaultDict", 2, 0},
    {"Counter", 1, 0},
    {"Generator", 3, 2},
    {"AsyncGenerator", 2, 1},
    {"Type", 1, 0},
    {NULL, 0, 0},
};

/* _SpecialGenericAlias.__getitem__'s count check (3.11/3.12
 * _check_generic; 3.13+ fills the missing NoneType defaults first). *args
 * (owned) may be replaced by a longer tuple. 0, or -1 with TypeError. */
static int check_arity(sl_rt *rt, const char *name, sl_obj **args) {
  const struct arity *ar = ARITIES;
  while (ar->name && strcmp(ar->name, name)) ar++;
  if (!ar->name) return 0;
  int nd = rt->profile->minor >= 13 ? ar->ndefaults : 0;
  size_t n = ((sl_tuple *)*args)->len;
  if (nd && n < (size_t)ar->nparams && n + (size_t)nd >= (size_t)ar->nparams) {
    sl_value items[3], none_type;
    if (sl_type_of(rt, sl_none(), &none_type)) return -1;
    for (size_t i = 0; i < (size_t)ar->nparams; i++)
      items[i] = i < n ? ((sl_tuple *)*args)->items[i] : none_type;
    sl_obj *full = sl_tuple_new(rt, items, (size_t)ar->nparams);
    sl_vdecref(rt, none_type);
    if (!full) return -1;
    sl_decref(rt, *args);
    *args = full;
    return 0;
  }
  if (n == (size_t)ar->nparams) return 0;
  if (!ar->nparams)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "typing.%s is not a generic class", name);
  char expected[32];
  snprintf(expected, sizeof expected, nd ? "at least %d" : "%d", ar->nparams - nd);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "Too %s arguments for typing.%s; actual %zu, expected %s",
                  n > (size_t)ar->nparams ? "many" : "few", name, n, expected);
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
  if (check_arity(rt, t->name, &args)) {
    sl_decref(rt, args);
    return -1;
  }
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

/* ---- NamedTuple ------------------------------------------------------------
 *
 * Lib/typing.py: NamedTuple('P', [('x', int), ('y', int)]) or
 * NamedTuple('P', x=int, y=int) is collections.namedtuple('P', ['x', 'y']);
 * `class P(NamedTuple):` stands for NamedTupleMeta.__new__, which makes the
 * named tuple from the body's annotated names (their values the defaults)
 * and then sets the body's other attributes on it. */

static int append_str(sl_rt *rt, sl_obj *list, sl_value v) {
  if (!sl_is_str(v))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Type names and field names must be strings");
  return sl_list_append(rt, list, v);
}

/* The field name of one (name, type) pair of the functional form. */
static int pair_name(sl_rt *rt, sl_obj *fields, sl_value pair) {
  sl_obj *l = NULL;
  if (sl_list_from_iterable(rt, pair, &l)) return -1;
  int rc = sl_as_list(l)->len == 2
               ? append_str(rt, fields, sl_as_list(l)->items[0])
               : sl_raise(rt, SL_EXC_TYPE_ERROR, "NamedTuple fields must be (name, type) pairs");
  sl_decref(rt, l);
  return rc;
}

static int f_namedtuple(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->npos < 1 || args->npos > 2 || !sl_is_str(args->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: NamedTuple() takes a str typename and "
                    "optionally a list of (name, type) pairs");
  sl_obj *fields = sl_list_new(rt, NULL, 0), *pairs = NULL, *defaults = sl_tuple_new(rt, NULL, 0);
  int rc = fields && defaults ? 0 : -1;
  if (!rc && args->npos == 2 && !sl_is_none(args->pos[1]))
    rc = sl_list_from_iterable(rt, args->pos[1], &pairs);
  for (size_t i = 0; !rc && pairs && i < sl_as_list(pairs)->len; i++)
    rc = pair_name(rt, fields, sl_as_list(pairs)->items[i]);
  for (size_t i = 0; !rc && i < args->nkw; i++)
    rc = sl_list_append(rt, fields, sl_obj_val(args->kwnames[i]));
  if (!rc)
    rc = sl__namedtuple_build(rt, sl_str_cstr(args->pos[0].u.o), "__main__", fields, defaults, out);
  sl_decref(rt, fields);
  sl_decref(rt, pairs);
  sl_decref(rt, defaults);
  return rc ? -1 : 0;
}

static const sl_cfunc_def namedtuple_def = {"NamedTuple", f_namedtuple, NULL, 0};

bool sl__typing_is_namedtuple(sl_value b) {
  return sl_is_type(b, &sl_cfunc_type) && sl_as_cfunc(b.u.o)->def == &namedtuple_def;
}

/* The annotated names of the body (fields) and the values the body gave
 * them (defaults), which only the last fields may have. */
static int body_fields(sl_rt *rt, sl_obj *ns, sl_obj *ann, sl_obj *fields, sl_obj *defaults) {
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(ann, &pos, &k, &v)) {
    if (append_str(rt, fields, k)) return -1;
    sl_value d;
    bool found = false;
    if (sl_dict_get(rt, ns, k, &d, &found)) return -1;
    if (found) {
      int rc = sl_list_append(rt, defaults, d);
      sl_vdecref(rt, d);
      if (rc) return -1;
    } else if (sl_as_list(defaults)->len) {
      size_t nd = sl_as_list(defaults)->len, nf = sl_as_list(fields)->len;
      sl_strbuf b = SL_STRBUF_INIT;
      for (size_t i = nf - 1 - nd; i < nf - 1; i++)
        sl_strbuf_printf(&b, "%s%s", i > nf - 1 - nd ? ", " : "",
                         sl_str_cstr(sl_as_list(fields)->items[i].u.o));
      sl_raise(rt, SL_EXC_TYPE_ERROR,
               "Non-default namedtuple field %s cannot follow default field%s %s",
               sl_str_cstr(k.u.o), nd > 1 ? "s" : "", sl_strbuf_cstr(&b));
      sl_strbuf_free(&b);
      return -1;
    }
  }
  return 0;
}

static const char *const NT_PROHIBITED[] = {
    "__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
    "_make",   "_replace", "_asdict",   "_source",        NULL};

static bool in_names(const char *const *names, const char *s) {
  for (; *names; names++)
    if (!strcmp(*names, s)) return true;
  return false;
}

/* The body's other attributes (methods, class attributes, __doc__) set on
 * the named tuple class; __qualname__ and __annotations__ as CPython
 * leaves them aside or sets them itself. */
static int copy_body(sl_rt *rt, sl_obj *ns, sl_obj *fields, sl_value cls) {
  static const char *const special[] = {"__module__", "__name__", "__annotations__", "__qualname__",
                                        NULL};
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(ns, &pos, &k, &v)) {
    if (!sl_is_str(k)) continue;
    const char *key = sl_str_cstr(k.u.o);
    if (in_names(NT_PROHIBITED, key))
      return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "Cannot overwrite NamedTuple attribute %s", key);
    bool field = false;
    for (size_t i = 0; i < sl_as_list(fields)->len && !field; i++)
      field = !strcmp(sl_str_cstr(sl_as_list(fields)->items[i].u.o), key);
    if (!field && !in_names(special, key) && sl_vm_setattr(rt, cls, key, v)) return -1;
  }
  return 0;
}

int sl__typing_namedtuple_class(sl_rt *rt, sl_obj *name, const char *module, sl_obj *ns,
                                sl_value *out) {
  sl_value ann = sl_undef();
  bool found = false;
  if (sl_dict_get_str(rt, ns, "__annotations__", &ann, &found)) return -1;
  sl_obj *fields = sl_list_new(rt, NULL, 0), *dl = sl_list_new(rt, NULL, 0), *defaults = NULL;
  int rc = fields && dl ? 0 : -1;
  if (!rc && found && sl_is_type(ann, &sl_dict_type)) rc = body_fields(rt, ns, ann.u.o, fields, dl);
  if (!rc) rc = (defaults = sl_tuple_new(rt, sl_as_list(dl)->items, sl_as_list(dl)->len)) ? 0 : -1;
  if (!rc) rc = sl__namedtuple_build(rt, sl_str_cstr(name), module, fields, defaults, out);
  if (!rc && (copy_body(rt, ns, fields, *out) ||
              (found && sl_vm_setattr(rt, *out, "__annotations__", ann)))) {
    sl_vdecref(rt, *out);
    rc = -1;
  }
  sl_vdecref(rt, ann);
  sl_decref(rt, fields);
  sl_decref(rt, dl);
  sl_decref(rt, defaults);
  return rc ? -1 : 0;
}

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
  if (sl_stdmod_add_funcs(rt, module_dict, typing_funcs) ||
      sl_stdmod_add_func(rt, module_dict, &namedtuple_def))
    return -1;
  sl_obj *generic = add_class(rt, module_dict, "Generic", NULL);
  if (!generic || !add_class(rt, module_dict, "Protocol", generic)) return -1;
  return sl_stdmod_add(rt, module_dict, "TYPE_CHECKING", sl_bool(false));
}
