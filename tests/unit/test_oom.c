/* Out-of-memory sweep over representative scenarios (DESIGN.md section 9,
 * as SQLite's test_malloc.c does): each scenario runs whole (parse,
 * compile, run, teardown) with allocation k failing, and every later one,
 * for k = 1, 2, 3, ... until a run makes fewer than k allocations, i.e.
 * completes untouched. Every attempt must end cleanly: outcome "nomem",
 * or, when the failure was absorbed, the outcome of the undisturbed run;
 * never a crash, never another outcome. Under the asan preset
 * LeakSanitizer reports anything an attempt leaked at exit.
 *
 * Sampling: every k up to SWEEP_DENSE, then every SWEEP_STRIDE-th k
 * (offset so that each stride's position varies), which keeps the whole
 * sweep under a minute under ASan; each test prints how many allocations
 * its scenario makes and how many k it tried. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "sim/modfind.h"
#include "sim/gen.h"
#include "sim/scenario.h"
#include "sim/schedule.h"

#define SWEEP_DENSE  2000
#define SWEEP_STRIDE 7

/* A compile error (parses, then the compiler rejects it), inline. */
static const char compile_error_src[] = "import asyncio\n"
                                        "\n"
                                        "async def main():\n"
                                        "    x = 1\n"
                                        "    def inner():\n"
                                        "        nonlocal y\n"
                                        "    await asyncio.sleep(0)\n"
                                        "\n"
                                        "asyncio.run(main())\n";

/* Ints past 64 bits: every allocation of the big-int paths (literals,
 * growth and shrinking, division, powers, text both ways, format, hashing
 * as dict keys, float conversion, the 4300-digit ValueError). */
static const char bigint_src[] =
    "import asyncio\n"
    "\n"
    "async def main():\n"
    "    f = 1\n"
    "    for i in range(2, 60):\n"
    "        f *= i\n"
    "        await asyncio.sleep(0)\n"
    "    x = 123456789012345678901234567890 + 0xffff_ffff_ffff_ffff_ff\n"
    "    d = {f: 1, 2 ** 64: 2, 2.0 ** 70: 3}\n"
    "    d[2 ** 70] = 4\n"
    "    print(f, -f // 7, f % -7, divmod(f, x), f >> 70, ~f & x, -x | 5, x ^ f, "
    "9223372036854775807 + 1)\n"
    "    print(pow(x, 3, 10 ** 20 + 39), pow(3, -1, 2 ** 70 + 1), f / x, float(f), 2 ** 64 == 2.0 "
    "** 64)\n"
    "    print(int('9' * 40), int('-0x' + 'f' * 30, 16), format(f, ','), '%x' % x, f'{-x:_}', "
    "hex(f))\n"
    "    print(d, round(f, -20), abs(-f), int(1e30), (f * f - 1) // (f + 1) - f, sorted([f, 1.5, "
    "-x]))\n"
    "    try:\n"
    "        str(10 ** 5000)\n"
    "    except ValueError as e:\n"
    "        print(e)\n"
    "\n"
    "asyncio.run(main())\n";

/* Decision streams (sim/schedule.h byte mapping). Small delays make the
 * schedule code take decisions too; the second is the input fuzz_schedule
 * found for bank.py's overdraft (fuzz/corpus/fuzz_schedule/bank_overdraft). */
static const uint8_t some_delays[] = {0, 130, 0, 0, 140, 0, 200, 0, 0, 250};
static const uint8_t overdraft[] = {0x02, 0x2a, 0xfe};

/* The image runs start from (sim/scenario.h), or NULL: a fresh set-up. */
static sl_scenario_image *attempt_image;

/* Runs one attempt; output goes to a buffer that is dropped. */
static void run_attempt(const char *path, const char *src, const uint8_t *bytes, size_t nbytes,
                        sl_scenario_result *res) {
  sl_schedule sched;
  sl_schedule_init_bytes(&sched, bytes, nbytes);
  sl_decider dec = sl_schedule_decider(&sched);
  sl_strbuf out = SL_STRBUF_INIT;
  sl_scenario_opts o;
  memset(&o, 0, sizeof o);
  o.path = path;
  if (src) {
    o.source = src;
    o.source_len = strlen(src);
  }
  o.decider = &dec;
  o.image = attempt_image;
  o.max_steps = 100000;
  o.out_buf = &out;
  sl_scenario_run(&o, res);
  sl_strbuf_free(&out);
  sl_schedule_free(&sched);
}

