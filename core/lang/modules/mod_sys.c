/* The `sys` and `os` modules of the simulated machine (DESIGN.md 4):
 * sys.argv is [FILE]; sys.version_info follows the profile; sys.stdout
 * writes where print() writes; sys.stdin is empty (the simulated process
 * reads end-of-file, as from /dev/null: input() raises EOFError). The environment is empty and the process id
 * fixed (the oracle, env.py, gives CPython the same); os.urandom's bytes
 * come from a `seed` decision. Files, processes and
 * the rest of os are not provided: using them is an AttributeError naming
 * the module, never a silent stub. */
#include <stdio.h>
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_random-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* os.getpid() of the simulated process. */
#define SL_SIM_PID 4242

/* ---- sys.stdin, sys.stdout, sys.stderr ------------------------------------ */

/* One of the process's text streams: 0 stdin (always at its end: a run is
 * a pure function of program, seed and version, so nothing outside may
 * feed it), 1 stdout (where print() writes, in the trace), 2 stderr (the
 * command's stderr, or nowhere; not traced: the oracle does not capture
 * CPython's either). */
typedef struct stream {
  sl_obj hdr;
  int fd;
} stream;

static int out_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

static const char *const stream_names[] = {"<stdin>", "<stdout>", "<stderr>"};
static const char *stream_name(sl_obj *o) { return stream_names[((stream *)o)->fd]; }

static int out_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  sl_strbuf_printf(out, "<_io.TextIOWrapper name='%s' mode='%c' encoding='utf-8'>", stream_name(o),
                   ((stream *)o)->fd ? 'w' : 'r');
  return 0;
}

/* for line in sys.stdin: nothing. */
static int in_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  (void)rt;
  sl_incref(o);
  return *out = sl_obj_val(o), 0;
}

static int in_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  (void)rt, (void)o, (void)out;
  return 0;
}

static const sl_lang_slots in_slots = {.iter = in_iter, .next = in_next};

static const sl_type stdout_type = {.name = "TextIOWrapper",
                                    .repr = out_repr,
                                    .getattr = out_getattr,
                                    .lang = &in_slots,
                                    .size = sizeof(stream)};

static int out_write(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"s"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "write", names, 1, 1, 1, a)) return -1;
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "write() argument must be str, not %s",
                    sl_type_name(a[0]));
  sl_strobj *s = sl_as_str(a[0].u.o);
  if (((stream *)self.u.o)->fd == 2) {
    sl_lang *L = sl_vm_lang(rt);
    if (L && L->err_file) fwrite(s->data, 1, s->len, L->err_file);
  } else if (sl_print_write(rt, s->data, s->len)) {
    return -1;
  }
  *out = sl_int((int64_t)s->cplen);
  return 0;
}

static int out_flush(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "flush", NULL, 0, 0, 0, NULL)) return -1;
  *out = sl_none();
  return 0;
}

/* readline(size=-1), read(size=-1) of stdin: at its end, ''. */
static int in_read_text(sl_rt *rt, const sl_args *args, const char *name, sl_value *out) {
  static const char *const names[] = {"size"};
  sl_value a[1];
  if (sl_args_bind(rt, args, name, names, 1, 0, 1, a)) return -1;
  sl_obj *s = sl_str_new(rt, "", 0);
  if (!s) return -1;
  return *out = sl_obj_val(s), 0;
}

static int in_readline(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return in_read_text(rt, args, "readline", out);
}

static int in_read(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return in_read_text(rt, args, "read", out);
}

static int in_readlines(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"hint"};
  sl_value a[1];
  (void)self;
  if (sl_args_bind(rt, args, "readlines", names, 1, 0, 1, a)) return -1;
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  return *out = sl_obj_val(l), 0;
}

static int out_isatty(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (sl_args_bind(rt, args, "isatty", NULL, 0, 0, 0, NULL)) return -1;
  return *out = sl_bool(false), 0;
}

static const sl_cfunc_def out_methods[] = {
    {"TextIOWrapper.write", out_write, NULL, 0},
    {"TextIOWrapper.flush", out_flush, NULL, 0},
    {"TextIOWrapper.isatty", out_isatty, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static const sl_cfunc_def in_methods[] = {
    {"TextIOWrapper.readline", in_readline, NULL, 0},
    {"TextIOWrapper.read", in_read, NULL, 0},
    {"TextIOWrapper.readlines", in_readlines, NULL, 0},
    {"TextIOWrapper.isatty", out_isatty, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int out_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "name")) {
    sl_obj *s = sl_str_from_cstr(rt, stream_name(o));
    if (!s) return -1;
    *out = sl_obj_val(s);
    return 0;
  }
  int r =
      sl_methods_lookup(rt, sl_obj_val(o), ((stream *)o)->fd ? out_methods : in_methods, name, out);
  if (r < 0) return -1;
  if (r == 0)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                    "'_io.TextIOWrapper' object has no attribute '%s' (simloop)", name);
  return 0;
}

