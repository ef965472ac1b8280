/* The builtins about objects themselves rather than their values: id(),
 * and delattr(). Mirrors Python/bltinmodule.c (builtin_id,
 * builtin_delattr); vars() is with the scope builtins (builtins_names.c).
 *
 * id() is the run-derived identity (core/identity.h) that reprs already
 * show, so a run prints the same ids whatever the host's heap layout
 * (DESIGN.md section 4, determinism). Values that are immediates in
 * simloop (None, bool, int within 64 bits, float) have no object; their id
 * is a function of the value, in a region below the objects', so `x is y`
 * and `id(x) == id(y)` agree as in CPython. */
#include <string.h>

#include "core/identity.h"
#include "core/lang/builtins-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

/* Immediates: None, False, True at fixed places; ints and floats spread
 * over a 2**40-byte region by value, 16 bytes apart like objects (equal
 * values give equal ids; two different values collide only 2**36 apart). */
#define IMMEDIATE_BASE UINT64_C(0x7e0000000000)
#define INT_BASE       UINT64_C(0x7d0000000000)
#define FLOAT_BASE     UINT64_C(0x7c0000000000)
#define REGION_MASK    ((UINT64_C(1) << 40) - 1)

static uint64_t immediate_id(sl_value v) {
  switch (v.tag) {
  case SL_V_BOOL: return IMMEDIATE_BASE + (v.u.b ? 0x30u : 0x20u);
  case SL_V_INT: return INT_BASE + (((uint64_t)v.u.i << 4) & REGION_MASK);
  case SL_V_FLOAT: {
    uint64_t bits;
    memcpy(&bits, &v.u.f, sizeof bits);
    return FLOAT_BASE + (((bits * UINT64_C(0x9E3779B97F4A7C15)) >> 24 << 4) & REGION_MASK);
  }
  default: return IMMEDIATE_BASE + 0x10u; /* None */
  }
}

static int bi_id(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "id() takes no keyword arguments");
  if (a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "id() takes exactly one argument (%zu given)", a->npos);
  uint64_t addr;
  if (a->pos[0].tag != SL_V_OBJ)
    addr = immediate_id(a->pos[0]);
  else if (sl_identity_address(rt, a->pos[0].u.o, &addr))
    return -1;
  *out = sl_int((int64_t)addr);
  return 0;
}

static int bi_delattr(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "delattr() takes no keyword arguments");
  if (a->npos != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "delattr expected 2 arguments, got %zu", a->npos);
  if (!sl_is_str(a->pos[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "attribute name must be string, not '%s'",
                    sl_type_name(a->pos[1]));
  if (sl_vm_setattr(rt, a->pos[0], sl_str_cstr(a->pos[1].u.o), sl_undef())) return -1;
  *out = sl_none();
  return 0;
}

const sl_cfunc_def sl__builtin_obj_funcs[] = {
    {"id", bi_id, NULL, 0},
    {"delattr", bi_delattr, NULL, 0},
    {NULL, NULL, NULL, 0},
};
