/* The `logging` module, as far as asyncio programs use it: loggers in a
 * dotted hierarchy (getLogger, setLevel, propagate), the levels,
 * basicConfig(level=, format=, datefmt=, stream=, force=), StreamHandler
 * and Formatter with %-style formats, the module-level shortcuts that call
 * basicConfig() first, and the last-resort handler (a logger with no
 * handler anywhere prints WARNING and above as the bare message). Mirrors
 * Lib/logging/__init__.py: a record's fields are a dict and a format is
 * applied as `fmt % record.__dict__`; time fields come from the virtual
 * clock (time.time()), the local time zone is UTC, the process is the
 * simulated one. Output goes through the stream's own write(): sys.stderr
 * by default, sys.stdout or any object with write() when given.
 *
 * Not provided (an AttributeError names them): file handlers, filters,
 * adapters, dictConfig, {}- and $-style formats; %(relativeCreated)s and
 * %(thread)s are absent from records (they depend on the real process). */
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

static int logger_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static int logger_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v);

/* bool(v); an error in __bool__ counts as false and stays pending. */
static bool truthy(sl_rt *rt, sl_value v) {
  bool r = false;
  return sl_truth(rt, v, &r) == 0 && r;
}

const char *sl__log_level_name(int level) {
  switch (level) {
  case CRITICAL: return "CRITICAL";
  case ERROR: return "ERROR";
  case WARNING: return "WARNING";
  case INFO: return "INFO";
  case DEBUG: return "DEBUG";
  case NOTSET: return "NOTSET";
  }
  return NULL;
}

static void logger_clear(sl_rt *rt, sl_obj *o) {
  logger *l = (logger *)o;
  sl_decref(rt, l->name);
  sl_decref(rt, l->handlers);
  l->name = l->handlers = NULL;
}

static int logger_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out);

static const sl_type logger_type = {.name = "Logger",
                                    .clear = logger_clear,
                                    .repr = logger_repr,
                                    .getattr = logger_getattr,
                                    .setattr = logger_setattr,
                                    .size = sizeof(logger)};

/* ---- module state ------------------------------------------------------ */

/* The logging module's dict (borrowed), importing it if need be. */
static sl_obj *module_dict(sl_rt *rt) {
  sl_value m;
  if (sl_vm_import(rt, "logging", &m)) return NULL;
  sl_obj *d = ((sl_module *)m.u.o)->dict;
  sl_vdecref(rt, m); /* the run's module table keeps it */
  return d;
}

int sl__log_dict_item(sl_rt *rt, sl_obj *d, const char *key, sl_value *out) {
  bool found = false;
  if (sl_dict_get_str(rt, d, key, out, &found)) return -1;
  if (!found)
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "logging: internal state '%s' missing", key);
  return 0;
}

static logger *new_logger(sl_rt *rt, const char *name, int level, bool root) {
  logger *l = (logger *)sl_obj_alloc(rt, &logger_type);
  if (!l) return NULL;
  l->name = sl_str_from_cstr(rt, name);
  l->handlers = sl_list_new(rt, NULL, 0);
  l->level = level;
  l->propagate = true;
  l->root = root;
  if (!l->name || !l->handlers) {
    sl_decref(rt, &l->hdr);
    return NULL;
  }
  return l;
}

/* Logger `name` (new reference): the root for None/""/"root". */
static int get_logger(sl_rt *rt, sl_value name, sl_value *out) {
  sl_obj *d = module_dict(rt);
  if (!d) return -1;
  if (sl_is_undef(name) || sl_is_none(name) ||
      (sl_is_str(name) && (!sl_as_str(name.u.o)->len || !strcmp(sl_str_cstr(name.u.o), "root"))))
    return sl__log_dict_item(rt, d, "root", out);
  if (!sl_is_str(name)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "A logger name must be a string");
  sl_value loggers;
  if (sl__log_dict_item(rt, d, "_loggers", &loggers)) return -1;
  bool found = false;
  int rc = sl_dict_get(rt, loggers.u.o, name, out, &found);
  if (!rc && !found) {
    logger *l = new_logger(rt, sl_str_cstr(name.u.o), NOTSET, false);
    rc = !l || sl_dict_set(rt, loggers.u.o, name, sl_obj_val(&l->hdr));
    if (!rc)
      *out = sl_obj_val(&l->hdr);
    else if (l)
      sl_decref(rt, &l->hdr);
  }
  sl_vdecref(rt, loggers);
  return rc ? -1 : 0;
}

