/* `with` and `async with`: looking the context manager's methods up in
 * ceval's order (BEFORE_WITH / BEFORE_ASYNC_WITH) and calling __exit__ /
 * __aexit__ with the exception that left the block. */
#include <stdbool.h>

#include "core/exc.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"

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
