/* Function objects, bound methods and the calling convention.
 *
 * Argument binding follows CPython's _PyEval_MakeFrameVector order:
 * positional arguments, *args, keywords (unexpected / duplicate), then
 * "too many positional", then missing positional and keyword-only ones,
 * each with CPython's exact TypeError text naming the function by its
 * qualified name. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/code.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static void func_clear(sl_rt *rt, sl_obj *o) {
  sl_func *f = sl_as_func(o);
  sl_decref(rt, f->code);
  sl_decref(rt, f->globals);
  sl_decref(rt, f->defaults);
  sl_decref(rt, f->kwdefaults);
  sl_decref(rt, f->closure);
  sl_decref(rt, f->name);
  sl_decref(rt, f->qualname);
  sl_decref(rt, f->dict);
  f->code = f->globals = f->defaults = f->kwdefaults = f->closure = NULL;
  f->name = f->qualname = f->dict = NULL;
  sl_vset(rt, &f->doc, sl_undef());
  sl_vset(rt, &f->module, sl_undef());
}

static const char *func_qualname(sl_obj *func) {
  sl_func *f = sl_as_func(func);
  return sl_str_cstr(f->qualname ? f->qualname : sl_as_code(f->code)->qualname);
}

static int func_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<function %s at ", func_qualname(o));
  return sl_identity_put_end(rt, o, out);
}

static int func_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  if (!(sl_as_code(sl_as_func(o)->code)->flags & (SL_CO_GENERATOR | SL_CO_ASYNC)))
    return sl_frame_call(rt, o, sl_undef(), args, out);
  return sl_func_call_self(rt, o, sl_undef(), args, out);
}

/* The function's attribute `name` as CPython's func_getsetlist and
 * member list define it: 1 found, 0 not one of them. */
static int func_builtin_attr(sl_rt *rt, sl_func *f, const char *name, sl_value *out) {
  sl_code *c = sl_as_code(f->code);
  if (!strcmp(name, "__name__")) {
    *out = sl_vincref(sl_obj_val(f->name ? f->name : c->name));
  } else if (!strcmp(name, "__qualname__")) {
    *out = sl_vincref(sl_obj_val(f->qualname ? f->qualname : c->qualname));
  } else if (!strcmp(name, "__doc__")) {
    if (!sl_is_undef(f->doc))
      *out = sl_vincref(f->doc);
    else
      *out = (c->flags & SL_CO_DOC) ? sl_vincref(c->consts[0]) : sl_none();
  } else if (!strcmp(name, "__module__")) {
    if (!sl_is_undef(f->module)) {
      *out = sl_vincref(f->module);
    } else {
      bool found = false;
      if (sl_dict_get_str(rt, f->globals, "__name__", out, &found)) return -1;
      if (!found) *out = sl_none();
    }
  } else if (!strcmp(name, "__dict__")) {
    if (!f->dict && !(f->dict = sl_dict_new(rt))) return -1;
    sl_incref(f->dict);
    *out = sl_obj_val(f->dict);
  } else if (!strcmp(name, "__defaults__")) {
    *out = f->defaults ? sl_vincref(sl_obj_val(f->defaults)) : sl_none();
  } else if (!strcmp(name, "__kwdefaults__")) {
    *out = f->kwdefaults ? sl_vincref(sl_obj_val(f->kwdefaults)) : sl_none();
  } else if (!strcmp(name, "__annotations__")) {
    /* Annotations are parsed and dropped: the dict is always empty. */
    sl_obj *d = sl_dict_new(rt);
    if (!d) return -1;
    *out = sl_obj_val(d);
  } else {
    return 0;
  }
  return 1;
}

static int func_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_func *f = sl_as_func(o);
  int r = func_builtin_attr(rt, f, name, out);
  if (r) return r < 0 ? -1 : 0;
  if (f->dict) {
    bool found = false;
    if (sl_dict_get_str(rt, f->dict, name, out, &found)) return -1;
    if (found) return 0;
  }
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'function' object has no attribute '%s'", name);
}

/* Replaces a str-valued attribute (__name__, __qualname__). */
static int set_str_attr(sl_rt *rt, sl_obj **slot, const char *name, sl_value v) {
  if (sl_is_undef(v) || !sl_is_str(v))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s must be set to a string object", name);
  sl_incref(v.u.o);
  sl_decref(rt, *slot);
  *slot = v.u.o;
  return 0;
}