/* The sweep over one scenario (path relative to the source tree, or an
 * inline source when src is not NULL). */
static void sweep_bytes(const char *rel, const char *src, const uint8_t *bytes, size_t nbytes,
                        sl_outcome expected) {
  char path[4096];
  const char *dir = getenv("SL_SOURCE_DIR");
  if (src) {
    snprintf(path, sizeof path, "%s", rel);
  } else {
    if (!dir) {
      print_message("SL_SOURCE_DIR is not set: cannot find %s\n", rel);
      skip();
    }
    snprintf(path, sizeof path, "%s/%s", dir, rel);
  }
  /* The undisturbed run: its outcome is the one to expect. */
  sl_alloc_fail_after(0);
  sl_scenario_result res;
  run_attempt(path, src, bytes, nbytes, &res);
  unsigned long total = sl_alloc_fail_after(0);
  if (res.outcome != expected)
    print_message("%s: %s\n%s", rel, sl_outcome_name(res.outcome), sl_strbuf_cstr(&res.detail));
  assert_int_equal(res.outcome, expected);
  sl_scenario_result_free(&res);

  unsigned long tried = 0, absorbed = 0;
  bool completed = false;
  for (unsigned long k = 1; !completed; k += k < SWEEP_DENSE ? 1 : SWEEP_STRIDE) {
    sl_alloc_fail_after(k);
    run_attempt(path, src, bytes, nbytes, &res);
    unsigned long used = sl_alloc_fail_after(0);
    tried++;
    completed = used < k;
    if (res.outcome != SL_OUTCOME_NOMEM && res.outcome != expected) {
      print_message("%s: allocation %lu failing ended the run as %s, not nomem or %s\n%s", rel, k,
                    sl_outcome_name(res.outcome), sl_outcome_name(expected),
                    sl_strbuf_cstr(&res.detail));
      fail();
    }
    if (!completed && res.outcome == expected) absorbed++;
    sl_scenario_result_free(&res);
    /* The last k must reach past the end, whatever the stride. */
    if (!completed && k >= total + SWEEP_STRIDE)
      fail_msg("%s: still failing at k=%lu past its %lu allocations", rel, k, total);
  }
  print_message("%s: %lu allocations, %lu failure points tried (%s), %lu absorbed\n", rel, total,
                tried, total <= SWEEP_DENSE ? "all" : "sampled", absorbed);
}

static void sweep(const char *rel, const char *src, sl_outcome expected) {
  sweep_bytes(rel, src, some_delays, sizeof some_delays, expected);
}

static void test_gather(void **state) {
  (void)state;
  sweep("tests/scenarios/task_gather_cancel_child.py", NULL, SL_OUTCOME_OK);
}
static void test_locks(void **state) {
  (void)state;
  sweep("tests/scenarios/lock_condition_notify.py", NULL, SL_OUTCOME_OK);
  /* The awaits that wait in place of their coroutines, every path. */
  sweep("tests/scenarios/lock_queue_wait_in_place.py", NULL, SL_OUTCOME_OK);
  sweep("tests/scenarios/lock_semaphore_join_in_place.py", NULL, SL_OUTCOME_OK);
}
static void test_sleep(void **state) {
  (void)state;
  /* `await asyncio.sleep(d)` in place of its coroutine, every path. */
  sweep("tests/scenarios/task_sleep_in_place.py", NULL, SL_OUTCOME_OK);
}
static void test_queues(void **state) {
  (void)state;
  sweep("tests/scenarios/queue_producer_consumer.py", NULL, SL_OUTCOME_OK);
  /* Python callbacks queued without a handle: the loop's direct call. */
  sweep("tests/scenarios/loop_call_soon_plain.py", NULL, SL_OUTCOME_OK);
}
static void test_taskgroup_failure(void **state) {
  (void)state;
  sweep("tests/scenarios/tg_child_fails.py", NULL, SL_OUTCOME_OK);
}
static void test_timeouts(void **state) {
  (void)state;
  sweep("tests/scenarios/timeout_nested.py", NULL, SL_OUTCOME_OK);
}
static void test_traceback(void **state) {
  (void)state;
  sweep("tests/scenarios/lang_uncaught_chain.py", NULL, SL_OUTCOME_EXCEPTION);
}
static void test_deadlock(void **state) {
  (void)state;
  sweep("tests/scenarios/task_deadlock.py", NULL, SL_OUTCOME_DEADLOCK);
}
static void test_compile_error(void **state) {
  (void)state;
  sweep("compile_error.py", compile_error_src, SL_OUTCOME_ERROR);
}
/* Generators: yield, yield from with send/throw/close, lazy genexps. */
static void test_generators(void **state) {
  (void)state;
  sweep("tests/scenarios/lang_generators_delegation.py", NULL, SL_OUTCOME_EXCEPTION);
}
/* Classes changed after their subclasses were made: the flag bits spread
 * to the subclasses and taken back. */
