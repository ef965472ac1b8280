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

/* coroutine.close() for any coroutine (vm_coro.c). */
extern const sl_cfunc_def sl__coro_close_def;

/* except* (vm_star.c) */
int sl__vm_star_split(sl_rt *rt, sl_value rest, sl_value type, sl_value *new_rest, sl_value *match);
int sl__vm_star_prep(sl_rt *rt, sl_value orig, sl_value raised, sl_value rest, sl_value *out);

#endif
