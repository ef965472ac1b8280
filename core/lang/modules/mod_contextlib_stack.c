/* contextlib.ExitStack and AsyncExitStack. Mirrors Lib/contextlib.py's
 * _BaseExitStack, ExitStack and AsyncExitStack: the callbacks run in LIFO
 * order as nested `with` statements would; a callback that returns true
 * suppresses the exception, one that raises replaces it (its __context__
 * chain is fixed up to point at the exception it replaced, as
 * _fix_exception_context does), and the last exception is raised with
 * the context it had.
 *
 * A callback is a tuple (is_sync, style, fn, args, kwnames, kwvals):
 * style EXIT calls fn(exc_type, exc, tb) (a context manager's bound
 * __exit__/__aexit__, or push()'s callable), style CB calls fn(*args,
 * **kwargs) and never suppresses (callback(), push_async_callback()). */
#include <string.h>

#include "core/coro.h"
#include "core/exc.h"
#include "core/lang/modules/mod_contextlib-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

enum { CB_SYNC, CB_STYLE, CB_FN, CB_ARGS, CB_KWNAMES, CB_KWVALS, CB__N };
enum { STYLE_EXIT, STYLE_CB };

typedef struct exitstack {
  sl_obj hdr;
  sl_obj *cbs; /* owned list of callback tuples */
} exitstack;

static void es_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((exitstack *)o)->cbs);
  ((exitstack *)o)->cbs = NULL;
}

static int es_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

static const sl_type exitstack_type = {
    .name = "ExitStack", .clear = es_clear, .getattr = es_getattr, .size = sizeof(exitstack)};
static const sl_type async_exitstack_type = {
    .name = "AsyncExitStack", .clear = es_clear, .getattr = es_getattr, .size = sizeof(exitstack)};

static sl_list *cbs_of(sl_value self) { return sl_as_list(((exitstack *)self.u.o)->cbs); }

static int new_stack(sl_rt *rt, const sl_type *type, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, type);
  if (!o) return -1;
  if (!(((exitstack *)o)->cbs = sl_list_new(rt, NULL, 0))) {
    sl_decref(rt, o);
    return -1;
  }
  *out = sl_obj_val(o);
  return 0;
}

/* _push_exit_callback: appends (is_sync, style, fn, args, kwnames, kwvals). */
static int push_cb(sl_rt *rt, sl_value self, bool sync, int style, sl_value fn, const sl_value *pos,
                   size_t npos, const sl_args *kw) {
  sl_value items[CB__N] = {sl_bool(sync), sl_int(style), fn, sl_none(), sl_none(), sl_none()};
  sl_obj *args = sl_tuple_new(rt, pos, npos);
  size_t nkw = kw ? kw->nkw : 0;
  sl_value names[nkw ? nkw : 1];
  for (size_t i = 0; i < nkw; i++) names[i] = sl_obj_val(kw->kwnames[i]);
  sl_obj *kn = args ? sl_tuple_new(rt, names, nkw) : NULL;
  sl_obj *kv = kn ? sl_tuple_new(rt, nkw ? kw->kwvals : NULL, nkw) : NULL;
  int rc = -1;
  if (kv) {
    items[CB_ARGS] = sl_obj_val(args);
    items[CB_KWNAMES] = sl_obj_val(kn);
    items[CB_KWVALS] = sl_obj_val(kv);
    sl_obj *t = sl_tuple_new(rt, items, CB__N);
    rc = t ? sl_list_append(rt, ((exitstack *)self.u.o)->cbs, sl_obj_val(t)) : -1;
    sl_decref(rt, t);
  }
  sl_decref(rt, args);
  sl_decref(rt, kn);
  sl_decref(rt, kv);
  return rc;
}

/* Calls a callback tuple with the exception details (v[3]): the result,
 * for an async one the awaitable. */
static int call_cb(sl_rt *rt, sl_tuple *cb, const sl_value v[3], sl_value *out) {
  sl_value fn = cb->items[CB_FN];
  if (cb->items[CB_STYLE].u.i == STYLE_EXIT) return sl_vm_call_pos(rt, fn, v, 3, out);
  sl_tuple *pos = sl_as_tuple(cb->items[CB_ARGS].u.o);
  sl_tuple *kn = sl_as_tuple(cb->items[CB_KWNAMES].u.o);
  sl_tuple *kv = sl_as_tuple(cb->items[CB_KWVALS].u.o);
  sl_obj *names[kn->len ? kn->len : 1];
  for (size_t i = 0; i < kn->len; i++) names[i] = kn->items[i].u.o;
  sl_args a = {pos->items, pos->len, kv->items, names, kn->len};
  return sl_vm_call(rt, fn, &a, out);
}

