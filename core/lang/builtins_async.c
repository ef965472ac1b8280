/* The builtins of asynchronous iteration: aiter() and anext() (3.10+),
 * as Python/bltinmodule.c and Objects/iterobject.c (anextawaitable) do
 * them: anext(it) is it.__anext__() itself; anext(it, default) wraps it in
 * an awaitable that turns StopAsyncIteration into `default`. */
#include <string.h>

#include "core/coro.h"
#include "core/exc.h"
#include "core/lang/builtins-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"

/* type(v).name(v), or 0 with *found false when v has no such attribute. */
static int call_special(sl_rt *rt, sl_value v, const char *name, bool *found, sl_value *out) {
  sl_value m;
  *found = true;
  if (sl_vm_getattr(rt, v, name, &m)) {
    if (!sl_err_matches(rt, SL_EXC_ATTRIBUTE_ERROR)) return -1;
    sl_err_clear(rt);
    *found = false;
    return 0;
  }
  int rc = sl_vm_call_pos(rt, m, NULL, 0, out);
  sl_vdecref(rt, m);
  return rc;
}

static int bi_aiter(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "aiter() takes no keyword arguments");
  if (a->npos != 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "aiter() takes exactly one argument (%zu given)",
                    a->npos);
  bool found;
  if (call_special(rt, a->pos[0], "__aiter__", &found, out)) return -1;
  if (!found)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not an async iterable",
                    sl_type_name(a->pos[0]));
  sl_value probe;
  if (sl_vm_getattr(rt, *out, "__anext__", &probe)) {
    sl_err_clear(rt);
    int rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "aiter() returned not an async iterator of type '%s'",
                      sl_type_name(*out));
    sl_vdecref(rt, *out);
    return rc;
  }
  sl_vdecref(rt, probe);
  return 0;
}

/* anext(it, default): slots: the __anext__() awaitable, the default. */
enum { AN_AWAITABLE, AN_DEFAULT };

static sl_coro_status anext_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sl_ccoro_await(rt, co, co->slots[AN_AWAITABLE], 1, out);
  if (!co->failed) {
    *out = sl_ccoro_take_result(co);
    return SL_CORO_RETURN;
  }
  if (!sl_err_matches(rt, SL_EXC_STOP_ASYNC_ITERATION)) return SL_CORO_ERROR;
  sl_err_clear(rt);
  *out = sl_vincref(co->slots[AN_DEFAULT]);
  return SL_CORO_RETURN;
}

static const sl_ccoro_def anext_def = {"anext_awaitable", anext_resume, NULL};

static int bi_anext(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "anext() takes no keyword arguments");
  if (a->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "anext expected at least 1 argument, got %zu", a->npos);
  if (a->npos > 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "anext expected at most 2 arguments, got %zu", a->npos);
  sl_value aw;
  bool found;
  if (call_special(rt, a->pos[0], "__anext__", &found, &aw)) return -1;
  if (!found)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not an async iterator",
                    sl_type_name(a->pos[0]));
  if (a->npos == 1) {
    *out = aw;
    return 0;
  }
  sl_value slots[2] = {aw, a->pos[1]};
  sl_obj *co = sl_ccoro_new(rt, &anext_def, slots, 2);
  sl_vdecref(rt, aw);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}

const sl_cfunc_def sl__builtin_async_funcs[] = {
    {"aiter", bi_aiter, NULL, 0},
    {"anext", bi_anext, NULL, 0},
    {NULL, NULL, NULL, 0},
};
