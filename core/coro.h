/* The coroutine protocol, `await` delegation, and coroutines written in C.
 *
 * A coroutine is any heap object whose type has `coro` ops: Python's
 * send/throw/close. The scenario VM's coroutines implement it, and so do the
 * library's own coroutines (sleep, Lock.acquire, Queue.get, ...), written in
 * C as resumable state machines (sl_ccoro). */
#ifndef SL_CORO_H
#define SL_CORO_H

#include "core/future.h"
#include "core/object.h"

typedef enum sl_coro_status {
  SL_CORO_YIELD,  /* *out: the yielded value (new ref): a future, or None */
  SL_CORO_RETURN, /* *out: the return value (new ref) */
  SL_CORO_ERROR,  /* rt->exc (or rt->fatal) is set */
} sl_coro_status;

struct sl_coro_ops {
  sl_coro_status (*send)(sl_rt *rt, sl_obj *co, sl_value v, sl_value *out);
  /* Throws `exc` (borrowed) in at the suspension point. */
  sl_coro_status (*throw_)(sl_rt *rt, sl_obj *co, sl_obj *exc, sl_value *out);
  void (*close)(sl_rt *rt, sl_obj *co);
  /* The coroutine function's __qualname__ (borrowed, static or owned by co). */
  const char *(*qualname)(sl_obj *co);
  /* Appends where the coroutine is suspended ("file:line in func"); may be NULL. */
  void (*where)(sl_rt *rt, sl_obj *co, sl_strbuf *out);
  /* Appends coroutines._format_coroutine(co): "f() running at file:line" or
   * "f() done, defined at file:line"; NULL: just "f()". The library's own
   * coroutines name asyncio's source where core/pysource_coro.c knows the
   * line, and print just "f()" where not. */
  void (*format)(sl_rt *rt, sl_obj *co, sl_strbuf *out);
};

static inline bool sl_is_coro(sl_value v) { return v.tag == SL_V_OBJ && v.u.o->type->coro; }
/* send and throw: the caller holds a reference to `co` until they return
 * (a task its coroutine, an awaiter its target, a bound method its self),
 * so a resume takes none, though the coroutine's code may drop every
 * other one. Inline: every task step and every await of a coroutine
 * comes here. */
static inline sl_coro_status sl_coro_send(sl_rt *rt, sl_obj *co, sl_value v, sl_value *out) {
  return co->type->coro->send(rt, co, v, out);
}
sl_coro_status sl_coro_throw(sl_rt *rt, sl_obj *co, sl_obj *exc, sl_value *out);
void sl_coro_close(sl_rt *rt, sl_obj *co);
const char *sl_coro_qualname(sl_obj *co);
/* Appends coroutines._format_coroutine(co) (see sl_coro_ops.format). */
void sl_coro_format(sl_rt *rt, sl_obj *co, sl_strbuf *out);

/* The rest of an engine coroutine after its `await fut`, run by the
 * awaiter that awaited the waiter future fut in the coroutine's place
 * (sl_await_future_then), when fut's outcome arrives: st is RETURN with
 * *out fut's result (new reference) or ERROR with the exception pending
 * (the future's, or one thrown in). aw->then is NULL again; the `then`
 * owns fut (the awaiter's reference) and aw->then_self and aw->then_arg
 * (the coroutine's self and argument, SL_V_UNDEF for none: the
 * awaiter's references, which it must read before suspending aw again)
 * and drops each or hands it on. Five arguments, all in registers: the
 * awaiter's send then tail-calls it (sl_await_send saves no register).
 * Returns what the coroutine would: RETURN (*out its value), ERROR, or
 * YIELD after suspending aw again (sl_await_future_then: a retry loop's
 * next `await fut`). sl__then_with wraps a body that borrows them. */
typedef sl_coro_status (*sl_await_then)(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st,
                                        sl_value *out);
/* A `then` body that borrows self, arg and fut (sl__then_with drops them
 * after it, self first, then arg, then fut). */
typedef sl_coro_status (*sl__then_body)(sl_rt *rt, sl_awaiter *aw, sl_obj *self, sl_value arg,
                                        sl_obj *fut, sl_coro_status st, sl_value *out);

