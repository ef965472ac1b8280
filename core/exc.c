/* Exception classes and instances (see exc.h). Mirrors the parts of
 * Objects/exceptions.c that programs observe: args, str(), repr(). */
#include "core/exc.h"

#include <stdarg.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/errno_tab.h"
#include "core/identity.h"
#include "core/long.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static void class_clear(sl_rt *rt, sl_obj *o) {
  sl_class *c = sl_as_class(o);
  for (size_t i = 0, n = sl_class_nbases(o); i < n; i++) {
    sl_obj *subs = sl_as_class(sl_class_base(o, i))->subclasses;
    bool found;
    if (subs) (void)sl_dict_del(rt, subs, sl_int((int64_t)(intptr_t)o), &found);
  }
  sl_decref(rt, c->subclasses);
  sl_decref(rt, c->name);
  sl_decref(rt, c->qualname);
  sl_decref(rt, c->bases[0]);
  sl_decref(rt, c->bases[1]);
  sl_decref(rt, c->more_bases);
  sl_decref(rt, c->attrs);
  sl_decref(rt, c->native);
  sl_decref(rt, c->mro);
  sl_decref(rt, c->meta);
}

/* Whether an enumeration derives from enum.Flag (its repr says "flag"). */
static bool derives_from_flag(const sl_class *c) {
  for (; c; c = c->bases[0] ? sl_as_class(c->bases[0]) : NULL)
    if (!strcmp(c->module, "enum") && sl_str_eq_cstr(c->name, "Flag")) return true;
  return false;
}

static int class_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_class *c = sl_as_class(o);
  if (c->lang_flags & SL_CLS_ENUM) { /* EnumType.__repr__ */
    sl_strbuf_printf(out, "<%s '%s'>", derives_from_flag(c) ? "flag" : "enum",
                     sl_str_cstr(c->name));
    return 0;
  }
  sl_strbuf_printf(out, "<class '%s%s%s'>", strcmp(c->module, "builtins") ? c->module : "",
                   strcmp(c->module, "builtins") ? "." : "", sl_str_cstr(c->qualname));
  return 0;
}

int sl_os_error_init(sl_rt *rt, sl_obj *exc) {
  /* oserror_init: winerror (the fourth) means nothing off Windows. */
  sl_exc *e = sl_as_exc(exc);
  sl_tuple *args = sl_as_tuple(e->args);
  if (args->len < 3 || args->len > 5 || sl_is_none(args->items[2])) return 0;
  if (!e->attrs && !(e->attrs = sl_dict_new(rt))) return -1;
  if (sl_dict_set_str(rt, e->attrs, "filename", args->items[2])) return -1;
  if (args->len == 5 && !sl_is_none(args->items[4]) &&
      sl_dict_set_str(rt, e->attrs, "filename2", args->items[4]))
    return -1;
  sl_obj *two = sl_tuple_new(rt, args->items, 2);
  if (!two) return -1;
  sl_decref(rt, e->args);
  e->args = two;
  return 0;
}

/* Calling a class makes an instance; user __init__ is core/lang's business
 * (it installs its own call slot through the lang extension). */
static int class_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out) {
  if (sl_as_class(cls)->builtin == SL_EXC_NONE && rt->user_ops)
    return rt->user_ops->call_class(rt, cls, args, out);
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments",
                    sl_str_cstr(sl_as_class(cls)->name));
  /* oserror_new: OSError(errno, strerror, ...) with 2 to 5 arguments is
   * the subclass the errno names (FileNotFoundError for ENOENT). */
  if (cls == rt->classes[SL_EXC_OS_ERROR] && args->npos >= 2 && args->npos <= 5) {
    sl_value n = sl_num_unbox(args->pos[0]);
    if (n.tag == SL_V_INT || n.tag == SL_V_BOOL)
      cls = rt->classes[sl_errno_oserror_class(rt->profile, n.tag == SL_V_INT ? n.u.i : n.u.b)];
  }
  sl_obj *exc = sl_exc_new(rt, cls, args->pos, args->npos);
  if (!exc) return -1;
  if ((sl_exc_isinstance(exc, SL_EXC_OS_ERROR) && sl_os_error_init(rt, exc)) ||
      (rt->user_ops && rt->user_ops->exc_init(rt, exc))) {
    sl_decref(rt, exc);
    return -1;
  }
  *out = sl_obj_val(exc);
  return 0;
}

const sl_type sl_class_type = {.name = "type",
                               .clear = class_clear,
                               .repr = class_repr,
                               .call = class_call,
                               .size = sizeof(sl_class)};