/* setattr(f, name, v), or del f.name when v is SL_V_UNDEF. */
static int func_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  sl_func *f = sl_as_func(o);
  if (!strcmp(name, "__name__")) return set_str_attr(rt, &f->name, name, v);
  if (!strcmp(name, "__qualname__")) return set_str_attr(rt, &f->qualname, name, v);
  if (!strcmp(name, "__doc__") || !strcmp(name, "__module__")) {
    sl_value *slot = name[2] == 'd' ? &f->doc : &f->module;
    sl_vset(rt, slot, sl_is_undef(v) ? sl_none() : sl_vincref(v));
    return 0;
  }
  if (!strcmp(name, "__dict__")) {
    if (!sl_is_type(v, &sl_dict_type))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "__dict__ must be set to a dictionary, not a '%s'",
                      sl_type_name(v));
    sl_incref(v.u.o);
    sl_decref(rt, f->dict);
    f->dict = v.u.o;
    return 0;
  }
  if (sl_is_undef(v)) {
    bool found = false;
    sl_obj *key = sl_str_from_cstr(rt, name);
    if (!key) return -1;
    int rc = f->dict ? sl_dict_del(rt, f->dict, sl_obj_val(key), &found) : 0;
    sl_decref(rt, key);
    if (rc) return -1;
    if (!found)
      return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'function' object has no attribute '%s'", name);
    return 0;
  }
  if (!f->dict && !(f->dict = sl_dict_new(rt))) return -1;
  return sl_dict_set_str(rt, f->dict, name, v);
}

const sl_type sl_func_type = {.name = "function",
                              .clear = func_clear,
                              .repr = func_repr,
                              .call = func_call,
                              .getattr = func_getattr,
                              .setattr = func_setattr,
                              .size = sizeof(sl_func)};

static void bound_clear(sl_rt *rt, sl_obj *o) {
  sl_bound *b = (sl_bound *)o;
  sl_vset(rt, &b->func, sl_undef());
  sl_vset(rt, &b->self, sl_undef());
}

static int bound_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  sl_bound *b = (sl_bound *)o;
  if (sl_is_type(b->func, &sl_func_type))
    return sl_func_call_self(rt, b->func.u.o, b->self, args, out);
  /* A native callable: prepend self to the positional arguments. */
  sl_value *pos = sl_malloc(sizeof(sl_value) * (args->npos + 1));
  if (!pos) return sl_nomem(rt);
  pos[0] = b->self;
  if (args->npos) memcpy(pos + 1, args->pos, sizeof(sl_value) * args->npos);
  sl_args a = {pos, args->npos + 1, args->kwvals, args->kwnames, args->nkw};
  int rc = sl_vm_call(rt, b->func, &a, out);
  sl_free(pos);
  return rc;
}

/* A native method bound to an instance: CPython's method-wrapper (a slot
 * such as __init__) or built-in method, "of B object at 0x...". */
static int bound_native_repr(sl_rt *rt, sl_bound *b, sl_strbuf *out) {
  const char *name = sl_as_cfunc(b->func.u.o)->def->name;
  const char *dot = strrchr(name, '.');
  if (dot) name = dot + 1;
  bool slot = !strncmp(name, "__", 2);
  sl_strbuf_printf(
      out, slot ? "<method-wrapper '%s' of %s object at " : "<built-in method %s of %s object at ",
      name, sl_type_name(b->self));
  return sl_identity_put_end(rt, b->self.u.o, out);
}

static int bound_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_bound *b = (sl_bound *)o;
  if (sl_is_type(b->func, &sl_cfunc_type) && sl_is_obj(b->self))
    return bound_native_repr(rt, b, out);
  sl_strbuf_puts(out, "<bound method ");
  if (sl_is_type(b->func, &sl_func_type)) sl_strbuf_puts(out, func_qualname(b->func.u.o));
  sl_strbuf_puts(out, " of ");
  if (sl_vm_repr(rt, b->self, out)) return -1;
  sl_strbuf_putc(out, '>');
  return 0;
}

static int bound_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = sl_is_type(b, &sl_bound_type) && sl_is(((sl_bound *)a)->func, ((sl_bound *)b.u.o)->func) &&
         sl_is(((sl_bound *)a)->self, ((sl_bound *)b.u.o)->self);
  return 0;
}

