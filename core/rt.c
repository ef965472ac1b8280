/* Creation and teardown of a run (see rt.h). */
#include "core/rt.h"

#include <string.h>

#include "core/alloc.h"
#include "core/loop.h"

sl_rt *sl_rt_new(const sl_profile *profile, const sl_observer *observer) {
  sl_rt *rt = sl_calloc(1, sizeof *rt);
  if (!rt) return NULL;
  rt->heap.run_next = rt->heap.run_prev = &rt->heap;
  rt->profile = profile ? profile : sl_profile_default();
  if (observer) rt->observer = *observer;
  if (sl_exc_init_classes(rt) || !(rt->loop = sl_loop_new(rt))) {
    sl_rt_free(rt);
    return NULL;
  }
  return rt;
}

void sl_rt_free(sl_rt *rt) {
  if (!rt) return;
  if (rt->lang_free) rt->lang_free(rt);
  sl_heap_free_all(rt);
  sl_heap_free_freelists(rt);
  sl_identity_free(rt);
  sl_free(rt);
}

int sl_rt_fatal(sl_rt *rt, sl_errcode code) {
  if (rt->fatal == SL_EOK) rt->fatal = code;
  return -1;
}

sl_obj *sl_err_fetch(sl_rt *rt) {
  sl_obj *exc = rt->exc;
  rt->exc = NULL;
  return exc;
}

int sl_err_restore(sl_rt *rt, sl_obj *exc) {
  sl_obj *old = rt->exc;
  rt->exc = exc;
  sl_decref(rt, old);
  return -1;
}

void sl_err_clear(sl_rt *rt) { sl_err_restore(rt, NULL); }
