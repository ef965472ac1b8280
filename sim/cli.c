/* The option table and its parser (cli.h). */
#define _GNU_SOURCE /* getopt_long */
#include "sim/cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <string.h>

#include "core/profile.h"
#include "sim/commands.h"
#include "sim/progenv.h"
#include "sim/schedopts.h"

#define B(c)    (1u << SL_CMD_##c)
#define ALL     ((1u << SL_CMD_COUNT) - 1)
#define SCHED   (B(EXPLORE) | B(REPLAY) | B(MINIMIZE))
#define READERS (B(SHOW) | B(EXPORT) | B(REPORT))
/* The commands that run a program (its environment: sim/progenv.h). */
#define PROGRAM (B(RUN) | B(CONFORM) | SCHED)

typedef struct sl_opt {
  int id;
  const char *name; /* long name without "--"; NULL: only the short one */
  const char *arg;  /* the value's name in help; NULL for a flag */
  unsigned commands;
  const char *help; /* NULL: accepted but not listed (an alias) */
} sl_opt;

/* Every option of every command. Lines of help after the first are
 * indented under it. */
static const sl_opt options[] = {
    {SL_OPT_PYTHON, "python", "VERSION", B(RUN),
     "CPython behaviour to reproduce (the versions are listed below)"},
    {SL_OPT_PYTHON, "python", "V", B(CONFORM),
     "3.11 (the native /usr/bin/python3, or $SIMLOOP_PYTHON),\n"
     "3.11.2 or 3.11.7 (a native interpreter of exactly that\n"
     "version), 3.12, 3.13, 3.14 (Pyodide under Node.js, from\n"
     "oracle/pyodide: npm ci), or all (every installed one;\n"
     "the default)"},
    {SL_OPT_MAX_STEPS, "max-steps", "N", B(RUN),
     "budget: stop after N event loop steps (default 100000)"},
    {SL_OPT_MAX_TIME, "max-time", "T", B(RUN),
     "budget: stop past virtual time T seconds (default 1e7)"},
    {SL_OPT_MAX_STEPS, "max-steps", "N", B(CONFORM), "step budget on both sides (default 1000000)"},
    {SL_OPT_MAX_ITERATIONS, "max-iterations", "N", B(RUN) | B(CONFORM) | SCHED,
     "budget: N loop iterations within one step (default 1000000,\n"
     "run: 1000000000; an endless loop without await)"},
    {SL_OPT_MAX_WALL, "max-wall", "S", B(RUN) | B(CONFORM) | SCHED,
     "budget: S real seconds per run (default 60)"},
    {SL_OPT_MAX_MEMORY, "max-memory", "SIZE", PROGRAM,
     "budget: bytes the program may hold (default 4G; K, M, G\n"
     "suffixes); past it the run ends as budget, one request too\n"
     "large for it raises MemoryError"},
    {SL_OPT_DB, "db", "DB", B(RUN), "record the run in trace database DB (`simloop show`)"},
    {SL_OPT_DB, "db", "DB", READERS, "trace database (default simloop.db)"},
    {SL_OPT_DB, "db", "DB", B(DIFF), "trace database for bare run IDs (default simloop.db)"},
    {SL_OPT_DB, "db", "DB", B(IMPORT), "trace database (default simloop.db; created if missing)"},
    {SL_OPT_DB, "db", "DB", B(CONFORM), "also store both runs of every file in DB"},
    {SL_OPT_DB, "db", "DB", B(EXPLORE),
     "trace database (default simloop.db): a summary row per run,\n"
     "the full trace of each failing run (the first 100)"},
    {SL_OPT_DB, "db", "DB", B(REPLAY), "store the run in trace database DB (then print no steps)"},
    {SL_OPT_NO_DB, "no-db", NULL, B(EXPLORE), "store nothing"},
    {SL_OPT_JSONL, "jsonl", "OUT", B(RUN) | B(REPLAY),
     "write the trace as JSON Lines to OUT ('-' = stdout; docs/trace.md)"},
    {SL_OPT_JSON, "json", NULL, B(SHOW) | B(DIFF), "one JSON document instead of text"},
    {SL_OPT_JSON, "json", NULL, B(CONFORM), "one JSON object per file and version"},
    {SL_OPT_JSON, "json", NULL, B(EXPLORE), "one JSON object on stdout instead of text"},
    {SL_OPT_JSON, "json", NULL, B(REPLAY), "print the run as one JSON document (traces/show.h)"},
    {SL_OPT_LIST, "list", NULL, B(SHOW), "list the runs of the database instead"},
    {SL_OPT_RUNS, "runs", "N", B(EXPLORE), "schedules to try (default 1000; bounded: all of them)"},
    {SL_OPT_JOBS, "jobs", "J", B(EXPLORE), "worker processes (default 1)"},
    {SL_OPT_KEEP_GOING, "keep-going", NULL, B(EXPLORE), "do not stop at the first failure"},
    {SL_OPT_SHARD, "shard", "K/N", B(EXPLORE),
     "run only shard K of N (1 <= K <= N): runs K-1, K-1+N, ...\n"
     "of the --runs; N alone takes K from $JOB_COMPLETION_INDEX\n"
     "(a Kubernetes Indexed Job, 0-based) or $SIMLOOP_SHARD\n"
     "(1-based); `simloop merge` joins the shards' databases\n"
     "(docs/scale.md)"},
    {SL_OPT_OUT, NULL, "LOG", B(EXPLORE),
     "where to write the failing run's decision log (default\n"
     "NAME-STRATEGY-SEED.decisions in the current directory)"},
    {SL_OPT_DECISIONS, "decisions", "LOG", B(REPLAY),
     "a decision log (explore's, minimize's, a trace, or by hand;\n"
     "docs/explore.md \"Decision logs\")"},
    {SL_OPT_DECISIONS, "decisions", "LOG", B(MINIMIZE), "the failing decision log to shrink"},
    {SL_OPT_OUT, NULL, "OUT", B(MINIMIZE),
     "where to write the result (default LOG.min; '-' = stdout)"},
    {SL_OPT_BYTES, "bytes", "IN", B(REPLAY),
     "a raw fuzz_schedule input: one byte per decision point\n"
     "(docs/explore.md \"Decision sources\")"},
    {SL_OPT_QUIET, "quiet", NULL, B(REPLAY), "print no steps, only the outcome and the hash"},
    {SL_OPT_SEED, "seed", "N", B(CONFORM),
     "a perturbed schedule: simloop takes the decisions of seed N\n"
     "(--strategy random|pct|bounded, default random), the oracle\n"
     "replays the same decision log under CPython (one oracle\n"
     "run per file), and the traces must still be identical"},
    {SL_OPT_STRATEGY, "strategy", "S", B(CONFORM), "the strategy of --seed (default random)"},
    {SL_OPT_FAULTS, "faults", NULL, B(CONFORM), "--seed also draws network faults (docs/io.md)"},
    {SL_OPT_STRATEGY, "strategy", "S", SCHED, "random (default), pct or bounded (docs/explore.md)"},
    {SL_OPT_SEED, "seed", "S", SCHED, "first seed (explore) or the seed to replay (default 0)"},
    {SL_OPT_DEPTH, "depth", "D", SCHED, "pct: at most D delays per run (default 3)"},
    {SL_OPT_BOUND, "bound", "K", SCHED, "bounded: at most K delays per run (default 2, max 4)"},
    {SL_OPT_POINTS, "points", "N", SCHED,
     "pct, bounded: decision points considered (default: as many\n"
     "as the default schedule asks)"},
    {SL_OPT_SIZES, "sizes", "LIST", SCHED,
     "pct, bounded: delay sizes in seconds (default 0.001,0.01,0.1,1)"},
    {SL_OPT_FAULTS, "faults", NULL, SCHED,
     "the strategy also draws network faults: stalled peers and\n"
     "reset connections (docs/io.md \"Faults\")"},
    {SL_OPT_MAX_STEPS, "max-steps", "N", SCHED,
     "end a run as 'budget' after N loop steps (default 100000)"},
    {SL_OPT_MAX_TIME, "max-time", "T", SCHED,
     "end a run as 'budget' past virtual time T seconds\n(default 1e7)"},
    {SL_OPT_PYTHON, "python", "V", SCHED,
     "CPython behaviour to reproduce: 3.11, 3.12, 3.13, 3.14 (default)"},
    {SL_OPT_ENGINE, "engine", "E", B(RUN) | SCHED,
     "simloop (default: simloop's own engine) or cpython: the\n"
     "native CPython 3.11 through the oracle, any module it can\n"
     "import (docs/cpython.md)"},
    {SL_OPT_PERFETTO, "perfetto", NULL, B(EXPORT), "Chrome trace JSON (the only format)"},
    {SL_OPT_PERFETTO, "chrome", NULL, B(EXPORT), NULL},
    {SL_OPT_OUT, NULL, "OUT", B(EXPORT), "output file (default: stdout; '-' = stdout)"},
    {SL_OPT_OUT, NULL, "ALL.db", B(MERGE), "the merged database (required; replaced if it exists)"},
    {SL_OPT_OUT, NULL, "OUT", B(REPORT), "output file (default report.html; '-' = stdout)"},
    {SL_OPT_SEED, "seed", "N", B(GEN), "which program (a 64-bit unsigned number)"},
    {SL_OPT_OUT, NULL, "FILE", B(GEN), "write it to FILE instead of stdout ('-' = stdout)"},
    {SL_OPT_PATH, "path", "DIR", PROGRAM,
     "also find the program's own modules (import helpers) in DIR\n"
     "(after the program's folder; may be given several times)"},
    {SL_OPT_SETENV, "setenv", "NAME=VALUE", PROGRAM,
     "an environment variable of the simulated process\n"
     "(os.environ, os.getenv; may be given several times)"},
    {SL_OPT_HELP, "help", NULL, ALL, "print this help"},
};
#define NOPTIONS (sizeof options / sizeof options[0])