static int bound_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_bound *b = (sl_bound *)o;
  if (!strcmp(name, "__self__")) {
    *out = sl_vincref(b->self);
    return 0;
  }
  if (!strcmp(name, "__func__")) {
    *out = sl_vincref(b->func);
    return 0;
  }
  /* A built-in method bound to a scenario instance (asyncio.Protocol's
   * inherited do-nothing methods): its qualname names the defining class
   * (BaseProtocol.connection_made), as the callback's name in traces. */
  if (sl_is_type(b->func, &sl_cfunc_type) && !strcmp(name, "__qualname__")) {
    sl_obj *q = sl_str_from_cstr(rt, sl_as_cfunc(b->func.u.o)->def->name);
    if (!q) return -1;
    *out = sl_obj_val(q);
    return 0;
  }
  return sl_getattr(rt, b->func, name, out);
}

const sl_type sl_bound_type = {.name = "method",
                               .clear = bound_clear,
                               .repr = bound_repr,
                               .call = bound_call,
                               .eq = bound_eq,
                               .getattr = bound_getattr,
                               .size = sizeof(sl_bound)};

sl_obj *sl_bound_new(sl_rt *rt, sl_value func, sl_value self) {
  sl_obj *o = sl_obj_alloc(rt, &sl_bound_type);
  if (!o) return NULL;
  ((sl_bound *)o)->func = sl_vincref(func);
  ((sl_bound *)o)->self = sl_vincref(self);
  return o;
}

/* ---- argument binding ------------------------------------------------- */

/* Appends "'a'", "'a' and 'b'" or "'a', 'b', and 'c'" as CPython's
 * format_missing does. */
static void name_list(sl_strbuf *b, sl_obj **names, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i > 0) sl_strbuf_puts(b, n == 2 ? " and " : (i == n - 1 ? ", and " : ", "));
    sl_strbuf_printf(b, "'%s'", sl_str_cstr(names[i]));
  }
}

