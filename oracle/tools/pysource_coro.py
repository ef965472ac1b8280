"""Writes core/pysource_coro.c: where asyncio defines each coroutine simloop
implements in C and the line of each await it can be suspended at, per
release, read with `ast` from the sources of the interpreters the oracle runs.

    python3 oracle/tools/pysource_coro.py > core/pysource_coro.c

A coroutine's suspension points are numbered from 1 in the order of POINTS
below; its C state machine names the one it is at (sl_ccoro_def.suspended_at,
default 1). A point is a list of await texts (as ast.get_source_segment
prints them, newlines as spaces), "#N" picking the Nth match; the first text
found in a release gives its line there, none found gives 0 (no such await).
"""
import ast
import os
import sys
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PYODIDE = os.path.join(ROOT, "oracle", "pyodide", "node_modules", "pyodide-%s", "python_stdlib.zip")
RELEASES = [("3.11.2", "/usr/lib/python3.11"),
            ("3.11.7", "/root/.pyenv/versions/3.11.7/lib/python3.11"),
            ("3.12.7", PYODIDE % "312"), ("3.13.2", PYODIDE % "313"), ("3.14.2", PYODIDE % "314")]
FILES = ["tasks.py", "queues.py", "locks.py", "timeouts.py", "taskgroups.py", "threads.py",
         "streams.py", "base_events.py", "selector_events.py", "events.py"]

# qualname: suspension points (see the module's docstring).
POINTS = {
    "sleep": [["await __sleep0()"], ["await future"]],
    "Queue.get": [["await getter"]],
    "Queue.put": [["await putter"]],
    "Queue.join": [["await self._finished.wait()"]],
    "Event.wait": [["await fut"]],
    "Lock.acquire": [["await fut"]],
    "Semaphore.acquire": [["await fut"]],
    "Condition.wait": [["await fut"], ["await self.acquire()"]],
    "wait": [["await _wait(fs, timeout, return_when, loop)"]],
    "_cancel_and_wait": [["await waiter"]],
    "wait_for": [
        ["await fut"],  # 3.11 timeout None; 3.12+ inside `async with`
        ["await _cancel_and_wait(fut, loop=loop)#1", "await _cancel_and_wait(fut)"],  # timeout <= 0
        ["await waiter"],  # 3.11
        ["await _cancel_and_wait(fut, loop=loop)#2"],  # 3.11: cancelled while waiting
        ["await _cancel_and_wait(fut, loop=loop)#3"],  # 3.11: timed out
        ["async with timeouts.timeout(timeout)"],  # 3.12+
    ],
}
# Coroutines with only their def line here (their suspension points unmapped).
DEF_ONLY = [
    "as_completed.<locals>._wait_for_one", "_AsCompletedIterator._wait_for_one",
    "Condition.wait_for", "_ContextManagerMixin.__aenter__", "_ContextManagerMixin.__aexit__",
    "Barrier.wait", "Barrier._block", "Barrier._wait", "Barrier.reset", "Barrier.abort",
    "Barrier.__aenter__", "Barrier.__aexit__", "Timeout.__aenter__", "Timeout.__aexit__",
    "TaskGroup.__aenter__", "TaskGroup.__aexit__", "to_thread",
    "StreamReader.read", "StreamReader.readexactly", "StreamReader.readuntil",
    "StreamReader.readline", "StreamReader.__anext__", "StreamWriter.drain",
    "StreamWriter.wait_closed", "open_connection", "start_server",
    "Server.wait_closed", "Server.serve_forever", "Server.start_serving",
    "AbstractServer.__aenter__", "AbstractServer.__aexit__",
    "BaseEventLoop.create_connection", "BaseEventLoop._create_server_getaddrinfo",
    "BaseEventLoop.create_server", "BaseEventLoop.getaddrinfo",
    "BaseEventLoop.shutdown_asyncgens", "BaseEventLoop.shutdown_default_executor",
    "BaseSelectorEventLoop.sock_recv", "BaseSelectorEventLoop.sock_recv_into",
    "BaseSelectorEventLoop.sock_sendall", "BaseSelectorEventLoop.sock_connect",
    "BaseSelectorEventLoop.sock_accept",
]
MAX_POINTS = max(len(p) for p in POINTS.values())


