/* The loop's exception handler as the program sees it:
 * set_exception_handler, get_exception_handler, default_exception_handler
 * and call_exception_handler; and its debug flag (set_debug, get_debug).
 * Mirrors base_events.py (3.11-3.14).
 *
 * The engine reports every error CPython sends to call_exception_handler
 * (a failing callback, asyncio.run's shutdown, a TaskGroup or shield
 * losing an exception) through sl_loop_call_exception_handler_ctx
 * (core/loop.c), which records the trace's `error` event, then asks this
 * file's hook: when the program set a handler, the hook builds CPython's
 * context dict and calls handler(loop, context) right there, inside the
 * failing step, as CPython does; an exception out of the handler is logged
 * as "Unhandled error in exception handler". Not modelled: 3.12's running
 * of the handler in the task's or handle's contextvars context, and the
 * "exception was never retrieved" report, which depends on when CPython's
 * garbage collector frees the future (simloop reports such tasks at the
 * end of the run instead: the `never-retrieved` outcome). */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static sl_aio_loopobj *loopobj(sl_value v) { return (sl_aio_loopobj *)v.u.o; }

void sl__aio_loopobj_clear(sl_rt *rt, sl_obj *o) {
  sl_aio_loopobj *l = (sl_aio_loopobj *)o;
  sl_vset(rt, &l->handler, sl_undef());
  sl_decref(rt, l->attrs);
  l->attrs = NULL;
}

static bool has_handler(const sl_aio_loopobj *l) { return l->handler.tag == SL_V_OBJ; }

/* ---- default_exception_handler ----------------------------------------------- */

static int cmp_keys(const void *a, const void *b) {
  return strcmp(sl_str_cstr(*(sl_obj *const *)a), sl_str_cstr(*(sl_obj *const *)b));
}

/* logger.error('\n'.join([message, *(f'{key}: {value!r}' for key in
 * sorted(context) ...)]), exc_info=...) as the default handler does, to
 * the observer's log (the same text core/loop.c writes for the engine's
 * own reports). */
static int default_handler(sl_rt *rt, sl_obj *ctx) {
  sl_value msg = sl_undef(), exc = sl_undef();
  bool found;
  if (sl_dict_get_str(rt, ctx, "message", &msg, &found)) return -1;
  if (sl_dict_get_str(rt, ctx, "exception", &exc, &found)) {
    sl_vdecref(rt, msg);
    return -1;
  }
  sl_strbuf text = SL_STRBUF_INIT;
  bool truth = false;
  int rc = sl_is_undef(msg) ? 0 : sl_truth(rt, msg, &truth);
  if (!rc && truth)
    rc = sl_str(rt, msg, &text);
  else if (!rc)
    sl_strbuf_puts(&text, "Unhandled exception in event loop");
  sl_strbuf_putc(&text, '\n');
  size_t n = sl_dict_len(ctx), nk = 0, pos = 0;
  sl_obj **keys = n ? sl_malloc(n * sizeof *keys) : NULL;
  if (n && !keys) rc = sl_nomem(rt);
  sl_value k, v;
  while (!rc && sl_dict_next(ctx, &pos, &k, &v))
    if (sl_is_str(k) && strcmp(sl_str_cstr(k.u.o), "message") &&
        strcmp(sl_str_cstr(k.u.o), "exception"))
      keys[nk++] = k.u.o;
  if (!rc) qsort(keys, nk, sizeof *keys, cmp_keys);
  for (size_t i = 0; i < nk && !rc; i++) {
    bool f2;
    sl_value val;
    rc = sl_dict_get_str(rt, ctx, sl_str_cstr(keys[i]), &val, &f2);
    if (rc || !f2) continue;
    sl_strbuf_printf(&text, "%s: ", sl_str_cstr(keys[i]));
    rc = sl_repr(rt, val, &text);
    sl_strbuf_putc(&text, '\n');
    sl_vdecref(rt, val);
  }
  sl_free(keys);
  if (!rc && sl_is_type(exc, &sl_exc_type))
    rc = rt->lang_traceback ? rt->lang_traceback(rt, exc.u.o, &text)
                            : sl_exc_format_only(rt, exc.u.o, &text);
  if (!rc && text.failed) rc = sl_nomem(rt);
  if (!rc && rt->observer.log)
    rt->observer.log(rt->observer.ctx, rt->loop->step, sl_strbuf_cstr(&text));
  sl_strbuf_free(&text);
  sl_vdecref(rt, msg);
  sl_vdecref(rt, exc);
  return rc;
}