static void exc_clear(sl_rt *rt, sl_obj *o) {
  sl_exc *e = sl_as_exc(o);
  sl_decref(rt, e->cls);
  sl_decref(rt, e->args);
  sl_decref(rt, e->cause);
  sl_decref(rt, e->context);
  sl_decref(rt, e->attrs);
  for (size_t i = 0; i < e->ntb; i++) {
    sl_decref(rt, e->tb[i].file);
    sl_decref(rt, e->tb[i].func);
  }
  e->ntb = 0;
}

static void exc_release(sl_obj *o) { sl_free(sl_as_exc(o)->tb); }

static bool is_group(const sl_obj *exc) {
  return sl_exc_isinstance(exc, SL_EXC_BASE_EXCEPTION_GROUP);
}

static uint32_t user_flags(const sl_obj *o) {
  return sl_as_class(sl_as_exc((sl_obj *)o)->cls)->lang_flags;
}

/* An attribute the program or the constructor set on e, or None. */
static int exc_attr(sl_rt *rt, sl_exc *e, const char *name, sl_value *out) {
  bool found = false;
  *out = sl_none();
  if (e->attrs && sl_dict_get_str(rt, e->attrs, name, out, &found)) return -1;
  if (found) sl_vdecref(rt, *out); /* borrowed: e->attrs keeps it */
  return 0;
}

/* OSError.__str__ with errno and strerror (2 to 5 arguments): "[Errno 32]
 * Broken pipe", with the file names OSError took from its arguments
 * (value.c, sl__os_error_init): "[Errno 2] No such file: 'a' -> 'b'". */
static int os_error_str(sl_rt *rt, sl_exc *e, sl_strbuf *out) {
  sl_tuple *args = sl_as_tuple(e->args);
  sl_value name, name2;
  if (exc_attr(rt, e, "filename", &name) || exc_attr(rt, e, "filename2", &name2)) return -1;
  sl_strbuf_puts(out, "[Errno ");
  if (sl_str(rt, args->items[0], out)) return -1;
  sl_strbuf_puts(out, "] ");
  if (sl_str(rt, args->items[1], out)) return -1;
  if (sl_is_none(name)) return 0;
  sl_strbuf_puts(out, ": ");
  if (sl_repr(rt, name, out)) return -1;
  if (sl_is_none(name2)) return 0;
  sl_strbuf_puts(out, " -> ");
  return sl_repr(rt, name2, out);
}

int sl_exc_str_builtin(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_exc *e = sl_as_exc(o);
  sl_tuple *args = sl_as_tuple(e->args);
  if (is_group(o) && args->len == 2) {
    /* BaseExceptionGroup.__str__: "msg (N sub-exception[s])" */
    if (sl_str(rt, args->items[0], out)) return -1;
    size_t n = 0;
    sl_value excs = args->items[1];
    if (sl_is_type(excs, &sl_tuple_type))
      n = sl_as_tuple(excs.u.o)->len;
    else if (sl_is_type(excs, &sl_list_type))
      n = sl_as_list(excs.u.o)->len;
    sl_strbuf_printf(out, " (%zu sub-exception%s)", n, n == 1 ? "" : "s");
    return 0;
  }
  int r = rt->user_ops ? rt->user_ops->exc_str(rt, o, out) : 0;
  if (r) return r < 0 ? -1 : 0;
  if (args->len == 0) return 0;
  if (args->len >= 2 && args->len <= 5 && sl_exc_isinstance(o, SL_EXC_OS_ERROR))
    return os_error_str(rt, e, out);
  if (args->len == 1) {
    if (sl_exc_isinstance(o, SL_EXC_KEY_ERROR)) return sl_repr(rt, args->items[0], out);
    return sl_str(rt, args->items[0], out);
  }
  return sl_repr(rt, sl_obj_val(e->args), out);
}

int sl_exc_repr_builtin(sl_rt *rt, sl_obj *o, sl_strbuf *out);

static int exc_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  if ((user_flags(o) & (SL_CLS_REPR | SL_CLS_PLAIN)) && rt->user_ops)
    return rt->user_ops->repr(rt, o, out);
  return sl_exc_repr_builtin(rt, o, out);
}

static int exc_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  if ((user_flags(o) & (SL_CLS_STR | SL_CLS_REPR | SL_CLS_PLAIN)) && rt->user_ops)
    return rt->user_ops->str(rt, o, out);
  return sl_exc_str_builtin(rt, o, out);
}

int sl_exc_repr_builtin(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_exc *e = sl_as_exc(o);
  sl_tuple *args = sl_as_tuple(e->args);
  sl_strbuf_puts(out, sl_exc_type_name(o));
  if (args->len == 1) {
    sl_strbuf_putc(out, '(');
    if (sl_repr(rt, args->items[0], out)) return -1;
    sl_strbuf_putc(out, ')');
    return 0;
  }
  return sl_repr(rt, sl_obj_val(e->args), out);
}

