/* Opcode family: operators, comparisons and f-string pieces (values in,
 * a value out). Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_VALUE_INT_H
#define SL_LANG_VM_OPS_VALUE_INT_H

#include "core/lang/vm_ops-int.h"
#include "core/str.h"

SL_OP_INLINE int op_binary(SL_OP_PARAMS, bool inplace) {
  (void)f, (void)co;
  sl_value b = POP(), a = POP(), v;
  int rc = inplace ? sl_inplace_op(rt, (sl_ast_binop)arg, a, b, &v)
                   : sl_binary_op(rt, (sl_ast_binop)arg, a, b, &v);
  sl_vdecref(rt, a);
  sl_vdecref(rt, b);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_unary(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value a = POP(), v;
  int rc;
  if (arg == SL_UNARY_NOT) {
    bool t = false;
    rc = sl_truth(rt, a, &t);
    v = sl_bool(!t);
  } else {
    rc = sl_unary_op(rt, (sl_ast_unaryop)arg, a, &v);
  }
  sl_vdecref(rt, a);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_compare(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value b = POP(), a = POP();
  bool r = false;
  int rc = sl_compare(rt, (sl_ast_cmpop)arg, a, b, &r);
  sl_vdecref(rt, a);
  sl_vdecref(rt, b);
  if (rc) return -1;
  PUSH(sl_bool(r));
  return 0;
}

static int format_value(sl_rt *rt, int32_t arg, sl_value v, sl_value spec, sl_value *out) {
  char conv = (char)(arg & 0xff);
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = 0;
  sl_value x = sl_vincref(v);
  if (conv == 'r' || conv == 'a' || conv == 's') {
    rc = conv == 's' ? sl_vm_str(rt, v, &b) : sl_vm_repr(rt, v, &b);
    sl_vdecref(rt, x);
    x = sl_undef();
    if (!rc) {
      sl_obj *s = sl_str_from_buf(rt, &b);
      if (!s)
        rc = -1;
      else
        x = sl_obj_val(s);
    }
    sl_strbuf_clear(&b);
  }
  if (!rc) {
    if (sl_is_undef(spec) && sl_is_str(x)) {
      *out = x;
      sl_strbuf_free(&b);
      return 0;
    }
    if (sl_is_undef(spec))
      rc = sl_vm_str(rt, x, &b);
    else
      rc = sl_format(rt, x, sl_str_cstr(spec.u.o), sl_as_str(spec.u.o)->len, &b);
    if (!rc) {
      sl_obj *s = sl_str_from_buf(rt, &b);
      if (!s)
        rc = -1;
      else
        *out = sl_obj_val(s);
    }
  }
  sl_vdecref(rt, x);
  sl_strbuf_free(&b);
  return rc;
}

static int build_string(sl_rt *rt, const sl_value *parts, size_t n, sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  for (size_t i = 0; i < n; i++)
    if (sl_is_str(parts[i]))
      sl_strbuf_append(&b, sl_str_cstr(parts[i].u.o), sl_as_str(parts[i].u.o)->len);
  if (b.failed) {
    sl_strbuf_free(&b);
    return sl_nomem(rt);
  }
  sl_obj *s = sl_str_new(rt, b.data ? b.data : "", b.len);
  sl_strbuf_free(&b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

SL_OP_INLINE int op_format_value(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value spec = (arg & 0x100) ? POP() : sl_undef();
  sl_value v = POP(), s;
  int rc = format_value(rt, arg, v, spec, &s);
  sl_vdecref(rt, spec);
  sl_vdecref(rt, v);
  if (rc) return -1;
  PUSH(s);
  return 0;
}

SL_OP_INLINE int op_build_string(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value s;
  int rc = build_string(rt, SP - arg, (size_t)arg, &s);
  for (int32_t i = 0; i < arg; i++) sl_vdecref(rt, POP());
  if (rc) return -1;
  PUSH(s);
  return 0;
}

#endif
