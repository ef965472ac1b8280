/* The `operator` module. Mirrors Lib/operator.py: the operator functions
 * run the language's own operators (so a class's dunders answer), and
 * itemgetter / attrgetter (dotted names) / methodcaller are callable
 * objects with CPython's reprs. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/long.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- the operator functions ----------------------------------------------------- */

enum { K_BIN, K_CMP, K_UN, K_TRUTH, K_NOT, K_IS, K_ISNOT, K_CONTAINS, K_GETITEM, K_ABS, K_INDEX };

typedef struct op_def {
  const char *name;
  int kind;
  int op; /* sl_ast_binop / sl_ast_cmpop / sl_ast_unaryop */
} op_def;

static const op_def OPS[] = {
    {"add", K_BIN, SL_BIN_ADD},
    {"sub", K_BIN, SL_BIN_SUB},
    {"mul", K_BIN, SL_BIN_MULT},
    {"truediv", K_BIN, SL_BIN_DIV},
    {"floordiv", K_BIN, SL_BIN_FLOORDIV},
    {"mod", K_BIN, SL_BIN_MOD},
    {"pow", K_BIN, SL_BIN_POW},
    {"lshift", K_BIN, SL_BIN_LSHIFT},
    {"rshift", K_BIN, SL_BIN_RSHIFT},
    {"or_", K_BIN, SL_BIN_BITOR},
    {"xor", K_BIN, SL_BIN_BITXOR},
    {"and_", K_BIN, SL_BIN_BITAND},
    {"concat", K_BIN, SL_BIN_ADD},
    {"eq", K_CMP, SL_CMP_EQ},
    {"ne", K_CMP, SL_CMP_NOTEQ},
    {"lt", K_CMP, SL_CMP_LT},
    {"le", K_CMP, SL_CMP_LTE},
    {"gt", K_CMP, SL_CMP_GT},
    {"ge", K_CMP, SL_CMP_GTE},
    {"neg", K_UN, SL_UNARY_USUB},
    {"pos", K_UN, SL_UNARY_UADD},
    {"invert", K_UN, SL_UNARY_INVERT},
    {"inv", K_UN, SL_UNARY_INVERT},
    {"not_", K_NOT, 0},
    {"truth", K_TRUTH, 0},
    {"is_", K_IS, 0},
    {"is_not", K_ISNOT, 0},
    {"contains", K_CONTAINS, 0},
    {"getitem", K_GETITEM, 0},
    {"abs", K_ABS, 0},
    {"index", K_INDEX, 0},
    {NULL, 0, 0},
};

static int op_call(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  const op_def *d = &OPS[self.u.i];
  size_t want = d->kind == K_UN || d->kind == K_NOT || d->kind == K_TRUTH || d->kind == K_ABS ||
                        d->kind == K_INDEX
                    ? 1
                    : 2;
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", d->name);
  if (args->npos != want) {
    if (want == 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)", d->name,
                      args->npos);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected 2 arguments, got %zu", d->name, args->npos);
  }
  sl_value a = args->pos[0], b = want == 2 ? args->pos[1] : sl_undef();
  bool r;
  switch (d->kind) {
  case K_BIN:
    if (!strcmp(d->name, "concat") &&
        !(sl_is_str(a) || sl_is_type(a, &sl_list_type) || sl_is_type(a, &sl_tuple_type) ||
          sl_is_type(a, &sl_bytes_type)))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object can't be concatenated", sl_type_name(a));
    return sl_binary_op(rt, (sl_ast_binop)d->op, a, b, out);
  case K_CMP:
    if (sl_compare(rt, (sl_ast_cmpop)d->op, a, b, &r)) return -1;
    return *out = sl_bool(r), 0;
  case K_UN: return sl_unary_op(rt, (sl_ast_unaryop)d->op, a, out);
  case K_NOT:
  case K_TRUTH:
    if (sl_truth(rt, a, &r)) return -1;
    return *out = sl_bool(d->kind == K_NOT ? !r : r), 0;
  case K_IS: return *out = sl_bool(sl_is(a, b)), 0;
  case K_ISNOT: return *out = sl_bool(!sl_is(a, b)), 0;
  case K_CONTAINS:
    if (sl_contains(rt, a, b, &r)) return -1;
    return *out = sl_bool(r), 0;
  case K_GETITEM: return sl_getitem(rt, a, b, out);
  case K_ABS:
  case K_INDEX: {
    sl_value fn;
    bool found = false;
    if (d->kind == K_INDEX) {
      if (a.tag == SL_V_INT || sl_is_long(a)) return *out = sl_vincref(a), 0;
      if (a.tag == SL_V_BOOL) return *out = sl_int(a.u.b), 0;
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(a));
    }
    if (sl_dict_get_str(rt, sl_builtins_dict(rt), "abs", &fn, &found) || !found) return -1;
    int rc = sl_vm_call_pos(rt, fn, &a, 1, out);
    sl_vdecref(rt, fn);
    return rc;
  }
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "bad operator");
}

