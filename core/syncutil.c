/* Shared helpers of the synchronisation primitives (see sync-int.h):
 * CPython-style method argument binding, getattr over method tables, and
 * small conveniences for C coroutines. */
#include "core/sync-int.h"

#include "core/alloc.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/identity.h"
#include "core/rt.h"

int sl__bind_method_full(sl_rt *rt, sl_value self, const sl_args *args, const char *qualname,
                         const char *const *names, size_t nnames, size_t nrequired,
                         size_t npositional, sl_value *out) {
  /* Prepend self so the counts in the messages match CPython's. */
  sl_value local[8];
  sl_value *pos = args->npos + 1 <= 8 ? local : sl_malloc((args->npos + 1) * sizeof *pos);
  if (!pos) return sl_nomem(rt);
  pos[0] = self;
  for (size_t i = 0; i < args->npos; i++) pos[i + 1] = args->pos[i];
  sl_args full = {pos, args->npos + 1, args->kwvals, args->kwnames, args->nkw};
  int rc = sl_args_bind(rt, &full, qualname, names, nnames, nrequired, npositional, out);
  if (pos != local) sl_free(pos);
  return rc;
}

int sl__sync_repr_head(sl_rt *rt, sl_obj *o, const char *engine_path, sl_strbuf *out) {
  sl_strbuf_putc(out, '<');
  sl_class_path_of(o, engine_path, out);
  sl_strbuf_puts(out, " object at ");
  if (sl_identity_put(rt, o, out)) return -1;
  sl_strbuf_puts(out, " [");
  return 0;
}

int sl__no_attribute(sl_rt *rt, sl_obj *o, const char *name) {
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                  name);
}

int sl__getattr_methods(sl_rt *rt, sl_obj *o, const sl_cfunc_def *methods, const char *name,
                        sl_value *out) {
  int found = sl_methods_lookup(rt, sl_obj_val(o), methods, name, out);
  if (found < 0) return -1;
  if (found) return 0;
  return sl__no_attribute(rt, o, name);
}

int sl__coro_result(sl_rt *rt, const sl_ccoro_def *def, sl_value self, sl_value *out) {
  sl_obj *co = sl_ccoro_new(rt, def, &self, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

int sl__as_int(sl_rt *rt, sl_value v, const char *what, int64_t *out) {
  if (v.tag == SL_V_INT)
    *out = v.u.i;
  else if (v.tag == SL_V_BOOL)
    *out = v.u.b;
  else
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s must be an integer, not %s", what, sl_type_name(v));
  return 0;
}

bool sl__pending_is_cancelled(sl_rt *rt) {
  return rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_CANCELLED_ERROR);
}

void sl__set_context(sl_rt *rt, sl_obj *exc, sl_obj *ctx) {
  if (!exc || exc == ctx) return;
  sl_exc *e = sl_as_exc(exc);
  if (ctx) sl_incref(ctx);
  sl_obj *old = e->context;
  e->context = ctx;
  sl_decref(rt, old);
}

int sl__waiter_suspend_any(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg,
                           sl_await_then then, sl_awaiter *aw, sl_value *out) {
  sl_obj *fut = sl_future_new(rt);
  if (!fut) return -1;
  if (sl_waitq_append_move(rt, waiters, fut)) {
    sl_decref(rt, fut);
    return -1;
  }
  sl_await_future_then(aw, fut, then, self, arg, out);
  return 0;
}

int sl__waiter_suspend_now_any(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg,
                               sl_await_then then, sl_awaiter *aw) {
  return sl__waiter_suspend_any(rt, waiters, self, arg, then, aw, NULL) ? -1 : SL_NOW_SUSPENDED;
}

int sl__waiter_suspend(sl_rt *rt, sl_waitq *waiters, sl_obj *self, sl_value arg, sl_await_then then,
                       sl_awaiter *aw, sl_value *out) {
  if (!sl__waiter_suspend_quiet(rt, waiters))
    return sl__waiter_suspend_any(rt, waiters, self, arg, then, aw, out);
  sl__waiter_suspend_take(rt, waiters, self, arg, then, aw, out);
  return 0;
}
