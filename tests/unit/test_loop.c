/* The loop's _run_once rules (base_events.py), each checked against what
 * CPython does (research/cpython-asyncio-semantics.md section 1). */
#include "tests/unit/sl_test.h"

#include "core/future.h"
#include "core/handle.h"
#include "core/loop.h"

static int resoon_count;

/* Schedules itself again: the new handle must wait for the next step. */
static int resoon(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (++resoon_count < 3) return sl_loop_call_soon0(rt, self, NULL, 0);
  sl_loop_stop(rt);
  return 0;
}

static const sl_cfunc_def resoon_def = {"resoon", resoon, NULL, SL_CANON_LABEL};

static int noop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) { return 0; }
static const sl_cfunc_def noop_def = {"noop", noop, NULL, SL_CANON_LABEL};
static const sl_cfunc_def stop_def = {"BaseEventLoop.stop", noop, "loop.stop", SL_CANON_LABEL};

static void test_ready_snapshot_and_stop(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  resoon_count = 0;
  sl_obj *cb = sl_cfunc_new(rt, &resoon_def, sl_undef());
  sl_as_cfunc(cb)->self = sl_obj_val(cb); /* the callback re-schedules itself */
  sl_incref(cb);
  assert_int_equal(sl_loop_call_soon0(rt, sl_obj_val(cb), NULL, 0), 0);
  assert_int_equal(sl_loop_run_forever(rt), 0);
  sl_test_expect_trace(&run, "#1 t=0.0 timeout=0.0\n  soon:user resoon\n"
                             "#2 t=0.0 timeout=0.0\n  soon:user resoon\n"
                             "#3 t=0.0 timeout=0.0\n  soon:user resoon\n");
  sl_decref(rt, sl_as_cfunc(cb)->self.u.o);
  sl_as_cfunc(cb)->self = sl_undef();
  sl_decref(rt, cb);
  sl_test_finish(&run);
}

/* select is capped at 24 h, so a far timer costs empty iterations. */
static void test_maximum_select_timeout(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  sl_obj *stop = sl_cfunc_new(rt, &stop_def, sl_undef());
  sl_decref(rt, sl_loop_call_later(rt, 200000, sl_obj_val(stop), NULL, 0));
  for (int i = 0; i < 3; i++) assert_int_equal(sl_loop_run_once(rt), 0);
  sl_test_expect_trace(&run, "#1 t=0.0 timeout=86400.0\n"
                             "#2 t=86400.0 timeout=86400.0\n"
                             "#3 t=172800.0 timeout=27200.0\n  timer:loop.stop\n");
  sl_decref(rt, stop);
  sl_test_finish(&run);
}

/* Nothing ready, no timer: select(None) is a deadlock, not a hang. */
static void test_deadlock_reported(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_obj *fut = sl_future_new(run.rt);
  sl_value out;
  assert_int_equal(sl_loop_run_until_complete(run.rt, fut, &out), -1);
  assert_int_equal(run.rt->fatal, SL_EDEADLOCK);
  sl_decref(run.rt, fut);
  sl_test_finish(&run);
}

/* _timer_cancelled_count drift: a cancelled timer popped by the due-timer
 * loop (not the head pruning) is never subtracted (research 1.3). */
static void test_cancelled_count_drift(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  sl_obj *cb = sl_cfunc_new(rt, &noop_def, sl_undef());
  sl_obj *h1 = sl_loop_call_at(rt, 1.0, sl_obj_val(cb), NULL, 0);
  sl_obj *h2 = sl_loop_call_at(rt, 1.0, sl_obj_val(cb), NULL, 0);
  sl_handle_cancel(rt, h2);
  assert_int_equal(rt->loop->timer_cancelled_count, 1);
  assert_int_equal(sl_loop_run_once(rt), 0);
  assert_int_equal(rt->loop->nscheduled, 0);
  assert_int_equal(rt->loop->timer_cancelled_count, 1);
  /* A cancelled head is pruned and subtracted. */
  sl_obj *h3 = sl_loop_call_at(rt, 2.0, sl_obj_val(cb), NULL, 0);
  sl_handle_cancel(rt, h3);
  assert_int_equal(rt->loop->timer_cancelled_count, 2);
  assert_int_equal(sl_loop_run_once(rt), -1); /* then nothing is left: deadlock */
  assert_int_equal(rt->loop->timer_cancelled_count, 1);
  sl_decref(rt, h1), sl_decref(rt, h2), sl_decref(rt, h3), sl_decref(rt, cb);
  sl_test_finish(&run);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ready_snapshot_and_stop),
      cmocka_unit_test(test_maximum_select_timeout),
      cmocka_unit_test(test_deadlock_reported),
      cmocka_unit_test(test_cancelled_count_drift),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
