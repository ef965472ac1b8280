/* Opcode family: the stack, locals, cells, globals, names, attributes and
 * subscripts (loads, stores, deletes). Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_LOAD_INT_H
#define SL_LANG_VM_OPS_LOAD_INT_H

#include <string.h>

#include "core/dict-int.h"
#include "core/lang/vm_attr-int.h"
#include "core/lang/vm_ops-int.h"
#include "core/lang/vm_ops_value-int.h"
#include "core/str.h"

static inline int unbound_local(sl_rt *rt, sl_obj *name) {
  return sl_raise(rt, SL_EXC_UNBOUND_LOCAL_ERROR,
                  "cannot access local variable '%s' where it is not associated with a value",
                  sl_str_cstr(name));
}

static inline int unbound_cell(sl_rt *rt, sl_code *co, int32_t i) {
  if ((uint32_t)i < co->ncells) return unbound_local(rt, co->cellnames[i]);
  return sl_raise(
      rt, SL_EXC_NAME_ERROR,
      "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
      sl_str_cstr(co->cellnames[i]));
}

static inline int load_global(sl_rt *rt, sl_frame *f, sl_obj *name, sl_value *out) {
  bool found = false;
  if (f->ns) {
    if (sl_dict_get(rt, f->ns, sl_obj_val(name), out, &found)) return -1;
    if (found) return 0;
  }
  if (sl_dict_get(rt, f->globals, sl_obj_val(name), out, &found)) return -1;
  if (found) return 0;
  return sl__vm_builtin(rt, sl_str_cstr(name), out);
}

/* LOAD_GLOBAL (and LOAD_NAME outside class bodies, where the namespace is
 * the globals): globals, then builtins, through the code object's cache.
 * A global lookup used to hash and compare the name's bytes in up to two
 * dicts every time (names in code objects are not the dicts' key
 * objects); now a hit costs two version compares. */
SL_OP_INLINE int load_global_cached(sl_rt *rt, sl_frame *f, sl_code *co, int32_t arg,
                                    sl_value *out) {
  sl_gcache *gc = &co->gcache[arg];
  sl__htable *g = sl__as_htable(f->globals);
  if (gc->gversion && gc->gversion == g->version) {
    if (!gc->builtin) {
      *out = vm_vincref(g->entries[gc->ix].value);
      return 0;
    }
    sl__htable *b = sl__as_htable(sl_vm_lang(rt)->builtins);
    if (gc->bversion == b->version) {
      *out = vm_vincref(b->entries[gc->ix].value);
      return 0;
    }
  }
  sl_obj *name = co->names[arg];
  long ix;
  if (sl__dict_find(rt, f->globals, sl_obj_val(name), &ix)) return -1;
  if (ix >= 0) {
    *out = sl_vincref(g->entries[ix].value);
    *gc = (sl_gcache){g->version, 0, (uint32_t)ix, false};
    return 0;
  }
  sl__htable *b = sl__as_htable(sl_vm_lang(rt)->builtins);
  if (sl__dict_find(rt, &b->hdr, sl_obj_val(name), &ix)) return -1;
  if (ix >= 0) {
    *out = sl_vincref(b->entries[ix].value);
    *gc = (sl_gcache){g->version, b->version, (uint32_t)ix, true};
    return 0;
  }
  return sl__vm_builtin(rt, sl_str_cstr(name), out);
}

/* LOAD_ATTR on a module, through the code object's cache: 1 with *out
 * set when the name is in the module's dict, 0 when the generic getattr
 * must answer (absent names, and __class__, which getattr answers before
 * looking in the dict), -1 on error. Same version argument as above. */
