/* `simloop run FILE [--python VERSION] [--max-steps N]`: runs a scenario
 * under the virtual clock and prints exactly what it prints.
 *
 * Exit status: 0 the scenario finished; 1 an uncaught exception (Python's
 * traceback on stderr), a deadlock (who waits on what on stderr) or an
 * exhausted budget; 2 bad usage, an unreadable file or a compile error
 * (the diagnostic on stderr). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "sim/commands.h"
#include "sim/runrec.h"
#include "sim/scenario.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: simloop run FILE [--python VERSION] [--max-steps N]\n"
          "\n"
          "Runs FILE (an asyncio program) on the virtual clock and prints its output.\n"
          "  --python VERSION  CPython behaviour to reproduce (%s; default %s)\n"
          "  --max-steps N     stop after N event loop iterations (exit 1)\n"
          "  --db DB           record the run in trace database DB (`simloop show`)\n"
          "  --jsonl OUT       write the run's trace as JSON Lines (docs/trace.md)\n",
          sl_profile_names(), sl_profile_default()->name);
}

int sl_cmd_run(int argc, char **argv) {
  const char *path = NULL;
  const sl_profile *profile = sl_profile_default();
  unsigned long long max_steps = 0;
  const char *db = NULL, *jsonl = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    }
    if (!strcmp(a, "--python") || !strcmp(a, "--max-steps")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "simloop run: %s needs a value\n", a);
        return 2;
      }
      const char *v = argv[++i];
      if (!strcmp(a, "--python")) {
        profile = sl_profile_find(v);
        if (!profile) {
          fprintf(stderr, "simloop run: unknown Python version '%s' (known: %s)\n", v, sl_profile_names());
          return 2;
        }
      } else {
        char *end;
        errno = 0;
        max_steps = strtoull(v, &end, 10);
        if (errno || *end || !*v || v[0] == '-') {
          fprintf(stderr, "simloop run: --max-steps needs a non-negative integer, got '%s'\n", v);
          return 2;
        }
      }
      continue;
    }
    if (!strcmp(a, "--db") || !strcmp(a, "--jsonl")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "simloop run: %s needs a value\n", a);
        return 2;
      }
      *(!strcmp(a, "--db") ? &db : &jsonl) = argv[++i];
      continue;
    }
    if (a[0] == '-' && a[1]) {
      fprintf(stderr, "simloop run: unknown option '%s'\n", a);
      usage(stderr);
      return 2;
    }
    if (path) {
      fprintf(stderr, "simloop run: one scenario at a time ('%s' and '%s')\n", path, a);
      return 2;
    }
    path = a;
  }
  if (!path) {
    usage(stderr);
    return 2;
  }
  sl_scenario_opts opts = {0};
  opts.path = path;
  opts.profile = profile;
  opts.max_steps = max_steps;
  opts.out_file = stdout;
  sl_runrec rr;
  if (sl_runrec_begin(&rr, "run", db, jsonl, &opts)) return 2;
  sl_scenario_result res;
  sl_scenario_run(&opts, &res);
  fflush(stdout);
  int rec_status = sl_runrec_finish(&rr, "run", &res), status = 0;
  switch (res.outcome) {
  case SL_OUTCOME_OK: status = 0; break;
  case SL_OUTCOME_EXCEPTION:
    fputs(res.detail.data ? res.detail.data : "", stderr);
    status = 1;
    break;
  case SL_OUTCOME_DEADLOCK:
  case SL_OUTCOME_BUDGET:
    fprintf(stderr, "simloop: %s", res.detail.data ? res.detail.data : "");
    status = 1;
    break;
  case SL_OUTCOME_NOMEM:
    fprintf(stderr, "simloop: out of memory while running '%s'\n", path);
    status = 2;
    break;
  case SL_OUTCOME_ERROR:
    fputs(res.detail.data ? res.detail.data : "", stderr);
    status = 2;
    break;
  }
  sl_scenario_result_free(&res);
  return rec_status > status ? rec_status : status;
}