/* The logger's parent in the hierarchy (new reference): the nearest
 * existing dotted prefix, else the root (Manager._fixupParents). */
static int parent_of(sl_rt *rt, logger *l, sl_value *out) {
  *out = sl_undef();
  if (l->root) return 0;
  sl_obj *d = module_dict(rt);
  if (!d) return -1;
  sl_value loggers;
  if (sl__log_dict_item(rt, d, "_loggers", &loggers)) return -1;
  const char *name = sl_str_cstr(l->name);
  for (size_t n = sl_as_str(l->name)->len; n > 0; n--) {
    if (name[n - 1] != '.') continue;
    sl_obj *prefix = sl_str_new(rt, name, n - 1);
    bool found = false;
    int rc = !prefix || sl_dict_get(rt, loggers.u.o, sl_obj_val(prefix), out, &found);
    sl_decref(rt, prefix);
    if (rc) {
      sl_vdecref(rt, loggers);
      return -1;
    }
    if (found) {
      sl_vdecref(rt, loggers);
      return 0;
    }
  }
  sl_vdecref(rt, loggers);
  return sl__log_dict_item(rt, d, "root", out);
}

static int effective_level(sl_rt *rt, logger *l, int *level) {
  sl_incref(&l->hdr);
  sl_value cur = sl_obj_val(&l->hdr);
  for (;;) {
    logger *c = (logger *)cur.u.o;
    if (c->level || c->root) {
      *level = c->level;
      sl_vdecref(rt, cur);
      return 0;
    }
    sl_value p;
    int rc = parent_of(rt, c, &p);
    sl_vdecref(rt, cur);
    if (rc) return -1;
    cur = p;
  }
}

/* A level argument: an int, or a registered name ("INFO"). */
int sl__log_check_level(sl_rt *rt, sl_value v, int *out) {
  if (v.tag == SL_V_INT) {
    *out = (int)v.u.i;
    return 0;
  }
  if (sl_is_str(v)) {
    static const int levels[] = {CRITICAL, ERROR, WARNING, INFO, DEBUG, NOTSET};
    const char *s = sl_str_cstr(v.u.o);
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
      if (!strcmp(s, sl__log_level_name(levels[i]))) {
        *out = levels[i];
        return 0;
      }
    if (!strcmp(s, "WARN")) return *out = WARNING, 0;
    if (!strcmp(s, "FATAL")) return *out = CRITICAL, 0;
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "Unknown level: '%s'", s);
  }
  sl_strbuf b = SL_STRBUF_INIT;
  sl_vm_repr(rt, v, &b);
  int rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "Level not an integer or a valid string: %s",
                    sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

