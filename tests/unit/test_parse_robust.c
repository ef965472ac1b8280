/* Robustness of the parser against damaged input, and its out-of-memory
 * paths. Valid scenario-like programs are mutated thousands of times with a
 * fixed-seed PRNG (truncation at every byte, byte flips, token deletion and
 * duplication, indentation damage); every parse must return either an AST
 * or a diagnostic whose position lies inside the file, and must release
 * every allocation it made (counted through sl_set_allocator). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/lang/lexer.h"
#include "core/lang/parser.h"

static const char *const seeds[] = {
    "import asyncio\n\nbalance = 100\n\nasync def withdraw(name, amount):\n"
    "    global balance\n    if balance >= amount:\n        await asyncio.sleep(0.01)\n"
    "        balance -= amount\n        print(f\"{name} withdrew {amount}, balance {balance}\")\n"
    "    assert balance >= 0, f\"overdraft: {balance}\"\n\nasync def main():\n"
    "    await asyncio.gather(withdraw(\"a\", 80), withdraw(\"b\", 50))\n\n"
    "asyncio.run(main())\n",

    "from asyncio import Queue, sleep as nap\n\nclass Stop(Exception):\n"
    "    \"\"\"Raised to stop.\"\"\"\n    code = 3\n    def __init__(self, why, *, at=0):\n"
    "        super().__init__(why)\n        self.at = at\n\n"
    "async def worker(q: Queue, n: int = 2) -> None:\n    while True:\n"
    "        item = await q.get()\n        try:\n            if item is None:\n"
    "                break\n            await nap(item / 10)\n        except (ValueError, Stop) as "
    "e:\n"
    "            print(repr(e), e.args)\n        else:\n            print('ok', item)\n"
    "        finally:\n            q.task_done()\n",

    "import asyncio\n\nasync def main():\n    async with asyncio.TaskGroup() as tg:\n"
    "        tasks = [tg.create_task(asyncio.sleep(i, result=i)) for i in range(3)]\n"
    "    print(sorted(t.result() for t in tasks), {k: v for k, v in enumerate('ab')})\n"
    "    try:\n        async with asyncio.timeout(0.5):\n            await asyncio.sleep(1)\n"
    "    except TimeoutError:\n        print('timeout')\n\nasyncio.run(main())\n",

    "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n"
    "    else:\n        pass\n    return a\n\nx = [fib(i) ** 2 % 7 for i in range(10) if i & 1]\n"
    "y = {1, 2, *x}\nz = (1,)\nw = x[1:-1:2], x[::], x[0]\nprint(x, y, z, w, sep='; ')\n",

    "import asyncio\nlock = asyncio.Lock()\ncounter = 0\n\nasync def incr(i):\n"
    "    global counter\n    async with lock:\n        tmp = counter\n"
    "        await asyncio.sleep(0)\n        counter = tmp + 1\n\nasync def main():\n"
    "    await asyncio.gather(*(incr(i) for i in range(5)))\n    print(counter)\n"
    "asyncio.run(main())\n",

    "def outer():\n    total = 0\n    def add(v=1, /, *args, scale=1, **kw):\n"
    "        nonlocal total\n        total += v * scale + sum(args) + len(kw)\n"
    "        return total\n    f = lambda a, b=2: add(a, b, scale=b)\n    return f\n\n"
    "g = outer()\nprint(g(1), g(2, 3) if g else None, not g, -g(0) // 2)\n"
    "del g\nassert True, 'never'\n",

    "async def producer(q):\n    for i in range(3):\n        await q.put(i)\n"
    "        print(f'put {i!r:>4} {i:0{2}d} {{literal}}')\n    await q.put(None)\n\n"
    "async def consumer(q):\n    while (item := await q.get()) is not None:\n"
    "        print('got', item, end='\\n\\t')\n    return 'done'\n",

    "try:\n    raise ValueError('x') from None\nexcept* ValueError as eg:\n"
    "    print(eg.exceptions)\nexcept* TypeError:\n    pass\n\n"
    "s = 'a' \"b\" r'\\d' '''tri\nple'''\nb = b'\\x00\\xff' rb'\\n'\n"
    "n = 0xFF + 0o7 + 0b1 + 1_000 + 1.5e-3 + .5 + 1.\nok = 1 < n <= 2 != 3 in [n] not in []\n",

    "import asyncio\n\nasync def main():\n    loop = asyncio.get_running_loop()\n"
    "    fut = loop.create_future()\n    loop.call_later(0.1, fut.set_result, 42)\n"
    "    h = loop.call_soon(print, 'soon')\n    print(await fut, loop.time(), h.cancelled())\n"
    "    ev = asyncio.Event()\n    async def waiter():\n        await ev.wait()\n"
    "        return [x for x in (1, 2) if x > 1][0]\n    t = asyncio.create_task(waiter())\n"
    "    ev.set()\n    print(await t)\n\nasyncio.run(main())\n",

    "class Account:\n    rate: float = 0.5\n    def __init__(self, owner, balance=0):\n"
    "        self.owner = owner\n        self.balance = balance\n"
    "    def deposit(self, amount):\n        if amount <= 0:\n"
    "            raise ValueError(f'bad amount {amount}')\n        elif amount > 10:\n"
    "            amount = 10\n        self.balance += amount\n        return self\n\n"
    "acc = Account('ann')\nacc.deposit(5).deposit(20)\nprint(acc.balance, acc.owner.upper())\n",
};

#define N_SEEDS (sizeof seeds / sizeof seeds[0])

/* ---- a counting allocator ------------------------------------------------------ */

