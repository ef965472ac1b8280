/* Locks, queues, timeouts, TaskGroup, wait_for and shield, driven by
 * coroutines written in C; each test's program is in
 * tests/unit/sync_programs/<name>.py and its expected trace
 * (sync_expected.h) is what CPython printed for it under the oracle. */
#include "tests/unit/sl_test.h"

#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/locks.h"
#include "core/queues.h"
#include "core/runner.h"
#include "core/semaphore.h"
#include "core/shield.h"
#include "core/sleep.h"
#include "core/task.h"
#include "core/taskgroup.h"
#include "core/timeouts.h"
#include "core/wait_for.h"
#include "tests/unit/sync_expected.h"

/* ---- helpers ---------------------------------------------------------------- */

/* Awaits `aw` (a new reference, stolen) kept in slot `slot`. */
static sl_coro_status await_in(sl_rt *rt, sl_ccoro *co, int slot, sl_obj *aw, int next,
                               sl_value *out) {
  assert_non_null(aw);
  sl_vset(rt, &co->slots[slot], sl_obj_val(aw));
  return sl_ccoro_await(rt, co, co->slots[slot], next, out);
}

static sl_value spawn(sl_rt *rt, const sl_ccoro_def *def, sl_value arg) {
  sl_obj *co = sl_ccoro_new(rt, def, &arg, sl_is_undef(arg) ? 0 : 1);
  assert_non_null(co);
  sl_obj *t = sl_loop_create_task(rt, co, NULL);
  sl_decref(rt, co);
  assert_non_null(t);
  return sl_obj_val(t);
}

static sl_coro_status ret_none(sl_value *out) {
  *out = sl_none();
  return SL_CORO_RETURN;
}

/* Runs asyncio.run(def()) under `profile` and checks the trace; returns
 * the name of the exception main raised ("" if none). */
static void run_program(const char *profile, const sl_ccoro_def *def, const char *expected,
                        const char *exc_type) {
  sl_test_run run;
  sl_test_start(&run, profile);
  sl_obj *co = sl_ccoro_new(run.rt, def, NULL, 0);
  assert_non_null(co);
  sl_value out = sl_none();
  int rc = sl_asyncio_run(run.rt, co, &out);
  sl_decref(run.rt, co);
  sl_vdecref(run.rt, out);
  if (exc_type) {
    assert_int_equal(rc, -1);
    assert_non_null(run.rt->exc);
    assert_string_equal(sl_exc_type_name(run.rt->exc), exc_type);
  } else {
    assert_int_equal(rc, 0);
  }
  sl_test_expect_trace(&run, expected);
  sl_test_finish(&run);
}

static sl_coro_status sleep_then(sl_rt *rt, sl_ccoro *co, int slot, double d, int next,
                                 sl_value *out) {
  return await_in(rt, co, slot, sl_sleep(rt, d, sl_none()), next, out);
}

/* ---- lock_cancel.py ------------------------------------------------------------ */

static sl_coro_status holder_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  sl_obj *lock = co->slots[0].u.o;
  switch (co->pc) {
  case 0: return await_in(rt, co, 1, sl_lock_acquire(rt, lock), 1, out);
  case 1:
    if (co->failed) return SL_CORO_ERROR;
    return sleep_then(rt, co, 1, 0.1, 2, out);
  case 2:
    if (co->failed) return SL_CORO_ERROR;
    if (sl_lock_release(rt, lock)) return SL_CORO_ERROR;
    return ret_none(out);
  }
  return SL_CORO_ERROR;
}
static const sl_ccoro_def holder_def = {"holder", holder_resume, NULL};

