/* Task and Future semantics, driven by coroutines written in C, checked
 * against traces of the equivalent Python programs under real CPython. */
#include "tests/unit/sl_test.h"

#include "core/coro.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/gather.h"
#include "core/runner.h"
#include "core/sleep.h"
#include "core/str.h"
#include "core/task.h"

/* ---- the program of engine_program.py, in C ------------------------------- */

/* sleeper(delay): await asyncio.sleep(delay); return delay */
static sl_coro_status sleeper_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_value d = co->slots[0];
    double delay = d.tag == SL_V_INT ? (double)d.u.i : d.u.f;
    sl_obj *s = sl_sleep(rt, delay, sl_none());
    if (!s) return SL_CORO_ERROR;
    co->slots[1] = sl_obj_val(s);
    return sl_ccoro_await(rt, co, co->slots[1], 1, out);
  }
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_vincref(co->slots[0]);
  return SL_CORO_RETURN;
}

/* failer(): await asyncio.sleep(0.5); raise ValueError("boom") */
static sl_coro_status failer_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_obj *s = sl_sleep(rt, 0.5, sl_none());
    if (!s) return SL_CORO_ERROR;
    co->slots[0] = sl_obj_val(s);
    return sl_ccoro_await(rt, co, co->slots[0], 1, out);
  }
  if (co->failed) return SL_CORO_ERROR;
  sl_raise(rt, SL_EXC_VALUE_ERROR, "boom");
  return SL_CORO_ERROR;
}

/* victim(): await asyncio.sleep(10) */
static sl_coro_status victim_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  if (co->pc == 0) {
    sl_obj *s = sl_sleep(rt, 10, sl_none());
    if (!s) return SL_CORO_ERROR;
    co->slots[0] = sl_obj_val(s);
    return sl_ccoro_await(rt, co, co->slots[0], 1, out);
  }
  if (co->failed) return SL_CORO_ERROR;
  *out = sl_none();
  return SL_CORO_RETURN;
}

static const sl_ccoro_def sleeper_def = {"sleeper", sleeper_resume, NULL};
static const sl_ccoro_def failer_def = {"failer", failer_resume, NULL};
static const sl_ccoro_def victim_def = {"victim", victim_resume, NULL};

static sl_value spawn(sl_rt *rt, const sl_ccoro_def *def, sl_value arg) {
  sl_obj *co = sl_ccoro_new(rt, def, &arg, sl_is_undef(arg) ? 0 : 1);
  assert_non_null(co);
  sl_obj *t = sl_loop_create_task(rt, co, NULL);
  sl_decref(rt, co);
  assert_non_null(t);
  return sl_obj_val(t);
}

enum { A, B, C, V, F, TMP, R };

static sl_coro_status main_resume(sl_rt *rt, sl_ccoro *co, sl_value *out) {
  switch (co->pc) {
  case 0:
    co->slots[A] = spawn(rt, &sleeper_def, sl_int(1));
    co->slots[B] = spawn(rt, &sleeper_def, sl_int(1));
    co->slots[C] = spawn(rt, &sleeper_def, sl_float(0.5));
    co->slots[V] = spawn(rt, &victim_def, sl_undef());
    co->slots[F] = spawn(rt, &failer_def, sl_undef());
    co->slots[TMP] = sl_obj_val(sl_sleep(rt, 0, sl_none()));
    return sl_ccoro_await(rt, co, co->slots[TMP], 1, out);
  case 1: {
    if (co->failed) return SL_CORO_ERROR;
    sl_obj *msg = sl_str_from_cstr(rt, "stop");
    assert_int_equal(sl_task_cancel(rt, co->slots[V].u.o, sl_obj_val(msg)), 1);
    sl_decref(rt, msg);
    return sl_ccoro_await(rt, co, co->slots[F], 2, out);
  }
  case 2: {
    assert_true(co->failed && sl_err_matches(rt, SL_EXC_VALUE_ERROR));
    sl_err_clear(rt);
    sl_obj *g = sl_gather(rt, &co->slots[A], 3, false);
    assert_non_null(g);
    sl_vset(rt, &co->slots[TMP], sl_obj_val(g));
    return sl_ccoro_await(rt, co, co->slots[TMP], 3, out);
  }
  case 3:
    assert_false(co->failed);
    co->slots[R] = sl_ccoro_take_result(co);
    return sl_ccoro_await(rt, co, co->slots[V], 4, out);
  case 4:
    assert_true(co->failed && sl_err_matches(rt, SL_EXC_CANCELLED_ERROR));
    sl_err_clear(rt);
    *out = sl_vincref(co->slots[R]);
    return SL_CORO_RETURN;
  }
  return SL_CORO_ERROR;
}