/* `await x` in progress: x is a future or a coroutine we delegate to. */
struct sl_awaiter {
  /* owned; SL_V_UNDEF when idle; None: suspended at the bare `yield` of
   * asyncio.sleep(0) without its coroutine (sl_await_bare_yield) */
  sl_value target;
  /* NULL, except while target is a future awaited in place of an engine
   * coroutine (sl_await_future_then): that coroutine's rest, with
   * then_self (owned) its `self` and then_arg (owned) its argument
   * (neither meaningful while `then` is NULL: once the send or throw
   * resets `then` to run it, the `then` owns both). Every awaiter starts as
   * sl_await_init sets it, and `then` is NULL again once the rest has run
   * or the awaiter is cleared. */
  sl_await_then then;
  sl_obj *then_self;
  sl_value then_arg;
};

/* A `then` (sl_await_then) running `body` on the references it owns,
 * then dropping them. */
static inline __attribute__((always_inline)) sl_coro_status
sl__then_with(sl_rt *rt, sl_awaiter *aw, sl_obj *fut, sl_coro_status st, sl_value *out,
              sl__then_body body) {
  sl_obj *self = aw->then_self;
  sl_value arg = aw->then_arg;
  st = body(rt, aw, self, arg, fut, st, out);
  sl_decref(rt, self);
  sl_vdecref(rt, arg);
  sl_decref(rt, fut);
  return st;
}

/* Starts awaiting `awaitable` (borrowed). YIELD: suspended (out = the value
 * to pass up to the task). RETURN/ERROR: finished at once. */
sl_coro_status sl_await_begin(sl_rt *rt, sl_awaiter *aw, sl_value awaitable, sl_value *out);
sl_coro_status sl_await_send(sl_rt *rt, sl_awaiter *aw, sl_value v, sl_value *out);
sl_coro_status sl_await_throw(sl_rt *rt, sl_awaiter *aw, sl_obj *exc, sl_value *out);
static inline bool sl_await_active(const sl_awaiter *aw) { return !sl_is_undef(aw->target); }
/* An idle awaiter: what every new one must be set to. */
static inline void sl_await_init(sl_awaiter *aw) {
  aw->target = sl_undef();
  aw->then = NULL;
}
/* Awaits a coroutine known to suspend at once at a bare `yield` (so its
 * task steps again at the next iteration) and then to return None, which
 * nothing else references, without running it: asyncio.sleep(0), whose
 * only observable effects those are (sl_sleep_take_bare_yield). The caller
 * drops the coroutine. Returns YIELD with *out None. */
sl_coro_status sl_await_bare_yield(sl_awaiter *aw, sl_value *out);
void sl_await_clear(sl_rt *rt, sl_awaiter *aw);
/* Suspends aw on the pending future fut (borrowed) in place of an engine
 * coroutine of `self` and `arg` (borrowed; SL_V_UNDEF: none) suspending
 * at its `await fut`, which
 * would then run `then` (see sl_await_then): the coroutine is never made.
 * Nothing can tell, as long as nothing else would refer to it: the task
 * blocks on fut as it would, a cancellation or a close() is thrown in at
 * fut and reaches `then`. Returns YIELD with *out fut (new reference),
 * unless out is NULL (a frame suspended by sl_type.await_now yields its
 * awaiter's target itself). */
static inline sl_coro_status sl_await_future_then(sl_awaiter *aw, sl_obj *fut, sl_await_then then,
                                                  sl_obj *self, sl_value arg, sl_value *out) {
  /* Future.__await__: mark blocking and yield the future to the task. In
   * line: every wait in place (sl__waiter_suspend) ends here. */
  sl_as_future(fut)->blocking = true;
  fut->refcnt++;
  aw->target = sl_obj_val(fut);
  self->refcnt++;
  aw->then = then;
  aw->then_self = self;
  aw->then_arg = sl_vincref(arg);
  if (out) {
    fut->refcnt++;
    *out = sl_obj_val(fut);
  }
  return SL_CORO_YIELD;
}
/* The same without an argument and without *out, taking the caller's
 * references to fut and self instead of its own: for a caller that made
 * both only to hand them over (asyncio.sleep awaited in place). */
