"""Run one scenario file under the VirtualLoop and write its trace."""

import gc
import hashlib
import os
import platform
import runpy
import sys
import traceback

from asyncio import events, tasks

from . import __version__, env, net as simnet, vloop
from .tracer import Stop, Tracer, format_exc


def impl():
    """'c' when asyncio uses the _asyncio accelerator, else 'py'."""
    return "py" if tasks.Task is tasks._PyTask else "c"


class _Capture:
    """sys.stdout during a run: keeps the text, emits one `output` per line."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, tracer):
        self._tracer = tracer
        self._line = []
        self.chunks = []

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        self.chunks.append(s)
        parts = s.split("\n")
        for part in parts[:-1]:
            self._line.append(part)
            text = "".join(self._line)
            self._line = []
            if self._tracer.active:
                self._tracer.on_output(text)
        if parts[-1]:
            self._line.append(parts[-1])
        return len(s)

    def finish(self):
        if self._line:
            text, self._line = "".join(self._line), []
            self._tracer.on_output(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False


class _Null:
    encoding = "utf-8"

    def write(self, s):
        return len(s)

    def flush(self):
        pass


def _forget_program_modules(dirs, before):
    """Drop the modules the program imported from its own folders, so the
    next scenario of a batch imports (and runs) its own afresh."""
    roots = tuple(d.rstrip(os.sep) + os.sep for d in dirs)
    for name in list(sys.modules):
        if name in before:
            continue
        f = getattr(sys.modules[name], "__file__", None) or ""
        if f.startswith(roots):
            del sys.modules[name]


def _logging_state():
    """What a program may change in logging (a batch runs many programs)."""
    import logging
    loggers = [logging.root] + [lg for lg in logging.Logger.manager.loggerDict.values()
                                if isinstance(lg, logging.Logger)]
    return (set(logging.Logger.manager.loggerDict),
            [(lg, lg.level, list(lg.handlers), lg.propagate, lg.disabled) for lg in loggers])


def _restore_logging(state):
    import logging
    names, saved = state
    for name in list(logging.Logger.manager.loggerDict):
        if name not in names:
            del logging.Logger.manager.loggerDict[name]
    for lg, level, handlers, propagate, disabled in saved:
        lg.handlers[:] = handlers
        lg.level, lg.propagate, lg.disabled = level, propagate, disabled
    logging.Logger.manager._clear_cache()


def run_scenario(path, write_line, decisions=(), max_steps=None, probe=False, machine=None,
                 tracer=None, quiet=False, code=None, collect=True, source=None):
    """Run `path`; write JSONL lines with write_line(str); return stdout text.

    machine: {"path": [DIR], "setenv": ["NAME=VALUE"], "args": [ARG]}, the
    simulated process's module folders, environment and sys.argv[1:].

    probe=True: this interpreter may have created tasks before (batch run
    in one process): read the Task-N counter and rename auto-named tasks
    so names match a fresh process.

    tracer: a Tracer built by the caller (CPython mode's EngineTracer,
    engine.py) instead of one from write_line/decisions/max_steps; its
    `outcome` and `exc` tell how the run ended. quiet: no traceback on
    stderr. code: the file compiled
    already (CPython mode's fork server compiles it once). collect=False:
    no gc.collect() at the end (a forked child that exits right after).
    """
    if source is None:                      # (CPython mode's server read it once)
        with open(path, "rb") as f:
            source = f.read()
    vloop.install()
    base = vloop.probe_task_counter() if probe else 0
    if tracer is None:
        tracer = Tracer(write_line, decisions, max_steps, name_base=base)
    tracer.emit({
        "ev": "run", "engine": "cpython", "engine_version": __version__,
        "python": platform.python_version(), "scenario": path,
        "sha256": hashlib.sha256(source).hexdigest(), "seed": None,
        "impl": impl(),
    })
    tracer.net = simnet.Net(lambda: tracer.clock[0], tracer.decide, tracer.on_sock)
    simnet.start_run(tracer.net)
    capture = _Capture(tracer)
    saved_policy = vloop.get_policy()
    saved_stdout, saved_argv, saved_path0 = sys.stdout, sys.argv, list(sys.path)
    events._set_running_loop(None)
    vloop.set_tracer(tracer)
    vloop.set_policy(vloop.VirtualPolicy())
    sys.stdout = capture
    machine = machine or {}
    sys.argv = [path] + list(machine.get("args", ()))
    program_dirs = [os.path.dirname(os.path.abspath(path))] + \
        [os.path.abspath(d) for d in machine.get("path", ())]
    sys.path[0:0] = program_dirs
    modules_before = set(sys.modules)
    logging_before = _logging_state()
    environment = env.Environment(tracer, machine.get("setenv", ()))
    outcome, detail, exc = "ok", None, None
    try:
        environment.install()
        if code is None:
            runpy.run_path(path, run_name="__main__")
        else:                               # what run_path does with the code
            runpy._run_module_code(code, None, "__main__", script_name=path)
    except Stop as e:
        outcome = e.outcome
        if outcome == "exception":         # CPython mode's guard.NotSimulated
            detail, exc = format_exc(e), e
    except SystemExit as e:
        if e.code not in (None, 0):
            outcome, detail, exc = "exception", format_exc(e), e
    except BaseException as e:
        outcome, detail, exc = "exception", format_exc(e), e
        if not quiet:
            traceback.print_exc(file=sys.stderr)
    finally:
        environment.uninstall()
        capture.finish()
        tracer.sweep()
        tracer.active = False
        sys.stdout = _Null()                # GC-time output is not the scenario's
        sys.argv = saved_argv
        sys.path[:] = saved_path0
        _forget_program_modules(program_dirs, modules_before)
        _restore_logging(logging_before)
        vloop.set_tracer(None)
        simnet.end_run()
        events._set_running_loop(None)
        vloop.set_policy(saved_policy)
    memory = getattr(tracer, "memory", None)   # CPython mode's --max-memory
    if outcome == "exception" and memory is not None and memory.seen(exc, stop=False):
        outcome, detail, exc = "budget", None, None
    tracer.outcome, tracer.exc = outcome, exc
    tracer.emit({"ev": "end", "outcome": outcome, "detail": detail,
                 "steps": tracer.step, "t": tracer.clock[0]})
    if collect:
        gc.collect()
    sys.stdout = saved_stdout
    return "".join(capture.chunks)