const char *sl_cli_name(sl_cmd_id cmd) { return sl_commands[cmd].name; }

void sl_cli_usage(sl_cmd_id cmd, FILE *out) {
  fprintf(out, "usage: simloop %s\n", sl_commands[cmd].synopsis);
}

/* "  --name ARG" or "  -o ARG" (with "-h, --help" for the one that has both). */
static int opt_label(const sl_opt *o, char *buf, size_t size) {
  if (!o->name) return snprintf(buf, size, "  -%c %s", (char)o->id, o->arg);
  const char *shortname = o->id < 256 ? "-h, " : "";
  return snprintf(buf, size, "  %s--%s%s%s", shortname, o->name, o->arg ? " " : "",
                  o->arg ? o->arg : "");
}

static void help_option(const sl_opt *o, FILE *out) {
  char label[64];
  int n = opt_label(o, label, sizeof label);
  fputs(label, out);
  const int col = 20;
  for (const char *line = o->help; line;) {
    const char *nl = strchr(line, '\n');
    int len = nl ? (int)(nl - line) : (int)strlen(line);
    if (n >= col) {
      fputc('\n', out);
      n = 0;
    }
    fprintf(out, "%*s%.*s\n", col - n, "", len, line);
    n = 0;
    line = nl ? nl + 1 : NULL;
  }
}

