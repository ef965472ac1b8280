/* collections.namedtuple. Mirrors Lib/collections/__init__.py's
 * namedtuple(): the same validation of names (and its messages), the
 * class attributes (_fields, _field_defaults, __match_args__, __doc__),
 * __new__'s argument errors ("P.__new__() missing 1 required positional
 * argument: 'y'"), the repr "P(x=1, y=2)", _make, _asdict, _replace.
 *
 * The class is a scenario-level class (so programs can derive from it
 * and add methods); an instance keeps its values in its args tuple, and
 * the special methods forward to that tuple, so indexing, slicing,
 * unpacking, len, `in`, ==, <, hash behave as a tuple's (and equal a
 * plain tuple of the same items). */
#include <ctype.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/descr.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* The class attribute that marks a named tuple class: (fields, defaults). */
#define NT_MARK "__simloop_namedtuple__"

sl_obj *sl__namedtuple_items(sl_value v) {
  if (!sl_is_type(v, &sl_exc_type)) return NULL;
  sl_class *c = sl_as_class(sl_as_exc(v.u.o)->cls);
  if (!c || !(c->lang_flags & SL_CLS_PLAIN)) return NULL;
  for (sl_obj *k = sl_as_exc(v.u.o)->cls; k; k = sl_as_class(k)->bases[0]) {
    sl_class *kc = sl_as_class(k);
    if (!kc->attrs) continue;
    for (size_t pos = 0;;) {
      sl_value key, val;
      if (!sl_dict_next(kc->attrs, &pos, &key, &val)) break;
      if (sl_is_str(key) && sl_str_eq_cstr(key.u.o, NT_MARK)) return sl_as_exc(v.u.o)->args;
    }
  }
  return NULL;
}

/* The items of self (an instance) or of a plain tuple; NULL otherwise. */
static sl_tuple *items_of(sl_value v) {
  if (sl_is_type(v, &sl_tuple_type)) return sl_as_tuple(v.u.o);
  sl_obj *t = sl__namedtuple_items(v);
  return t ? sl_as_tuple(t) : NULL;
}

static int need_self(sl_rt *rt, const sl_args *args, size_t n, const char *name) {
  if (args->npos != n || args->nkw || !items_of(args->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes %zu argument%s", name, n - 1,
                    n == 2 ? "" : "s");
  return 0;
}

/* NotImplemented (new reference). */
static int notimpl(sl_rt *rt, sl_value *out) {
  bool found = false;
  if (sl_dict_get_str(rt, sl_builtins_dict(rt), "NotImplemented", out, &found)) return -1;
  if (!found) *out = sl_none();
  return 0;
}

static sl_value tup(const sl_args *args) { return sl_obj_val(&items_of(args->pos[0])->hdr); }

/* __init__ (CPython's __new__): binds the arguments to the fields. */
static int nt_init(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_tuple *info = sl_as_tuple(self.u.o); /* (class name __new__, fields, defaults) */
  sl_tuple *fields = sl_as_tuple(info->items[1].u.o), *defs = sl_as_tuple(info->items[2].u.o);
  size_t n = fields->len + 1;
  const char **names = sl_malloc(n * sizeof *names);
  sl_value *vals = sl_malloc(n * sizeof *vals);
  if (!names || !vals) {
    sl_free(names);
    sl_free(vals);
    return sl_nomem(rt);
  }
  names[0] = "_cls";
  for (size_t i = 0; i < fields->len; i++) names[i + 1] = sl_str_cstr(fields->items[i].u.o);
  int rc =
      sl_args_bind(rt, args, sl_str_cstr(info->items[0].u.o), names, n, n - defs->len, n, vals);
  if (!rc) {
    for (size_t i = 1; i < n; i++)
      if (sl_is_undef(vals[i])) vals[i] = defs->items[i - 1 - (fields->len - defs->len)];
    sl_obj *t = sl_tuple_new(rt, vals + 1, fields->len);
    if (!t)
      rc = -1;
    else {
      sl_exc *e = sl_as_exc(args->pos[0].u.o);
      sl_obj *old = e->args;
      e->args = t;
      sl_decref(rt, old);
      *out = sl_none();
    }
  }
  sl_free(names);
  sl_free(vals);
  return rc;
}

static int nt_repr(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (need_self(rt, args, 1, "__repr__")) return -1;
  sl_tuple *fields = sl_as_tuple(self.u.o), *t = items_of(args->pos[0]);
  sl_strbuf b = SL_STRBUF_INIT;
  /* A C type's repr names its module (datetime.IsoCalendarDate). */
  const sl_class *c =
      sl_is_type(args->pos[0], &sl_exc_type) ? sl_as_class(sl_as_exc(args->pos[0].u.o)->cls) : NULL;
  if (c && c->module && (!strcmp(c->module, "datetime") || !strcmp(c->module, "time")))
    sl_strbuf_printf(&b, "%s.", c->module);
  sl_strbuf_printf(&b, "%s(", sl_type_name(args->pos[0]));
  int rc = 0;
  for (size_t i = 0; i < t->len && i < fields->len && !rc; i++) {
    sl_strbuf_printf(&b, "%s%s=", i ? ", " : "", sl_str_cstr(fields->items[i].u.o));
    rc = sl_vm_repr(rt, t->items[i], &b);
  }
  sl_strbuf_putc(&b, ')');
  sl_obj *s = rc ? NULL : sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  if (!s) return -1;
  return *out = sl_obj_val(s), 0;
}

/* The tuple comparisons: self's items against other's (tuple or named tuple). */
static int nt_cmp(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 2) return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 1 argument");
  sl_tuple *a = items_of(args->pos[0]), *b = items_of(args->pos[1]);
  if (!a || !b) return notimpl(rt, out);
  bool r;
  if (sl_compare(rt, (sl_ast_cmpop)self.u.i, sl_obj_val(&a->hdr), sl_obj_val(&b->hdr), &r))
    return -1;
  return *out = sl_bool(r), 0;
}

