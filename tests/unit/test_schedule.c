/* Schedules (sim/schedule.h), strategies (sim/strategy.c) and ddmin
 * (sim/ddmin.h): fixed PRNG outputs, the decision log's file format and the
 * oracle's replay rule, the fuzzer byte mapping, bounded enumeration, pct
 * plans, and ddmin on synthetic predicates. */
/* cmocka.h needs these first. */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/loop.h"
#include "core/rt.h"
#include "sim/ddmin.h"
#include "sim/schedule.h"
#include "sim/trial.h"
#include "traces/recorder.h"

/* Reference outputs computed independently (a few lines of Python big-int
 * arithmetic transcribing Vigna's xoshiro256** and splitmix64). */
static void test_prng_vectors(void **state) {
  (void)state;
  uint64_t st = 0;
  assert_true(sl_splitmix64(&st) == 0xe220a8397b1dcdafULL);
  static const struct {
    uint64_t seed, out[4];
  } v[] = {
      {0,
       {0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL, 0x1a5f849d4933e6e0ULL,
        0x6aa594f1262d2d2cULL}},
      {1,
       {0xb3f2af6d0fc710c5ULL, 0x853b559647364ceaULL, 0x92f89756082a4514ULL,
        0x642e1c7bc266a3a7ULL}},
      {0xdeadbeef,
       {0xc5555444a74d7e83ULL, 0x65c30d37b4b16e38ULL, 0x54f773200a4efa23ULL,
        0x429aed75fb958af7ULL}},
  };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    sl_rng r;
    sl_rng_seed(&r, v[i].seed);
    for (int k = 0; k < 4; k++) assert_true(sl_rng_next(&r) == v[i].out[k]);
  }
}

static void test_prng_below(void **state) {
  (void)state;
  sl_rng r;
  sl_rng_seed(&r, 42);
  unsigned hist[7] = {0};
  for (int i = 0; i < 7000; i++) hist[sl_rng_below(&r, 7)]++;
  for (int i = 0; i < 7; i++) assert_true(hist[i] > 800 && hist[i] < 1200);
  /* The random distribution: mostly zero, values on the ms grid. */
  sl_rng_seed(&r, 7);
  int zeros = 0;
  for (int i = 0; i < 10000; i++) {
    double x = sl_strategy_random_value(&r);
    zeros += x == 0.0;
    assert_true(x >= 0.0 && x <= 2.0);
  }
  assert_true(zeros > 8000 && zeros < 9000);
}

static void test_declog_round_trip(void **state) {
  (void)state;
  sl_declog log;
  sl_declog_init(&log);
  sl_decision ds[] = {
      {SL_DECISION_OVERSLEEP, 0.01, true, 3, 0},
      {SL_DECISION_COST, 0.0, true, 3, 0},
      {SL_DECISION_COST, 0.1, true, 3, 1},
      {SL_DECISION_COST, 1.0 / 3.0, false, 0, 0},
  };
  for (size_t i = 0; i < 4; i++) assert_int_equal(sl_declog_push(&log, &ds[i]), SL_EOK);
  sl_strbuf text = SL_STRBUF_INIT;
  sl_declog_format(&log, "seed 5\nstrategy random", &text);
  assert_string_equal(sl_strbuf_cstr(&text),
                      "# seed 5\n# strategy random\n"
                      "{\"ev\":\"decision\",\"step\":3,\"kind\":\"oversleep\",\"value\":0.01}\n"
                      "{\"ev\":\"decision\",\"step\":3,\"kind\":\"cost\",\"value\":0.0}\n"
                      "{\"ev\":\"decision\",\"step\":3,\"kind\":\"cost\",\"value\":0.1}\n"
                      "{\"ev\":\"decision\",\"kind\":\"cost\",\"value\":0.3333333333333333}\n");
  sl_declog back;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_declog_parse(text.data, text.len, "x.log", &back, &err), SL_EOK);
  assert_int_equal(back.n, 4);
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(back.d[i].kind, ds[i].kind);
    assert_true(back.d[i].value == ds[i].value);
    assert_int_equal(back.d[i].has_step, ds[i].has_step);
    if (ds[i].has_step) assert_int_equal(back.d[i].step, ds[i].step);
  }
  sl_declog_free(&back);
  /* A trace serves as a log: other events are skipped; ints are seconds. */
  const char *trace = "{\"ev\":\"run\",\"engine\":\"cpython\"}\n\n"
                      "{\"ev\":\"step\",\"i\":1,\"t\":0.0,\"timeout\":0.0}\n"
                      "{\"kind\":\"cost\",\"value\":2}\n";
  assert_int_equal(sl_declog_parse(trace, strlen(trace), "t.jsonl", &back, &err), SL_EOK);
  assert_int_equal(back.n, 1);
  assert_true(back.d[0].value == 2.0 && !back.d[0].has_step);
  sl_declog_free(&back);
  sl_declog_free(&log);
  sl_strbuf_free(&text);
  sl_strbuf_free(&err);
}