/* Logger._log and callHandlers. */
static int do_log(sl_rt *rt, logger *l, int level, const sl_args *a, size_t first, bool exc_info) {
  if (a->npos <= first)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Logger.log() missing 1 required positional argument: 'msg'");
  for (size_t i = 0; i < a->nkw; i++) {
    const char *k = sl_str_cstr(a->kwnames[i]);
    if (!strcmp(k, "exc_info")) {
      exc_info = truthy(rt, a->kwvals[i]);
    } else if (!strcmp(k, "stacklevel")) {
    } else if (!strcmp(k, "stack_info") || !strcmp(k, "extra")) {
      if (truthy(rt, a->kwvals[i]))
        return sl_raise(rt, SL_EXC_TYPE_ERROR, "logging: %s= is not supported by simloop", k);
    } else {
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "Logger._log() got an unexpected keyword argument '%s'", k);
    }
  }
  if (l->disabled) return 0;
  int eff;
  if (effective_level(rt, l, &eff)) return -1;
  if (level < eff) return 0;
  sl_value msg = a->pos[first];
  size_t nargs = a->npos - first - 1;
  sl_obj *tup = sl_tuple_new(rt, a->pos + first + 1, nargs);
  if (!tup) return -1;
  sl_value args = sl_obj_val(tup);
  /* LogRecord: a single non-empty mapping argument is the mapping. */
  if (nargs == 1 && sl_is_type(a->pos[first + 1], &sl_dict_type) &&
      sl_dict_len(a->pos[first + 1].u.o)) {
    args = sl_vincref(a->pos[first + 1]);
    sl_decref(rt, tup);
  }
  sl_value exc_text = sl_none();
  if (exc_info && sl__log_exc_text_now(rt, &exc_text)) {
    sl_vdecref(rt, args);
    return -1;
  }
  sl_obj *rec;
  int rc = sl__log_make_record(rt, l, level, msg, args, exc_text, &rec);
  sl_vdecref(rt, args);
  sl_vdecref(rt, exc_text);
  if (rc) return -1;
  size_t found = 0;
  sl_incref(&l->hdr);
  sl_value cur = sl_obj_val(&l->hdr);
  while (!rc && !sl_is_undef(cur)) {
    logger *c = (logger *)cur.u.o;
    sl_list *hs = sl_as_list(c->handlers);
    for (size_t i = 0; !rc && i < hs->len; i++) {
      found++;
      handler *h = (handler *)hs->items[i].u.o;
      if (level < h->level) continue;
      sl_value line;
      rc = sl__log_format_record(rt, h->formatter, rec, &line);
      if (!rc) {
        rc = sl__log_write_line(rt, h->stream, line);
        sl_vdecref(rt, line);
      }
    }
    sl_value p = sl_undef();
    if (!rc && c->propagate) rc = parent_of(rt, c, &p);
    sl_vdecref(rt, cur);
    cur = p;
  }
  sl_vdecref(rt, cur);
  /* No handler anywhere: the last resort, WARNING and above, bare. */
  if (!rc && !found && level >= WARNING) {
    sl_value err, line;
    rc = sl__log_sys_stream(rt, "stderr", &err);
    if (!rc) {
      rc = sl__log_format_record(rt, sl_none(), rec, &line);
      if (!rc) {
        rc = sl__log_write_line(rt, err, line);
        sl_vdecref(rt, line);
      }
      sl_vdecref(rt, err);
    }
  }
  sl_decref(rt, rec);
  return rc;
}

/* ---- Logger methods ----------------------------------------------------- */

static logger *self_logger(sl_value self) { return (logger *)self.u.o; }

#define LEVEL_METHOD(fname, lvl, exc)                                                              \
  static int fname(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {                    \
    if (do_log(rt, self_logger(self), lvl, a, 0, exc)) return -1;                                  \
    *out = sl_none();                                                                              \
    return 0;                                                                                      \
  }
LEVEL_METHOD(l_debug, DEBUG, false)
LEVEL_METHOD(l_info, INFO, false)
LEVEL_METHOD(l_warning, WARNING, false)
LEVEL_METHOD(l_error, ERROR, false)
LEVEL_METHOD(l_exception, ERROR, true)
LEVEL_METHOD(l_critical, CRITICAL, false)

static int l_log(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (!a->npos)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Logger.log() missing 2 required positional arguments: 'level' and 'msg'");
  if (a->pos[0].tag != SL_V_INT) return sl_raise(rt, SL_EXC_TYPE_ERROR, "level must be an integer");
  if (do_log(rt, self_logger(self), (int)a->pos[0].u.i, a, 1, false)) return -1;
  *out = sl_none();
  return 0;
}

static int l_set_level(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"level"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "setLevel", names, 1, 1, 1, v)) return -1;
  if (sl__log_check_level(rt, v[0], &self_logger(self)->level)) return -1;
  *out = sl_none();
  return 0;
}

static int l_get_effective_level(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "getEffectiveLevel", NULL, 0, 0, 0, NULL)) return -1;
  int lv;
  if (effective_level(rt, self_logger(self), &lv)) return -1;
  *out = sl_int(lv);
  return 0;
}

static int l_is_enabled_for(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"level"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "isEnabledFor", names, 1, 1, 1, v)) return -1;
  int lv, want;
  if (sl__log_check_level(rt, v[0], &want) || effective_level(rt, self_logger(self), &lv))
    return -1;
  *out = sl_bool(!self_logger(self)->disabled && want >= lv);
  return 0;
}

