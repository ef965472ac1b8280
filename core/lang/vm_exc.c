/* Raising, exception chaining and the traceback printout (mirrors
 * Python/ceval.c do_raise, Python/errors.c _PyErr_SetObject's context
 * chaining, and Lib/traceback.py's TracebackException.format). */
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/usermod.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/tuple.h"

sl_obj *sl_vm_handled_exc(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  for (sl_frame *f = L ? L->frame : NULL; f; f = f->back)
    if (f->exc_info) return f->exc_info;
  return NULL;
}

void sl__vm_set_context(sl_rt *rt, sl_obj *exc) { sl_exc_chain(rt, exc, sl_vm_handled_exc(rt)); }

/* An exception instance from `raise X` where X is a class or instance. */
static int make_exc(sl_rt *rt, sl_value v, sl_obj **out, bool cause) {
  const char *msg = cause ? "exception causes must derive from BaseException"
                          : "exceptions must derive from BaseException";
  sl_obj *base = rt->classes[SL_EXC_BASE_EXCEPTION];
  if ((sl_is_type(v, &sl_class_type) && !sl_class_is_subclass(v.u.o, base)) ||
      (sl_is_type(v, &sl_exc_type) && !sl_exc_isinstance_cls(v.u.o, base)))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", msg);
  if (sl_is_type(v, &sl_class_type)) {
    sl_value inst;
    sl_args none = {NULL, 0, NULL, NULL, 0};
    if (sl_vm_call(rt, v, &none, &inst)) return -1;
    if (!sl_is_type(inst, &sl_exc_type)) {
      sl_vdecref(rt, inst);
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "calling %s should have returned an instance of BaseException, not %s",
                      "the exception class", sl_type_name(inst));
    }
    *out = inst.u.o;
    return 0;
  }
  if (sl_is_type(v, &sl_exc_type)) {
    sl_incref(v.u.o);
    *out = v.u.o;
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  cause ? "exception causes must derive from BaseException"
                        : "exceptions must derive from BaseException");
}

int sl__vm_do_raise(sl_rt *rt, sl_value exc, sl_value cause) {
  if (sl_is_undef(exc)) {
    sl_obj *h = sl_vm_handled_exc(rt);
    if (!h) {
      sl_raise(rt, SL_EXC_RUNTIME_ERROR, "No active exception to reraise");
      sl__vm_set_context(rt, rt->exc);
      return -1;
    }
    sl_raise_obj(rt, h);
    return 1;
  }
  sl_obj *e = NULL;
  if (make_exc(rt, exc, &e, false)) {
    if (rt->exc) sl__vm_set_context(rt, rt->exc);
    return -1;
  }
  if (!sl_is_undef(cause)) {
    sl_obj *c = NULL;
    if (!sl_is_none(cause) && make_exc(rt, cause, &c, true)) {
      sl_decref(rt, e);
      if (rt->exc) sl__vm_set_context(rt, rt->exc);
      return -1;
    }
    sl_obj *old = sl_as_exc(e)->cause;
    sl_as_exc(e)->cause = c;
    sl_as_exc(e)->suppress_context = true;
    sl_decref(rt, old);
  }
  sl__vm_set_context(rt, e);
  sl_err_restore(rt, e);
  return -1;
}

/* ---- the traceback printout ------------------------------------------- */

/* Appends line `n` of the source, stripped and indented by `indent`, or
 * nothing. */
static void source_line(sl_rt *rt, sl_lang *L, const char *file, int n, const char *indent,
                        sl_strbuf *out) {
  if (!L || n < 1) return;
  const char *src = NULL;
  size_t srclen = 0;
  const sl_usermod *u =
      L->filename && !strcmp(file, L->filename) ? NULL : sl_usermod_by_path(rt, file);
  if (u) {
    src = u->file.src;
    srclen = u->file.len;
  } else if (L->filename && !strcmp(file, L->filename)) {
    src = L->src;
    srclen = L->srclen;
  }
  if (!src) return;
  const char *p = src, *end = src + srclen;
  for (int ln = 1; ln < n && p < end; ln++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    p = nl ? nl + 1 : end;
  }
  if (p >= end) return;
  const char *e = memchr(p, '\n', (size_t)(end - p));
  if (!e) e = end;
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
  if (e == p) return;
  sl_strbuf_puts(out, indent);
  sl_strbuf_append(out, p, (size_t)(e - p));
  sl_strbuf_putc(out, '\n');
}

void sl__vm_format_frame(sl_rt *rt, const char *file, int line, const char *func, sl_strbuf *out) {
  /* "  File \"%s\", line %d, in %s\n" */
  sl_strbuf_puts(out, "  File \"");
  sl_strbuf_puts(out, file);
  sl_strbuf_puts(out, "\", line ");
  sl_strbuf_put_int(out, line);
  sl_strbuf_puts(out, ", in ");
  sl_strbuf_puts(out, func);
  sl_strbuf_putc(out, '\n');
  source_line(rt, sl_vm_lang(rt), file, line, "    ", out);
}