static void test_class_change(void **state) {
  (void)state;
  sweep("tests/scenarios/lang_class_change_seen_by_subclass.py", NULL, SL_OUTCOME_OK);
  /* __del__ and __getattr__ of classes deriving from engine classes. */
  sweep("tests/scenarios/lang_del_engine_subclass.py", NULL, SL_OUTCOME_OK);
  sweep("tests/scenarios/lang_getattr_engine_subclass.py", NULL, SL_OUTCOME_OK);
  /* concurrent.futures on the simulated pool: its Python module, jobs
   * without an asyncio future, wrap_future's chain, set_default_executor. */
  sweep("tests/scenarios/cf_run_in_executor.py", NULL, SL_OUTCOME_OK);
  sweep("tests/scenarios/cf_shutdown_nowait.py", NULL, SL_OUTCOME_OK);
}
/* The fast paths of sessions 16 and 17 (issue 14): a held zero-argument
 * callback's direct frame call, the `then`s that own their references, a
 * dead future spared, the frameless woken waiters (Event, Condition, Lock,
 * Queue), the fused constant operations and jumps, a global's cache hit, a
 * dropped method result, locals proven bound. */
static void test_fast_paths(void **state) {
  (void)state;
  sweep("tests/scenarios/loop_handle_held0_tail.py", NULL, SL_OUTCOME_EXCEPTION);
  static const char *const ok[] = {
      "loop_call_soon_closed_statement", "loop_callback_frame_leftovers",
      "timer_heap_sleep_fast",           "lang_none_test_const_jump",
      "lang_binop_const_fused",          "await_then_owned_refs",
      "task_await_future_cases",         "vm_global_hit_method_drop",
      "lock_queue_frameless_thens",      "lang_local_bound_flow",
  };
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    char rel[128];
    snprintf(rel, sizeof rel, "tests/scenarios/%s.py", ok[i]);
    sweep(rel, NULL, SL_OUTCOME_OK);
  }
}
static void test_bigint(void **state) {
  (void)state;
  sweep("bigint.py", bigint_src, SL_OUTCOME_OK);
}
static void test_bank_assertion(void **state) {
  (void)state;
  sweep_bytes("examples/bank.py", NULL, overdraft, sizeof overdraft, SL_OUTCOME_EXCEPTION);
}

/* Generated programs (sim/gen.h) mix every feature the generator knows:
 * locks, queues, events, timeouts, shield, cancellation, TaskGroup. */
static void test_generated(void **state) {
  (void)state;
  for (uint64_t seed = 1; seed <= 3; seed++) {
    sl_strbuf src = SL_STRBUF_INIT;
    assert_int_equal(sl_gen_from_seed(seed, &src), SL_EOK);
    char name[32];
    snprintf(name, sizeof name, "gen_%llu.py", (unsigned long long)seed);
    sweep(name, sl_strbuf_cstr(&src), SL_OUTCOME_OK);
    sl_strbuf_free(&src);
  }
}

/* Reads a file of the source tree (the caller frees it). */
static char *read_tree_file(const char *rel, char *path, size_t pathsz, size_t *len) {
  const char *dir = getenv("SL_SOURCE_DIR");
  if (!dir) {
    print_message("SL_SOURCE_DIR is not set: cannot find %s\n", rel);
    skip();
  }
  snprintf(path, pathsz, "%s/%s", dir, rel);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static char buf[1 << 16];
  *len = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  char *src = malloc(*len + 1);
  assert_non_null(src);
  memcpy(src, buf, *len);
  src[*len] = '\0';
  return src;
}

/* Runs that start from an image of the set-up (explore's runs): allocation
 * k of the run fails after the image is restored; then the image itself
 * is made with allocation k failing, which must give no image or a whole
 * one (a run from it ends as the undisturbed run did), never a crash or
 * a leak. */
