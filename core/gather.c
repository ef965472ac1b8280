/* asyncio.gather (see gather.h). The outer future is a _GatheringFuture
 * that holds the children and the counters gather's closure keeps in
 * CPython; `_done_callback` is a cfunc bound to it. */
#include "core/gather.h"

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dedup.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/task.h"
#include "core/tuple.h"

typedef struct sl_gathering_future {
  sl_future fut;
  sl_value *children; /* owned, in argument order (duplicates repeated) */
  size_t nchildren;
  size_t nfuts, nfinished;
  bool return_exceptions;
  bool cancel_requested;
} sl_gathering_future;

static void gf_clear(sl_rt *rt, sl_obj *o) {
  sl_gathering_future *g = (sl_gathering_future *)o;
  sl_future_clear_fields(rt, o);
  for (size_t i = 0; i < g->nchildren; i++) sl_vdecref(rt, g->children[i]);
  g->nchildren = 0;
}

static void gf_release(sl_obj *o) {
  sl_future_release_fields(o);
  sl_free(((sl_gathering_future *)o)->children);
}

/* _GatheringFuture.cancel: cancel every child; True if any was. */
static int gf_cancel(sl_rt *rt, sl_obj *o, sl_value msg) {
  sl_gathering_future *g = (sl_gathering_future *)o;
  if (sl_future_done(o)) return 0;
  bool ret = false;
  for (size_t i = 0; i < g->nchildren; i++) {
    int rc = sl_future_cancel(rt, g->children[i].u.o, msg);
    if (rc < 0) return -1;
    if (rc) ret = true;
  }
  if (ret) g->cancel_requested = true;
  return ret;
}

const sl_type sl_gathering_future_type = {.name = "_GatheringFuture",
                                          .clear = gf_clear,
                                          .release = gf_release,
                                          .repr = sl_future_repr,
                                          .future_cancel = gf_cancel,
                                          .flags = SL_TF_FUTURE,
                                          .size = sizeof(sl_gathering_future)};

/* CancelledError('' if fut._cancel_message is None else fut._cancel_message) */
static sl_obj *cancelled_result(sl_rt *rt, sl_obj *fut) {
  sl_value msg = sl_as_future(fut)->cancel_message;
  if (!sl_is_none(msg)) return sl_exc_new(rt, rt->classes[SL_EXC_CANCELLED_ERROR], &msg, 1);
  return sl_exc_new_msg(rt, SL_EXC_CANCELLED_ERROR, "");
}

/* All children are done: outer gets the list of results. */
static int set_results(sl_rt *rt, sl_gathering_future *g, sl_obj *last) {
  sl_obj *outer = &g->fut.hdr;
  sl_obj *results = sl_list_new(rt, NULL, 0);
  if (!results) return -1;
  for (size_t i = 0; i < g->nchildren; i++) {
    sl_obj *child = g->children[i].u.o;
    sl_value res;
    if (sl_future_cancelled(child)) {
      sl_obj *exc = cancelled_result(rt, child);
      if (!exc) goto fail;
      res = sl_obj_val(exc);
    } else {
      sl_obj *exc;
      if (sl_future_exception(rt, child, &exc)) goto fail;
      if (exc)
        res = sl_obj_val(exc);
      else if (sl_future_result(rt, child, &res))
        goto fail;
    }
    int rc = sl_list_append(rt, results, res);
    sl_vdecref(rt, res);
    if (rc) goto fail;
  }
  int rc;
  if (g->cancel_requested) {
    /* gh-32684: a cancelled gather propagates cancellation whatever
     * return_exceptions says; `fut` is the last child in CPython's loop. */
    sl_obj *exc = sl_future_make_cancelled_error(rt, last);
    rc = exc ? sl_future_set_exception(rt, outer, sl_obj_val(exc)) : -1;
    sl_decref(rt, exc);
  } else {
    rc = sl_future_set_result(rt, outer, sl_obj_val(results));
  }
  sl_decref(rt, results);
  return rc;
fail:
  sl_decref(rt, results);
  return -1;
}

