/* The coverage strategy's parts: the run signal (sim/covsig.h), the corpus
 * and its parent weights (sim/corpus.h), the mutations (sim/mutate.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "sim/corpus.h"
#include "sim/covsig.h"

static void handle(sl_observer *o, const char *name) {
  o->handle_run(o->ctx, 1, 0, 0.0, name, strlen(name));
}

/* A future's number is not part of a site; a task's is. Counts go in
 * hit-count classes: 1 and 2 differ, 5 and 6 do not. */
static void test_covsig_sites(void **state) {
  (void)state;
  sl_covsig s;
  sl_covsig_init(&s);
  sl_observer o = sl_covsig_observer(&s);
  handle(&o, "soon:wakeup T3 <- F17");
  sl_covsig_timing(&s, 0, SL_DECISION_COST);
  handle(&o, "soon:wakeup T3 <- F18");
  sl_covsig_timing(&s, 1, SL_DECISION_COST);
  handle(&o, "soon:wakeup T4 <- F18");
  sl_covsig_timing(&s, 2, SL_DECISION_COST);
  sl_covsig_timing(&s, 3, SL_DECISION_OVERSLEEP);
  assert_int_equal(sl_covsig_finish(&s, 0, 0), SL_EOK);
  assert_int_equal(s.sites.len, 2);
  assert_int_equal(s.nfeat, 3); /* the verdict and two sites */
  assert_int_equal(s.npsite, 4);
  assert_true(s.psite[0] == s.psite[1]);
  assert_true(s.psite[1] != s.psite[2]);
  assert_true(s.psite[3] != s.psite[2]); /* an oversleep after T4's handle */
  uint64_t twice[3];
  memcpy(twice, s.feat, sizeof twice);

  /* Three runs of T3's site instead of two: another class, another feature. */
  sl_covsig_reset(&s);
  for (int i = 0; i < 3; i++) handle(&o, "soon:wakeup T3 <- F1");
  handle(&o, "soon:wakeup T4 <- F2");
  assert_int_equal(sl_covsig_finish(&s, 0, 0), SL_EOK);
  int same = 0;
  for (size_t i = 0; i < s.nfeat; i++)
    for (size_t j = 0; j < 3; j++) same += s.feat[i] == twice[j];
  assert_int_equal(same, 2); /* the verdict and T4's site */

  /* 5 and 6 runs are one class. */
  uint64_t five[3], six[3];
  for (int n = 5; n <= 6; n++) {
    sl_covsig_reset(&s);
    for (int i = 0; i < n; i++) handle(&o, "timer:sleep F9");
    o.output(o.ctx, 1, 1, "done", 4);
    assert_int_equal(sl_covsig_finish(&s, 1, 7), SL_EOK);
    assert_int_equal(s.nfeat, 3);
    memcpy(n == 5 ? five : six, s.feat, sizeof five);
  }
  assert_memory_equal(five, six, sizeof five);
  sl_covsig_free(&s);
}

static sl_cov_entry entry(uint64_t index, uint64_t npoints) {
  sl_cov_entry e;
  memset(&e, 0, sizeof e);
  e.index = index;
  e.npoints = npoints;
  return e;
}

/* A run joins the corpus only with a feature no run had; its weight as a
 * parent is 1 / (runs that showed the feature it brought first). */
static void test_corpus_novelty(void **state) {
  (void)state;
  sl_corpus c;
  sl_corpus_init(&c);
  const uint64_t a[] = {11, 12, 13}, b[] = {11, 12}, d[] = {11, 14};
  const uint64_t sites[] = {5, 6, 5, 5};
  bool kept;
  sl_cov_entry e = entry(0, 4);
  assert_int_equal(sl_corpus_add(&c, &e, a, 3, sites, 4, false, &kept), SL_EOK);
  assert_true(kept);
  e = entry(1, 4);
  assert_int_equal(sl_corpus_add(&c, &e, b, 2, sites, 4, false, &kept), SL_EOK);
  assert_false(kept);
  e = entry(2, 4);
  assert_int_equal(sl_corpus_add(&c, &e, d, 2, sites, 4, false, &kept), SL_EOK);
  assert_true(kept);
  /* A failing run's new feature is counted, the run not kept. */
  const uint64_t f[] = {11, 15};
  e = entry(3, 4);
  assert_int_equal(sl_corpus_add(&c, &e, f, 2, sites, 4, true, &kept), SL_EOK);
  assert_false(kept);
  assert_int_equal(c.features.len, 5);
  assert_int_equal(c.n, 2);
  assert_true(c.e[0].key == 11 && c.e[1].key == 14);
  assert_int_equal(c.e[1].index, 2);
  /* Points grouped by site: site 5 at points 0, 2, 3; site 6 at 1. */
  assert_int_equal(c.e[0].ngroup, 2);
  assert_int_equal(c.e[0].nby, 4);
  assert_int_equal(sl_corpus_settle(&c), SL_EOK);
  assert_true(c.cumw[0] == 1.0 / 4.0);       /* feature 11: four runs */
  assert_true(c.cumw[1] == 1.0 / 4.0 + 1.0); /* feature 14: one */
  sl_corpus_free(&c);
}