static int nt_hash(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (need_self(rt, args, 1, "__hash__")) return -1;
  int64_t h;
  if (sl_hash(rt, tup(args), &h)) return -1;
  return *out = sl_int(h), 0;
}

static int nt_len(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (need_self(rt, args, 1, "__len__")) return -1;
  return *out = sl_int((int64_t)items_of(args->pos[0])->len), 0;
}

static int nt_getitem(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (need_self(rt, args, 2, "__getitem__")) return -1;
  return sl_getitem(rt, tup(args), args->pos[1], out);
}

static int nt_iter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (need_self(rt, args, 1, "__iter__")) return -1;
  return sl_iter(rt, tup(args), out);
}

static int nt_contains(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (need_self(rt, args, 2, "__contains__")) return -1;
  bool r;
  if (sl_contains(rt, tup(args), args->pos[1], &r)) return -1;
  return *out = sl_bool(r), 0;
}

static int nt_add(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->npos != 2 || !items_of(args->pos[1])) return notimpl(rt, out);
  return sl_binary_op(rt, SL_BIN_ADD, tup(args), sl_obj_val(&items_of(args->pos[1])->hdr), out);
}

/* _asdict(): {field: value} */
static int nt_asdict(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (need_self(rt, args, 1, "_asdict")) return -1;
  sl_tuple *fields = sl_as_tuple(self.u.o), *t = items_of(args->pos[0]);
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  for (size_t i = 0; i < t->len && i < fields->len; i++)
    if (sl_dict_set(rt, d, fields->items[i], t->items[i])) {
      sl_decref(rt, d);
      return -1;
    }
  return *out = sl_obj_val(d), 0;
}

/* A new instance of cls holding the items (borrowed). */
static int make_inst(sl_rt *rt, sl_obj *cls, const sl_value *items, size_t n, sl_value *out) {
  sl_obj *e = sl_exc_new(rt, cls, items, n);
  if (!e) return -1;
  return *out = sl_obj_val(e), 0;
}

