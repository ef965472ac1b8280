/* Where CPython's asyncio defines the Python functions that simloop
 * implements natively. asyncio's reprs name a plain function's file and
 * first line (format_helpers._get_function_source): a main task prints
 * `cb=[_run_until_complete_cb() at /usr/lib/python3.11/asyncio/
 * base_events.py:180]`. The line depends on the release, the folder on
 * where the interpreter is installed: the profile gives a default (the
 * interpreters the oracle runs on), the run may name another
 * (rt->stdlib_dir: conform passes the oracle's own). Bound methods
 * (TaskGroup._on_task_done, Timeout._on_timeout) and C methods
 * (Task.task_wakeup) have no source in CPython and none here. */
#ifndef SL_PYSOURCE_H
#define SL_PYSOURCE_H

#include <stdbool.h>

#include "core/profile.h"

/* The releases whose lines the tables hold: 3.11.2, 3.11.7, 3.12.7, 3.13.2,
 * 3.14.2 (3.12.1 and 3.13.0 take their series' column). */
#define SL_PYSOURCE_RELEASES 5
/* The column of `p`'s release in the tables (0 .. SL_PYSOURCE_RELEASES-1). */
int sl__pysource_release(const sl_profile *p);

/* The folder that holds asyncio/ for `p` when the run names none: Debian's
 * /usr/lib/python3.11 for 3.11.2, pyenv's for 3.11.7, Pyodide's zip
 * (/lib/python314.zip) for 3.12 and later. Static storage. */
const char *sl_pysource_default_dir(const sl_profile *p);

/* For the __qualname__ of an asyncio function simloop implements natively
 * (e.g. "gather.<locals>._done_callback"): its file within asyncio/
 * ("tasks.py", static) and first line in release `p`. false when CPython
 * has no such Python function in that release. */
bool sl_pysource_find(const sl_profile *p, const char *qualname, const char **file, int *line);

/* For the __qualname__ of an asyncio coroutine function simloop implements
 * in C (sl_ccoro_def.qualname, e.g. "Queue.get"): its file within asyncio/
 * (static) and, for point 0, its co_firstlineno in release `p`; for point
 * k > 0, the line of its k-th suspension point (the `await` its frame stands
 * at while suspended there, numbered as core/pysource_coro.c's generator
 * lists them). false when the line is not known. */
bool sl_pysource_coro_find(const sl_profile *p, const char *qualname, int point, const char **file,
                           int *line);

#endif
