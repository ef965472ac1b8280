/* The builtins print(), input() and open() (Python/bltinmodule.c
 * builtin_print, builtin_input; open() refused: no files). print() without file= writes to the process's stdout (the
 * trace's output) unless the program replaced sys.stdout (sys.stdout = f,
 * contextlib.redirect_stdout): then, as CPython's print does, to whatever
 * sys.stdout is. */
#include <string.h>

#include "core/exc.h"
#include "core/lang/builtins-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

#define FN(name) static int bi_##name(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out)

/* file.write(text) for print(file=...). */
static int write_to(sl_rt *rt, sl_value file, const char *text, size_t len) {
  sl_obj *s = sl_str_new(rt, text, len);
  if (!s) return -1;
  sl_value w, r, sv = sl_obj_val(s);
  int rc = sl_lang_getattr(rt, file, "write", &w);
  if (!rc) {
    rc = sl_call_pos(rt, w, &sv, 1, &r);
    sl_vdecref(rt, w);
    if (!rc) sl_vdecref(rt, r);
  }
  sl_decref(rt, s);
  return rc;
}

/* print(..., file=f): one f.write() per argument, separator and end, as
 * builtin_print does. */
static int print_to(sl_rt *rt, const sl_args *a, sl_value file, sl_value sep, sl_value end) {
  for (size_t i = 0; i < a->npos; i++) {
    if (i && (sl_is_str(sep) ? write_to(rt, file, sl_str_cstr(sep.u.o), sl_as_str(sep.u.o)->len)
                             : write_to(rt, file, " ", 1)))
      return -1;
    sl_strbuf b = SL_STRBUF_INIT;
    int rc = sl_vm_str(rt, a->pos[i], &b);
    if (!rc) rc = b.failed ? sl_nomem(rt) : write_to(rt, file, b.data ? b.data : "", b.len);
    sl_strbuf_free(&b);
    if (rc) return -1;
  }
  return sl_is_str(end) ? write_to(rt, file, sl_str_cstr(end.u.o), sl_as_str(end.u.o)->len)
                        : write_to(rt, file, "\n", 1);
}

FN(print) {
  static const char *const names[] = {"sep", "end", "file", "flush"};
  sl_args kw = *a;
  kw.npos = 0;
  sl_value v[4];
  if (sl_args_bind(rt, &kw, "print", names, 4, 0, 0, v)) return -1;
  for (int i = 0; i < 2; i++)
    if (!sl_is_undef(v[i]) && !sl_is_none(v[i]) && !sl_is_str(v[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s must be None or a string, not %s", names[i],
                      sl_type_name(v[i]));
  if (!sl_is_undef(v[2]) && !sl_is_none(v[2])) return print_to(rt, a, v[2], v[0], v[1]);
  sl_value target;
  int replaced = sl__sys_stdout_replaced(rt, &target);
  if (replaced) {
    int rc = replaced < 0 ? -1 : print_to(rt, a, target, v[0], v[1]);
    if (replaced > 0) sl_vdecref(rt, target);
    return rc;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  for (size_t i = 0; i < a->npos; i++) {
    if (i) {
      if (sl_is_str(v[0]))
        sl_strbuf_append(&b, sl_str_cstr(v[0].u.o), sl_as_str(v[0].u.o)->len);
      else
        sl_strbuf_putc(&b, ' ');
    }
    if (sl_vm_str(rt, a->pos[i], &b)) {
      sl_strbuf_free(&b);
      return -1;
    }
  }
  if (sl_is_str(v[1]))
    sl_strbuf_append(&b, sl_str_cstr(v[1].u.o), sl_as_str(v[1].u.o)->len);
  else
    sl_strbuf_putc(&b, '\n');
  if (b.failed) {
    sl_strbuf_free(&b);
    return sl_nomem(rt);
  }
  int rc = b.len ? sl_print_write(rt, b.data, b.len) : 0;
  sl_strbuf_free(&b);
  return rc;
}

/* sys.<name>, a new reference. */
static int sys_stream(sl_rt *rt, const char *name, sl_value *out) {
  sl_value sys;
  if (sl_vm_import(rt, "sys", &sys)) return -1;
  int rc = sl_vm_getattr(rt, sys, name, out);
  sl_vdecref(rt, sys);
  return rc;
}

/* input(prompt): builtin_input's path for a stream that is not a
 * terminal: the prompt written to sys.stdout and flushed, then
 * sys.stdin.readline() without its newline; nothing read is EOFError. The
 * simulated stdin is empty (modules/mod_sys.c) unless the program replaced
 * sys.stdin (an io.StringIO). */
FN(input) {
  sl_value fin, fout, flushed, line;
  /* builtin_input's argument clinic: positional only, its own texts */
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "input() takes no keyword arguments");
  if (a->npos > 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "input expected at most 1 argument, got %zu", a->npos);
  if (sys_stream(rt, "stdin", &fin)) return -1;
  if (sys_stream(rt, "stdout", &fout)) {
    sl_vdecref(rt, fin);
    return -1;
  }
  int rc = 0;
  if (a->npos) {
    sl_strbuf b = SL_STRBUF_INIT;
    rc = sl_vm_str(rt, a->pos[0], &b);
    if (!rc) rc = b.failed ? sl_nomem(rt) : write_to(rt, fout, b.data ? b.data : "", b.len);
    sl_strbuf_free(&b);
  }
  if (!rc && !(rc = sl__vm_call_method0(rt, fout, "flush", &flushed))) sl_vdecref(rt, flushed);
  sl_vdecref(rt, fout);
  if (!rc) rc = sl__vm_call_method0(rt, fin, "readline", &line);
  sl_vdecref(rt, fin);
  if (rc) return -1;
  if (!sl_is_str(line)) {
    sl_vdecref(rt, line);
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "object.readline() returned non-string");
  }
  const sl_strobj *s = sl_as_str(line.u.o);
  if (s->len == 0) {
    sl_vdecref(rt, line);
    return sl_raise(rt, SL_EXC_EOF_ERROR, "EOF when reading a line");
  }
  if (s->data[s->len - 1] != '\n') return *out = line, 0;
  sl_obj *cut = sl_str_new(rt, s->data, s->len - 1);
  sl_vdecref(rt, line);
  if (!cut) return -1;
  return *out = sl_obj_val(cut), 0;
}

/* open(): the simulated machine has no files (DESIGN.md section 4); a
 * clear refusal rather than a NameError. */
FN(open) {
  (void)a, (void)out;
  return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                  "simloop: open() is not supported: the simulated machine has no files "
                  "(io.StringIO and io.BytesIO are in memory)");
}

const sl_cfunc_def sl__builtin_io_funcs[] = {{"print", bi_print, NULL, 0},
                                             {"input", bi_input, NULL, 0},
                                             {"open", bi_open, NULL, 0},
                                             {NULL, NULL, NULL, 0}};
