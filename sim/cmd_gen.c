/* `simloop gen --seed N [-o FILE]`: prints generated program number N as
 * Python (sim/gen.h), the same program fuzz_program builds from bytes,
 * for differential runs against the oracle (docs/fuzzing.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/gen.h"
#include "sim/schedopts.h"
#include "sim/outfile.h"
#include "sim/schedule.h"
#include "sim/tracearg.h"

typedef struct gen_args {
  const char *seed, *out;
} gen_args;

static int on_opt(void *ctx, int id, const char *v) {
  gen_args *a = ctx;
  if (id == SL_OPT_SEED)
    a->seed = v;
  else if (id == SL_OPT_OUT)
    a->out = v;
  return 0;
}

int sl_cmd_gen(int argc, char **argv) {
  gen_args a = {NULL, NULL};
  int first, st = sl_cli_args(SL_CMD_GEN, argc, argv, on_opt, &a, 0, 0, "", &first);
  if (st != SL_CLI_GO) return st;
  const char *seed_text = a.seed, *outp = a.out;
  uint64_t seed;
  if (!seed_text || !sl_parse_u64(seed_text, &seed)) {
    fprintf(stderr, "simloop gen: give --seed N (a non-negative integer)\n");
    sl_cli_help(SL_CMD_GEN, stderr);
    return 2;
  }
  sl_strbuf text = SL_STRBUF_INIT;
  if (sl_gen_from_seed(seed, &text) != SL_EOK) {
    sl_strbuf_free(&text);
    fprintf(stderr, "simloop gen: out of memory\n");
    return 2;
  }
  int status = 0;
  sl_strbuf err = SL_STRBUF_INIT;
  if (sl_output_write(outp ? outp : "-", text.data, text.len, &err) != SL_EOK) {
    fprintf(stderr, "simloop gen: %s", sl_strbuf_cstr(&err));
    status = 2;
  }
  sl_strbuf_free(&err);
  sl_strbuf_free(&text);
  return status;
}