/* _replace(**kw): a new instance with some fields replaced. */
static int nt_replace(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || !items_of(args->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "_replace() takes 1 positional argument");
  sl_tuple *fields = sl_as_tuple(self.u.o), *t = items_of(args->pos[0]);
  sl_value *vals = sl_malloc((t->len + 1) * sizeof *vals);
  if (!vals) return sl_nomem(rt);
  memcpy(vals, t->items, t->len * sizeof *vals);
  int rc = 0;
  for (size_t k = 0; k < args->nkw && !rc; k++) {
    size_t i = 0;
    while (i < fields->len &&
           strcmp(sl_str_cstr(fields->items[i].u.o), sl_str_cstr(args->kwnames[k])))
      i++;
    if (i == fields->len) {
      sl_strbuf b = SL_STRBUF_INIT;
      sl_strbuf_puts(&b, "Got unexpected field names: [");
      for (size_t j = k, first = 1; j < args->nkw; j++) {
        size_t m = 0;
        while (m < fields->len &&
               strcmp(sl_str_cstr(fields->items[m].u.o), sl_str_cstr(args->kwnames[j])))
          m++;
        if (m < fields->len) continue;
        sl_strbuf_printf(&b, "%s'%s'", first ? "" : ", ", sl_str_cstr(args->kwnames[j]));
        first = 0;
      }
      sl_strbuf_putc(&b, ']');
      /* 3.13 made it a TypeError */
      rc = sl_raise(rt, rt->profile->minor >= 13 ? SL_EXC_TYPE_ERROR : SL_EXC_VALUE_ERROR, "%s",
                    sl_strbuf_cstr(&b));
      sl_strbuf_free(&b);
    } else {
      vals[i] = args->kwvals[k];
    }
  }
  if (!rc) rc = make_inst(rt, sl_as_exc(args->pos[0].u.o)->cls, vals, t->len, out);
  sl_free(vals);
  return rc;
}

/* _make(iterable), a class method: self is (cls name, number of fields). */
static int nt_make(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 2 || !sl_is_type(args->pos[0], &sl_class_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "_make() takes 1 positional argument");
  sl_obj *l;
  if (sl_list_from_iterable(rt, args->pos[1], &l)) return -1;
  size_t want = (size_t)self.u.i, got = sl_as_list(l)->len;
  int rc = got != want
               ? sl_raise(rt, SL_EXC_TYPE_ERROR, "Expected %zu arguments, got %zu", want, got)
               : make_inst(rt, args->pos[0].u.o, sl_as_list(l)->items, got, out);
  sl_decref(rt, l);
  return rc;
}

/* A field's property getter: self is its index. */
static int nt_field(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_tuple *t = args->npos == 1 ? items_of(args->pos[0]) : NULL;
  if (!t)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "descriptor for field needs a named tuple instance");
  if ((size_t)self.u.i >= t->len)
    return sl_raise(rt, SL_EXC_INDEX_ERROR, "tuple index out of range");
  return *out = sl_vincref(t->items[self.u.i]), 0;
}

static const sl_cfunc_def d_init = {"__new__", nt_init, NULL, 0};
static const sl_cfunc_def d_repr = {"__repr__", nt_repr, NULL, 0};
static const sl_cfunc_def d_hash = {"__hash__", nt_hash, NULL, 0};
static const sl_cfunc_def d_len = {"__len__", nt_len, NULL, 0};
static const sl_cfunc_def d_getitem = {"__getitem__", nt_getitem, NULL, 0};
static const sl_cfunc_def d_iter = {"__iter__", nt_iter, NULL, 0};
static const sl_cfunc_def d_contains = {"__contains__", nt_contains, NULL, 0};
static const sl_cfunc_def d_add = {"__add__", nt_add, NULL, 0};
static const sl_cfunc_def d_asdict = {"_asdict", nt_asdict, NULL, 0};
static const sl_cfunc_def d_replace = {"_replace", nt_replace, NULL, 0};
static const sl_cfunc_def d_make = {"_make", nt_make, NULL, 0};
static const sl_cfunc_def d_field = {"_tuplegetter", nt_field, NULL, 0};
static const struct {
  const char *name;
  sl_ast_cmpop op;
  sl_cfunc_def def;
} CMPS[] = {
    {"__eq__", SL_CMP_EQ, {"__eq__", nt_cmp, NULL, 0}},
    {"__ne__", SL_CMP_NOTEQ, {"__ne__", nt_cmp, NULL, 0}},
    {"__lt__", SL_CMP_LT, {"__lt__", nt_cmp, NULL, 0}},
    {"__le__", SL_CMP_LTE, {"__le__", nt_cmp, NULL, 0}},
    {"__gt__", SL_CMP_GT, {"__gt__", nt_cmp, NULL, 0}},
    {"__ge__", SL_CMP_GTE, {"__ge__", nt_cmp, NULL, 0}},
};

