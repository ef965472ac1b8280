/* contextlib.redirect_stdout and redirect_stderr (Lib/contextlib.py
 * _RedirectStream): __enter__ saves sys.stdout (stderr) on a stack, puts
 * the new target in its place and returns the target; __exit__ restores
 * the saved one. Reusable and re-entrant as CPython's, through the stack.
 * print() follows a replaced sys.stdout (sl__sys_stdout_replaced). */
#include <string.h>

#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/modules/mod_contextlib-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

typedef struct redirect {
  sl_obj hdr;
  sl_value target; /* owned: the stream put in place of sys.<name> */
  sl_obj *saved;   /* owned list: the streams replaced, innermost last */
} redirect;

extern const sl_type sl__redirect_stdout_type, sl__redirect_stderr_type;

static const char *stream_name(sl_obj *o) {
  return o->type == &sl__redirect_stdout_type ? "stdout" : "stderr";
}

static void rd_clear(sl_rt *rt, sl_obj *o) {
  redirect *r = (redirect *)o;
  sl_vdecref(rt, r->target);
  sl_decref(rt, r->saved);
  r->target = sl_none();
  r->saved = NULL;
}

static int sys_module(sl_rt *rt, sl_value *out) { return sl_vm_import(rt, "sys", out); }

static int m_enter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "__enter__", NULL, 0, 0, 0, NULL)) return -1;
  redirect *r = (redirect *)self.u.o;
  const char *name = stream_name(self.u.o);
  sl_value sys, old;
  if (sys_module(rt, &sys)) return -1;
  int rc = sl_vm_getattr(rt, sys, name, &old);
  if (!rc) {
    rc = sl_list_append(rt, r->saved, old);
    sl_vdecref(rt, old);
  }
  if (!rc) rc = sl_vm_setattr(rt, sys, name, r->target);
  sl_vdecref(rt, sys);
  if (rc) return -1;
  return *out = sl_vincref(r->target), 0;
}

static int m_exit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)args;
  redirect *r = (redirect *)self.u.o;
  sl_list *saved = sl_as_list(r->saved);
  if (!saved->len) return *out = sl_none(), 0;
  sl_value old = saved->items[--saved->len];
  sl_value sys;
  int rc = sys_module(rt, &sys);
  if (!rc) {
    rc = sl_vm_setattr(rt, sys, stream_name(self.u.o), old);
    sl_vdecref(rt, sys);
  }
  sl_vdecref(rt, old);
  if (rc) return -1;
  return *out = sl_none(), 0;
}

static const sl_cfunc_def rd_methods[] = {
    {"_RedirectStream.__enter__", m_enter, NULL, 0},
    {"_RedirectStream.__exit__", m_exit, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int rd_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  for (const sl_cfunc_def *d = rd_methods; d->name; d++) {
    if (strcmp(strchr(d->name, '.') + 1, name)) continue;
    sl_obj *f = sl_cfunc_new(rt, d, sl_obj_val(o));
    return f ? (*out = sl_obj_val(f), 0) : -1;
  }
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                  name);
}

static int rd_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<contextlib.%s object at ", o->type->name);
  return sl_identity_put_end(rt, o, out);
}

const sl_type sl__redirect_stdout_type = {.name = "redirect_stdout",
                                          .clear = rd_clear,
                                          .repr = rd_repr,
                                          .getattr = rd_getattr,
                                          .size = sizeof(redirect)};
const sl_type sl__redirect_stderr_type = {.name = "redirect_stderr",
                                          .clear = rd_clear,
                                          .repr = rd_repr,
                                          .getattr = rd_getattr,
                                          .size = sizeof(redirect)};

static int new_redirect(sl_rt *rt, const sl_type *t, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"new_target"};
  sl_value a[1];
  if (sl_args_bind_pymethod(rt, args, "_RedirectStream.__init__", names, 1, 1, 1, a)) return -1;
  sl_obj *saved = sl_list_new(rt, NULL, 0);
  if (!saved) return -1;
  redirect *r = (redirect *)sl_obj_alloc(rt, t);
  if (!r) {
    sl_decref(rt, saved);
    return -1;
  }
  r->target = sl_vincref(a[0]);
  r->saved = saved;
  return *out = sl_obj_val(&r->hdr), 0;
}

static int ct_stdout(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return new_redirect(rt, &sl__redirect_stdout_type, args, out);
}
static int ct_stderr(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return new_redirect(rt, &sl__redirect_stderr_type, args, out);
}

static const sl_cfunc_def ct_stdout_def = {"redirect_stdout", ct_stdout, NULL, 0};
static const sl_cfunc_def ct_stderr_def = {"redirect_stderr", ct_stderr, NULL, 0};
static const sl_type *const stdout_types[] = {&sl__redirect_stdout_type, NULL};
static const sl_type *const stderr_types[] = {&sl__redirect_stderr_type, NULL};
const sl_classdef sl__redirect_stdout_class = {"contextlib.redirect_stdout",
                                               "contextlib",
                                               "redirect_stdout",
                                               stdout_types,
                                               NULL,
                                               &ct_stdout_def,
                                               NULL};
const sl_classdef sl__redirect_stderr_class = {"contextlib.redirect_stderr",
                                               "contextlib",
                                               "redirect_stderr",
                                               stderr_types,
                                               NULL,
                                               &ct_stderr_def,
                                               NULL};

int sl__contextlib_redirect_init(sl_rt *rt, sl_obj *module_dict) {
  static const sl_classdef *const classes[] = {&sl__redirect_stdout_class,
                                               &sl__redirect_stderr_class, NULL};
  return sl_stdmod_add_classes(rt, module_dict, classes);
}
