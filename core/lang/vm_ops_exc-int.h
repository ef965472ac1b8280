/* Opcode family: raising, re-raising and matching exceptions (except,
 * except*, the end of a with block, assert). Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_EXC_INT_H
#define SL_LANG_VM_OPS_EXC_INT_H

#include "core/lang/vm_ops-int.h"
#include "core/tuple.h"

static int exc_match(sl_rt *rt, sl_obj *exc, sl_value type, bool *res) {
  *res = false;
  if (sl_is_type(type, &sl_class_type) &&
      sl_class_is_subclass(type.u.o, rt->classes[SL_EXC_BASE_EXCEPTION])) {
    *res = sl_exc_isinstance_cls(exc, type.u.o);
    return 0;
  }
  if (sl_is_type(type, &sl_tuple_type)) {
    sl_tuple *t = sl_as_tuple(type.u.o);
    for (size_t i = 0; i < t->len; i++) {
      if (exc_match(rt, exc, t->items[i], res)) return -1;
      if (*res) return 0;
    }
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "catching classes that do not inherit from BaseException is not allowed");
}

/* arg 0: bare `raise`, 1: `raise exc`, 2: `raise exc from cause`. Always
 * leaves an exception pending. */
SL_OP_INLINE int op_raise(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value cause = arg == 2 ? POP() : sl_undef();
  sl_value exc = arg >= 1 ? POP() : sl_undef();
  int rc = sl__vm_do_raise(rt, exc, cause);
  sl_vdecref(rt, exc);
  sl_vdecref(rt, cause);
  return rc == 1 ? SL_OPR_RERAISE : SL_OPR_RAISED;
}

SL_OP_INLINE int op_reraise(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value exc = POP();
  sl_err_restore(rt, exc.u.o);
  return SL_OPR_RERAISE;
}

SL_OP_INLINE int op_check_exc_match(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value type = POP();
  bool r = false;
  int rc = exc_match(rt, TOP().u.o, type, &r);
  sl_vdecref(rt, type);
  if (rc) return -1;
  PUSH(sl_bool(r));
  return 0;
}

SL_OP_INLINE int op_load_assertion_error(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_incref(rt->classes[SL_EXC_ASSERTION_ERROR]);
  PUSH(sl_obj_val(rt->classes[SL_EXC_ASSERTION_ERROR]));
  return 0;
}

/* (exit exc result -- ): a true result swallows exc, else it is re-raised. */
SL_OP_INLINE int op_with_exit_check(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value r = POP(), exc = POP(), exit_self = POP(), exit_fn = POP();
  bool t = false;
  int rc = sl_truth(rt, r, &t);
  sl_vdecref(rt, r);
  sl_vdecref(rt, exit_self);
  sl_vdecref(rt, exit_fn);
  if (rc) {
    sl_vdecref(rt, exc);
    return -1;
  }
  if (t) {
    sl_vdecref(rt, exc);
    return 0;
  }
  sl_err_restore(rt, exc.u.o);
  return SL_OPR_RERAISE;
}

SL_OP_INLINE int op_exc_star_split(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value type = POP(), rest = POP(), nrest, match;
  int rc = sl__vm_star_split(rt, rest, type, &nrest, &match);
  sl_vdecref(rt, type);
  sl_vdecref(rt, rest);
  if (rc) return -1;
  PUSH(nrest);
  PUSH(match);
  return 0;
}

SL_OP_INLINE int op_prep_reraise_star(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value rest = POP(), raised = POP(), orig = POP(), v;
  int rc = sl__vm_star_prep(rt, orig, raised, rest, &v);
  sl_vdecref(rt, rest);
  sl_vdecref(rt, raised);
  sl_vdecref(rt, orig);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

#endif
