/* @dataclass: collects the fields of a class (_process_class in
 * Lib/dataclasses.py) and adds the methods CPython generates, as C
 * callables sharing one spec. See mod_dataclasses.c. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/dc-int.h"
#include "core/lang/ops.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

enum {
  DC_INIT = 1,
  DC_REPR = 2,
  DC_EQ = 4,
  DC_ORDER = 8,
  DC_UNSAFE_HASH = 16,
  DC_FROZEN = 32,
  DC_MATCH_ARGS = 64,
  DC_KW_ONLY = 128,
};

/* What the generated methods share: the class and its fields in order
 * (ClassVar pseudo-fields left out). */
typedef struct dc_spec {
  sl_obj hdr;
  sl_obj *cls;    /* owned */
  sl_obj *fields; /* owned list of sl__dc_field */
} dc_spec;

static void spec_clear(sl_rt *rt, sl_obj *o) {
  dc_spec *s = (dc_spec *)o;
  sl_obj *c = s->cls, *f = s->fields;
  s->cls = s->fields = NULL;
  sl_decref(rt, c);
  sl_decref(rt, f);
}
static const sl_type spec_type = {
    .name = "_DataclassSpec", .clear = spec_clear, .size = sizeof(dc_spec)};

static sl_list *spec_fields(sl_value self) { return sl_as_list(((dc_spec *)self.u.o)->fields); }
static sl__dc_field *field_at(sl_list *l, size_t i) { return (sl__dc_field *)l->items[i].u.o; }
static const char *fname(sl__dc_field *f) { return sl_str_cstr(f->name.u.o); }
static const char *cls_qualname(sl_obj *cls) { return sl_str_cstr(sl_as_class(cls)->qualname); }

static int need_self(sl_rt *rt, const sl_args *a, const char *meth, size_t nargs) {
  if (a->npos == nargs + 1 && !a->nkw) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes %zu positional argument%s but %zu were given",
                  meth, nargs + 1, nargs ? "s" : "", a->npos);
}

/* ---- __init__ ------------------------------------------------------------------ */

/* "'a', 'b', and 'c'" as CPython's format_missing. */
static void name_list(sl_strbuf *b, sl__dc_field **f, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i) sl_strbuf_puts(b, n == 2 ? " and " : i + 1 == n ? ", and " : ", ");
    sl_strbuf_printf(b, "'%s'", fname(f[i]));
  }
}

static int missing_error(sl_rt *rt, const char *q, sl__dc_field **miss, size_t n,
                         const char *kind) {
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "%s() missing %zu required %s argument%s: ", q, n, kind, n == 1 ? "" : "s");
  name_list(&b, miss, n);
  int rc = b.failed ? sl_nomem(rt) : sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

/* Binds the call's arguments to the init fields (vals[i] for field i of
 * the spec, borrowed; SL_V_UNDEF when not given). */
static int init_bind(sl_rt *rt, sl_list *fl, const char *q, const sl_args *a, sl_value *vals) {
  size_t npos = 0, nposdef = 0, given = a->npos - 1;
  for (size_t i = 0; i < fl->len; i++) {
    sl__dc_field *f = field_at(fl, i);
    if (!f->init || sl_is_true_value(f->kw_only)) continue;
    npos++;
    if (!sl__dc_is_missing(f->def) || !sl__dc_is_missing(f->factory)) nposdef++;
  }
  if (given > npos) {
    if (nposdef)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "%s() takes from %zu to %zu positional arguments but %zu were given", q,
                      npos - nposdef + 1, npos + 1, given + 1);
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "%s() takes %zu positional argument%s but %zu were given", q, npos + 1,
                    npos ? "s" : "", given + 1);
  }
  size_t k = 0;
  for (size_t i = 0; i < fl->len && k < given; i++) {
    sl__dc_field *f = field_at(fl, i);
    if (f->init && !sl_is_true_value(f->kw_only)) vals[i] = a->pos[1 + k++];
  }
  for (size_t j = 0; j < a->nkw; j++) {
    size_t i = 0;
    while (i < fl->len &&
           !(field_at(fl, i)->init && sl_str_eq_cstr(a->kwnames[j], fname(field_at(fl, i)))))
      i++;
    if (i == fl->len)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", q,
                      sl_str_cstr(a->kwnames[j]));
    if (!sl_is_undef(vals[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'", q,
                      sl_str_cstr(a->kwnames[j]));
    vals[i] = a->kwvals[j];
  }
  for (int pass = 0; pass < 2; pass++) { /* positional ones first, then keyword-only */
    sl__dc_field *miss[64];
    size_t n = 0;
    for (size_t i = 0; i < fl->len; i++) {
      sl__dc_field *f = field_at(fl, i);
      if (!f->init || sl_is_true_value(f->kw_only) != (pass == 1) || !sl_is_undef(vals[i]))
        continue;
      if (sl__dc_is_missing(f->def) && sl__dc_is_missing(f->factory) && n < 64) miss[n++] = f;
    }
    if (n) return missing_error(rt, q, miss, n, pass ? "keyword-only" : "positional");
  }
  return 0;
}

