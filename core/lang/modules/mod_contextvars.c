/* contextvars: ContextVar, Token, Context, copy_context, as
 * Python/context.c behaves, wired into the engine as asyncio does (a
 * Task's steps run in its Task._context, a callback in the context it was
 * scheduled with: core/task.c, core/handle.c).
 *
 * A Context's mapping is a dict from ContextVar objects to values. CPython
 * shares an immutable HAMT between a context and its copies; here each
 * copy_context() copies the dict, which gives the same observable
 * semantics (a later set() in one is never seen by the other).
 *
 * The engine captures contexts only once the program has created a
 * ContextVar (rt->context_copy is set then): until that moment there is no
 * variable a context could hold, so skipping the copies changes nothing a
 * program can see, and runs without contextvars allocate nothing more.
 *
 * Ownership: objects own their dict, name, default and values. */
#include <string.h>

#include "core/dict-int.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct ctxobj {
  sl_obj hdr;
  sl_obj *vars; /* owned dict: ContextVar -> value */
  bool entered;
} ctxobj;

typedef struct cvarobj {
  sl_obj hdr;
  sl_value name; /* owned str */
  sl_value dflt; /* owned; undef: no default */
} cvarobj;

typedef struct tokenobj {
  sl_obj hdr;
  sl_value ctx, var; /* owned */
  sl_value old;      /* owned; undef: Token.MISSING */
  bool used;
} tokenobj;

static const sl_type ctx_type, cvar_type, token_type, missing_type;

/* ---- contexts ------------------------------------------------------------ */

static int ctx_new(sl_rt *rt, sl_obj *vars_to_copy, sl_value *out) {
  sl_obj *vars = vars_to_copy ? sl__htable_copy(rt, vars_to_copy, &sl_dict_type) : sl_dict_new(rt);
  if (!vars) return -1;
  sl_obj *o = sl_obj_alloc(rt, &ctx_type);
  if (!o) {
    sl_decref(rt, vars);
    return -1;
  }
  ((ctxobj *)o)->vars = vars;
  *out = sl_obj_val(o);
  return 0;
}

/* The current context (borrowed): the base one is made on first use. */
static ctxobj *current(sl_rt *rt) {
  if (sl_is_undef(rt->context)) {
    sl_value base;
    if (ctx_new(rt, NULL, &base)) return NULL;
    ((ctxobj *)base.u.o)->entered = true;
    rt->context = base;
  }
  return (ctxobj *)rt->context.u.o;
}

/* rt->context_copy: copy_context(). */
static int copy_current(sl_rt *rt, sl_value *out) {
  ctxobj *c = current(rt);
  return c ? ctx_new(rt, c->vars, out) : -1;
}

static void ctx_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((ctxobj *)o)->vars);
  ((ctxobj *)o)->vars = NULL;
}

static int put_address(sl_rt *rt, const char *head, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, head);
  return sl_identity_put_end(rt, o, out);
}

static int ctx_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  return put_address(rt, "<_contextvars.Context object at ", o, out);
}

/* Context.run(callable, *args, **kwargs): enters the context for the call. */
static int m_run(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "run() missing 1 required positional argument");
  ctxobj *c = (ctxobj *)self.u.o;
  if (c->entered) {
    sl_strbuf b = SL_STRBUF_INIT;
    sl_strbuf_puts(&b, "cannot enter context: ");
    ctx_repr(rt, self.u.o, &b);
    sl_strbuf_puts(&b, " is already entered");
    int rc = sl_raise(rt, SL_EXC_RUNTIME_ERROR, "%s", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return rc;
  }
  if (!current(rt)) return -1;
  sl_value saved = rt->context;
  rt->context = sl_vincref(self);
  c->entered = true;
  sl_args rest = *args;
  rest.pos++;
  rest.npos--;
  int rc = sl_call(rt, args->pos[0], &rest, out);
  c->entered = false;
  sl_vdecref(rt, rt->context);
  rt->context = saved;
  return rc;
}

static int m_copy(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "copy", NULL, 0, 0, 0, NULL)) return -1;
  return ctx_new(rt, ((ctxobj *)self.u.o)->vars, out);
}

static int need_var(sl_rt *rt, sl_value v) {
  if (sl_is_type(v, &cvar_type)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "a ContextVar key was expected, got %s", sl_type_name(v));
}

static int raise_with(sl_rt *rt, sl_exc_id id, sl_value arg) {
  sl_obj *e = sl_exc_new(rt, rt->classes[id], &arg, 1);
  if (!e) return -1;
  int rc = sl_raise_obj(rt, e);
  sl_decref(rt, e);
  return rc;
}