/* handler(loop, context); an exception out of it goes to the default
 * handler with {'message': 'Unhandled error in exception handler',
 * 'exception': exc, 'context': context}. Errors of the default handler
 * itself (out of memory) are left to rt->fatal. */
static int run_handler(sl_rt *rt, sl_value loop, sl_obj *ctx) {
  sl_value argv[2] = {loop, sl_obj_val(ctx)}, res;
  sl_value h = sl_vincref(loopobj(loop)->handler);
  int rc = sl_vm_call_pos(rt, h, argv, 2, &res);
  sl_vdecref(rt, h);
  if (rc == 0) {
    sl_vdecref(rt, res);
    return 0;
  }
  if (rt->fatal || !rt->exc) return -1;
  sl_obj *exc = rt->exc;
  sl_incref(exc);
  sl_err_clear(rt);
  /* CPython calls the handler inside `except BaseException as exc:` of the
   * failing callback: what the handler raises has that one as context. */
  sl_value cause = sl_undef();
  bool found = false;
  if (!sl_dict_get_str(rt, ctx, "exception", &cause, &found) && found &&
      sl_is_type(cause, &sl_exc_type) && cause.u.o != exc && !sl_as_exc(exc)->context) {
    sl_incref(cause.u.o);
    sl_as_exc(exc)->context = cause.u.o;
  }
  sl_vdecref(rt, cause);
  sl_obj *d = sl_dict_new(rt), *m = sl_str_from_cstr(rt, "Unhandled error in exception handler");
  rc = !d || !m || sl_dict_set_str(rt, d, "message", sl_obj_val(m)) ||
       sl_dict_set_str(rt, d, "exception", sl_obj_val(exc)) ||
       sl_dict_set_str(rt, d, "context", sl_obj_val(ctx));
  if (!rc) rc = default_handler(rt, d);
  sl_decref(rt, d);
  sl_decref(rt, m);
  sl_decref(rt, exc);
  if (rc && !rt->fatal) sl_err_clear(rt); /* logger.error(...) in CPython: nothing escapes */
  return rt->fatal ? -1 : 0;
}

int sl__aio_exc_handler_hook(sl_rt *rt, const char *message, sl_obj *exc, const char *key,
                             sl_obj *obj) {
  sl_lang *L = sl_vm_lang(rt);
  if (!L || !L->loop_obj || !has_handler((sl_aio_loopobj *)L->loop_obj)) return 0;
  /* The failing callback's exception is pending no more: the handler runs
   * as ordinary code of the step. */
  sl_obj *ctx = sl_dict_new(rt), *m = sl_str_from_cstr(rt, message ? message : "");
  int rc = !ctx || !m || sl_dict_set_str(rt, ctx, "message", sl_obj_val(m)) ||
           (exc && sl_dict_set_str(rt, ctx, "exception", sl_obj_val(exc))) ||
           (key && obj && sl_dict_set_str(rt, ctx, key, sl_obj_val(obj)));
  if (!rc) rc = run_handler(rt, sl_obj_val(L->loop_obj), ctx);
  sl_decref(rt, ctx);
  sl_decref(rt, m);
  return 1;
}

/* ---- the methods -------------------------------------------------------------- */

static int one_arg(sl_rt *rt, const sl_args *a, const char *meth, const char *param,
                   sl_value *out) {
  if (a->nkw == 1 && a->npos == 0 && !strcmp(sl_str_cstr(a->kwnames[0]), param)) {
    *out = a->kwvals[0];
    return 0;
  }
  if (a->npos == 1 && !a->nkw) {
    *out = a->pos[0];
    return 0;
  }
  if (a->npos + a->nkw == 0)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "BaseEventLoop.%s() missing 1 required positional argument: '%s'", meth, param);
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "BaseEventLoop.%s() takes 2 positional arguments but %zu were given", meth,
                  a->npos + 1);
}