/* attrs[name] = a cfunc of def with self (borrowed); 0 or -1. */
static int put_fn(sl_rt *rt, sl_obj *attrs, const char *name, const sl_cfunc_def *def,
                  sl_value self) {
  sl_obj *f = sl_cfunc_new(rt, def, self);
  if (!f) return -1;
  int rc = sl_dict_set_str(rt, attrs, name, sl_obj_val(f));
  sl_decref(rt, f);
  return rc;
}

static bool is_identifier(const char *s) {
  if (!*s || isdigit((unsigned char)*s)) return false;
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || *s == '_' || (unsigned char)*s >= 0x80)) return false;
  return true;
}

static bool is_keyword(const char *s) {
  static const char *const KW[] = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",    NULL};
  for (const char *const *k = KW; *k; k++)
    if (!strcmp(*k, s)) return true;
  return false;
}

/* The class body: every attribute a named tuple class has. */
static int fill_class(sl_rt *rt, sl_obj *attrs, const char *name, sl_obj *fields, sl_obj *defaults,
                      sl_obj *field_defaults) {
  sl_tuple *f = sl_as_tuple(fields);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "%s.__new__", name);
  sl_obj *newname = sl_str_take_buf(rt, &b);
  if (!newname) return -1;
  sl_value info[3] = {sl_obj_val(newname), sl_obj_val(fields), sl_obj_val(defaults)};
  sl_obj *it = sl_tuple_new(rt, info, 3);
  sl_decref(rt, newname);
  if (!it) return -1;
  sl_value mark[2] = {sl_obj_val(fields), sl_obj_val(defaults)};
  sl_obj *mk = sl_tuple_new(rt, mark, 2);
  int rc = !mk || sl_dict_set_str(rt, attrs, NT_MARK, sl_obj_val(mk)) ||
           sl_dict_set_str(rt, attrs, "_fields", sl_obj_val(fields)) ||
           sl_dict_set_str(rt, attrs, "__match_args__", sl_obj_val(fields)) ||
           sl_dict_set_str(rt, attrs, "_field_defaults", sl_obj_val(field_defaults)) ||
           put_fn(rt, attrs, "__init__", &d_init, sl_obj_val(it)) ||
           put_fn(rt, attrs, "__repr__", &d_repr, sl_obj_val(fields)) ||
           put_fn(rt, attrs, "__hash__", &d_hash, sl_undef()) ||
           put_fn(rt, attrs, "__len__", &d_len, sl_undef()) ||
           put_fn(rt, attrs, "__getitem__", &d_getitem, sl_undef()) ||
           put_fn(rt, attrs, "__iter__", &d_iter, sl_undef()) ||
           put_fn(rt, attrs, "__contains__", &d_contains, sl_undef()) ||
           put_fn(rt, attrs, "__add__", &d_add, sl_undef()) ||
           put_fn(rt, attrs, "_asdict", &d_asdict, sl_obj_val(fields)) ||
           put_fn(rt, attrs, "_replace", &d_replace, sl_obj_val(fields));
  sl_decref(rt, mk);
  sl_decref(rt, it);
  for (size_t i = 0; !rc && i < sizeof CMPS / sizeof *CMPS; i++)
    rc = put_fn(rt, attrs, CMPS[i].name, &CMPS[i].def, sl_int(CMPS[i].op));
  if (!rc) {
    /* _make is a classmethod. */
    sl_obj *m = sl_cfunc_new(rt, &d_make, sl_int((int64_t)f->len));
    sl_value mv = m ? sl_obj_val(m) : sl_none(), cm;
    sl_args a = {&mv, 1, NULL, NULL, 0};
    rc = !m || sl__ctor_classmethod.fn(rt, sl_undef(), &a, &cm);
    sl_decref(rt, m);
    if (!rc) {
      rc = sl_dict_set_str(rt, attrs, "_make", cm);
      sl_vdecref(rt, cm);
    }
  }
  /* __doc__ = 'P(x, y)' */
  b = (sl_strbuf)SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "%s(", name);
  for (size_t i = 0; i < f->len; i++)
    sl_strbuf_printf(&b, "%s%s", i ? ", " : "", sl_str_cstr(f->items[i].u.o));
  sl_strbuf_putc(&b, ')');
  sl_obj *doc = rc ? NULL : sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  if (!rc) rc = !doc || sl_dict_set_str(rt, attrs, "__doc__", sl_obj_val(doc));
  sl_decref(rt, doc);
  /* Each field a read-only property reading its index. */
  for (size_t i = 0; !rc && i < f->len; i++) {
    sl_obj *g = sl_cfunc_new(rt, &d_field, sl_int((int64_t)i));
    sl_value gv = g ? sl_obj_val(g) : sl_none(), prop;
    sl_args a = {&gv, 1, NULL, NULL, 0};
    rc = !g || sl__ctor_property.fn(rt, sl_undef(), &a, &prop);
    sl_decref(rt, g);
    if (!rc) {
      rc = sl_dict_set(rt, attrs, f->items[i], prop);
      sl_vdecref(rt, prop);
    }
  }
  return rc ? -1 : 0;
}