/* self.name = value, or object.__setattr__(self, name, value) for a
 * frozen class. */
static int init_set(sl_rt *rt, sl_value inst, sl__dc_field *f, sl_value v, bool frozen) {
  return frozen ? sl__generic_setattr(rt, inst, fname(f), v) : sl_vm_setattr(rt, inst, fname(f), v);
}

static int dc_init(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  dc_spec *sp = (dc_spec *)self.u.o;
  sl_list *fl = spec_fields(self);
  char q[256];
  snprintf(q, sizeof q, "%s.__init__", cls_qualname(sp->cls));
  if (a->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() missing 1 required positional argument: 'self'",
                    q);
  sl_value inst = a->pos[0];
  sl_value *vals = sl_calloc(fl->len ? fl->len : 1, sizeof *vals);
  if (!vals) return sl_nomem(rt);
  bool frozen = false;
  sl_value fz;
  int r = sl__class_lookup(rt, sp->cls, "__dataclass_frozen__", &fz);
  if (r > 0) frozen = sl_is_true_value(fz);
  int rc = r < 0 || init_bind(rt, fl, q, a, vals) ? -1 : 0;
  sl_obj *initvars = rc ? NULL : sl_list_new(rt, NULL, 0);
  if (!rc && !initvars) rc = -1;
  for (size_t i = 0; i < fl->len && !rc; i++) {
    sl__dc_field *f = field_at(fl, i);
    sl_value v = sl_vincref(vals[i]);
    if (sl_is_undef(v) && !sl__dc_is_missing(f->def))
      v = sl_vincref(f->def);
    else if (sl_is_undef(v) && !sl__dc_is_missing(f->factory) &&
             sl_call_pos(rt, f->factory, NULL, 0, &v))
      rc = -1;
    if (rc || sl_is_undef(v)) continue;
    rc = f->kind == SL__DC_INITVAR ? sl_list_append(rt, initvars, v)
                                   : init_set(rt, inst, f, v, frozen);
    sl_vdecref(rt, v);
  }
  sl_free(vals);
  if (!rc) { /* self.__post_init__(*initvars) */
    sl_value post;
    r = sl__class_lookup(rt, sl_user_cls_of(inst.u.o), "__post_init__", &post);
    if (r > 0) {
      sl_vdecref(rt, post);
      sl_value m, res;
      rc = sl_vm_getattr(rt, inst, "__post_init__", &m);
      if (!rc) {
        rc = sl_call_pos(rt, m, sl_as_list(initvars)->items, sl_as_list(initvars)->len, &res);
        sl_vdecref(rt, m);
        if (!rc) sl_vdecref(rt, res);
      }
    } else if (r < 0) {
      rc = -1;
    }
  }
  sl_decref(rt, initvars);
  if (rc) return -1;
  *out = sl_none();
  return 0;
}

/* ---- __repr__, __eq__, order, __hash__ ------------------------------------------ */

static int dc_repr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (need_self(rt, a, "__repr__", 0)) return -1;
  sl_value inst = a->pos[0];
  sl_list *fl = spec_fields(self);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_obj *cls = sl_user_cls_of(inst.u.o);
  sl_strbuf_printf(&b, "%s(", cls_qualname(cls));
  int rc = 0;
  bool first = true;
  for (size_t i = 0; i < fl->len && !rc; i++) {
    sl__dc_field *f = field_at(fl, i);
    if (f->kind != SL__DC_FIELD || !f->repr) continue;
    sl_strbuf_printf(&b, "%s%s=", first ? "" : ", ", fname(f));
    first = false;
    sl_value v;
    rc = sl_vm_getattr(rt, inst, fname(f), &v);
    if (!rc) {
      rc = sl_repr(rt, v, &b);
      sl_vdecref(rt, v);
    }
  }
  sl_strbuf_putc(&b, ')');
  sl_obj *s = rc ? NULL : sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