SL_OP_INLINE int load_module_attr(sl_rt *rt, sl_code *co, int32_t arg, sl_obj *mod, sl_value *out) {
  sl_gcache *ac = &co->acache[arg];
  sl__htable *d = sl__as_htable(((sl_module *)mod)->dict);
  if (ac->gversion && ac->gversion == d->version) {
    *out = vm_vincref(d->entries[ac->ix].value);
    return 1;
  }
  sl_obj *name = co->names[arg];
  if (!strcmp(sl_str_cstr(name), "__class__")) return 0;
  long ix;
  if (sl__dict_find(rt, &d->hdr, sl_obj_val(name), &ix)) return -1;
  if (ix < 0) return 0;
  *out = sl_vincref(d->entries[ix].value);
  *ac = (sl_gcache){d->version, 0, (uint32_t)ix, false};
  return 1;
}

SL_OP_INLINE int op_pop_top(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_vdecref(rt, POP());
  return 0;
}

SL_OP_INLINE int op_copy(SL_OP_PARAMS) {
  (void)rt, (void)f, (void)co;
  sl_value v = PEEK(arg);
  PUSH(sl_vincref(v));
  return 0;
}

SL_OP_INLINE int op_swap(SL_OP_PARAMS) {
  (void)rt, (void)f, (void)co;
  sl_value t = SP[-1];
  SP[-1] = SP[-arg];
  SP[-arg] = t;
  return 0;
}

SL_OP_INLINE int op_load_const(SL_OP_PARAMS) {
  (void)rt, (void)f;
  PUSH(sl_vincref(co->consts[arg]));
  return 0;
}

SL_OP_INLINE int op_load_fast(SL_OP_PARAMS) {
  if (sl_is_undef(f->locals[arg])) return unbound_local(rt, co->localnames[arg]);
  PUSH(sl_vincref(f->locals[arg]));
  return 0;
}

SL_OP_INLINE int op_store_fast(SL_OP_PARAMS) {
  (void)co;
  sl_vset(rt, &f->locals[arg], POP());
  return 0;
}

SL_OP_INLINE int op_delete_fast(SL_OP_PARAMS) {
  (void)spp;
  if (sl_is_undef(f->locals[arg])) return unbound_local(rt, co->localnames[arg]);
  sl_vset(rt, &f->locals[arg], sl_undef());
  return 0;
}

SL_OP_INLINE int op_load_deref(SL_OP_PARAMS) {
  sl_cell *cell = (sl_cell *)f->cells[arg];
  if (sl_is_undef(cell->v)) return unbound_cell(rt, co, arg);
  PUSH(sl_vincref(cell->v));
  return 0;
}

SL_OP_INLINE int op_store_deref(SL_OP_PARAMS) {
  (void)co;
  sl_vset(rt, &((sl_cell *)f->cells[arg])->v, POP());
  return 0;
}

/* LOAD_FREE / STORE_FREE: a free variable's cell straight from the
 * closure tuple (f->free), arg its index there. */
SL_OP_INLINE int op_load_free(SL_OP_PARAMS) {
  sl_cell *cell = (sl_cell *)f->free[arg].u.o;
  if (sl_is_undef(cell->v)) return unbound_cell(rt, co, (int32_t)co->ncells + arg);
  PUSH(sl_vincref(cell->v));
  return 0;
}

SL_OP_INLINE int op_store_free(SL_OP_PARAMS) {
  (void)co;
  sl_vset(rt, &((sl_cell *)f->free[arg].u.o)->v, POP());
  return 0;
}

SL_OP_INLINE int op_delete_deref(SL_OP_PARAMS) {
  (void)spp;
  sl_cell *cell = (sl_cell *)sl_frame_cell(f, co, (uint32_t)arg);
  if (sl_is_undef(cell->v)) return unbound_cell(rt, co, arg);
  sl_vset(rt, &cell->v, sl_undef());
  return 0;
}

SL_OP_INLINE int op_load_closure(SL_OP_PARAMS) {
  (void)rt;
  sl_obj *cell = sl_frame_cell(f, co, (uint32_t)arg);
  sl_incref(cell);
  PUSH(sl_obj_val(cell));
  return 0;
}

/* LOAD_GLOBAL's fast path: the global cache's hit, pushed at sp[0] (new
 * ref) straight from the dict's entry (through a local and its out
 * pointer gcc kept the value in a stack slot). Nothing runs, so f->ip
 * need not be written. true pushed, false: op_load_global must answer. */