static void expect_bad(const char *text, const char *message) {
  sl_declog back;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_declog_parse(text, strlen(text), "bad.log", &back, &err), SL_ECORRUPT);
  if (!strstr(sl_strbuf_cstr(&err), message)) fail_msg("got: %s", sl_strbuf_cstr(&err));
  assert_int_equal(back.n, 0);
  sl_strbuf_free(&err);
}

static void test_declog_errors(void **state) {
  (void)state;
  expect_bad("# c\n{\"kind\":\"cost\",\"value\":1}\n{\"kind\":\"nap\",\"value\":1}\n",
             "bad.log:3:1: \"kind\" must be");
  expect_bad("{\"kind\":\"cost\",\"value\":-1}", "bad.log:1:1: \"value\" must be finite and >= 0");
  expect_bad("{\"kind\":\"cost\",\"value\":\"1\"}", "\"value\" must be a number");
  expect_bad("{\"kind\":\"cost\",\"value\":1,\"step\":1.5}", "\"step\" must be an integer");
  expect_bad("  {\"kind\":\"cost\",", "bad.log:1:");
  expect_bad("[1]", "not a JSON object");
}

/* Feeds a sequence of decision points to a schedule's decider on a real
 * run (only rt->loop->step is read). */
typedef struct point {
  uint64_t step;
  sl_decision_kind kind;
} point;

static void drive(sl_schedule *s, const point *pts, size_t n, double *values) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  assert_non_null(rt);
  sl_decider d = sl_schedule_decider(s);
  for (size_t i = 0; i < n; i++) {
    rt->loop->step = pts[i].step;
    values[i] = d.decide(d.ctx, rt, pts[i].kind);
  }
  sl_rt_free(rt);
}

static const point pts[] = {
    {1, SL_DECISION_COST}, {1, SL_DECISION_COST},      {2, SL_DECISION_OVERSLEEP},
    {2, SL_DECISION_COST}, {2, SL_DECISION_COST},      {2, SL_DECISION_COST},
    {3, SL_DECISION_COST}, {4, SL_DECISION_OVERSLEEP}, {4, SL_DECISION_COST},
    {5, SL_DECISION_COST}, {5, SL_DECISION_COST},      {5, SL_DECISION_COST},
};
#define NPTS (sizeof pts / sizeof pts[0])

/* Whatever a source decided, the canonical log replays it exactly. */
static void check_replays(sl_schedule *orig, const double *want) {
  sl_declog log;
  assert_int_equal(sl_schedule_log(orig, &log), SL_EOK);
  /* Through the file format, as the oracle would read it. */
  sl_strbuf text = SL_STRBUF_INIT, err = SL_STRBUF_INIT;
  sl_declog_format(&log, NULL, &text);
  sl_declog parsed;
  assert_int_equal(sl_declog_parse(text.data ? text.data : "", text.len, "c", &parsed, &err),
                   SL_EOK);
  sl_schedule rep;
  sl_schedule_init_log(&rep, &parsed);
  double got[NPTS];
  drive(&rep, pts, NPTS, got);
  for (size_t i = 0; i < NPTS; i++) assert_true(got[i] == want[i]);
  assert_int_equal(rep.replay_pos, parsed.n); /* every entry consumed */
  /* Canonical of a canonical replay is itself. */
  sl_declog again;
  assert_int_equal(sl_schedule_log(&rep, &again), SL_EOK);
  assert_int_equal(again.n, log.n);
  for (size_t i = 0; i < log.n; i++) assert_true(again.d[i].value == log.d[i].value);
  sl_declog_free(&again);
  sl_schedule_free(&rep);
  sl_declog_free(&parsed);
  sl_declog_free(&log);
  sl_strbuf_free(&text);
  sl_strbuf_free(&err);
}