/* The names as a list of str: "x y", "x, y" or an iterable of str. */
static int field_list(sl_rt *rt, sl_value names, sl_obj **out) {
  if (!sl_is_str(names)) return sl_list_from_iterable(rt, names, out);
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  const char *s = sl_str_cstr(names.u.o);
  while (*s) {
    while (*s == ',' || isspace((unsigned char)*s)) s++;
    const char *e = s;
    while (*e && *e != ',' && !isspace((unsigned char)*e)) e++;
    if (e > s) {
      sl_obj *w = sl_str_new(rt, s, (size_t)(e - s));
      if (!w || sl_list_append(rt, l, sl_obj_val(w))) {
        sl_decref(rt, w);
        sl_decref(rt, l);
        return -1;
      }
      sl_decref(rt, w);
    }
    s = e;
  }
  return *out = l, 0;
}

static int check_names(sl_rt *rt, const char *typename, sl_list *l) {
  const char *all[1] = {typename};
  for (size_t i = 0; i <= l->len; i++) {
    const char *n = i == 0 ? all[0] : NULL;
    if (i > 0) {
      if (!sl_is_str(l->items[i - 1]))
        return sl_raise(rt, SL_EXC_TYPE_ERROR, "Type names and field names must be strings");
      n = sl_str_cstr(l->items[i - 1].u.o);
    }
    if (!is_identifier(n))
      return sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "Type names and field names must be valid identifiers: '%s'", n);
    if (is_keyword(n))
      return sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "Type names and field names cannot be a keyword: '%s'", n);
  }
  for (size_t i = 0; i < l->len; i++) {
    const char *n = sl_str_cstr(l->items[i].u.o);
    if (n[0] == '_')
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "Field names cannot start with an underscore: '%s'",
                      n);
    for (size_t j = 0; j < i; j++)
      if (!strcmp(n, sl_str_cstr(l->items[j].u.o)))
        return sl_raise(rt, SL_EXC_VALUE_ERROR, "Encountered duplicate field name: '%s'", n);
  }
  return 0;
}