static inline void sl__await_future_then_taking(sl_awaiter *aw, sl_obj *fut, sl_await_then then,
                                                sl_obj *self) {
  sl_as_future(fut)->blocking = true;
  aw->target = sl_obj_val(fut);
  aw->then = then;
  aw->then_self = self;
  aw->then_arg = sl_undef();
}

/* ---- Coroutines written in C ------------------------------------------ */

typedef struct sl_ccoro sl_ccoro;

#define SL_CCORO_SLOTS 8

typedef struct sl_ccoro_def {
  const char *qualname; /* "sleep", "Lock.acquire", ... */
  /* Runs from state co->pc until the coroutine suspends (return
   * sl_ccoro_await's result) or finishes (SL_CORO_RETURN / SL_CORO_ERROR). On
   * re-entry after an await, co->failed says whether the awaited thing raised
   * (the exception is pending in rt->exc) and co->result holds its value. */
  sl_coro_status (*resume)(sl_rt *rt, sl_ccoro *co, sl_value *out);
  /* Which suspension point of the Python function (core/pysource_coro.c,
   * from 1) a suspended coroutine stands at, from its state: what a Task's
   * repr shows as "running at FILE:LINE". NULL: 1 (a function with one
   * await). */
  int (*suspended_at)(const sl_ccoro *co);
} sl_ccoro_def;

struct sl_ccoro {
  sl_obj hdr;
  const sl_ccoro_def *def;
  int pc;         /* state: 0 = not started */
  uint8_t nslots; /* how many of `slots` the object has room for */
  bool finished;
  bool failed;     /* the last await raised */
  sl_value result; /* owned: the last await's value */
  sl_awaiter aw;
  /* The plain (not owned) local of the state machines that need one, by
   * name: each coroutine uses only its own member. */
  union {
    double sleep_delay;        /* sleep(delay) (core/sleep.c) */
    bool cond_cancelled;       /* Condition.wait: 3.11's `cancelled` (core/locks.c) */
    int64_t wait_counter;      /* wait(): `counter`, futures not done (core/wait.c) */
    bool wait_for_body_raised; /* wait_for 3.12+: `await fut` raised (core/wait_for.c) */
    int64_t test_items;        /* items produced or consumed (tests/unit/test_sync.c) */
    struct {                   /* AsyncExitStack.__aexit__ (mod_contextlib_stack.c) */
      bool received, suppressed, pending;
    } exit_stack;
  } local;
  /* Owned locals; each coroutine names its indices with an enum. Last:
   * the object ends after `nslots` of them (sl_ccoro_new_sized). */
  sl_value slots[SL_CCORO_SLOTS];
};

extern const sl_type sl_ccoro_type;

/* A new C coroutine; `slots` (borrowed, up to SL_CCORO_SLOTS) become its
 * first locals. */
sl_obj *sl_ccoro_new(sl_rt *rt, const sl_ccoro_def *def, const sl_value *slots, size_t nslots);
/* The same with room for only `room` slots (nslots <= room <=
 * SL_CCORO_SLOTS): for coroutines made often whose state machine uses
 * only slots[0..room-1], which are then all that is zeroed and cleared. */
sl_obj *sl_ccoro_new_sized(sl_rt *rt, const sl_ccoro_def *def, unsigned room, const sl_value *slots,
                           size_t nslots);
/* Awaits `awaitable` (borrowed) and continues at state `next_pc`: either
 * suspends (returns YIELD) or re-enters def->resume at once. */
sl_coro_status sl_ccoro_await(sl_rt *rt, sl_ccoro *co, sl_value awaitable, int next_pc,
                              sl_value *out);
/* Takes the last await's result (new reference to the caller). */
sl_value sl_ccoro_take_result(sl_ccoro *co);
/* Suspends with a bare `yield` (sleep(0)), continuing at `next_pc`. */
sl_coro_status sl_ccoro_yield_none(sl_ccoro *co, int next_pc, sl_value *out);

#endif