static void test_byte_mapping(void **state) {
  (void)state;
  assert_true(sl_schedule_byte_value(0) == 0.0);
  assert_true(sl_schedule_byte_value(127) == 0.0);
  assert_true(sl_schedule_byte_value(128) == 0.001);
  assert_true(sl_schedule_byte_value(247) == 0.12);
  assert_true(sl_schedule_byte_value(248) == 0.25);
  assert_true(sl_schedule_byte_value(255) == 60.0);
  /* point i takes byte i; after the bytes run out, defaults */
  const uint8_t bytes[] = {0, 130, 255, 1, 128, 200, 7};
  sl_schedule s;
  sl_schedule_init_bytes(&s, bytes, sizeof bytes);
  double got[NPTS];
  drive(&s, pts, NPTS, got);
  const double want[NPTS] = {0, 0.003, 60.0, 0, 0.001, 0.073, 0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < NPTS; i++) assert_true(got[i] == want[i]);
  check_replays(&s, want);
  /* The canonical log: costs of step 2 padded up to position 1. */
  sl_declog log;
  assert_int_equal(sl_schedule_log(&s, &log), SL_EOK);
  assert_int_equal(log.n, 6);
  assert_true(log.d[0].kind == SL_DECISION_COST && log.d[0].step == 1 && log.d[0].value == 0.0);
  assert_true(log.d[1].kind == SL_DECISION_COST && log.d[1].value == 0.003);
  assert_true(log.d[2].kind == SL_DECISION_OVERSLEEP && log.d[2].step == 2);
  assert_true(log.d[3].step == 2 && log.d[3].value == 0.0);
  assert_true(log.d[4].step == 2 && log.d[4].value == 0.001);
  assert_true(log.d[5].step == 2 && log.d[5].value == 0.073);
  assert_int_equal(sl_declog_nondefault(&log), 4);
  sl_declog_free(&log);
  sl_schedule_free(&s);
}

static void test_oracle_rule(void **state) {
  (void)state;
  /* A sparse hand-written log: a wrong-kind entry blocks until its kind
   * comes; a pinned step waits for its step; an unpinned entry applies at
   * the next point of its kind. */
  const char *text = "{\"kind\":\"oversleep\",\"value\":0.5}\n"
                     "{\"kind\":\"cost\",\"value\":0.25,\"step\":5}\n"
                     "{\"kind\":\"cost\",\"value\":0.125}\n";
  sl_declog log;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_declog_parse(text, strlen(text), "r", &log, &err), SL_EOK);
  sl_schedule s;
  sl_schedule_init_log(&s, &log);
  double got[NPTS];
  drive(&s, pts, NPTS, got);
  const double want[NPTS] = {0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0.25, 0.125, 0};
  for (size_t i = 0; i < NPTS; i++) assert_true(got[i] == want[i]);
  check_replays(&s, want);
  sl_schedule_free(&s);
  sl_declog_free(&log);
  sl_strbuf_free(&err);
}

static void test_strategies_replay(void **state) {
  (void)state;
  const char *names[] = {"random", "pct", "bounded"};
  for (size_t k = 0; k < 3; k++) {
    sl_strategy st;
    assert_true(sl_strategy_parse(names[k], &st));
    st.npoints = NPTS;
    for (uint64_t seed = 0; seed < 200; seed++) {
      sl_schedule s, t;
      sl_schedule_init_strategy(&s, &st, seed);
      sl_schedule_init_strategy(&t, &st, seed);
      double a[NPTS], b[NPTS];
      drive(&s, pts, NPTS, a);
      drive(&t, pts, NPTS, b);
      assert_memory_equal(a, b, sizeof a); /* deterministic */
      check_replays(&s, a);
      sl_schedule_free(&s);
      sl_schedule_free(&t);
    }
  }
}

