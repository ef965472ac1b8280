/* The subcommands and their help texts (commands.h); the options of each
 * are rows of the table in cli.c. */
#include "sim/commands.h"

#include <stddef.h>

#define TRACE_EXIT "Exit status: 0 written, 2 bad usage or unreadable trace.\n"

const sl_command sl_commands[SL_CMD_COUNT + 1] = {
    [SL_CMD_RUN] =
        {"run", sl_cmd_run, "run a scenario under the virtual clock",
         "run FILE [--engine E] [--python VERSION] [--max-steps N] [--max-time T]\n"
         "                       [--max-iterations N] [--max-wall S] [--max-memory SIZE] [--db DB] "
         "[--jsonl OUT]\n"
         "                       [--path DIR] [--setenv NAME=VALUE] [-- ARG...]",
         "Runs FILE (an asyncio program) on the virtual clock and prints its output.",
         "Exit status: 0 the scenario finished, 1 an uncaught exception, a deadlock\n"
         "or an exhausted budget, 2 bad usage, an unreadable file or a compile error.\n"},
    [SL_CMD_SHOW] = {"show", sl_cmd_show, "print a recorded run step by step",
                     "show [--db DB] [RUN] [--json] [--list]",
                     "Prints a run step by step: each _run_once step (#N t=TIME timeout=T),\n"
                     "the handles it ran, and under each handle the tasks it created or\n"
                     "finished, its print output, timers and exception-handler calls.\n"
                     "\n"
                     "  RUN               a run ID in --db (default: the newest run), DB[:ID], or\n"
                     "                    FILE.jsonl[:N] (the N-th run of a JSONL trace)",
                     "Exit status: 0 shown, 2 bad usage or unreadable trace.\n"},
    [SL_CMD_DIFF] = {"diff", sl_cmd_diff, "report the first divergence between two runs",
                     "diff A B [--db DB] [--json]",
                     "Compares two runs step by step and reports the first divergence: the\n"
                     "step, both sides' handles in that step, and where each task involved\n"
                     "was on each side. Compared: step index, time and select timeout;\n"
                     "handles by canonical name, position and time; task creations and\n"
                     "completions; output lines; timers; exception-handler calls (not the\n"
                     "garbage-collection messages); the outcome. Decisions are not compared.\n"
                     "\n"
                     "  A, B              FILE.jsonl[:N], DB[:ID], or a run ID in --db",
                     "Exit status: 0 identical, 1 divergent, 2 bad usage or unreadable trace.\n"},
    [SL_CMD_IMPORT] = {"import", sl_cmd_import,
                       "load JSONL traces (e.g. the oracle's) into a trace database",
                       "import FILE.jsonl... [--db DB]",
                       "Stores every run of each JSON Lines trace (docs/trace.md) in the trace\n"
                       "database and prints its run ID. A file with an error is reported with\n"
                       "FILE:LINE:COL and none of its runs is stored.\n",
                       "Exit status: 0 imported, 2 bad usage or bad input.\n"},
    [SL_CMD_MERGE] = {"merge", sl_cmd_merge, "join trace databases (explore shards) into one",
                      "merge DB... -o ALL.db",
                      "Writes one trace database holding every run and explore session of the\n"
                      "given ones: the databases of `explore --shard K/N` run on several\n"
                      "machines become the one a single explore would have written (run and\n"
                      "session ids are renumbered; docs/scale.md). The inputs are only read.\n",
                      "Exit status: 0 merged, 2 bad usage, an unreadable database or a write\n"
                      "failure (then ALL.db is left as it was).\n"},
    [SL_CMD_CONFORM] =
        {"conform", sl_cmd_conform, "compare simloop with real CPython step by step",
         "conform FILE... [--python VERSION] [--db DB] [--json]\n"
         "                       [--max-steps N] [--max-iterations N] [--max-wall S] [--max-memory "
         "SIZE]\n"
         "                       [--seed N [--strategy S]] [--path DIR] [--setenv NAME=VALUE]\n"
         "                       [-- ARG...]",
         "Runs each scenario under simloop and under real CPython (the oracle,\n"
         "oracle/README.md) and compares the traces step for step. Prints per\n"
         "file `identical` or the first divergence (see `simloop diff`).\n",
         "The engine profile is the exact version the oracle reports. Exit status:\n"
         "0 all identical, 1 some divergence, 2 bad usage or input, or an oracle\n"
         "that is asked for explicitly but not installed.\n"},
    [SL_CMD_EXPLORE] =
        {"explore", sl_cmd_explore, "run many schedules to find the timing that breaks a scenario",
         "explore FILE [--runs N] [--strategy random|pct|bounded] [--seed S]\n"
         "                       [--jobs J] [--keep-going] [--shard K/N] [--db DB] [--no-db]\n"
         "                       [-o LOG] [--max-steps N] [--max-time T] [--max-iterations N]\n"
         "                       [--max-wall S] [--max-memory SIZE] [--python V] [--json]",
         "Runs FILE under many schedules (how long callbacks take, how late select\n"
         "returns) and stops at the first run that fails: an assertion, an exception,\n"
         "a deadlock, an exception nobody retrieved, tasks left pending at exit, or\n"
         "the step/time budget. Prints what failed, where, and the command that\n"
         "replays it.\n",
         "Exit status: 0 no failure found, 1 a failure found, 2 bad usage or input.\n"},
    [SL_CMD_REPLAY] =
        {"replay", sl_cmd_replay, "re-run one schedule exactly (--seed or --decisions)",
         "replay FILE (--seed S [--strategy ...] | --decisions LOG | --bytes IN)\n"
         "                      [--db DB] [--jsonl OUT] [--quiet] [--json]\n"
         "                      [--max-steps N] [--max-time T] [--max-iterations N]\n"
         "                      [--max-wall S] [--max-memory SIZE] [--python V]",
         "Re-runs FILE under one schedule exactly, prints the run step by step, what\n"
         "went wrong (if anything) and the trace hash, which is the same on every\n"
         "replay and in every build.\n",
         "Exit status: 0 the run is ok, 1 it failed (any outcome but ok), 2 bad usage\n"
         "or input.\n"},
    [SL_CMD_MINIMIZE] =
        {"minimize", sl_cmd_minimize, "shrink a failing decision log to the decisions that matter",
         "minimize FILE --decisions LOG [-o OUT] [--max-steps N]\n"
         "                        [--max-time T] [--max-iterations N] [--max-wall S] [--max-memory "
         "SIZE]\n"
         "                        [--python V]",
         "Shrinks a failing decision log (from explore, or any log that fails) to the\n"
         "fewest non-default decisions that still make FILE fail the same way, by delta\n"
         "debugging (ddmin), then shrinks each delay to the smallest of 1, 2, 5 x 10^k\n"
         "ms that still fails. Writes the result to OUT (default LOG.min).\n",
         "Exit status: 0 minimized, 2 bad usage, bad input, or a log that does not fail.\n"},
    [SL_CMD_EXPORT] =
        {"export", sl_cmd_export, "write a run as Chrome trace JSON for ui.perfetto.dev",
         "export --perfetto [--db DB] [RUN] [-o OUT]",
         "Writes a recorded run as Chrome trace JSON (one track per task, a slice for\n"
         "each step a task ran, what it waited on in between) for ui.perfetto.dev.\n"
         "\n"
         "  RUN               a run ID in --db (default: the newest run), DB[:ID], or\n"
         "                    FILE.jsonl[:N]",
         TRACE_EXIT},
    [SL_CMD_REPORT] =
        {"report", sl_cmd_report, "write one self-contained HTML page about a run",
         "report [--db DB] [RUN] [-o OUT.html]",
         "Writes one self-contained HTML page about a recorded run: outcome, timeline\n"
         "(a row per task), every step with the source line each task stopped at,\n"
         "and the scenario's source.\n"
         "\n"
         "  RUN               a run ID in --db (default: the newest run), DB[:ID], or\n"
         "                    FILE.jsonl[:N]",
         TRACE_EXIT},
    [SL_CMD_GEN] = {"gen", sl_cmd_gen,
                    "print a generated scenario program (the fuzzer's generator)",
                    "gen --seed N [-o FILE]",
                    "Prints generated scenario number N: a valid asyncio program (tasks, sleeps,\n"
                    "locks, queues, events, cancellation, timeouts, gather, TaskGroup) that ends\n"
                    "under every schedule. The same N gives the same program on every platform.\n",
                    "Exit status: 0 written, 2 bad usage or the file cannot be written.\n"},
    [SL_CMD_COUNT] = {NULL, NULL, NULL, NULL, NULL, NULL},
};
