/* The program generator (see gen.h): fuzzer bytes or a seed in, a valid,
 * terminating asyncio scenario out.
 *
 * Why every program terminates (the argument the fuzzer relies on when it
 * aborts on a deadlock):
 *   - every wait on a Queue or an Event goes through wait_for with a finite
 *     timeout, and every sleep is finite;
 *   - a task holds at most one Lock or Semaphore at a time, and the body it
 *     runs while holding one never requests another, so no cycle of
 *     lock waits can form, and every body finishes in bounded time;
 *   - a worker awaits only leaf tasks it created itself (which only sleep),
 *     and main awaits the workers: the "awaits" relation has no cycle. */
#include "sim/gen.h"

#include <stdarg.h>
#include <stdbool.h>

#include "sim/schedule.h"

/* Bounds that keep a program small (fast to run, readable when printed). */
#define GEN_MAX_WORKERS 4
#define GEN_MAX_STMTS   32 /* statements over the whole program */
#define GEN_MAX_DEPTH   2  /* nested blocks inside a worker body */

typedef struct gen {
  const uint8_t *data; /* borrowed; NULL: use rng */
  size_t n, pos;
  sl_rng rng;
  sl_strbuf *out;
  unsigned stmts; /* statements emitted so far */
  unsigned label; /* numbers the print() lines so outputs are distinct */
  unsigned tmp;   /* numbers temporaries (t_3) */
} gen;

/* A choice among n options (n >= 1): from the next byte, modulo n, or 0
 * once the bytes are used up; or from the PRNG. */
static unsigned pick(gen *g, unsigned n) {
  if (n <= 1) return 0;
  if (!g->data) return (unsigned)sl_rng_below(&g->rng, n);
  if (g->pos >= g->n) return 0;
  return g->data[g->pos++] % n;
}

static void indent(gen *g, int depth) {
  for (int i = 0; i < depth; i++) sl_strbuf_puts(g->out, "    ");
}