/* Builds the class from validated names and a defaults tuple. */
static int build(sl_rt *rt, const char *typename, const char *module, sl_obj *fieldlist,
                 sl_obj *defaults, sl_value *out) {
  sl_list *l = sl_as_list(fieldlist);
  sl_tuple *d = sl_as_tuple(defaults);
  if (d->len > l->len)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Got more default values than field names");
  sl_obj *fields = sl_tuple_new(rt, l->items, l->len);
  sl_obj *fd = fields ? sl_dict_new(rt) : NULL;
  int rc = !fd;
  for (size_t i = 0; !rc && i < d->len; i++)
    rc = sl_dict_set(rt, fd, l->items[l->len - d->len + i], d->items[i]);
  sl_obj *cls = rc ? NULL : sl_class_new(rt, typename, typename, module, NULL, NULL);
  if (!rc && !cls) rc = -1;
  if (!rc) {
    sl_as_class(cls)->attrs = sl_dict_new(rt);
    rc = !sl_as_class(cls)->attrs ||
         fill_class(rt, sl_as_class(cls)->attrs, typename, fields, defaults, fd) ||
         sl__class_flags_compute(rt, cls);
  }
  sl_decref(rt, fields);
  sl_decref(rt, fd);
  if (rc) {
    sl_decref(rt, cls);
    return -1;
  }
  return *out = sl_obj_val(cls), 0;
}

int sl__namedtuple_build(sl_rt *rt, const char *typename, const char *module, sl_obj *fieldlist,
                         sl_obj *defaults, sl_value *out) {
  if (check_names(rt, typename, sl_as_list(fieldlist))) return -1;
  return build(rt, typename, module, fieldlist, defaults, out);
}

/* namedtuple(typename, field_names, *, rename=False, defaults=None, module=None) */
int sl__namedtuple_new(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"typename", "field_names", "rename", "defaults", "module"};
  sl_value a[5];
  if (sl_args_bind(rt, args, "namedtuple", names, 5, 2, 2, a)) return -1;
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Type names and field names must be strings");
  bool rename = false;
  if (!sl_is_undef(a[2]) && sl_truth(rt, a[2], &rename)) return -1;
  if (rename)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: namedtuple(rename=True) is not supported");
  if (!sl_is_undef(a[4]) && !sl_is_none(a[4]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "simloop: namedtuple(module=) is not supported");
  sl_obj *l;
  if (field_list(rt, a[1], &l)) return -1;
  sl_obj *defaults = NULL;
  int rc = check_names(rt, sl_str_cstr(a[0].u.o), sl_as_list(l));
  if (!rc) {
    sl_obj *dl = NULL;
    if (sl_is_undef(a[3]) || sl_is_none(a[3]))
      defaults = sl_tuple_new(rt, NULL, 0);
    else if (!sl_list_from_iterable(rt, a[3], &dl))
      defaults = sl_tuple_new(rt, sl_as_list(dl)->items, sl_as_list(dl)->len);
    sl_decref(rt, dl);
    rc = defaults ? 0 : -1;
  }
  /* The class's module: the caller's __name__ ("__main__"). */
  if (!rc) rc = build(rt, sl_str_cstr(a[0].u.o), "__main__", l, defaults, out);
  sl_decref(rt, l);
  sl_decref(rt, defaults);
  return rc;
}

int sl__namedtuple_class(sl_rt *rt, const char *name, const char *module, const char *const *fields,
                         sl_value *out) {
  sl_obj *l = sl_list_new(rt, NULL, 0), *defaults = sl_tuple_new(rt, NULL, 0);
  int rc = !l || !defaults;
  for (const char *const *f = fields; !rc && *f; f++) {
    sl_obj *s = sl_str_from_cstr(rt, *f);
    rc = !s || sl_list_append(rt, l, sl_obj_val(s));
    sl_decref(rt, s);
  }
  if (!rc) rc = build(rt, name, module, l, defaults, out);
  sl_decref(rt, l);
  sl_decref(rt, defaults);
  return rc ? -1 : 0;
}

int sl__namedtuple_value(sl_rt *rt, const char *name, const char *module, const char *const *fields,
                         const sl_value *vals, sl_value *out) {
  sl_value cls;
  if (sl__namedtuple_class(rt, name, module, fields, &cls)) return -1;
  size_t n = 0;
  while (fields[n]) n++;
  int rc = make_inst(rt, cls.u.o, vals, n, out);
  sl_vdecref(rt, cls);
  return rc;
}
