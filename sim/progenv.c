/* The program's environment from the command line (progenv.h). */
#include "sim/progenv.h"

#include <stdio.h>

#include "sim/quote.h"
#include <string.h>

static sl_progenv the_env;

sl_progenv *sl_progenv_get(void) { return &the_env; }

int sl_progenv_add_path(const char *cmd, const char *dir) {
  if (!*dir) {
    fprintf(stderr, "simloop %s: --path needs a folder\n", cmd);
    return -1;
  }
  if (the_env.npath == SL_PROGENV_MAX) {
    fprintf(stderr, "simloop %s: at most %d --path folders\n", cmd, SL_PROGENV_MAX);
    return -1;
  }
  the_env.path[the_env.npath++] = dir;
  return 0;
}

int sl_progenv_add_setenv(const char *cmd, const char *assignment) {
  const char *eq = strchr(assignment, '=');
  if (!eq || eq == assignment) {
    fprintf(stderr, "simloop %s: --setenv wants NAME=VALUE, not '%s'\n", cmd, assignment);
    return -1;
  }
  if (the_env.nsetenv == SL_PROGENV_MAX) {
    fprintf(stderr, "simloop %s: at most %d --setenv variables\n", cmd, SL_PROGENV_MAX);
    return -1;
  }
  the_env.setenv[the_env.nsetenv++] = assignment;
  return 0;
}

void sl_progenv_append_options(sl_strbuf *out) {
  for (size_t i = 0; i < the_env.npath; i++) {
    sl_strbuf_puts(out, " --path ");
    sl_shell_quote(out, the_env.path[i]);
  }
  for (size_t i = 0; i < the_env.nsetenv; i++) {
    sl_strbuf_puts(out, " --setenv ");
    sl_shell_quote(out, the_env.setenv[i]);
  }
  if (!the_env.args) return;
  sl_strbuf_puts(out, " --");
  for (size_t i = 0; i < the_env.nargs; i++) {
    sl_strbuf_putc(out, ' ');
    sl_shell_quote(out, the_env.args[i]);
  }
}
