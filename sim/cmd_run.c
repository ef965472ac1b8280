/* `simloop run FILE [--python VERSION] [budgets]`: runs a scenario
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
#include "sim/infile.h"
#include "sim/runrec.h"
#include "sim/scenario.h"
#include "sim/schedopts.h"

typedef struct run_args {
  const char *db, *jsonl, *python;
  const sl_profile *profile;
  sl_trial_opts budgets;
} run_args;

static int on_opt(void *ctx, int id, const char *v) {
  run_args *a = ctx;
  switch (id) {
  case SL_OPT_ENGINE: return sl_engine_set(&a->budgets, "run", v) < 0;
  case SL_OPT_PYTHON:
    a->python = v;
    a->profile = sl_profile_find(v);
    if (!a->profile) {
      fprintf(stderr, "simloop run: unknown Python version '%s' (known: %s)\n", v,
              sl_profile_names());
      return 1;
    }
    return 0;
  case SL_OPT_MAX_STEPS:
  case SL_OPT_MAX_ITERATIONS:
  case SL_OPT_MAX_TIME:
  case SL_OPT_MAX_WALL: return sl_budgets_set(&a->budgets, "run", id, v) < 0;
  case SL_OPT_DB: a->db = v; return 0;
  case SL_OPT_JSONL: a->jsonl = v; return 0;
  }
  return 1;
}

/* Prints why the run ended where the user looks for it; the exit status. */
static int report_outcome(const sl_scenario_result *res, const char *path) {
  const char *detail = res->detail.data ? res->detail.data : "";
  if (res->exit_status >= 0) { /* sys.exit(): as the interpreter exits */
    fputs(detail, stderr);
    return res->exit_status;
  }
  switch (res->outcome) {
  case SL_OUTCOME_OK: return 0;
  case SL_OUTCOME_EXCEPTION: fputs(detail, stderr); return 1;
  case SL_OUTCOME_DEADLOCK:
  case SL_OUTCOME_BUDGET: fprintf(stderr, "simloop: %s", detail); return 1;
  case SL_OUTCOME_NOMEM:
    fprintf(stderr, "simloop: out of memory while running '%s'\n", path);
    return 2;
  case SL_OUTCOME_ERROR: fputs(detail, stderr); return 2;
  }
  return 2;
}

int sl_cmd_run(int argc, char **argv) {
  run_args a = {NULL, NULL, NULL, sl_profile_default(), {0}};
  sl_budgets_default(&a.budgets);
  a.budgets.max_iterations = SL_RUN_MAX_ITERATIONS;
  int first, status = sl_cli_args(SL_CMD_RUN, argc, argv, on_opt, &a, 1, 1, "scenario", &first);
  if (status != SL_CLI_GO) return status;
  const char *path = argv[first];
  sl_strbuf err = SL_STRBUF_INIT;
  if (sl_program_check(path, a.budgets.engine == SL_ENGINE_CPYTHON, &err) != SL_EOK) {
    fprintf(stderr, "simloop run: %s", sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    return 2;
  }
  sl_strbuf_free(&err);
  if (a.budgets.engine == SL_ENGINE_CPYTHON)
    return sl_cmd_run_cpython(path, a.python, &a.budgets, a.db, a.jsonl);
  sl_scenario_opts opts = {0};
  opts.path = path;
  opts.profile = a.profile;
  opts.max_steps = a.budgets.max_steps;
  opts.max_iterations = a.budgets.max_iterations;
  opts.max_time = a.budgets.max_time;
  opts.max_wall = a.budgets.max_wall;
  /* With the trace on stdout, the program's own output goes to stderr. */
  opts.out_file = a.jsonl && !strcmp(a.jsonl, "-") ? stderr : stdout;
  opts.log_file = stderr;
  sl_runrec rr;
  if (sl_runrec_begin(&rr, "run", a.db, a.jsonl, &opts)) return 2;
  sl_scenario_result res;
  sl_scenario_run(&opts, &res);
  fflush(stdout);
  int rec_status = sl_runrec_finish(&rr, "run", &res);
  status = report_outcome(&res, path);
  sl_scenario_result_free(&res);
  return rec_status > status ? rec_status : status;
}
