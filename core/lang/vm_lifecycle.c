/* Two special methods that hook into every instance's life rather than
 * one operation: __del__, run when the last reference to the instance
 * goes (Objects/typeobject.c slot_tp_finalize, called by core/heap.c's
 * sl_decref through sl_user_ops.finalize), and __getattribute__, which
 * replaces the whole attribute lookup (slot_tp_getattr_hook, with
 * __getattr__ on AttributeError).
 *
 * __del__ follows CPython's reference counting: it runs the moment the
 * count reaches zero (`del x`, rebinding, a frame ending, a container
 * dropping its item), at most once per object, with the pending exception
 * saved around it; what it raises is reported on the log as CPython's
 * "Exception ignored in: ..." and goes no further. Objects in reference
 * cycles are never collected before the run ends (simloop has no cycle
 * collector: the run's teardown frees them without finalizers), and
 * objects still alive when the run ends are freed without __del__, where
 * CPython runs it during interpreter shutdown. */
#include <string.h>

#include "core/exc.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"

/* sys.unraisablehook's text: "Exception ignored in: <repr of fn>" and the
 * traceback, to the observer's log. */
void sl__vm_report_unraisable(sl_rt *rt, sl_value fn, sl_obj *exc) {
  if (!rt->observer.log) return;
  sl_strbuf text = SL_STRBUF_INIT;
  sl_strbuf_puts(&text, "Exception ignored in: ");
  if (sl_repr(rt, fn, &text) && !rt->fatal) sl_err_clear(rt);
  sl_strbuf_putc(&text, '\n');
  int rc =
      rt->lang_traceback ? rt->lang_traceback(rt, exc, &text) : sl_exc_format_only(rt, exc, &text);
  if (rc && !rt->fatal) sl_err_clear(rt);
  if (!text.failed && !rt->fatal)
    rt->observer.log(rt->observer.ctx, rt->loop ? rt->loop->step : 0, sl_strbuf_cstr(&text));
  sl_strbuf_free(&text);
}

void sl__user_finalize(sl_rt *rt, sl_obj *inst) {
  if (rt->fatal || !rt->lang) return;
  sl_value fn;
  if (sl__class_lookup(rt, sl_user_cls_of(inst), "__del__", &fn) <= 0) {
    if (!rt->fatal) sl_err_clear(rt);
    return;
  }
  /* slot_tp_finalize: the pending exception is saved and restored. */
  const sl_obj *chained = rt->exc_chained;
  sl_obj *saved = sl_err_fetch(rt);
  sl_args none = {NULL, 0, NULL, NULL, 0};
  sl_value res;
  if (sl__call_bound(rt, fn, sl_obj_val(inst), &none, &res) == 0) {
    sl_vdecref(rt, res);
  } else if (!rt->fatal && rt->exc) {
    sl_obj *exc = sl_err_fetch(rt);
    sl__vm_report_unraisable(rt, fn, exc);
    sl_decref(rt, exc);
  }
  sl_vdecref(rt, fn);
  if (saved) {
    sl_err_restore(rt, saved);
    rt->exc_chained = chained;
  }
}

int sl__user_getattribute(sl_rt *rt, sl_obj *inst, const char *name, sl_value *out) {
  sl_obj *cls = sl_as_exc(inst)->cls;
  sl_value fn;
  int r = sl__class_lookup(rt, cls, "__getattribute__", &fn);
  if (r < 0) return -1;
  int rc;
  if (r == 0) { /* deleted since: object.__getattribute__ (the flag stays) */
    rc = sl__generic_getattr(rt, inst, name, out);
  } else {
    rc = sl__call_bound_name(rt, fn, sl_obj_val(inst), name, out);
    sl_vdecref(rt, fn);
  }
  return rc ? sl__getattr_hook(rt, cls, sl_obj_val(inst), name, out) : 0;
}

int sl__getattr_hook(sl_rt *rt, sl_obj *cls, sl_value self, const char *name, sl_value *out) {
  if (!cls || !(sl_as_class(cls)->lang_flags & SL__CLS_GETATTR) ||
      !sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR))
    return -1;
  sl_value fn;
  if (sl__class_lookup(rt, cls, "__getattr__", &fn) <= 0) return -1;
  sl_err_clear(rt);
  int rc = sl__call_bound_name(rt, fn, self, name, out);
  sl_vdecref(rt, fn);
  return rc;
}

/* object.__getattribute__(self, name) */
static int obj_getattribute_fn(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 2 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "expected 1 argument, got %zu",
                    args->npos ? args->npos - 1 : 0);
  if (!sl_is_str(args->pos[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "attribute name must be string, not '%s'",
                    sl_type_name(args->pos[1]));
  const char *name = sl_str_cstr(args->pos[1].u.o);
  if (!sl_is_type(args->pos[0], &sl_exc_type)) return sl_vm_getattr(rt, args->pos[0], name, out);
  return sl__generic_getattr(rt, args->pos[0].u.o, name, out);
}

const sl_cfunc_def sl__obj_getattribute_def = {"object.__getattribute__", obj_getattribute_fn,
                                               "user", SL_CANON_LABEL};
