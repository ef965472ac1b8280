/* fuzz_program: the input bytes drive the program generator (sim/gen.h),
 * which builds a valid asyncio scenario that ends under every schedule;
 * the bytes it leaves unused are that run's decision stream (as in
 * fuzz_schedule). The engine's invariants must hold:
 *   - no crash, no sanitizer report, no leak (the run is torn down);
 *   - the program compiles: a compile error is a generator bug;
 *   - the run ends as ok, exception or budget (the caps below): a deadlock
 *     cannot happen in a generated program (see sim/gen.c), and "nomem"
 *     cannot either, since nothing fails allocations here;
 *   - determinism: the same bytes run twice give the same outcome, steps,
 *     virtual time and output.
 * A violation prints the program and aborts. `simloop gen --seed N` prints
 * the programs of the same generator for differential runs (docs/fuzzing.md).
 *
 * Each input builds fresh runs and tears them down; nothing is kept
 * between inputs. Exports only LLVMFuzzerTestOneInput. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "sim/gen.h"
#include "sim/scenario.h"
#include "sim/schedule.h"

#define MAX_INPUT 4096
#define MAX_STEPS 50000
#define MAX_TIME  3600.0 /* virtual seconds */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One run of `prog` under the decision bytes; output into *out. */
static void run_once(const sl_strbuf *prog, const uint8_t *bytes, size_t n, sl_strbuf *out,
                     sl_scenario_result *res) {
  sl_schedule sched;
  sl_schedule_init_bytes(&sched, bytes, n);
  sched.max_time = MAX_TIME;
  sl_decider dec = sl_schedule_decider(&sched);
  sl_scenario_opts o;
  memset(&o, 0, sizeof o);
  o.path = "gen.py";
  o.source = prog->data;
  o.source_len = prog->len;
  o.decider = &dec;
  o.max_steps = MAX_STEPS;
  o.out_buf = out;
  sl_scenario_run(&o, res);
  sl_schedule_free(&sched);
}

static void fail(const char *what, const sl_strbuf *prog, const sl_scenario_result *res) {
  fprintf(stderr, "fuzz_program: %s (outcome %s)\n%s\n--- program ---\n%.*s", what,
          sl_outcome_name(res->outcome), res->detail.len ? res->detail.data : "", (int)prog->len,
          prog->data);
  abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > MAX_INPUT) return -1;
  sl_strbuf prog = SL_STRBUF_INIT;
  size_t used = 0;
  if (sl_gen_from_bytes(data, size, &used, &prog) != SL_EOK) {
    sl_strbuf_free(&prog);
    return 0;
  }
  sl_strbuf out1 = SL_STRBUF_INIT, out2 = SL_STRBUF_INIT;
  sl_scenario_result r1, r2;
  run_once(&prog, data + used, size - used, &out1, &r1);
  switch (r1.outcome) {
  case SL_OUTCOME_OK:
  case SL_OUTCOME_EXCEPTION:
  case SL_OUTCOME_BUDGET: break;
  case SL_OUTCOME_ERROR:
    fail("a generated program does not compile (generator bug)", &prog, &r1);
    break;
  case SL_OUTCOME_DEADLOCK: fail("a generated program deadlocked", &prog, &r1); break;
  default: fail("unexpected outcome", &prog, &r1);
  }
  run_once(&prog, data + used, size - used, &out2, &r2);
  if (r1.outcome != r2.outcome || r1.steps != r2.steps || r1.time != r2.time ||
      out1.len != out2.len || (out1.len && memcmp(out1.data, out2.data, out1.len)) ||
      r1.detail.len != r2.detail.len ||
      (r1.detail.len && memcmp(r1.detail.data, r2.detail.data, r1.detail.len)))
    fail("two runs of the same input differ (nondeterminism)", &prog, &r2);
  sl_scenario_result_free(&r1);
  sl_scenario_result_free(&r2);
  sl_strbuf_free(&out1);
  sl_strbuf_free(&out2);
  sl_strbuf_free(&prog);
  return 0;
}
