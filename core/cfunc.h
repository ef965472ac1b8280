/* Native callables: a C function bound to an optional `self`.
 *
 * The engine's internal callbacks (a task's step and wakeup, sleep's timer,
 * gather's done callback, ...) are cfuncs; so are the methods and functions
 * the asyncio binding exposes. A cfunc also knows how its handle is named in
 * traces (docs/trace.md). */
#ifndef SL_CFUNC_H
#define SL_CFUNC_H

#include "core/object.h"

typedef int (*sl_cfunc_fn)(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);

/* How a handle running this cfunc is named: "<label>" plus ids. */
typedef enum sl_canon {
  SL_CANON_LABEL,     /* "<label>" */
  SL_CANON_SELF,      /* "<label> <id of self>" */
  SL_CANON_ARG0,      /* "<label> <id of args[0]>" */
  SL_CANON_SELF_ARG0, /* "<label> <id of self> <- <id of args[0]>" */
} sl_canon;

/* A method's statement body (sl_cfunc_def.stmt): the call `obj.meth(a1..an)`
 * whose result the caller drops, with positional arguments only, made on
 * the caller's stack slots without an sl_args or a result: slots[0] is
 * self (borrowed), slots[1..argc] the arguments. Returns 0 (done) or -1
 * (raised): then the callee owns the arguments' references (moved them
 * into what it made, or dropped them, last first, as the caller's POPs
 * would). SL_CSTMT_PLAIN: nothing done, nothing taken (a count, a state
 * or a case it leaves to fn, which owns every message); the caller makes
 * the plain call. */
typedef int (*sl_cstmt_fn)(sl_rt *rt, sl_value *slots, int32_t argc);
enum { SL_CSTMT_PLAIN = 1 };

typedef struct sl_cfunc_def {
  const char *name; /* Python __name__ / __qualname__ */
  sl_cfunc_fn fn;
  const char *label; /* canonical label (trace), e.g. "wakeup" */
  sl_canon canon;
  /* NULL for most; set only by designated initializers (the tables'
   * positional ones leave it out: -Wmissing-field-initializers is off for
   * this struct's users below). */
  sl_cstmt_fn stmt;
} sl_cfunc_def;
/* The ~300 tables of defs are positional and name four fields; a method
 * with a statement body names its fifth (.stmt). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

extern const sl_type sl_cfunc_type;

typedef struct sl_cfunc {
  sl_obj hdr;
  const sl_cfunc_def *def; /* static */
  sl_value self;           /* owned; SL_V_UNDEF for plain functions */
} sl_cfunc;

static inline sl_cfunc *sl_as_cfunc(sl_obj *o) { return (sl_cfunc *)o; }

/* A new callable running def->fn with `self` (borrowed; a reference is taken). */
sl_obj *sl_cfunc_new(sl_rt *rt, const sl_cfunc_def *def, sl_value self);

/* ---- methods and argument parsing for native callables ---------------- */

/* Looks `name` up in a NULL-terminated table of methods and returns it bound
 * to `self`. Returns 1 found (*out new ref), 0 not found, -1 error. */
int sl_methods_lookup(sl_rt *rt, sl_value self, const sl_cfunc_def *table, const char *name,
                      sl_value *out);

/* Binds positional and keyword arguments to `names` (nnames of them; the
 * first `nrequired` required, `npositional` of them may be passed by
 * position). Missing ones are left SL_V_UNDEF in out[]. Raises the
 * TypeError texts of CPython's Python functions (ceval.c): "f() missing 2
 * required positional arguments: 'x' and 'y'", "f() takes from 1 to 2
 * positional arguments but 3 were given", "f() got an unexpected keyword
 * argument 'z'". Values in out[] are borrowed. */
int sl__args_bind_full(sl_rt *rt, const sl_args *args, const char *fname, const char *const *names,
                       size_t nnames, size_t nrequired, size_t npositional, sl_value *out);
/* Positional arguments only, as many as the signature accepts (the common
 * call, e.g. every `q.put(x)`), are copied here; keywords and every error
 * take the full binder, which owns the messages. */
static inline int sl_args_bind(sl_rt *rt, const sl_args *args, const char *fname,
                               const char *const *names, size_t nnames, size_t nrequired,
                               size_t npositional, sl_value *out) {
  size_t n = args->npos;
  if (args->nkw || n < nrequired || n > npositional)
    return sl__args_bind_full(rt, args, fname, names, nnames, nrequired, npositional, out);
  for (size_t i = 0; i < n; i++) out[i] = args->pos[i];
  for (size_t i = n; i < nnames; i++) out[i] = sl_undef();
  return 0;
}
/* sl_args_bind for what CPython defines in Python as a method taking
 * `self` first (asyncio's class constructors: fname "Lock.__init__"): the
 * counts in the messages include self, and with optional positionals
 * they read "takes from 1 to 2 positional arguments but 3 were given"
 * (Python/ceval.c too_many_positional). */
int sl_args_bind_pymethod(sl_rt *rt, const sl_args *args, const char *fname,
                          const char *const *names, size_t nnames, size_t nrequired,
                          size_t npositional, sl_value *out);

#endif