/* Context.get(var, default=None) */
static int m_ctx_get(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"key", "default"};
  sl_value a[2];
  bool found;
  if (sl_args_bind(rt, args, "get", names, 2, 1, 2, a) || need_var(rt, a[0])) return -1;
  if (sl_dict_get(rt, ((ctxobj *)self.u.o)->vars, a[0], out, &found)) return -1;
  if (!found) *out = sl_is_undef(a[1]) ? sl_none() : sl_vincref(a[1]);
  return 0;
}

/* keys(), values(), items(): lists in insertion order. */
static int listing(sl_rt *rt, sl_value self, int which, sl_value *out) {
  sl_obj *vars = ((ctxobj *)self.u.o)->vars, *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(vars, &pos, &k, &v)) {
    sl_value item = which == 0 ? k : v;
    sl_obj *pair = NULL;
    if (which == 2) {
      sl_value kv[2] = {k, v};
      pair = sl_tuple_new(rt, kv, 2);
      if (!pair) break;
      item = sl_obj_val(pair);
    }
    int rc = sl_list_append(rt, l, item);
    sl_decref(rt, pair);
    if (rc) break;
  }
  if (rt->fatal || rt->exc) {
    sl_decref(rt, l);
    return -1;
  }
  *out = sl_obj_val(l);
  return 0;
}

static int m_keys(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return sl_args_bind(rt, args, "keys", NULL, 0, 0, 0, NULL) ? -1 : listing(rt, self, 0, out);
}
static int m_values(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return sl_args_bind(rt, args, "values", NULL, 0, 0, 0, NULL) ? -1 : listing(rt, self, 1, out);
}
static int m_items(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return sl_args_bind(rt, args, "items", NULL, 0, 0, 0, NULL) ? -1 : listing(rt, self, 2, out);
}

static const sl_cfunc_def ctx_methods[] = {
    {"Context.run", m_run, NULL, 0},
    {"Context.copy", m_copy, NULL, 0},
    {"Context.get", m_ctx_get, NULL, 0},
    {"Context.keys", m_keys, NULL, 0},
    {"Context.values", m_values, NULL, 0},
    {"Context.items", m_items, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int ctx_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, sl_obj_val(o), ctx_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'_contextvars.Context' object has no attribute '%s'",
                  name);
}

static int ctx_len(sl_rt *rt, sl_obj *o, int64_t *out) {
  (void)rt;
  *out = (int64_t)sl_dict_len(((ctxobj *)o)->vars);
  return 0;
}

static int ctx_getitem(sl_rt *rt, sl_obj *o, sl_value key, sl_value *out) {
  bool found;
  if (need_var(rt, key) || sl_dict_get(rt, ((ctxobj *)o)->vars, key, out, &found)) return -1;
  return found ? 0 : raise_with(rt, SL_EXC_KEY_ERROR, key);
}

static int ctx_contains(sl_rt *rt, sl_obj *o, sl_value key, bool *res) {
  sl_value v;
  if (need_var(rt, key) || sl_dict_get(rt, ((ctxobj *)o)->vars, key, &v, res)) return -1;
  if (*res) sl_vdecref(rt, v);
  return 0;
}

static int ctx_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  sl_value keys;
  if (listing(rt, sl_obj_val(o), 0, &keys)) return -1;
  int rc = sl_iter(rt, keys, out);
  sl_vdecref(rt, keys);
  return rc;
}

static const sl_lang_slots ctx_slots = {
    .len = ctx_len, .iter = ctx_iter, .getitem = ctx_getitem, .contains = ctx_contains};
static const sl_type ctx_type = {.name = "_contextvars.Context",
                                 .clear = ctx_clear,
                                 .repr = ctx_repr,
                                 .getattr = ctx_getattr,
                                 .lang = &ctx_slots,
                                 .size = sizeof(ctxobj)};

/* ---- ContextVar ------------------------------------------------------------- */

static int cvar_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  cvarobj *v = (cvarobj *)o;
  sl_strbuf_puts(out, "<ContextVar name=");
  if (sl_vm_repr(rt, v->name, out)) return -1;
  if (!sl_is_undef(v->dflt)) {
    sl_strbuf_puts(out, " default=");
    if (sl_vm_repr(rt, v->dflt, out)) return -1;
  }
  return put_address(rt, " at ", o, out);
}

static void cvar_clear(sl_rt *rt, sl_obj *o) {
  sl_vset(rt, &((cvarobj *)o)->name, sl_undef());
  sl_vset(rt, &((cvarobj *)o)->dflt, sl_undef());
}

