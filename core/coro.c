/* The coroutine protocol, await delegation and C coroutines (see coro.h). */
#include "core/coro.h"

#include <stddef.h>
#include <string.h>

#include "core/assert.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/identity.h"
#include "core/pysource.h"
#include "core/rt.h"

sl_coro_status sl_coro_throw(sl_rt *rt, sl_obj *co, sl_obj *exc, sl_value *out) {
  return co->type->coro->throw_(rt, co, exc, out);
}

void sl_coro_close(sl_rt *rt, sl_obj *co) {
  if (co->type->coro->close) co->type->coro->close(rt, co);
}

const char *sl_coro_qualname(sl_obj *co) {
  return co->type->coro->qualname ? co->type->coro->qualname(co) : "<coroutine>";
}

void sl_coro_format(sl_rt *rt, sl_obj *co, sl_strbuf *out) {
  if (co->type->coro->format)
    co->type->coro->format(rt, co, out);
  else
    sl_strbuf_printf(out, "%s()", sl_coro_qualname(co));
}

void sl_await_clear(sl_rt *rt, sl_awaiter *aw) {
  sl_value t = aw->target;
  aw->target = sl_undef();
  if (aw->then) {
    /* Dropped without its outcome (the frame freed, a fatal error): the
     * engine coroutine it stands for would be freed unfinished. */
    aw->then = NULL;
    sl_decref(rt, aw->then_self);
    sl_vdecref(rt, aw->then_arg);
  }
  sl_vdecref(rt, t);
}

/* The `then` not run: a fatal error ends the coroutine where it is (as
 * ccoro_continue), its references dropped as a `then` would. */
static __attribute__((noinline)) sl_coro_status then_skipped(sl_rt *rt, sl_awaiter *aw,
                                                             sl_obj *fut) {
  sl_decref(rt, aw->then_self);
  sl_vdecref(rt, aw->then_arg);
  sl_decref(rt, fut);
  return SL_CORO_ERROR;
}

/* The awaited future fut (its reference handed over by aw, now idle) gave
 * st: runs the engine coroutine's rest when fut stood for one, as the
 * last call (it owns fut and aw's then_self and then_arg). */
static inline __attribute__((always_inline)) sl_coro_status
future_then(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st, sl_value *out) {
  sl_await_then then = aw->then;
  if (then) {
    aw->then = NULL;
    if (st == SL_CORO_ERROR && rt->fatal) return then_skipped(rt, aw, fut);
    return then(rt, aw, fut, st, out);
  }
  sl_decref(rt, fut);
  return st;
}

/* The awaited thing finished: hand its outcome back and go idle. */
static sl_coro_status finish(sl_rt *rt, sl_awaiter *aw, sl_coro_status st) {
  if (st != SL_CORO_YIELD) sl_await_clear(rt, aw);
  return st;
}

/* Future.__await__ after resumption: `return self.result()`. Inline: every
 * resume of a task that waited on a future comes through here. */
static inline __attribute__((always_inline)) sl_coro_status future_outcome(sl_rt *rt, sl_obj *fut,
                                                                           sl_value *out) {
  if (!sl_future_done(fut)) {
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "await wasn't used with future");
    return SL_CORO_ERROR;
  }
  return sl_future_result(rt, fut, out) ? SL_CORO_ERROR : SL_CORO_RETURN;
}

sl_coro_status sl_await_begin(sl_rt *rt, sl_awaiter *aw, sl_value awaitable, sl_value *out) {
  if (sl_is_future(awaitable)) {
    sl_obj *fut = awaitable.u.o;
    if (sl_future_done(fut)) return future_outcome(rt, fut, out);
    /* Future.__await__: mark blocking and yield the future to the task. */
    sl_as_future(fut)->blocking = true;
    aw->target = sl_vincref(awaitable);
    *out = sl_vincref(awaitable);
    return SL_CORO_YIELD;
  }
  if (sl_is_coro(awaitable)) {
    aw->target = sl_vincref(awaitable);
    return finish(rt, aw, sl_coro_send(rt, awaitable.u.o, sl_none(), out));
  }
  if (rt->profile->await_type_message)
    sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object can't be awaited", sl_type_name(awaitable));
  else
    sl_raise(rt, SL_EXC_TYPE_ERROR, "object %s can't be used in 'await' expression",
             sl_type_name(awaitable));
  return SL_CORO_ERROR;
}

sl_coro_status sl_await_bare_yield(sl_awaiter *aw, sl_value *out) {
  aw->target = sl_none();
  *out = sl_none();
  return SL_CORO_YIELD;
}

/* sl_await_send's future that did not give a result (not done, failed,
 * cancelled): the exception raised, then the `then`. */
static __attribute__((noinline)) sl_coro_status future_failed(sl_rt *rt, sl_awaiter *aw,
                                                              sl_obj *fut, sl_value *out) {
  return future_then(rt, aw, fut, future_outcome(rt, fut, out), out);
}