static const sl_cfunc_def op_def_fn = {"operator", op_call, NULL, 0};

/* ---- itemgetter / attrgetter / methodcaller ------------------------------------------- */

typedef struct getter {
  sl_obj hdr;
  int kind;      /* 0 item, 1 attr, 2 method */
  sl_obj *items; /* owned tuple: the keys / names (methodcaller: name, args...) */
  sl_obj *kw;    /* owned dict or NULL: methodcaller's keywords */
} getter;

static void getter_clear(sl_rt *rt, sl_obj *o) {
  getter *g = (getter *)o;
  sl_decref(rt, g->items);
  sl_decref(rt, g->kw);
  g->items = g->kw = NULL;
}

static const char *const GETTER_NAMES[] = {"itemgetter", "attrgetter", "methodcaller"};

static int getter_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  getter *g = (getter *)o;
  sl_tuple *t = sl_as_tuple(g->items);
  sl_strbuf_printf(out, "operator.%s(", GETTER_NAMES[g->kind]);
  for (size_t i = 0; i < t->len; i++) {
    if (i) sl_strbuf_puts(out, ", ");
    if (sl_vm_repr(rt, t->items[i], out)) return -1;
  }
  if (g->kw) {
    size_t it = 0;
    sl_value k, v;
    while (sl_dict_next(g->kw, &it, &k, &v)) {
      sl_strbuf_printf(out, ", %s=", sl_str_cstr(k.u.o));
      if (sl_vm_repr(rt, v, out)) return -1;
    }
  }
  sl_strbuf_putc(out, ')');
  return 0;
}

/* getattr along a dotted name */
static int dotted(sl_rt *rt, sl_value obj, const char *name, sl_value *out) {
  sl_value cur = sl_vincref(obj);
  char part[256];
  while (*name) {
    const char *dot = strchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : strlen(name);
    if (n >= sizeof part) n = sizeof part - 1;
    memcpy(part, name, n);
    part[n] = 0;
    sl_value next;
    int rc = sl_vm_getattr(rt, cur, part, &next);
    sl_vdecref(rt, cur);
    if (rc) return -1;
    cur = next;
    name += dot ? n + 1 : n;
  }
  return *out = cur, 0;
}

static int getter_one(sl_rt *rt, getter *g, sl_value obj, sl_value key, sl_value *out) {
  if (g->kind == 0) return sl_getitem(rt, obj, key, out);
  return dotted(rt, obj, sl_str_cstr(key.u.o), out);
}

