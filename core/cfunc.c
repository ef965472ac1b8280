/* Native callables (see cfunc.h). */
#include "core/cfunc.h"

#include <stdint.h>
#include <string.h>

#include "core/exc.h"
#include "core/identity.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/strbuf.h"

static void cfunc_clear(sl_rt *rt, sl_obj *o) {
  sl_value self = sl_as_cfunc(o)->self;
  sl_as_cfunc(o)->self = sl_undef();
  sl_vdecref(rt, self);
}

static int cfunc_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  sl_cfunc *f = sl_as_cfunc(o);
  *out = sl_none();
  return f->def->fn(rt, f->self, args, out);
}

/* Two cfuncs are equal when they run the same function on the same self, as
 * two bound methods of one object are (remove_done_callback relies on it). */
static int cfunc_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (!sl_is_type(b, &sl_cfunc_type)) return 0;
  sl_cfunc *x = sl_as_cfunc(a), *y = sl_as_cfunc(b.u.o);
  *res = x->def == y->def && sl_is(x->self, y->self);
  return 0;
}

/* A method bound to an object: "<built-in method append of list object at
 * 0x...>", the address being the run's (core/identity.h); the def's name
 * is "list.append". */
static int cfunc_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_cfunc *f = sl_as_cfunc(o);
  if (!sl_is_obj(f->self)) {
    sl_strbuf_printf(out, "<built-in %s %s>", sl_is_undef(f->self) ? "function" : "method",
                     f->def->name);
    return 0;
  }
  const char *name = strrchr(f->def->name, '.');
  const char *type = sl_type_name(f->self);
  bool c_asyncio = !strcmp(type, "Future") || !strcmp(type, "Task");
  sl_strbuf_printf(out, "<built-in method %s of %s%s object at ", name ? name + 1 : f->def->name,
                   c_asyncio ? "_asyncio." : "", type);
  return sl_identity_put_end(rt, f->self.u.o, out);
}

const sl_type sl_cfunc_type = {.name = "builtin_function_or_method",
                               .clear = cfunc_clear,
                               .call = cfunc_call,
                               .eq = cfunc_eq,
                               .repr = cfunc_repr,
                               .size = sizeof(sl_cfunc)};

sl_obj *sl_cfunc_new(sl_rt *rt, const sl_cfunc_def *def, sl_value self) {
  sl_obj *o = sl_obj_alloc(rt, &sl_cfunc_type);
  if (!o) return NULL;
  sl_as_cfunc(o)->def = def;
  sl_as_cfunc(o)->self = sl_vincref(self);
  return o;
}

/* Tables name methods by qualname ("Lock.acquire"): true when the last
 * part of `qualname` is `name`. */
static bool method_named(const char *qualname, const char *name) {
  const char *dot = strrchr(qualname, '.');
  return strcmp(dot ? dot + 1 : qualname, name) == 0;
}

/* A small direct-mapped cache of lookups: (table, name pointer) -> entry.
 * Method names come from code objects (stable pointers), and scanning a
 * table comparing every qualname was about a sixth of a Queue round trip.
 * A hit is re-checked by comparing the entry's name with `name`, so a
 * stale pointer (freed, reused for another string) can only miss; an
 * entry whose name matches is the table's first match for that text, as
 * only first matches are stored. Thread-local: runs on different threads
 * share nothing. */
#define MCACHE_SIZE 256u
typedef struct mcache_entry {
  const sl_cfunc_def *table;
  const char *name;
  const sl_cfunc_def *def;
} mcache_entry;
static _Thread_local mcache_entry mcache[MCACHE_SIZE];

