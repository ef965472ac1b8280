/* The iterators that call into the program (Objects/iterobject.c):
 * iter(callable, sentinel) calls callable() until it returns something
 * equal to sentinel (callable_iterator); the sequence iterator calls
 * obj[0], obj[1], ... Each owns what it calls; once exhausted it drops it
 * and stays exhausted. */
#include "core/lang/iter-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"

typedef struct calliter {
  sl_obj hdr;
  sl_value fn;       /* owned; SL_V_UNDEF once exhausted */
  sl_value sentinel; /* owned */
} calliter;

static void calliter_clear(sl_rt *rt, sl_obj *o) {
  calliter *c = (calliter *)o;
  sl_vset(rt, &c->fn, sl_undef());
  sl_vset(rt, &c->sentinel, sl_undef());
}

static int calliter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  calliter *c = (calliter *)o;
  if (sl_is_undef(c->fn)) return 0;
  sl_args none = {NULL, 0, NULL, NULL, 0};
  sl_value v;
  if (sl_vm_call(rt, c->fn, &none, &v)) {
    if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION)) {
      sl_err_clear(rt);
      calliter_clear(rt, o);
      return 0;
    }
    return -1;
  }
  bool eq = false;
  if (sl_compare(rt, SL_CMP_EQ, c->sentinel, v, &eq)) {
    sl_vdecref(rt, v);
    return -1;
  }
  if (eq) {
    sl_vdecref(rt, v);
    calliter_clear(rt, o);
    return 0;
  }
  *out = v;
  return 1;
}

static int calliter_iter(sl_rt *rt, sl_obj *o, sl_value *out) {
  (void)rt;
  sl_incref(o);
  *out = sl_obj_val(o);
  return 0;
}

static const sl_lang_slots calliter_slots = {.iter = calliter_iter, .next = calliter_next};

const sl_type sl__callable_iter_type = {.name = "callable_iterator",
                                        .clear = calliter_clear,
                                        .lang = &calliter_slots,
                                        .size = sizeof(calliter)};

int sl__callable_iter_new(sl_rt *rt, sl_value fn, sl_value sentinel, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, &sl__callable_iter_type);
  if (!o) return -1;
  calliter *c = (calliter *)o;
  c->fn = sl_vincref(fn);
  c->sentinel = sl_vincref(sentinel);
  *out = sl_obj_val(o);
  return 0;
}

/* The sequence protocol's iterator (Objects/iterobject.c seqiterobject):
 * iter() of an object whose class defines __getitem__ but no __iter__
 * calls obj[0], obj[1], ... until IndexError or StopIteration. */
typedef struct seqiter {
  sl_obj hdr;
  sl_value seq; /* owned; SL_V_UNDEF once exhausted */
  int64_t index;
} seqiter;

static void seqiter_clear(sl_rt *rt, sl_obj *o) { sl_vset(rt, &((seqiter *)o)->seq, sl_undef()); }

static int seqiter_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  seqiter *s = (seqiter *)o;
  if (sl_is_undef(s->seq)) return 0;
  if (!sl_getitem(rt, s->seq, sl_int(s->index), out)) {
    s->index++;
    return 1;
  }
  if (rt->exc && (sl_exc_isinstance(rt->exc, SL_EXC_INDEX_ERROR) ||
                  sl_exc_isinstance(rt->exc, SL_EXC_STOP_ITERATION))) {
    sl_err_clear(rt);
    seqiter_clear(rt, o);
    return 0;
  }
  return -1;
}

static const sl_lang_slots seqiter_slots = {.iter = calliter_iter, .next = seqiter_next};

const sl_type sl__seq_iter_type = {
    .name = "iterator", .clear = seqiter_clear, .lang = &seqiter_slots, .size = sizeof(seqiter)};

int sl__seq_iter_new(sl_rt *rt, sl_value seq, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, &sl__seq_iter_type);
  if (!o) return -1;
  ((seqiter *)o)->seq = sl_vincref(seq);
  *out = sl_obj_val(o);
  return 0;
}
