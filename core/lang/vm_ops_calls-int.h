/* Opcode family: calls, making functions and classes, super(), imports.
 * Included only by vm.c. */
#ifndef SL_LANG_VM_OPS_CALLS_INT_H
#define SL_LANG_VM_OPS_CALLS_INT_H

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/lang/vm_ops-int.h"
#include "core/tuple.h"

/* Calls with keyword names taken from a tuple of str. */
static int call_kw(sl_rt *rt, sl_value fn, const sl_value *argv, size_t npos, const sl_value *kwv,
                   sl_obj *names, sl_value *out) {
  sl_tuple *t = sl_as_tuple(names);
  sl_obj *kwn[64];
  size_t nk = t->len < 64 ? t->len : 64;
  for (size_t i = 0; i < nk; i++) kwn[i] = t->items[i].u.o;
  sl_args a = {argv, npos, kwv, kwn, nk};
  return sl_vm_call(rt, fn, &a, out);
}

/* f(*args, **kw): args a tuple, kw a dict or UNDEF. */
static int call_ex(sl_rt *rt, sl_value fn, sl_value args, sl_value kw, sl_value *out) {
  sl_tuple *t = sl_as_tuple(args.u.o);
  return sl__call_with_kwdict(rt, fn, t->items, t->len, sl_is_undef(kw) ? NULL : kw.u.o, out);
}

/* sl_call (the same recursion bound, the same result) without its
 * dispatch through the type for the two commonest callables: a built-in
 * (cfunc_call) and a function that is neither a generator nor a
 * coroutine (func_call: sl_frame_call). */
SL_OP_INLINE int call_value(sl_rt *rt, sl_value fn, const sl_args *a, sl_value *out) {
  if (fn.tag == SL_V_OBJ) {
    const sl_type *t = fn.u.o->type;
    bool plain = t == &sl_func_type &&
                 !(sl_as_code(sl_as_func(fn.u.o)->code)->flags & (SL_CO_GENERATOR | SL_CO_ASYNC));
    if (t == &sl_cfunc_type || plain) {
      if (rt->recursion_depth > SL_MAX_RECURSION)
        return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
      rt->recursion_depth++;
      int rc;
      if (plain) {
        rc = sl_frame_call(rt, fn.u.o, sl_undef(), a, out);
      } else {
        const sl_cfunc *cf = sl_as_cfunc(fn.u.o);
        *out = sl_none();
        rc = cf->def->fn(rt, cf->self, a, out);
      }
      rt->recursion_depth--;
      return rc;
    }
  }
  return sl_vm_call(rt, fn, a, out);
}

/* A function whose call runs its frame to the end, here: neither a
 * generator nor a coroutine (sl_frame_call's callee). */
SL_OP_INLINE bool plain_func(sl_value fn) {
  return fn.tag == SL_V_OBJ && fn.u.o->type == &sl_func_type &&
         !(sl_as_code(sl_as_func(fn.u.o)->code)->flags & (SL_CO_GENERATOR | SL_CO_ASYNC));
}

/* The call of plain function fn whose `nslots` stack slots (fn, self
 * when not UNDEF or its UNDEF slot, the arguments) end at SP, within the
 * recursion bound (the caller checked it): the slots' references move
 * into the call (sl_frame_call_move), as CPython's CALL moves them into
 * the new frame, so the stack drops nothing after it. */