static int getter_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  getter *g = (getter *)o;
  sl_tuple *t = sl_as_tuple(g->items);
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments",
                    GETTER_NAMES[g->kind]);
  if (args->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected 1 argument, got %zu", GETTER_NAMES[g->kind],
                    args->npos);
  sl_value obj = args->pos[0];
  if (g->kind == 2) {
    sl_value m;
    if (sl_vm_getattr(rt, obj, sl_str_cstr(t->items[0].u.o), &m)) return -1;
    size_t nkw = g->kw ? sl_dict_len(g->kw) : 0, i = 0, it = 0;
    sl_value kv[16];
    sl_obj *kn[16];
    sl_value k, v;
    while (g->kw && i < 16 && sl_dict_next(g->kw, &it, &k, &v)) kn[i] = k.u.o, kv[i++] = v;
    sl_args call = {t->items + 1, t->len - 1, kv, kn, nkw < 16 ? nkw : 16};
    int rc = sl_vm_call(rt, m, &call, out);
    sl_vdecref(rt, m);
    return rc;
  }
  if (t->len == 1) return getter_one(rt, g, obj, t->items[0], out);
  sl_value vals[t->len ? t->len : 1];
  for (size_t i = 0; i < t->len; i++)
    if (getter_one(rt, g, obj, t->items[i], &vals[i])) {
      while (i) sl_vdecref(rt, vals[--i]);
      return -1;
    }
  sl_obj *r = sl_tuple_new(rt, vals, t->len);
  for (size_t i = 0; i < t->len; i++) sl_vdecref(rt, vals[i]);
  return r ? (*out = sl_obj_val(r), 0) : -1;
}

static const sl_type getter_type = {.name = "operator.itemgetter",
                                    .clear = getter_clear,
                                    .repr = getter_repr,
                                    .call = getter_call,
                                    .size = sizeof(getter)};

static int make_getter(sl_rt *rt, int kind, const sl_args *args, sl_value *out) {
  const char *fname = GETTER_NAMES[kind];
  if (args->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected 1 argument, got 0", fname);
  if (kind != 2 && args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", fname);
  if (kind != 0)
    for (size_t i = 0; i < (kind == 2 ? 1 : args->npos); i++)
      if (!sl_is_str(args->pos[i]))
        return sl_raise(rt, SL_EXC_TYPE_ERROR,
                        kind == 1 ? "attribute name must be a string"
                                  : "method name must be a string");
  sl_obj *o = sl_obj_alloc(rt, &getter_type);
  if (!o) return -1;
  getter *g = (getter *)o;
  g->kind = kind;
  g->items = sl_tuple_new(rt, args->pos, args->npos);
  int rc = g->items ? 0 : -1;
  if (!rc && args->nkw) {
    g->kw = sl_dict_new(rt);
    rc = g->kw ? 0 : -1;
    for (size_t i = 0; !rc && i < args->nkw; i++)
      rc = sl_dict_set(rt, g->kw, sl_obj_val(args->kwnames[i]), args->kwvals[i]);
  }
  if (rc) {
    sl_decref(rt, o);
    return -1;
  }
  return *out = sl_obj_val(o), 0;
}

static int f_itemgetter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return make_getter(rt, 0, args, out);
}
static int f_attrgetter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return make_getter(rt, 1, args, out);
}
static int f_methodcaller(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return make_getter(rt, 2, args, out);
}

static const sl_cfunc_def operator_funcs[] = {
    {"itemgetter", f_itemgetter, NULL, 0},
    {"attrgetter", f_attrgetter, NULL, 0},
    {"methodcaller", f_methodcaller, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_operator_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, operator_funcs)) return -1;
  for (size_t i = 0; OPS[i].name; i++) {
    sl_obj *f = sl_cfunc_new(rt, &op_def_fn, sl_int((int64_t)i));
    if (!f) return -1;
    int rc = sl_stdmod_add(rt, module_dict, OPS[i].name, sl_obj_val(f));
    char dunder[32];
    snprintf(dunder, sizeof dunder, "__%s__", OPS[i].name);
    size_t n = strlen(dunder);
    if (dunder[n - 3] == '_') memmove(dunder + n - 3, dunder + n - 2, 3); /* __or___ -> __or__ */
    if (!rc && strcmp(OPS[i].name, "is_") && strcmp(OPS[i].name, "is_not") &&
        strcmp(OPS[i].name, "truth"))
      rc = sl_stdmod_add(rt, module_dict, dunder, sl_obj_val(f));
    sl_decref(rt, f);
    if (rc) return -1;
  }
  return 0;
}
