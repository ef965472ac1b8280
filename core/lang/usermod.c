/* The program's own modules (usermod.h): compiled when the importing file
 * is compiled, run once on first import, as CPython's importlib does it
 * (_bootstrap._load_unlocked: the module enters sys.modules before its
 * body runs and leaves it again if the body raises). */
#include "core/lang/usermod.h"

#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/code.h"
#include "core/lang/vm.h"
#include "core/str.h"
#include "core/tuple.h"

static sl_usermod *find_mod(sl_lang *L, const char *name) {
  for (size_t i = 0; L && i < L->nuser; i++)
    if (!strcmp(L->user[i].file.name, name)) return &L->user[i];
  return NULL;
}

const sl_usermod *sl_usermod_by_name(sl_rt *rt, const char *name) {
  return find_mod(sl_vm_lang(rt), name);
}

const sl_usermod *sl_usermod_by_path(sl_rt *rt, const char *path) {
  sl_lang *L = sl_vm_lang(rt);
  for (size_t i = 0; L && i < L->nuser; i++)
    if (!strcmp(L->user[i].file.path, path)) return &L->user[i];
  return NULL;
}

/* The parent package of a dotted name, copied into buf; false: no dot. */
static bool parent_name(const char *name, char *buf, size_t size) {
  const char *dot = strrchr(name, '.');
  if (!dot || (size_t)(dot - name) >= size) return false;
  memcpy(buf, name, (size_t)(dot - name));
  buf[dot - name] = '\0';
  return true;
}

static int add_entry(sl_rt *rt, sl_lang *L, const sl_modfile *f, size_t *index) {
  if (L->nuser == L->capuser) {
    size_t cap = L->capuser ? L->capuser * 2 : 8;
    sl_usermod *g = sl_realloc(L->user, cap * sizeof *g);
    if (!g) return sl_nomem(rt);
    L->user = g;
    L->capuser = cap;
  }
  *index = L->nuser;
  L->user[L->nuser++] = (sl_usermod){.file = *f, .code = NULL};
  return 0;
}

int sl_usermod_compile(sl_rt *rt, const char *name, sl_diag *diag) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L || !L->finder.find) return 0;
  if (find_mod(L, name)) return 1; /* compiled, or being compiled (a cycle) */
  char parent[256];
  if (parent_name(name, parent, sizeof parent)) {
    int r = sl_usermod_compile(rt, parent, diag);
    if (r <= 0) return r;
    if (!find_mod(L, parent)->file.package) return 0; /* CPython: '... is not a package' */
  }
  sl_modfile f;
  int r = L->finder.find(L->finder.ctx, name, &f, diag);
  if (r < 0 && diag->kind == SL_DIAG_NOMEM) sl_nomem(rt);
  if (r <= 0) return r;
  size_t ix = 0;
  if (add_entry(rt, L, &f, &ix)) {
    sl_diag_set_nomem(diag, f.path);
    return -1;
  }
  /* What the module's relative imports resolve against (__package__). */
  char pkg[256] = "";
  if (f.package)
    snprintf(pkg, sizeof pkg, "%s", name);
  else
    parent_name(name, pkg, sizeof pkg);
  /* The table may move while the module's own imports compile: index it. */
  sl_obj *code = sl__vm_compile_module(rt, f.mod, f.src, f.len, pkg, diag);
  if (!code) return -1;
  L->user[ix].code = code;
  return 1;
}

static int set_str(sl_rt *rt, sl_obj *dict, const char *key, const char *text) {
  sl_obj *s = sl_str_from_cstr(rt, text);
  if (!s) return -1;
  int rc = sl_dict_set_str(rt, dict, key, sl_obj_val(s));
  sl_decref(rt, s);
  return rc;
}

/* The package's __path__: its folder, or a namespace package's folders. */
static sl_obj *package_path(sl_rt *rt, const sl_modfile *f) {
  sl_obj *path = sl_list_new(rt, NULL, 0);
  if (!path) return NULL;
  size_t n = f->nportions ? f->nportions : 1;
  for (size_t i = 0; i < n; i++) {
    const char *p = f->nportions ? f->portions[i] : f->path;
    const char *slash = f->nportions ? NULL : strrchr(p, '/');
    sl_obj *dir = sl_str_new(rt, p, slash ? (size_t)(slash - p) : strlen(p));
    int rc = dir ? sl_list_append(rt, path, sl_obj_val(dir)) : -1;
    sl_decref(rt, dir);
    if (rc) {
      sl_decref(rt, path);
      return NULL;
    }
  }
  return path;
}