static void image_sweep(const char *rel, const uint8_t *bytes, size_t nbytes, sl_outcome expected) {
  char path[4096];
  size_t len;
  char *src = read_tree_file(rel, path, sizeof path, &len);
  sl_modfind *mf = sl_modfind_new(path, NULL, 0);
  assert_non_null(mf);
  sl_scenario_opts io;
  memset(&io, 0, sizeof io);
  io.path = path;
  io.source = src;
  io.source_len = len;
  io.modfind = mf; /* no tree: compiled as it is parsed, as explore does */
  attempt_image = sl_scenario_image_new(&io);
  assert_non_null(attempt_image);
  sweep_bytes(rel, src, bytes, nbytes, expected);
  sl_scenario_image_free(attempt_image);
  attempt_image = NULL;

  unsigned long made = 0;
  for (unsigned long k = 1;; k++) {
    sl_alloc_fail_after(k);
    sl_scenario_image *im = sl_scenario_image_new(&io);
    unsigned long used = sl_alloc_fail_after(0);
    if (im) {
      made++;
      attempt_image = im;
      sl_scenario_result res;
      run_attempt(path, src, bytes, nbytes, &res);
      assert_int_equal(res.outcome, expected);
      sl_scenario_result_free(&res);
      attempt_image = NULL;
      sl_scenario_image_free(im);
    }
    if (used < k) break;
    assert_true(k < 100000);
  }
  assert_true(made >= 1); /* at least the untouched one */
  sl_modfind_free(mf);
  free(src);
}

static void test_image_bank(void **state) {
  (void)state;
  image_sweep("examples/bank.py", overdraft, sizeof overdraft, SL_OUTCOME_EXCEPTION);
}
static void test_image_gather(void **state) {
  (void)state;
  image_sweep("tests/scenarios/task_gather_cancel_child.py", some_delays, sizeof some_delays,
              SL_OUTCOME_OK);
}

/* An allocator that counts the calls that reach it. */
static unsigned long reached;
static void *counting_malloc(void *ctx, size_t n) {
  (void)ctx;
  reached++;
  return malloc(n);
}
static void *counting_realloc(void *ctx, void *p, size_t n) {
  (void)ctx;
  reached++;
  return realloc(p, n);
}
static void counting_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

/* Runs from an image tear down without the decref cascade and keep their
 * small objects for the next run (core/object.h sl_heap_pool): from the
 * second run on fewer allocations reach the C library, the same number
 * each run, and every run ends as the first did; after each run the bytes
 * in use are back where they were (nothing leaked, and what is kept for
 * the next run does not count against its memory budget). */
static void test_image_runs_reuse(void **state) {
  (void)state;
  char path[4096];
  size_t len;
  char *src = read_tree_file("examples/bank.py", path, sizeof path, &len);
  sl_modfind *mf = sl_modfind_new(path, NULL, 0);
  assert_non_null(mf);
  sl_scenario_opts io;
  memset(&io, 0, sizeof io);
  io.path = path;
  io.source = src;
  io.source_len = len;
  io.modfind = mf;
  sl_scenario_result res;
  sl_allocator counting = {counting_malloc, counting_realloc, counting_free, NULL};
  sl_set_allocator(&counting);
  attempt_image = sl_scenario_image_new(&io);
  assert_non_null(attempt_image);
  unsigned long calls[3];
  for (int i = 0; i < 3; i++) {
    reached = 0;
    run_attempt(path, src, overdraft, sizeof overdraft, &res);
    calls[i] = reached;
    assert_int_equal(res.outcome, SL_OUTCOME_EXCEPTION);
    sl_scenario_result_free(&res);
  }
  sl_scenario_image_free(attempt_image);
  sl_set_allocator(NULL);
  print_message("allocations reaching the C library: %lu in the first run from an image, %lu "
                "in each later one\n",
                calls[0], calls[1]);
  assert_true(calls[1] < calls[0]);
  assert_int_equal(calls[1], calls[2]);

  attempt_image = sl_scenario_image_new(&io);
  assert_non_null(attempt_image);
  size_t before = sl_alloc_in_use();
  for (int i = 0; i < 3; i++) {
    run_attempt(path, src, overdraft, sizeof overdraft, &res);
    assert_int_equal(res.outcome, SL_OUTCOME_EXCEPTION);
    sl_scenario_result_free(&res);
    assert_int_equal(sl_alloc_in_use(), before);
  }
  sl_scenario_image_free(attempt_image);
  attempt_image = NULL;
  sl_modfind_free(mf);
  free(src);
}

/* A program that grows what the image holds (its module's globals, the
 * asyncio module's dict, sys.argv) and objects of its own. */