/* Children: sorted distinct points, at most SL_PLAN_MAX, positive
 * delays; the same PRNG gives the same child; the parent's delays survive
 * most mutations. */
static void test_mutate_plans(void **state) {
  (void)state;
  sl_corpus c;
  sl_corpus_init(&c);
  uint64_t sites[300], feat[1] = {1};
  for (size_t i = 0; i < 300; i++) sites[i] = i % 7 == 0 ? 100 : i % 3;
  bool kept;
  sl_cov_entry e = entry(0, 300);
  e.plan.n = 1;
  e.plan.item[0].point = 250;
  e.plan.item[0].value = 1.0;
  assert_int_equal(sl_corpus_add(&c, &e, feat, 1, sites, 300, false, &kept), SL_EOK);
  assert_int_equal(sl_corpus_settle(&c), SL_EOK);
  unsigned keep250 = 0, seeded = 0, near = 0, grew = 0;
  for (uint64_t seed = 0; seed < 2000; seed++) {
    sl_rng r, r2;
    sl_rng_seed(&r, seed);
    sl_rng_seed(&r2, seed);
    sl_plan p, q;
    uint64_t ss, ss2;
    sl_corpus_child(&c, &r, &p, &ss);
    sl_corpus_child(&c, &r2, &q, &ss2);
    assert_memory_equal(&p, &q, sizeof p);
    assert_true(ss == ss2);
    assert_true(p.n <= SL_PLAN_MAX);
    for (uint32_t i = 0; i < p.n; i++) {
      assert_true(p.item[i].value > 0.0 && p.item[i].value <= 2.0);
      if (i) assert_true(p.item[i - 1].point < p.item[i].point);
      if (p.item[i].point == 250) keep250++;
      if (p.item[i].point > 250 && p.item[i].point <= 266) near++;
    }
    grew += p.n > 1;
    seeded += ss != 0;
  }
  assert_true(keep250 > 1500); /* dropped or spliced away sometimes */
  assert_true(grew > 1000);
  assert_true(near > 300);                   /* "just after a delay" */
  assert_true(seeded > 300 && seeded < 700); /* a quarter */
  sl_corpus_free(&c);
}

/* Every allocation of a signal, a corpus add and a settle may fail: each
 * ends cleanly, and a failed add leaves the corpus as it was. */
static void test_corpus_out_of_memory(void **state) {
  (void)state;
  bool completed = false;
  for (unsigned long k = 1; k < 200 && !completed; k++) {
    sl_alloc_fail_after(k);
    sl_covsig s;
    sl_covsig_init(&s);
    sl_corpus c;
    sl_corpus_init(&c);
    sl_observer o = sl_covsig_observer(&s);
    char name[32];
    for (int i = 0; i < 300; i++) {
      snprintf(name, sizeof name, "soon:step T%d", i);
      handle(&o, name);
      sl_covsig_timing(&s, (uint64_t)i, SL_DECISION_COST);
    }
    sl_errcode rc = sl_covsig_finish(&s, 0, 0);
    if (rc == SL_EOK) {
      bool kept = false;
      sl_cov_entry e = entry(0, 300);
      rc = sl_corpus_add(&c, &e, s.feat, s.nfeat, s.psite, s.npsite, false, &kept);
      if (rc == SL_EOK) {
        assert_true(kept);
        rc = sl_corpus_settle(&c);
        completed = rc == SL_EOK && c.n == 1 && c.e[0].nby == 300;
      } else {
        assert_int_equal(c.n, 0);
        assert_int_equal(c.features.len, 0);
      }
    } else {
      assert_true(s.oom);
    }
    if (rc != SL_EOK) assert_int_equal(rc, SL_ENOMEM);
    sl_corpus_free(&c);
    sl_covsig_free(&s);
    sl_alloc_fail_after(0);
  }
  assert_true(completed);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_covsig_sites),
      cmocka_unit_test(test_corpus_novelty),
      cmocka_unit_test(test_mutate_plans),
      cmocka_unit_test(test_corpus_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
