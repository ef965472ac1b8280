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
#include "core/locks.h"
#include "core/rt.h"

/* The enter and exit methods of an engine type that promises that its
 * attribute lookup depends only on the type and the name
 * (SL_TF_STABLE_ATTRS, docs/architecture.md), as the generic lookup found
 * them the first time: the next block on an object of that type calls the
 * enter method's def directly and keeps the exit method as its def and
 * the manager (LOAD_METHOD's pair), with no lookup by name and no bound
 * method made (a Lock's `async with` was two walks through getattr
 * comparing C strings, a bound __aenter__ and a bound __aexit__). Keyed by the type and the
 * profile (both static), so entries never go stale; thread-local, as runs
 * on different threads share nothing. */
typedef struct with_cache {
  const sl_type *type;
  const sl_profile *profile;
  const sl_cfunc_def *enter, *exit;
} with_cache;
#define WITH_CACHE_SIZE 16u
static _Thread_local with_cache with_cached[2][WITH_CACHE_SIZE];

/* The cache slot of type t under the run's profile. */
static inline with_cache *type_slot(sl_rt *rt, const sl_type *t, bool sync) {
  uintptr_t h = ((uintptr_t)t >> 4) ^ ((uintptr_t)rt->profile >> 3);
  return &with_cached[sync][h & (WITH_CACHE_SIZE - 1)];
}

/* The cache slot for mgr's type, or NULL when mgr's lookup may depend on
 * the instance (another kind of value, an instance of a scenario
 * subclass). */
static with_cache *with_slot(sl_rt *rt, sl_value mgr, bool sync) {
  if (mgr.tag != SL_V_OBJ || !(mgr.u.o->type->flags & SL_TF_STABLE_ATTRS) ||
      (mgr.u.o->size_class & SL_OBJ_EXT_BIT))
    return NULL;
  return type_slot(rt, mgr.u.o->type, sync);
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

/* mgr's cache entry when it holds mgr's type, else NULL. Only types
 * with SL_TF_STABLE_ATTRS are ever stored (with_cache_fill goes through
 * with_slot), so a hit on the type needs no test of its flags. */
static inline const with_cache *with_cached_for(sl_rt *rt, sl_value mgr, bool sync) {
  if (mgr.tag != SL_V_OBJ || (mgr.u.o->size_class & SL_OBJ_EXT_BIT)) return NULL;
  const sl_type *t = mgr.u.o->type;
  const with_cache *c = type_slot(rt, t, sync);
  return c->type == t && c->profile == rt->profile ? c : NULL;
}

/* The exit method as a def and its self (new reference to mgr). */
static inline void with_exit_def(sl_value mgr, const with_cache *c, sl_value exit[2]) {
  exit[0] = sl_undef();
  exit[0].u.p = c->exit;
  exit[1] = sl_vincref(mgr);
}

/* Calls a def with self as sl_call calls the bound cfunc (the same
 * recursion bound). */
static int call_def(sl_rt *rt, const sl_cfunc_def *def, sl_value self, const sl_args *a,
                    sl_value *res) {
  if (rt->recursion_depth > SL_MAX_RECURSION)
    return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
  rt->recursion_depth++;
  *res = sl_none();
  int rc = def->fn(rt, self, a, res);
  rt->recursion_depth--;
  return rc;
}

/* Enters through a cache hit: what the generic path does (enter called
 * as sl_call calls a bound cfunc, same recursion bound). */
static int with_enter_cached(sl_rt *rt, sl_value mgr, const with_cache *c, sl_value exit[2],
                             sl_value *res) {
  sl_args none = {NULL, 0, NULL, NULL, 0};
  if (call_def(rt, c->enter, mgr, &none, res)) return -1;
  with_exit_def(mgr, c, exit);
  return 0;
}

/* Whether mgr has both methods of a protocol (sync: `with`'s). */
static bool with_supports(sl_rt *rt, sl_value mgr, bool sync) {
  static const char *const names[2][2] = {{"__aenter__", "__aexit__"}, {"__enter__", "__exit__"}};
  for (int i = 0; i < 2; i++) {
    sl_value m;
    if (sl_vm_getattr(rt, mgr, names[sync][i], &m)) {
      if (!rt->fatal) sl_err_clear(rt);
      return false;
    }
    sl_vdecref(rt, m);
  }
  return true;
}

/* ceval's TypeError for a manager without `missed`: 3.11-3.13 name the
 * method only when the second lookup missed (bare: the first), 3.14 always
 * and suggest the other statement when mgr supports its protocol
 * (_PyEval_SpecialMethodCanSuggest). */
static void with_protocol_error(sl_rt *rt, sl_value mgr, bool sync, const char *missed, bool bare) {
  const char *proto = sync ? "" : "asynchronous ";
  if (bare) {
    sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object does not support the %scontext manager protocol",
             sl_type_name(mgr), proto);
    return;
  }
  const char *hint = "";
  if (sl__py_minor(rt) >= 14 && with_supports(rt, mgr, !sync))
    hint = sync ? " but it supports the asynchronous context manager protocol. Did you mean to use "
                  "'async with'?"
                : " but it supports the context manager protocol. Did you mean to use 'with'?";
  if (rt->fatal) return;
  sl_raise(rt, SL_EXC_TYPE_ERROR,
           "'%s' object does not support the %scontext manager protocol (missed %s method)%s",
           sl_type_name(mgr), proto, missed, hint);
}