SL_OP_INLINE bool load_global_hit(sl_rt *rt, sl_frame *f, sl_code *co, int32_t arg, sl_value *sp) {
  const sl_gcache *gc = &co->gcache[arg];
  const sl__htable *g = sl__as_htable(f->globals);
  if (!gc->gversion || gc->gversion != g->version) return false;
  if (!gc->builtin) {
    sp[0] = vm_vincref(g->entries[gc->ix].value);
    return true;
  }
  const sl__htable *b = sl__as_htable(sl_vm_lang(rt)->builtins);
  if (gc->bversion != b->version) return false;
  sp[0] = vm_vincref(b->entries[gc->ix].value);
  return true;
}

/* LOAD_GLOBAL, and LOAD_NAME (class bodies look in their namespace first). */
SL_OP_INLINE int op_load_global(SL_OP_PARAMS, bool global) {
  sl_value v;
  if (global || !f->ns) {
    if (load_global_cached(rt, f, co, arg, &v)) return -1;
    PUSH(v);
    return 0;
  }
  if (load_global(rt, f, co->names[arg], &v)) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_store_global(SL_OP_PARAMS, bool name) {
  sl_value v = POP();
  sl_obj *d = name && f->ns ? f->ns : f->globals;
  if (name && f->enum_body &&
      sl__enum_body_store(rt, f->ns, f->enum_body - 1, co->names[arg], &v)) {
    sl_vdecref(rt, v);
    return -1;
  }
  int rc = sl_dict_set(rt, d, sl_obj_val(co->names[arg]), v);
  sl_vdecref(rt, v);
  return rc;
}

SL_OP_INLINE int op_delete_global(SL_OP_PARAMS, bool name) {
  (void)spp;
  sl_obj *d = name && f->ns ? f->ns : f->globals;
  bool found = false;
  if (sl_dict_del(rt, d, sl_obj_val(co->names[arg]), &found)) return -1;
  if (!found)
    return sl_raise(rt, SL_EXC_NAME_ERROR, "name '%s' is not defined", sl_str_cstr(co->names[arg]));
  return 0;
}

/* The def cached for co->names[arg] on obj's type (see sl_mcache), or
 * NULL: the generic lookup must answer. */
SL_OP_INLINE const sl_cfunc_def *method_cached(sl_code *co, int32_t arg, sl_value obj) {
  const sl_mcache *mc = &co->mcache[arg];
  if (obj.tag != SL_V_OBJ || obj.u.o->type != mc->type) return NULL;
  if (mc->type == &sl_dict_type && sl__as_htable(obj.u.o)->kind) return NULL;
  return (obj.u.o->size_class & SL_OBJ_EXT_BIT) ? NULL : mc->def;
}

/* Whether o's attribute lookup depends only on its type and the name:
 * SL_TF_STABLE_ATTRS, or a plain dict (a native subclass's kind, such as
 * Counter's, adds and overrides methods, so dicts cannot set the flag). */
static inline bool stable_attrs(sl_obj *o) {
  if (o->size_class & SL_OBJ_EXT_BIT) return false;
  if (o->type->flags & SL_TF_STABLE_ATTRS) return true;
  return o->type == &sl_dict_type && !sl__as_htable(o)->kind;
}

/* Remembers what the generic lookup of co->names[arg] on obj gave, when
 * the type promises it is the same for all its instances. */
static inline void method_cache_fill(sl_code *co, int32_t arg, sl_value obj, sl_value v) {
  if (obj.tag != SL_V_OBJ || !stable_attrs(obj.u.o) || !sl_is_type(v, &sl_cfunc_type)) return;
  const sl_cfunc *m = sl_as_cfunc(v.u.o);
  if (m->self.tag != SL_V_OBJ || m->self.u.o != obj.u.o) return;
  co->mcache[arg].type = obj.u.o->type;
  co->mcache[arg].def = m->def;
}

/* The entry of instance o's own dict where `name` was last found
 * (mc->dict_hint, the same test as vm_attr.c's dict_entry_hint: a live key
 * there that is the code's str itself), when none of the class's
 * lang_flags in `before` can answer before the dict and the cache entry
 * names one kind; NULL: ask the general path. */
SL_OP_INLINE sl__hentry *hinted_entry(const sl_mcache *mc, sl_obj *name, sl_obj *o,
                                      uint32_t before) {
  const sl_exc *e = sl_as_exc(o);
  if (mc->nkind != 1 || !e->attrs || (o->size_class & SL_OBJ_EXT_BIT) ||
      (sl_as_class(e->cls)->lang_flags & before))
    return NULL;
  sl__htable *t = sl__as_htable(e->attrs);
  uint32_t h = mc->dict_hint;
  if (h >= t->nentries || t->entries[h].key.tag != SL_V_OBJ || t->entries[h].key.u.o != name)
    return NULL;
  return &t->entries[h];
}

/* The first step of sl__vm_instance_attr (vm_attr.c), inline: the
 * instance's own dict at hinted_entry, when nothing answers before the
 * dict (no __getattribute__, no property or user descriptor, a plain
 * name). 1 *out set (new ref), 0 ask sl__vm_instance_attr. */
SL_OP_INLINE int instance_attr_hinted(const sl_mcache *mc, sl_obj *name, sl_obj *o, sl_value *out) {
  const sl__hentry *e =
      hinted_entry(mc, name, o, SL__CLS_GETATTRIBUTE | SL__CLS_DESCR | SL__CLS_UDESCR);
  if (!e) return 0;
  *out = vm_vincref(e->value);
  return 1;
}

/* The class attribute step of sl__vm_instance_attr (vm_attr.c), inline:
 * instance o's lookup reaches its class's attributes without a call
 * (sl__instance_dict_misses), and the cache entry found the name in the
 * class or its direct base with their attrs dicts unchanged
 * (sl__class_attr_near). 1 *out set (borrowed), 0 ask
 * sl__vm_instance_attr. */
SL_OP_INLINE int instance_class_attr_near(const sl_mcache *mc, sl_obj *name, sl_obj *o,
                                          sl_value *out) {
  return sl__instance_dict_misses(mc, name, o) && sl__class_attr_near(mc, sl_as_exc(o)->cls, out);
}

/* LOAD_FAST_ATTR's fast path: local `arg` is an instance of a scenario
 * class whose attribute `in->arg` (the LOAD_ATTR that follows) is where
 * op_load_attr would take it from, instance_attr_hinted's dict entry; the
 * local's reference is only borrowed, as nothing runs meanwhile. 1 *out
 * set (new ref), 0 run the plain instructions. */
SL_OP_INLINE int load_fast_attr(sl_frame *f, sl_code *co, int32_t arg, const sl_instr *in,
                                sl_value *out) {
  sl_value o = f->locals[arg];
  if (!sl_is_type(o, &sl_exc_type) || method_cached(co, in->arg, o)) return 0;
  return instance_attr_hinted(&co->mcache[in->arg], co->names[in->arg], o.u.o, out);
}

/* LOAD_FAST_AUG_ATTR's fast path (`x.a += n`, x local `arg`, `in` the
 * COPY after it): the attribute in x's dict at the entry where both
 * op_load_attr and op_store_attr would find it (the tests of
 * instance_attr_hinted and instance_setattr_hinted together), it and n
 * ints or floats that binary_fast combines: the result replaces it in
 * place. Immediates on both sides: no reference to take or drop, nothing
 * that can run or fail. 1 done, 0 run the plain instructions. */
SL_OP_INLINE int load_fast_aug_attr(sl_frame *f, sl_code *co, int32_t arg, const sl_instr *in) {
  sl_value o = f->locals[arg];
  int32_t name = in[1].arg;
  if (!sl_is_type(o, &sl_exc_type) || method_cached(co, name, o)) return 0;
  sl__hentry *e = hinted_entry(&co->mcache[name], co->names[name], o.u.o,
                               SL__CLS_GETATTRIBUTE | SL__CLS_SETATTR | SL__CLS_DESCR |
                                   SL__CLS_UDESCR | SL__CLS_SLOTS);
  if (!e) return 0;
  sl_value n = in[2].op == SL_OP_LOAD_FAST ? f->locals[in[2].arg] : co->consts[in[2].arg];
  return binary_fast(in[3].arg, e->value, n, &e->value);
}

/* LOAD_FAST_AUG / LOAD_FREE_AUG's fast path (`x += n`, *slot x's value,
 * `in` the load of n after it): x and n ints or floats that binary_fast
 * combines, the result stored in place. Immediates on both sides, as
 * above; an unbound x or n is not one. 1 done, 0 run the plain
 * instructions. */
SL_OP_INLINE int load_aug_var(sl_frame *f, sl_code *co, sl_value *slot, const sl_instr *in) {
  sl_value n = in[0].op == SL_OP_LOAD_FAST ? f->locals[in[0].arg] : co->consts[in[0].arg];
  return binary_fast(in[1].arg, *slot, n, slot);
}

/* LOAD_GLOBAL_MOD's fast path (`in` the LOAD_METHOD or LOAD_ATTR after
 * it): global `arg` is a module that the global cache finds in the
 * globals, and the module attribute cache answers in->arg in its dict,
 * where load_global_cached and then op_load_method / op_load_attr
 * (load_attr_generic's module case, after method_cached) would take
 * them. The attribute goes to sp[0] (new ref), then an UNDEF self for a
 * LOAD_METHOD; the module is only borrowed: the globals hold it, and
 * nothing runs meanwhile. Values pushed, or 0: run the plain
 * instructions. */
SL_OP_INLINE int load_global_mod(sl_frame *f, sl_code *co, int32_t arg, const sl_instr *in,
                                 sl_value *sp) {
  const sl_gcache *gc = &co->gcache[arg];
  const sl__htable *g = sl__as_htable(f->globals);
  if (!gc->gversion || gc->gversion != g->version || gc->builtin) return 0;
  sl_value m = g->entries[gc->ix].value;
  if (!sl_is_type(m, &sl_module_type) || method_cached(co, in->arg, m)) return 0;
  const sl_gcache *ac = &co->acache[in->arg];
  const sl__htable *d = sl__as_htable(((sl_module *)m.u.o)->dict);
  if (!ac->gversion || ac->gversion != d->version) return 0;
  sp[0] = vm_vincref(d->entries[ac->ix].value);
  if (in->op != SL_OP_LOAD_METHOD) return 1;
  sp[1] = (sl_value){.tag = SL_V_UNDEF}; /* gcc left sl_undef() a call here */
  return 2;
}

/* obj.<names[arg]> without the method cache (*out new ref). */
SL_OP_INLINE int load_attr_generic(sl_rt *rt, sl_code *co, int32_t arg, sl_value obj,
                                   sl_value *out) {
  int rc = 0;
  if (sl_is_type(obj, &sl_module_type))
    rc = load_module_attr(rt, co, arg, obj.u.o, out);
  else if (sl_is_type(obj, &sl_exc_type) &&
           !(rc = instance_attr_hinted(&co->mcache[arg], co->names[arg], obj.u.o, out))) {
    /* A class constant here; a function needs its bound method made. */
    if (instance_class_attr_near(&co->mcache[arg], co->names[arg], obj.u.o, out) &&
        !vm_is_type(*out, &sl_func_type)) {
      *out = vm_vincref(*out);
      return 0;
    }
    rc = sl__vm_instance_attr(rt, &co->mcache[arg], co->names[arg], obj.u.o, false, out);
  }
  if (rc) return rc < 0 ? -1 : 0;
  if (sl_vm_getattr(rt, obj, sl_str_cstr(co->names[arg]), out)) return -1;
  method_cache_fill(co, arg, obj, *out);
  return 0;
}

SL_OP_INLINE int op_load_attr(SL_OP_PARAMS) {
  (void)f;
  sl_value obj = POP(), v;
  const sl_cfunc_def *def = method_cached(co, arg, obj);
  int rc;
  if (def) {
    sl_obj *m = sl_cfunc_new(rt, def, obj);
    v = m ? sl_obj_val(m) : sl_undef();
    rc = m ? 0 : -1;
  } else {
    rc = load_attr_generic(rt, co, arg, obj, &v);
  }
  sl_vdecref(rt, obj);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

/* LOAD_METHOD: a cached method goes on the stack as its def and obj as
 * its self (CALL_METHOD calls the def): no bound method is made. */
SL_OP_INLINE int op_load_method(SL_OP_PARAMS) {
  (void)f;
  sl_value obj = POP(), v;
  const sl_cfunc_def *def = method_cached(co, arg, obj);
  if (def) {
    sl_value m = sl_undef();
    m.u.p = def;
    PUSH(m);
    PUSH(obj); /* the reference moves to the self slot */
    return 0;
  }
  if (sl_is_type(obj, &sl_exc_type)) {
    /* A scenario class's method: the function and obj as its self. */
    int r;
    if (instance_class_attr_near(&co->mcache[arg], co->names[arg], obj.u.o, &v)) {
      v = vm_vincref(v);
      r = sl_is_type(v, &sl_func_type) ? 2 : 1;
    } else {
      r = sl__vm_instance_attr(rt, &co->mcache[arg], co->names[arg], obj.u.o, true, &v);
    }
    if (r == 2) {
      PUSH(v);
      PUSH(obj);
      return 0;
    }
    if (r) {
      sl_vdecref(rt, obj);
      if (r < 0) return -1;
      PUSH(v);
      PUSH(sl_undef());
      return 0;
    }
  }
  int rc = load_attr_generic(rt, co, arg, obj, &v);
  sl_vdecref(rt, obj);
  if (rc) return -1;
  PUSH(v);
  PUSH(sl_undef());
  return 0;
}

/* load_var_method's second half: an instance's class attribute through
 * instance_class_attr_near, pushed as LOAD_METHOD would push it. */
SL_OP_INLINE bool load_class_method(sl_code *co, sl_value obj, const sl_instr *in, sl_value *sp) {
  sl_value v;
  if (!sl_is_type(obj, &sl_exc_type) ||
      !instance_class_attr_near(&co->mcache[in->arg], co->names[in->arg], obj.u.o, &v))
    return false;
  sp[0] = vm_vincref(v);
  sp[1] = sl_is_type(v, &sl_func_type) ? vm_vincref(obj) : (sl_value){.tag = SL_V_UNDEF};
  return true;
}

/* LOAD_FAST_METHOD / LOAD_FREE_METHOD's fast path (`x.m(...)`, obj x's
 * value, `in` the LOAD_METHOD after it): where op_load_method answers
 * without a call (a cached def; an instance's class attribute through
 * instance_class_attr_near), the method and its self go to sp[0] and
 * sp[1] (new refs) as the two instructions would leave them; x's
 * reference is only borrowed (the variable holds it). true: both done;
 * false: run the plain instructions (an unbound x among them). */
SL_OP_INLINE bool load_var_method(sl_code *co, sl_value obj, const sl_instr *in, sl_value *sp) {
  const sl_cfunc_def *def = method_cached(co, in->arg, obj);
  if (def) {
    sp[0] = (sl_value){.tag = SL_V_UNDEF, .u.p = def};
    sp[1] = vm_vincref(obj);
    return true;
  }
  return load_class_method(co, obj, in, sp);
}

/* LOAD_FAST_METHOD_ARG's fast path (`x.m(y)`, obj x's value and y y's,
 * both borrowed from their locals, y bound; `in` the LOAD_METHOD, then
 * LOAD_FAST y and CALL_METHOD 1 or CALL_METHOD_STMT 1). 2: `lst.append(y)`
 * as a statement done, as CALL_METHOD_STMT's list_append_move would do
 * it, without x's incref and decref (x's local holds it throughout) and
 * only when the list has room (no allocation that could fail); 1: the
 * method, its self and y pushed (new refs) as the three instructions
 * would push them; 0: run the plain instructions. */
SL_OP_INLINE int load_method_arg(sl_rt *rt, sl_code *co, sl_value obj, sl_value y,
                                 const sl_instr *in, sl_value *sp) {
  const sl_cfunc_def *def = method_cached(co, in->arg, obj);
  if (def) {
    if (def == SL__LIST_APPEND_DEF && in[2].op == SL_OP_CALL_METHOD_STMT &&
        rt->recursion_depth <= SL_MAX_RECURSION) {
      sl_list *l = sl_as_list(obj.u.o);
      if (l->len < l->cap) {
        l->items[l->len++] = vm_vincref(y);
        return 2;
      }
    }
    sp[0] = (sl_value){.tag = SL_V_UNDEF, .u.p = def};
    sp[1] = vm_vincref(obj);
  } else if (!load_class_method(co, obj, in, sp)) {
    return 0;
  }
  sp[2] = vm_vincref(y);
  return 1;
}

/* The first step of sl__vm_instance_setattr, inline: the value replaced
 * in the instance's dict at the entry where the name was last found
 * (hinted_entry), when nothing answers before the dict (no
 * __setattr__, no descriptor, no __slots__, a plain name). 1 stored, 0
 * ask sl__vm_instance_setattr. */
SL_OP_INLINE int instance_setattr_hinted(sl_rt *rt, const sl_mcache *mc, sl_obj *name, sl_obj *o,
                                         sl_value v) {
  sl__hentry *e =
      hinted_entry(mc, name, o, SL__CLS_SETATTR | SL__CLS_DESCR | SL__CLS_UDESCR | SL__CLS_SLOTS);
  if (!e) return 0;
  vm_vset(rt, &e->value, vm_vincref(v));
  return 1;
}

SL_OP_INLINE int op_store_attr(SL_OP_PARAMS) {
  (void)f;
  sl_value obj = POP(), v = POP();
  int rc = 0;
  if (sl_is_type(obj, &sl_exc_type) &&
      !(rc = instance_setattr_hinted(rt, &co->mcache[arg], co->names[arg], obj.u.o, v)))
    rc = sl__vm_instance_setattr(rt, &co->mcache[arg], co->names[arg], obj.u.o, v);
  if (rc == 0)
    rc = sl_vm_setattr(rt, obj, sl_str_cstr(co->names[arg]), v);
  else if (rc > 0)
    rc = 0;
  sl_vdecref(rt, obj);
  sl_vdecref(rt, v);
  return rc;
}

SL_OP_INLINE int op_delete_attr(SL_OP_PARAMS) {
  (void)f;
  sl_value obj = POP();
  int rc = sl_vm_setattr(rt, obj, sl_str_cstr(co->names[arg]), sl_undef());
  sl_vdecref(rt, obj);
  return rc;
}

/* The index of a plain list by a small int in range, as CPython's
 * BINARY_SUBSCR_LIST_INT: *i the item's position. Anything else takes the
 * general path and its errors: a subclass (a list with an extension), a
 * bool, an index out of range. */
static inline bool list_int_index(sl_value cont, sl_value key, size_t *i) {
  if (cont.tag != SL_V_OBJ || cont.u.o->type != &sl_list_type || sl__has_ext(cont) ||
      key.tag != SL_V_INT)
    return false;
  int64_t len = (int64_t)sl_as_list(cont.u.o)->len, k = key.u.i < 0 ? key.u.i + len : key.u.i;
  if (k < 0 || k >= len) return false;
  *i = (size_t)k;
  return true;
}

/* The value of k or n in a fused sequence: a LOAD_FAST (unbound is UNDEF,
 * which no fast path takes) or a LOAD_CONST, borrowed. */
SL_OP_INLINE sl_value fused_operand(sl_frame *f, sl_code *co, const sl_instr *in) {
  return in->op == SL_OP_LOAD_FAST ? f->locals[in->arg] : co->consts[in->arg];
}

/* LOAD_FAST_SUBSCR's fast path (`x[k]`, x local `arg`, `in` the load of k
 * after it): x a plain list and k an int in range, as op_binary_subscr's
 * first case; x's reference is only borrowed (the local holds it) and k
 * is an immediate, so nothing is released. 1 *out set (new ref), 0 run
 * the plain instructions. */
SL_OP_INLINE int load_fast_subscr(sl_frame *f, sl_code *co, int32_t arg, const sl_instr *in,
                                  sl_value *out) {
  sl_value x = f->locals[arg];
  size_t i;
  if (!list_int_index(x, fused_operand(f, co, in), &i)) return 0;
  *out = vm_vincref(sl_as_list(x.u.o)->items[i]);
  return 1;
}

/* LOAD_FAST_AUG_SUBSCR's fast path (`x[k] += n`, x local `arg`, `in` the
 * load of k after it): x a plain list, k an int in range, the item and n
 * ints or floats that binary_fast combines: the result replaces the item
 * in place, where op_store_subscr's first case would put it.
 * Immediates on both sides: no reference to take or drop, nothing that
 * can run or fail. 1 done, 0 run the plain instructions. */
SL_OP_INLINE int load_fast_aug_subscr(sl_frame *f, sl_code *co, int32_t arg, const sl_instr *in) {
  sl_value x = f->locals[arg];
  size_t i;
  if (!list_int_index(x, fused_operand(f, co, in), &i)) return 0;
  sl_value *item = &sl_as_list(x.u.o)->items[i];
  return binary_fast(in[5].arg, *item, fused_operand(f, co, &in[4]), item);
}

/* LOAD_FAST_STORE_SUBSCR's fast path (`x[k] = v`, v sp[-1], x local
 * `arg`, `in` the load of k after it): x a plain list, k an int in range
 * and the item replaced no object (an int, a float, None...), as
 * op_store_subscr's first case: the list takes the stack's reference to
 * v and nothing is released, so nothing can run in between. An object
 * replaced takes the plain path, whose release runs with f->ip at the
 * STORE_SUBSCR. 1 stored, 0 run the plain instructions. */
SL_OP_INLINE int load_fast_store_subscr(sl_frame *f, sl_code *co, int32_t arg, const sl_instr *in,
                                        const sl_value *sp) {
  sl_value x = f->locals[arg];
  size_t i;
  if (!list_int_index(x, fused_operand(f, co, in), &i)) return 0;
  sl_value *item = &sl_as_list(x.u.o)->items[i];
  if (item->tag == SL_V_OBJ) return 0;
  *item = sp[-1];
  return 1;
}

SL_OP_INLINE int op_binary_subscr(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value key = POP(), cont = POP(), v;
  size_t i;
  if (list_int_index(cont, key, &i)) {
    PUSH(sl_vincref(sl_as_list(cont.u.o)->items[i]));
    sl_vdecref(rt, cont);
    return 0;
  }
  int rc = sl_getitem(rt, cont, key, &v);
  sl_vdecref(rt, key);
  sl_vdecref(rt, cont);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_store_subscr(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value key = POP(), cont = POP(), v = POP();
  size_t i;
  if (list_int_index(cont, key, &i)) {
    /* The list holds v's reference now; the old item goes last, as its
     * release may run a __del__ that reads the list. */
    sl_value old = sl_as_list(cont.u.o)->items[i];
    sl_as_list(cont.u.o)->items[i] = v;
    sl_vdecref(rt, old);
    sl_vdecref(rt, cont);
    return 0;
  }
  int rc = sl_setitem(rt, cont, key, v);
  sl_vdecref(rt, key);
  sl_vdecref(rt, cont);
  sl_vdecref(rt, v);
  return rc;
}

SL_OP_INLINE int op_delete_subscr(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value key = POP(), cont = POP();
  int rc = sl_delitem(rt, cont, key);
  sl_vdecref(rt, key);
  sl_vdecref(rt, cont);
  return rc;
}

#endif
