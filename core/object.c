/* Python's generic operations on values: type name, identity, repr/str,
 * comparison, hash, truth, call, getattr. The run's heap (allocation,
 * free lists, decref) is in heap.c. */
#include "core/identity.h"
#include "core/object.h"
#include "core/long.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "core/dict-int.h"
#include "core/exc.h"
#include "core/num/numfmt.h"
#include "core/rt.h"
#include "core/str.h"

const char *sl_type_name(sl_value v) {
  switch (v.tag) {
  case SL_V_NONE: return "NoneType";
  case SL_V_BOOL: return "bool";
  case SL_V_INT: return "int";
  case SL_V_FLOAT: return "float";
  case SL_V_OBJ:
    /* Instances of classes (exceptions, scenario classes) are named by
     * their class. */
    if (v.u.o->type == &sl_exc_type) return sl_exc_type_name(v.u.o);
    if (v.u.o->size_class & SL_OBJ_EXT_BIT) {
      sl_obj_ext *x = sl_obj_ext_of(v.u.o);
      if (x->cls) return sl_str_cstr(sl_as_class(x->cls)->name);
    }
    if (sl__dict_kind(v)) return sl__dict_kind(v)->name;
    return v.u.o->type->name;
  default: return "<undefined>";
  }
}

bool sl_is(sl_value a, sl_value b) {
  if (a.tag != b.tag) return false;
  switch (a.tag) {
  case SL_V_NONE:
  case SL_V_UNDEF: return true;
  case SL_V_BOOL: return a.u.b == b.u.b;
  case SL_V_INT: return a.u.i == b.u.i;
  case SL_V_FLOAT: return a.u.f == b.u.f || (isnan(a.u.f) && isnan(b.u.f));
  case SL_V_OBJ: return a.u.o == b.u.o;
  }
  return false;
}

/* A container's repr with Py_ReprEnter/Py_ReprLeave: the same object met
 * again inside its own repr prints as "[...]" and the like. */
static int guarded_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  for (uint32_t i = 0; i < rt->nrepr_active; i++) {
    if (rt->repr_active[i] != o) continue;
    const char *n = o->type->name;
    const sl_dict_kind *kind = sl__dict_kind(sl_obj_val(o));
    /* deque_repr's and odict_repr's own Py_ReprEnter texts. */
    if (!strcmp(n, "list") || !strcmp(n, "collections.deque"))
      sl_strbuf_puts(out, "[...]");
    else if (kind && !strcmp(kind->name, "OrderedDict"))
      sl_strbuf_puts(out, "...");
    else if (!strcmp(n, "dict"))
      sl_strbuf_puts(out, "{...}");
    else if (!strcmp(n, "tuple"))
      sl_strbuf_puts(out, "(...)");
    else
      sl_strbuf_printf(out, "%s(...)", n);
    return out->failed ? sl_nomem(rt) : 0;
  }
  SL_ASSERT(rt->nrepr_active < sizeof rt->repr_active / sizeof rt->repr_active[0]);
  rt->repr_active[rt->nrepr_active++] = o;
  rt->recursion_depth++;
  int rc = o->type->repr(rt, o, out);
  rt->recursion_depth--;
  rt->nrepr_active--;
  if (rc) return rc;
  return out->failed ? sl_nomem(rt) : 0;
}

int sl_repr(sl_rt *rt, sl_value v, sl_strbuf *out) {
  switch (v.tag) {
  case SL_V_NONE: sl_strbuf_puts(out, "None"); break;
  case SL_V_BOOL: sl_strbuf_puts(out, v.u.b ? "True" : "False"); break;
  case SL_V_INT: sl_strbuf_put_int(out, v.u.i); break;
  case SL_V_FLOAT: sl_float_repr(out, v.u.f); break;
  case SL_V_OBJ: {
    sl_obj *o = v.u.o;
    if (rt->recursion_depth > SL_MAX_RECURSION)
      return sl_raise(rt, SL_EXC_RECURSION_ERROR,
                      "maximum recursion depth exceeded while getting the repr of an object");
    if (o->type->flags & SL_TF_REPR_GUARD) return guarded_repr(rt, o, out);
    /* An engine object of a scenario class with its own __repr__. */
    if ((o->size_class & SL_OBJ_EXT_BIT) && sl_is_user_inst(v, SL_CLS_REPR) && rt->user_ops)
      return rt->user_ops->repr(rt, o, out);
    if (o->type->repr) {
      rt->recursion_depth++;
      int rc = o->type->repr(rt, o, out);
      rt->recursion_depth--;
      if (rc) return rc;
    } else {
      sl_strbuf_printf(out, "<%s object>", o->type->name);
    }
    break;
  }
  default: sl_strbuf_puts(out, "<undefined>");
  }
  return out->failed ? sl_nomem(rt) : 0;
}

int sl_str(sl_rt *rt, sl_value v, sl_strbuf *out) {
  if (v.tag == SL_V_OBJ && (v.u.o->size_class & SL_OBJ_EXT_BIT) &&
      sl_is_user_inst(v, SL_CLS_STR | SL_CLS_REPR) && rt->user_ops)
    return rt->user_ops->str(rt, v.u.o, out);
  if (v.tag == SL_V_OBJ && v.u.o->type->str) {
    if (v.u.o->type->str(rt, v.u.o, out)) return -1;
    return out->failed ? sl_nomem(rt) : 0;
  }
  return sl_repr(rt, v, out);
}

/* Three-way numeric comparison; 2 means unordered (NaN). Two int64s are
 * compared here; every other pair (floats, ints of any size) exactly by
 * core/long.c. */