/* The tuple of the fields that take part (compare=True; for __hash__ also
 * hash=True, or hash=None with compare). */
static int field_tuple(sl_rt *rt, sl_value self, sl_value inst, bool for_hash, sl_value *out) {
  sl_list *fl = spec_fields(self);
  sl_obj *l = sl_list_new(rt, NULL, 0);
  int rc = l ? 0 : -1;
  for (size_t i = 0; i < fl->len && !rc; i++) {
    sl__dc_field *f = field_at(fl, i);
    if (f->kind != SL__DC_FIELD) continue;
    bool use = for_hash && !sl_is_none(f->hash) ? sl_is_true_value(f->hash) : f->compare;
    if (!use) continue;
    sl_value v;
    rc = sl_vm_getattr(rt, inst, fname(f), &v);
    if (!rc) {
      rc = sl_list_append(rt, l, v);
      sl_vdecref(rt, v);
    }
  }
  sl_obj *t = rc ? NULL : sl_tuple_new(rt, sl_as_list(l)->items, sl_as_list(l)->len);
  sl_decref(rt, l);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

static int compare(sl_rt *rt, sl_value self, const sl_args *a, const char *meth, sl_ast_cmpop op,
                   sl_value *out) {
  if (need_self(rt, a, meth, 1)) return -1;
  sl_value x = a->pos[0], y = a->pos[1];
  sl_obj *cx = sl_user_cls_of(x.u.o), *cy = y.tag == SL_V_OBJ ? sl_user_cls_of(y.u.o) : NULL;
  /* 3.13's __eq__ starts with `if self is other: return True`. */
  if (op == SL_CMP_EQ && sl__py_minor(rt) >= 13 && sl_is(x, y)) return *out = sl_bool(true), 0;
  if (cx != cy) return sl__vm_builtin(rt, "NotImplemented", out);
  sl_value tx, ty;
  if (field_tuple(rt, self, x, false, &tx)) return -1;
  if (field_tuple(rt, self, y, false, &ty)) {
    sl_vdecref(rt, tx);
    return -1;
  }
  bool res;
  int rc = sl_compare(rt, op, tx, ty, &res);
  sl_vdecref(rt, tx);
  sl_vdecref(rt, ty);
  if (rc) return -1;
  *out = sl_bool(res);
  return 0;
}

static int dc_eq(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return compare(rt, self, a, "__eq__", SL_CMP_EQ, out);
}
static int dc_lt(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return compare(rt, self, a, "__lt__", SL_CMP_LT, out);
}
static int dc_le(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return compare(rt, self, a, "__le__", SL_CMP_LTE, out);
}
static int dc_gt(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return compare(rt, self, a, "__gt__", SL_CMP_GT, out);
}
static int dc_ge(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return compare(rt, self, a, "__ge__", SL_CMP_GTE, out);
}

static int dc_hash(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (need_self(rt, a, "__hash__", 0)) return -1;
  sl_value t;
  if (field_tuple(rt, self, a->pos[0], true, &t)) return -1;
  int64_t h;
  int rc = sl_hash(rt, t, &h);
  sl_vdecref(rt, t);
  if (rc) return -1;
  *out = sl_int(h);
  return 0;
}

/* Frozen classes: `if type(self) is cls or name in (fields): raise
 * FrozenInstanceError(f"cannot assign to field {name!r}")`. */
static int frozen_common(sl_rt *rt, sl_value self, const sl_args *a, bool del, sl_value *out) {
  if (need_self(rt, a, del ? "__delattr__" : "__setattr__", del ? 1 : 2)) return -1;
  dc_spec *sp = (dc_spec *)self.u.o;
  sl_value inst = a->pos[0], name = a->pos[1];
  bool hit = sl_user_cls_of(inst.u.o) == sp->cls;
  sl_list *fl = spec_fields(self);
  for (size_t i = 0; i < fl->len && !hit; i++)
    hit = sl_is_str(name) && sl_str_eq_cstr(name.u.o, fname(field_at(fl, i)));
  if (!hit) {
    if (!sl_is_str(name)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "attribute name must be string");
    if (sl__generic_setattr(rt, inst, sl_str_cstr(name.u.o), del ? sl_undef() : a->pos[2]))
      return -1;
    *out = sl_none();
    return 0;
  }
  sl_value mod, exc_cls, exc;
  if (sl_vm_import(rt, "dataclasses", &mod)) return -1;
  int rc = sl_vm_getattr(rt, mod, "FrozenInstanceError", &exc_cls);
  sl_vdecref(rt, mod);
  if (rc) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_puts(&b, del ? "cannot delete field " : "cannot assign to field ");
  rc = sl_repr(rt, name, &b);
  sl_obj *msg = rc ? NULL : sl_str_take_buf(rt, &b);
  sl_strbuf_free(&b);
  if (!msg) {
    sl_vdecref(rt, exc_cls);
    return -1;
  }
  sl_value argv[1] = {sl_obj_val(msg)};
  rc = sl_call_pos(rt, exc_cls, argv, 1, &exc);
  sl_decref(rt, msg);
  sl_vdecref(rt, exc_cls);
  if (rc) return -1;
  rc = sl_raise_obj(rt, exc.u.o);
  sl_vdecref(rt, exc);
  return rc;
}
static int dc_setattr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return frozen_common(rt, self, a, false, out);
}
static int dc_delattr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return frozen_common(rt, self, a, true, out);
}