/* The state of one __exit__/__aexit__ run: exc_details, received_exc,
 * suppressed_exc, pending_raise and frame_exc. */
typedef struct unwind {
  sl_value v[3];   /* owned: exc_type, exc, tb */
  bool received;   /* received_exc */
  bool suppressed; /* suppressed_exc */
  bool pending;    /* pending_raise */
  sl_obj *frame;   /* borrowed: sys.exc_info()[1] when the exit began */
} unwind;

/* _fix_exception_context(new_exc, old_exc) */
static void fix_context(sl_rt *rt, sl_obj *new_exc, sl_value old, sl_obj *frame) {
  sl_obj *old_exc = old.tag == SL_V_OBJ && sl_is_type(old, &sl_exc_type) ? old.u.o : NULL;
  for (;;) {
    sl_obj *ctx = sl_as_exc(new_exc)->context;
    if (!ctx || ctx == old_exc) return;
    if (ctx == frame) break;
    new_exc = ctx;
  }
  if (old_exc) sl_incref(old_exc);
  sl_decref(rt, sl_as_exc(new_exc)->context);
  sl_as_exc(new_exc)->context = old_exc;
}

/* What one callback's outcome does to the state: rc 0 with its result
 * (borrowed), or rc -1 with the exception pending. 0, or -1 when fatal. */
static int apply_outcome(sl_rt *rt, unwind *u, int rc, sl_value result) {
  if (rc == 0) {
    bool yes = false;
    if (sl_truth(rt, result, &yes)) return -1;
    if (yes) {
      u->suppressed = true;
      u->pending = false;
      for (int i = 0; i < 3; i++) sl_vset(rt, &u->v[i], sl_none());
    }
    return 0;
  }
  if (rt->fatal) return -1;
  sl_obj *e = sl_err_fetch(rt);
  fix_context(rt, e, u->v[1], u->frame);
  u->pending = true;
  sl_incref(sl_as_exc(e)->cls);
  sl_vset(rt, &u->v[0], sl_obj_val(sl_as_exc(e)->cls));
  sl_vset(rt, &u->v[1], sl_obj_val(e));
  sl_vset(rt, &u->v[2], sl_none());
  return 0;
}

/* The end of __exit__: raise the pending exception with its context, or
 * return received_exc and suppressed_exc. Drops the state. */
static int finish(sl_rt *rt, unwind *u, sl_value *out) {
  int rc = 0;
  if (u->pending) {
    sl_obj *e = u->v[1].u.o;
    sl_incref(e);
    rc = sl_err_restore(rt, e);
  } else {
    *out = sl_bool(u->received && u->suppressed);
  }
  for (int i = 0; i < 3; i++) sl_vdecref(rt, u->v[i]);
  return rc;
}

static void unwind_init(sl_rt *rt, unwind *u, const sl_args *a) {
  for (int i = 0; i < 3; i++) u->v[i] = sl_vincref(i < (int)a->npos ? a->pos[i] : sl_none());
  u->received = !sl_is_none(u->v[0]);
  u->suppressed = u->pending = false;
  u->frame = sl_vm_handled_exc(rt);
}

/* Pops the last callback (new reference), NULL when none is left. */
static sl_obj *pop_cb(sl_value self) {
  sl_list *l = cbs_of(self);
  return l->len ? l->items[--l->len].u.o : NULL;
}

/* ExitStack.__exit__(*exc_details) */
static int es_exit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__exit__() takes 3 positional arguments");
  unwind u;
  unwind_init(rt, &u, a);
  sl_obj *cb;
  while ((cb = pop_cb(self))) {
    sl_value r = sl_none();
    int rc = call_cb(rt, sl_as_tuple(cb), u.v, &r);
    sl_decref(rt, cb);
    int bad = apply_outcome(rt, &u, rc, r);
    if (rc == 0) sl_vdecref(rt, r);
    if (bad) {
      for (int i = 0; i < 3; i++) sl_vdecref(rt, u.v[i]);
      return -1;
    }
  }
  return finish(rt, &u, out);
}

static int es_close(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "close", NULL, 0, 0, 0, NULL)) return -1;
  sl_args none = {NULL, 0, NULL, NULL, 0};
  sl_value r;
  if (es_exit(rt, self, &none, &r)) return -1;
  sl_vdecref(rt, r);
  *out = sl_none();
  return 0;
}

