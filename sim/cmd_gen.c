/* `simloop gen --seed N [-o FILE]`: prints generated program number N as
 * Python (sim/gen.h), the same program fuzz_program builds from bytes,
 * for differential runs against the oracle (docs/fuzzing.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim/gen.h"
#include "sim/schedopts.h"
#include "sim/outfile.h"
#include "sim/schedule.h"
#include "sim/tracearg.h"

int sl_cmd_gen(int argc, char **argv);

static void usage(FILE *f) {
  fprintf(f,
          "usage: simloop gen --seed N [-o FILE]\n"
          "\n"
          "Prints generated scenario number N: a valid asyncio program (tasks, sleeps,\n"
          "locks, queues, events, cancellation, timeouts, gather, TaskGroup) that ends\n"
          "under every schedule. The same N gives the same program on every platform.\n"
          "\n"
          "  --seed N   which program (a 64-bit unsigned number)\n"
          "  -o FILE    write it to FILE instead of stdout\n"
          "\n"
          "Exit status: 0 written, 2 bad usage or the file cannot be written.\n");
}

int sl_cmd_gen(int argc, char **argv) {
  const char *seed_text = NULL, *outp = NULL;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    const char *v;
    if ((v = sl_opt_value(argc, argv, &i, "--seed", &missing)))
      seed_text = v;
    else if ((v = sl_opt_value(argc, argv, &i, "-o", &missing)))
      outp = v;
    else if (missing) {
      fprintf(stderr, "simloop gen: %s needs a value\n", argv[i]);
      return 2;
    } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      usage(stdout);
      return 0;
    } else {
      fprintf(stderr, "simloop gen: unexpected argument '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    }
  }
  uint64_t seed;
  if (!seed_text || !sl_parse_u64(seed_text, &seed)) {
    fprintf(stderr, "simloop gen: give --seed N (a non-negative integer)\n");
    usage(stderr);
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
