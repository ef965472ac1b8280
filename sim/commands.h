/* The subcommands of the `simloop` command line: one declaration of each
 * entry point (one file each, sim/cmd_<name>.c) and the table main.c
 * dispatches from. Each takes the arguments after `simloop` (argv[0] is
 * the subcommand's name) and returns the exit status: 0 all well, 1 a bug
 * or divergence was found, 2 bad usage or bad input. */
#ifndef SL_COMMANDS_H
#define SL_COMMANDS_H

#include "sim/cli.h"

int sl_cmd_run(int argc, char **argv);
/* `run --engine cpython` (cmd_run_cpy.c): python NULL means 3.11. */
struct sl_trial_opts;
int sl_cmd_run_cpython(const char *path, const char *python, const struct sl_trial_opts *budgets,
                       const char *db, const char *jsonl);
int sl_cmd_show(int argc, char **argv);
int sl_cmd_diff(int argc, char **argv);
int sl_cmd_import(int argc, char **argv);
int sl_cmd_merge(int argc, char **argv);
int sl_cmd_conform(int argc, char **argv);
int sl_cmd_explore(int argc, char **argv);
int sl_cmd_replay(int argc, char **argv);
int sl_cmd_minimize(int argc, char **argv);
int sl_cmd_export(int argc, char **argv);
int sl_cmd_report(int argc, char **argv);
int sl_cmd_gen(int argc, char **argv);

typedef struct sl_command {
  const char *name;
  int (*main)(int argc, char **argv);
  const char *summary;  /* one line for `simloop --help` */
  const char *synopsis; /* after "usage: simloop " */
  const char *about;    /* what the command does, before the options */
  const char *footer;   /* after the options: exit status and notes */
} sl_command;

/* Indexed by sl_cmd_id; a row of NULLs ends it. */
extern const sl_command sl_commands[SL_CMD_COUNT + 1];

#endif
