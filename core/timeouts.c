/* Mirrors Lib/asyncio/timeouts.py (Timeout, timeout, timeout_at), with the
 * 3.11.2 / 3.11.3 (gh-102780) / 3.13 differences behind profile switches.
 * __aenter__/__aexit__ never suspend; they are C coroutines only because
 * `async with` awaits them. */
#include "core/long.h"
#include "core/timeouts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/num/numfmt.h"
#include "core/handle.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/sync-int.h"
#include "core/task.h"
#include "core/tuple.h"

static const char *const state_names[] = {"created", "active", "expiring", "expired", "finished"};

static void timeout_clear(sl_rt *rt, sl_obj *o) {
  sl_timeout *t = (sl_timeout *)o;
  sl_vset(rt, &t->when, sl_none());
  sl_decref(rt, t->handle);
  t->handle = NULL;
  sl_decref(rt, t->task);
  t->task = NULL;
}

/* round(when, 3) printed as Python prints it: correctly rounded to three
 * decimals (as dtoa mode 3 does), converted back, then repr'd. */
static int repr_rounded(sl_rt *rt, sl_value when, sl_strbuf *out) {
  if (when.tag != SL_V_FLOAT || !(when.u.f == when.u.f) || when.u.f - when.u.f != 0)
    return sl_repr(rt, when, out);
  char text[400];
  snprintf(text, sizeof text, "%.3f", when.u.f);
  sl_float_repr(out, strtod(text, NULL));
  return 0;
}

/* <Timeout [active] when=1.0>, <Timeout [expired]> */
static int timeout_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_timeout *t = (sl_timeout *)o;
  sl_strbuf_printf(out, "<Timeout [%s]", state_names[t->state]);
  if (t->state == SL_TIMEOUT_ENTERED) {
    sl_strbuf_puts(out, " when=");
    if (repr_rounded(rt, t->when, out)) return -1;
  }
  sl_strbuf_putc(out, '>');
  return 0;
}

static int timeout_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

const sl_type sl_timeout_type = {.name = "Timeout",
                                 .clear = timeout_clear,
                                 .repr = timeout_repr,
                                 .getattr = timeout_getattr,
                                 .size = sizeof(sl_timeout)};

sl_obj *sl_timeout_new(sl_rt *rt, sl_value when) {
  sl_obj *o = sl_obj_alloc(rt, &sl_timeout_type);
  if (!o) return NULL;
  ((sl_timeout *)o)->when = sl_vincref(when);
  return o;
}

sl_obj *sl_timeout_after(sl_rt *rt, sl_value delay) {
  if (sl_is_none(delay)) return sl_timeout_new(rt, delay);
  double d;
  delay = sl_num_unbox(delay);
  if (delay.tag == SL_V_FLOAT)
    d = delay.u.f;
  else if (delay.tag == SL_V_INT)
    d = (double)delay.u.i;
  else if (delay.tag == SL_V_BOOL)
    d = delay.u.b;
  else {
    sl_raise(rt, SL_EXC_TYPE_ERROR, "unsupported operand type(s) for +: 'float' and '%s'",
             sl_type_name(delay));
    return NULL;
  }
  /* timeouts.py: Timeout(loop.time() + delay) */
  return sl_timeout_new(rt, sl_float(sl_loop_time(rt) + d));
}

/* Timeout._on_timeout: `assert self._state is _State.ENTERED`,
 * task.cancel(), EXPIRING, drop the handle. args[0] is the task, carried
 * only so the handle is named "timeout T<k>" (docs/trace.md). */
static int on_timeout(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_timeout *t = (sl_timeout *)self.u.o;
  if (t->state != SL_TIMEOUT_ENTERED) return sl_raise_noargs(rt, SL_EXC_ASSERTION_ERROR);
  if (sl_task_cancel(rt, t->task, sl_none()) < 0) return -1;
  t->state = SL_TIMEOUT_EXPIRING;
  sl_obj *h = t->handle;
  t->handle = NULL;
  sl_decref(rt, h);
  return 0;
}

static const sl_cfunc_def on_timeout_def = {"Timeout._on_timeout", on_timeout, "timeout",
                                            SL_CANON_ARG0};

static int as_double(sl_value v, double *out) {
  v = sl_num_unbox(v);
  if (v.tag == SL_V_FLOAT)
    *out = v.u.f;
  else if (v.tag == SL_V_INT)
    *out = (double)v.u.i;
  else if (v.tag == SL_V_BOOL)
    *out = v.u.b;
  else
    return -1;
  return 0;
}