static const char grows_image[] = "import asyncio\n"
                                  "import sys\n"
                                  "items = []\n"
                                  "async def worker(name, n):\n"
                                  "    for i in range(n):\n"
                                  "        items.append((name, i))\n"
                                  "        globals()[f'g_{name}_{i}'] = [i] * 3\n"
                                  "        await asyncio.sleep(0)\n"
                                  "    setattr(asyncio, f'a_{name}', {name: list(range(n))})\n"
                                  "    sys.argv.extend([name] * n)\n"
                                  "async def main():\n"
                                  "    await asyncio.gather(worker('a', 30), worker('b', 25))\n"
                                  "    assert len(items) == 55\n"
                                  "asyncio.run(main())\n";

/* A run from an image visits at teardown only its own objects and the
 * image's that have a release (core/rt.h sl_rt_mark_image): what the
 * run grew the image's dicts and lists into is still freed, or kept for
 * the next run, each run (the bytes in use are back where they were). */
static void test_image_runs_release(void **state) {
  (void)state;
  const char *path = "grows_image.py";
  sl_modfind *mf = sl_modfind_new(path, NULL, 0);
  assert_non_null(mf);
  sl_scenario_opts io;
  memset(&io, 0, sizeof io);
  io.path = path;
  io.source = grows_image;
  io.source_len = strlen(grows_image);
  io.modfind = mf;
  attempt_image = sl_scenario_image_new(&io);
  assert_non_null(attempt_image);
  sl_scenario_result res;
  size_t before = 0;
  for (int i = 0; i < 4; i++) {
    run_attempt(path, grows_image, some_delays, sizeof some_delays, &res);
    if (res.outcome != SL_OUTCOME_OK) print_message("%s", sl_strbuf_cstr(&res.detail));
    assert_int_equal(res.outcome, SL_OUTCOME_OK);
    sl_scenario_result_free(&res);
    /* The first run fills the pool the later ones reuse. */
    if (i == 0) before = sl_alloc_in_use();
    assert_int_equal(sl_alloc_in_use(), before);
  }
  sl_scenario_image_free(attempt_image);
  attempt_image = NULL;
  sl_modfind_free(mf);
}

/* A restore puts back every byte a run wrote, on pages written before
 * and on pages written for the first time (core/alloc.c: after sealing,
 * a page is copied back only once a write to it has faulted). */
static void test_image_restore_written_pages(void **state) {
  (void)state;
  enum { NBLOCKS = 48, BLOCK = 1000 };
  sl_image *im = sl_image_new();
  assert_non_null(im);
  unsigned char *b[NBLOCKS];
  sl_image_record(im, true);
  for (int i = 0; i < NBLOCKS; i++) {
    b[i] = sl_malloc(BLOCK);
    assert_non_null(b[i]);
    memset(b[i], i + 1, BLOCK);
  }
  sl_image_record(im, false);
  assert_int_equal(sl_image_seal(im), 0);
  static const int writes[][3] = {{3, 30, -1}, {3, 41, 7}, {0, 47, 30}, {-1, -1, -1}};
  for (int r = 0; r < 4; r++) {
    sl_image_restore(im);
    for (int i = 0; i < NBLOCKS; i++)
      for (int k = 0; k < BLOCK; k += 97) assert_int_equal(b[i][k], i + 1);
    for (int w = 0; w < 3; w++)
      if (writes[r][w] >= 0) memset(b[writes[r][w]], 0xee, BLOCK);
    if (writes[r][0] >= 0) assert_int_equal(b[writes[r][0]][BLOCK - 1], 0xee);
  }
  sl_image_free(im);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gather),
      cmocka_unit_test(test_locks),
      cmocka_unit_test(test_sleep),
      cmocka_unit_test(test_queues),
      cmocka_unit_test(test_taskgroup_failure),
      cmocka_unit_test(test_timeouts),
      cmocka_unit_test(test_traceback),
      cmocka_unit_test(test_deadlock),
      cmocka_unit_test(test_compile_error),
      cmocka_unit_test(test_bank_assertion),
      cmocka_unit_test(test_generated),
      cmocka_unit_test(test_generators),
      cmocka_unit_test(test_bigint),
      cmocka_unit_test(test_class_change),
      cmocka_unit_test(test_fast_paths),
      cmocka_unit_test(test_image_bank),
      cmocka_unit_test(test_image_gather),
      cmocka_unit_test(test_image_runs_reuse),
      cmocka_unit_test(test_image_runs_release),
      cmocka_unit_test(test_image_restore_written_pages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
