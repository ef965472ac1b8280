/* What the simulated machine gives the program beyond its file, from the
 * command line (docs/cli.md): module folders (--path DIR), environment
 * variables (--setenv NAME=VALUE) and the arguments after `--`
 * (sys.argv[1:]). Every command that runs a program reads the same
 * settings, and hands them to the oracle, so both engines see one machine.
 *
 * One per process (the command line is parsed once): sl_cli_parse fills
 * it. Strings are borrowed from argv and live as long as the process. */
#ifndef SL_SIM_PROGENV_H
#define SL_SIM_PROGENV_H

#include <stddef.h>

#include "core/strbuf.h"

#define SL_PROGENV_MAX 64

typedef struct sl_progenv {
  const char *path[SL_PROGENV_MAX]; /* --path folders, in order */
  size_t npath;
  const char *setenv[SL_PROGENV_MAX]; /* "NAME=VALUE", in order (a later one wins) */
  size_t nsetenv;
  const char *const *args; /* the arguments after `--` */
  size_t nargs;
  /* Where the interpreter being reproduced keeps its standard library
   * (asyncio's reprs name it, core/pysource.h): conform sets the oracle's
   * own; NULL: the profile's default. Borrowed. */
  const char *stdlib_dir;
} sl_progenv;

/* The process's settings (empty until the command line sets them). */
sl_progenv *sl_progenv_get(void);

/* Adds a --path or --setenv value; 0, or -1 after printing why to stderr
 * ("simloop CMD: ..."). */
int sl_progenv_add_path(const char *cmd, const char *dir);
int sl_progenv_add_setenv(const char *cmd, const char *assignment);

/* Appends the options that give a command the same machine, shell-quoted
 * (" --path 'lib' --setenv 'A=1' -- 'x'"), for the commands simloop
 * prints for the user to run (explore's replay line). */
void sl_progenv_append_options(sl_strbuf *out);

#endif
