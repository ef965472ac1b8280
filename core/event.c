/* Mirrors Lib/asyncio/locks.py: Event (3.11-3.14 alike). wait() is a C
 * coroutine, or runs in place in the awaiting frame (event_await_now). */
#include <string.h>

#include "core/coro.h"
#include "core/future.h"
#include "core/locks.h"
#include "core/rt.h"
#include "core/sync-int.h"

static void event_clear_refs(sl_rt *rt, sl_obj *o) {
  sl_waitq_clear(rt, &((sl_event *)o)->waiters);
}
static void event_release_mem(sl_obj *o) { sl_waitq_release(&((sl_event *)o)->waiters); }

static int event_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_event *e = (sl_event *)o;
  if (sl__sync_repr_head(rt, o, "asyncio.locks.Event", out)) return -1;
  sl_strbuf_printf(out, "%s", e->value ? "set" : "unset");
  if (e->waiters.len) sl_strbuf_printf(out, ", waiters:%zu", e->waiters.len);
  sl_strbuf_puts(out, "]>");
  return 0;
}

static int event_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static int event_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                           sl_awaiter *aw, sl_value *out);

const sl_type sl_event_type = {.name = "Event",
                               .clear = event_clear_refs,
                               .release = event_release_mem,
                               .repr = event_repr,
                               .getattr = event_getattr,
                               .await_now = event_await_now,
                               .flags = SL_TF_STABLE_ATTRS,
                               .size = sizeof(sl_event)};

sl_obj *sl_event_new(sl_rt *rt) { return sl_obj_alloc(rt, &sl_event_type); }

/* set(): every waiter not yet done gets True, in deque order. */
int sl_event_set(sl_rt *rt, sl_obj *o) {
  sl_event *e = (sl_event *)o;
  if (e->value) return 0;
  e->value = true;
  return sl__waiters_wake(rt, &e->waiters, true, INT64_MAX);
}

/* async def wait(self); slots: the event, the future waited on. */
enum { EW_SELF, EW_FUT, EW_SLOTS };
static sl_coro_status event_wait_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_event *e = (sl_event *)co->slots[EW_SELF].u.o;
  if (co->pc == 0) {
    if (e->value) {
      *out = sl_bool(true);
      return SL_CORO_RETURN;
    }
    sl_obj *fut = sl_future_new(rt);
    if (!fut) return SL_CORO_ERROR;
    co->slots[EW_FUT] = sl_obj_val(fut);
    if (sl_waitq_append(rt, &e->waiters, fut)) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[EW_FUT], 1, out);
  }
  /* finally: self._waiters.remove(fut) */
  sl_waitq_remove(rt, &e->waiters, co->slots[EW_FUT].u.o);
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_bool(true);
  return SL_CORO_RETURN;
}

static const sl_ccoro_def event_wait_def = {"Event.wait", event_wait_resume, NULL};

/* event_wait_resume's state 1, run by the awaiter that awaited the
 * future in the coroutine's place (event_await_now). */
static sl_coro_status event_wait_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                           sl_obj *fut, sl_coro_status st, sl_value *out) {
  (void)aw, (void)arg;
  sl_waitq_remove(rt, &((sl_event *)self)->waiters, fut);
  return sl__then_return(rt, st, sl_bool(true), out);
}
static __attribute__((noinline)) sl_coro_status
event_wait_then_all(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st, sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, event_wait_then_body);
}
/* A woken waiter (True, no object to drop) whose future is the waiters'
 * head and whose drops free nothing (the loop's wakeup still holds fut,
 * the event is held elsewhere) leaves without a frame: the same drops in
 * the same order, none of them the last. Anything else: the whole rest.
 * (arg is undef: sl__event_wait_now passes none.) */