static int es_enter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "__enter__", NULL, 0, 0, 0, NULL)) return -1;
  *out = sl_vincref(self);
  return 0;
}

/* type(x) has attribute `name`: 1 (*method bound to x), 0 no, -1 error. */
static int special(sl_rt *rt, sl_value x, const char *name, sl_value *method) {
  if (sl_vm_getattr(rt, x, name, method) == 0) return 1;
  if (rt->fatal || !sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
  sl_err_clear(rt);
  return 0;
}

/* "'mod.Qual' object does not support the ... protocol" from None */
static int not_a_cm(sl_rt *rt, sl_value cm, const char *what) {
  sl_value cls, mod = sl_none(), qual = sl_none();
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_vm_getattr(rt, cm, "__class__", &cls) == 0) {
    if (sl_vm_getattr(rt, cls, "__module__", &mod)) sl_err_clear(rt);
    if (sl_vm_getattr(rt, cls, "__qualname__", &qual)) sl_err_clear(rt);
    sl_vdecref(rt, cls);
  } else {
    sl_err_clear(rt);
  }
  sl_strbuf_printf(&b, "'%s.%s' object does not support the %scontext manager protocol",
                   sl_is_str(mod) ? sl_str_cstr(mod.u.o) : "builtins",
                   sl_is_str(qual) ? sl_str_cstr(qual.u.o) : sl_type_name(cm), what);
  sl_vdecref(rt, mod);
  sl_vdecref(rt, qual);
  int rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

static int es_enter_context(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"cm"};
  sl_value cm[1], enter, exit;
  if (sl_args_bind(rt, a, "enter_context", names, 1, 1, 1, cm)) return -1;
  int r = special(rt, cm[0], "__enter__", &enter);
  if (r < 0) return -1;
  if (r == 0) return not_a_cm(rt, cm[0], "");
  r = special(rt, cm[0], "__exit__", &exit);
  if (r <= 0) {
    sl_vdecref(rt, enter);
    return r < 0 ? -1 : not_a_cm(rt, cm[0], "");
  }
  int rc = sl_vm_call_pos(rt, enter, NULL, 0, out);
  if (rc == 0 && push_cb(rt, self, true, STYLE_EXIT, exit, NULL, 0, NULL)) {
    sl_vdecref(rt, *out);
    rc = -1;
  }
  sl_vdecref(rt, enter);
  sl_vdecref(rt, exit);
  return rc;
}

/* push(exit) / push_async_exit(exit): a context manager's bound exit
 * method, or the callable itself. Returns exit. */
static int push_exit(sl_rt *rt, sl_value self, const sl_args *a, bool sync, sl_value *out) {
  static const char *const names[] = {"exit"};
  sl_value x[1], m;
  if (sl_args_bind(rt, a, sync ? "push" : "push_async_exit", names, 1, 1, 1, x)) return -1;
  int r = special(rt, x[0], sync ? "__exit__" : "__aexit__", &m);
  if (r < 0) return -1;
  int rc = push_cb(rt, self, sync, STYLE_EXIT, r ? m : x[0], NULL, 0, NULL);
  if (r) sl_vdecref(rt, m);
  if (rc) return -1;
  *out = sl_vincref(x[0]);
  return 0;
}

static int es_push(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return push_exit(rt, self, a, true, out);
}

static int es_push_async_exit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return push_exit(rt, self, a, false, out);
}

/* callback(callback, /, *args, **kwds) / push_async_callback: returns it. */
static int push_callback(sl_rt *rt, sl_value self, const sl_args *a, bool sync, sl_value *out) {
  if (a->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "%s() missing 1 required positional argument: 'callback'",
                    sync ? "ExitStack.callback" : "AsyncExitStack.push_async_callback");
  if (push_cb(rt, self, sync, STYLE_CB, a->pos[0], a->pos + 1, a->npos - 1, a)) return -1;
  *out = sl_vincref(a->pos[0]);
  return 0;
}

static int es_callback(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return push_callback(rt, self, a, true, out);
}

static int es_push_async_callback(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return push_callback(rt, self, a, false, out);
}

/* pop_all(): a new stack of the same type takes the callbacks. */
static int es_pop_all(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "pop_all", NULL, 0, 0, 0, NULL)) return -1;
  sl_obj *fresh = sl_list_new(rt, NULL, 0);
  if (!fresh) return -1;
  sl_value st;
  if (new_stack(rt, self.u.o->type, &st)) {
    sl_decref(rt, fresh);
    return -1;
  }
  exitstack *me = (exitstack *)self.u.o, *other = (exitstack *)st.u.o;
  sl_decref(rt, other->cbs);
  other->cbs = me->cbs;
  me->cbs = fresh;
  *out = st;
  return 0;
}