/* BEFORE_WITH / BEFORE_ASYNC_WITH's lookups in ceval's order: 3.11-3.13
 * the enter method first, 3.14 the exit method (LOAD_SPECIAL). New
 * references, or -1 with both UNDEF. */
static int with_lookup(sl_rt *rt, sl_value mgr, bool sync, sl_value *enter, sl_value *exit_fn) {
  static const char *const names[2][2] = {{"__aenter__", "__aexit__"}, {"__enter__", "__exit__"}};
  bool exit_first = sl__py_minor(rt) >= 14;
  *enter = *exit_fn = sl_undef();
  for (int i = 0; i < 2; i++) {
    bool is_exit = (i == 0) == exit_first;
    sl_value *slot = is_exit ? exit_fn : enter;
    if (!sl_vm_getattr(rt, mgr, names[sync][is_exit], slot)) continue;
    *slot = sl_undef();
    sl_vdecref(rt, *enter);
    sl_vdecref(rt, *exit_fn);
    *enter = *exit_fn = sl_undef();
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
      sl_err_clear(rt);
      with_protocol_error(rt, mgr, sync, names[sync][is_exit], i == 0 && !exit_first);
    }
    return -1;
  }
  return 0;
}

int sl__vm_async_with_enter(sl_rt *rt, sl_value mgr, bool sync, sl_value exit[2], sl_value *aw) {
  const with_cache *c = with_cached_for(rt, mgr, sync);
  if (c) return with_enter_cached(rt, mgr, c, exit, aw);
  sl_value enter;
  exit[1] = sl_undef();
  if (with_lookup(rt, mgr, sync, &enter, &exit[0])) return -1;
  with_cache_fill(rt, mgr, sync, enter, exit[0]);
  sl_args none = {NULL, 0, NULL, NULL, 0};
  int rc = sl_vm_call(rt, enter, &none, aw);
  sl_vdecref(rt, enter);
  if (rc) {
    sl_vdecref(rt, exit[0]);
    return -1;
  }
  return 0;
}

/* An exact Lock without an instance extension, whose lookup always finds
 * the mixin's __aenter__ and __aexit__ bound to it (lock_getattr, the
 * same under every profile): its `async with`, the commonest, needs
 * neither the lookup nor the cache, nor the await_now hook's dispatch on
 * the method. The recursion bound is call_def's (exceeded: "later", the
 * ordinary call raises it). */
static inline bool plain_lock(sl_rt *rt, sl_value mgr) {
  return sl_lock_is_plain(mgr) && rt->recursion_depth <= SL_MAX_RECURSION;
}