static sl_coro_status event_wait_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                      sl_value *out) {
  sl_obj *self = aw->then_self;
  sl_waitq *q = &((sl_event *)self)->waiters;
  if (!sl__woken_head_quiet(q, self, fut, st, out))
    return event_wait_then_all(rt, aw, fut, st, out);
  return sl__woken_head_finish(q, self, fut, out);
}

/* The same for Queue.join()'s `await self._finished.wait()`: join returns
 * None. */
static sl_coro_status event_join_then_body(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                           sl_obj *fut, sl_coro_status st, sl_value *out) {
  (void)aw, (void)arg;
  sl_waitq_remove(rt, &((sl_event *)self)->waiters, fut);
  return sl__then_return(rt, st, sl_none(), out);
}
static sl_coro_status event_join_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                      sl_value *out) {
  return sl__then_with(rt, aw, fut, st, out, event_join_then_body);
}

int sl__event_wait_now(sl_rt *rt, sl_obj *event, bool ret_none, sl_awaiter *aw) {
  return sl__waiter_suspend_now(rt, &((sl_event *)event)->waiters, event, sl_undef(),
                                ret_none ? event_join_then : event_wait_then, aw);
}

sl_obj *sl_event_wait(sl_rt *rt, sl_obj *event) {
  sl_value self = sl_obj_val(event);
  return sl_ccoro_new_sized(rt, &event_wait_def, EW_SLOTS, &self, 1);
}

/* ---- Python-level methods ------------------------------------------------- */

static const char *const self_only[] = {"self"};

#define NOARGS(qual)                                                                               \
  sl_value bound[1];                                                                               \
  if (sl__bind_method(rt, self, args, qual, self_only, 1, 1, 1, bound)) return -1

static int m_event_wait(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Event.wait");
  sl_obj *co = sl_event_wait(rt, self.u.o);
  if (!co) return -1;
  *out = sl_obj_val(co);
  return 0;
}
static int m_event_set(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Event.set");
  return sl_event_set(rt, self.u.o);
}
/* `ev.set()` as a statement (sl_cstmt_fn): no binding; any argument
 * takes the plain body, which owns the TypeError. */
static int m_event_set_stmt(sl_rt *rt, sl_value *slots, int32_t argc) {
  if (argc) return SL_CSTMT_PLAIN;
  return sl_event_set(rt, slots[0].u.o) ? -1 : 0;
}
static int m_event_clear(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Event.clear");
  sl_event_clear(self.u.o);
  return 0;
}
static int m_event_is_set(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  NOARGS("Event.is_set");
  *out = sl_bool(sl_event_is_set(self.u.o));
  return 0;
}

static const sl_cfunc_def event_methods[] = {
    {"Event.wait", m_event_wait, NULL, SL_CANON_LABEL},
    {"Event.set", m_event_set, NULL, SL_CANON_LABEL, .stmt = m_event_set_stmt},
    {"Event.clear", m_event_clear, NULL, SL_CANON_LABEL},
    {"Event.is_set", m_event_is_set, NULL, SL_CANON_LABEL},
    {NULL, NULL, NULL, SL_CANON_LABEL},
};

/* sl_type.await_now: `await event.wait()`, which returns at once when
 * the event is set, and otherwise waits in place. */
static int event_await_now(sl_rt *rt, const sl_cfunc_def *def, const sl_value *argv, size_t argc,
                           sl_awaiter *aw, sl_value *out) {
  sl_obj *o = argv[-1].u.o;
  sl_event *e = (sl_event *)o;
  if (def->fn != m_event_wait || argc) return SL_NOW_LATER;
  if (!e->value)
    return aw ? sl__waiter_suspend_now(rt, &e->waiters, o, sl_undef(), event_wait_then, aw)
              : SL_NOW_LATER;
  *out = sl_bool(true);
  return SL_NOW_DONE;
}

/* Besides the methods, the private flag programs read (`event._value`). */
static int event_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "_value")) return *out = sl_bool(((sl_event *)o)->value), 0;
  return sl__getattr_methods(rt, o, event_methods, name, out);
}