int sl_timeout_reschedule(sl_rt *rt, sl_obj *o, sl_value when) {
  sl_timeout *t = (sl_timeout *)o;
  if (t->state != SL_TIMEOUT_ENTERED) {
    if (!rt->profile->timeout_cancelling_level) {
      /* 3.11.2: assert self._state is not _State.CREATED */
      if (t->state == SL_TIMEOUT_CREATED) return sl_raise_noargs(rt, SL_EXC_ASSERTION_ERROR);
    } else if (t->state == SL_TIMEOUT_CREATED) {
      return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Timeout has not been entered");
    }
    return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Cannot change state of %s Timeout",
                    state_names[t->state]);
  }
  double w = 0;
  if (!sl_is_none(when) && as_double(when, &w))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "'<=' not supported between instances of '%s' and 'float'", sl_type_name(when));
  /* Allocate the callback first (it schedules nothing), then mutate. */
  sl_obj *cb = NULL;
  if (!sl_is_none(when)) {
    cb = sl_cfunc_new(rt, &on_timeout_def, sl_obj_val(o));
    if (!cb) return -1;
  }
  sl_vset(rt, &t->when, sl_vincref(when));
  /* timeouts.py:48-49@3.11.2 (:59-60@3.14.2): the old handler is
   * cancelled before the new one is scheduled; the trace shows the
   * `timer cancelled` event first. */
  if (t->handle) {
    sl_handle_cancel(rt, t->handle);
    sl_decref(rt, t->handle);
    t->handle = NULL;
  }
  if (cb) {
    sl_value arg = sl_obj_val(t->task);
    /* if when <= loop.time(): call_soon(self._on_timeout) else call_at(when, ...) */
    sl_obj *h;
    if (w <= sl_loop_time(rt))
      h = sl_loop_call_soon(rt, sl_obj_val(cb), &arg, 1);
    else
      h = sl_loop_call_at(rt, w, sl_obj_val(cb), &arg, 1);
    sl_decref(rt, cb);
    if (!h) return -1;
    t->handle = h;
  }
  return 0;
}

/* async def __aenter__(self); slot AE_SELF: the timeout. */
enum { AE_SELF };
static sl_coro_status aenter_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_obj *o = co->slots[AE_SELF].u.o;
  sl_timeout *t = (sl_timeout *)o;
  sl_obj *task = sl_task_current(rt);
  if (rt->profile->timeout_cancelling_level) {
    if (t->state != SL_TIMEOUT_CREATED) {
      sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Timeout has already been entered");
      return SL_CORO_ERROR;
    }
    if (!task) {
      sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Timeout should be used inside a task");
      return SL_CORO_ERROR;
    }
    t->cancelling = sl_task_cancelling(task);
  } else if (!task) {
    /* 3.11.2 sets the state before looking for the task. */
    t->state = SL_TIMEOUT_ENTERED;
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Timeout should be used inside a task");
    return SL_CORO_ERROR;
  }
  t->state = SL_TIMEOUT_ENTERED;
  sl_incref(task);
  sl_decref(rt, t->task);
  t->task = task;
  sl_value when = sl_vincref(t->when);
  int rc = sl_timeout_reschedule(rt, o, when);
  sl_vdecref(rt, when);
  if (rc) return SL_CORO_ERROR;
  *out = sl_obj_val(o);
  sl_incref(o);
  return SL_CORO_RETURN;
}

/* Timeout._insert_timeout_error (3.13+): walk the __context__ chain and
 * splice a TimeoutError in front of the first CancelledError. */
static int insert_timeout_error(sl_rt *rt, sl_obj *exc) {
  while (sl_as_exc(exc)->context) {
    sl_obj *ctx = sl_as_exc(exc)->context;
    if (sl_exc_isinstance(ctx, SL_EXC_CANCELLED_ERROR)) {
      sl_obj *te = sl_exc_new(rt, rt->classes[SL_EXC_TIMEOUT_ERROR], NULL, 0);
      if (!te) return -1;
      sl_incref(ctx);
      sl_incref(ctx);
      sl_as_exc(te)->context = ctx;
      sl_as_exc(te)->cause = ctx;
      sl_as_exc(te)->suppress_context = true; /* setting __cause__ sets it */
      sl_as_exc(exc)->context = te;           /* steals te; drops exc's ref to ctx */
      sl_decref(rt, ctx);
      return 0;
    }
    exc = ctx;
  }
  return 0;
}

enum { AX_SELF, AX_TYPE, AX_VAL };

