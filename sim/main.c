/* `simloop`: dispatches to the subcommands (commands.h). */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/cli.h"
#include "core/alloc.h"
#include "sim/commands.h"
#include "sim/schedopts.h"
#include "sim/version.h"

static void usage(FILE *out) {
  fprintf(out, "usage: simloop <command> [options]\n\ncommands:\n");
  for (const sl_command *c = sl_commands; c->name; c++)
    fprintf(out, "  %-10s %s\n", c->name, c->summary);
  fprintf(out, "\n`simloop <command> --help` describes a command; docs/cli.md has them all.\n");
}

/* The first error of a write to stdout. A stream only remembers that one
 * happened, and the program's own output is written long before the end. */
static int stdout_errno;

static ssize_t write_stdout(void *cookie, const char *buf, size_t n) {
  (void)cookie;
  size_t done = 0;
  while (done < n) {
    ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      if (!stdout_errno) stdout_errno = errno;
      return done ? (ssize_t)done : -1;
    }
    done += (size_t)w;
  }
  return (ssize_t)n;
}

/* stdout through write_stdout, buffered as the C library buffers it. */
static void watch_stdout(void) {
  cookie_io_functions_t io = {NULL, write_stdout, NULL, NULL};
  FILE *f = fopencookie(NULL, "w", io);
  if (!f) return; /* then errors are still seen, with a vaguer reason */
  setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
  stdout = f;
}

/* Everything a command printed reached stdout: a full disk or a closed
 * pipe behind `>` is an error like any other output file's (exit 2). */
static int close_stdout(const char *cmd, int status) {
  int e = fflush(stdout) ? errno : 0;
  if (ferror(stdout)) e = stdout_errno ? stdout_errno : e ? e : EIO;
  if (!e && fclose(stdout)) e = errno;
  if (!e) return status;
  fprintf(stderr, "simloop %s: <stdout>: cannot write: %s\n", cmd, strerror(e));
  return 2;
}

int main(int argc, char **argv) {
  watch_stdout();
  sl_alloc_set_budget(SL_DEFAULT_MAX_MEMORY); /* --max-memory changes it */
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    usage(stdout);
    return close_stdout("--help", 0);
  }
  if (!strcmp(argv[1], "--version")) {
    printf("simloop %s\n", sl_version());
    return close_stdout("--version", 0);
  }
  for (const sl_command *c = sl_commands; c->name; c++)
    if (!strcmp(argv[1], c->name))
      return close_stdout(c->name, c->main(sl_cli_split_program_args((sl_cmd_id)(c - sl_commands),
                                                                     argc - 1, argv + 1),
                                           argv + 1));
  fprintf(stderr, "simloop: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
