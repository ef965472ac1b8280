/* Log records and their formatting for the logging module (see
 * mod_logging.c): LogRecord's fields as a dict, Formatter.format as
 * `fmt % record`, formatTime on the virtual clock in UTC, and the text
 * written to a handler's stream. Mirrors Lib/logging/__init__.py. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include <string.h>
#include <time.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_logging-int.h"
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

/* ---- records and formatting ------------------------------------------- */

static int put_str(sl_rt *rt, sl_obj *d, const char *key, const char *text, size_t len) {
  sl_obj *s = sl_str_new(rt, text, len);
  if (!s) return -1;
  int rc = sl_dict_set_str(rt, d, key, sl_obj_val(s));
  sl_decref(rt, s);
  return rc;
}

static int put_cstr(sl_rt *rt, sl_obj *d, const char *key, const char *text) {
  return put_str(rt, d, key, text, strlen(text));
}

/* record.getMessage(): str(msg), then `% args` when there are args. */
static int get_message(sl_rt *rt, sl_value msg, sl_value args, sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_vm_str(rt, msg, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  sl_value text;
  if (sl__str_result(rt, &b, &text)) return -1;
  bool has_args =
      sl_is_type(args, &sl_tuple_type) ? sl_as_tuple(args.u.o)->len > 0 : !sl_is_none(args);
  if (!has_args) {
    *out = text;
    return 0;
  }
  int rc = sl_binary_op(rt, SL_BIN_MOD, text, args, out);
  sl_vdecref(rt, text);
  return rc;
}

/* The caller's file, line and function: the innermost Python frame (the
 * one that called into logging: LogRecord's findCaller). */
static int put_caller(sl_rt *rt, sl_obj *d) {
  sl_lang *L = sl_vm_lang(rt);
  sl_frame *f = L ? L->frame : NULL;
  const char *path = "(unknown file)", *func = "(unknown function)";
  int line = 0;
  if (f) {
    sl_code *co = sl_as_code(f->code);
    path = sl_str_cstr(co->filename);
    func = sl_str_cstr(co->name);
    line = sl_frame_line(f);
  }
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  size_t modlen = dot ? (size_t)(dot - base) : strlen(base);
  if (put_cstr(rt, d, "pathname", path) || put_cstr(rt, d, "filename", base) ||
      put_str(rt, d, "module", base, modlen) || sl_dict_set_str(rt, d, "lineno", sl_int(line)) ||
      put_cstr(rt, d, "funcName", func))
    return -1;
  return 0;
}

/* created and msecs as the profile's LogRecord computes them: 3.11/3.12
 * from time.time(), 3.13+ from time.time_ns() (gh-102402). */
static void record_time(sl_rt *rt, double *created, double *msecs) {
  double clock = sl_loop_time(rt);
  if (rt->profile->minor >= 13) {
    int64_t ns = EPOCH_NS + (int64_t)(clock * 1e9);
    *created = (double)ns / 1e9;
    *msecs = (double)((ns % 1000000000) / 1000000);
    if (*msecs == 999.0 && (int64_t)*created != ns / 1000000000) *msecs = 0.0;
  } else {
    double ct = EPOCH_AT_START + clock;
    *created = ct;
    *msecs = (double)(int64_t)((ct - (double)(int64_t)ct) * 1000);
  }
}

static int put_task_name(sl_rt *rt, sl_obj *d) {
  if (rt->profile->minor < 12) return 0;
  sl_obj *t = rt->loop ? sl_task_current(rt) : NULL;
  if (!t) return sl_dict_set_str(rt, d, "taskName", sl_none());
  sl_value get, name;
  if (sl_vm_getattr(rt, sl_obj_val(t), "get_name", &get)) return -1;
  int rc = sl_vm_call_pos(rt, get, NULL, 0, &name);
  sl_vdecref(rt, get);
  if (rc) return -1;
  rc = sl_dict_set_str(rt, d, "taskName", name);
  sl_vdecref(rt, name);
  return rc;
}

/* The LogRecord's __dict__, without message/asctime (the formatter adds
 * them). New reference in *out. */
int sl__log_make_record(sl_rt *rt, logger *l, int level, sl_value msg, sl_value args,
                        sl_value exc_text, sl_obj **out) {
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  double created, msecs;
  record_time(rt, &created, &msecs);
  const char *ln = sl__log_level_name(level);
  char lbuf[32];
  if (!ln) {
    snprintf(lbuf, sizeof lbuf, "Level %d", level);
    ln = lbuf;
  }
  int rc = sl_dict_set_str(rt, d, "name", sl_obj_val(l->name)) ||
           sl_dict_set_str(rt, d, "msg", msg) || sl_dict_set_str(rt, d, "args", args) ||
           put_cstr(rt, d, "levelname", ln) || sl_dict_set_str(rt, d, "levelno", sl_int(level)) ||
           put_caller(rt, d) || sl_dict_set_str(rt, d, "exc_info", sl_none()) ||
           sl_dict_set_str(rt, d, "exc_text", exc_text) ||
           sl_dict_set_str(rt, d, "stack_info", sl_none()) ||
           sl_dict_set_str(rt, d, "created", sl_float(created)) ||
           sl_dict_set_str(rt, d, "msecs", sl_float(msecs)) ||
           put_cstr(rt, d, "threadName", "MainThread") ||
           put_cstr(rt, d, "processName", "MainProcess") ||
           sl_dict_set_str(rt, d, "process", sl_int(4242)) || put_task_name(rt, d);
  if (rc) {
    sl_decref(rt, d);
    return -1;
  }
  *out = d;
  return 0;
}

/* Formatter.formatTime: strftime of the UTC time, then ",%03d" msecs. */
static int format_time(sl_rt *rt, sl_obj *rec, sl_value datefmt, sl_value *out) {
  sl_value created, msecs;
  if (sl__log_dict_item(rt, rec, "created", &created) ||
      sl__log_dict_item(rt, rec, "msecs", &msecs))
    return -1;
  time_t secs = (time_t)created.u.f;
  struct tm tm;
  gmtime_r(&secs, &tm);
  char buf[256];
  const char *fmt = sl_is_str(datefmt) ? sl_str_cstr(datefmt.u.o) : "%Y-%m-%d %H:%M:%S";
  size_t n = strftime(buf, sizeof buf, fmt, &tm);
  if (!sl_is_str(datefmt)) n += (size_t)snprintf(buf + n, sizeof buf - n, ",%03d", (int)msecs.u.f);
  sl_obj *s = sl_str_new(rt, buf, n);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

/* Formatter.format(record): the formatted line (new reference). */
int sl__log_format_record(sl_rt *rt, sl_value fmtr, sl_obj *rec, sl_value *out) {
  sl_value fmt = sl_none(), datefmt = sl_none();
  if (sl_is_type(fmtr, &sl__log_formatter_type)) {
    fmt = ((formatter *)fmtr.u.o)->fmt;
    datefmt = ((formatter *)fmtr.u.o)->datefmt;
  }
  sl_value msg, args, message;
  if (sl__log_dict_item(rt, rec, "msg", &msg)) return -1;
  if (sl__log_dict_item(rt, rec, "args", &args)) {
    sl_vdecref(rt, msg);
    return -1;
  }
  int rc = get_message(rt, msg, args, &message);
  sl_vdecref(rt, msg);
  sl_vdecref(rt, args);
  if (rc) return -1;
  rc = sl_dict_set_str(rt, rec, "message", message);
  sl_vdecref(rt, message);
  if (rc) return -1;
  sl_obj *defmt = NULL;
  if (!sl_is_str(fmt)) {
    if (!(defmt = sl_str_from_cstr(rt, "%(message)s"))) return -1;
    fmt = sl_obj_val(defmt);
  }
  if (strstr(sl_str_cstr(fmt.u.o), "%(asctime)")) {
    sl_value t;
    if (format_time(rt, rec, datefmt, &t) || sl_dict_set_str(rt, rec, "asctime", t)) {
      sl_decref(rt, defmt);
      return -1;
    }
    sl_vdecref(rt, t);
  }
  rc = sl_binary_op(rt, SL_BIN_MOD, fmt, sl_obj_val(rec), out);
  sl_decref(rt, defmt);
  if (rc) return -1;
  sl_value exc_text;
  if (sl__log_dict_item(rt, rec, "exc_text", &exc_text)) return -1;
  if (sl_is_str(exc_text)) {
    sl_strbuf b = SL_STRBUF_INIT;
    sl_strobj *s = sl_as_str(out->u.o);
    sl_strbuf_append(&b, s->data, s->len);
    if (!s->len || s->data[s->len - 1] != '\n') sl_strbuf_putc(&b, '\n');
    sl_strbuf_append(&b, sl_str_cstr(exc_text.u.o), sl_as_str(exc_text.u.o)->len);
    sl_vdecref(rt, *out);
    if (sl__str_result(rt, &b, out)) {
      sl_vdecref(rt, exc_text);
      return -1;
    }
  }
  sl_vdecref(rt, exc_text);
  return 0;
}

/* stream.write(text + "\n"), then stream.flush() if it has one. */
int sl__log_write_line(sl_rt *rt, sl_value stream, sl_value text) {
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strobj *s = sl_as_str(text.u.o);
  sl_strbuf_append(&b, s->data, s->len);
  sl_strbuf_putc(&b, '\n');
  sl_value line, write, r;
  if (sl__str_result(rt, &b, &line)) return -1;
  int rc = sl_vm_getattr(rt, stream, "write", &write);
  if (!rc) {
    rc = sl_vm_call_pos(rt, write, &line, 1, &r);
    sl_vdecref(rt, write);
    if (!rc) sl_vdecref(rt, r);
  }
  sl_vdecref(rt, line);
  return rc;
}

/* The current sys.stderr (new reference). */
int sl__log_sys_stream(sl_rt *rt, const char *name, sl_value *out) {
  sl_value sys;
  if (sl_vm_import(rt, "sys", &sys)) return -1;
  int rc = sl_vm_getattr(rt, sys, name, out);
  sl_vdecref(rt, sys);
  return rc;
}

/* The traceback text of the exception being handled, as
 * Formatter.formatException gives it (no trailing newline), or
 * "NoneType: None" outside a handler. */
int sl__log_exc_text_now(sl_rt *rt, sl_value *out) {
  sl_obj *exc = sl_vm_handled_exc(rt);
  sl_strbuf b = SL_STRBUF_INIT;
  if (!exc)
    sl_strbuf_puts(&b, "NoneType: None");
  else if (sl_vm_format_traceback(rt, exc, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  while (b.len && b.data[b.len - 1] == '\n') b.len--;
  return sl__str_result(rt, &b, out);
}