static int missing(sl_rt *rt, sl_code *c, sl_frame *f, uint32_t from, uint32_t to,
                   const char *kind) {
  sl_obj *names[64];
  size_t n = 0;
  size_t total = 0;
  for (uint32_t i = from; i < to; i++) {
    if (!sl_is_undef(f->locals[i])) continue;
    if (n < 64) names[n++] = c->localnames[i];
    total++;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "%s() missing %zu required %s argument%s: ", sl_str_cstr(c->qualname), total,
                   kind, total == 1 ? "" : "s");
  name_list(&b, names, n);
  if (b.failed) {
    sl_strbuf_free(&b);
    return sl_nomem(rt);
  }
  int rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

static int too_many(sl_rt *rt, sl_code *c, sl_frame *f, size_t given, size_t ndefaults) {
  size_t kwonly_given = 0;
  for (uint32_t i = c->argcount; i < c->argcount + c->kwonly; i++)
    if (!sl_is_undef(f->locals[i])) kwonly_given++;
  char sig[64], kwsig[96] = "";
  bool plural;
  if (ndefaults) {
    snprintf(sig, sizeof sig, "from %zu to %u", c->argcount - ndefaults, c->argcount);
    plural = true;
  } else {
    snprintf(sig, sizeof sig, "%u", c->argcount);
    plural = c->argcount != 1;
  }
  if (kwonly_given)
    snprintf(kwsig, sizeof kwsig, " positional argument%s (and %zu keyword-only argument%s)",
             given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes %s positional argument%s but %zu%s %s given",
                  sl_str_cstr(c->qualname), sig, plural ? "s" : "", given, kwsig,
                  given == 1 && !kwonly_given ? "was" : "were");
}

int sl_func_bind(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_frame *f) {
  sl_func *fn = sl_as_func(func);
  sl_code *c = sl_as_code(fn->code);
  bool has_self = !sl_is_undef(self);
  size_t given = args->npos + (has_self ? 1 : 0);
  uint32_t nparams = c->argcount + c->kwonly;
  uint32_t vararg_i = nparams, varkw_i = nparams + ((c->flags & SL_CO_VARARGS) ? 1 : 0);
  sl_obj *kwdict = NULL;
  if (c->flags & SL_CO_VARKW) {
    kwdict = sl_dict_new(rt);
    if (!kwdict) return -1;
    f->locals[varkw_i] = sl_obj_val(kwdict);
  }
  size_t n = given < c->argcount ? given : c->argcount;
  for (size_t i = 0; i < n; i++) {
    sl_value v = has_self ? (i == 0 ? self : args->pos[i - 1]) : args->pos[i];
    f->locals[i] = sl_vincref(v);
  }
  if (c->flags & SL_CO_VARARGS) {
    size_t extra = given > n ? given - n : 0;
    sl_obj *t;
    if (has_self && n == 0 && extra) {
      /* def f(*args) bound as a method: self is args[0]. */
      sl_value *all = sl_malloc(sizeof(sl_value) * (args->npos + 1));
      if (!all) return sl_nomem(rt);
      all[0] = self;
      if (args->npos) memcpy(all + 1, args->pos, sizeof(sl_value) * args->npos);
      t = sl_tuple_new(rt, all, args->npos + 1);
      sl_free(all);
    } else {
      const sl_value *src = args->pos + (n - (has_self && n > 0 ? 1 : 0));
      t = sl_tuple_new(rt, extra ? src : NULL, extra);
    }
    if (!t) return -1;
    f->locals[vararg_i] = sl_obj_val(t);
  }
  for (size_t k = 0; k < args->nkw; k++) {
    sl_obj *kwname = args->kwnames[k];
    const char *kw = sl_str_cstr(kwname);
    uint32_t i = c->posonly;
    while (i < nparams && strcmp(sl_str_cstr(c->localnames[i]), kw) != 0) i++;
    if (i == nparams) {
      if (kwdict) {
        if (sl_dict_set(rt, kwdict, sl_obj_val(kwname), args->kwvals[k])) return -1;
        continue;
      }
      for (uint32_t j = 0; j < c->posonly; j++)
        if (!strcmp(sl_str_cstr(c->localnames[j]), kw))
          return sl_raise(
              rt, SL_EXC_TYPE_ERROR,
              "%s() got some positional-only arguments passed as keyword arguments: '%s'",
              sl_str_cstr(c->qualname), kw);
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'",
                      sl_str_cstr(c->qualname), kw);
    }
    if (!sl_is_undef(f->locals[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'",
                      sl_str_cstr(c->qualname), kw);
    f->locals[i] = sl_vincref(args->kwvals[k]);
  }
  size_t ndefaults = fn->defaults ? sl_as_tuple(fn->defaults)->len : 0;
  if (given > c->argcount && !(c->flags & SL_CO_VARARGS))
    return too_many(rt, c, f, given, ndefaults);
  if (given < c->argcount) {
    uint32_t firstdef = c->argcount - (uint32_t)ndefaults;
    for (uint32_t i = (uint32_t)given; i < firstdef; i++)
      if (sl_is_undef(f->locals[i]))
        return missing(rt, c, f, (uint32_t)given, firstdef, "positional");
    for (uint32_t i = firstdef > given ? firstdef : (uint32_t)given; i < c->argcount; i++)
      if (sl_is_undef(f->locals[i]))
        f->locals[i] = sl_vincref(sl_as_tuple(fn->defaults)->items[i - firstdef]);
  }
  for (uint32_t i = c->argcount; i < nparams; i++) {
    if (!sl_is_undef(f->locals[i])) continue;
    bool found = false;
    if (fn->kwdefaults &&
        sl_dict_get(rt, fn->kwdefaults, sl_obj_val(c->localnames[i]), &f->locals[i], &found))
      return -1;
    if (!found) return missing(rt, c, f, c->argcount, nparams, "keyword-only");
  }
  sl__frame_args_to_cells(rt, c, f);
  return 0;
}

int sl_func_call_self(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_value *out) {
  sl_func *fn = sl_as_func(func);
  sl_code *c = sl_as_code(fn->code);
  if (!(c->flags & (SL_CO_GENERATOR | SL_CO_ASYNC)))
    return sl_frame_call(rt, func, self, args, out);
  sl_frame *f = sl_frame_new(rt, fn->code, fn->globals, fn->closure);
  if (!f) return -1;
  if (sl__binds_in_order(c, !sl_is_undef(self), args)) {
    sl__bind_in_order(rt, c, self, args, f);
  } else if (sl_func_bind(rt, func, self, args, f)) {
    sl_frame_free(rt, f);
    return -1;
  }
  if (c->flags & SL_CO_GENERATOR) {
    sl_obj *g =
        (sl_as_code(fn->code)->flags & SL_CO_ASYNC) ? sl_vmagen_new(rt, f) : sl_vmgen_new(rt, f);
    if (!g) return -1;
    *out = sl_obj_val(g);
    return 0;
  }
  sl_obj *co = sl_vmcoro_new(rt, f);
  if (!co) return -1;
  sl_vmcoro *vc = (sl_vmcoro *)co;
  vc->name = fn->name;
  vc->qualname = fn->qualname;
  sl_incref(vc->name);
  sl_incref(vc->qualname);
  *out = sl_obj_val(co);
  return 0;
}