/* async def __aexit__(self, exc_type, exc_val, exc_tb) */
static sl_coro_status aexit_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_timeout *t = (sl_timeout *)co->slots[AX_SELF].u.o;
  sl_value et = co->slots[AX_TYPE], ev = co->slots[AX_VAL];
  *out = sl_none();
  if (t->state != SL_TIMEOUT_ENTERED && t->state != SL_TIMEOUT_EXPIRING) {
    sl_raise_noargs(rt, SL_EXC_ASSERTION_ERROR);
    return SL_CORO_ERROR;
  }
  if (t->handle) {
    sl_handle_cancel(rt, t->handle);
    sl_decref(rt, t->handle);
    t->handle = NULL;
  }
  if (t->state == SL_TIMEOUT_ENTERED) {
    t->state = SL_TIMEOUT_EXITED;
    return SL_CORO_RETURN;
  }
  t->state = SL_TIMEOUT_EXPIRED;
  const sl_profile *p = rt->profile;
  int64_t left = sl_task_uncancel(rt, t->task);
  /* 3.11.2: uncancel() == 0; 3.11.3+: uncancel() <= self._cancelling */
  bool ours = p->timeout_cancelling_level ? left <= t->cancelling : left == 0;
  if (!ours || sl_is_none(et)) return SL_CORO_RETURN;
  sl_obj *ce = rt->classes[SL_EXC_CANCELLED_ERROR];
  bool is_cancel = p->timeout_insert_timeout_error
                       ? sl_is_type(et, &sl_class_type) && sl_class_is_subclass(et.u.o, ce)
                       : sl_is(et, sl_obj_val(ce)); /* ≤3.12: exc_type is CancelledError */
  if (is_cancel) {
    sl_obj *te = sl_exc_new(rt, rt->classes[SL_EXC_TIMEOUT_ERROR], NULL, 0);
    if (!te) return SL_CORO_ERROR;
    sl_obj *val = sl_is_type(ev, &sl_exc_type) ? ev.u.o : NULL;
    sl__set_context(rt, te, val);       /* raised while exc_val is being handled */
    if (p->timeout_raise_from && val) { /* raise TimeoutError from exc_val */
      sl_incref(val);
      sl_as_exc(te)->cause = val;
      sl_as_exc(te)->suppress_context = true;
    }
    sl_err_restore_chained(rt, te);
    return SL_CORO_ERROR;
  }
  if (p->timeout_insert_timeout_error && sl_is_type(ev, &sl_exc_type)) {
    if (insert_timeout_error(rt, ev.u.o)) return SL_CORO_ERROR;
    if (sl_exc_isinstance(ev.u.o, SL_EXC_EXCEPTION_GROUP)) {
      /* for exc in exc_val.exceptions: self._insert_timeout_error(exc) */
      sl_tuple *args = sl_as_tuple(sl_as_exc(ev.u.o)->args);
      sl_value excs = args->len == 2 ? args->items[1] : sl_none();
      const sl_value *items = NULL;
      size_t n = 0;
      if (sl_is_type(excs, &sl_tuple_type))
        items = sl_as_tuple(excs.u.o)->items, n = sl_as_tuple(excs.u.o)->len;
      else if (sl_is_type(excs, &sl_list_type))
        items = sl_as_list(excs.u.o)->items, n = sl_as_list(excs.u.o)->len;
      for (size_t i = 0; i < n; i++)
        if (sl_is_type(items[i], &sl_exc_type) && insert_timeout_error(rt, items[i].u.o))
          return SL_CORO_ERROR;
    }
  }
  return SL_CORO_RETURN;
}

static const sl_ccoro_def aenter_def = {"Timeout.__aenter__", aenter_resume, NULL};
static const sl_ccoro_def aexit_def = {"Timeout.__aexit__", aexit_resume, NULL};

sl_obj *sl_timeout_aenter(sl_rt *rt, sl_obj *timeout) {
  sl_value self = sl_obj_val(timeout);
  return sl_ccoro_new(rt, &aenter_def, &self, 1);
}

sl_obj *sl_timeout_aexit(sl_rt *rt, sl_obj *timeout, sl_value exc_type, sl_value exc_val) {
  sl_value slots[3] = {sl_obj_val(timeout), exc_type, exc_val};
  return sl_ccoro_new(rt, &aexit_def, slots, 3);
}

/* ---- Python-level methods ------------------------------------------------- */

static const char *const self_only[] = {"self"};

static int m_when(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[1];
  if (sl__bind_method(rt, self, args, "Timeout.when", self_only, 1, 1, 1, a)) return -1;
  *out = sl_vincref(((sl_timeout *)self.u.o)->when);
  return 0;
}
static int m_expired(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[1];
  if (sl__bind_method(rt, self, args, "Timeout.expired", self_only, 1, 1, 1, a)) return -1;
  *out = sl_bool(sl_timeout_expired(self.u.o));
  return 0;
}
static int m_reschedule(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "when"};
  sl_value a[2];
  if (sl__bind_method(rt, self, args, "Timeout.reschedule", names, 2, 2, 2, a)) return -1;
  return sl_timeout_reschedule(rt, self.u.o, a[1]);
}
static int m_aenter(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[1];
  if (sl__bind_method(rt, self, args, "Timeout.__aenter__", self_only, 1, 1, 1, a)) return -1;
  sl_obj *co = sl_timeout_aenter(rt, self.u.o);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}
static int m_aexit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"self", "exc_type", "exc_val", "exc_tb"};
  sl_value a[4];
  if (sl__bind_method(rt, self, args, "Timeout.__aexit__", names, 4, 4, 4, a)) return -1;
  sl_obj *co = sl_timeout_aexit(rt, self.u.o, a[1], a[2]);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

static const sl_cfunc_def timeout_methods[] = {
    {"Timeout.when", m_when, NULL, SL_CANON_LABEL},
    {"Timeout.expired", m_expired, NULL, SL_CANON_LABEL},
    {"Timeout.reschedule", m_reschedule, NULL, SL_CANON_LABEL},
    {"Timeout.__aenter__", m_aenter, NULL, SL_CANON_LABEL},
    {"Timeout.__aexit__", m_aexit, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

static int timeout_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  return sl__getattr_methods(rt, o, timeout_methods, name, out);
}