static int exc_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  if ((user_flags(o) & SL_CLS_HASH) && rt->user_ops) return rt->user_ops->hash(rt, o, out);
  return sl_identity_hash(rt, o, out);
}

static int exc_truth(sl_rt *rt, sl_obj *o, bool *res) {
  if ((user_flags(o) & SL_CLS_BOOL) && rt->user_ops) return rt->user_ops->truth(rt, o, res);
  *res = true;
  return 0;
}

static int exc_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  if ((user_flags(o) & SL_CLS_CALL) && rt->user_ops) return rt->user_ops->call(rt, o, args, out);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not callable", sl_exc_type_name(o));
}

/* tp_finalize: a scenario class's __del__, once, before the instance is
 * cleared (it may resurrect it: sl_decref checks). */
static void exc_finalize(sl_rt *rt, sl_obj *o) {
  sl_exc *e = sl_as_exc(o);
  if (e->finalized || !e->cls || !(sl_as_class(e->cls)->lang_flags & SL_CLS_DEL)) return;
  e->finalized = true;
  if (rt->user_ops && rt->user_ops->finalize) rt->user_ops->finalize(rt, o);
}

const sl_type sl_exc_type = {.name = "BaseException",
                             .clear = exc_clear,
                             .finalize = exc_finalize,
                             .release = exc_release,
                             .repr = exc_repr,
                             .str = exc_str,
                             .hash = exc_hash,
                             .truth = exc_truth,
                             .call = exc_call,
                             .size = sizeof(sl_exc)};

sl_obj *sl_class_new(sl_rt *rt, const char *name, const char *qualname, const char *module,
                     sl_obj *base, sl_obj *base2) {
  sl_obj *o = sl_obj_alloc(rt, &sl_class_type);
  if (!o) return NULL;
  sl_class *c = sl_as_class(o);
  c->module = module;
  c->builtin = SL_EXC_NONE;
  c->name = sl_str_from_cstr(rt, name);
  c->qualname = sl_str_from_cstr(rt, qualname ? qualname : name);
  if (!c->name || !c->qualname) {
    sl_decref(rt, o);
    return NULL;
  }
  sl_incref(base);
  sl_incref(base2);
  c->bases[0] = base;
  c->bases[1] = base2;
  return o;
}

int sl_exc_init_classes(sl_rt *rt) {
  static const struct {
    const char *name, *module;
    sl_exc_id base, base2;
  } table[] = {
#define SL_EXC_ROW(id, name, base, base2, module) {name, module, SL_EXC_##base, SL_EXC_##base2},
      SL_EXC_MAP(SL_EXC_ROW)
#undef SL_EXC_ROW
  };
  for (int i = 0; i < SL_EXC__COUNT; i++) {
    sl_obj *b1 = table[i].base == SL_EXC_NONE ? NULL : rt->classes[table[i].base];
    sl_obj *b2 = table[i].base2 == SL_EXC_NONE ? NULL : rt->classes[table[i].base2];
    rt->classes[i] = sl_class_new(rt, table[i].name, NULL, table[i].module, b1, b2);
    if (!rt->classes[i]) return -1;
    sl_as_class(rt->classes[i])->builtin = (sl_exc_id)i;
  }
  return 0;
}

void sl_class_path_of(sl_obj *o, const char *engine_path, sl_strbuf *out) {
  sl_obj_ext *x = sl_obj_ext_of(o);
  if (!x || !x->cls) {
    sl_strbuf_puts(out, engine_path);
    return;
  }
  sl_class *c = sl_as_class(x->cls);
  sl_strbuf_printf(out, "%s.%s", c->module, sl_str_cstr(c->qualname));
}

size_t sl_class_nbases(const sl_obj *cls) {
  const sl_class *c = (const sl_class *)cls;
  if (!c->bases[0]) return 0;
  if (!c->bases[1]) return 1;
  return 2 + (c->more_bases ? sl_as_tuple(c->more_bases)->len : 0);
}

sl_obj *sl_class_base(const sl_obj *cls, size_t i) {
  const sl_class *c = (const sl_class *)cls;
  return i < 2 ? c->bases[i] : sl_as_tuple(c->more_bases)->items[i - 2].u.o;
}

bool sl_class_is_subclass(const sl_obj *cls, const sl_obj *base) {
  if (cls == base) return true;
  const sl_class *c = (const sl_class *)cls;
  for (int i = 0; i < 2; i++)
    if (c->bases[i] && sl_class_is_subclass(c->bases[i], base)) return true;
  if (c->more_bases)
    for (size_t i = 2, n = sl_class_nbases(cls); i < n; i++)
      if (sl_class_is_subclass(sl_class_base(cls, i), base)) return true;
  return false;
}

