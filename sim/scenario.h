/* Running one scenario file: the function every command uses.
 *
 * sl_scenario_run loads the file, parses and compiles it, creates the run
 * (profile, observer, virtual selector with an optional decider), executes
 * the module body (which normally calls asyncio.run(main())) and reports
 * how the run ended.
 *
 * Ownership: the options are borrowed for the duration of the call. The
 * result owns its text buffers; release them with sl_scenario_result_free.
 * Output printed by the scenario goes to opts->out_file and/or
 * opts->out_buf (caller-owned) as it is produced. */
#ifndef SL_SCENARIO_H
#define SL_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "core/observer.h"
#include "core/profile.h"
#include "core/strbuf.h"
#include "sim/vselector.h"

typedef enum sl_outcome {
  SL_OUTCOME_OK,        /* the module body finished */
  SL_OUTCOME_EXCEPTION, /* an uncaught exception (traceback in detail) */
  SL_OUTCOME_DEADLOCK,  /* nothing could ever run again (report in detail) */
  SL_OUTCOME_BUDGET,    /* the step budget ran out */
  SL_OUTCOME_NOMEM,     /* an allocation failed; the run ended cleanly */
  SL_OUTCOME_ERROR,     /* the file could not be read, parsed or compiled */
} sl_outcome;

typedef struct sl_scenario_opts {
  const char *path;   /* file to run (also the name in tracebacks) */
  const char *source; /* if non-NULL: the source text, path only names it */
  size_t source_len;
  /* If non-NULL: `source` already parsed (borrowed, never modified; source
   * must be set too, tracebacks quote it). Callers that run one scenario
   * many times (explore, minimize, replay) parse once and pass the tree
   * here; each run still compiles it into its own heap, see scenario.c. */
  const struct sl_ast_module *module;
  /* If non-NULL: the run starts from this image of the set-up (borrowed;
   * made by sl_scenario_image_new from the same path, source, tree and
   * profile), restored instead of built; module may then be NULL. */
  struct sl_scenario_image *image;
  const sl_profile *profile;   /* NULL: the default profile */
  const sl_observer *observer; /* NULL: none */
  const sl_decider *decider;   /* NULL: every decision takes its default */
  /* Budgets (0: unlimited; the commands give defaults, sim/schedopts.h).
   * The run ends as SL_OUTCOME_BUDGET, the detail naming the one that ran
   * out. Only the wall clock depends on the machine. */
  uint64_t max_steps;             /* event loop steps */
  uint64_t max_iterations;        /* loop iterations within one step */
  double max_time;                /* virtual seconds */
  double max_wall;                /* real seconds */
  struct sl_net_words *net_words; /* the network's answers in words, or NULL */
  /* The program's own modules (sim/modfind.h), borrowed; NULL: a finder
   * for this run from the scenario's folder and --path (sim/progenv.h). */
  struct sl_modfind *modfind;
  FILE *out_file; /* print() output, or NULL */
  /* What CPython's logging would print on stderr (the default exception
   * handler: "Exception in callback ..."), or NULL. */
  FILE *log_file;
  sl_strbuf *out_buf; /* print() output, or NULL */
} sl_scenario_opts;

typedef struct sl_scenario_result {
  sl_outcome outcome;
  /* exception: the traceback printout ending with "Type: message\n";
   * deadlock: who waits on what; error: the diagnostic; else empty. */
  sl_strbuf detail;
  /* exception: "Type: message" (one line); else empty. */
  sl_strbuf summary;
  /* sys.exit(): the process's exit status (0 for no code, the int, or 1
   * with the code printed in detail); -1: the program did not call it. */
  int exit_status;
  uint64_t steps; /* _run_once calls made */
  double time;    /* final virtual time */
} sl_scenario_result;

/* The image of a run's set-up (docs/performance.md "Per-run set-up"):
 * the runtime, builtins, asyncio and the compiled module, built once from
 * opts->path, source, module and profile (all required but path) and
 * restored byte for byte before each run that names it in opts->image.
 * NULL when it cannot be made (no memory, another image exists in the
 * process, or the module does not compile: runs without an image then
 * report why). The caller owns it (sl_scenario_image_free) and must keep
 * `source` alive as long as it. */
typedef struct sl_scenario_image sl_scenario_image;
sl_scenario_image *sl_scenario_image_new(const sl_scenario_opts *opts);
void sl_scenario_image_free(sl_scenario_image *si);
size_t sl_scenario_image_size(const sl_scenario_image *si);

/* Runs the scenario. Always fills *res (even on failure); returns 0 unless
 * the result itself could not be built. */
int sl_scenario_run(const sl_scenario_opts *opts, sl_scenario_result *res);
void sl_scenario_result_free(sl_scenario_result *res);
/* "ok", "exception", "deadlock", "budget", "nomem", "error" */
const char *sl_outcome_name(sl_outcome o);

#endif