static sl_obj *new_stream(sl_rt *rt, int fd) {
  sl_obj *o = sl_obj_alloc(rt, &stdout_type);
  if (o) ((stream *)o)->fd = fd;
  return o;
}

int sl__sys_stdout_replaced(sl_rt *rt, sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L || !L->modules) return 0;
  bool found = false;
  sl_value sys, target;
  if (sl_dict_get_str(rt, L->modules, "sys", &sys, &found)) return -1;
  if (!found) return 0;
  int rc = sl_dict_get_str(rt, ((sl_module *)sys.u.o)->dict, "stdout", &target, &found);
  sl_vdecref(rt, sys);
  if (rc) return -1;
  if (!found) return 0;
  if (sl_is_type(target, &stdout_type) && ((stream *)target.u.o)->fd == 1) {
    sl_vdecref(rt, target);
    return 0;
  }
  *out = target;
  return 1;
}

/* sys.exit(status=None): raises SystemExit(status); the runner ends the
 * program as the interpreter does (sim/scenario.c). */
static int sys_exit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"status"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "exit", names, 1, 0, 1, a)) return -1;
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_SYSTEM_EXIT], a, sl_is_undef(a[0]) ? 0 : 1);
  if (!e) return -1;
  sl_raise_obj(rt, e);
  sl_decref(rt, e);
  return -1;
}

static const sl_cfunc_def sys_funcs[] = {
    {"exit", sys_exit, NULL, 0},
    {NULL, NULL, NULL, 0},
};

/* ---- sys ------------------------------------------------------------------- */

static int add_new(sl_rt *rt, sl_obj *dict, const char *name, sl_obj *o) {
  if (!o) return -1;
  int rc = sl_stdmod_add(rt, dict, name, sl_obj_val(o));
  sl_decref(rt, o);
  return rc;
}

/* sys.path: the scenario's folder, then the --path folders. The imports
 * of the program's own modules are resolved before it runs, from those
 * same folders, so a program that appends to sys.path changes nothing
 * (CPython's list goes on with the standard library's folders). */
static sl_obj *search_path(sl_rt *rt, sl_lang *L) {
  sl_obj *l = sl_list_new(rt, NULL, 0);
  const char *file = L ? L->filename : "", *slash = strrchr(file, '/');
  sl_obj *dir = slash ? sl_str_new(rt, file, (size_t)(slash - file)) : sl_str_from_cstr(rt, "");
  int rc = !l || !dir || sl_list_append(rt, l, sl_obj_val(dir));
  sl_decref(rt, dir);
  for (size_t i = 0; !rc && L && i < L->npath_dirs; i++) {
    sl_obj *d = sl_str_from_cstr(rt, L->path_dirs[i]);
    rc = !d || sl_list_append(rt, l, sl_obj_val(d));
    sl_decref(rt, d);
  }
  if (rc) {
    sl_decref(rt, l);
    return NULL;
  }
  return l;
}

int sl_mod_sys_init(sl_rt *rt, sl_obj *module_dict) {
  sl_lang *L = sl_vm_lang(rt);
  /* sys.argv: [FILE] and the arguments after `--` */
  sl_obj *file = sl_str_from_cstr(rt, L ? L->filename : "");
  if (!file) return -1;
  sl_value fv = sl_obj_val(file);
  sl_obj *argv = sl_list_new(rt, &fv, 1);
  sl_decref(rt, file);
  for (size_t i = 0; argv && L && i < L->nargv_extra; i++) {
    sl_obj *a = sl_str_from_cstr(rt, L->argv_extra[i]);
    if (!a || sl_list_append(rt, argv, sl_obj_val(a))) {
      sl_decref(rt, a);
      sl_decref(rt, argv);
      return -1;
    }
    sl_decref(rt, a);
  }
  if (add_new(rt, module_dict, "argv", argv)) return -1;
  if (add_new(rt, module_dict, "path", search_path(rt, L))) return -1;
  /* version_info as a plain tuple: it compares and indexes as CPython's
   * (its repr is the tuple's, not sys.version_info(major=...)). */
  const sl_profile *p = rt->profile;
  sl_obj *level = sl_str_from_cstr(rt, "final");
  if (!level) return -1;
  sl_value vi[5] = {sl_int(p->major), sl_int(p->minor), sl_int(p->micro), sl_obj_val(level),
                    sl_int(0)};
  sl_obj *info = sl_tuple_new(rt, vi, 5);
  sl_decref(rt, level);
  if (add_new(rt, module_dict, "version_info", info)) return -1;
  if (sl_stdmod_add(rt, module_dict, "maxsize", sl_int(INT64_MAX))) return -1;
  if (sl_stdmod_add_funcs(rt, module_dict, sys_funcs)) return -1;
  if (add_new(rt, module_dict, "stdin", new_stream(rt, 0))) return -1;
  if (add_new(rt, module_dict, "stdout", new_stream(rt, 1))) return -1;
  return add_new(rt, module_dict, "stderr", new_stream(rt, 2));
}