sl_obj *sl_exc_new(sl_rt *rt, sl_obj *cls, const sl_value *args, size_t nargs) {
  sl_obj *tuple = sl_tuple_new(rt, args, nargs);
  if (!tuple) return NULL;
  sl_obj *o = sl_obj_alloc(rt, &sl_exc_type);
  if (!o) {
    sl_decref(rt, tuple);
    return NULL;
  }
  sl_exc *e = sl_as_exc(o);
  sl_incref(cls);
  e->cls = cls;
  e->args = tuple;
  return o;
}

sl_obj *sl_exc_new_msg(sl_rt *rt, sl_exc_id id, const char *msg) {
  if (!msg) return sl_exc_new(rt, rt->classes[id], NULL, 0);
  sl_obj *s = sl_str_from_cstr(rt, msg);
  if (!s) return NULL;
  sl_value arg = sl_obj_val(s);
  sl_obj *exc = sl_exc_new(rt, rt->classes[id], &arg, 1);
  sl_decref(rt, s);
  return exc;
}

bool sl_exc_isinstance_cls(const sl_obj *exc, const sl_obj *cls) {
  return sl_class_is_subclass(((const sl_exc *)exc)->cls, cls);
}

bool sl_exc_isinstance(const sl_obj *exc, sl_exc_id id) {
  /* Built-in classes are found by walking the bases for their id, so this
   * works without the run at hand. */
  const sl_obj *cls = ((const sl_exc *)exc)->cls;
  const sl_obj *stack[32];
  int top = 0;
  stack[top++] = cls;
  while (top) {
    const sl_class *c = (const sl_class *)stack[--top];
    if (c->builtin == id) return true;
    for (size_t i = 0, n = sl_class_nbases(&c->hdr); i < n && top < 30; i++)
      stack[top++] = sl_class_base(&c->hdr, i);
  }
  return false;
}

int sl_exc_add_tb(sl_rt *rt, sl_obj *exc, sl_obj *file, sl_obj *func, int line) {
  sl_exc *e = sl_as_exc(exc);
  if (e->ntb == e->captb) {
    size_t cap = e->captb ? e->captb * 2 : 4;
    sl_tb_entry *grown = sl_realloc(e->tb, cap * sizeof *grown);
    if (!grown) return sl_nomem(rt);
    e->tb = grown;
    e->captb = cap;
  }
  sl_incref(file);
  sl_incref(func);
  e->tb[e->ntb++] = (sl_tb_entry){file, func, line};
  return 0;
}

int sl_raise(sl_rt *rt, sl_exc_id id, const char *fmt, ...) {
  sl_strbuf msg = SL_STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sl_strbuf_vprintf(&msg, fmt, ap);
  va_end(ap);
  if (msg.failed) {
    sl_strbuf_free(&msg);
    return sl_nomem(rt);
  }
  sl_obj *exc = sl_exc_new_msg(rt, id, sl_strbuf_cstr(&msg));
  sl_strbuf_free(&msg);
  if (!exc) return -1;
  return sl_err_restore(rt, exc);
}

int sl_raise_noargs(sl_rt *rt, sl_exc_id id) {
  sl_obj *exc = sl_exc_new_msg(rt, id, NULL);
  if (!exc) return -1;
  return sl_err_restore(rt, exc);
}

int sl_raise_obj(sl_rt *rt, sl_obj *exc) {
  sl_incref(exc);
  return sl_err_restore(rt, exc);
}

bool sl_err_matches(sl_rt *rt, sl_exc_id id) { return rt->exc && sl_exc_isinstance(rt->exc, id); }

const char *sl_exc_type_name(const sl_obj *exc) {
  return sl_str_cstr(sl_as_class(((const sl_exc *)exc)->cls)->qualname);
}

int sl_exc_format_only(sl_rt *rt, sl_obj *exc, sl_strbuf *out) {
  const sl_class *c = sl_as_class(sl_as_exc(exc)->cls);
  /* traceback.py: the module is shown unless it is __main__ or builtins. */
  if (strcmp(c->module, "builtins") && strcmp(c->module, "__main__"))
    sl_strbuf_printf(out, "%s.", c->module);
  sl_strbuf_puts(out, sl_str_cstr(c->qualname));
  sl_strbuf text = SL_STRBUF_INIT;
  int rc = (rt->lang_str ? rt->lang_str : sl_str)(rt, sl_obj_val(exc), &text);
  if (rc == 0 && text.len) {
    sl_strbuf_puts(out, ": ");
    sl_strbuf_append(out, text.data, text.len);
  }
  sl_strbuf_free(&text);
  return rc;
}