/* ContextVar.get([default]) */
static int m_var_get(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"default"};
  sl_value a[1];
  bool found;
  if (sl_args_bind(rt, args, "get", names, 1, 0, 1, a)) return -1;
  ctxobj *c = current(rt);
  if (!c || sl_dict_get(rt, c->vars, self, out, &found)) return -1;
  if (found) return 0;
  sl_value d = sl_is_undef(a[0]) ? ((cvarobj *)self.u.o)->dflt : a[0];
  if (!sl_is_undef(d)) return *out = sl_vincref(d), 0;
  return raise_with(rt, SL_EXC_LOOKUP_ERROR, self);
}

/* ContextVar.set(value) -> Token */
static int m_var_set(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"value"};
  sl_value a[1], old;
  bool found;
  if (sl_args_bind(rt, args, "set", names, 1, 1, 1, a)) return -1;
  ctxobj *c = current(rt);
  if (!c || sl_dict_get(rt, c->vars, self, &old, &found)) return -1;
  sl_obj *t = sl_obj_alloc(rt, &token_type);
  if (!t) {
    if (found) sl_vdecref(rt, old);
    return -1;
  }
  tokenobj *tk = (tokenobj *)t;
  tk->ctx = sl_vincref(rt->context);
  tk->var = sl_vincref(self);
  tk->old = found ? old : sl_undef();
  if (sl_dict_set(rt, c->vars, self, a[0])) {
    sl_decref(rt, t);
    return -1;
  }
  *out = sl_obj_val(t);
  return 0;
}

static int token_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out);

static int token_error(sl_rt *rt, sl_exc_id id, sl_obj *token, const char *what) {
  sl_strbuf b = SL_STRBUF_INIT;
  token_repr(rt, token, &b);
  sl_strbuf_puts(&b, what);
  int rc = sl_raise(rt, id, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

/* ContextVar.reset(token) */
static int m_var_reset(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"token"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "reset", names, 1, 1, 1, a)) return -1;
  if (!sl_is_type(a[0], &token_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected an instance of Token, got '%s'",
                    sl_type_name(a[0]));
  tokenobj *tk = (tokenobj *)a[0].u.o;
  if (tk->used)
    return token_error(rt, SL_EXC_RUNTIME_ERROR, a[0].u.o, " has already been used once");
  if (!sl_is(tk->var, self))
    return token_error(rt, SL_EXC_VALUE_ERROR, a[0].u.o, " was created by a different ContextVar");
  ctxobj *c = current(rt);
  if (!c) return -1;
  if (!sl_is(tk->ctx, rt->context))
    return token_error(rt, SL_EXC_VALUE_ERROR, a[0].u.o, " was created in a different Context");
  tk->used = true;
  bool found;
  int rc = sl_is_undef(tk->old) ? sl_dict_del(rt, c->vars, self, &found)
                                : sl_dict_set(rt, c->vars, self, tk->old);
  return rc ? -1 : (*out = sl_none(), 0);
}

static const sl_cfunc_def cvar_methods[] = {
    {"ContextVar.get", m_var_get, NULL, 0},
    {"ContextVar.set", m_var_set, NULL, 0},
    {"ContextVar.reset", m_var_reset, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int cvar_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "name")) return *out = sl_vincref(((cvarobj *)o)->name), 0;
  int r = sl_methods_lookup(rt, sl_obj_val(o), cvar_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                  "'_contextvars.ContextVar' object has no attribute '%s'", name);
}

static const sl_type cvar_type = {.name = "_contextvars.ContextVar",
                                  .clear = cvar_clear,
                                  .repr = cvar_repr,
                                  .getattr = cvar_getattr,
                                  .size = sizeof(cvarobj)};

/* ContextVar(name, *, default=...) */
static int ct_contextvar(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"name", "default"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "ContextVar", names, 2, 1, 1, a)) return -1;
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "context variable name must be a str");
  sl_obj *o = sl_obj_alloc(rt, &cvar_type);
  if (!o) return -1;
  ((cvarobj *)o)->name = sl_vincref(a[0]);
  ((cvarobj *)o)->dflt = sl_vincref(a[1]);
  /* From now on tasks and callbacks capture their contexts. */
  rt->context_copy = copy_current;
  *out = sl_obj_val(o);
  return 0;
}

/* ---- Token ------------------------------------------------------------------ */

static int token_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  tokenobj *t = (tokenobj *)o;
  sl_strbuf_puts(out, t->used ? "<Token used var=" : "<Token var=");
  if (sl_vm_repr(rt, t->var, out)) return -1;
  return put_address(rt, " at ", o, out);
}