/* ---- AsyncExitStack's coroutines ---------------------------------------------- */

/* __aexit__(*exc_details). Slots: self, the three details, the awaited
 * callback's awaitable. The flags live in co->local.exit_stack. */
enum { AX_SELF, AX_T, AX_V, AX_TB, AX_AW, AX_FRAME };
enum { AX_LOOP, AX_AWAITED };

static void save_state(sl_rt *rt, sl_ccoro *co, unwind *u) {
  for (int i = 0; i < 3; i++) sl_vset(rt, &co->slots[AX_T + i], sl_vincref(u->v[i]));
  co->local.exit_stack.received = u->received;
  co->local.exit_stack.suppressed = u->suppressed;
  co->local.exit_stack.pending = u->pending;
}

static void load_state(sl_ccoro *co, unwind *u) {
  for (int i = 0; i < 3; i++) u->v[i] = sl_vincref(co->slots[AX_T + i]);
  u->received = co->local.exit_stack.received;
  u->suppressed = co->local.exit_stack.suppressed;
  u->pending = co->local.exit_stack.pending;
  u->frame = co->slots[AX_FRAME].tag == SL_V_OBJ ? co->slots[AX_FRAME].u.o : NULL;
}

static sl_coro_status aexit_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  unwind u;
  load_state(co, &u);
  *out = sl_none();
  if (co->pc == AX_AWAITED) {
    sl_value r = co->failed ? sl_none() : sl_ccoro_take_result(co);
    int bad = apply_outcome(rt, &u, co->failed ? -1 : 0, r);
    if (!co->failed) sl_vdecref(rt, r);
    if (bad) goto fail;
  }
  sl_obj *cb;
  while ((cb = pop_cb(co->slots[AX_SELF]))) {
    sl_tuple *t = sl_as_tuple(cb);
    sl_value r = sl_none();
    int rc = call_cb(rt, t, u.v, &r);
    if (rc == 0 && !t->items[CB_SYNC].u.b) { /* await cb(*exc_details) */
      sl_decref(rt, cb);
      save_state(rt, co, &u);
      for (int i = 0; i < 3; i++) sl_vdecref(rt, u.v[i]);
      sl_vset(rt, &co->slots[AX_AW], r);
      return sl_ccoro_await(rt, co, co->slots[AX_AW], AX_AWAITED, out);
    }
    sl_decref(rt, cb);
    int bad = apply_outcome(rt, &u, rc, r);
    if (rc == 0) sl_vdecref(rt, r);
    if (bad) goto fail;
  }
  return finish(rt, &u, out) ? SL_CORO_ERROR : SL_CORO_RETURN;
fail:
  for (int i = 0; i < 3; i++) sl_vdecref(rt, u.v[i]);
  return SL_CORO_ERROR;
}

static const sl_ccoro_def aexit_def = {"AsyncExitStack.__aexit__", aexit_resume, NULL};

static int aexit_new(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw || a->npos > 3)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__aexit__() takes 3 positional arguments");
  sl_obj *frame = sl_vm_handled_exc(rt);
  sl_value slots[6] = {self,      sl_none(), sl_none(),
                       sl_none(), sl_none(), frame ? sl_obj_val(frame) : sl_none()};
  for (size_t i = 0; i < a->npos; i++) slots[AX_T + i] = a->pos[i];
  sl_obj *co = sl_ccoro_new(rt, &aexit_def, slots, 6);
  if (!co) return -1;
  ((sl_ccoro *)co)->local.exit_stack.received = !sl_is_none(slots[AX_T]);
  *out = sl_obj_val(co);
  return 0;
}

static int es_aexit(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  return aexit_new(rt, self, a, out);
}

/* aclose(): await self.__aexit__(None, None, None) */
static int es_aclose(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "aclose", NULL, 0, 0, 0, NULL)) return -1;
  sl_args none = {NULL, 0, NULL, NULL, 0};
  return aexit_new(rt, self, &none, out);
}

/* __aenter__(): a coroutine returning self. */
static sl_coro_status return_slot0(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  (void)rt;
  *out = sl_vincref(co->slots[0]);
  return SL_CORO_RETURN;
}

static const sl_ccoro_def aenter_def = {"AsyncExitStack.__aenter__", return_slot0, NULL};

static int es_aenter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl_args_bind(rt, a, "__aenter__", NULL, 0, 0, 0, NULL)) return -1;
  sl_obj *co = sl_ccoro_new(rt, &aenter_def, &self, 1);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

