/* The run's language state: namespaces, modules, print() output, and
 * running the module body. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict-int.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/asyncio_mod.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/socket_mod.h"
#include "core/lang/usermod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/loop.h"
#include "core/pysource.h"
#include "core/str.h"
#include "core/task.h"
#include "core/tuple.h"

/* ---- modules ------------------------------------------------------------ */

static void module_clear(sl_rt *rt, sl_obj *o) {
  sl_module *m = (sl_module *)o;
  sl_decref(rt, m->name);
  sl_decref(rt, m->dict);
  m->name = m->dict = NULL;
}

/* importlib's _module_repr_from_spec for a namespace package (3.11: its
 * loader's repr; the loader is not simulated, so the module's address
 * stands for it). */
static int namespace_repr(sl_rt *rt, sl_obj *o, const sl_modfile *f, sl_strbuf *out) {
  const char *name = sl_str_cstr(((sl_module *)o)->name);
  if (!rt->profile->namespace_module_repr_path) {
    sl_strbuf_printf(out, "<module '%s' (<_frozen_importlib_external._NamespaceLoader object at ",
                     name);
    if (sl_identity_put(rt, o, out)) return -1;
    sl_strbuf_puts(out, ">)>");
    return 0;
  }
  sl_strbuf_printf(out, "<module '%s' (namespace) from [", name);
  for (size_t i = 0; i < f->nportions; i++)
    sl_strbuf_printf(out, "%s'%s'", i ? ", " : "", f->portions[i]);
  sl_strbuf_puts(out, "]>");
  return 0;
}

static int module_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  const char *name = sl_str_cstr(((sl_module *)o)->name);
  const sl_usermod *u = sl_usermod_by_name(rt, name);
  if (u && u->file.nportions) return namespace_repr(rt, o, &u->file, out);
  if (u)
    sl_strbuf_printf(out, "<module '%s' from '%s'>", name, u->file.path);
  else
    sl_strbuf_printf(out, "<module '%s'>", name);
  return 0;
}

static int module_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_module *m = (sl_module *)o;
  bool found = false;
  if (sl_dict_get_str(rt, m->dict, name, out, &found)) return -1;
  if (found) return 0;
  if (!strcmp(name, "__name__")) {
    sl_incref(m->name);
    *out = sl_obj_val(m->name);
    return 0;
  }
  /* A submodule simloop provides (asyncio.events) is an attribute of its
   * package, as CPython's package __init__ imports it. */
  char full[128];
  if (snprintf(full, sizeof full, "%s.%s", sl_str_cstr(m->name), name) < (int)sizeof full &&
      sl_stdmod_find(full))
    return sl_vm_import(rt, full, out);
  sl_lang *L = sl_vm_lang(rt);
  if (L && o == L->asyncio) {
    int r = sl__aio_lazy_attr(rt, m->dict, name, out);
    if (r) return r < 0 ? -1 : 0;
  }
  /* PEP 562: the module's own __getattr__(name) answers a name its dict lacks */
  sl_value hook;
  if (sl_dict_get_str(rt, m->dict, "__getattr__", &hook, &found)) return -1;
  if (found) {
    sl_obj *s = sl_str_from_cstr(rt, name);
    sl_value arg = s ? sl_obj_val(s) : sl_none();
    int rc = s ? sl_vm_call(rt, hook, &(sl_args){.pos = &arg, .npos = 1}, out) : -1;
    sl_decref(rt, s);
    sl_vdecref(rt, hook);
    return rc;
  }
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
                  sl_str_cstr(m->name), name);
}

static int module_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  return sl_dict_set_str(rt, ((sl_module *)o)->dict, name, v);
}

const sl_type sl_module_type = {.name = "module",
                                .clear = module_clear,
                                .repr = module_repr,
                                .getattr = module_getattr,
                                .setattr = module_setattr,
                                .size = sizeof(sl_module)};

sl_obj *sl_module_new(sl_rt *rt, const char *name) {
  sl_obj *o = sl_obj_alloc(rt, &sl_module_type);
  if (!o) return NULL;
  sl_module *m = (sl_module *)o;
  m->name = sl_str_from_cstr(rt, name);
  m->dict = sl_dict_new(rt);
  if (!m->name || !m->dict) {
    sl_decref(rt, o);
    return NULL;
  }
  return o;
}