static const sl_cfunc_def init_def = {"__init__", dc_init, "user", SL_CANON_LABEL};
static const sl_cfunc_def repr_def = {"__repr__", dc_repr, "user", SL_CANON_LABEL};
static const sl_cfunc_def eq_def = {"__eq__", dc_eq, "user", SL_CANON_LABEL};
static const sl_cfunc_def order_defs[4] = {{"__lt__", dc_lt, "user", SL_CANON_LABEL},
                                           {"__le__", dc_le, "user", SL_CANON_LABEL},
                                           {"__gt__", dc_gt, "user", SL_CANON_LABEL},
                                           {"__ge__", dc_ge, "user", SL_CANON_LABEL}};
static const sl_cfunc_def hash_def = {"__hash__", dc_hash, "user", SL_CANON_LABEL};
static const sl_cfunc_def setattr_def = {"__setattr__", dc_setattr, "user", SL_CANON_LABEL};
static const sl_cfunc_def delattr_def = {"__delattr__", dc_delattr, "user", SL_CANON_LABEL};

/* ---- _process_class ------------------------------------------------------------ */

static int own_attr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out, bool *found) {
  *found = false;
  sl_obj *attrs = sl_as_class(cls)->attrs;
  return attrs ? sl_dict_get_str(rt, attrs, name, out, found) : 0;
}

static bool has_own(sl_rt *rt, sl_obj *cls, const char *name) {
  sl_value v;
  bool found;
  if (own_attr(rt, cls, name, &v, &found)) return false;
  if (found) sl_vdecref(rt, v);
  return found;
}

/* _set_new_attribute: only when the class body did not define it.
 * `overwrite_error`: raise instead ("Cannot overwrite attribute ..."). */
static int add_method(sl_rt *rt, sl_obj *cls, const sl_cfunc_def *def, sl_obj *spec,
                      const char *err) {
  if (has_own(rt, cls, def->name)) {
    if (!err) return 0;
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Cannot overwrite attribute %s in class %s%s", def->name,
                    sl_str_cstr(sl_as_class(cls)->name), err);
  }
  sl_obj *f = sl_cfunc_new(rt, def, sl_obj_val(spec));
  if (!f) return -1;
  int rc = sl_dict_set_str(rt, sl_as_class(cls)->attrs, def->name, sl_obj_val(f));
  sl_decref(rt, f);
  return rc;
}

/* ClassVar / InitVar / KW_ONLY from the annotation's text. */
static bool ann_is(const char *t, const char *name) {
  const char *prefixes[] = {"", "typing.", "dataclasses."};
  for (int i = 0; i < 3; i++) {
    size_t pl = strlen(prefixes[i]), nl = strlen(name);
    if (!strncmp(t, prefixes[i], pl) && !strncmp(t + pl, name, nl) &&
        (t[pl + nl] == 0 || t[pl + nl] == '['))
      return true;
  }
  return false;
}