/* Appends one line at `depth` levels of indentation. */
static void line(gen *g, int depth, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void line(gen *g, int depth, const char *fmt, ...) {
  indent(g, depth);
  va_list ap;
  va_start(ap, fmt);
  sl_strbuf_vprintf(g->out, fmt, ap);
  va_end(ap);
  sl_strbuf_putc(g->out, '\n');
}

/* Durations, written as Python literals. Option 0 is the one that ends
 * soonest, so a program from exhausted bytes is the shortest. Equal values
 * on purpose: timers with equal deadlines test the heap's tie order. */
static const char *const sleeps[] = {"0", "0.001", "0.002", "0.01", "0.05", "0.2", "1"};
static const char *const timeouts[] = {"0.01", "0", "0.001", "0.005", "0.05", "0.5"};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *a_sleep(gen *g) { return sleeps[pick(g, NELEM(sleeps))]; }
static const char *a_timeout(gen *g) { return timeouts[pick(g, NELEM(timeouts))]; }

/* The kinds of statement a worker body is made of. */
enum {
  ST_SLEEP,
  ST_PRINT,
  ST_LOCK, /* async with lock: body */
  ST_SEM,  /* async with sem: body */
  ST_PUT_NOWAIT,
  ST_GET, /* wait_for(q.get(), T) */
  ST_EVENT_SET,
  ST_EVENT_WAIT,
  ST_TIMEOUT, /* async with asyncio.timeout(T): body */
  ST_LEAF,    /* create_task(leaf(n)) and await it */
  ST_GATHER,  /* gather of leaves */
  ST_CATCH_CANCEL,
  ST_YIELD, /* sleep(0) */
  ST_PUT,   /* wait_for(q.put(x), T) */
  ST_SHIELD,
  ST_FINALLY,
  ST_BAD_LEAF, /* a leaf that raises KeyError, caught */
  ST__COUNT
};

static void body(gen *g, int w, int depth, int nest, bool in_lock);

/* One statement of worker `w` at `depth` (indentation) and `nest` (blocks
 * opened inside the worker). `in_lock`: a Lock or Semaphore is held, so
 * another must not be requested (see the file comment). */
static void stmt(gen *g, int w, int depth, int nest, bool in_lock) {
  g->stmts++;
  unsigned kind = pick(g, ST__COUNT);
  bool can_nest = nest < GEN_MAX_DEPTH && g->stmts < GEN_MAX_STMTS;
  if ((kind == ST_LOCK || kind == ST_SEM) && in_lock) kind = ST_YIELD;
  if ((kind == ST_LOCK || kind == ST_SEM || kind == ST_TIMEOUT || kind == ST_CATCH_CANCEL ||
       kind == ST_FINALLY) &&
      !can_nest)
    kind = ST_SLEEP;
  unsigned id = g->label++;
  switch (kind) {
  case ST_SLEEP: line(g, depth, "await asyncio.sleep(%s)", a_sleep(g)); break;
  case ST_PRINT:
    if (pick(g, 2))
      line(g, depth, "print(\"w%d\", %u, asyncio.get_running_loop().time())", w, id);
    else
      line(g, depth, "print(\"w%d\", %u)", w, id);
    break;
  case ST_LOCK:
  case ST_SEM:
    line(g, depth, "async with %s:", kind == ST_LOCK ? "lock" : "sem");
    line(g, depth + 1, "print(\"w%d\", %u, \"holds %s\")", w, id, kind == ST_LOCK ? "lock" : "sem");
    body(g, w, depth + 1, nest + 1, true);
    break;
  case ST_PUT_NOWAIT:
    line(g, depth, "try:");
    line(g, depth + 1, "q.put_nowait(%u)", id);
    line(g, depth, "except asyncio.QueueFull:");
    line(g, depth + 1, "print(\"w%d\", %u, \"full\")", w, id);
    break;
  case ST_GET:
    line(g, depth, "try:");
    line(g, depth + 1, "print(\"w%d\", %u, \"got\", await asyncio.wait_for(q.get(), %s))", w, id,
         a_timeout(g));
    line(g, depth, "except TimeoutError:");
    line(g, depth + 1, "print(\"w%d\", %u, \"get timed out\")", w, id);
    break;
  case ST_EVENT_SET: line(g, depth, "ev.%s()", pick(g, 3) ? "set" : "clear"); break;
  case ST_EVENT_WAIT:
    line(g, depth, "try:");
    line(g, depth + 1, "await asyncio.wait_for(ev.wait(), %s)", a_timeout(g));
    line(g, depth + 1, "print(\"w%d\", %u, \"event\")", w, id);
    line(g, depth, "except TimeoutError:");
    line(g, depth + 1, "print(\"w%d\", %u, \"no event\")", w, id);
    break;
  case ST_TIMEOUT:
    line(g, depth, "try:");
    line(g, depth + 1, "async with asyncio.timeout(%s):", a_timeout(g));
    body(g, w, depth + 2, nest + 1, in_lock);
    line(g, depth + 2, "print(\"w%d\", %u, \"in time\")", w, id);
    line(g, depth, "except TimeoutError:");
    line(g, depth + 1, "print(\"w%d\", %u, \"timed out\")", w, id);
    break;
  case ST_LEAF: {
    unsigned t = g->tmp++;
    line(g, depth, "t_%u = asyncio.create_task(leaf(%u))", t, pick(g, 5));
    line(g, depth, "print(\"w%d\", %u, \"leaf\", await t_%u)", w, id, t);
    break;
  }
  case ST_GATHER:
    line(g, depth, "print(\"w%d\", %u, await asyncio.gather(leaf(%u), leaf(%u)))", w, id,
         pick(g, 5), pick(g, 5));
    break;
  case ST_CATCH_CANCEL: {
    /* Re-raised most of the time; swallowing a cancellation is legal
     * (and a classic bug), and the task still ends. */
    bool reraise = pick(g, 4) != 1;
    line(g, depth, "try:");
    body(g, w, depth + 1, nest + 1, in_lock);
    line(g, depth, "except asyncio.CancelledError:");
    line(g, depth + 1, "print(\"w%d\", %u, \"cancelled\")", w, id);
    if (reraise) line(g, depth + 1, "raise");
    break;
  }
  case ST_YIELD: line(g, depth, "await asyncio.sleep(0)"); break;
  case ST_PUT:
    line(g, depth, "try:");
    line(g, depth + 1, "await asyncio.wait_for(q.put(%u), %s)", id, a_timeout(g));
    line(g, depth, "except TimeoutError:");
    line(g, depth + 1, "print(\"w%d\", %u, \"put timed out\")", w, id);
    break;
  case ST_SHIELD:
    line(g, depth, "print(\"w%d\", %u, await asyncio.shield(leaf(%u)))", w, id, pick(g, 5));
    break;
  case ST_FINALLY:
    line(g, depth, "try:");
    body(g, w, depth + 1, nest + 1, in_lock);
    line(g, depth, "finally:");
    line(g, depth + 1, "print(\"w%d\", %u, \"finally\")", w, id);
    break;
  case ST_BAD_LEAF:
    line(g, depth, "try:");
    line(g, depth + 1, "await bad_leaf(%u)", pick(g, 5));
    line(g, depth, "except KeyError as e:");
    line(g, depth + 1, "print(\"w%d\", %u, \"caught\", repr(e))", w, id);
    break;
  }
}

/* A block of 1..4 statements at the top of a worker, 1..2 nested. */
static void body(gen *g, int w, int depth, int nest, bool in_lock) {
  unsigned n = 1 + pick(g, nest ? 2 : 4);
  for (unsigned i = 0; i < n; i++) {
    if (i && g->stmts >= GEN_MAX_STMTS) break;
    stmt(g, w, depth, nest, in_lock);
  }
}

/* main's cancellations: 0..2 times "sleep, then cancel worker k". */
static void cancels(gen *g, int depth, unsigned nworkers) {
  unsigned n = pick(g, 3);
  for (unsigned i = 0; i < n; i++) {
    line(g, depth, "await asyncio.sleep(%s)", a_sleep(g));
    line(g, depth, "t%u.cancel()", pick(g, nworkers));
  }
}

/* "t0, t1, t2" */
static void task_list(gen *g, unsigned nworkers) {
  for (unsigned i = 0; i < nworkers; i++) sl_strbuf_printf(g->out, "%st%u", i ? ", " : "", i);
}

static void create_tasks(gen *g, int depth, unsigned nworkers, const char *creator) {
  for (unsigned i = 0; i < nworkers; i++)
    line(g, depth, "t%u = %s(w%u(lock, sem, ev, q))", i, creator, i);
}

static void generate(gen *g) {
  unsigned nworkers = 1 + pick(g, GEN_MAX_WORKERS);
  line(g, 0, "# Generated by simloop gen (sim/gen.c): terminates under every schedule.");
  line(g, 0, "import asyncio");
  line(g, 0, "%s", "");
  line(g, 0, "%s", "");
  line(g, 0, "async def leaf(n):");
  line(g, 1, "await asyncio.sleep(n / 1000)");
  line(g, 1, "return n");
  line(g, 0, "%s", "");
  line(g, 0, "%s", "");
  line(g, 0, "async def bad_leaf(n):");
  line(g, 1, "await asyncio.sleep(n / 1000)");
  line(g, 1, "raise KeyError(n)");
  for (unsigned w = 0; w < nworkers; w++) {
    line(g, 0, "%s", "");
    line(g, 0, "%s", "");
    line(g, 0, "async def w%u(lock, sem, ev, q):", w);
    body(g, (int)w, 1, 0, false);
    if (pick(g, 5) == 1)
      line(g, 1, "raise ValueError(\"w%u\")", w);
    else
      line(g, 1, "return %u", w);
  }
  line(g, 0, "%s", "");
  line(g, 0, "%s", "");
  line(g, 0, "async def main():");
  line(g, 1, "lock = asyncio.Lock()");
  line(g, 1, "sem = asyncio.Semaphore(%u)", 1 + pick(g, 2));
  line(g, 1, "ev = asyncio.Event()");
  line(g, 1, "q = asyncio.Queue(%u)", pick(g, 3) * 2);
  switch (pick(g, 5)) {
  case 0: /* gather, exceptions as results */
    create_tasks(g, 1, nworkers, "asyncio.create_task");
    cancels(g, 1, nworkers);
    indent(g, 1);
    sl_strbuf_puts(g->out, "print(\"results\", await asyncio.gather(");
    task_list(g, nworkers);
    sl_strbuf_puts(g->out, ", return_exceptions=True))\n");
    break;
  case 1: /* a TaskGroup: the first failure cancels the rest */
    line(g, 1, "try:");
    line(g, 2, "async with asyncio.TaskGroup() as tg:");
    create_tasks(g, 3, nworkers, "tg.create_task");
    cancels(g, 3, nworkers);
    line(g, 2, "print(\"group ok\")");
    line(g, 1, "except* Exception as eg:");
    line(g, 2, "print(\"group failed\", [repr(e) for e in eg.exceptions])");
    break;
  case 2: /* one by one */
    create_tasks(g, 1, nworkers, "asyncio.create_task");
    cancels(g, 1, nworkers);
    indent(g, 1);
    sl_strbuf_puts(g->out, "for t in [");
    task_list(g, nworkers);
    sl_strbuf_puts(g->out, "]:\n");
    line(g, 2, "try:");
    line(g, 3, "print(\"got\", await t)");
    line(g, 2, "except (Exception, asyncio.CancelledError) as e:");
    line(g, 3, "print(\"caught\", repr(e))");
    break;
  case 3: /* wait with a timeout, cancel what is left (in creation order:
             iterating the pending set would follow hash order) */
    create_tasks(g, 1, nworkers, "asyncio.create_task");
    cancels(g, 1, nworkers);
    indent(g, 1);
    sl_strbuf_puts(g->out, "done, pending = await asyncio.wait([");
    task_list(g, nworkers);
    sl_strbuf_printf(g->out, "], timeout=%s)\n", a_timeout(g));
    line(g, 1, "print(\"wait\", len(done), len(pending))");
    indent(g, 1);
    sl_strbuf_puts(g->out, "for t in [");
    task_list(g, nworkers);
    sl_strbuf_puts(g->out, "]:\n");
    line(g, 2, "if not t.done():");
    line(g, 3, "t.cancel()");
    indent(g, 1);
    sl_strbuf_puts(g->out, "print(\"results\", await asyncio.gather(");
    task_list(g, nworkers);
    sl_strbuf_puts(g->out, ", return_exceptions=True))\n");
    break;
  default: /* wait_for on the first, then gather everything */
    create_tasks(g, 1, nworkers, "asyncio.create_task");
    cancels(g, 1, nworkers);
    line(g, 1, "try:");
    line(g, 2, "print(\"first\", await asyncio.wait_for(t0, %s))", a_timeout(g));
    line(g, 1, "except (Exception, asyncio.CancelledError) as e:");
    line(g, 2, "print(\"first failed\", repr(e))");
    indent(g, 1);
    sl_strbuf_puts(g->out, "print(\"results\", await asyncio.gather(");
    task_list(g, nworkers);
    sl_strbuf_puts(g->out, ", return_exceptions=True))\n");
    break;
  }
  line(g, 1, "print(\"main done\", q.qsize(), ev.is_set(), lock.locked())");
  line(g, 0, "%s", "");
  line(g, 0, "%s", "");
  line(g, 0, "asyncio.run(main())");
}

sl_errcode sl_gen_from_bytes(const uint8_t *data, size_t n, size_t *used, sl_strbuf *out) {
  gen g = {0};
  g.data = data ? data : (const uint8_t *)"";
  g.n = data ? n : 0;
  g.out = out;
  generate(&g);
  if (used) *used = g.pos;
  return out->failed ? SL_ENOMEM : SL_EOK;
}

sl_errcode sl_gen_from_seed(uint64_t seed, sl_strbuf *out) {
  gen g = {0};
  sl_rng_seed(&g.rng, seed);
  g.out = out;
  generate(&g);
  return out->failed ? SL_ENOMEM : SL_EOK;
}