static long live;

static void *count_malloc(void *ctx, size_t n) {
  (void)ctx;
  void *p = malloc(n);
  if (p) live++;
  return p;
}

static void *count_realloc(void *ctx, void *p, size_t n) {
  (void)ctx;
  void *q = realloc(p, n);
  if (q && !p) live++;
  return q;
}

static void count_free(void *ctx, void *p) {
  (void)ctx;
  if (p) live--;
  free(p);
}

static const sl_allocator counting = {count_malloc, count_realloc, count_free, NULL};

/* ---- a fixed-seed PRNG (xorshift64*) --------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next_rand(void) {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 2685821657736338717u;
}

static size_t rand_below(size_t n) { return n ? (size_t)(next_rand() % n) : 0; }

/* ---- the check ------------------------------------------------------------------ */

static unsigned long n_parsed, n_ok, n_err;

/* Parses src[0..len) and checks the outcome's sanity; returns true if an
 * AST came back. */
static bool check_parse(const char *src, size_t len) {
  sl_diag d;
  long before = live;
  sl_ast_module *m = sl_parse("fuzz.py", src, len, &d);
  n_parsed++;
  if (m) {
    sl_strbuf b = SL_STRBUF_INIT;
    sl_ast_dump(m, &b); /* walks the whole tree */
    sl_strbuf_free(&b);
    sl_ast_free(m);
    n_ok++;
  } else {
    n_err++;
    assert_int_not_equal(d.kind, SL_DIAG_NONE);
    assert_int_not_equal(d.kind, SL_DIAG_NOMEM);
    assert_true(d.message[0] != '\0');
    uint32_t lines = 1;
    for (size_t i = 0; i < len; i++)
      if (src[i] == '\n' || (src[i] == '\r' && (i + 1 >= len || src[i + 1] != '\n'))) lines++;
    if (d.line < 1 || d.line > lines || d.col < 1 || d.col > len + 1) {
      print_error("bad position %u:%u (%u lines, %zu bytes) for: %s\n", (unsigned)d.line,
                  (unsigned)d.col, (unsigned)lines, len, d.message);
      fail();
    }
    sl_strbuf b = SL_STRBUF_INIT;
    sl_diag_format(&d, &b);
    assert_false(b.failed);
    sl_strbuf_free(&b);
  }
  assert_int_equal(live, before); /* nothing leaked, on either path */
  return m != NULL;
}

static int setup(void **state) {
  (void)state;
  sl_set_allocator(&counting);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  sl_set_allocator(NULL);
  return 0;
}

static void test_seeds_parse(void **state) {
  (void)state;
  for (size_t i = 0; i < N_SEEDS; i++) {
    sl_diag d;
    sl_ast_module *m = sl_parse("seed.py", seeds[i], strlen(seeds[i]), &d);
    if (!m) print_error("seed %zu: %u:%u: %s\n", i, (unsigned)d.line, (unsigned)d.col, d.message);
    assert_non_null(m);
    sl_ast_free(m);
  }
}

static void test_truncation(void **state) {
  (void)state;
  for (size_t i = 0; i < N_SEEDS; i++) {
    size_t len = strlen(seeds[i]);
    /* A copy of exactly k bytes, so reading past the end is caught. */
    for (size_t k = 0; k <= len; k++) {
      char *buf = malloc(k ? k : 1);
      memcpy(buf, seeds[i], k);
      check_parse(buf, k);
      free(buf);
    }
  }
}