static int check_mutable_default(sl_rt *rt, sl__dc_field *f) {
  sl_value d = f->def;
  bool mutable = d.tag == SL_V_OBJ && (d.u.o->type->unhashable || sl_is_user_inst(d, SL_CLS_HASH));
  if (mutable && sl_is_user_inst(d, SL_CLS_HASH)) {
    sl_value h;
    int r = sl__class_lookup(rt, sl_user_cls_of(d.u.o), "__hash__", &h);
    if (r < 0) return -1;
    mutable = r > 0 && sl_is_none(h);
    if (r > 0) sl_vdecref(rt, h);
  }
  if (!mutable) return 0;
  sl_value t;
  if (sl_type_of(rt, d, &t)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = sl_repr(rt, t, &b);
  sl_vdecref(rt, t);
  if (!rc)
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR,
                  "mutable default %s for field %s is not allowed: use default_factory",
                  sl_strbuf_cstr(&b), fname(f));
  sl_strbuf_free(&b);
  return -1;
}

/* One annotated name of the class body as a field (new reference). */
static int own_field(sl_rt *rt, sl_obj *cls, sl_value name, sl_value text, bool kw_mode,
                     sl__dc_field **out) {
  const char *t = sl_is_str(text) ? sl_str_cstr(text.u.o) : "";
  sl_value dflt;
  bool found;
  if (sl_dict_get(rt, sl_as_class(cls)->attrs, name, &dflt, &found)) return -1;
  sl__dc_field *f;
  bool from_field = found && sl_is_type(dflt, &sl__dc_field_type);
  if (from_field) {
    f = (sl__dc_field *)dflt.u.o;
  } else {
    if (!(f = sl__dc_field_new(rt))) {
      if (found) sl_vdecref(rt, dflt);
      return -1;
    }
    if (found) sl_vset(rt, &f->def, dflt);
  }
  sl_vset(rt, &f->name, sl_vincref(name));
  sl_vset(rt, &f->type, sl_vincref(text));
  f->kind = ann_is(t, "ClassVar")  ? SL__DC_CLASSVAR
            : ann_is(t, "InitVar") ? SL__DC_INITVAR
                                   : SL__DC_FIELD;
  if (sl__dc_is_missing(f->kw_only)) sl_vset(rt, &f->kw_only, sl_bool(kw_mode));
  int rc = 0;
  if (f->kind != SL__DC_FIELD && !sl__dc_is_missing(f->factory))
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "field %s cannot have a default factory", fname(f));
  if (!rc && f->kind == SL__DC_FIELD) rc = check_mutable_default(rt, f);
  /* A field() default becomes the class attribute; without one, none. */
  if (!rc && from_field) {
    if (sl__dc_is_missing(f->def)) {
      bool gone;
      rc = sl_dict_del(rt, sl_as_class(cls)->attrs, name, &gone);
    } else {
      rc = sl_dict_set(rt, sl_as_class(cls)->attrs, name, f->def);
    }
  }
  if (rc) {
    sl_decref(rt, &f->hdr);
    return -1;
  }
  *out = f;
  return 0;
}

/* The fields of the bases (last base first), then the class's own. */
static int collect_fields(sl_rt *rt, sl_obj *cls, unsigned flags, sl_obj *all) {
  for (size_t i = sl_class_nbases(cls); i-- > 0;) {
    sl_value bf;
    int r = sl__class_lookup(rt, sl_class_base(cls, i), "__dataclass_fields__", &bf);
    if (r < 0) return -1;
    if (r == 0) continue;
    size_t pos = 0;
    sl_value k, v;
    int rc = 0;
    while (!rc && sl_is_type(bf, &sl_dict_type) && sl_dict_next(bf.u.o, &pos, &k, &v))
      rc = sl_dict_set(rt, all, k, v);
    sl_vdecref(rt, bf);
    if (rc) return -1;
  }
  sl_value ann;
  bool found;
  if (own_attr(rt, cls, "__annotations__", &ann, &found)) return -1;
  if (!found) return 0;
  bool kw_mode = flags & DC_KW_ONLY;
  size_t pos = 0;
  sl_value name, text;
  int rc = 0;
  while (!rc && sl_is_type(ann, &sl_dict_type) && sl_dict_next(ann.u.o, &pos, &name, &text)) {
    if (sl_is_str(text) && ann_is(sl_str_cstr(text.u.o), "KW_ONLY")) {
      kw_mode = true;
      continue;
    }
    sl__dc_field *f;
    rc = own_field(rt, cls, name, text, kw_mode, &f);
    if (!rc) {
      rc = sl_dict_set(rt, all, name, sl_obj_val(&f->hdr));
      sl_decref(rt, &f->hdr);
    }
  }
  sl_vdecref(rt, ann);
  return rc;
}