/* sl_await_send's delegation to a coroutine. */
static __attribute__((noinline)) sl_coro_status
await_send_coro(sl_rt *rt, sl_awaiter *aw, sl_obj *co, sl_value v, sl_value *out) {
  return finish(rt, aw, sl_coro_send(rt, co, v, out));
}

/* Each case ends in a call that is its last (a future's result taken in
 * line), so that the send saves no register: a task's every resume after
 * a wait or a sleep comes here. */
sl_coro_status sl_await_send(sl_rt *rt, sl_awaiter *aw, sl_value v, sl_value *out) {
  sl_value t = aw->target;
  sl_await_then then = aw->then;
  if (then) { /* a future awaited in place (sl_await_future_then): no type to test */
    aw->target = sl_undef();
    sl_future *f = sl_as_future(t.u.o);
    if (f->state != SL_FUTURE_FINISHED || f->exception) return future_failed(rt, aw, t.u.o, out);
    f->log_traceback = false; /* sl_future_result's common case */
    *out = sl_vincref(f->result);
    aw->then = NULL; /* future_then's case of a result: no fatal error to skip it for */
    return then(rt, aw, t.u.o, SL_CORO_RETURN, out);
  }
  if (t.tag == SL_V_NONE) { /* after the bare yield: the coroutine returns None */
    aw->target = sl_undef();
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  if (!sl_is_future(t)) return await_send_coro(rt, aw, t.u.o, v, out);
  /* aw's reference to the future passes to future_then. */
  aw->target = sl_undef();
  sl_future *f = sl_as_future(t.u.o);
  if (f->state != SL_FUTURE_FINISHED || f->exception) return future_failed(rt, aw, t.u.o, out);
  f->log_traceback = false; /* sl_future_result's common case */
  *out = sl_vincref(f->result);
  return future_then(rt, aw, t.u.o, SL_CORO_RETURN, out);
}

sl_coro_status sl_await_throw(sl_rt *rt, sl_awaiter *aw, sl_obj *exc, sl_value *out) {
  sl_value t = aw->target;
  if (sl_is_future(t)) {
    /* The future's iterator re-raises what is thrown into it. */
    aw->target = sl_undef();
    sl_raise_obj(rt, exc);
    return future_then(rt, aw, t.u.o, SL_CORO_ERROR, out);
  }
  if (t.tag == SL_V_NONE) { /* so does a bare yield */
    aw->target = sl_undef();
    sl_raise_obj(rt, exc);
    return SL_CORO_ERROR;
  }
  return finish(rt, aw, sl_coro_throw(rt, t.u.o, exc, out));
}

/* ---- C coroutines ------------------------------------------------------- */

/* Drops what the coroutine holds: when it finishes or is closed (as a
 * frame's locals go when it returns), and never again. */
static void ccoro_clear(sl_rt *rt, sl_obj *o) {
  sl_ccoro *co = (sl_ccoro *)o;
  sl_await_clear(rt, &co->aw);
  sl_vset(rt, &co->result, sl_undef());
  for (unsigned i = 0; i < co->nslots; i++) sl_vset(rt, &co->slots[i], sl_undef());
}

/* The type's clear (the last reference is gone): a finished coroutine was
 * cleared when it finished. */
static void ccoro_type_clear(sl_rt *rt, sl_obj *o) {
  if (!((sl_ccoro *)o)->finished) ccoro_clear(rt, o);
}

static sl_coro_status ccoro_done(sl_rt *rt, sl_ccoro *co, sl_coro_status st) {
  if (st != SL_CORO_YIELD) {
    co->finished = true;
    ccoro_clear(rt, &co->hdr);
  }
  return st;
}

/* Delivers the outcome of the awaited thing and continues the state machine. */
static sl_coro_status ccoro_continue(sl_rt *rt, sl_ccoro *co, sl_coro_status st, sl_value *out) {
  if (st == SL_CORO_YIELD) return st;
  co->failed = st == SL_CORO_ERROR;
  sl_vset(rt, &co->result, st == SL_CORO_RETURN ? *out : sl_undef());
  *out = sl_none();
  if (co->failed && rt->fatal) return ccoro_done(rt, co, SL_CORO_ERROR);
  return ccoro_done(rt, co, co->def->resume(rt, co, out));
}

static sl_coro_status reused(sl_rt *rt) {
  sl_raise(rt, SL_EXC_RUNTIME_ERROR, "cannot reuse already awaited coroutine");
  return SL_CORO_ERROR;
}

static sl_coro_status ccoro_send(sl_rt *rt, sl_obj *o, sl_value v, sl_value *out) {
  sl_ccoro *co = (sl_ccoro *)o;
  if (co->finished) return reused(rt);
  if (sl_await_active(&co->aw))
    return ccoro_continue(rt, co, sl_await_send(rt, &co->aw, v, out), out);
  if (co->pc == 0 && !sl_is_none(v)) {
    /* Only a program driving it by hand (coro.send(1)) can get here. */
    sl_raise(rt, SL_EXC_TYPE_ERROR, "can't send non-None value to a just-started coroutine");
    return SL_CORO_ERROR;
  }
  co->failed = false;
  return ccoro_done(rt, co, co->def->resume(rt, co, out));
}

static sl_coro_status ccoro_throw(sl_rt *rt, sl_obj *o, sl_obj *exc, sl_value *out) {
  sl_ccoro *co = (sl_ccoro *)o;
  if (co->finished) return reused(rt);
  if (sl_await_active(&co->aw))
    return ccoro_continue(rt, co, sl_await_throw(rt, &co->aw, exc, out), out);
  sl_raise_obj(rt, exc);
  if (co->pc == 0) return ccoro_done(rt, co, SL_CORO_ERROR); /* never started */
  /* Suspended at a bare yield: the exception appears there. */
  co->failed = true;
  return ccoro_done(rt, co, co->def->resume(rt, co, out));
}

static void ccoro_close(sl_rt *rt, sl_obj *o) {
  sl_ccoro *co = (sl_ccoro *)o;
  co->finished = true;
  ccoro_clear(rt, o);
}

static const char *ccoro_qualname(sl_obj *o) { return ((sl_ccoro *)o)->def->qualname; }

/* The frame's line, as coroutines._format_coroutine prints it: the def
 * line before the coroutine starts and once it is done, the pending
 * `await` while suspended (a C coroutine runs only inside send/throw, so
 * pc != 0 and not finished is suspended). */
static void ccoro_format(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_ccoro *co = (sl_ccoro *)o;
  int point = 0;
  if (!co->finished && co->pc) point = co->def->suspended_at ? co->def->suspended_at(co) : 1;
  const char *file;
  int line;
  if (!sl_pysource_coro_find(rt->profile, co->def->qualname, point, &file, &line)) {
    sl_strbuf_printf(out, "%s()", co->def->qualname);
    return;
  }
  const char *dir = rt->stdlib_dir ? rt->stdlib_dir : sl_pysource_default_dir(rt->profile);
  sl_strbuf_printf(out, "%s() %s %s/asyncio/%s:%d", co->def->qualname,
                   co->finished ? "done, defined at" : "running at", dir, file, line);
}

static const sl_coro_ops ccoro_ops = {ccoro_send,     ccoro_throw, ccoro_close,
                                      ccoro_qualname, NULL,        ccoro_format};

/* <coroutine object sleep at 0x7f...>, as CPython shows asyncio's own
 * coroutines; the address is the run's (core/identity.h). */
static int ccoro_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_printf(out, "<coroutine object %s at ", ccoro_qualname(o));
  return sl_identity_put_end(rt, o, out);
}

