/* `with` and `async with`: looking the context manager's methods up in
 * ceval's order (BEFORE_WITH / BEFORE_ASYNC_WITH) and calling __exit__ /
 * __aexit__ with the exception that left the block. */
#include <stdbool.h>
#include <stdint.h>

#include "core/cfunc.h"
#include "core/exc.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"

/* The enter and exit methods of an engine type that promises that its
 * attribute lookup depends only on the type and the name
 * (SL_TF_STABLE_ATTRS, docs/architecture.md), as the generic lookup found
 * them the first time: the next block on an object of that type calls the
 * enter method's def directly and binds only the exit method, with no
 * lookup by name (a Lock's `async with` was two walks through getattr
 * comparing C strings and a bound __aenter__). Keyed by the type and the
 * profile (both static), so entries never go stale; thread-local, as runs
 * on different threads share nothing. */
typedef struct with_cache {
  const sl_type *type;
  const sl_profile *profile;
  const sl_cfunc_def *enter, *exit;
} with_cache;
#define WITH_CACHE_SIZE 16u
static _Thread_local with_cache with_cached[2][WITH_CACHE_SIZE];

/* The cache slot for mgr's type, or NULL when mgr's lookup may depend on
 * the instance (another kind of value, an instance of a scenario
 * subclass). */
static with_cache *with_slot(sl_rt *rt, sl_value mgr, bool sync) {
  if (mgr.tag != SL_V_OBJ || !(mgr.u.o->type->flags & SL_TF_STABLE_ATTRS) ||
      (mgr.u.o->size_class & SL_OBJ_EXT_BIT))
    return NULL;
  uintptr_t h = ((uintptr_t)mgr.u.o->type >> 4) ^ ((uintptr_t)rt->profile >> 3);
  return &with_cached[sync][h & (WITH_CACHE_SIZE - 1)];
}

/* Remembers what the generic lookup gave when both are methods bound to
 * mgr itself (not, say, a function stored under that name). */
static void with_cache_fill(sl_rt *rt, sl_value mgr, bool sync, sl_value enter, sl_value exit_fn) {
  with_cache *c = with_slot(rt, mgr, sync);
  if (!c || !sl_is_type(enter, &sl_cfunc_type) || !sl_is_type(exit_fn, &sl_cfunc_type)) return;
  const sl_cfunc *e = sl_as_cfunc(enter.u.o), *x = sl_as_cfunc(exit_fn.u.o);
  if (!sl_is(e->self, mgr) || !sl_is(x->self, mgr)) return;
  *c = (with_cache){mgr.u.o->type, rt->profile, e->def, x->def};
}

/* Enters through a cache hit: what the generic path does (exit bound,
 * enter called as sl_call calls a bound cfunc, same recursion bound). */
static int with_enter_cached(sl_rt *rt, sl_value mgr, const with_cache *c, sl_value *exit_fn,
                             sl_value *res) {
  sl_obj *x = sl_cfunc_new(rt, c->exit, mgr);
  if (!x) return -1;
  if (rt->recursion_depth > SL_MAX_RECURSION) {
    sl_decref(rt, x);
    return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
  }
  sl_args none = {NULL, 0, NULL, NULL, 0};
  rt->recursion_depth++;
  *res = sl_none();
  int rc = c->enter->fn(rt, mgr, &none, res);
  rt->recursion_depth--;
  if (rc) {
    sl_decref(rt, x);
    return -1;
  }
  *exit_fn = sl_obj_val(x);
  return 0;
}

/* `with`: BEFORE_WITH. 3.11-3.13 look __enter__ up first, 3.14 __exit__
 * (ceval's messages name what was missed). */
static int with_enter(sl_rt *rt, sl_value mgr, sl_value *exit_fn, sl_value *res) {
  bool exit_first = sl__py_minor(rt) >= 14;
  sl_value enter = sl_undef();
  *exit_fn = sl_undef();
  for (int i = 0; i < 2; i++) {
    bool is_exit = (i == 0) == exit_first;
    sl_value *slot = is_exit ? exit_fn : &enter;
    if (sl_vm_getattr(rt, mgr, is_exit ? "__exit__" : "__enter__", slot)) {
      if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
        sl_err_clear(rt);
        const char *suffix =
            i == 0 ? (exit_first ? " (missed __exit__ method)" : "")
                   : (exit_first ? " (missed __enter__ method)" : " (missed __exit__ method)");
        sl_raise(rt, SL_EXC_TYPE_ERROR,
                 "'%s' object does not support the context manager protocol%s", sl_type_name(mgr),
                 suffix);
      }
      *slot = sl_undef();
      sl_vdecref(rt, enter);
      sl_vdecref(rt, *exit_fn);
      *exit_fn = sl_undef();
      return -1;
    }
  }
  with_cache_fill(rt, mgr, true, enter, *exit_fn);
  sl_args none = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, enter, &none, res);
  sl_vdecref(rt, enter);
  if (rc) {
    sl_vdecref(rt, *exit_fn);
    return -1;
  }
  return 0;
}

int sl__vm_async_with_enter(sl_rt *rt, sl_value mgr, bool sync, sl_value *exit_fn, sl_value *aw) {
  const with_cache *c = with_slot(rt, mgr, sync);
  if (c && c->type == mgr.u.o->type && c->profile == rt->profile)
    return with_enter_cached(rt, mgr, c, exit_fn, aw);
  if (sync) return with_enter(rt, mgr, exit_fn, aw);
  sl_value enter = sl_undef();
  *exit_fn = sl_undef();
  if (sl_vm_getattr(rt, mgr, "__aenter__", &enter) ||
      sl_vm_getattr(rt, mgr, "__aexit__", exit_fn)) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
      sl_err_clear(rt);
      sl_raise(rt, SL_EXC_TYPE_ERROR,
               "'%s' object does not support the asynchronous context manager protocol",
               sl_type_name(mgr));
    }
    sl_vdecref(rt, enter);
    return -1;
  }
  with_cache_fill(rt, mgr, false, enter, *exit_fn);
  sl_args none = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, enter, &none, aw);
  sl_vdecref(rt, enter);
  if (rc) {
    sl_vdecref(rt, *exit_fn);
    return -1;
  }
  return 0;
}

int sl__vm_async_with_exit(sl_rt *rt, sl_value exit_fn, sl_obj *exc, sl_value *aw) {
  sl_value argv[3] = {sl_none(), sl_none(), sl_none()};
  if (exc) {
    argv[0] = sl_obj_val(sl_as_exc(exc)->cls);
    argv[1] = sl_obj_val(exc);
  }
  return sl_call_pos(rt, exit_fn, argv, 3, aw);
}