/* "non-default argument 'b' follows default argument" (3.13 adds the name
 * of the default one). */
static int check_order(sl_rt *rt, sl_list *fl) {
  sl__dc_field *seen = NULL;
  for (size_t i = 0; i < fl->len; i++) {
    sl__dc_field *f = field_at(fl, i);
    if (!f->init || sl_is_true_value(f->kw_only)) continue;
    bool has_default = !sl__dc_is_missing(f->def) || !sl__dc_is_missing(f->factory);
    if (has_default) {
      if (!seen) seen = f;
    } else if (seen) {
      if (sl__py_minor(rt) >= 13)
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        "non-default argument '%s' follows default argument '%s'", fname(f),
                        fname(seen));
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "non-default argument '%s' follows default argument",
                      fname(f));
    }
  }
  return 0;
}

static int set_hash(sl_rt *rt, sl_obj *cls, unsigned flags, bool explicit_hash, sl_obj *spec) {
  bool eq = flags & DC_EQ, frozen = flags & DC_FROZEN;
  if (flags & DC_UNSAFE_HASH) {
    if (explicit_hash)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "Cannot overwrite attribute __hash__ in class %s",
                      sl_str_cstr(sl_as_class(cls)->name));
  } else if (!eq || explicit_hash) {
    return 0;
  } else if (!frozen) {
    return sl_dict_set_str(rt, sl_as_class(cls)->attrs, "__hash__", sl_none());
  }
  sl_obj *f = sl_cfunc_new(rt, &hash_def, sl_obj_val(spec));
  int rc = f ? sl_dict_set_str(rt, sl_as_class(cls)->attrs, "__hash__", sl_obj_val(f)) : -1;
  sl_decref(rt, f);
  return rc;
}

static int match_args(sl_rt *rt, sl_obj *cls, sl_list *fl) {
  if (has_own(rt, cls, "__match_args__")) return 0;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  int rc = l ? 0 : -1;
  for (size_t i = 0; i < fl->len && !rc; i++) {
    sl__dc_field *f = field_at(fl, i);
    if (f->init && !sl_is_true_value(f->kw_only)) rc = sl_list_append(rt, l, f->name);
  }
  sl_obj *t = rc ? NULL : sl_tuple_new(rt, sl_as_list(l)->items, sl_as_list(l)->len);
  sl_decref(rt, l);
  rc = t ? sl_dict_set_str(rt, sl_as_class(cls)->attrs, "__match_args__", sl_obj_val(t)) : -1;
  sl_decref(rt, t);
  return rc;
}

static int add_methods(sl_rt *rt, sl_obj *cls, unsigned flags, sl_obj *spec, sl_list *fl) {
  if ((flags & DC_INIT) && add_method(rt, cls, &init_def, spec, NULL)) return -1;
  if ((flags & DC_REPR) && add_method(rt, cls, &repr_def, spec, NULL)) return -1;
  if ((flags & DC_EQ) && add_method(rt, cls, &eq_def, spec, NULL)) return -1;
  for (int i = 0; i < 4 && (flags & DC_ORDER); i++)
    if (add_method(rt, cls, &order_defs[i], spec, ". Consider using functools.total_ordering"))
      return -1;
  if ((flags & DC_FROZEN) &&
      (add_method(rt, cls, &setattr_def, spec, "") || add_method(rt, cls, &delattr_def, spec, "")))
    return -1;
  if ((flags & DC_FROZEN) &&
      sl_dict_set_str(rt, sl_as_class(cls)->attrs, "__dataclass_frozen__", sl_bool(true)))
    return -1;
  return (flags & DC_MATCH_ARGS) ? match_args(rt, cls, fl) : 0;
}