static void test_bounded_counts(void **state) {
  (void)state;
  assert_int_equal(sl_bounded_count(10, 0, 3), 1);
  assert_int_equal(sl_bounded_count(10, 1, 3), 31);
  assert_int_equal(sl_bounded_count(10, 2, 3), 1 + 30 + 45 * 9);
  assert_int_equal(sl_bounded_count(50, 2, 4), 1 + 200 + 1225 * 16);
  assert_int_equal(sl_bounded_count(2, 4, 1), 4); /* k > n: all subsets */
  assert_true(sl_bounded_count(1000000, 4, 8) == UINT64_MAX);
  /* Every placement exactly once, fewer delays first. */
  sl_strategy st;
  assert_true(sl_strategy_parse("bounded", &st));
  st.npoints = 10;
  st.bound = 2;
  st.nsizes = 3;
  uint64_t total = sl_bounded_count(10, 2, 3);
  static uint8_t seen[10][10][3][3];
  memset(seen, 0, sizeof seen);
  uint32_t last_n = 0;
  for (uint64_t i = 0; i < total; i++) {
    sl_plan p;
    assert_true(sl_bounded_plan(&st, i, &p));
    assert_true(p.n >= last_n);
    last_n = p.n;
    if (p.n == 2) {
      assert_true(p.item[0].point < p.item[1].point);
      int s0 = p.item[0].value == st.sizes[0] ? 0 : p.item[0].value == st.sizes[1] ? 1 : 2;
      int s1 = p.item[1].value == st.sizes[0] ? 0 : p.item[1].value == st.sizes[1] ? 1 : 2;
      assert_int_equal(seen[p.item[0].point][p.item[1].point][s0][s1]++, 0);
    }
  }
  sl_plan p;
  assert_false(sl_bounded_plan(&st, total, &p));
  assert_true(sl_bounded_plan(&st, 0, &p) && p.n == 0);
  assert_true(sl_bounded_plan(&st, 1, &p) && p.n == 1 && p.item[0].point == 0);
}

static void test_pct_plan(void **state) {
  (void)state;
  sl_strategy st;
  assert_true(sl_strategy_parse("pct", &st));
  st.npoints = 40;
  unsigned depths[4] = {0};
  for (uint64_t seed = 0; seed < 300; seed++) {
    sl_plan p, q;
    sl_pct_plan(&st, seed, &p);
    sl_pct_plan(&st, seed, &q);
    assert_memory_equal(&p, &q, sizeof p);
    assert_true(p.n >= 1 && p.n <= 3);
    depths[p.n]++;
    for (uint32_t i = 0; i < p.n; i++) {
      assert_true(p.item[i].point < 40);
      if (i) assert_true(p.item[i - 1].point < p.item[i].point);
    }
  }
  for (int d = 1; d <= 3; d++) assert_true(depths[d] > 50);
}

/* ddmin: the predicate fails when the subset contains all of `need`. */
typedef struct pred {
  const size_t *need;
  size_t nneed;
  uint64_t calls;
} pred;

static int contains_all(void *ctx, const size_t *keep, size_t nkeep) {
  pred *p = ctx;
  p->calls++;
  for (size_t i = 0; i < p->nneed; i++) {
    bool found = false;
    for (size_t j = 0; j < nkeep; j++) found |= keep[j] == p->need[i];
    if (!found) return 0;
  }
  return 1;
}