/* "Type: message" honouring a user __str__, as traceback does. */
static int format_only(sl_rt *rt, sl_obj *exc, sl_strbuf *out) {
  const sl_class *c = sl_as_class(sl_as_exc(exc)->cls);
  if (strcmp(c->module, "builtins") && strcmp(c->module, "__main__"))
    sl_strbuf_printf(out, "%s.", c->module);
  sl_strbuf_puts(out, sl_str_cstr(c->qualname));
  sl_strbuf text = SL_STRBUF_INIT;
  int rc = sl_vm_str(rt, sl_obj_val(exc), &text);
  if (rc) {
    /* traceback.py: <exception str() failed> */
    sl_err_clear(rt);
    rc = rt->fatal ? -1 : 0;
    sl_strbuf_clear(&text);
    sl_strbuf_puts(&text, "<exception str() failed>");
  }
  if (text.len) {
    sl_strbuf_puts(out, ": ");
    sl_strbuf_append(out, text.data, text.len);
  }
  sl_strbuf_free(&text);
  return rc;
}

/* traceback._ExceptionPrintContext: exception groups print nested in
 * boxes, each line prefixed by the group depth's indent and margin. */
typedef struct pctx {
  int depth;
  bool need_close;
  sl_obj *seen[64];
  size_t nseen;
} pctx;

#define MAX_GROUP_WIDTH 15
#define MAX_GROUP_DEPTH 10

static void indent(const pctx *c, sl_strbuf *out) {
  for (int i = 0; i < 2 * c->depth; i++) sl_strbuf_putc(out, ' ');
}

/* Appends text, each line prefixed as _ctx.emit does. */
static void emit(const pctx *c, sl_strbuf *out, const char *text, size_t len, char margin) {
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl + 1 : end;
    indent(c, out);
    if (c->depth) {
      sl_strbuf_putc(out, margin);
      sl_strbuf_putc(out, ' ');
    }
    sl_strbuf_append(out, p, (size_t)(stop - p));
    p = stop;
  }
}

static void emit_str(const pctx *c, sl_strbuf *out, const char *text, char margin) {
  emit(c, out, text, strlen(text), margin);
}

static bool was_seen(const pctx *c, sl_obj *e) {
  for (size_t i = 0; i < c->nseen; i++)
    if (c->seen[i] == e) return true;
  return false;
}

static int format_one(sl_rt *rt, sl_obj *exc, pctx *c, sl_strbuf *out) {
  if (c->nseen < 64) c->seen[c->nseen++] = exc;
  sl_exc *e = sl_as_exc(exc);
  const char *note = NULL;
  sl_obj *chained = NULL;
  if (e->cause) {
    chained = e->cause;
    note = "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (e->context && !e->suppress_context) {
    chained = e->context;
    note = "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  if (chained && !was_seen(c, chained) && c->nseen < 64) {
    if (format_one(rt, chained, c, out)) return -1;
    emit_str(c, out, note, '|');
  }
  sl_strbuf stack = SL_STRBUF_INIT;
  /* Entries were appended as the exception left each frame: innermost
   * first. The printout starts with the outermost. */
  for (size_t i = e->ntb; i-- > 0;)
    sl__vm_format_frame(rt, sl_str_cstr(e->tb[i].file), e->tb[i].line, sl_str_cstr(e->tb[i].func),
                        &stack);
  sl_strbuf last = SL_STRBUF_INIT;
  int rc = format_only(rt, exc, &last);
  sl_strbuf_putc(&last, '\n');
  size_t n = 0;
  const sl_value *subs = NULL;
  if (sl_exc_isinstance(exc, SL_EXC_BASE_EXCEPTION_GROUP)) {
    sl_tuple *args = sl_as_tuple(e->args);
    if (args->len >= 2 && sl_is_type(args->items[1], &sl_tuple_type)) {
      subs = sl_as_tuple(args->items[1].u.o)->items;
      n = sl_as_tuple(args->items[1].u.o)->len;
    } else if (args->len >= 2 && sl_is_type(args->items[1], &sl_list_type)) {
      subs = sl_as_list(args->items[1].u.o)->items;
      n = sl_as_list(args->items[1].u.o)->len;
    }
  }
  if (!subs) {
    if (e->ntb) {
      emit_str(c, out, "Traceback (most recent call last):\n", '|');
      emit(c, out, stack.data ? stack.data : "", stack.len, '|');
    }
    emit(c, out, last.data ? last.data : "", last.len, '|');
  } else if (c->depth > MAX_GROUP_DEPTH) {
    sl_strbuf_printf(out, "... (max_group_depth is %d)\n", MAX_GROUP_DEPTH);
  } else {
    bool toplevel = c->depth == 0;
    if (toplevel) c->depth++;
    if (e->ntb) {
      emit_str(c, out, "Exception Group Traceback (most recent call last):\n",
               toplevel ? '+' : '|');
      emit(c, out, stack.data ? stack.data : "", stack.len, '|');
    }
    emit(c, out, last.data ? last.data : "", last.len, '|');
    size_t shown = n <= MAX_GROUP_WIDTH ? n : MAX_GROUP_WIDTH + 1;
    c->need_close = false;
    for (size_t i = 0; i < shown && !rc; i++) {
      bool last_exc = i == shown - 1;
      if (last_exc) c->need_close = true;
      bool truncated = i >= MAX_GROUP_WIDTH;
      indent(c, out);
      sl_strbuf_puts(out, i == 0 ? "+-" : "  ");
      if (truncated)
        sl_strbuf_puts(out, "+---------------- ... ----------------\n");
      else
        sl_strbuf_printf(out, "+---------------- %zu ----------------\n", i + 1);
      c->depth++;
      if (!truncated) {
        if (sl_is_type(subs[i], &sl_exc_type)) rc = format_one(rt, subs[i].u.o, c, out);
      } else {
        char more[96];
        size_t rest = n - MAX_GROUP_WIDTH;
        snprintf(more, sizeof more, "and %zu more exception%s\n", rest, rest > 1 ? "s" : "");
        emit_str(c, out, more, '|');
      }
      if (last_exc && c->need_close) {
        indent(c, out);
        sl_strbuf_puts(out, "+------------------------------------\n");
        c->need_close = false;
      }
      c->depth--;
    }
    if (toplevel) c->depth = 0;
  }
  sl_strbuf_free(&stack);
  sl_strbuf_free(&last);
  return rc;
}