/* Where CPython finds a standard module (its __file__ under the stdlib
 * folder), as the ImportError of `from m import missing` names it; NULL
 * for a module built into the interpreter ("unknown location"). A frozen
 * module's __file__ is outside Pyodide's zip in 3.12 and 3.13. */
static const struct {
  const char *name, *file;
  bool frozen;
} std_files[] = {
    {"errno", NULL, false},     {"gc", NULL, false},
    {"itertools", NULL, false}, {"math", NULL, false},
    {"sys", NULL, false},       {"time", NULL, false},
    {"abc", "abc.py", true},    {"io", "io.py", true},
    {"os", "os.py", true},      {"os.path", "posixpath.py", true},
};

static const char *const std_packages[] = {
    "asyncio", "collections", "concurrent", "concurrent.futures", "json", "logging"};

/* Whether standard module `name` is a package (its file __init__.py). */
static bool std_package(int release, const char *name) {
  for (size_t i = 0; i < sizeof std_packages / sizeof *std_packages; i++)
    if (!strcmp(std_packages[i], name)) return true;
  return release >= 4 && !strcmp(name, "string");
}

/* The file of standard module `name` in buf, or false (built in). */
static bool std_file(sl_rt *rt, const char *name, char *buf, size_t size) {
  const char *dir = rt->stdlib_dir ? rt->stdlib_dir : sl_pysource_default_dir(rt->profile);
  int release = sl__pysource_release(rt->profile); /* 2: 3.12, 3: 3.13, 4: 3.14 */
  char rel[300];
  bool frozen = false;
  snprintf(rel, sizeof rel, "%s%s", name, std_package(release, name) ? "/__init__.py" : ".py");
  for (char *p = rel; *p != '/' && strcmp(p, ".py"); p++)
    if (*p == '.') *p = '/';
  for (size_t i = 0; i < sizeof std_files / sizeof *std_files; i++)
    if (!strcmp(std_files[i].name, name)) {
      if (!std_files[i].file) return false;
      snprintf(rel, sizeof rel, "%s", std_files[i].file);
      frozen = std_files[i].frozen;
    }
  if (release >= 3 && !strcmp(name, "collections.abc")) {
    snprintf(rel, sizeof rel, "_collections_abc.py");
    frozen = true;
  }
  size_t n = strlen(dir);
  if (frozen && (release == 2 || release == 3) && n > 4 && !strcmp(dir + n - 4, ".zip"))
    /* /lib/python312.zip -> /lib/python3.12 */
    snprintf(buf, size, "%.*s3.%s/%s", (int)(n - 7), dir, release == 2 ? "12" : "13", rel);
  else
    snprintf(buf, size, "%s/%s", dir, rel);
  return true;
}

/* ImportError(msg) with CPython's name and path attributes (path: NULL
 * for None). */
static int raise_import_error(sl_rt *rt, const char *msg, const char *modname, const char *path) {
  sl_obj *e = sl_exc_new_msg(rt, SL_EXC_IMPORT_ERROR, msg);
  if (!e) return -1;
  sl_exc *x = sl_as_exc(e);
  sl_obj *name = sl_str_from_cstr(rt, modname);
  sl_obj *p = path ? sl_str_from_cstr(rt, path) : NULL;
  sl_obj *m = sl_str_from_cstr(rt, msg);
  int rc = !name || (path && !p) || !m || !(x->attrs = sl_dict_new(rt)) ||
           sl_dict_set_str(rt, x->attrs, "msg", sl_obj_val(m)) ||
           sl_dict_set_str(rt, x->attrs, "name", sl_obj_val(name)) ||
           sl_dict_set_str(rt, x->attrs, "path", p ? sl_obj_val(p) : sl_none());
  sl_decref(rt, name);
  sl_decref(rt, p);
  sl_decref(rt, m);
  if (!rc) sl_raise_obj(rt, e);
  sl_decref(rt, e);
  return -1;
}