static sl_coro_status lock_main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    sl_obj *lock = sl_lock_new(rt);
    assert_non_null(lock);
    co->slots[0] = sl_obj_val(lock);
    for (int i = 1; i <= 3; i++) co->slots[i] = spawn(rt, &holder_def, co->slots[0]);
    return sleep_then(rt, co, 4, 0, 1, out);
  }
  case 1:
    assert_int_equal(sl_task_cancel(rt, co->slots[2].u.o, sl_none()), 1);
    return sl_ccoro_await(rt, co, co->slots[3], 2, out);
  case 2:
    assert_false(co->failed);
    assert_false(sl_lock_locked(co->slots[0].u.o));
    return ret_none(out);
  }
  return SL_CORO_ERROR;
}
static const sl_ccoro_def lock_main_def = {"main", lock_main_resume, NULL};

static void test_lock_cancel_waiter(void **state) {
  run_program("3.14", &lock_main_def, exp_lock_cancel_314, NULL);
  run_program("3.11.2", &lock_main_def, exp_lock_cancel_314, NULL);
}

/* ---- sem_wake_many.py ------------------------------------------------------------ */

static sl_coro_status w_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return await_in(rt, co, 1, sl_semaphore_acquire(rt, co->slots[0].u.o), 1, out);
  if (co->failed) return SL_CORO_ERROR;
  return ret_none(out);
}
static const sl_ccoro_def w_def = {"w", w_resume, NULL};

static sl_coro_status sem_main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    sl_obj *sem = sl_semaphore_new(rt, 0, false);
    assert_non_null(sem);
    co->slots[0] = sl_obj_val(sem);
    co->slots[1] = spawn(rt, &w_def, co->slots[0]);
    return sleep_then(rt, co, 4, 0, 1, out);
  }
  case 1:
    co->slots[2] = spawn(rt, &w_def, co->slots[0]);
    co->slots[3] = spawn(rt, &w_def, co->slots[0]);
    for (int i = 0; i < 3; i++) assert_int_equal(sl_semaphore_release(rt, co->slots[0].u.o), 0);
    return sl_ccoro_await(rt, co, co->slots[3], 2, out);
  case 2: assert_false(co->failed); return ret_none(out);
  }
  return SL_CORO_ERROR;
}
static const sl_ccoro_def sem_main_def = {"main", sem_main_resume, NULL};

static void test_semaphore_wake_many(void **state) {
  run_program("3.12", &sem_main_def, exp_sem_wake_many_312, NULL);
  run_program("3.11.2", &sem_main_def, exp_sem_wake_many_312, NULL);
  run_program("3.14", &sem_main_def, exp_sem_wake_many_314, NULL);
  run_program("3.13", &sem_main_def, exp_sem_wake_many_314, NULL);
}

/* ---- timeout_prior_cancel.py ------------------------------------------------------- */

enum { TP_SLEEP, TP_TIMEOUT, TP_CM, TP_EXC };

static sl_coro_status tprior_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0:
    assert_int_equal(sl_task_cancel(rt, sl_task_current(rt), sl_none()), 1);
    return sleep_then(rt, co, TP_SLEEP, 1, 1, out);
  case 1: {
    assert_true(co->failed && sl_err_matches(rt, SL_EXC_CANCELLED_ERROR));
    sl_err_clear(rt);
    sl_obj *tm = sl_timeout_after(rt, sl_float(0.5));
    assert_non_null(tm);
    co->slots[TP_TIMEOUT] = sl_obj_val(tm);
    return await_in(rt, co, TP_CM, sl_timeout_aenter(rt, tm), 2, out);
  }
  case 2: {
    assert_false(co->failed);
    sl_value tm = sl_ccoro_take_result(co);
    sl_vdecref(rt, tm);
    return sleep_then(rt, co, TP_SLEEP, 1, 3, out);
  }
  case 3: {
    assert_true(co->failed);
    sl_obj *exc = sl_err_fetch(rt);
    co->slots[TP_EXC] = sl_obj_val(exc);
    sl_obj *cm = sl_timeout_aexit(rt, co->slots[TP_TIMEOUT].u.o, sl_obj_val(sl_as_exc(exc)->cls),
                                  co->slots[TP_EXC]);
    return await_in(rt, co, TP_CM, cm, 4, out);
  }
  case 4:
    if (co->failed) return SL_CORO_ERROR;
    sl_incref(co->slots[TP_EXC].u.o);
    sl_err_restore(rt, co->slots[TP_EXC].u.o);
    return SL_CORO_ERROR;
  }
  return SL_CORO_ERROR;
}
static const sl_ccoro_def tprior_def = {"main", tprior_resume, NULL};