static int set_handler_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value h;
  if (one_arg(rt, a, "set_exception_handler", "handler", &h)) return -1;
  if (!sl_is_none(h) && !sl__aio_callable(h)) {
    sl_strbuf b = SL_STRBUF_INIT;
    int rc = sl_repr(rt, h, &b);
    if (!rc)
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "A callable object or None is expected, got %s",
                    sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    (void)rc;
    return -1;
  }
  sl_vset(rt, &loopobj(self)->handler, sl_is_none(h) ? sl_undef() : sl_vincref(h));
  *out = sl_none();
  return 0;
}

static int get_handler_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos || a->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "BaseEventLoop.get_exception_handler() takes 1 positional argument but %zu "
                    "were given",
                    a->npos + a->nkw + 1);
  *out = has_handler(loopobj(self)) ? sl_vincref(loopobj(self)->handler) : sl_none();
  return 0;
}

static int context_arg(sl_rt *rt, const sl_args *a, const char *meth, sl_obj **ctx) {
  sl_value c;
  if (one_arg(rt, a, meth, "context", &c)) return -1;
  if (!sl__is_dict(c))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "simloop: loop.%s() takes a dict as the context (got %s)", meth,
                    sl_type_name(c));
  *ctx = c.u.o;
  return 0;
}

static int default_handler_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_obj *ctx;
  if (context_arg(rt, a, "default_exception_handler", &ctx) || default_handler(rt, ctx)) return -1;
  *out = sl_none();
  return 0;
}

/* call_exception_handler(context) from the program: the trace's `error`
 * event as for the engine's own reports, then the handler. */
static int call_handler_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_obj *ctx;
  if (context_arg(rt, a, "call_exception_handler", &ctx)) return -1;
  if (rt->observer.error) {
    sl_value msg = sl_undef(), exc = sl_undef();
    bool f;
    if (sl_dict_get_str(rt, ctx, "message", &msg, &f) ||
        sl_dict_get_str(rt, ctx, "exception", &exc, &f)) {
      sl_vdecref(rt, msg);
      return -1;
    }
    sl_strbuf text = SL_STRBUF_INIT;
    bool is_exc = sl_is_type(exc, &sl_exc_type);
    if (is_exc && sl_exc_format_only(rt, exc.u.o, &text) && !rt->fatal) sl_err_clear(rt);
    rt->observer.error(rt->observer.ctx, rt->loop->step,
                       sl_is_str(msg) ? sl_str_cstr(msg.u.o) : NULL,
                       is_exc ? sl_strbuf_cstr(&text) : NULL);
    sl_strbuf_free(&text);
    sl_vdecref(rt, msg);
    sl_vdecref(rt, exc);
  }
  int rc = has_handler(loopobj(self)) ? run_handler(rt, self, ctx) : default_handler(rt, ctx);
  if (rc && !rt->fatal) sl_err_clear(rt); /* logged by CPython, never raised */
  if (rt->fatal) return -1;
  *out = sl_none();
  return 0;
}

/* ---- the debug flag ---------------------------------------------------------
 *
 * base_events.py keeps set_debug's argument as self._debug, as it is
 * (set_debug(1): get_debug() is 1): here a data attribute of the loop
 * object. Debug mode's checks and log lines (slow callbacks, where a
 * coroutine was created) are not simulated (docs/language.md). */

int sl__aio_loop_debug(sl_rt *rt, sl_obj *loop, sl_value *out) {
  int r = sl__aio_loop_attr_get(rt, loop, "_debug", out);
  if (r == 0) *out = sl_bool(false);
  return r < 0 ? -1 : 0;
}

static int get_debug_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "get_debug", NULL, 0, 0, 0, NULL)) return -1;
  return sl__aio_loop_debug(rt, self.u.o, out);
}

static int set_debug_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"enabled"};
  sl_value on;
  if (sl_args_bind(rt, args, "set_debug", names, 1, 1, 1, &on)) return -1;
  if (sl__aio_loop_setattr(rt, self.u.o, "_debug", on)) return -1;
  *out = sl_none();
  return 0;
}

static const sl_cfunc_def handler_methods[] = {
    {"BaseEventLoop.set_exception_handler", set_handler_fn, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.get_exception_handler", get_handler_fn, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.default_exception_handler", default_handler_fn, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.call_exception_handler", call_handler_fn, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.get_debug", get_debug_fn, NULL, SL_CANON_LABEL},
    {"BaseEventLoop.set_debug", set_debug_fn, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

int sl__aio_handler_getattr(sl_rt *rt, sl_value loop, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, loop, handler_methods, name, out);
}
