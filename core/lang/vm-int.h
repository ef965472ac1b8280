/* Internals shared by the VM's files (vm.c, vm_exc.c, vm_class.c,
 * vm_module.c). Not installed; not a contract. */
#ifndef SL_LANG_VM_INT_H
#define SL_LANG_VM_INT_H

#include "core/cfunc.h"
#include "core/lang/code.h"
#include "core/lang/vm.h"

/* A builtin by name: the builtins dict, then the built-in exception
 * classes; NameError "name 'x' is not defined" when absent. */
int sl__vm_builtin(sl_rt *rt, const char *name, sl_value *out);
/* LIST_EXTEND / SET_UPDATE / DICT_UPDATE of `target` with `v`; `fn` is
 * the callable when building a call's arguments (SL_V_UNDEF otherwise). */
int sl__vm_extend(sl_rt *rt, sl_opcode op, sl_obj *target, sl_value v, sl_value fn);
/* `raise [exc [from cause]]` (exc SL_V_UNDEF for a bare raise). Leaves the
 * exception pending and returns 1 for a successful bare re-raise, -1
 * otherwise. */
int sl__vm_do_raise(sl_rt *rt, sl_value exc, sl_value cause);
/* Sets exc.__context__ to the exception being handled, as CPython's
 * _PyErr_SetObject does (breaking cycles). */
void sl__vm_set_context(sl_rt *rt, sl_obj *exc);
/* `async with`: the bound __aexit__ and the awaitable of __aenter__(). */
int sl__vm_async_with_enter(sl_rt *rt, sl_value mgr, sl_value *exit_fn, sl_value *aw);
/* exit_fn(None, None, None) or exit_fn(type(exc), exc, None): the awaitable. */
int sl__vm_async_with_exit(sl_rt *rt, sl_value exit_fn, sl_obj *exc, sl_value *aw);
/* obj.name() (vm_class.c) */
int sl__vm_call_method0(sl_rt *rt, sl_value obj, const char *name, sl_value *out);
/* super(cls, self) */
int sl__vm_super_new(sl_rt *rt, sl_value cls, sl_value self, sl_value *out);

/* `yield from` delegation (vm_gen.c), the counterpart of sl_await_*:
 * begin takes iter(iterable) as f's delegate and sends None; send and
 * throw forward to it. YIELD: out is the value to hand up; RETURN: out is
 * the delegate's return value (the delegation is over); ERROR: raised. */
sl_coro_status sl__yf_begin(sl_rt *rt, sl_frame *f, sl_value iterable, sl_value *out);
sl_coro_status sl__yf_send(sl_rt *rt, sl_frame *f, sl_value v, sl_value *out);
sl_coro_status sl__yf_throw(sl_rt *rt, sl_frame *f, sl_obj *exc, sl_value *out);

/* The stand-in for an object's address in reprs ("at 0x7f..."): CPython
 * prints the address, which no run can reproduce; this depends only on
 * the run (the object's age among the live objects), as plain instances'
 * reprs do (vm_class.c). O(live objects): such reprs are rare. */
static inline unsigned long long sl__vm_run_address(sl_rt *rt, const sl_obj *obj) {
  unsigned long long age = 0;
  for (const sl_obj *o = rt->heap.run_prev; o != &rt->heap && o != obj; o = o->run_prev) age++;
  return 0x7f0000000000ull + age * 16;
}

/* rt->lang_asyncgen_closers (vm_agen.c). */
sl_obj *sl__agen_closers(sl_rt *rt);

/* coroutine.close() for any coroutine (vm_coro.c). */
extern const sl_cfunc_def sl__coro_close_def;

/* except* (vm_star.c) */
int sl__vm_star_split(sl_rt *rt, sl_value rest, sl_value type, sl_value *new_rest, sl_value *match);
int sl__vm_star_prep(sl_rt *rt, sl_value orig, sl_value raised, sl_value rest, sl_value *out);

#endif