int sl_methods_lookup(sl_rt *rt, sl_value self, const sl_cfunc_def *table, const char *name,
                      sl_value *out) {
  mcache_entry *c =
      &mcache[(((uintptr_t)table >> 4) ^ ((uintptr_t)name >> 3) ^ ((uintptr_t)name >> 11)) &
              (MCACHE_SIZE - 1)];
  const sl_cfunc_def *d = NULL;
  if (c->table == table && c->name == name && method_named(c->def->name, name)) {
    d = c->def;
  } else {
    for (d = table; d->name && !method_named(d->name, name); d++) {}
    if (!d->name) return 0;
    *c = (mcache_entry){table, name, d};
  }
  sl_obj *m = sl_cfunc_new(rt, d, self);
  if (!m) return -1;
  *out = sl_obj_val(m);
  return 1;
}

/* The function name as CPython's messages print it: "f()". */
static int too_many(sl_rt *rt, const char *fname, size_t npositional, size_t given) {
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes %zu positional argument%s but %zu %s given",
                  fname, npositional, npositional == 1 ? "" : "s", given,
                  given == 1 ? "was" : "were");
}

/* ceval's too_many_positional: with optional positionals the count is a
 * range ("sleep() takes from 1 to 2 positional arguments but 3 were
 * given"). */
static int too_many_range(sl_rt *rt, const char *fname, size_t nrequired, size_t npositional,
                          size_t given) {
  if (nrequired >= npositional) return too_many(rt, fname, npositional, given);
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "%s() takes from %zu to %zu positional arguments but %zu %s given", fname,
                  nrequired, npositional, given, given == 1 ? "was" : "were");
}

/* ceval's missing_arguments: every missing required positional, "'a'",
 * "'a' and 'b'", "'a', 'b', and 'c'". */
static int missing(sl_rt *rt, const char *fname, const char *const *names, size_t nrequired,
                   const sl_value *out) {
  size_t n = 0, seen = 0;
  for (size_t i = 0; i < nrequired; i++) n += sl_is_undef(out[i]);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "%s() missing %zu required positional argument%s: ", fname, n,
                   n == 1 ? "" : "s");
  for (size_t i = 0; i < nrequired; i++) {
    if (!sl_is_undef(out[i])) continue;
    seen++;
    const char *sep = seen == 1 ? "" : n == 2 ? " and " : seen == n ? ", and " : ", ";
    sl_strbuf_printf(&b, "%s'%s'", sep, names[i]);
  }
  int rc = b.failed ? sl_nomem(rt) : sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

int sl_args_bind_pymethod(sl_rt *rt, const sl_args *args, const char *fname,
                          const char *const *names, size_t nnames, size_t nrequired,
                          size_t npositional, sl_value *out) {
  if (args->npos > npositional) {
    size_t given = args->npos + 1; /* self */
    if (nrequired < npositional)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "%s() takes from %zu to %zu positional arguments but %zu were given", fname,
                      nrequired + 1, npositional + 1, given);
    return too_many(rt, fname, npositional + 1, given);
  }
  return sl_args_bind(rt, args, fname, names, nnames, nrequired, npositional, out);
}

int sl__args_bind_full(sl_rt *rt, const sl_args *args, const char *fname, const char *const *names,
                       size_t nnames, size_t nrequired, size_t npositional, sl_value *out) {
  for (size_t i = 0; i < nnames; i++) out[i] = sl_undef();
  if (args->npos > npositional)
    return too_many_range(rt, fname, nrequired, npositional, args->npos);
  for (size_t i = 0; i < args->npos; i++) out[i] = args->pos[i];
  for (size_t k = 0; k < args->nkw; k++) {
    const char *kw = sl_str_cstr(args->kwnames[k]);
    size_t i = 0;
    while (i < nnames && strcmp(names[i], kw) != 0) i++;
    if (i == nnames)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", fname,
                      kw);
    if (!sl_is_undef(out[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'", fname,
                      kw);
    out[i] = args->kwvals[k];
  }
  for (size_t i = 0; i < nrequired; i++)
    if (sl_is_undef(out[i])) return missing(rt, fname, names, nrequired, out);
  return 0;
}