static void test_byte_flips(void **state) {
  (void)state;
  static const char interesting[] = "\0\n\r\t \\'\"{}()[]:#=*@.,;\x80\xc3\xff";
  for (int iter = 0; iter < 4000; iter++) {
    const char *seed = seeds[rand_below(N_SEEDS)];
    size_t len = strlen(seed);
    char *buf = malloc(len);
    memcpy(buf, seed, len);
    int flips = 1 + (int)rand_below(3);
    for (int f = 0; f < flips; f++) {
      size_t at = rand_below(len);
      buf[at] =
          rand_below(2) ? (char)rand_below(256) : interesting[rand_below(sizeof interesting - 1)];
    }
    check_parse(buf, len);
    free(buf);
  }
}

/* Splits a seed into token spans with the lexer itself. */
static size_t token_spans(const char *src, size_t len, size_t (*spans)[2], size_t max) {
  sl_lexer lx;
  sl_token t;
  sl_diag d;
  size_t n = 0;
  sl_lexer_init(&lx, "s", src, len);
  while (n < max && sl_lexer_next(&lx, &t, &d) && t.kind != SL_TOK_ENDMARKER) {
    if (t.len == 0) continue;
    spans[n][0] = t.start;
    spans[n][1] = t.len;
    n++;
  }
  return n;
}

static void test_token_edits(void **state) {
  (void)state;
  static size_t spans[2048][2];
  for (int iter = 0; iter < 3000; iter++) {
    const char *seed = seeds[rand_below(N_SEEDS)];
    size_t len = strlen(seed);
    size_t n = token_spans(seed, len, spans, 2048);
    size_t k = rand_below(n);
    size_t s = spans[k][0], l = spans[k][1];
    char *buf = malloc(len + l + 1);
    size_t out;
    if (rand_below(2)) { /* delete token k */
      memcpy(buf, seed, s);
      memcpy(buf + s, seed + s + l, len - s - l);
      out = len - l;
    } else { /* duplicate token k */
      memcpy(buf, seed, s + l);
      memcpy(buf + s + l, seed + s, len - s);
      out = len + l;
    }
    check_parse(buf, out);
    free(buf);
  }
}

static void test_indentation_damage(void **state) {
  (void)state;
  for (int iter = 0; iter < 2000; iter++) {
    const char *seed = seeds[rand_below(N_SEEDS)];
    size_t len = strlen(seed);
    char *buf = malloc(len + 16);
    /* Pick a line start. */
    size_t starts[256], ns = 0;
    starts[ns++] = 0;
    for (size_t i = 0; i + 1 < len && ns < 256; i++)
      if (seed[i] == '\n') starts[ns++] = i + 1;
    size_t at = starts[rand_below(ns)];
    memcpy(buf, seed, at);
    size_t o = at, rest = at;
    switch (rand_below(4)) {
    case 0: /* add 1-4 spaces */
      for (size_t k = 1 + rand_below(4); k > 0; k--) buf[o++] = ' ';
      break;
    case 1: /* insert a tab */ buf[o++] = '\t'; break;
    case 2: /* remove up to 4 leading spaces */
      for (int k = 0; k < 4 && rest < len && seed[rest] == ' '; k++) rest++;
      break;
    default: /* replace the indentation by tabs */
      while (rest < len && seed[rest] == ' ') rest++;
      for (size_t k = (rest - at) / 4; k > 0; k--) buf[o++] = '\t';
      break;
    }
    memcpy(buf + o, seed + rest, len - rest);
    o += len - rest;
    check_parse(buf, o);
    free(buf);
  }
}

static void test_out_of_memory_sweep(void **state) {
  (void)state;
  const char *src = seeds[1];
  size_t len = strlen(src);
  unsigned long k;
  for (k = 1;; k++) {
    sl_diag d;
    long before = live;
    sl_alloc_fail_after(k);
    sl_ast_module *m = sl_parse("oom.py", src, len, &d);
    sl_alloc_fail_after(0);
    if (m) {
      sl_ast_free(m);
      assert_int_equal(live, before);
      break;
    }
    assert_int_equal(d.kind, SL_DIAG_NOMEM);
    assert_string_equal(d.message, "out of memory");
    assert_int_equal(live, before);
  }
  assert_true(k > 3);
  print_message("parse_robust: %lu parses (%lu ok, %lu errors), OOM sweep %lu steps\n", n_parsed,
                n_ok, n_err, k);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seeds_parse),        cmocka_unit_test(test_truncation),
      cmocka_unit_test(test_byte_flips),         cmocka_unit_test(test_token_edits),
      cmocka_unit_test(test_indentation_damage), cmocka_unit_test(test_out_of_memory_sweep),
  };
  return cmocka_run_group_tests_name("parse_robust", tests, setup, teardown);
}