SL_OP_INLINE int call_plain_move(sl_rt *rt, sl_value fn, sl_value self, const sl_args *a,
                                 int32_t nslots, sl_value **spp) {
  SP -= nslots;
  rt->recursion_depth++;
  sl_value v;
  int rc = sl_frame_call_move(rt, fn.u.o, self, a, &v);
  rt->recursion_depth--;
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_call(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value *argv = SP - arg, fn = argv[-1], v;
  sl_args a = {argv, (size_t)arg, NULL, NULL, 0};
  if (plain_func(fn) && rt->recursion_depth <= SL_MAX_RECURSION)
    return call_plain_move(rt, fn, (sl_value){.tag = SL_V_UNDEF}, &a, arg + 1, spp);
  int rc = call_value(rt, fn, &a, &v);
  for (int32_t i = 0; i <= arg; i++) sl_vdecref(rt, POP());
  if (rc) return -1;
  PUSH(v);
  return 0;
}

/* `lst.append(v)` as a statement: CALL_METHOD of list.append's def with
 * one argument and a POP_TOP next. The stack's reference to v moves into
 * the list (as CPython's CALL_LIST_APPEND moves it), self is dropped
 * after it, as the slots would be popped, and the POP_TOP of the None is
 * skipped. The same list, the same counts at the end, the same order of
 * the drops; only the call, its argument check and v's incref and decref
 * are gone. */
SL_OP_INLINE int list_append_move(sl_rt *rt, sl_value **spp) {
  sl_value self = SP[-2], v = SP[-1];
  SP -= 3; /* the def (an UNDEF), self, v */
  sl_list *l = sl_as_list(self.u.o);
  int rc = 0;
  if (l->len < l->cap) {
    l->items[l->len++] = v;
  } else {
    rc = sl__list_append_grow(rt, self.u.o, v);
    sl_vdecref(rt, v);
  }
  sl_obj *lo = self.u.o; /* an object: sl_vdecref's tests written out, kept inline */
  if (lo->refcnt > 1)
    lo->refcnt--;
  else
    sl__decref_last(rt, lo);
  return rc ? -1 : SL_OPR_DROPPED;
}

/* Drops one value. An object's value is never a null pointer, so
 * sl_decref's null test is left out. */
SL_OP_INLINE void drop_call_value(sl_rt *rt, sl_value v) {
  if (v.tag != SL_V_OBJ) return;
  if (v.u.o->refcnt > 1)
    v.u.o->refcnt--;
  else
    sl__decref_last(rt, v.u.o);
}

/* Drops the values [from, to), last first (POP's order). Two (a method
 * statement's self and its one argument, the commonest) straight, without
 * the loop's counting. */
SL_OP_INLINE void drop_call_values(sl_rt *rt, const sl_value *from, const sl_value *to) {
  if (to - from == 2) {
    drop_call_value(rt, to[-1]);
    drop_call_value(rt, to[-2]);
    return;
  }
  while (to > from) drop_call_value(rt, *--to);
}

/* CALL_METHOD: (meth self a1..an): a def and its self from LOAD_METHOD's
 * cache, called as sl_call calls a bound cfunc (the same recursion
 * bound), or any callable and UNDEF. CALL_METHOD_STMT (stmt, compile.c
 * fuse: a POP_TOP follows, left in place for jumps to it) is the call
 * whose result the POP_TOP drops: a def runs its statement body if it
 * has one (sl_cstmt_fn, cfunc.h: no sl_args, no result), and a result,
 * a def's or a plain function's, is dropped after the slots as the
 * POP_TOP would drop it, which SL_OPR_DROPPED then skips. */
SL_OP_INLINE int call_method(SL_OP_PARAMS, bool stmt) {
  (void)co, (void)f;
  if (stmt && arg == 1 && SP[-3].u.p == SL__LIST_APPEND_DEF && SP[-3].tag == SL_V_UNDEF &&
      rt->recursion_depth <= SL_MAX_RECURSION)
    return list_append_move(rt, spp);
  sl_value *argv = SP - arg, self = argv[-1], m = argv[-2], v;
  sl_args a = {argv, (size_t)arg, NULL, NULL, 0};
  int rc;
  if (m.tag == SL_V_UNDEF) {
    /* A def (an UNDEF carrying it; LOAD_METHOD leaves one only with its
     * self), called as sl_call calls the bound cfunc (same recursion
     * bound). */
    if (rt->recursion_depth > SL_MAX_RECURSION) {
      rc = sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    } else {
      rt->recursion_depth++;
      const sl_cfunc_def *d = m.u.p;
      if (stmt && d->stmt) {
        /* The statement's body (cfunc.h sl_cstmt_fn): the arguments'
         * references are its own unless it answers SL_CSTMT_PLAIN; self
         * is dropped after them (POP's order). */
        rc = d->stmt(rt, argv - 1, arg);
        if (rc != SL_CSTMT_PLAIN) {
          rt->recursion_depth--;
          drop_call_value(rt, argv[-1]);
          SP = argv - 2;
          return rc ? -1 : SL_OPR_DROPPED;
        }
      }
      v = sl_none();
      rc = d->fn(rt, self, &a, &v);
      rt->recursion_depth--;
    }
  } else if (plain_func(m) && rt->recursion_depth <= SL_MAX_RECURSION) {
    /* A plain function, bound to self (a scenario class's method: what
     * sl_func_call_self does) or not (UNDEF). */
    rc = call_plain_move(rt, m, self, &a, arg + 2, spp);
    if (!stmt || rc) return rc;
    sl_value r = POP();
    drop_call_value(rt, r);
    return SL_OPR_DROPPED;
  } else if (self.tag != SL_V_UNDEF) {
    /* A scenario class's generator or coroutine function, called as
     * sl_call calls the bound method. */
    if (rt->recursion_depth > SL_MAX_RECURSION) {
      rc = sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    } else {
      rt->recursion_depth++;
      rc = sl_func_call_self(rt, m.u.o, self, &a, &v);
      rt->recursion_depth--;
    }
  } else {
    rc = call_value(rt, m, &a, &v);
  }
  drop_call_values(rt, argv - 2, SP);
  SP = argv - 2;
  if (rc) return -1;
  if (stmt) {
    drop_call_value(rt, v);
    return SL_OPR_DROPPED;
  }
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_call_method(SL_OP_PARAMS) { return call_method(rt, f, co, arg, spp, false); }
SL_OP_INLINE int op_call_method_stmt(SL_OP_PARAMS) {
  return call_method(rt, f, co, arg, spp, true);
}

/* The engine object's work for `await obj.meth(args)` (self and a def on
 * the stack, as LOAD_METHOD leaves an engine method) done in place when
 * the coroutine meth would make finishes at once, or suspends this frame
 * on its waiter future in the coroutine's place (sl_type.await_now; the
 * exact type: LOAD_METHOD caches no def for an instance extension). The
 * coroutine would be referenced by nothing but the value stack between
 * the two instructions, so nothing can tell. SL_OPR_LATER: nothing
 * changed, the call is made as usual (also when it would hit the
 * recursion bound, which the ordinary call then raises). */
SL_OP_INLINE int op_call_method_now(SL_OP_PARAMS) {
  (void)co;
  sl_value *argv = SP - arg, v;
  /* self an object tested first: the one test an engine method's await
   * and asyncio.sleep's (self UNDEF) share. */
  if (argv[-1].tag != SL_V_OBJ) {
    if (argv[-1].tag == SL_V_UNDEF) return await_call_now(rt, f, argv[-2], arg, arg + 2, spp);
    return SL_OPR_LATER;
  }
  sl_obj *so = argv[-1].u.o;
  const sl_type *t = so->type;
  if (!t->await_now || argv[-2].tag != SL_V_UNDEF || rt->recursion_depth > SL_MAX_RECURSION)
    return SL_OPR_LATER;
  int r = t->await_now(rt, argv[-2].u.p, argv, (size_t)arg, &f->aw, &v);
  if (r == SL_NOW_LATER) return SL_OPR_LATER;
  /* The slots dropped in the order POP would drop them: the arguments
   * last first, then self (an object); the def, an UNDEF, holds nothing.
   * The stack pointer is moved once, before the drops: it lives in
   * memory (spp), and a store per slot around each possible call was
   * most of the loop. */
  SP = argv - 2;
  if (arg == 1) { /* the commonest, without the loop's set-up */
    /* The tag tested here: gcc leaves sl_vdecref a call in the eval, and
     * the argument is most often a number or a value the engine kept. */
    if (argv[0].tag == SL_V_OBJ) {
      sl_obj *ao = argv[0].u.o;
      if (ao->refcnt > 1)
        ao->refcnt--;
      else
        sl__decref_last(rt, ao);
    }
  } else
    for (int32_t i = arg; i > 0;) sl_vdecref(rt, argv[--i]);
  if (so->refcnt > 1)
    so->refcnt--;
  else
    sl__decref_last(rt, so);
  if (r == SL_NOW_SUSPENDED) return SL_OPR_SUSPENDED_ON;
  if (r) return -1;
  /* A statement await (`await q.put(x)`): None, which the POP_TOP after
   * the AWAIT would only pop, is not pushed (f->ip is past the AWAIT). */
  const sl_instr *next = f->ip;
  if (v.tag == SL_V_NONE && next->op == SL_OP_POP_TOP) return SL_OPR_DROPPED;
  if (next->op == SL_OP_STORE_FAST) {
    /* `x = await q.get()`: the STORE_FAST after the AWAIT done here as its
     * body does it (f->ip past it, the value stored, the old one dropped
     * last), then skipped: no push, pop and dispatch between. */
    f->ip = next + 1;
    sl_value *slot = &f->locals[next->arg], old = *slot;
    *slot = v;
    if (old.tag == SL_V_OBJ) { /* sl_vset's drop, which gcc would not inline here */
      if (old.u.o->refcnt > 1)
        old.u.o->refcnt--;
      else
        sl__decref_last(rt, old.u.o);
    }
    return SL_OPR_DROPPED;
  }
  PUSH(v);
  return SL_OPR_AWAITED;
}

/* CALL right before its AWAIT: `await sleep(0)` (vm_ops_async-int.h). */
SL_OP_INLINE int op_call_now(SL_OP_PARAMS) {
  (void)co;
  return await_call_now(rt, f, SP[-arg - 1], arg, arg + 1, spp);
}

SL_OP_INLINE int op_call_kw(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value names = POP();
  size_t nk = sl_as_tuple(names.u.o)->len;
  sl_value *argv = SP - arg, fn = argv[-1], v;
  int rc = call_kw(rt, fn, argv, (size_t)arg - nk, SP - nk, names.u.o, &v);
  sl_vdecref(rt, names);
  for (int32_t i = 0; i <= arg; i++) sl_vdecref(rt, POP());
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_call_ex(SL_OP_PARAMS) {
  (void)f, (void)co;
  sl_value kw = arg ? POP() : sl_undef();
  sl_value args = POP(), fn = POP(), v;
  int rc = call_ex(rt, fn, args, kw, &v);
  sl_vdecref(rt, kw);
  sl_vdecref(rt, args);
  sl_vdecref(rt, fn);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_make_function(SL_OP_PARAMS) {
  (void)co;
  unsigned flags = (unsigned)arg;
  sl_obj *code = POP().u.o;
  sl_obj *closure = (flags & SL_MF_CLOSURE) ? POP().u.o : NULL;
  sl_obj *kwdefaults = (flags & SL_MF_KWDEFAULTS) ? POP().u.o : NULL;
  sl_obj *defaults = (flags & SL_MF_DEFAULTS) ? POP().u.o : NULL;
  sl_obj *o = sl_obj_alloc(rt, &sl_func_type);
  if (!o) {
    sl_decref(rt, code);
    sl_decref(rt, closure);
    sl_decref(rt, kwdefaults);
    sl_decref(rt, defaults);
    return -1;
  }
  sl_func *fn = sl_as_func(o);
  fn->code = code; /* the references popped are stolen */
  fn->closure = closure;
  fn->kwdefaults = kwdefaults;
  fn->defaults = defaults;
  fn->globals = f->globals;
  sl_incref(f->globals);
  PUSH(sl_obj_val(o));
  return 0;
}

SL_OP_INLINE int op_import_name(SL_OP_PARAMS) {
  (void)f;
  sl_value m;
  if (sl_vm_import(rt, sl_str_cstr(co->names[arg]), &m)) return -1;
  PUSH(m);
  return 0;
}

SL_OP_INLINE int op_build_class(SL_OP_PARAMS) {
  (void)f, (void)co;
  int32_t nb = arg & ~SL_BUILD_CLASS_KW, nkw = (arg & SL_BUILD_CLASS_KW) != 0;
  sl_value *bases = SP - nb - nkw, v;
  int rc = sl_vm_build_class(rt, bases[-2], bases[-1].u.o, bases, (size_t)nb,
                             nkw ? SP[-1].u.o : NULL, &v);
  for (int32_t i = 0; i < nb + nkw + 2; i++) sl_vdecref(rt, POP());
  if (rc) return -1;
  PUSH(v);
  return 0;
}

SL_OP_INLINE int op_super(SL_OP_PARAMS) {
  (void)f, (void)co, (void)arg;
  sl_value self = POP(), cls = POP(), v;
  int rc = sl__vm_super_new(rt, cls, self, &v);
  sl_vdecref(rt, self);
  sl_vdecref(rt, cls);
  if (rc) return -1;
  PUSH(v);
  return 0;
}

#endif
