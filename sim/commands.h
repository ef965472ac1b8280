/* The subcommands of the `simloop` command line. Each takes the arguments
 * after its name (argv[0] is the subcommand) and returns the exit status:
 * 0 all well, 1 a bug or divergence was found, 2 bad usage or bad input. */
#ifndef SL_COMMANDS_H
#define SL_COMMANDS_H

typedef struct sl_command {
  const char *name;
  int (*main)(int argc, char **argv);
  const char *summary;
} sl_command;

#endif