/* ceval's import_from error: "cannot import name 'y' from 'm' (path)". */
static int import_from_error(sl_rt *rt, const char *modname, const char *name) {
  const sl_usermod *u = sl_usermod_by_name(rt, modname);
  char file[512];
  const char *path = NULL;
  if (u && !u->file.nportions)
    path = u->file.path;
  else if (!u && std_file(rt, modname, file, sizeof file))
    path = file;
  const char *shown = strcmp(modname, "os.path") ? modname : "posixpath";
  sl_strbuf b = SL_STRBUF_INIT;
  if (!path)
    sl_strbuf_printf(&b, "cannot import name '%s' from '%s' (unknown location)", name, shown);
  else if (u && u->running)
    sl_strbuf_printf(&b,
                     "cannot import name '%s' from partially initialized module '%s' "
                     "(most likely due to a circular import) (%s)",
                     name, shown, path);
  else
    sl_strbuf_printf(&b, "cannot import name '%s' from '%s' (%s)", name, shown, path);
  int rc = b.failed ? sl_nomem(rt) : raise_import_error(rt, sl_strbuf_cstr(&b), shown, path);
  sl_strbuf_free(&b);
  return rc;
}

/* `from m import y` ("m:y"): getattr(m, "y"), then sys.modules["m.y"] (a
 * submodule whose body is still running), then ImportError. */
static int import_from(sl_rt *rt, const char *spec, const char *sep, sl_value *out) {
  char modname[256], full[512];
  const char *name = sep + 1;
  snprintf(modname, sizeof modname, "%.*s", (int)(sep - spec), spec);
  sl_value m;
  if (sl_vm_import(rt, modname, &m)) return -1;
  int rc = sl_vm_getattr(rt, m, name, out);
  sl_vdecref(rt, m);
  if (!rc || !sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return rc;
  sl_err_clear(rt);
  sl_lang *L = sl_vm_lang(rt);
  bool found = false;
  snprintf(full, sizeof full, "%s.%s", modname, name);
  if (L->modules && sl_usermod_by_name(rt, full) &&
      sl_dict_get_str(rt, L->modules, full, out, &found))
    return -1;
  return found ? 0 : import_from_error(rt, modname, name);
}

int sl_vm_import(sl_rt *rt, const char *name, sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  const char *sep = strchr(name, SL_IMPORT_FROM_SEP);
  if (sep) return import_from(rt, name, sep, out);
  if (!strcmp(name, "socket")) return sl_socket_module_new(rt, out);
  const sl_stdmod_def *def = sl_stdmod_find(name);
  if (!def) {
    int r = sl_usermod_import(rt, name, out);
    if (r) return r > 0 ? 0 : -1;
  }
  if (!def)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "module '%s' is not supported by simloop", name);
  if (!def->init) { /* asyncio */
    if (!L->asyncio && sl_asyncio_module_new(rt, &L->asyncio)) return -1;
    sl_incref(L->asyncio);
    *out = sl_obj_val(L->asyncio);
    return 0;
  }
  if (!L->modules && !(L->modules = sl_dict_new(rt))) return -1;
  bool found = false;
  if (sl_dict_get_str(rt, L->modules, name, out, &found)) return -1;
  if (found) return 0;
  sl_obj *m = sl_module_new(rt, name);
  if (!m) return -1;
  if (def->init(rt, ((sl_module *)m)->dict) ||
      sl_dict_set_str(rt, L->modules, name, sl_obj_val(m))) {
    sl_decref(rt, m);
    return -1;
  }
  *out = sl_obj_val(m);
  return 0;
}

/* ---- the language state ----------------------------------------------------- */

static void lang_free(sl_rt *rt) {
  sl_lang *L = rt->lang;
  if (!L) return;
  rt->lang = NULL; /* clears that follow see no language state */
  sl_decref(rt, L->builtins);
  sl_decref(rt, L->globals);
  sl_decref(rt, L->asyncio);
  sl_decref(rt, L->modules);
  for (size_t i = 0; i < L->nuser; i++) sl_decref(rt, L->user[i].code);
  sl_free(L->user);
  sl_decref(rt, L->loop_obj);
  sl_decref(rt, L->cur_loop);
  sl_decref(rt, L->token_missing);
  sl_free(L->asyncgens);
  sl_free(L->filename);
  sl_free(L->warned);
  sl_strbuf_free(&L->line);
  sl_free(L);
}

/* lang_free without the objects (sl_rt_discard): the buffers a run may
 * have grown out of the image. */
static void lang_release(sl_rt *rt) {
  sl_lang *L = rt->lang;
  if (!L) return;
  sl_free(L->user);
  sl_free(L->asyncgens);
  sl_free(L->filename);
  sl_free(L->warned);
  sl_strbuf_free(&L->line);
}

sl_obj *sl_builtins_dict(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  return L ? L->builtins : NULL;
}