def read(where, name):
    if where.endswith(".zip"):
        with zipfile.ZipFile(where) as z:
            return z.read("asyncio/" + name).decode()
    with open(os.path.join(where, "asyncio", name)) as f:
        return f.read()


def functions(tree):
    found = {}

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.setdefault(prefix + child.name, child)
                walk(child, prefix + child.name + ".<locals>.")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            else:
                walk(child, prefix)
    walk(tree, "")
    return found


def suspensions(fn, src):
    """(line, text) of each await, yield and `async with` of fn's own body."""
    out = []

    def walk(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(child, (ast.Await, ast.Yield, ast.YieldFrom)):
                out.append((child.lineno, ast.get_source_segment(src, child).replace("\n", " ")))
            elif isinstance(child, ast.AsyncWith):
                expr = ast.get_source_segment(src, child.items[0].context_expr)
                out.append((child.lineno, "async with " + expr))
            walk(child)
    walk(fn)
    return sorted(out)


def point_line(points, alternatives):
    for alt in alternatives:
        text, _, nth = alt.partition("#")
        lines = [line for line, t in points if t == text]
        if len(lines) >= int(nth or 1):
            return lines[int(nth or 1) - 1]
    return 0


def main():
    sources = []  # per release: {qualname: (file, node, src)}
    for _, where in RELEASES:
        table = {}
        for name in FILES:
            src = read(where, name)
            for q, node in functions(ast.parse(src)).items():
                table.setdefault(q, (name, node, src))
        sources.append(table)
    rows = []
    for q in list(POINTS) + DEF_ONLY:
        files = {t[q][0] for t in sources if q in t}
        if not files:
            sys.exit("no release defines " + q)
        assert len(files) == 1, (q, files)
        defs, at = [], [[] for _ in range(MAX_POINTS)]
        for t in sources:
            if q not in t or not isinstance(t[q][1], ast.AsyncFunctionDef):
                defs.append(0)
                for col in at:
                    col.append(0)
                continue
            _, node, src = t[q]
            defs.append(node.decorator_list[0].lineno if node.decorator_list else node.lineno)
            points = suspensions(node, src)
            for i, col in enumerate(at):
                alts = POINTS.get(q, [])
                col.append(point_line(points, alts[i]) if i < len(alts) else 0)
        rows.append((files.pop(), q, defs, at[:len(POINTS.get(q, []))]))
    emit(rows)


def fmt(lines):
    return "{" + ", ".join(str(n) for n in lines) + "}"


def emit(rows):
    print("/* Generated by oracle/tools/pysource_coro.py: where asyncio's coroutines")
    print(" * that simloop implements in C are defined and suspend, per release")
    print(" * (" + ", ".join(r for r, _ in RELEASES) + "; see pysource.h). */")
    print('#include "core/pysource.h"')
    print()
    print("#include <string.h>")
    print()
    print("#define MAX_POINTS %d" % MAX_POINTS)
    print()
    print("typedef struct coro_source {")
    print("  const char *file;")
    print("  const char *qualname;")
    print("  int def[SL_PYSOURCE_RELEASES]; /* co_firstlineno; 0: no async def there */")
    print("  /* at[k-1]: the line of suspension point k; 0: none there */")
    print("  int at[MAX_POINTS][SL_PYSOURCE_RELEASES];")
    print("} coro_source;")
    print()
    print("static const coro_source sources[] = {")
    for f, q, defs, at in rows:
        pts = ", .at = {" + ", ".join(fmt(c) for c in at) + "}" if at else ""
        print('    {.file = "%s", .qualname = "%s", .def = %s%s},' % (f, q, fmt(defs), pts))
    print("};")
    print()
    print("bool sl_pysource_coro_find(const sl_profile *p, const char *qualname, int point,")
    print("                           const char **file, int *line) {")
    print("  int col = sl__pysource_release(p);")
    print("  for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {")
    print("    const coro_source *s = &sources[i];")
    print("    if (strcmp(s->qualname, qualname)) continue;")
    print("    if (point < 0 || point > MAX_POINTS) return false;")
    print("    *file = s->file;")
    print("    *line = point ? s->at[point - 1][col] : s->def[col];")
    print("    return s->def[col] && *line;")
    print("  }")
    print("  return false;")
    print("}")


main()