static const sl_ccoro_def main_def = {"main", main_resume, NULL};

/* Expected: CPython 3.14.2 running engine_program.py (see its header). */
static const char program_trace_314[] = "  +T1 Task-1 main\n"
                                        "#1 t=0.0 timeout=0.0\n"
                                        "  soon:step T1\n"
                                        "  +T2 Task-2 sleeper\n"
                                        "  +T3 Task-3 sleeper\n"
                                        "  +T4 Task-4 sleeper\n"
                                        "  +T5 Task-5 victim\n"
                                        "  +T6 Task-6 failer\n"
                                        "#2 t=0.0 timeout=0.0\n"
                                        "  soon:step T2\n"
                                        "  soon:step T3\n"
                                        "  soon:step T4\n"
                                        "  soon:step T5\n"
                                        "  soon:step T6\n"
                                        "  soon:step T1\n"
                                        "#3 t=0.0 timeout=0.0\n"
                                        "  soon:wakeup T5 <- F1\n"
                                        "  -T5 cancelled\n"
                                        "#4 t=0.0 timeout=0.5\n"
                                        "  timer:sleep F2\n"
                                        "  timer:sleep F3\n"
                                        "#5 t=0.5 timeout=0.0\n"
                                        "  soon:wakeup T4 <- F2\n"
                                        "  -T4 result 0.5\n"
                                        "  soon:wakeup T6 <- F3\n"
                                        "  -T6 exception ValueError: boom\n"
                                        "#6 t=0.5 timeout=0.0\n"
                                        "  soon:wakeup T1 <- T6\n"
                                        "#7 t=0.5 timeout=0.5\n"
                                        "  timer:sleep F4\n"
                                        "  timer:sleep F5\n"
                                        "#8 t=1.0 timeout=0.0\n"
                                        "  soon:wakeup T2 <- F4\n"
                                        "  -T2 result 1\n"
                                        "  soon:wakeup T3 <- F5\n"
                                        "  -T3 result 1\n"
                                        "#9 t=1.0 timeout=0.0\n"
                                        "  soon:gather.done T2\n"
                                        "  soon:gather.done T3\n"
                                        "#10 t=1.0 timeout=0.0\n"
                                        "  soon:wakeup T1 <- F6\n"
                                        "  -T1 result [1, 1, 0.5]\n"
                                        "#11 t=1.0 timeout=0.0\n"
                                        "  soon:run_until_complete T1\n"
                                        "  +T7 Task-7 BaseEventLoop.shutdown_asyncgens\n"
                                        "#12 t=1.0 timeout=0.0\n"
                                        "  soon:step T7\n"
                                        "  -T7 result None\n"
                                        "#13 t=1.0 timeout=0.0\n"
                                        "  soon:run_until_complete T7\n"
                                        "  +T8 Task-8 BaseEventLoop.shutdown_default_executor\n"
                                        "#14 t=1.0 timeout=0.0\n"
                                        "  soon:step T8\n"
                                        "  -T8 result None\n"
                                        "#15 t=1.0 timeout=0.0\n"
                                        "  soon:run_until_complete T8\n";

/* Expected: CPython 3.11.2 (Debian's python3) running engine_program.py:
 * gather() schedules _done_callback for the child that was already done. */
