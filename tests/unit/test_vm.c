/* Unit tests of the compiler and VM (core/lang/compile*.c, vm*.c) through
 * sim/scenario.h: programs as strings in, output and outcome out. The
 * conformance-by-output suite (tests/scenarios) compares with CPython; these
 * pin the engine's own behaviour: diagnostics, tracebacks, deadlock
 * reports, budgets, and that every allocation failure ends a run cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/alloc.h"
#include "core/lang/parser.h"
#include "sim/scenario.h"

typedef struct run {
  sl_scenario_result res;
  sl_strbuf out;
} run;

static void run_src(run *r, const char *src, uint64_t max_steps) {
  memset(r, 0, sizeof *r);
  sl_scenario_opts o = {0};
  o.path = "t.py";
  o.source = src;
  o.source_len = strlen(src);
  o.profile = sl_profile_find("3.11.2");
  o.max_steps = max_steps;
  o.out_buf = &r->out;
  assert_int_equal(sl_scenario_run(&o, &r->res), 0);
}

static void run_free(run *r) {
  sl_scenario_result_free(&r->res);
  sl_strbuf_free(&r->out);
}

static const char *out(run *r) { return sl_strbuf_cstr(&r->out); }
static const char *detail(run *r) { return sl_strbuf_cstr(&r->res.detail); }

static void test_tasks_and_gather(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "async def w(n, d):\n"
          "    await asyncio.sleep(d)\n"
          "    print(n, asyncio.get_running_loop().time())\n"
          "    return n * 2\n"
          "async def main():\n"
          "    print(await asyncio.gather(w(1, 0.2), w(2, 0.1)))\n"
          "asyncio.run(main())\n",
          0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_OK);
  assert_string_equal(out(&r), "2 0.1\n1 0.2\n[2, 4]\n");
  run_free(&r);
}

static void test_closures_defaults_kwargs(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "def mk():\n"
          "    n = 0\n"
          "    def inc(k=1, *, by=1):\n"
          "        nonlocal n\n"
          "        n += k * by\n"
          "        return n\n"
          "    return inc\n"
          "async def main():\n"
          "    f = mk(); f(); f(2, by=3)\n"
          "    print(f(), [g(1) for g in [lambda x, i=i: x + i for i in range(3)]])\n"
          "asyncio.run(main())\n",
          0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_OK);
  assert_string_equal(out(&r), "8 [1, 2, 3]\n");
  run_free(&r);
}

static void test_lambda_arity_message(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "async def main():\n"
          "    f = lambda x: x\n"
          "    try:\n"
          "        f(1, 2)\n"
          "    except TypeError as e:\n"
          "        print(e)\n"
          "asyncio.run(main())\n",
          0);
  assert_string_equal(out(&r),
                      "main.<locals>.<lambda>() takes 1 positional argument but 2 were given\n");
  run_free(&r);
}

static void test_uncaught_traceback(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "def check(v):\n"
          "    raise ValueError(f'bad {v}')\n"
          "async def main():\n"
          "    try:\n"
          "        {}['k']\n"
          "    except KeyError:\n"
          "        check(3)\n"
          "asyncio.run(main())\n",
          0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_EXCEPTION);
  const char *d = detail(&r);
  assert_non_null(strstr(
      d, "KeyError: 'k'\n\nDuring handling of the above exception, another exception occurred:\n"));
  assert_non_null(strstr(d, "  File \"t.py\", line 9, in <module>\n    asyncio.run(main())\n"));
  assert_non_null(strstr(d, "  File \"t.py\", line 8, in main\n    check(3)\n"));
  assert_non_null(strstr(
      d,
      "  File \"t.py\", line 3, in check\n    raise ValueError(f'bad {v}')\nValueError: bad 3\n"));
  assert_string_equal(sl_strbuf_cstr(&r.res.summary), "ValueError: bad 3");
  run_free(&r);
}

static void test_unsupported_import(void **state) {
  run r;
  run_src(&r, "import asyncio\n\nimport sqlite3\n", 0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_ERROR);
  assert_non_null(strstr(detail(&r), "t.py:3:"));
  assert_non_null(strstr(detail(&r), "module 'sqlite3' is not supported by simloop"));
  assert_non_null(strstr(detail(&r), "import sqlite3"));
  run_free(&r);
}

/* __getattribute__ on a class deriving from a built-in or asyncio class is
 * refused when the class is made: its instances' lookups never ask for it. */