/* The exit method of a plain Lock as its def and self (new reference). */
static inline void lock_exit_def(sl_value mgr, sl_value exit[2]) {
  exit[0] = sl_undef();
  exit[0].u.p = sl_lock_aexit_def;
  exit[1] = sl_vincref(mgr);
}

/* A plain Lock held or with waiters: __aenter__'s first pass, which may
 * wait for its turn in place. */
static __attribute__((noinline)) int lock_enter_busy(sl_rt *rt, sl_value mgr, sl_value exit[2],
                                                     sl_awaiter *aw, sl_value *res) {
  int r = sl_lock_aenter_now(rt, mgr.u.o, aw, res);
  if (r == SL_NOW_DONE || r == SL_NOW_SUSPENDED) lock_exit_def(mgr, exit);
  return r;
}

/* Any other manager through the cache. Out of line, as is the busy Lock's
 * case, so that the idle Lock's path saves no registers. */
static __attribute__((noinline)) int enter_cached_now(sl_rt *rt, sl_value mgr, sl_value exit[2],
                                                      sl_awaiter *aw, sl_value *res) {
  const with_cache *c = with_cached_for(rt, mgr, false);
  if (!c || !mgr.u.o->type->await_now || rt->recursion_depth > SL_MAX_RECURSION)
    return SL_NOW_LATER;
  sl_value self[1] = {mgr}; /* argv[-1], no arguments */
  int r = mgr.u.o->type->await_now(rt, c->enter, self + 1, 0, aw, res);
  if (r == SL_NOW_DONE || r == SL_NOW_SUSPENDED) with_exit_def(mgr, c, exit);
  return r;
}

int sl__vm_async_with_enter_now(sl_rt *rt, sl_value mgr, sl_value exit[2], sl_awaiter *aw,
                                sl_value *res) {
  if (!plain_lock(rt, mgr)) return enter_cached_now(rt, mgr, exit, aw, res);
  if (!sl_lock_take_idle(mgr.u.o)) return lock_enter_busy(rt, mgr, exit, aw, res);
  *res = sl_none();
  lock_exit_def(mgr, exit);
  return SL_NOW_DONE;
}

/* The arguments of __exit__ / __aexit__: (None, None, None) or
 * (type(exc), exc, None). */
static inline void exit_args(sl_obj *exc, sl_value argv[3]) {
  argv[0] = argv[1] = argv[2] = sl_none();
  if (exc) {
    argv[0] = sl_obj_val(sl_as_exc(exc)->cls);
    argv[1] = sl_obj_val(exc);
  }
}

int sl__vm_async_with_exit(sl_rt *rt, const sl_value exit[2], sl_obj *exc, sl_value *aw) {
  sl_value argv[3];
  exit_args(exc, argv);
  if (exit[1].tag == SL_V_UNDEF) return sl_call_pos(rt, exit[0], argv, 3, aw);
  sl_args a = {argv, 3, NULL, NULL, 0};
  return call_def(rt, exit[0].u.p, exit[1], &a, aw);
}

static __attribute__((noinline)) int exit_other_now(sl_rt *rt, const sl_value exit[2], sl_obj *exc,
                                                    sl_value *res) {
  sl_value self = exit[1];
  if (self.tag != SL_V_OBJ || !self.u.o->type->await_now || rt->recursion_depth > SL_MAX_RECURSION)
    return SL_NOW_LATER;
  sl_value argv[4] = {self}; /* self under the three arguments */
  exit_args(exc, argv + 1);
  return self.u.o->type->await_now(rt, exit[0].u.p, argv + 1, 3, NULL, res);
}

int sl__vm_async_with_exit_now(sl_rt *rt, const sl_value exit[2], sl_obj *exc, sl_value *res) {
  if (!plain_lock(rt, exit[1]) || exit[0].u.p != sl_lock_aexit_def)
    return exit_other_now(rt, exit, exc, res);
  *res = sl_none();
  return sl_lock_release_now(rt, exit[1].u.o) ? -1 : SL_NOW_DONE;
}
