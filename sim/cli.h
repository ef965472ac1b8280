/* The command line's options: one table for every subcommand, parsed with
 * getopt_long, and the --help text of each command generated from it.
 *
 * Each row of the table (cli.c) is one option with one meaning: its long
 * name, its value's name (NULL for a flag), the commands that take it and
 * its help line. An option that means something else in another command
 * (--db reads a database in `show`, records into one in `run`) has a row
 * per meaning. A command sees only the rows that name it.
 *
 * Strings handed to the callbacks are borrowed from argv. */
#ifndef SL_SIM_CLI_H
#define SL_SIM_CLI_H

#include <stdio.h>

/* The subcommands, in the order `simloop --help` lists them. */
typedef enum sl_cmd_id {
  SL_CMD_RUN,
  SL_CMD_SHOW,
  SL_CMD_DIFF,
  SL_CMD_IMPORT,
  SL_CMD_MERGE,
  SL_CMD_CONFORM,
  SL_CMD_EXPLORE,
  SL_CMD_REPLAY,
  SL_CMD_MINIMIZE,
  SL_CMD_EXPORT,
  SL_CMD_REPORT,
  SL_CMD_GEN,
  SL_CMD_COUNT
} sl_cmd_id;

/* What an option is, whatever its spelling. Short options are their
 * character; the others start above every character. */
typedef enum sl_opt_id {
  SL_OPT_HELP = 'h',
  SL_OPT_OUT = 'o',
  SL_OPT_PYTHON = 256,
  SL_OPT_MAX_STEPS,
  SL_OPT_MAX_TIME,
  SL_OPT_MAX_ITERATIONS,
  SL_OPT_MAX_WALL,
  SL_OPT_MAX_MEMORY,
  SL_OPT_DB,
  SL_OPT_JSONL,
  SL_OPT_JSON,
  SL_OPT_LIST,
  SL_OPT_SEED,
  SL_OPT_STRATEGY,
  SL_OPT_DEPTH,
  SL_OPT_BOUND,
  SL_OPT_POINTS,
  SL_OPT_SIZES,
  SL_OPT_RUNS,
  SL_OPT_JOBS,
  SL_OPT_KEEP_GOING,
  SL_OPT_NO_DB,
  SL_OPT_DECISIONS,
  SL_OPT_BYTES,
  SL_OPT_QUIET,
  SL_OPT_PERFETTO,
  SL_OPT_FAULTS,
  SL_OPT_PATH,
  SL_OPT_SETENV,
  SL_OPT_ENGINE,
  SL_OPT_SHARD,
} sl_opt_id;

/* Called once per option in command-line order with its value (NULL for a
 * flag). Returns 0, or nonzero after printing "simloop CMD: what is wrong"
 * to stderr. */
typedef int (*sl_cli_on_opt)(void *ctx, int id, const char *value);

/* Parses argv (argv[0] is the command's name) for command `cmd`. Options
 * may come before or after the operands, as `--name VALUE`, `--name=VALUE`
 * or `-o VALUE`; `--` ends the options. On success the operands are
 * argv[*first..argc) and 0 is returned. --help prints the command's help
 * on stdout and returns 1 (the command then exits 0). An unknown option or
 * a missing value prints what is wrong and the help on stderr and returns
 * 2, as does a nonzero return of on_opt (without the help). */
int sl_cli_parse(sl_cmd_id cmd, int argc, char **argv, sl_cli_on_opt on_opt, void *ctx, int *first);

/* sl_cli_parse, then the operands' count: from `min` to `max` (-1: any
 * number) of them, called `noun` in messages ("scenario", "run"). Returns
 * SL_CLI_GO with the operands in argv[*first..argc), or the exit status to
 * return at once (0 after --help, 2 after a message on stderr). */
#define SL_CLI_GO (-1)
int sl_cli_args(sl_cmd_id cmd, int argc, char **argv, sl_cli_on_opt on_opt, void *ctx, int min,
                int max, const char *noun, int *first);

/* For a command that runs a program: the arguments after a `--` that
 * follows the scenario are the program's (sys.argv[1:], sim/progenv.h).
 * Records them and returns the argc that ends before `--`; otherwise argc
 * unchanged (a `--` before any operand only ends the options). */
int sl_cli_split_program_args(sl_cmd_id cmd, int argc, char **argv);

/* The help text of `cmd`: usage line, description, options, exit status. */
void sl_cli_help(sl_cmd_id cmd, FILE *out);

/* The usage line of `cmd`, for "give a scenario" messages. */
void sl_cli_usage(sl_cmd_id cmd, FILE *out);

/* The command's name ("run"). */
const char *sl_cli_name(sl_cmd_id cmd);

#endif