static void test_unsupported_getattribute_on_engine_class(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "class L(asyncio.Lock):\n"
          "    def __getattribute__(self, name):\n"
          "        return 1\n",
          0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_EXCEPTION);
  assert_non_null(strstr(detail(&r), "  File \"t.py\", line 2, in <module>\n"));
  assert_non_null(strstr(detail(&r), "TypeError: simloop: __getattribute__ in class L, which "
                                     "derives from a built-in or asyncio class, is not supported"));
  run_free(&r);
}

/* The same run from a tree parsed whole and compiled after (o.module):
 * the path explore took before it compiled into an image. */
static void run_tree(run *r, const char *src) {
  memset(r, 0, sizeof *r);
  sl_diag d;
  sl_ast_module *m = sl_parse("t.py", src, strlen(src), &d);
  sl_scenario_opts o = {0};
  o.path = "t.py";
  o.source = src;
  o.source_len = strlen(src);
  o.module = m;
  o.profile = sl_profile_find("3.11.2");
  o.out_buf = &r->out;
  assert_int_equal(sl_scenario_run(&o, &r->res), 0);
  sl_ast_free(m);
}

/* Compiling each top-level statement as it is parsed (sl_vm_compile_source)
 * reports what resolving the whole tree first reported: a syntax error
 * anywhere, else the first scope error, else the first code generation
 * error, whatever the statements' order. */
static void test_stream_error_order(void **state) {
  static const struct {
    const char *src, *want;
  } cases[] = {
      {"from os import *\ny = 1\n", "t.py:1:16: error: 'from os import *' is not supported"},
      {"from os import *\ndef f():\n    nonlocal q\n", "no binding for nonlocal 'q' found"},
      {"from os import *\nnonlocal y\n", "t.py:2:1: error: nonlocal declaration not allowed"},
      {"from os import *\ny = 1\ndef f(:\n", "t.py:3:"},
      {"x = 1\ndef f():\n    nonlocal q\nfrom os import *\n", "no binding for nonlocal 'q' found"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    run a, b;
    run_src(&a, cases[i].src, 0);
    run_tree(&b, cases[i].src);
    assert_int_equal(a.res.outcome, SL_OUTCOME_ERROR);
    if (!strstr(detail(&a), cases[i].want)) fail_msg("case %zu: %s", i, detail(&a));
    assert_string_equal(detail(&a), detail(&b));
    run_free(&a);
    run_free(&b);
  }
}

/* Module-level names from statements whose trees are gone (dotted
 * imports, names made by the compiler) still resolve. */
static void test_stream_module_names(void **state) {
  const char *src =
      "import asyncio.events\n"
      "from asyncio import sleep as zz\n"
      "class K:\n"
      "    'doc'\n"
      "    def f(self):\n"
      "        return asyncio.events.__name__\n"
      "def g(*a, **k):\n"
      "    return len(a) + len(k)\n"
      "print(K().f(), zz.__name__, K.__doc__, g(1, 2, x=3), [i * 2 for i in range(3)])\n";
  run a, b;
  run_src(&a, src, 0);
  run_tree(&b, src);
  assert_int_equal(a.res.outcome, SL_OUTCOME_OK);
  assert_string_equal(out(&a), out(&b));
  assert_string_equal(out(&a), "asyncio.events sleep doc 3 [0, 2, 4]\n");
  run_free(&a);
  run_free(&b);
}

static void test_deadlock_report(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "async def main():\n"
          "    fut = asyncio.get_running_loop().create_future()\n"
          "    await fut\n"
          "asyncio.run(main())\n",
          0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_DEADLOCK);
  assert_non_null(strstr(detail(&r), "task 'Task-1' (main"));
  assert_non_null(strstr(detail(&r), "waits for Future"));
  assert_non_null(strstr(detail(&r), "t.py:4 in main"));
  run_free(&r);
}

static void test_step_budget(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "async def main():\n"
          "    while True:\n"
          "        await asyncio.sleep(0)\n"
          "asyncio.run(main())\n",
          50);
  assert_int_equal(r.res.outcome, SL_OUTCOME_BUDGET);
  assert_int_equal(r.res.steps, 50);
  run_free(&r);
}