static void test_timeout_prior_cancel(void **state) {
  run_program("3.11.2", &tprior_def, exp_timeout_prior_cancel_3112, "CancelledError");
  run_program("3.14", &tprior_def, exp_timeout_prior_cancel_314, "TimeoutError");
  run_program("3.11", &tprior_def, exp_timeout_prior_cancel_314, "TimeoutError");
}

/* ---- tg_fail.py ------------------------------------------------------------------------ */

static sl_coro_status sleeper_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sleep_then(rt, co, 0, 10, 1, out);
  if (co->failed) return SL_CORO_ERROR;
  return ret_none(out);
}
static const sl_ccoro_def sleeper_def = {"sleeper", sleeper_resume, NULL};

static sl_coro_status failer_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sleep_then(rt, co, 0, 0.5, 1, out);
  if (co->failed) return SL_CORO_ERROR;
  sl_raise(rt, SL_EXC_VALUE_ERROR, "boom");
  return SL_CORO_ERROR;
}
static const sl_ccoro_def failer_def = {"failer", failer_resume, NULL};

static void tg_spawn(sl_rt *rt, sl_obj *tg, const sl_ccoro_def *def) {
  sl_obj *co = sl_ccoro_new(rt, def, NULL, 0);
  assert_non_null(co);
  sl_obj *t = sl_taskgroup_create_task(rt, tg, co, NULL);
  assert_non_null(t);
  sl_decref(rt, co);
  sl_decref(rt, t);
}

static sl_coro_status tg_main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    sl_obj *tg = sl_taskgroup_new(rt);
    assert_non_null(tg);
    co->slots[0] = sl_obj_val(tg);
    return await_in(rt, co, 1, sl_taskgroup_aenter(rt, tg), 1, out);
  }
  case 1: {
    assert_false(co->failed);
    sl_value ignored = sl_ccoro_take_result(co);
    sl_vdecref(rt, ignored);
    sl_obj *tg = co->slots[0].u.o;
    tg_spawn(rt, tg, &sleeper_def);
    tg_spawn(rt, tg, &failer_def);
    tg_spawn(rt, tg, &sleeper_def);
    return await_in(rt, co, 1, sl_taskgroup_aexit(rt, tg, sl_none(), sl_none()), 2, out);
  }
  case 2: assert_true(co->failed); return SL_CORO_ERROR;
  }
  return SL_CORO_ERROR;
}
static const sl_ccoro_def tg_main_def = {"main", tg_main_resume, NULL};

static void test_taskgroup_child_fails(void **state) {
  run_program("3.14", &tg_main_def, exp_tg_fail_314, "ExceptionGroup");
  run_program("3.11.2", &tg_main_def, exp_tg_fail_3112, "ExceptionGroup");
}

/* ---- queue_pingpong.py --------------------------------------------------------------------- */

static sl_coro_status producer_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc > 0 && co->failed) return SL_CORO_ERROR;
  if (co->local.test_items >= 3) return ret_none(out);
  sl_value i = sl_int(co->local.test_items);
  co->local.test_items += 1;
  return await_in(rt, co, 1, sl_queue_put(rt, co->slots[0].u.o, i), 1, out);
}
static const sl_ccoro_def producer_def = {"producer", producer_resume, NULL};

