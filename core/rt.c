/* Creation and teardown of a run (see rt.h). */
#include "core/rt.h"

#include <string.h>

#include "core/alloc.h"
#include "core/assert.h"
#include "core/exc.h"
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

void sl_rt_discard(sl_rt *rt, sl_heap_pool *pool) {
  SL_ASSERT(sl_image_owns(rt));
  if (rt->lang_release) rt->lang_release(rt);
  sl_heap_discard(rt, pool);
  sl_identity_free(rt);
}

/* The mark's type: no hook, no flag, so the list's walkers (sim/detect.c,
 * core/lang/vm_attr.c) pass over it as over any object not theirs. */
static const sl_type image_mark_type = {.name = "<image mark>"};

void sl_rt_mark_image(sl_rt *rt) {
  sl_obj *head = &rt->heap, *mark = &rt->image_mark;
  memset(mark, 0, sizeof *mark);
  mark->type = &image_mark_type;
  mark->refcnt = 1;
  /* Two chains from one walk; a node is relinked only once visited. */
  sl_obj *rel = head, *first = NULL, *last = NULL;
  for (sl_obj *o = head->run_next, *next; o != head; o = next) {
    next = o->run_next;
    if (o->type->release) {
      rel->run_next = o;
      o->run_prev = rel;
      rel = o;
    } else {
      if (last)
        last->run_next = o, o->run_prev = last;
      else
        first = o;
      last = o;
    }
  }
  rel->run_next = mark;
  mark->run_prev = rel;
  if (!first) first = last = head;
  mark->run_next = first;
  first->run_prev = mark;
  last->run_next = head;
  head->run_prev = last;
}

int sl_rt_fatal(sl_rt *rt, sl_errcode code) {
  if (rt->fatal == SL_EOK) rt->fatal = code;
  return -1;
}

sl_obj *sl_err_fetch(sl_rt *rt) {
  sl_obj *exc = rt->exc;
  rt->exc = NULL;
  rt->exc_chained = NULL;
  return exc;
}

int sl_err_restore(sl_rt *rt, sl_obj *exc) {
  sl_obj *old = rt->exc;
  rt->exc = exc;
  rt->exc_chained = NULL;
  sl_decref(rt, old);
  return -1;
}

void sl_err_clear(sl_rt *rt) { sl_err_restore(rt, NULL); }

int sl_err_restore_chained(sl_rt *rt, sl_obj *exc) {
  sl_err_restore(rt, exc);
  rt->exc_chained = exc;
  return -1;
}

void sl_exc_chain(sl_rt *rt, sl_obj *exc, sl_obj *handled) {
  if (!handled || handled == exc) return;
  /* Break a cycle: exc must not already be in handled's context chain.
   * The guard bounds a chain that is itself a cycle (CPython uses Floyd's
   * algorithm for the same reason). */
  sl_obj *o = handled;
  for (int guard = 0; guard < 10000; guard++) {
    sl_obj *ctx = sl_as_exc(o)->context;
    if (!ctx) break;
    if (ctx == exc) {
      sl_as_exc(o)->context = NULL;
      sl_decref(rt, ctx);
      break;
    }
    o = ctx;
  }
  sl_incref(handled);
  sl_obj *old = sl_as_exc(exc)->context;
  sl_as_exc(exc)->context = handled;
  sl_decref(rt, old);
}

void sl_err_chain(sl_rt *rt) {
  if (!rt->exc) return;
  if (rt->lang_handled_exc) sl_exc_chain(rt, rt->exc, rt->lang_handled_exc(rt));
  rt->exc_chained = rt->exc;
}
