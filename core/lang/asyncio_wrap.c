/* asyncio's _wrap_awaitable (tasks.py): ensure_future(), gather(),
 * shield(), wait_for() and run_until_complete() accept any object with
 * __await__ by wrapping it in a coroutine a Task can run. CPython's
 * wrapper is Python code, and the program sees it: the Task's repr names
 * it with its file and line (`coro=<_wrap_awaitable() running at
 * .../asyncio/tasks.py:684>`). So the wrapper here is Python too, compiled
 * by simloop's own front end in a file named as the profile's tasks.py,
 * with its definition and its return statement at the lines where that
 * release has them:
 *   3.11:  @types.coroutine
 *          def _wrap_awaitable(awaitable):      (a generator)
 *              return (yield from awaitable.__await__())
 *   3.12+: inside ensure_future():
 *          async def _wrap_awaitable(awaitable):
 *              return await awaitable
 * simloop writes the 3.12 form for 3.11 too (an `async def` at the
 * decorator's line, which is 3.11's co_firstlineno): awaiting an object
 * with __await__ is the same yield from its iterator, so the steps, the
 * values and the Task's repr are the same; only type(task.get_coro()) is
 * `coroutine` where 3.11 has `generator` (docs/language.md). */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/code.h"
#include "core/lang/diag.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/profile.h"
#include "core/pysource.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/strbuf.h"

/* Where tasks.py defines _wrap_awaitable (co_firstlineno: the decorator's
 * line in 3.11) and the line of its return statement; in 3.12+ the
 * enclosing ensure_future's def is 13 lines above. */
static void wrap_lines(const sl_profile *p, int *first, int *ret) {
  if (p->minor == 11 && p->micro < 7)
    *first = 677, *ret = 684;
  else if (p->minor == 11)
    *first = 687, *ret = 694;
  else if (p->minor == 12)
    *first = 683, *ret = 684;
  else if (p->minor == 13)
    *first = 736, *ret = 737;
  else
    *first = 720, *ret = 721;
}

static void newlines(sl_strbuf *b, int n) {
  for (int i = 0; i < n; i++) sl_strbuf_putc(b, '\n');
}

/* The wrapper's source for the profile's release. */
static void wrap_source(const sl_profile *p, sl_strbuf *b) {
  int first, ret;
  wrap_lines(p, &first, &ret);
  if (p->minor == 11) {
    newlines(b, first - 1);
    sl_strbuf_puts(b, "async def _wrap_awaitable(awaitable):\n");
    newlines(b, ret - first - 1);
    sl_strbuf_puts(b, "    return await awaitable\n");
    return;
  }
  newlines(b, first - 14);
  sl_strbuf_puts(b, "def ensure_future():\n");
  newlines(b, 12);
  sl_strbuf_puts(b, "    async def _wrap_awaitable(awaitable):\n"
                    "        return await awaitable\n"
                    "    return _wrap_awaitable\n");
}

/* Runs the compiled wrapper module in a namespace of its own and returns
 * the _wrap_awaitable function (new reference). */
static int wrap_function(sl_rt *rt, sl_obj *code, sl_value *fn) {
  sl_obj *globals = sl_dict_new(rt), *modname = sl_str_from_cstr(rt, "asyncio.tasks");
  int rc = !globals || !modname || sl_dict_set_str(rt, globals, "__name__", sl_obj_val(modname));
  sl_decref(rt, modname);
  rc = rc ? -1 : sl_vm_exec_code(rt, code, globals);
  bool found = false;
  bool outer = rt->profile->minor > 11;
  if (!rc && sl_dict_get_str(rt, globals, outer ? "ensure_future" : "_wrap_awaitable", fn, &found))
    rc = -1;
  if (!rc && !found) rc = sl_raise(rt, SL_EXC_RUNTIME_ERROR, "simloop: _wrap_awaitable missing");
  if (!rc && outer) {
    sl_value maker = *fn;
    rc = sl_vm_call_pos(rt, maker, NULL, 0, fn);
    sl_vdecref(rt, maker);
  }
  sl_decref(rt, globals);
  return rc;
}

/* inspect.isawaitable for what the engine does not take itself: an
 * instance of a program's class with __await__. */
static int has_dunder_await(sl_rt *rt, sl_value v) {
  sl_obj *cls = v.tag == SL_V_OBJ ? sl_user_cls_of(v.u.o) : NULL;
  if (!cls || sl_is_future(v) || sl_is_coro(v)) return 0;
  sl_value m;
  int r = sl__class_lookup(rt, cls, "__await__", &m);
  if (r > 0) {
    r = !sl_is_none(m);
    sl_vdecref(rt, m);
  }
  return r;
}

int sl__aio_wrap_awaitable(sl_rt *rt, sl_value v, sl_value *out) {
  int r = has_dunder_await(rt, v);
  if (r <= 0) return r;
  const char *dir = rt->stdlib_dir ? rt->stdlib_dir : sl_pysource_default_dir(rt->profile);
  char file[512];
  snprintf(file, sizeof file, "%s/asyncio/tasks.py", dir);
  sl_strbuf src = SL_STRBUF_INIT;
  wrap_source(rt->profile, &src);
  if (src.failed) {
    sl_strbuf_free(&src);
    return sl_nomem(rt);
  }
  sl_diag diag;
  sl_obj *code = sl_vm_compile_source(rt, file, sl_strbuf_cstr(&src), src.len, &diag);
  sl_strbuf_free(&src);
  if (!code)
    return rt->fatal
               ? -1
               : sl_raise(rt, SL_EXC_RUNTIME_ERROR, "simloop: _wrap_awaitable: %s", diag.message);
  sl_value fn;
  int rc = wrap_function(rt, code, &fn);
  sl_decref(rt, code);
  if (rc) return -1;
  rc = sl_vm_call_pos(rt, fn, &v, 1, out);
  sl_vdecref(rt, fn);
  return rc ? -1 : 1;
}