/* ---- os -------------------------------------------------------------------- */

/* os.getenv reads os.environ, as CPython's does (a program that sets
 * os.environ["X"] sees it in getenv). */
static int os_getenv(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"key", "default"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "getenv", names, 2, 1, 2, a)) return -1;
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "str expected, not %s", sl_type_name(a[0]));
  sl_value os;
  if (sl_vm_import(rt, "os", &os)) return -1;
  sl_value environ;
  int rc = sl_vm_getattr(rt, os, "environ", &environ);
  sl_vdecref(rt, os);
  if (rc) return -1;
  bool found = false;
  rc = sl_is_type(environ, &sl_dict_type) ? sl_dict_get(rt, environ.u.o, a[0], out, &found) : 0;
  sl_vdecref(rt, environ);
  if (rc) return -1;
  if (!found) *out = sl_is_undef(a[1]) ? sl_none() : sl_vincref(a[1]);
  return 0;
}

static int os_getpid(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "getpid", NULL, 0, 0, 0, NULL)) return -1;
  *out = sl_int(SL_SIM_PID);
  return 0;
}

/* os.urandom(size): the OS's entropy. Its bytes come from a Mersenne
 * Twister seeded, at the first call, with a `seed` decision (DESIGN.md 4),
 * as random.seed() without an argument is, and kept in the function's
 * self (a list holding it), so that successive calls give different bytes
 * and a run stays a function of its decisions. */
static int os_urandom(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "posix.urandom() takes no keyword arguments");
  if (args->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "posix.urandom() takes exactly one argument (%zu given)",
                    args->npos);
  sl_value a = args->pos[0];
  int64_t n;
  if (!sl_as_index(a, &n))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a));
  if (n < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "negative argument not allowed");
  sl_obj *state = self.u.o;
  if (!sl_as_list(state)->len) {
    sl_obj *r;
    if (sl_random_new(rt, sl_none(), &r)) return -1;
    int rc = sl_list_append(rt, state, sl_obj_val(r));
    sl_decref(rt, r);
    if (rc) return -1;
  }
  sl_random *r = (sl_random *)sl_as_list(state)->items[0].u.o;
  sl_obj *b = sl_obj_alloc_size(rt, &sl_bytes_type, sizeof(sl_bytesobj) + (size_t)n + 1);
  if (!b) return -1;
  sl_bytesobj *bo = sl_as_bytes(b);
  bo->len = (size_t)n;
  bo->hash = -1;
  for (int64_t i = 0; i < n; i += 4) {
    uint32_t w = sl_mt_next32(&r->mt);
    for (int k = 0; k < 4 && i + k < n; k++) bo->data[i + k] = (unsigned char)(w >> (8 * k));
  }
  bo->data[n] = 0;
  *out = sl_obj_val(b);
  return 0;
}

static const sl_cfunc_def urandom_def = {"urandom", os_urandom, NULL, 0};

static const sl_cfunc_def os_funcs[] = {
    {"getenv", os_getenv, NULL, 0},
    {"getpid", os_getpid, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_os_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, os_funcs)) return -1;
  sl_obj *state = sl_list_new(rt, NULL, 0);
  sl_obj *urandom = state ? sl_cfunc_new(rt, &urandom_def, sl_obj_val(state)) : NULL;
  sl_decref(rt, state);
  if (add_new(rt, module_dict, "urandom", urandom)) return -1;
  /* The simulated process has the environment variables --setenv gave. */
  sl_obj *environ = sl_dict_new(rt);
  if (!environ) return -1;
  sl_lang *L = sl_vm_lang(rt);
  for (size_t i = 0; L && i < L->nenv_vars; i++) {
    const char *kv = L->env_vars[i], *eq = strchr(kv, '=');
    if (!eq) continue;
    sl_obj *k = sl_str_new(rt, kv, (size_t)(eq - kv)), *v = sl_str_from_cstr(rt, eq + 1);
    int rc = !k || !v || sl_dict_set(rt, environ, sl_obj_val(k), sl_obj_val(v));
    sl_decref(rt, k);
    sl_decref(rt, v);
    if (rc) {
      sl_decref(rt, environ);
      return -1;
    }
  }
  return add_new(rt, module_dict, "environ", environ);
}
