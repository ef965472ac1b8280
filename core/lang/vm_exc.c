/* Raising, exception chaining and the traceback printout (mirrors
 * Python/ceval.c do_raise, Python/errors.c _PyErr_SetObject's context
 * chaining, and Lib/traceback.py's TracebackException.format). */
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/tuple.h"

sl_obj *sl_vm_handled_exc(sl_rt *rt) {
  sl_lang *L = sl_vm_lang(rt);
  for (sl_frame *f = L ? L->frame : NULL; f; f = f->back)
    if (f->exc_info) return f->exc_info;
  return NULL;
}

void sl__vm_set_context(sl_rt *rt, sl_obj *exc) {
  sl_obj *handled = sl_vm_handled_exc(rt);
  if (!handled || handled == exc) return;
  /* Break a cycle: exc must not already be in handled's context chain. */
  sl_obj *o = handled;
  for (int guard = 0; guard < 10000; guard++) {
    sl_obj *ctx = sl_as_exc(o)->context;
    if (!ctx) break;
    if (ctx == exc) {
      sl_as_exc(o)->context = NULL;
      sl_decref(rt, ctx);
      break;
    }
    o = ctx;
  }
  sl_incref(handled);
  sl_obj *old = sl_as_exc(exc)->context;
  sl_as_exc(exc)->context = handled;
  sl_decref(rt, old);
}

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
  return sl_raise(rt, SL_EXC_TYPE_ERROR, cause ? "exception causes must derive from BaseException"
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

/* Appends line `n` of the source, stripped, or nothing. */
static void source_line(sl_lang *L, const char *file, int n, sl_strbuf *out) {
  if (!L || !L->src || !L->filename || strcmp(file, L->filename) || n < 1) return;
  const char *p = L->src, *end = L->src + L->srclen;
  for (int ln = 1; ln < n && p < end; p++)
    if (*p == '\n') ln++;
  if (p >= end) return;
  const char *e = memchr(p, '\n', (size_t)(end - p));
  if (!e) e = end;
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
  if (e == p) return;
  sl_strbuf_puts(out, "    ");
  sl_strbuf_append(out, p, (size_t)(e - p));
  sl_strbuf_putc(out, '\n');
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

static int format_one(sl_rt *rt, sl_obj *exc, sl_obj **seen, size_t *nseen, sl_strbuf *out) {
  if (*nseen >= 64) return 0;
  seen[(*nseen)++] = exc;
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
  if (chained) {
    bool was_seen = false;
    for (size_t i = 0; i < *nseen; i++)
      if (seen[i] == chained) was_seen = true;
    if (!was_seen) {
      if (format_one(rt, chained, seen, nseen, out)) return -1;
      sl_strbuf_puts(out, note);
    }
  }
  sl_lang *L = sl_vm_lang(rt);
  if (e->ntb) {
    sl_strbuf_puts(out, "Traceback (most recent call last):\n");
    /* Entries were appended as the exception left each frame: innermost
     * first. The printout starts with the outermost. */
    for (size_t i = e->ntb; i-- > 0;) {
      const sl_tb_entry *t = &e->tb[i];
      const char *file = sl_str_cstr(t->file);
      sl_strbuf_printf(out, "  File \"%s\", line %d, in %s\n", file, t->line, sl_str_cstr(t->func));
      source_line(L, file, t->line, out);
    }
  }
  if (format_only(rt, exc, out)) return -1;
  sl_strbuf_putc(out, '\n');
  return 0;
}

int sl_vm_format_traceback(sl_rt *rt, sl_obj *exc, sl_strbuf *out) {
  sl_obj *seen[64];
  size_t nseen = 0;
  int rc = format_one(rt, exc, seen, &nseen, out);
  if (out->failed) return sl_nomem(rt);
  return rc;
}
