/* Future's state machine (futures.py / _asynciomodule.c FutureObj). */
#include "tests/unit/sl_test.h"

#include "core/exc.h"
#include "core/future.h"
#include "core/loop.h"
#include "core/str.h"
#include "core/tuple.h"

static sl_obj *calls; /* list of callback tags, in the order they ran */

static int tag_cb(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  assert_true(sl_is_future(args->pos[0])); /* done callbacks get the future */
  return sl_list_append(rt, calls, self);
}

static const sl_cfunc_def tag_def = {"tag", tag_cb, NULL, SL_CANON_LABEL};

static sl_obj *tag(sl_rt *rt, int64_t n) { return sl_cfunc_new(rt, &tag_def, sl_int(n)); }

static void expect_calls(sl_rt *rt, const char *repr) {
  sl_strbuf b = SL_STRBUF_INIT;
  assert_int_equal(sl_repr(rt, sl_obj_val(calls), &b), 0);
  assert_string_equal(sl_strbuf_cstr(&b), repr);
  sl_strbuf_free(&b);
}

static void expect_error(sl_rt *rt, sl_exc_id id, const char *text) {
  assert_true(sl_err_matches(rt, id));
  sl_strbuf b = SL_STRBUF_INIT;
  sl_obj *exc = sl_err_fetch(rt);
  assert_int_equal(sl_exc_format_only(rt, exc, &b), 0);
  assert_string_equal(sl_strbuf_cstr(&b), text);
  sl_strbuf_free(&b);
  sl_decref(rt, exc);
}

/* Callbacks never run synchronously: each goes through call_soon, in
 * registration order; remove_done_callback removes every equal entry. */
static void test_callbacks_scheduled_in_order(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  calls = sl_list_new(rt, NULL, 0);
  sl_obj *fut = sl_future_new(rt);
  sl_obj *t1 = tag(rt, 1), *t2 = tag(rt, 2), *t3 = tag(rt, 3), *t2b = tag(rt, 2);
  assert_int_equal(sl_future_add_done_callback(rt, fut, sl_obj_val(t1)), 0);
  assert_int_equal(sl_future_add_done_callback(rt, fut, sl_obj_val(t2)), 0);
  assert_int_equal(sl_future_add_done_callback(rt, fut, sl_obj_val(t3)), 0);
  assert_int_equal(sl_future_add_done_callback(rt, fut, sl_obj_val(t2)), 0);
  assert_int_equal(sl_future_remove_done_callback(rt, fut, sl_obj_val(t2b)), 2);
  assert_int_equal(sl_future_set_result(rt, fut, sl_int(7)), 0);
  expect_calls(rt, "[]");
  assert_int_equal(sl_loop_run_once(rt), 0);
  expect_calls(rt, "[1, 3]");
  /* Already done: scheduled at once, runs in the next iteration. */
  assert_int_equal(sl_future_add_done_callback(rt, fut, sl_obj_val(t2)), 0);
  expect_calls(rt, "[1, 3]");
  assert_int_equal(sl_loop_run_once(rt), 0);
  expect_calls(rt, "[1, 3, 2]");
  sl_value r;
  assert_int_equal(sl_future_result(rt, fut, &r), 0);
  assert_int_equal(r.u.i, 7);
  sl_decref(rt, t1), sl_decref(rt, t2), sl_decref(rt, t3), sl_decref(rt, t2b);
  sl_decref(rt, fut);
  sl_decref(rt, calls);
  sl_test_finish(&run);
}

static void test_states_and_messages(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  sl_obj *fut = sl_future_new(rt);
  sl_value r;
  sl_obj *exc;
  assert_int_equal(sl_future_result(rt, fut, &r), -1);
  expect_error(rt, SL_EXC_INVALID_STATE_ERROR,
               "asyncio.exceptions.InvalidStateError: Result is not set.");
  assert_int_equal(sl_future_exception(rt, fut, &exc), -1);
  expect_error(rt, SL_EXC_INVALID_STATE_ERROR,
               "asyncio.exceptions.InvalidStateError: Exception is not set.");
  sl_obj *msg = sl_str_from_cstr(rt, "bye");
  assert_int_equal(sl_future_cancel(rt, fut, sl_obj_val(msg)), 1);
  assert_int_equal(sl_future_cancel(rt, fut, sl_none()), 0);
  assert_true(sl_future_cancelled(fut));
  assert_int_equal(sl_future_result(rt, fut, &r), -1);
  expect_error(rt, SL_EXC_CANCELLED_ERROR, "asyncio.exceptions.CancelledError: bye");
  assert_int_equal(sl_future_set_result(rt, fut, sl_none()), -1);
  expect_error(rt, SL_EXC_INVALID_STATE_ERROR,
               "asyncio.exceptions.InvalidStateError: invalid state");
  /* A saved CancelledError is handed out once, then fresh ones. */
  sl_obj *saved = sl_exc_new_msg(rt, SL_EXC_CANCELLED_ERROR, "saved");
  sl_as_future(fut)->cancelled_exc = saved;
  sl_obj *first = sl_future_make_cancelled_error(rt, fut);
  sl_obj *second = sl_future_make_cancelled_error(rt, fut);
  assert_ptr_equal(first, saved);
  assert_ptr_not_equal(second, saved);
  sl_decref(rt, first), sl_decref(rt, second), sl_decref(rt, msg), sl_decref(rt, fut);
  /* set_exception with a class instantiates it; the error is retrieved by
   * result() and exception(). */
  fut = sl_future_new(rt);
  assert_int_equal(sl_future_set_exception(rt, fut, sl_obj_val(rt->classes[SL_EXC_KEY_ERROR])), 0);
  assert_true(sl_as_future(fut)->log_traceback);
  assert_int_equal(sl_future_exception(rt, fut, &exc), 0);
  assert_false(sl_as_future(fut)->log_traceback);
  assert_true(sl_exc_isinstance(exc, SL_EXC_KEY_ERROR));
  sl_decref(rt, exc);
  sl_decref(rt, fut);
  sl_test_finish(&run);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_callbacks_scheduled_in_order),
      cmocka_unit_test(test_states_and_messages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