/* gather.<locals>._done_callback(fut) */
static int done_callback(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_gathering_future *g = (sl_gathering_future *)self.u.o;
  sl_obj *outer = self.u.o;
  sl_obj *fut = args->pos[0].u.o;
  g->nfinished++;
  if (sl_future_done(outer)) {
    if (!sl_future_cancelled(fut)) sl_as_future(fut)->log_traceback = false;
    return 0;
  }
  if (!g->return_exceptions) {
    if (sl_future_cancelled(fut)) {
      sl_obj *exc = sl_future_make_cancelled_error(rt, fut);
      if (!exc) return -1;
      int rc = sl_future_set_exception(rt, outer, sl_obj_val(exc));
      sl_decref(rt, exc);
      return rc;
    }
    sl_obj *exc;
    if (sl_future_exception(rt, fut, &exc)) return -1;
    if (exc) {
      int rc = sl_future_set_exception(rt, outer, sl_obj_val(exc));
      sl_decref(rt, exc);
      return rc;
    }
  }
  if (g->nfinished == g->nfuts) {
    /* CPython's results loop leaves `fut` bound to the last child. */
    sl_obj *last = g->children[g->nchildren - 1].u.o;
    return set_results(rt, g, last);
  }
  return 0;
}

static const sl_cfunc_def done_callback_def = {"gather.<locals>._done_callback", done_callback,
                                               "gather.done", SL_CANON_ARG0};

/* gather() with no arguments: a plain future already holding []. */
static sl_obj *gather_empty(sl_rt *rt) {
  sl_obj *outer = sl_future_new(rt);
  sl_obj *empty = outer ? sl_list_new(rt, NULL, 0) : NULL;
  if (!empty || sl_future_set_result(rt, outer, sl_obj_val(empty))) {
    sl_decref(rt, empty);
    sl_decref(rt, outer);
    return NULL;
  }
  sl_decref(rt, empty);
  return outer;
}

sl_obj *sl_gather(sl_rt *rt, const sl_value *aws, size_t n, bool return_exceptions) {
  if (n == 0) return gather_empty(rt);
  sl_obj *outer = sl_obj_alloc(rt, &sl_gathering_future_type);
  if (!outer) return NULL;
  sl_future_init(outer);
  sl_gathering_future *g = (sl_gathering_future *)outer;
  g->return_exceptions = return_exceptions;
  g->children = sl_calloc(n, sizeof *g->children);
  sl_obj *cb = g->children ? sl_cfunc_new(rt, &done_callback_def, sl_obj_val(outer)) : NULL;
  bool *done_now = cb ? sl_calloc(n, sizeof *done_now) : NULL;
  size_t *first_of = done_now ? sl_first_occurrences(aws, n) : NULL;
  if (!first_of) {
    if (!rt->fatal) sl_nomem(rt);
    goto fail;
  }
  for (size_t i = 0; i < n; i++) {
    size_t first = first_of[i];
    if (first != i) { /* a duplicate: the same child again */
      g->children[g->nchildren++] = sl_vincref(g->children[first]);
      continue;
    }
    sl_obj *fut = sl_ensure_future(rt, aws[i]);
    if (!fut) goto fail;
    g->children[g->nchildren++] = sl_obj_val(fut);
    g->nfuts++;
    if (rt->profile->gather_sync_done_children && sl_future_done(fut))
      done_now[i] = true;
    else if (sl_future_add_done_callback(rt, fut, sl_obj_val(cb)))
      goto fail;
  }
  /* 3.12+: run the callbacks of children that were already done, now that
   * outer exists. */
  for (size_t i = 0; i < n; i++) {
    if (!done_now[i]) continue;
    sl_value arg = g->children[i];
    sl_value ignored;
    if (sl_call_pos(rt, sl_obj_val(cb), &arg, 1, &ignored)) goto fail;
  }
  sl_free(first_of);
  sl_free(done_now);
  sl_decref(rt, cb);
  return outer;
fail:
  sl_free(first_of);
  sl_free(done_now);
  sl_decref(rt, cb);
  sl_decref(rt, outer);
  return NULL;
}
