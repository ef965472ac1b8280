/* Finding and running the CPython oracle (oracle/README.md) from C.
 *
 * Native CPython: an interpreter (`$SIMLOOP_PYTHON`, /usr/bin/python3, or
 * python3 on PATH) running `python -m simloop_oracle` with the oracle on
 * PYTHONPATH. CPython 3.12-3.14: `node oracle/pyodide/run.mjs --python X`,
 * available when oracle/pyodide/node_modules/pyodide-3XY exists and node
 * is on PATH. One oracle process runs a whole batch of files.
 *
 * The oracle folder is `$SIMLOOP_ORACLE`, else found next to this
 * executable: PREFIX/share/simloop/oracle when installed, the source tree's
 * oracle/ (through the link <build>/oracle) in a build tree, else
 * ./oracle. */
#ifndef SL_ORACLE_H
#define SL_ORACLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/errors.h"
#include "core/strbuf.h"

typedef struct sl_oracle {
  char want[16];    /* what was asked: "3.11", "3.11.7", "3.13" */
  char exact[16];   /* the exact version it runs, e.g. "3.11.2"; "" unknown yet */
  bool pyodide;     /* node + Pyodide, else a native interpreter */
  char python[256]; /* native: the interpreter */
  char stdlib[256]; /* native: the folder holding its asyncio/ ("" unknown) */
} sl_oracle;

/* The oracle folder (borrowed static string). */
const char *sl_oracle_dir(void);

/* Finds the oracle for `want` ("3.11", "3.11.2", "3.11.7", "3.12", "3.13",
 * "3.14"). SL_EINVAL: unknown version; SL_EIO: not installed (the message
 * says how to install it; *missing is set). */
sl_errcode sl_oracle_find(const char *want, sl_oracle *out, bool *missing, sl_strbuf *err);

/* Every installed oracle, one per minor version (3.11 is the native
 * interpreter), in version order; returns how many (at most max). */
size_t sl_oracle_all(sl_oracle *out, size_t max);

/* Runs the oracle on files[0..n), writing the JSONL trace to `jsonl`, the
 * scenarios' stdout to `stdout_path` and the oracle's stderr to
 * `stderr_path`; `decisions` (or NULL) is a decision log it applies. Returns SL_EIO (message in err) when the oracle could not
 * run or exited non-zero. */
sl_errcode sl_oracle_run(const sl_oracle *o, char **files, size_t n, const char *jsonl,
                         const char *stdout_path, const char *stderr_path, const char *decisions,
                         sl_strbuf *err);

/* Starts `python -m simloop_oracle ARGS...` under the native interpreter
 * of `o` (not Pyodide) with its stdin and stdout both connected to one end
 * of a socket pair, whose other end is returned in *sock (owned by the
 * caller; a socket, so writes to a dead child fail with EPIPE instead of
 * raising SIGPIPE when sent with MSG_NOSIGNAL). stderr is inherited, or
 * /dev/null when !show_stderr. SL_EIO with a message when it cannot start. */
sl_errcode sl_oracle_spawn_served(const sl_oracle *o, char **args, bool show_stderr, int *sock,
                                  int *pid, sl_strbuf *err);

#endif