/* enter_async_context(cm): result = await cm.__aenter__(); push
 * cm.__aexit__. Slots: self, cm, the bound __aexit__, the awaitable. */
enum { EA_SELF, EA_CM, EA_EXIT, EA_AW };

static sl_coro_status enter_async_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  *out = sl_none();
  if (co->pc == 0) {
    sl_value enter, exit;
    int r = special(rt, co->slots[EA_CM], "__aenter__", &enter);
    if (r == 0) not_a_cm(rt, co->slots[EA_CM], "asynchronous ");
    if (r <= 0) return SL_CORO_ERROR;
    r = special(rt, co->slots[EA_CM], "__aexit__", &exit);
    if (r <= 0) {
      sl_vdecref(rt, enter);
      if (r == 0) not_a_cm(rt, co->slots[EA_CM], "asynchronous ");
      return SL_CORO_ERROR;
    }
    sl_vset(rt, &co->slots[EA_EXIT], exit);
    sl_value aw;
    int rc = sl_vm_call_pos(rt, enter, NULL, 0, &aw);
    sl_vdecref(rt, enter);
    if (rc) return SL_CORO_ERROR;
    sl_vset(rt, &co->slots[EA_AW], aw);
    return sl_ccoro_await(rt, co, co->slots[EA_AW], 1, out);
  }
  if (co->failed) return SL_CORO_ERROR;
  sl_value result = sl_ccoro_take_result(co);
  if (push_cb(rt, co->slots[EA_SELF], false, STYLE_EXIT, co->slots[EA_EXIT], NULL, 0, NULL)) {
    sl_vdecref(rt, result);
    return SL_CORO_ERROR;
  }
  *out = result;
  return SL_CORO_RETURN;
}

static const sl_ccoro_def enter_async_def = {"AsyncExitStack.enter_async_context",
                                             enter_async_resume, NULL};

static int es_enter_async_context(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"cm"};
  sl_value cm[1];
  if (sl_args_bind(rt, a, "enter_async_context", names, 1, 1, 1, cm)) return -1;
  sl_value slots[2] = {self, cm[0]};
  sl_obj *co = sl_ccoro_new(rt, &enter_async_def, slots, 2);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

/* ---- the classes -------------------------------------------------------------- */

static const sl_cfunc_def base_methods[] = {
    {"_BaseExitStack.enter_context", es_enter_context, NULL, 0},
    {"_BaseExitStack.push", es_push, NULL, 0},
    {"_BaseExitStack.callback", es_callback, NULL, 0},
    {"_BaseExitStack.pop_all", es_pop_all, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static const sl_cfunc_def sync_methods[] = {
    {"ExitStack.__enter__", es_enter, NULL, 0},
    {"ExitStack.__exit__", es_exit, NULL, 0},
    {"ExitStack.close", es_close, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static const sl_cfunc_def async_methods[] = {
    {"AsyncExitStack.__aenter__", es_aenter, NULL, 0},
    {"AsyncExitStack.__aexit__", es_aexit, NULL, 0},
    {"AsyncExitStack.aclose", es_aclose, NULL, 0},
    {"AsyncExitStack.enter_async_context", es_enter_async_context, NULL, 0},
    {"AsyncExitStack.push_async_exit", es_push_async_exit, NULL, 0},
    {"AsyncExitStack.push_async_callback", es_push_async_callback, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int es_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_value self = sl_obj_val(o);
  int r = sl_methods_lookup(rt, self, base_methods, name, out);
  if (r == 0)
    r = sl_methods_lookup(rt, self, o->type == &exitstack_type ? sync_methods : async_methods, name,
                          out);
  if (r < 0) return -1;
  if (!r)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", o->type->name,
                    name);
  return 0;
}

static int m_exitstack(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  if (sl_args_bind(rt, a, "ExitStack", NULL, 0, 0, 0, NULL)) return -1;
  return new_stack(rt, &exitstack_type, out);
}

static int m_async_exitstack(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  if (sl_args_bind(rt, a, "AsyncExitStack", NULL, 0, 0, 0, NULL)) return -1;
  return new_stack(rt, &async_exitstack_type, out);
}

static const sl_cfunc_def stack_funcs[] = {
    {"ExitStack", m_exitstack, NULL, 0},
    {"AsyncExitStack", m_async_exitstack, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl__contextlib_stack_init(sl_rt *rt, sl_obj *module_dict) {
  return sl_stdmod_add_funcs(rt, module_dict, stack_funcs);
}