static int process_class(sl_rt *rt, sl_value v, unsigned flags, sl_value *out) {
  if (!sl_is_type(v, &sl_class_type) || sl_as_class(v.u.o)->builtin != SL_EXC_NONE)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop's @dataclass applies to classes defined in the scenario");
  sl_obj *cls = v.u.o;
  sl_class *c = sl_as_class(cls);
  if (!c->attrs && !(c->attrs = sl_dict_new(rt))) return -1;
  sl_value h;
  bool has_hash;
  if (own_attr(rt, cls, "__hash__", &h, &has_hash)) return -1;
  bool explicit_hash = has_hash && !(sl_is_none(h) && has_own(rt, cls, "__eq__"));
  if (has_hash) sl_vdecref(rt, h);
  sl_obj *all = sl_dict_new(rt);
  dc_spec *spec = all ? (dc_spec *)sl_obj_alloc(rt, &spec_type) : NULL;
  int rc = spec && !collect_fields(rt, cls, flags, all) ? 0 : -1;
  if (!rc) {
    sl_incref(cls);
    spec->cls = cls;
    rc = (spec->fields = sl_list_new(rt, NULL, 0)) ? 0 : -1;
    size_t pos = 0;
    sl_value k, f;
    while (!rc && sl_dict_next(all, &pos, &k, &f))
      if (((sl__dc_field *)f.u.o)->kind != SL__DC_CLASSVAR)
        rc = sl_list_append(rt, spec->fields, f);
  }
  sl_list *fl = rc ? NULL : sl_as_list(spec->fields);
  if (!rc) rc = check_order(rt, fl);
  if (!rc) rc = sl_dict_set_str(rt, c->attrs, "__dataclass_fields__", sl_obj_val(all));
  if (!rc) rc = add_methods(rt, cls, flags, &spec->hdr, fl);
  if (!rc) rc = set_hash(rt, cls, flags, explicit_hash, &spec->hdr);
  if (!rc) rc = sl__class_flags_compute(rt, cls);
  sl_decref(rt, all);
  sl_decref(rt, spec ? &spec->hdr : NULL);
  if (rc) return -1;
  *out = sl_vincref(v);
  return 0;
}

static int dc_wrap(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos != 1 || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "wrap() takes 1 positional argument but %zu were given",
                    a->npos);
  return process_class(rt, a->pos[0], (unsigned)self.u.i, out);
}
static const sl_cfunc_def wrap_def = {"dataclass.<locals>.wrap", dc_wrap, NULL, 0};

/* dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
 * unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
 * slots=False, weakref_slot=False) */
int sl__dc_dataclass(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"init",   "repr",       "eq",      "order", "unsafe_hash",
                                      "frozen", "match_args", "kw_only", "slots", "weakref_slot"};
  static const unsigned bits[] = {DC_INIT,   DC_REPR,       DC_EQ,      DC_ORDER, DC_UNSAFE_HASH,
                                  DC_FROZEN, DC_MATCH_ARGS, DC_KW_ONLY, 0,        0};
  if (a->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "dataclass() takes from 0 to 1 positional arguments but %zu were given",
                    a->npos);
  unsigned flags = DC_INIT | DC_REPR | DC_EQ | DC_MATCH_ARGS;
  for (size_t j = 0; j < a->nkw; j++) {
    size_t i = 0;
    while (i < 10 && !sl_str_eq_cstr(a->kwnames[j], names[i])) i++;
    if (i == 10)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "dataclass() got an unexpected keyword argument '%s'",
                      sl_str_cstr(a->kwnames[j]));
    bool t;
    if (sl_truth(rt, a->kwvals[j], &t)) return -1;
    flags = t ? flags | bits[i] : flags & ~bits[i];
  }
  if ((flags & DC_ORDER) && !(flags & DC_EQ))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "eq must be true if order is true");
  if (a->npos == 1 && !sl_is_none(a->pos[0])) return process_class(rt, a->pos[0], flags, out);
  sl_obj *f = sl_cfunc_new(rt, &wrap_def, sl_int((int64_t)flags));
  if (!f) return -1;
  *out = sl_obj_val(f);
  return 0;
}
