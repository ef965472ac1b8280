/* The timer heap must pop equal deadlines exactly as CPython's heapq does.
 * Vectors come from real CPython (gen_heap_vectors.py). */
#include "tests/unit/sl_test.h"

#include "core/handle.h"
#include "core/identity.h"
#include "core/str.h"
#include "core/loop.h"
#include "tests/unit/heap_vectors.h"

static int64_t item_id(sl_obj *h) { return sl_as_handle(h)->args[0].u.i; }

static void test_heapq_matches_cpython(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  for (size_t c = 0; c < sizeof heap_cases / sizeof heap_cases[0]; c++) {
    sl_timer_entry heap[512];
    size_t len = 0;
    int next_id = 0, nout = 0;
    for (int i = 0; i < heap_cases[c].nops; i++) {
      const heap_op *op = &heap_cases[c].ops[i];
      if (op->op == 0) {
        sl_value id = sl_int(next_id++);
        sl_obj *h = sl_handle_new(rt, sl_none(), &id, 1, true, op->when);
        assert_non_null(h);
        sl_heapq_push(heap, &len, h);
      } else if (op->op == 1) {
        sl_obj *h = sl_heapq_pop(heap, &len);
        assert_true(nout < heap_cases[c].nout);
        assert_int_equal(item_id(h), heap_cases[c].out[nout++]);
        sl_decref(rt, h);
      } else {
        size_t kept = 0;
        for (size_t k = 0; k < len; k++) {
          if (item_id(heap[k].handle) == op->victim)
            sl_decref(rt, heap[k].handle);
          else
            heap[kept++] = heap[k];
        }
        len = kept;
        sl_heapq_heapify(heap, len);
      }
    }
    assert_int_equal(nout, heap_cases[c].nout);
    assert_int_equal(len, 0);
  }
  sl_test_finish(&run);
}

/* Records the argument each timer callback got. */
typedef struct order_log {
  int ids[512];
  int n;
} order_log;

static order_log *current_log;

static int record_id(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  current_log->ids[current_log->n++] = (int)args->pos[0].u.i;
  return 0;
}

static int stop_loop(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_loop_stop(rt);
  return 0;
}

static const sl_cfunc_def record_def = {"record", record_id, NULL, SL_CANON_LABEL};
static const sl_cfunc_def stop_def = {"stop", stop_loop, NULL, SL_CANON_LABEL};

/* call_at with ties, cancellations and the pruning rebuild, on the loop. */
static void test_loop_timer_order_matches_cpython(void **state) {
  for (size_t c = 0; c < sizeof loop_cases / sizeof loop_cases[0]; c++) {
    sl_test_run run;
    sl_test_start(&run, "3.14");
    sl_rt *rt = run.rt;
    order_log log = {{0}, 0};
    current_log = &log;
    sl_obj *record = sl_cfunc_new(rt, &record_def, sl_undef());
    sl_obj *stop = sl_cfunc_new(rt, &stop_def, sl_undef());
    sl_obj *handles[512];
    double last = 0;
    for (int i = 0; i < loop_cases[c].nwhen; i++) {
      sl_value id = sl_int(i);
      handles[i] = sl_loop_call_at(rt, loop_cases[c].when[i], sl_obj_val(record), &id, 1);
      assert_non_null(handles[i]);
      if (loop_cases[c].when[i] > last) last = loop_cases[c].when[i];
    }
    for (int i = 0; i < loop_cases[c].ncancel; i++)
      sl_handle_cancel(rt, handles[loop_cases[c].cancel[i]]);
    sl_decref(rt, sl_loop_call_at(rt, last + 1, sl_obj_val(stop), NULL, 0));
    assert_int_equal(sl_loop_run_forever(rt), 0);
    assert_int_equal(log.n, loop_cases[c].norder);
    for (int i = 0; i < log.n; i++) assert_int_equal(log.ids[i], loop_cases[c].order[i]);
    for (int i = 0; i < loop_cases[c].nwhen; i++) sl_decref(rt, handles[i]);
    sl_decref(rt, record);
    sl_decref(rt, stop);
    sl_test_finish(&run);
  }
}

/* Identities (core/identity.h): handed out in the order asked, kept for an
 * object's whole life while others come and go (the table deletes by
 * backward shift), never reused, and a recycled object gets a new one. */
static void test_identities_stay_with_their_objects(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  enum { N = 3000 };
  static sl_obj *objs[N];
  static uint64_t addr[N];
  for (int i = 0; i < N; i++) {
    objs[i] = sl_str_from_cstr(rt, "x");
    assert_non_null(objs[i]);
  }
  for (int i = N - 1; i >= 0; i--) assert_int_equal(sl_identity_address(rt, objs[i], &addr[i]), 0);
  assert_true(addr[N - 1] < addr[0]);
  assert_int_equal(addr[0] - addr[1], 16);
  for (int i = 0; i < N; i += 3) {
    sl_decref(rt, objs[i]);
    objs[i] = NULL;
  }
  uint64_t last = addr[0];
  for (int i = 0; i < N; i++) {
    if (!objs[i]) continue;
    uint64_t a;
    assert_int_equal(sl_identity_address(rt, objs[i], &a), 0);
    assert_int_equal(a, addr[i]);
  }
  /* The freed objects' memory comes back from the free lists: new identities. */
  for (int i = 0; i < N; i += 3) {
    objs[i] = sl_str_from_cstr(rt, "y");
    assert_non_null(objs[i]);
    assert_int_equal(sl_identity_address(rt, objs[i], &addr[i]), 0);
    assert_true(addr[i] > last);
    last = addr[i];
  }
  assert_int_equal(rt->identities.len, N);
  for (int i = 0; i < N; i++) sl_decref(rt, objs[i]);
  assert_int_equal(rt->identities.len, 0);
  sl_test_finish(&run);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_heapq_matches_cpython),
      cmocka_unit_test(test_identities_stay_with_their_objects),
      cmocka_unit_test(test_loop_timer_order_matches_cpython),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