static void test_ddmin(void **state) {
  (void)state;
  static size_t keep[200];
  size_t nkeep;
  uint64_t ntests;
  const size_t need[] = {3, 17, 42, 199};
  pred p = {need, 4, 0};
  assert_int_equal(sl_ddmin(200, contains_all, &p, keep, &nkeep, &ntests), SL_EOK);
  assert_int_equal(nkeep, 4);
  for (size_t i = 0; i < 4; i++) assert_int_equal(keep[i], need[i]);
  assert_int_equal(ntests, p.calls);
  assert_true(ntests < 250); /* vs 2^200 subsets; ddmin is O(k log n) here */
  /* One culprit; none needed (the empty set fails); a single item. */
  const size_t one[] = {77};
  pred q = {one, 1, 0};
  assert_int_equal(sl_ddmin(100, contains_all, &q, keep, &nkeep, &ntests), SL_EOK);
  assert_true(nkeep == 1 && keep[0] == 77);
  pred none = {NULL, 0, 0};
  assert_int_equal(sl_ddmin(100, contains_all, &none, keep, &nkeep, &ntests), SL_EOK);
  assert_int_equal(nkeep, 0);
  assert_int_equal(ntests, 1);
  const size_t zero[] = {0};
  pred single = {zero, 1, 0};
  assert_int_equal(sl_ddmin(1, contains_all, &single, keep, &nkeep, &ntests), SL_EOK);
  assert_true(nkeep == 1 && keep[0] == 0);
}

static void test_shrink_candidates(void **state) {
  (void)state;
  double c[32];
  size_t n = sl_shrink_candidates(0.1, c, 32);
  assert_int_equal(n, 6);
  const double want[] = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05};
  for (size_t i = 0; i < n; i++) assert_true(c[i] == want[i]);
  assert_int_equal(sl_shrink_candidates(0.001, c, 32), 0);
  assert_int_equal(sl_shrink_candidates(3.0, c, 32), 11);
  assert_true(c[10] == 2.0);
}

/* Out of memory at every allocation of parse, canonical and save: each
 * fails cleanly (SL_ENOMEM, nothing half-built; asan checks for leaks). */
static void test_out_of_memory(void **state) {
  (void)state;
  const char *text = "# c\n{\"ev\":\"decision\",\"step\":2,\"kind\":\"cost\",\"value\":0.01}\n"
                     "{\"kind\":\"oversleep\",\"value\":1,\"step\":3}\n";
  bool completed = false;
  for (unsigned long k = 1; k < 1000 && !completed; k++) {
    sl_alloc_fail_after(k);
    sl_declog log, canon;
    sl_strbuf err = SL_STRBUF_INIT;
    sl_errcode rc = sl_declog_parse(text, strlen(text), "m", &log, &err);
    if (rc == SL_EOK) {
      rc = sl_declog_canonical(&log, &canon);
      if (rc == SL_EOK) {
        completed = canon.n == 2;
        sl_declog_free(&canon);
      }
      sl_declog_free(&log);
    } else {
      assert_int_equal(rc, SL_ENOMEM);
      assert_int_equal(log.n, 0);
    }
    sl_strbuf_free(&err);
    sl_alloc_fail_after(0);
  }
  assert_true(completed);
}

/* A whole trial (bank.py, random seed 2: an assertion) and its recorded
 * replay, failing the k-th allocation for every k until both complete:
 * each attempt ends cleanly (asan checks for leaks). */
static void test_trial_out_of_memory(void **state) {
  (void)state;
  const char *dir = getenv("SL_SOURCE_DIR");
  if (!dir) skip();
  char path[4096];
  snprintf(path, sizeof path, "%s/examples/bank.py", dir);
  sl_strbuf err = SL_STRBUF_INIT;
  sl_trial_opts o = {.max_steps = 100000};
  sl_trial_prog *p;
  assert_int_equal(sl_trial_prog_load(path, &o, &p, &err), SL_EOK);
  sl_strategy st;
  assert_true(sl_strategy_parse("random", &st));
  bool completed = false;
  for (unsigned long k = 1; k < 100000 && !completed; k++) {
    sl_schedule s;
    sl_schedule_init_strategy(&s, &st, 2);
    sl_trial t, t2;
    sl_trial_init(&t);
    sl_trial_init(&t2);
    sl_recorder *rec = NULL;
    int64_t id;
    char hash[65];
    sl_record_opts ro = {0, true, 2, "random", NULL};
    sl_alloc_fail_after(k);
    sl_errcode rc = sl_trial_run(p, &s, NULL, &t, &err);
    if (rc == SL_EOK && t.verdict != SL_VERDICT_ERROR)
      rc = sl_trial_record(p, &t.log, &ro, &t2, &rec, &id, hash, &err);
    sl_alloc_fail_after(0);
    completed =
        rc == SL_EOK && t.verdict == SL_VERDICT_ASSERTION && t2.verdict == SL_VERDICT_ASSERTION;
    if (rec) sl_recorder_free(rec);
    sl_trial_free(&t);
    sl_trial_free(&t2);
    sl_schedule_free(&s);
    sl_strbuf_clear(&err);
  }
  assert_true(completed);
  sl_trial_prog_free(p);
  sl_strbuf_free(&err);
}

