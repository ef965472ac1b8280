/* `simloop`: dispatches to the subcommands (see commands.h). */
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"
#include "sim/version.h"

/* Subcommand entry points, one file each (sim/cmd_<name>.c). */
int sl_cmd_run(int argc, char **argv);
int sl_cmd_show(int argc, char **argv);
int sl_cmd_diff(int argc, char **argv);
int sl_cmd_import(int argc, char **argv);
int sl_cmd_conform(int argc, char **argv);
int sl_cmd_explore(int argc, char **argv);
int sl_cmd_replay(int argc, char **argv);
int sl_cmd_minimize(int argc, char **argv);
int sl_cmd_export(int argc, char **argv);
int sl_cmd_report(int argc, char **argv);
int sl_cmd_gen(int argc, char **argv);

static const sl_command commands[] = {
    {"run", sl_cmd_run, "run a scenario under the virtual clock"},
    {"show", sl_cmd_show, "print a recorded run step by step"},
    {"diff", sl_cmd_diff, "report the first divergence between two runs"},
    {"import", sl_cmd_import, "load JSONL traces (e.g. the oracle's) into a trace database"},
    {"conform", sl_cmd_conform, "compare simloop with real CPython step by step"},
    {"explore", sl_cmd_explore, "run many schedules to find the timing that breaks a scenario"},
    {"replay", sl_cmd_replay, "re-run one schedule exactly (--seed or --decisions)"},
    {"minimize", sl_cmd_minimize, "shrink a failing decision log to the decisions that matter"},
    {"export", sl_cmd_export, "write a run as Chrome trace JSON for ui.perfetto.dev"},
    {"report", sl_cmd_report, "write one self-contained HTML page about a run"},
    {"gen", sl_cmd_gen, "print a generated scenario program (the fuzzer's generator)"},
    {NULL, NULL, NULL},
};

static void usage(FILE *out) {
  fprintf(out, "usage: simloop <command> [options]\n\ncommands:\n");
  for (const sl_command *c = commands; c->name; c++) fprintf(out, "  %-10s %s\n", c->name, c->summary);
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
  for (const sl_command *c = commands; c->name; c++)
    if (!strcmp(argv[1], c->name)) return c->main(argc - 1, argv + 1);
  fprintf(stderr, "simloop: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