static int handler_arg(sl_rt *rt, const sl_args *a, const char *fname, handler **out) {
  static const char *const names[] = {"hdlr"};
  sl_value v[1];
  if (sl_args_bind(rt, a, fname, names, 1, 1, 1, v)) return -1;
  if (!sl_is_type(v[0], &sl__log_handler_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "logging: simloop supports StreamHandler handlers only, not %s",
                    sl_type_name(v[0]));
  *out = (handler *)v[0].u.o;
  return 0;
}

static int l_add_handler(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  handler *h;
  if (handler_arg(rt, a, "addHandler", &h)) return -1;
  sl_list *hs = sl_as_list(self_logger(self)->handlers);
  bool present = false;
  for (size_t i = 0; i < hs->len; i++) present |= hs->items[i].u.o == &h->hdr;
  if (!present && sl_list_append(rt, self_logger(self)->handlers, sl_obj_val(&h->hdr))) return -1;
  *out = sl_none();
  return 0;
}

static int l_remove_handler(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  handler *h;
  if (handler_arg(rt, a, "removeHandler", &h)) return -1;
  sl_list *hs = sl_as_list(self_logger(self)->handlers);
  for (size_t i = 0; i < hs->len; i++)
    if (hs->items[i].u.o == &h->hdr) {
      sl_value gone = hs->items[i];
      memmove(hs->items + i, hs->items + i + 1, (hs->len - i - 1) * sizeof *hs->items);
      hs->len--;
      sl_vdecref(rt, gone);
      break;
    }
  *out = sl_none();
  return 0;
}

static int l_has_handlers(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "hasHandlers", NULL, 0, 0, 0, NULL)) return -1;
  sl_incref(self.u.o);
  sl_value cur = self;
  bool any = false;
  while (!any && !sl_is_undef(cur)) {
    logger *c = (logger *)cur.u.o;
    any = sl_as_list(c->handlers)->len > 0;
    sl_value p = sl_undef();
    int rc = !any && c->propagate ? parent_of(rt, c, &p) : 0;
    sl_vdecref(rt, cur);
    if (rc) return -1;
    cur = p;
  }
  sl_vdecref(rt, cur);
  *out = sl_bool(any);
  return 0;
}

static int l_get_child(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"suffix"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "getChild", names, 1, 1, 1, v)) return -1;
  if (!sl_is_str(v[0])) return sl_raise(rt, SL_EXC_TYPE_ERROR, "getChild() argument must be str");
  logger *l = self_logger(self);
  sl_strbuf b = SL_STRBUF_INIT;
  if (!l->root) sl_strbuf_printf(&b, "%s.", sl_str_cstr(l->name));
  sl_strbuf_puts(&b, sl_str_cstr(v[0].u.o));
  sl_value name;
  if (sl__str_result(rt, &b, &name)) return -1;
  int rc = get_logger(rt, name, out);
  sl_vdecref(rt, name);
  return rc;
}