void sl_cli_help(sl_cmd_id cmd, FILE *out) {
  const sl_command *c = &sl_commands[cmd];
  sl_cli_usage(cmd, out);
  size_t n = strlen(c->about);
  fprintf(out, "\n%s%s\n", c->about, n && c->about[n - 1] == '\n' ? "" : "\n");
  for (size_t i = 0; i < NOPTIONS; i++)
    if ((options[i].commands & (1u << cmd)) && options[i].help) help_option(&options[i], out);
  if (cmd == SL_CMD_RUN)
    fprintf(out, "\nVERSION: %s (default %s).\n", sl_profile_names(), sl_profile_default()->name);
  if (c->footer) fprintf(out, "\n%s", c->footer);
}

/* The getopt_long tables of one command. */
typedef struct optset {
  struct option longs[NOPTIONS + 1];
  char shorts[16];
} optset;

static void build_optset(sl_cmd_id cmd, optset *s) {
  size_t nl = 0, ns = 0;
  s->shorts[ns++] = ':'; /* a missing value returns ':' */
  s->shorts[ns++] = 'h';
  for (size_t i = 0; i < NOPTIONS; i++) {
    const sl_opt *o = &options[i];
    if (!(o->commands & (1u << cmd))) continue;
    if (o->name)
      s->longs[nl++] =
          (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->id};
    else if (o->id != 'h' && ns + 3 < sizeof s->shorts) {
      s->shorts[ns++] = (char)o->id;
      s->shorts[ns++] = ':';
    }
  }
  s->longs[nl] = (struct option){NULL, 0, NULL, 0};
  s->shorts[ns] = '\0';
}

