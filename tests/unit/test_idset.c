/* The insertion-ordered identity set behind TaskGroup._tasks and
 * as_completed's todo (core/idset.c): membership, order across holes and
 * rebuilds, references held and dropped, and memory failure. */
#include "tests/unit/sl_test.h"

#include "core/alloc.h"
#include "core/future.h"
#include "core/idset.h"

#define N 1000

/* The members in iteration order, as indexes into objs (-1: unknown). */
static size_t members(const sl_idset *s, sl_obj **objs, int *out) {
  size_t n = 0;
  for (size_t i = 0; i < s->norder; i++) {
    if (!s->order[i]) continue;
    int k = -1;
    for (int j = 0; j < N; j++)
      if (objs[j] == s->order[i]) k = j;
    out[n++] = k;
  }
  return n;
}

static void test_order_survives_discards_and_rebuilds(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  sl_obj *objs[N];
  sl_idset s = {0};
  for (int i = 0; i < N; i++) {
    objs[i] = sl_future_new(rt);
    assert_non_null(objs[i]);
    assert_int_equal(sl_idset_add(rt, &s, objs[i]), 0);
    assert_int_equal(sl_idset_add(rt, &s, objs[i]), 0); /* already there */
    assert_int_equal(objs[i]->refcnt, 2);
  }
  assert_int_equal(s.len, N);
  /* Drop the odd ones, then re-add half of them: they go to the end. */
  for (int i = 1; i < N; i += 2) assert_true(sl_idset_discard(rt, &s, objs[i]));
  assert_false(sl_idset_discard(rt, &s, objs[1]));
  assert_int_equal(objs[1]->refcnt, 1);
  for (int i = 1; i < N; i += 4) assert_int_equal(sl_idset_add(rt, &s, objs[i]), 0);
  int got[N];
  size_t n = members(&s, objs, got), k = 0;
  assert_int_equal(n, s.len);
  for (int i = 0; i < N; i += 2) assert_int_equal(got[k++], i);
  for (int i = 1; i < N; i += 4) assert_int_equal(got[k++], i);
  assert_int_equal(k, n);
  for (int i = 0; i < N; i++)
    assert_int_equal(sl_idset_contains(&s, objs[i]), i % 2 == 0 || i % 4 == 1);
  /* Many add/discard rounds of one member: holes are squeezed out. */
  for (int r = 0; r < 10 * N; r++) {
    assert_int_equal(sl_idset_add(rt, &s, objs[3]), 0);
    assert_true(sl_idset_discard(rt, &s, objs[3]));
  }
  assert_true(s.norder <= 2 * s.len + 1);
  assert_true(s.capslots <= 8 * (size_t)N);
  sl_idset_clear(rt, &s);
  assert_int_equal(s.len, 0);
  for (int i = 0; i < N; i++) {
    assert_int_equal(objs[i]->refcnt, 1);
    assert_false(sl_idset_contains(&s, objs[i]));
    sl_decref(rt, objs[i]);
  }
  sl_idset_free(&s);
  sl_test_finish(&run);
}

/* After a successful reserve the add cannot fail, even with no memory. */
static void test_reserve_then_add_needs_no_memory(void **state) {
  sl_test_run run;
  sl_test_start(&run, "3.14");
  sl_rt *rt = run.rt;
  sl_idset s = {0};
  sl_obj *objs[64];
  for (int i = 0; i < 64; i++) {
    objs[i] = sl_future_new(rt);
    assert_non_null(objs[i]);
    assert_int_equal(sl_idset_reserve(rt, &s), 0);
    sl_alloc_fail_after(1); /* the next allocation fails */
    assert_int_equal(sl_idset_add(rt, &s, objs[i]), 0);
    assert_int_equal(sl_alloc_fail_after(0), 0); /* none was attempted */
  }
  assert_int_equal(s.len, 64);
  sl_idset_clear(rt, &s);
  for (int i = 0; i < 64; i++) sl_decref(rt, objs[i]);
  sl_idset_free(&s);
  sl_test_finish(&run);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_order_survives_discards_and_rebuilds),
      cmocka_unit_test(test_reserve_then_add_needs_no_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