int sl_vm_format_exception_only(sl_rt *rt, sl_obj *exc, sl_strbuf *out) {
  int rc = format_only(rt, exc, out);
  sl_strbuf_putc(out, '\n');
  return rc;
}

int sl_vm_format_traceback(sl_rt *rt, sl_obj *exc, sl_strbuf *out) {
  pctx c;
  memset(&c, 0, sizeof c);
  int rc = format_one(rt, exc, &c, out);
  if (out->failed) return sl_nomem(rt);
  return rc;
}

/* ---- warnings ----------------------------------------------------------- */

void sl_vm_source_line(sl_rt *rt, const char *file, int line, sl_strbuf *out) {
  source_line(rt, sl_vm_lang(rt), file, line, "", out);
}

/* warnings.warn(message, DeprecationWarning) from a builtin, under
 * CPython's default filters: shown only for code of __main__ (the
 * program's file; "default::DeprecationWarning:__main__", ignored
 * elsewhere), once per line (the module's __warningregistry__), as
 * warnings.formatwarning prints it: "FILE:LINE: DeprecationWarning: MSG"
 * and the stripped source line indented by two spaces. */
/* Once the program imported `warnings`, its filters decide: warn() is
 * called as the builtin's C code calls PyErr_WarnEx. The "error" action
 * cannot raise from here (the builtins calling this go on): the exception
 * is dropped. 1 when the module took the warning, 0 when not imported. */
static int warn_through_module(sl_rt *rt, sl_lang *L, const char *message) {
  sl_value mod, warn = sl_undef(), cat = sl_undef(), res;
  bool found = false;
  if (!L->modules || sl_dict_get_str(rt, L->modules, "warnings", &mod, &found) || !found) {
    if (rt->exc) sl_err_clear(rt);
    return 0;
  }
  sl_obj *text = sl_str_from_cstr(rt, message);
  int rc = !text || sl_vm_getattr(rt, mod, "warn", &warn) ||
           sl_dict_get_str(rt, L->builtins, "DeprecationWarning", &cat, &found) || !found;
  if (!rc) {
    sl_value argv[2] = {sl_obj_val(text), cat};
    if (!sl_vm_call_pos(rt, warn, argv, 2, &res)) sl_vdecref(rt, res);
  }
  if (rt->exc) sl_err_clear(rt);
  sl_vdecref(rt, mod);
  sl_vdecref(rt, warn);
  sl_vdecref(rt, cat);
  if (text) sl_decref(rt, text);
  return 1;
}

void sl_vm_warn_deprecated(sl_rt *rt, const char *message) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L || !L->frame || warn_through_module(rt, L, message)) return;
  if (!L->err_file || !L->filename) return;
  const char *file = sl_str_cstr(sl_as_code(L->frame->code)->filename);
  int line = sl_frame_line(L->frame);
  if (strcmp(file, L->filename)) return;
  for (size_t i = 0; i < L->nwarned; i++)
    if (L->warned[i].line == line && !strcmp(L->warned[i].message, message)) return;
  if (L->nwarned == L->warned_cap) {
    size_t cap = L->warned_cap ? 2 * L->warned_cap : 8;
    void *grown = sl_realloc(L->warned, cap * sizeof *L->warned);
    if (!grown) return; /* not shown twice is all the registry buys */
    L->warned = grown;
    L->warned_cap = cap;
  }
  L->warned[L->nwarned].message = message;
  L->warned[L->nwarned++].line = line;
  sl_strbuf text = SL_STRBUF_INIT;
  sl_strbuf_printf(&text, "%s:%d: DeprecationWarning: %s\n", file, line, message);
  source_line(rt, L, file, line, "  ", &text);
  if (L->out_file) fflush(L->out_file);
  fputs(sl_strbuf_cstr(&text), L->err_file);
  sl_strbuf_free(&text);
}