static void token_clear(sl_rt *rt, sl_obj *o) {
  tokenobj *t = (tokenobj *)o;
  sl_vset(rt, &t->ctx, sl_undef());
  sl_vset(rt, &t->var, sl_undef());
  sl_vset(rt, &t->old, sl_undef());
}

static int missing_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt, (void)o;
  sl_strbuf_puts(out, "<Token.MISSING>");
  return 0;
}

static const sl_type missing_type = {
    .name = "Token.MISSING", .repr = missing_repr, .size = sizeof(sl_obj)};

/* Token.MISSING: one object per run, so `is` compares as in CPython. */
static int missing_value(sl_rt *rt, sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L->token_missing && !(L->token_missing = sl_obj_alloc(rt, &missing_type))) return -1;
  sl_incref(L->token_missing);
  return *out = sl_obj_val(L->token_missing), 0;
}

/* Token.__enter__ (3.14): the token itself. */
static int m_token_enter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "__enter__", NULL, 0, 0, 0, NULL)) return -1;
  return *out = sl_vincref(self), 0;
}

/* Token.__exit__(*exc) (3.14): self.var.reset(self). */
static int m_token_exit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  sl_args one = {.pos = &self, .npos = 1};
  return m_var_reset(rt, ((tokenobj *)self.u.o)->var, &one, out);
}

static const sl_cfunc_def token_cm_methods[] = {
    {"Token.__enter__", m_token_enter, NULL, 0},
    {"Token.__exit__", m_token_exit, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int token_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  tokenobj *t = (tokenobj *)o;
  if (rt->profile->token_context_manager) {
    const char *py = !strcmp(name, "__enter__")  ? "Token.__enter__"
                     : !strcmp(name, "__exit__") ? "Token.__exit__"
                                                 : NULL;
    for (const sl_cfunc_def *d = token_cm_methods; py && d->name; d++) {
      if (strcmp(d->name, py)) continue;
      sl_obj *f = sl_cfunc_new(rt, d, sl_obj_val(o));
      return f ? (*out = sl_obj_val(f), 0) : -1;
    }
  }
  if (!strcmp(name, "var")) return *out = sl_vincref(t->var), 0;
  if (!strcmp(name, "old_value"))
    return sl_is_undef(t->old) ? missing_value(rt, out) : (*out = sl_vincref(t->old), 0);
  if (!strcmp(name, "MISSING")) return missing_value(rt, out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'_contextvars.Token' object has no attribute '%s'",
                  name);
}

static const sl_type token_type = {.name = "_contextvars.Token",
                                   .clear = token_clear,
                                   .repr = token_repr,
                                   .getattr = token_getattr,
                                   .size = sizeof(tokenobj)};

/* ---- the module --------------------------------------------------------------- */

static int ct_context(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->npos || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "Context() does not accept any arguments");
  return ctx_new(rt, NULL, out);
}

static int f_copy_context(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (sl_args_bind(rt, args, "copy_context", NULL, 0, 0, 0, NULL)) return -1;
  return copy_current(rt, out);
}

static int token_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  (void)cls;
  if (!strcmp(name, "MISSING")) return missing_value(rt, out) ? -1 : 1;
  return 0;
}

static const sl_cfunc_def ct_contextvar_def = {"ContextVar", ct_contextvar, NULL, 0};
static const sl_cfunc_def ct_context_def = {"Context", ct_context, NULL, 0};
static const sl_type *const cvar_types[] = {&cvar_type, NULL};
static const sl_type *const ctx_types[] = {&ctx_type, NULL};
static const sl_type *const token_types[] = {&token_type, NULL};
static const sl_classdef cvar_class = {"_contextvars.ContextVar",
                                       "_contextvars",
                                       "ContextVar",
                                       cvar_types,
                                       NULL,
                                       &ct_contextvar_def,
                                       NULL};
static const sl_classdef ctx_class = {
    "_contextvars.Context", "_contextvars", "Context", ctx_types, NULL, &ct_context_def, NULL};
static const sl_classdef token_class = {
    "_contextvars.Token", "_contextvars", "Token", token_types, NULL, NULL, token_class_getattr};
static const sl_cfunc_def copy_context_def = {"copy_context", f_copy_context, NULL, 0};

int sl_mod_contextvars_init(sl_rt *rt, sl_obj *module_dict) {
  static const sl_classdef *const classes[] = {&cvar_class, &ctx_class, &token_class, NULL};
  if (sl_stdmod_add_classes(rt, module_dict, classes)) return -1;
  return sl_stdmod_add_func(rt, module_dict, &copy_context_def);
}