const sl_type sl_ccoro_type = {.name = "coroutine",
                               .clear = ccoro_type_clear,
                               .repr = ccoro_repr,
                               .coro = &ccoro_ops,
                               .size = sizeof(sl_ccoro)};

sl_obj *sl_ccoro_new_sized(sl_rt *rt, const sl_ccoro_def *def, unsigned room, const sl_value *slots,
                           size_t nslots) {
  SL_ASSERT(nslots <= room && room <= SL_CCORO_SLOTS);
  /* Not zeroed: every field is set here (one is made per engine await
   * that suspends). */
  sl_obj *o =
      sl_obj_alloc_uninit(rt, &sl_ccoro_type, offsetof(sl_ccoro, slots) + room * sizeof(sl_value));
  if (!o) return NULL;
  sl_ccoro *co = (sl_ccoro *)o;
  co->def = def;
  co->pc = 0;
  co->nslots = (uint8_t)room;
  co->finished = false;
  co->failed = false;
  co->result = sl_undef();
  sl_await_init(&co->aw);
  memset(&co->local, 0, sizeof co->local);
  size_t i = 0;
  for (; i < nslots; i++) co->slots[i] = sl_vincref(slots[i]);
  for (; i < room; i++) co->slots[i] = sl_undef();
  return o;
}

sl_obj *sl_ccoro_new(sl_rt *rt, const sl_ccoro_def *def, const sl_value *slots, size_t nslots) {
  return sl_ccoro_new_sized(rt, def, SL_CCORO_SLOTS, slots, nslots);
}

sl_coro_status sl_ccoro_await(sl_rt *rt, sl_ccoro *co, sl_value awaitable, int next_pc,
                              sl_value *out) {
  co->pc = next_pc;
  sl_coro_status st = sl_await_begin(rt, &co->aw, awaitable, out);
  if (st == SL_CORO_YIELD) return st;
  co->failed = st == SL_CORO_ERROR;
  sl_vset(rt, &co->result, st == SL_CORO_RETURN ? *out : sl_undef());
  *out = sl_none();
  if (co->failed && rt->fatal) return SL_CORO_ERROR;
  return co->def->resume(rt, co, out);
}

sl_value sl_ccoro_take_result(sl_ccoro *co) {
  sl_value v = co->result;
  co->result = sl_undef();
  return sl_is_undef(v) ? sl_none() : v;
}

sl_coro_status sl_ccoro_yield_none(sl_ccoro *co, int next_pc, sl_value *out) {
  co->pc = next_pc;
  *out = sl_none();
  return SL_CORO_YIELD;
}