static int num_cmp(sl_value a, sl_value b) {
  if (a.tag == SL_V_INT && b.tag == SL_V_INT) return a.u.i < b.u.i ? -1 : a.u.i > b.u.i;
  if (a.tag == SL_V_FLOAT && b.tag == SL_V_FLOAT)
    return isnan(a.u.f) || isnan(b.u.f) ? 2 : a.u.f < b.u.f ? -1 : a.u.f > b.u.f;
  return sl_number_cmp(a, b);
}

/* Whether a or b is an instance of a scenario class deriving from a
 * number type with comparison methods of its own (which come first). */
static bool num_sub_cmp(sl_value a, sl_value b) {
  return sl_is_user_inst(a, SL_CLS_CMP) || sl_is_user_inst(b, SL_CLS_CMP);
}

int sl_eq(sl_rt *rt, sl_value a, sl_value b, bool *res) {
  if (sl_is_number(a) && sl_is_number(b) &&
      ((a.tag != SL_V_OBJ && b.tag != SL_V_OBJ) || !num_sub_cmp(a, b))) {
    *res = num_cmp(a, b) == 0;
    return 0;
  }
  if (a.tag != SL_V_OBJ && b.tag != SL_V_OBJ) {
    *res = a.tag == b.tag;
    return 0;
  }
  if ((sl_is_user_inst(a, SL_CLS_CMP) || sl_is_user_inst(b, SL_CLS_CMP)) && rt->user_ops)
    return rt->user_ops->richcmp(rt, SL_RICH_EQ, a, b, res);
  if (a.tag == SL_V_OBJ && a.u.o->type->eq) return a.u.o->type->eq(rt, a.u.o, b, res);
  if (b.tag == SL_V_OBJ && b.u.o->type->eq) return b.u.o->type->eq(rt, b.u.o, a, res);
  *res = sl_is(a, b);
  return 0;
}

int sl_lt(sl_rt *rt, sl_value a, sl_value b, bool *res) {
  if (sl_is_number(a) && sl_is_number(b) &&
      ((a.tag != SL_V_OBJ && b.tag != SL_V_OBJ) || !num_sub_cmp(a, b))) {
    *res = num_cmp(a, b) == -1;
    return 0;
  }
  if ((sl_is_user_inst(a, SL_CLS_CMP) || sl_is_user_inst(b, SL_CLS_CMP)) && rt->user_ops)
    return rt->user_ops->richcmp(rt, SL_RICH_LT, a, b, res);
  if (a.tag == SL_V_OBJ && a.u.o->type->lt &&
      a.u.o->type == (b.tag == SL_V_OBJ ? b.u.o->type : NULL))
    return a.u.o->type->lt(rt, a.u.o, b, res);
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'<' not supported between instances of '%s' and '%s'",
                  sl_type_name(a), sl_type_name(b));
}

int sl_hash(sl_rt *rt, sl_value v, int64_t *out) {
  switch (v.tag) {
  case SL_V_NONE: *out = 0x5f3759df; return 0;
  case SL_V_BOOL: *out = v.u.b; return 0;
  case SL_V_INT:
    /* Below the modulus 2**61 - 1 an int is its own hash. */
    if (v.u.i > -(INT64_C(1) << 61) + 1 && v.u.i < (INT64_C(1) << 61) - 1)
      *out = v.u.i == -1 ? -2 : v.u.i;
    else
      *out = sl_i64_hash(v.u.i);
    return 0;
  case SL_V_FLOAT: *out = sl_double_hash(v.u.f); return 0;
  case SL_V_OBJ:
    if (v.u.o->type->unhashable)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "unhashable type: '%s'", sl_type_name(v));
    /* A number subclass's own __hash__ (None when it defines __eq__ alone). */
    if ((v.u.o->size_class & SL_OBJ_EXT_BIT) && sl_is_number(v) &&
        sl_is_user_inst(v, SL_CLS_HASH) && rt->user_ops)
      return rt->user_ops->hash(rt, v.u.o, out);
    if (v.u.o->type->hash) return v.u.o->type->hash(rt, v.u.o, out);
    return sl_identity_hash(rt, v.u.o, out);
  default: *out = 0; return 0;
  }
}

int sl_truth(sl_rt *rt, sl_value v, bool *res) {
  switch (v.tag) {
  case SL_V_NONE: *res = false; return 0;
  case SL_V_BOOL: *res = v.u.b; return 0;
  case SL_V_INT: *res = v.u.i != 0; return 0;
  case SL_V_FLOAT: *res = v.u.f != 0.0; return 0;
  case SL_V_OBJ:
    if (v.u.o->type->truth) return v.u.o->type->truth(rt, v.u.o, res);
    *res = true;
    return 0;
  default: *res = false; return 0;
  }
}

int sl_call(sl_rt *rt, sl_value callable, const sl_args *args, sl_value *out) {
  if (callable.tag != SL_V_OBJ || !callable.u.o->type->call)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not callable", sl_type_name(callable));
  if (rt->recursion_depth > SL_MAX_RECURSION)
    return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
  rt->recursion_depth++;
  int rc = callable.u.o->type->call(rt, callable.u.o, args, out);
  rt->recursion_depth--;
  return rc;
}

int sl_call_pos(sl_rt *rt, sl_value callable, const sl_value *argv, size_t argc, sl_value *out) {
  sl_args args = {argv, argc, NULL, NULL, 0};
  return sl_call(rt, callable, &args, out);
}

int sl_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out) {
  if (v.tag == SL_V_OBJ && v.u.o->type->getattr) return v.u.o->type->getattr(rt, v.u.o, name, out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", sl_type_name(v),
                  name);
}