static sl_coro_status consumer_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc > 0) {
    if (co->failed) return SL_CORO_ERROR;
    sl_value item = sl_ccoro_take_result(co);
    assert_int_equal(item.u.i, co->local.test_items - 1);
  }
  if (co->local.test_items >= 3) return ret_none(out);
  co->local.test_items += 1;
  return await_in(rt, co, 1, sl_queue_get(rt, co->slots[0].u.o), 1, out);
}
static const sl_ccoro_def consumer_def = {"consumer", consumer_resume, NULL};

static sl_coro_status queue_main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: {
    sl_obj *q = sl_queue_new(rt, &sl_queue_type, sl_int(1));
    assert_non_null(q);
    co->slots[0] = sl_obj_val(q);
    co->slots[1] = spawn(rt, &producer_def, co->slots[0]);
    co->slots[2] = spawn(rt, &consumer_def, co->slots[0]);
    return sl_ccoro_await(rt, co, co->slots[1], 1, out);
  }
  case 1: assert_false(co->failed); return sl_ccoro_await(rt, co, co->slots[2], 2, out);
  case 2:
    assert_false(co->failed);
    assert_true(sl_queue_empty(co->slots[0].u.o));
    return ret_none(out);
  }
  return SL_CORO_ERROR;
}
static const sl_ccoro_def queue_main_def = {"main", queue_main_resume, NULL};

static void test_queue_bounded(void **state) {
  run_program("3.14", &queue_main_def, exp_queue_pingpong_314, NULL);
  run_program("3.11.2", &queue_main_def, exp_queue_pingpong_314, NULL);
}

/* ---- waitfor_timeout.py ---------------------------------------------------------------------- */

static sl_coro_status work5_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sleep_then(rt, co, 0, 5, 1, out);
  if (co->failed) return SL_CORO_ERROR;
  return ret_none(out);
}
static const sl_ccoro_def work5_def = {"work", work5_resume, NULL};

static sl_coro_status wf_main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_obj *w = sl_ccoro_new(rt, &work5_def, NULL, 0);
    assert_non_null(w);
    sl_obj *wf = sl_wait_for(rt, sl_obj_val(w), sl_int(2));
    sl_decref(rt, w);
    return await_in(rt, co, 0, wf, 1, out);
  }
  assert_true(co->failed && sl_err_matches(rt, SL_EXC_TIMEOUT_ERROR));
  sl_err_clear(rt);
  return ret_none(out);
}
static const sl_ccoro_def wf_main_def = {"main", wf_main_resume, NULL};

static void test_wait_for_timeout(void **state) {
  run_program("3.11", &wf_main_def, exp_waitfor_timeout_3117, NULL);
  run_program("3.14", &wf_main_def, exp_waitfor_timeout_314, NULL);
  run_program("3.12", &wf_main_def, exp_waitfor_timeout_314, NULL);
}

/* ---- shield_inner.py --------------------------------------------------------------------------- */

static sl_coro_status work42_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return sleep_then(rt, co, 0, 1, 1, out);
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_int(42);
  return SL_CORO_RETURN;
}
static const sl_ccoro_def work42_def = {"work", work42_resume, NULL};

static sl_coro_status shield_main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    co->slots[0] = spawn(rt, &work42_def, sl_undef());
    return await_in(rt, co, 1, sl_shield(rt, co->slots[0]), 1, out);
  }
  assert_false(co->failed);
  sl_value r = sl_ccoro_take_result(co);
  assert_int_equal(r.u.i, 42);
  return ret_none(out);
}
static const sl_ccoro_def shield_main_def = {"main", shield_main_resume, NULL};

static void test_shield(void **state) {
  run_program("3.13", &shield_main_def, exp_shield_inner_313, NULL);
  run_program("3.14", &shield_main_def, exp_shield_inner_314, NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lock_cancel_waiter),
      cmocka_unit_test(test_semaphore_wake_many),
      cmocka_unit_test(test_timeout_prior_cancel),
      cmocka_unit_test(test_taskgroup_child_fails),
      cmocka_unit_test(test_queue_bounded),
      cmocka_unit_test(test_wait_for_timeout),
      cmocka_unit_test(test_shield),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