static const sl_cfunc_def logger_methods[] = {
    {"Logger.debug", l_debug, NULL, 0},
    {"Logger.info", l_info, NULL, 0},
    {"Logger.warning", l_warning, NULL, 0},
    {"Logger.warn", l_warning, NULL, 0},
    {"Logger.error", l_error, NULL, 0},
    {"Logger.exception", l_exception, NULL, 0},
    {"Logger.critical", l_critical, NULL, 0},
    {"Logger.fatal", l_critical, NULL, 0},
    {"Logger.log", l_log, NULL, 0},
    {"Logger.setLevel", l_set_level, NULL, 0},
    {"Logger.getEffectiveLevel", l_get_effective_level, NULL, 0},
    {"Logger.isEnabledFor", l_is_enabled_for, NULL, 0},
    {"Logger.addHandler", l_add_handler, NULL, 0},
    {"Logger.removeHandler", l_remove_handler, NULL, 0},
    {"Logger.hasHandlers", l_has_handlers, NULL, 0},
    {"Logger.getChild", l_get_child, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int logger_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  logger *l = (logger *)o;
  int lv;
  if (effective_level(rt, l, &lv)) return -1;
  const char *n = sl__log_level_name(lv);
  sl_strbuf_printf(out, "<%s %s (", l->root ? "RootLogger" : "Logger", sl_str_cstr(l->name));
  if (n)
    sl_strbuf_printf(out, "%s)>", n);
  else
    sl_strbuf_printf(out, "Level %d)>", lv);
  return 0;
}

static int logger_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  logger *l = (logger *)o;
  if (!strcmp(name, "name"))
    *out = sl_vincref(sl_obj_val(l->name));
  else if (!strcmp(name, "level"))
    *out = sl_int(l->level);
  else if (!strcmp(name, "propagate"))
    *out = sl_bool(l->propagate);
  else if (!strcmp(name, "disabled"))
    *out = sl_bool(l->disabled);
  else if (!strcmp(name, "handlers"))
    *out = sl_vincref(sl_obj_val(l->handlers));
  else if (!strcmp(name, "parent")) {
    if (parent_of(rt, l, out)) return -1;
    if (sl_is_undef(*out)) *out = sl_none();
  } else {
    int r = sl_methods_lookup(rt, sl_obj_val(o), logger_methods, name, out);
    if (r < 0) return -1;
    if (!r)
      return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s' (simloop)",
                      l->root ? "RootLogger" : "Logger", name);
  }
  return 0;
}

static int logger_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  logger *l = (logger *)o;
  if (!strcmp(name, "propagate"))
    l->propagate = truthy(rt, v);
  else if (!strcmp(name, "disabled"))
    l->disabled = truthy(rt, v);
  else if (!strcmp(name, "level"))
    return sl__log_check_level(rt, v, &l->level);
  else
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR,
                    "logging: setting Logger.%s is not supported by simloop", name);
  return 0;
}

/* ---- module functions ------------------------------------------------------ */

static int root_logger(sl_rt *rt, logger **out) {
  sl_obj *d = module_dict(rt);
  sl_value r;
  if (!d || sl__log_dict_item(rt, d, "root", &r)) return -1;
  *out = (logger *)r.u.o;
  sl_vdecref(rt, r); /* the module keeps it */
  return 0;
}

static int m_basic_config(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"level",    "format",   "datefmt",  "stream",
                                      "force",    "style",    "filename", "filemode",
                                      "handlers", "encoding", "errors"};
  sl_value v[11];
  if (sl_args_bind(rt, a, "basicConfig", names, 11, 0, 0, v)) return -1;
  for (int i = 6; i < 11; i++)
    if (!sl_is_undef(v[i]) && !sl_is_none(v[i]))
      return sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "logging.basicConfig(%s=...) is not supported by simloop (no files)",
                      names[i]);
  logger *root;
  if (root_logger(rt, &root)) return -1;
  *out = sl_none();
  sl_list *hs = sl_as_list(root->handlers);
  if (!sl_is_undef(v[4]) && truthy(rt, v[4])) {
    while (hs->len) sl_vdecref(rt, hs->items[--hs->len]);
  }
  if (hs->len) return 0;
  sl_value h, f;
  sl_obj *basic = NULL;
  sl_value fmt = v[1];
  if (sl_is_undef(fmt) || sl_is_none(fmt)) {
    if (!(basic = sl_str_from_cstr(rt, "%(levelname)s:%(name)s:%(message)s"))) return -1;
    fmt = sl_obj_val(basic);
  }
  int rc = sl__log_new_formatter(rt, fmt, v[2], v[5], &f);
  sl_decref(rt, basic);
  if (rc) return -1;
  if (sl__log_new_handler(rt, v[3], &h)) {
    sl_vdecref(rt, f);
    return -1;
  }
  sl_vset(rt, &((handler *)h.u.o)->formatter, f);
  rc = sl_list_append(rt, root->handlers, h);
  sl_vdecref(rt, h);
  if (rc) return -1;
  if (!sl_is_undef(v[0]) && !sl_is_none(v[0])) return sl__log_check_level(rt, v[0], &root->level);
  return 0;
}

static int m_get_logger(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"name"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "getLogger", names, 1, 0, 1, v)) return -1;
  return get_logger(rt, v[0], out);
}

