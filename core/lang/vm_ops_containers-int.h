/* Opcode family: building tuples, lists, sets, dicts and slices, adding
 * to them (comprehensions, star-arguments) and unpacking iterables into
 * the stack. Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_CONTAINERS_INT_H
#define SL_LANG_VM_OPS_CONTAINERS_INT_H

#include "core/lang/vm_ops-int.h"
#include "core/tuple.h"

static int unpack(sl_rt *rt, sl_value v, size_t before, size_t after, bool star, sl_value *dst) {
  /* Collects the items, then checks the count; dst receives them in
   * stack order (last target deepest). */
  sl_obj *items = sl_list_new(rt, NULL, 0);
  if (!items) return -1;
  const sl_value *src = NULL;
  size_t n = 0;
  if (sl_is_type(v, &sl_tuple_type)) {
    src = sl_as_tuple(v.u.o)->items;
    n = sl_as_tuple(v.u.o)->len;
  } else if (sl_is_type(v, &sl_list_type)) {
    src = sl_as_list(v.u.o)->items;
    n = sl_as_list(v.u.o)->len;
  } else {
    sl_value it;
    if (sl_iter(rt, v, &it)) {
      if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_TYPE_ERROR)) {
        sl_err_clear(rt);
        sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot unpack non-iterable %s object", sl_type_name(v));
      }
      sl_decref(rt, items);
      return -1;
    }
    for (;;) {
      sl_value x;
      int r = sl_iter_next(rt, it, &x);
      if (r < 0) {
        sl_vdecref(rt, it);
        sl_decref(rt, items);
        return -1;
      }
      if (r == 0) break;
      int rc = sl_list_append(rt, items, x);
      sl_vdecref(rt, x);
      if (rc) {
        sl_vdecref(rt, it);
        sl_decref(rt, items);
        return -1;
      }
    }
    sl_vdecref(rt, it);
    src = sl_as_list(items)->items;
    n = sl_as_list(items)->len;
  }
  int rc = 0;
  if (!star) {
    if (n != before) {
      /* 3.14 adds ", got N" when the length is known. */
      if (n > before && rt->profile->unpack_reports_count && !sl_is_type(v, &sl_str_type) &&
          src != sl_as_list(items)->items)
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "too many values to unpack (expected %zu, got %zu)",
                      before, n);
      else if (n > before)
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "too many values to unpack (expected %zu)", before);
      else
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "not enough values to unpack (expected %zu, got %zu)",
                      before, n);
    } else {
      for (size_t i = 0; i < n; i++) dst[n - 1 - i] = sl_vincref(src[i]);
    }
  } else if (n < before + after) {
    rc =
        sl_raise(rt, SL_EXC_VALUE_ERROR,
                 "not enough values to unpack (expected at least %zu, got %zu)", before + after, n);
  } else {
    size_t total = before + after + 1;
    sl_obj *mid = sl_list_new(rt, src + before, n - before - after);
    if (!mid) {
      rc = -1;
    } else {
      for (size_t i = 0; i < before; i++) dst[total - 1 - i] = sl_vincref(src[i]);
      dst[after] = sl_obj_val(mid);
      for (size_t i = 0; i < after; i++) dst[after - 1 - i] = sl_vincref(src[n - after + i]);
    }
  }
  sl_decref(rt, items);
  return rc;
}

SL_OP_INLINE int op_build_slice(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value step = POP(), stop = POP(), start = POP();
  sl_obj *s = sl_slice_new(rt, start, stop, step);
  sl_vdecref(rt, step);
  sl_vdecref(rt, stop);
  sl_vdecref(rt, start);
  if (!s) return -1;
  PUSH(sl_obj_val(s));
  return 0;
}

SL_OP_INLINE int op_build_seq(SL_OP_PARAMS, bool tuple) {
  (void)f, (void)co;
  sl_obj *o = tuple ? sl_tuple_new(rt, SP - arg, (size_t)arg)
                    : sl_list_new(rt, arg ? SP - arg : NULL, (size_t)arg);
  if (!o) return -1;
  for (int32_t i = 0; i < arg; i++) sl_vdecref(rt, POP());
  PUSH(sl_obj_val(o));
  return 0;
}

SL_OP_INLINE int op_build_set(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_obj *o = sl_set_new(rt);
  if (!o) return -1;
  int rc = 0;
  for (int32_t i = arg; i > 0 && !rc; i--) rc = sl_set_add(rt, o, PEEK(i));
  for (int32_t i = 0; i < arg; i++) sl_vdecref(rt, POP());
  PUSH(sl_obj_val(o));
  return rc;
}

SL_OP_INLINE int op_build_map(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_obj *o = sl_dict_new(rt);
  if (!o) return -1;
  int rc = 0;
  for (int32_t i = arg; i > 0 && !rc; i--) rc = sl_dict_set(rt, o, PEEK(2 * i), PEEK(2 * i - 1));
  for (int32_t i = 0; i < 2 * arg; i++) sl_vdecref(rt, POP());
  PUSH(sl_obj_val(o));
  return rc;
}

/* LIST_APPEND and SET_ADD */
SL_OP_INLINE int op_collection_add(SL_OP_PARAMS, bool list) {
  (void)f, (void)co;
  sl_value v = POP();
  sl_obj *c = PEEK(arg).u.o;
  int rc = list ? sl_list_append(rt, c, v) : sl_set_add(rt, c, v);
  sl_vdecref(rt, v);
  return rc;
}

SL_OP_INLINE int op_map_add(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value v = POP(), k = POP();
  int rc = sl_dict_set(rt, PEEK(arg).u.o, k, v);
  sl_vdecref(rt, k);
  sl_vdecref(rt, v);
  return rc;
}

/* LIST_EXTEND, SET_UPDATE, DICT_UPDATE */
SL_OP_INLINE int op_extend(SL_OP_PARAMS, sl_opcode op) {
  (void)f, (void)co;
  sl_value v = POP();
  int32_t depth = arg & ~SL_EXTEND_CALL;
  /* In a call the callable is below the list (and the args tuple). */
  sl_value fn =
      (arg & SL_EXTEND_CALL) ? PEEK(depth + (op == SL_OP_DICT_UPDATE ? 2 : 1)) : sl_undef();
  int rc = sl__vm_extend(rt, op, PEEK(depth).u.o, v, fn);
  sl_vdecref(rt, v);
  return rc;
}

SL_OP_INLINE int op_list_to_tuple(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value l = POP();
  sl_obj *t = sl_tuple_new(rt, sl_as_list(l.u.o)->items, sl_as_list(l.u.o)->len);
  sl_vdecref(rt, l);
  if (!t) return -1;
  PUSH(sl_obj_val(t));
  return 0;
}

/* UNPACK_SEQUENCE, and UNPACK_EX (arg: before | after << 8, a starred target between) */
SL_OP_INLINE int op_unpack(SL_OP_PARAMS, bool star) {
  (void)f, (void)co;
  sl_value v = POP();
  size_t before = star ? (size_t)(arg & 0xff) : (size_t)arg, after = star ? (size_t)(arg >> 8) : 0;
  int rc = unpack(rt, v, before, after, star, SP);
  sl_vdecref(rt, v);
  if (rc) return -1;
  SP += before + after + (star ? 1 : 0);
  return 0;
}

#endif