int sl_vm_init(sl_rt *rt, const char *filename, const char *src, size_t len) {
  sl_lang *L = sl_calloc(1, sizeof *L);
  if (!L) return sl_nomem(rt);
  rt->lang = L;
  rt->lang_free = lang_free;
  rt->lang_release = lang_release;
  rt->lang_str = sl_vm_str;
  rt->lang_traceback = sl_vm_format_traceback;
  rt->lang_exc_handler = sl__aio_exc_handler_hook;
  rt->lang_handled_exc = sl_vm_handled_exc;
  rt->lang_func_source = sl_func_source;
  rt->lang_asyncgen_closers = sl__agen_closers;
  sl__vm_install_user_ops(rt);
  L->filename = sl_strndup(filename, strlen(filename));
  /* Borrowed, not copied: a 50 MB source was copied once more per run. */
  L->src = src ? src : "";
  L->srclen = src ? len : 0;
  if (!L->filename) return sl_nomem(rt);
  L->builtins = sl_dict_new(rt);
  L->globals = sl_dict_new(rt);
  if (!L->builtins || !L->globals) return -1;
  if (sl_builtins_init(rt, L->builtins)) return -1;
  sl_obj *name = sl_str_from_cstr(rt, "__main__");
  if (!name) return -1;
  int rc = sl_dict_set_str(rt, L->globals, "__name__", sl_obj_val(name));
  sl_decref(rt, name);
  /* runpy.run_path(path) sets __file__ to the path as given. */
  sl_obj *file = rc ? NULL : sl_str_from_cstr(rt, filename);
  if (!rc && !file) return -1;
  if (!rc) rc = sl_dict_set_str(rt, L->globals, "__file__", sl_obj_val(file));
  sl_decref(rt, file);
  return rc;
}

int sl__vm_builtin(sl_rt *rt, const char *name, sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  bool found = false;
  if (sl_dict_get_str(rt, L->builtins, name, out, &found)) return -1;
  if (found) return 0;
  /* The built-in exception classes, in case the builtins table lacks one. */
  for (int i = 0; i < SL_EXC__COUNT; i++) {
    sl_class *c = sl_as_class(rt->classes[i]);
    if (!strcmp(c->module, "builtins") && sl_str_eq_cstr(c->name, name)) {
      sl_incref(rt->classes[i]);
      *out = sl_obj_val(rt->classes[i]);
      return 0;
    }
  }
  return sl_raise(rt, SL_EXC_NAME_ERROR, "name '%s' is not defined", name);
}

/* _PyObject_FunctionStr: how call errors name a callable ("__main__.f()"). */
static void function_str(sl_rt *rt, sl_value fn, sl_strbuf *out) {
  if (sl_is_type(fn, &sl_func_type)) {
    sl_func *f = sl_as_func(fn.u.o);
    sl_strbuf_printf(out, "%s.%s()", sl_usermod_name_of(rt, f->globals),
                     sl_str_cstr(sl_as_code(f->code)->qualname));
  } else if (sl_is_type(fn, &sl_bound_type)) {
    function_str(rt, ((sl_bound *)fn.u.o)->func, out);
  } else if (sl_is_type(fn, &sl_cfunc_type)) {
    sl_strbuf_printf(out, "%s()", sl_as_cfunc(fn.u.o)->def->name);
  } else if (sl_is_type(fn, &sl_class_type)) {
    sl_strbuf_printf(out, "%s()", sl_str_cstr(sl_as_class(fn.u.o)->qualname));
  } else {
    sl_strbuf_printf(out, "%s object", sl_type_name(fn));
  }
}