static int m_get_level_name(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"level"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "getLevelName", names, 1, 1, 1, v)) return -1;
  if (v[0].tag == SL_V_INT && sl__log_level_name((int)v[0].u.i)) {
    sl_obj *s = sl_str_from_cstr(rt, sl__log_level_name((int)v[0].u.i));
    if (!s) return -1;
    *out = sl_obj_val(s);
    return 0;
  }
  int lv;
  if (sl_is_str(v[0]) && sl__log_check_level(rt, v[0], &lv) == 0) {
    *out = sl_int(lv);
    return 0;
  }
  sl_err_clear(rt);
  if (rt->fatal) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_puts(&b, "Level ");
  if (sl_vm_str(rt, v[0], &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

/* logging.info(...): basicConfig() when the root has no handler, then
 * root.info(...). */
static int root_log(sl_rt *rt, int level, const sl_args *a, size_t first, bool exc, sl_value *out) {
  logger *root;
  if (root_logger(rt, &root)) return -1;
  if (!sl_as_list(root->handlers)->len) {
    sl_args none = {0};
    sl_value r;
    if (m_basic_config(rt, sl_undef(), &none, &r)) return -1;
  }
  if (do_log(rt, root, level, a, first, exc)) return -1;
  *out = sl_none();
  return 0;
}

#define ROOT_FUNC(fname, lvl, exc)                                                                 \
  static int fname(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {                    \
    return root_log(rt, lvl, a, 0, exc, out);                                                      \
  }
ROOT_FUNC(m_debug, DEBUG, false)
ROOT_FUNC(m_info, INFO, false)
ROOT_FUNC(m_warning, WARNING, false)
ROOT_FUNC(m_error, ERROR, false)
ROOT_FUNC(m_exception, ERROR, true)
ROOT_FUNC(m_critical, CRITICAL, false)

static int m_log(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (!a->npos || a->pos[0].tag != SL_V_INT)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "level must be an integer");
  return root_log(rt, (int)a->pos[0].u.i, a, 1, false, out);
}

static int m_disable(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                  "logging.disable() is not supported by simloop");
}

static const sl_cfunc_def logging_funcs[] = {
    {"basicConfig", m_basic_config, NULL, 0},
    {"getLogger", m_get_logger, NULL, 0},
    {"getLevelName", m_get_level_name, NULL, 0},
    {"StreamHandler", sl__log_stream_handler_call, NULL, 0},
    {"Formatter", sl__log_formatter_call, NULL, 0},
    {"debug", m_debug, NULL, 0},
    {"info", m_info, NULL, 0},
    {"warning", m_warning, NULL, 0},
    {"warn", m_warning, NULL, 0},
    {"error", m_error, NULL, 0},
    {"exception", m_exception, NULL, 0},
    {"critical", m_critical, NULL, 0},
    {"fatal", m_critical, NULL, 0},
    {"log", m_log, NULL, 0},
    {"disable", m_disable, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_logging_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, logging_funcs)) return -1;
  static const struct {
    const char *name;
    int level;
  } levels[] = {{"CRITICAL", CRITICAL}, {"FATAL", CRITICAL}, {"ERROR", ERROR}, {"WARNING", WARNING},
                {"WARN", WARNING},      {"INFO", INFO},      {"DEBUG", DEBUG}, {"NOTSET", NOTSET}};
  for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
    if (sl_stdmod_add(rt, module_dict, levels[i].name, sl_int(levels[i].level))) return -1;
  sl_obj *fmt = sl_str_from_cstr(rt, "%(levelname)s:%(name)s:%(message)s");
  int rc = !fmt || sl_stdmod_add(rt, module_dict, "BASIC_FORMAT", sl_obj_val(fmt));
  sl_decref(rt, fmt);
  if (rc) return -1;
  logger *root = new_logger(rt, "root", WARNING, true);
  sl_obj *loggers = sl_dict_new(rt);
  rc = !root || !loggers || sl_stdmod_add(rt, module_dict, "root", sl_obj_val(&root->hdr)) ||
       sl_stdmod_add(rt, module_dict, "_loggers", sl_obj_val(loggers));
  if (root) sl_decref(rt, &root->hdr);
  sl_decref(rt, loggers);
  return rc ? -1 : 0;
}