/* Fault questions are io points in every log, but a strategy or the
 * fuzzer's bytes answer them only with faults on: without, the other
 * points see exactly the draws and bytes they would see if the fault
 * questions were not asked. */
static void test_fault_questions(void **state) {
  (void)state;
  static const point with[] = {
      {1, SL_DECISION_IO}, {1, SL_DECISION_IO_FAULT}, {1, SL_DECISION_IO_FAULT},
      {1, SL_DECISION_IO}, {2, SL_DECISION_IO_FAULT}, {2, SL_DECISION_IO},
  };
  static const point without[] = {{1, SL_DECISION_IO}, {1, SL_DECISION_IO}, {2, SL_DECISION_IO}};
  /* Bytes: every one non-default (1 ms, 2 ms, ...). */
  static const uint8_t bytes[] = {128, 129, 130, 131, 132, 133};
  double a[6], b[3];
  sl_schedule s;
  sl_schedule_init_bytes(&s, bytes, sizeof bytes);
  drive(&s, with, 6, a);
  sl_schedule_free(&s);
  sl_schedule_init_bytes(&s, bytes, sizeof bytes);
  drive(&s, without, 3, b);
  sl_schedule_free(&s);
  assert_true(a[1] == 0.0 && a[2] == 0.0 && a[4] == 0.0);
  assert_true(a[0] == b[0] && a[3] == b[1] && a[5] == b[2]);
  /* With faults on, each question takes the next byte. */
  sl_schedule_init_bytes(&s, bytes, sizeof bytes);
  s.faults = true;
  drive(&s, with, 6, a);
  for (size_t i = 0; i < 6; i++) assert_true(a[i] == sl_schedule_byte_value(bytes[i]));
  /* Its log replays it, the fault answers pinned to their positions. */
  sl_declog log;
  assert_int_equal(sl_schedule_log(&s, &log), SL_EOK);
  assert_int_equal(log.n, 6);
  for (size_t i = 0; i < 6; i++) assert_int_equal(log.d[i].kind, SL_DECISION_IO);
  sl_schedule rep;
  sl_schedule_init_log(&rep, &log);
  double got[6];
  drive(&rep, with, 6, got);
  for (size_t i = 0; i < 6; i++) assert_true(got[i] == a[i]);
  sl_schedule_free(&rep);
  sl_declog_free(&log);
  sl_schedule_free(&s);
  /* The random strategy: the same draws for the other points. */
  sl_strategy st;
  assert_true(sl_strategy_parse("random", &st));
  double r1[6], r2[3];
  for (uint64_t seed = 0; seed < 50; seed++) {
    sl_schedule_init_strategy(&s, &st, seed);
    drive(&s, with, 6, r1);
    sl_schedule_free(&s);
    sl_schedule_init_strategy(&s, &st, seed);
    drive(&s, without, 3, r2);
    sl_schedule_free(&s);
    assert_true(r1[1] == 0.0 && r1[2] == 0.0 && r1[4] == 0.0);
    assert_true(r1[0] == r2[0] && r1[3] == r2[1] && r1[5] == r2[2]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prng_vectors),   cmocka_unit_test(test_fault_questions),
      cmocka_unit_test(test_prng_below),     cmocka_unit_test(test_declog_round_trip),
      cmocka_unit_test(test_declog_errors),  cmocka_unit_test(test_byte_mapping),
      cmocka_unit_test(test_oracle_rule),    cmocka_unit_test(test_strategies_replay),
      cmocka_unit_test(test_bounded_counts), cmocka_unit_test(test_pct_plan),
      cmocka_unit_test(test_ddmin),          cmocka_unit_test(test_shrink_candidates),
      cmocka_unit_test(test_out_of_memory),  cmocka_unit_test(test_trial_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