static void test_loop_budget(void **state) {
  run r;
  memset(&r, 0, sizeof r);
  const char *src =
      "import asyncio\nasync def main():\n    while True:\n        pass\nasyncio.run(main())\n";
  sl_scenario_opts o = {0};
  o.path = "t.py";
  o.source = src;
  o.source_len = strlen(src);
  o.max_steps = 10;
  o.max_iterations = 100000; /* within one step */
  assert_int_equal(sl_scenario_run(&o, &r.res), 0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_BUDGET);
  assert_non_null(strstr(detail(&r), "loop-iteration budget of 100000 iterations in one step"));
  assert_non_null(strstr(detail(&r), "(--max-iterations)"));
  run_free(&r);
}

static void test_recursion_limit(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "def f(n):\n"
          "    return f(n + 1)\n"
          "async def main():\n"
          "    try:\n"
          "        f(0)\n"
          "    except RecursionError as e:\n"
          "        print(e)\n"
          "asyncio.run(main())\n",
          0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_OK);
  assert_string_equal(out(&r), "maximum recursion depth exceeded\n");
  run_free(&r);
}

static void test_cancel_message(void **state) {
  run r;
  run_src(&r,
          "import asyncio\n"
          "async def child():\n"
          "    try:\n"
          "        await asyncio.sleep(5)\n"
          "    except asyncio.CancelledError as e:\n"
          "        print('child', e.args)\n"
          "        raise\n"
          "async def main():\n"
          "    t = asyncio.create_task(child())\n"
          "    await asyncio.sleep(1)\n"
          "    t.cancel('enough')\n"
          "    try:\n"
          "        await t\n"
          "    except asyncio.CancelledError:\n"
          "        print('main', t.cancelled())\n"
          "asyncio.run(main())\n",
          0);
  assert_int_equal(r.res.outcome, SL_OUTCOME_OK);
  assert_string_equal(out(&r), "child ('enough',)\nmain True\n");
  run_free(&r);
}

/* Fails allocation 1, 2, 3, ... until the program runs to the end: every
 * run must end as ok or nomem (ASan checks that nothing leaks). */
static void test_oom_sweep(void **state) {
  const char *src =
      "import asyncio\n"
      "class E(Exception):\n"
      "    def __init__(self, m):\n"
      "        super().__init__(m)\n"
      "async def w(i):\n"
      "    await asyncio.sleep(0.1 * i)\n"
      "    if i == 2:\n"
      "        raise E(f'w{i}')\n"
      "    return [x * i for x in range(3)]\n"
      "async def main():\n"
      "    r = await asyncio.gather(*(w(i) for i in range(4)), return_exceptions=True)\n"
      "    try:\n"
      "        raise ValueError('x')\n"
      "    except ValueError as e:\n"
      "        print(r, repr(e))\n"
      "asyncio.run(main())\n";
  for (unsigned long k = 1; k < 100000; k++) {
    sl_alloc_fail_after(k);
    run r;
    run_src(&r, src, 0);
    unsigned long attempted = sl_alloc_fail_after(0);
    sl_outcome o = r.res.outcome;
    if (o != SL_OUTCOME_OK && o != SL_OUTCOME_NOMEM) {
      print_message("allocation %lu: outcome %s: %s\n", k, sl_outcome_name(o), detail(&r));
      fail();
    }
    run_free(&r);
    if (attempted < k) {
      assert_int_equal(o, SL_OUTCOME_OK);
      assert_true(k > 100); /* the program does allocate: the sweep ran */
      print_message("out-of-memory sweep: %lu allocation points, all clean\n", k - 1);
      return;
    }
  }
  fail_msg("the sweep did not finish");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tasks_and_gather),
      cmocka_unit_test(test_closures_defaults_kwargs),
      cmocka_unit_test(test_lambda_arity_message),
      cmocka_unit_test(test_uncaught_traceback),
      cmocka_unit_test(test_unsupported_import),
      cmocka_unit_test(test_unsupported_getattribute_on_engine_class),
      cmocka_unit_test(test_stream_error_order),
      cmocka_unit_test(test_stream_module_names),
      cmocka_unit_test(test_deadlock_report),
      cmocka_unit_test(test_step_budget),
      cmocka_unit_test(test_loop_budget),
      cmocka_unit_test(test_recursion_limit),
      cmocka_unit_test(test_cancel_message),
      cmocka_unit_test(test_oom_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
