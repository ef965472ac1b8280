/* logging.StreamHandler and logging.Formatter (Lib/logging/__init__.py):
 * the objects basicConfig builds and programs make themselves. Loggers and
 * the module's functions are mod_logging.c, records mod_logging_record.c. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/task.h"
#include "core/tuple.h"

#include "core/lang/modules/mod_logging-int.h"

static int handler_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static int handler_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v);
static int formatter_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

static void handler_clear(sl_rt *rt, sl_obj *o) {
  handler *h = (handler *)o;
  sl_vdecref(rt, h->stream);
  sl_vdecref(rt, h->formatter);
  h->stream = h->formatter = sl_none();
}

static int handler_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  const char *n = sl__log_level_name(((handler *)o)->level);
  sl_strbuf_puts(out, "<StreamHandler ");
  /* logging.StreamHandler.__repr__: name = getattr(self.stream, 'name', '');
   * name += ' ' if name else '' (a StringIO has no name). */
  sl_value name;
  if (sl_vm_getattr(rt, ((handler *)o)->stream, "name", &name) == 0) {
    bool truth = false;
    int rc = sl_truth(rt, name, &truth);
    if (!rc && truth) rc = sl_vm_str(rt, name, out);
    if (!rc && truth) sl_strbuf_putc(out, ' ');
    sl_vdecref(rt, name);
    if (rc) return -1;
  } else {
    sl_err_clear(rt);
  }
  if (n)
    sl_strbuf_printf(out, "(%s)>", n);
  else
    sl_strbuf_printf(out, "(Level %d)>", ((handler *)o)->level);
  return 0;
}

const sl_type sl__log_handler_type = {.name = "StreamHandler",
                                      .clear = handler_clear,
                                      .repr = handler_repr,
                                      .getattr = handler_getattr,
                                      .setattr = handler_setattr,
                                      .size = sizeof(handler)};

static void formatter_clear(sl_rt *rt, sl_obj *o) {
  formatter *f = (formatter *)o;
  sl_vdecref(rt, f->fmt);
  sl_vdecref(rt, f->datefmt);
  f->fmt = f->datefmt = sl_none();
}

const sl_type sl__log_formatter_type = {.name = "Formatter",
                                        .clear = formatter_clear,
                                        .getattr = formatter_getattr,
                                        .size = sizeof(formatter)};

/* ---- StreamHandler and Formatter ---------------------------------------- */

static int h_set_level(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"level"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "setLevel", names, 1, 1, 1, v)) return -1;
  if (sl__log_check_level(rt, v[0], &((handler *)self.u.o)->level)) return -1;
  *out = sl_none();
  return 0;
}

static int h_set_formatter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"fmt"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "setFormatter", names, 1, 1, 1, v)) return -1;
  if (!sl_is_none(v[0]) && !sl_is_type(v[0], &sl__log_formatter_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "logging: setFormatter() wants a logging.Formatter");
  sl_vset(rt, &((handler *)self.u.o)->formatter, sl_vincref(v[0]));
  *out = sl_none();
  return 0;
}

static int h_flush(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  *out = sl_none();
  return 0;
}

static const sl_cfunc_def handler_methods[] = {
    {"Handler.setLevel", h_set_level, NULL, 0},
    {"Handler.setFormatter", h_set_formatter, NULL, 0},
    {"StreamHandler.flush", h_flush, NULL, 0},
    {"Handler.close", h_flush, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int handler_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  handler *h = (handler *)o;
  if (!strcmp(name, "level"))
    *out = sl_int(h->level);
  else if (!strcmp(name, "stream"))
    *out = sl_vincref(h->stream);
  else if (!strcmp(name, "formatter"))
    *out = sl_vincref(h->formatter);
  else {
    int r = sl_methods_lookup(rt, sl_obj_val(o), handler_methods, name, out);
    if (r < 0) return -1;
    if (!r)
      return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                      "'StreamHandler' object has no attribute '%s' (simloop)", name);
  }
  return 0;
}

static int handler_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  if (!strcmp(name, "level")) return sl__log_check_level(rt, v, &((handler *)o)->level);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                  "logging: setting StreamHandler.%s is not supported by simloop", name);
}

static int formatter_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  formatter *f = (formatter *)o;
  if (!strcmp(name, "_fmt"))
    *out = sl_vincref(f->fmt);
  else if (!strcmp(name, "datefmt"))
    *out = sl_vincref(f->datefmt);
  else
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                    "'Formatter' object has no attribute '%s' (simloop)", name);
  return 0;
}

int sl__log_new_handler(sl_rt *rt, sl_value stream, sl_value *out) {
  handler *h = (handler *)sl_obj_alloc(rt, &sl__log_handler_type);
  if (!h) return -1;
  h->formatter = sl_none();
  h->stream = sl_none();
  if (sl_is_undef(stream) || sl_is_none(stream)) {
    if (sl__log_sys_stream(rt, "stderr", &h->stream)) {
      sl_decref(rt, &h->hdr);
      return -1;
    }
  } else {
    h->stream = sl_vincref(stream);
  }
  *out = sl_obj_val(&h->hdr);
  return 0;
}

int sl__log_new_formatter(sl_rt *rt, sl_value fmt, sl_value datefmt, sl_value style,
                          sl_value *out) {
  if (!sl_is_undef(style) && !(sl_is_str(style) && !strcmp(sl_str_cstr(style.u.o), "%")))
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "logging: only style='%%' formats are supported by simloop");
  for (int i = 0; i < 2; i++) {
    sl_value v = i ? datefmt : fmt;
    if (!sl_is_undef(v) && !sl_is_none(v) && !sl_is_str(v))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "logging: a format must be a str");
  }
  formatter *f = (formatter *)sl_obj_alloc(rt, &sl__log_formatter_type);
  if (!f) return -1;
  f->fmt = sl_is_undef(fmt) ? sl_none() : sl_vincref(fmt);
  f->datefmt = sl_is_undef(datefmt) ? sl_none() : sl_vincref(datefmt);
  *out = sl_obj_val(&f->hdr);
  return 0;
}

int sl__log_stream_handler_call(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"stream"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "StreamHandler", names, 1, 0, 1, v)) return -1;
  return sl__log_new_handler(rt, v[0], out);
}

int sl__log_formatter_call(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"fmt", "datefmt", "style"};
  sl_value v[3];
  if (sl_args_bind(rt, a, "Formatter", names, 3, 0, 3, v)) return -1;
  return sl__log_new_formatter(rt, v[0], v[1], v[2], out);
}