/* __name__, __file__, __package__ (and __path__ for a package), as the
 * module spec gives them before the body runs; a namespace package's
 * __file__ is None. */
static int init_namespace(sl_rt *rt, sl_obj *dict, const sl_usermod *u) {
  char pkg[256] = "";
  if (u->file.package)
    snprintf(pkg, sizeof pkg, "%s", u->file.name);
  else
    parent_name(u->file.name, pkg, sizeof pkg);
  if (set_str(rt, dict, "__name__", u->file.name) ||
      (u->file.nportions ? sl_dict_set_str(rt, dict, "__file__", sl_none())
                         : set_str(rt, dict, "__file__", u->file.path)) ||
      set_str(rt, dict, "__package__", pkg) || sl_dict_set_str(rt, dict, "__doc__", sl_none()))
    return -1;
  if (!u->file.package) return 0;
  sl_obj *path = package_path(rt, &u->file);
  if (!path) return -1;
  int rc = sl_dict_set_str(rt, dict, "__path__", sl_obj_val(path));
  sl_decref(rt, path);
  return rc;
}

/* Runs the body of module m (its dict as globals). 0 or -1. */
static int run_body(sl_rt *rt, sl_usermod *u, sl_obj *m) {
  u->running = true; /* the table does not move at run time */
  int rc = sl_vm_exec_code(rt, u->code, ((sl_module *)m)->dict);
  u->running = false;
  return rc;
}

int sl_usermod_import(sl_rt *rt, const char *name, sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  sl_usermod *u = find_mod(L, name);
  if (!u || !u->code) return 0;
  if (!L->modules && !(L->modules = sl_dict_new(rt))) return -1;
  bool found = false;
  if (sl_dict_get_str(rt, L->modules, name, out, &found)) return -1;
  if (found) return 1;
  /* A submodule imports its package first and becomes its attribute. */
  char parent[256];
  sl_value pmod = sl_undef();
  if (parent_name(name, parent, sizeof parent)) {
    int r = sl_usermod_import(rt, parent, &pmod);
    if (r <= 0)
      return r ? -1
               : sl_raise(rt, SL_EXC_RUNTIME_ERROR, "module '%s' is not supported by simloop",
                          parent);
    u = find_mod(L, name);
    if (sl_dict_get_str(rt, L->modules, name, out, &found)) goto fail;
    if (found) { /* the package's body imported it */
      sl_vdecref(rt, pmod);
      return 1;
    }
  }
  sl_obj *m = sl_module_new(rt, name);
  if (!m) goto fail;
  sl_obj *key = sl_str_from_cstr(rt, name);
  if (!key || init_namespace(rt, ((sl_module *)m)->dict, u) ||
      sl_dict_set(rt, L->modules, sl_obj_val(key), sl_obj_val(m))) {
    sl_decref(rt, key);
    sl_decref(rt, m);
    goto fail;
  }
  if (run_body(rt, u, m)) {
    sl_obj *exc = sl_err_fetch(rt);
    bool had = false;
    sl_dict_del(rt, L->modules, sl_obj_val(key), &had);
    sl_err_restore(rt, exc);
    sl_decref(rt, key);
    sl_decref(rt, m);
    goto fail;
  }
  sl_decref(rt, key);
  if (!sl_is_undef(pmod)) {
    const char *leaf = strrchr(name, '.') + 1;
    if (sl_dict_set_str(rt, ((sl_module *)pmod.u.o)->dict, leaf, sl_obj_val(m))) {
      sl_decref(rt, m);
      goto fail;
    }
    sl_vdecref(rt, pmod);
  }
  *out = sl_obj_val(m);
  return 1;
fail:
  sl_vdecref(rt, pmod);
  return -1;
}

const char *sl_usermod_name_of(sl_rt *rt, sl_obj *globals) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L || !globals || globals == L->globals || !L->nuser) return "__main__";
  sl_value v;
  bool found = false;
  if (sl_dict_get_str(rt, globals, "__name__", &v, &found) || !found) {
    sl_err_clear(rt);
    return "__main__";
  }
  const sl_usermod *u = sl_is_str(v) ? find_mod(L, sl_str_cstr(v.u.o)) : NULL;
  sl_vdecref(rt, v);
  return u ? u->file.name : "__main__";
}

void sl_usermod_free(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L) return;
  for (size_t i = 0; i < L->nuser; i++) sl_decref(rt, L->user[i].code);
  sl_free(L->user);
  L->user = NULL;
  L->nuser = L->capuser = 0;
}