int sl_cli_parse(sl_cmd_id cmd, int argc, char **argv, sl_cli_on_opt on_opt, void *ctx,
                 int *first) {
  optset s;
  build_optset(cmd, &s);
  const char *name = sl_cli_name(cmd);
  opterr = 0;
  optind = 0; /* 0: getopt starts over (GNU), also for a second parse */
  int id;
  while ((id = getopt_long(argc, argv, s.shorts, s.longs, NULL)) != -1) {
    const char *given = argv[optind - 1];
    if (id == 'h') {
      sl_cli_help(cmd, stdout);
      return 1;
    }
    if (id == ':') {
      fprintf(stderr, "simloop %s: %s needs a value\n", name, given);
      return 2;
    }
    if (id == '?') {
      if (optopt && optopt < 256 && (given[0] != '-' || given[1] != '-'))
        fprintf(stderr, "simloop %s: unknown option '-%c'\n", name, optopt);
      else if (optopt)
        fprintf(stderr, "simloop %s: %.*s takes no value\n", name, (int)strcspn(given, "="), given);
      else
        fprintf(stderr, "simloop %s: unknown option '%s'\n", name, given);
      sl_cli_help(cmd, stderr);
      return 2;
    }
    if (id == SL_OPT_MAX_MEMORY) { /* process-wide, like the allocator it bounds */
      if (sl_budget_memory_set(name, optarg) < 0) return 2;
      continue;
    }
    if (id == SL_OPT_PATH || id == SL_OPT_SETENV) {
      int bad = id == SL_OPT_PATH ? sl_progenv_add_path(name, optarg)
                                  : sl_progenv_add_setenv(name, optarg);
      if (bad) return 2;
      continue;
    }
    if (on_opt(ctx, id, optarg)) return 2;
  }
  *first = optind;
  return 0;
}

/* True when argument `a` of command `cmd` is an option whose value is the
 * next argument ("--db X", "-o X"). */
static bool takes_next(sl_cmd_id cmd, const char *a) {
  for (size_t i = 0; i < NOPTIONS; i++) {
    const sl_opt *o = &options[i];
    if (!(o->commands & (1u << cmd)) || !o->arg) continue;
    if (a[1] == '-' ? o->name && !strcmp(a + 2, o->name) : !o->name && a[1] == (char)o->id && !a[2])
      return true;
  }
  return false;
}

int sl_cli_split_program_args(sl_cmd_id cmd, int argc, char **argv) {
  if (!(PROGRAM & (1u << cmd))) return argc;
  bool operand = false;
  for (int k = 1; k < argc; k++) {
    const char *a = argv[k];
    if (strcmp(a, "--")) {
      if (a[0] != '-' || !a[1])
        operand = true;
      else if (takes_next(cmd, a))
        k++;
      continue;
    }
    /* `--` before the scenario only ends the options (a file named
     * like an option); after it, the program's arguments follow. */
    if (!operand) return argc;
    sl_progenv *env = sl_progenv_get();
    env->args = (const char *const *)argv + k + 1;
    env->nargs = (size_t)(argc - k - 1);
    return k;
  }
  return argc;
}

int sl_cli_args(sl_cmd_id cmd, int argc, char **argv, sl_cli_on_opt on_opt, void *ctx, int min,
                int max, const char *noun, int *first) {
  int r = sl_cli_parse(cmd, argc, argv, on_opt, ctx, first);
  if (r) return r == 1 ? 0 : 2;
  int n = argc - *first;
  const char *name = sl_cli_name(cmd);
  if (max >= 0 && n > max) {
    if (max == 0)
      fprintf(stderr, "simloop %s: unexpected argument '%s'\n", name, argv[*first]);
    else if (max == 1)
      fprintf(stderr, "simloop %s: one %s at a time ('%s' and '%s')\n", name, noun, argv[*first],
              argv[*first + 1]);
    else
      fprintf(stderr, "simloop %s: %d %ss, not more ('%s')\n", name, max, noun, argv[*first + max]);
    return 2;
  }
  if (n < min) {
    fprintf(stderr, "simloop %s: which %s%s?\n", name, noun, min > 1 ? "s" : "");
    sl_cli_help(cmd, stderr);
    return 2;
  }
  return SL_CLI_GO;
}