static const char program_trace_3112[] = "  +T1 Task-1 main\n"
                                         "#1 t=0.0 timeout=0.0\n"
                                         "  soon:step T1\n"
                                         "  +T2 Task-2 sleeper\n"
                                         "  +T3 Task-3 sleeper\n"
                                         "  +T4 Task-4 sleeper\n"
                                         "  +T5 Task-5 victim\n"
                                         "  +T6 Task-6 failer\n"
                                         "#2 t=0.0 timeout=0.0\n"
                                         "  soon:step T2\n"
                                         "  soon:step T3\n"
                                         "  soon:step T4\n"
                                         "  soon:step T5\n"
                                         "  soon:step T6\n"
                                         "  soon:step T1\n"
                                         "#3 t=0.0 timeout=0.0\n"
                                         "  soon:wakeup T5 <- F1\n"
                                         "  -T5 cancelled\n"
                                         "#4 t=0.0 timeout=0.5\n"
                                         "  timer:sleep F2\n"
                                         "  timer:sleep F3\n"
                                         "#5 t=0.5 timeout=0.0\n"
                                         "  soon:wakeup T4 <- F2\n"
                                         "  -T4 result 0.5\n"
                                         "  soon:wakeup T6 <- F3\n"
                                         "  -T6 exception ValueError: boom\n"
                                         "#6 t=0.5 timeout=0.0\n"
                                         "  soon:wakeup T1 <- T6\n"
                                         "#7 t=0.5 timeout=0.0\n"
                                         "  soon:gather.done T4\n"
                                         "#8 t=0.5 timeout=0.5\n"
                                         "  timer:sleep F4\n"
                                         "  timer:sleep F5\n"
                                         "#9 t=1.0 timeout=0.0\n"
                                         "  soon:wakeup T2 <- F4\n"
                                         "  -T2 result 1\n"
                                         "  soon:wakeup T3 <- F5\n"
                                         "  -T3 result 1\n"
                                         "#10 t=1.0 timeout=0.0\n"
                                         "  soon:gather.done T2\n"
                                         "  soon:gather.done T3\n"
                                         "#11 t=1.0 timeout=0.0\n"
                                         "  soon:wakeup T1 <- F6\n"
                                         "  -T1 result [1, 1, 0.5]\n"
                                         "#12 t=1.0 timeout=0.0\n"
                                         "  soon:run_until_complete T1\n"
                                         "  +T7 Task-7 BaseEventLoop.shutdown_asyncgens\n"
                                         "#13 t=1.0 timeout=0.0\n"
                                         "  soon:step T7\n"
                                         "  -T7 result None\n"
                                         "#14 t=1.0 timeout=0.0\n"
                                         "  soon:run_until_complete T7\n"
                                         "  +T8 Task-8 BaseEventLoop.shutdown_default_executor\n"
                                         "#15 t=1.0 timeout=0.0\n"
                                         "  soon:step T8\n"
                                         "  -T8 result None\n"
                                         "#16 t=1.0 timeout=0.0\n"
                                         "  soon:run_until_complete T8\n";

static void run_program(const char *profile, const char *expected) {
  sl_test_run run;
  sl_test_start(&run, profile);
  sl_obj *co = sl_ccoro_new(run.rt, &main_def, NULL, 0);
  sl_value result;
  assert_int_equal(sl_asyncio_run(run.rt, co, &result), 0);
  sl_strbuf text = SL_STRBUF_INIT;
  assert_int_equal(sl_repr(run.rt, result, &text), 0);
  assert_string_equal(sl_strbuf_cstr(&text), "[1, 1, 0.5]");
  assert_true(run.vs.now == 1.0);
  sl_test_expect_trace(&run, expected);
  sl_strbuf_free(&text);
  sl_vdecref(run.rt, result);
  sl_decref(run.rt, co);
  sl_test_finish(&run);
}

static void test_program_matches_cpython_314(void **state) {
  run_program("3.14", program_trace_314);
}
static void test_program_matches_cpython_3112(void **state) {
  run_program("3.11.2", program_trace_3112);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_program_matches_cpython_314),
      cmocka_unit_test(test_program_matches_cpython_3112),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
