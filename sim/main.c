/* `simloop`: dispatches to the subcommands (commands.h). */
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/version.h"

static void usage(FILE *out) {
  fprintf(out, "usage: simloop <command> [options]\n\ncommands:\n");
  for (const sl_command *c = sl_commands; c->name; c++)
    fprintf(out, "  %-10s %s\n", c->name, c->summary);
  fprintf(out, "\n`simloop <command> --help` describes a command; docs/cli.md has them all.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("simloop %s\n", sl_version());
    return 0;
  }
  for (const sl_command *c = sl_commands; c->name; c++)
    if (!strcmp(argv[1], c->name))
      return c->main(argc - 1, argv + 1);
  fprintf(stderr, "simloop: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