static int call_arg_error(sl_rt *rt, sl_value fn, const char *fmt, const char *what) {
  sl_strbuf b = SL_STRBUF_INIT;
  function_str(rt, fn, &b);
  sl_strbuf_printf(&b, fmt, what);
  int rc = b.failed ? sl_nomem(rt) : sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

int sl__vm_extend(sl_rt *rt, sl_opcode op, sl_obj *target, sl_value v, sl_value fn) {
  bool in_call = !sl_is_undef(fn);
  if (op == SL_OP_DICT_UPDATE) {
    if (!sl_is_type(v, &sl_dict_type)) {
      if (in_call)
        return call_arg_error(rt, fn, " argument after ** must be a mapping, not %s",
                              sl_type_name(v));
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not a mapping", sl_type_name(v));
    }
    size_t pos = 0;
    sl_value k, x;
    while (sl_dict_next(v.u.o, &pos, &k, &x)) {
      if (in_call) {
        if (!sl_is_str(k)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "keywords must be strings");
        bool found = false;
        sl_value old;
        if (sl_dict_get(rt, target, k, &old, &found)) return -1;
        if (found) {
          sl_vdecref(rt, old);
          return call_arg_error(rt, fn, " got multiple values for keyword argument '%s'",
                                sl_str_cstr(k.u.o));
        }
      }
      if (sl_dict_set(rt, target, k, x)) return -1;
    }
    return 0;
  }
  if (op == SL_OP_SET_UPDATE) {
    /* _PySet_Update merges a set and presizes for a dict, which decides
     * the layout: `{*a, *b}` iterates as CPython's does. */
    int merged = sl__set_update_fast(rt, target, v);
    if (merged != 1) return merged;
  }
  sl_value it;
  if (sl_iter(rt, v, &it)) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_TYPE_ERROR) && op == SL_OP_LIST_EXTEND) {
      sl_err_clear(rt);
      if (in_call)
        return call_arg_error(rt, fn, " argument after * must be an iterable, not %s",
                              sl_type_name(v));
      sl_raise(rt, SL_EXC_TYPE_ERROR, "Value after * must be an iterable, not %s", sl_type_name(v));
    }
    return -1;
  }
  int rc = 0;
  for (;;) {
    sl_value x;
    int r = sl_iter_next(rt, it, &x);
    if (r <= 0) {
      rc = r;
      break;
    }
    rc = op == SL_OP_LIST_EXTEND ? sl_list_append(rt, target, x) : sl_set_add(rt, target, x);
    sl_vdecref(rt, x);
    if (rc) break;
  }
  sl_vdecref(rt, it);
  return rc;
}

/* ---- print() output ------------------------------------------------------------ */

static void emit_line(sl_rt *rt, sl_lang *L) {
  if (!rt->observer.output) return;
  uint64_t step = rt->loop ? rt->loop->step : 0;
  sl_obj *t = rt->loop ? sl_task_current(rt) : NULL;
  if (t) sl_task_announce(rt, t);
  uint64_t task = t ? sl_as_task(t)->ordinal : 0;
  rt->observer.output(rt->observer.ctx, step, task, L->line.data ? L->line.data : "", L->line.len);
}

int sl_print_write(sl_rt *rt, const char *text, size_t len) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L || !len) return 0;
  if (L->out_file) fwrite(text, 1, len, L->out_file);
  if (L->out_buf) {
    sl_strbuf_append(L->out_buf, text, len);
    if (L->out_buf->failed) return sl_nomem(rt);
  }
  if (!rt->observer.output) return 0;
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    sl_strbuf_append(&L->line, p, n);
    if (L->line.failed) return sl_nomem(rt);
    if (!nl) break;
    emit_line(rt, L);
    sl_strbuf_clear(&L->line);
    p = nl + 1;
  }
  return 0;
}

void sl_vm_flush_output(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L) return;
  if (L->line.len) {
    emit_line(rt, L);
    sl_strbuf_clear(&L->line);
  }
  if (L->out_file) fflush(L->out_file);
}

int sl_vm_run_module(sl_rt *rt, sl_obj *code) {
  sl_lang *L = sl_vm_lang(rt);
  /* The simulated environment seeds random before the module body runs
   * (DESIGN.md 4): a `seed` decision, taken only by programs that import
   * random so that other programs' decision logs stay as they were. */
  if (L->seeds_random) {
    L->random_seed = sl_loop_seed_decision(rt);
    if (rt->fatal) return -1;
  }
  int rc = sl_vm_exec_code(rt, code, L->globals);
  sl_vm_flush_output(rt);
  return rc;
}

int sl_vm_exec_code(sl_rt *rt, sl_obj *code, sl_obj *globals) {
  sl_frame *f = sl_frame_new(rt, code, globals, NULL);
  if (!f) return -1;
  sl_value out;
  sl_coro_status st = sl_vm_eval(rt, f, SL_RESUME_START, sl_none(), &out);
  sl_frame_free(rt, f);
  if (st != SL_CORO_RETURN) return -1;
  sl_vdecref(rt, out);
  return 0;
}
