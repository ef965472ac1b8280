/* asyncio.Barrier (core/barrier.c) driven by coroutines written in C. The
 * program is tests/unit/barrier_programs/barrier_cancel_abort.py; its
 * expected traces (barrier_expected.h) are what CPython printed for it
 * under the oracle. The 3.13+ trace has one more wake-up: Condition.wait's
 * notify-on-error (profile switch condition_notify_on_error) passes the
 * cancelled party's notification on to another waiter. */
#include "tests/unit/sl_test.h"

#include "core/alloc.h"
#include "core/barrier.h"
#include "core/coro.h"
#include "core/exc.h"
#include "core/runner.h"
#include "core/sleep.h"
#include "core/task.h"
#include "tests/unit/barrier_expected.h"

/* The coroutines return SL_CORO_ERROR when an allocation fails (rather than
 * asserting), so the out-of-memory sweep can run the same program. */

/* Awaits `aw` (a new reference, stolen; NULL = creation failed) kept in
 * slot `slot`. */
static sl_coro_status await_in(sl_rt *rt, sl_ccoro *co, int slot, sl_obj *aw, int next,
                               sl_value *out) {
  if (!aw) return SL_CORO_ERROR;
  sl_vset(rt, &co->slots[slot], sl_obj_val(aw));
  return sl_ccoro_await(rt, co, co->slots[slot], next, out);
}

/* async def party(b): return await b.wait() */
static sl_coro_status party_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) return await_in(rt, co, 1, sl_barrier_wait(rt, co->slots[0].u.o), 1, out);
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_ccoro_take_result(co);
  return SL_CORO_RETURN;
}
static const sl_ccoro_def party_def = {"party", party_resume, NULL};

/* asyncio.create_task(party(b)) into slot `slot`; -1 on failure. */
static int spawn_party(sl_rt *rt, sl_ccoro *co, int slot) {
  sl_obj *p = sl_ccoro_new(rt, &party_def, &co->slots[0], 1);
  if (!p) return -1;
  sl_obj *t = sl_loop_create_task(rt, p, NULL);
  sl_decref(rt, p);
  if (!t) return -1;
  sl_vset(rt, &co->slots[slot], sl_obj_val(t));
  return 0;
}

enum { M_B, M_T1, M_T2, M_T3, M_T4, M_T5, M_AW };

static sl_coro_status main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0: { /* b = Barrier(3); t1, t2 = parties; await sleep(1) */
    sl_obj *b = sl_barrier_new(rt, sl_int(3));
    if (!b) return SL_CORO_ERROR;
    co->slots[M_B] = sl_obj_val(b);
    if (spawn_party(rt, co, M_T1) || spawn_party(rt, co, M_T2)) return SL_CORO_ERROR;
    return await_in(rt, co, M_AW, sl_sleep(rt, 1, sl_none()), 1, out);
  }
  case 1: /* t1.cancel(); await sleep(0) */
    if (co->failed) return SL_CORO_ERROR;
    if (sl_task_cancel(rt, co->slots[M_T1].u.o, sl_none()) < 0) return SL_CORO_ERROR;
    return await_in(rt, co, M_AW, sl_sleep(rt, 0, sl_none()), 2, out);
  case 2: /* t3, t4 = parties; await t4 */
    if (co->failed) return SL_CORO_ERROR;
    if (spawn_party(rt, co, M_T3) || spawn_party(rt, co, M_T4)) return SL_CORO_ERROR;
    return sl_ccoro_await(rt, co, co->slots[M_T4], 3, out);
  case 3: { /* t5 = party; await sleep(0.5) */
    if (co->failed) return SL_CORO_ERROR;
    sl_value idx = sl_ccoro_take_result(co);
    /* t4 arrived last: 3 - 1 parties were inside (t2 and t3). */
    if (idx.tag != SL_V_INT || idx.u.i != 2) return SL_CORO_ERROR;
    assert_int_equal(sl_barrier_n_waiting(co->slots[M_B].u.o), 0);
    if (spawn_party(rt, co, M_T5)) return SL_CORO_ERROR;
    return await_in(rt, co, M_AW, sl_sleep(rt, 0.5, sl_none()), 4, out);
  }
  case 4: /* await b.abort() */
    if (co->failed) return SL_CORO_ERROR;
    assert_int_equal(sl_barrier_n_waiting(co->slots[M_B].u.o), 1);
    return await_in(rt, co, M_AW, sl_barrier_abort(rt, co->slots[M_B].u.o), 5, out);
  case 5: /* try: await t5 except BrokenBarrierError: pass */
    if (co->failed) return SL_CORO_ERROR;
    assert_true(sl_barrier_broken(co->slots[M_B].u.o));
    return sl_ccoro_await(rt, co, co->slots[M_T5], 6, out);
  case 6:
    if (!co->failed || !sl_err_matches(rt, SL_EXC_BROKEN_BARRIER_ERROR)) return SL_CORO_ERROR;
    sl_err_clear(rt);
    *out = sl_none();
    return SL_CORO_RETURN;
  }
  return SL_CORO_ERROR;
}
static const sl_ccoro_def main_def = {"main", main_resume, NULL};

/* Runs asyncio.run(main()); returns sl_asyncio_run's status. */
static int run_main(sl_test_run *run) {
  sl_obj *co = sl_ccoro_new(run->rt, &main_def, NULL, 0);
  if (!co) return -1;
  sl_value out = sl_none();
  int rc = sl_asyncio_run(run->rt, co, &out);
  sl_decref(run->rt, co);
  sl_vdecref(run->rt, out);
  return rc;
}

static void expect_program(const char *profile, const char *expected) {
  sl_test_run run;
  sl_test_start(&run, profile);
  assert_int_equal(run_main(&run), 0);
  sl_test_expect_trace(&run, expected);
  sl_test_finish(&run);
}

/* barrier.cancel_then_abort: the exact CPython trace, for each profile. */
static void test_cancel_then_abort(void **state) {
  expect_program("3.11.2", exp_barrier_cancel_abort_311);
  expect_program("3.11", exp_barrier_cancel_abort_311);
  expect_program("3.12", exp_barrier_cancel_abort_311);
  expect_program("3.13", exp_barrier_cancel_abort_314);
  expect_program("3.14", exp_barrier_cancel_abort_314);
}

/* Fails allocation 1, 2, 3, ... of the same program until a run completes:
 * each partial run must end with an error (never a crash), and ASan checks
 * that tearing the run down frees everything. */
static void test_out_of_memory_sweep(void **state) {
  for (unsigned long k = 1; k < 5000; k++) {
    sl_test_run run;
    sl_test_start(&run, "3.14");
    sl_alloc_fail_after(k);
    int rc = run_main(&run);
    unsigned long used = sl_alloc_fail_after(0);
    sl_test_finish(&run);
    if (used < k) { /* completed before the failing allocation */
      assert_int_equal(rc, 0);
      return;
    }
    assert_int_equal(rc, -1);
  }
  fail_msg("the program never completed");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cancel_then_abort),
      cmocka_unit_test(test_out_of_memory_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
