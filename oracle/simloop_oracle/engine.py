"""CPython mode: one schedule of a program under real CPython, with the
decisions, verdict and fingerprint simloop's trials need (docs/cpython.md).

The oracle's Tracer replays a decision log; EngineTracer also answers from
a *stream*: the values simloop's strategy (random, pct, bounded) or fuzzer
bytes give to decision points 0, 1, 2, ... (every point but `seed` counts,
as in sim/schedule.c), and a list of values for the `seed` points. simloop
draws the stream from the same PRNG it uses for its own engine, so a seed
means the same schedule in both engines. It records every decision it
applies with its step and its position (cost and io: index among the
step's points of that kind; seed: costs seen before it in the step), from
which simloop builds the canonical log that replays the run in either
engine.

The verdict follows sim/detect.c: assertion, exception (an exception
escaped asyncio.run, or the loop's exception handler was called),
deadlock (with each waiting task, what it waits for and its line),
never-retrieved, pending-at-exit, budget.
"""

import hashlib
import os
import sys
import sysconfig
import traceback
import warnings

from . import names
from .budgets import Budgets
from .guard import Guard
from .memory import MemoryBudget
from .tracer import Budget, Tracer, format_exc

_STDLIB = os.path.realpath(sysconfig.get_paths()["stdlib"]) + os.sep
_ORACLE = os.path.dirname(os.path.realpath(__file__)) + os.sep


def imports_random(tree):
    """True when the main file imports `random` anywhere (`import random`,
    `from random import ...`): simloop then takes a `seed` decision before
    the module body, and only then (core/lang/compile_stmt.c)."""
    import ast
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name == "random" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and not node.level and node.module == "random":
            return True
    return False


class EngineTracer(Tracer):
    def __init__(self, write, req, seeds_random=True, name_base=0):
        """write: where the trace's lines go, None for no trace."""
        log = req.get("log")
        self.tracing = write is not None
        super().__init__(write or (lambda line: None), log or (), req.get("max_steps"),
                         name_base=name_base)
        self.stream = log is None
        self.timing = req.get("timing") or []
        self.more = bool(req.get("more"))       # values past the list: unknown
        self.seeds = req.get("seeds") or []
        self.max_time = float(req.get("max_time") or 0)
        self.npoints = 0
        self.nseeds = 0
        self.exhausted = False                  # asked past the stream (random)
        self.taken = []                         # [kind, value, step, pos]
        self._cur_step = -1
        self._cur_pos = 0
        self._cur_io = 0
        self.budget_why = None
        self.outcome = "ok"
        self.exc = None
        self.failed = []                        # tasks done with an exception
        self.pending_exit = None                # [(label, where)] at T1's end
        self.handler_calls = []
        self.memory = None                      # the run's MemoryBudget (memory.py)
        self.fp = hashlib.blake2b(digest_size=8)
        # env.py seeds random before the module body: a decision only for a
        # program that imports random, as in simloop (stream mode; a log
        # may start with a seed entry whatever the program, as the oracle's)
        self._skip_first_seed = not seeds_random

    # ---- fingerprint: handle order, task outcomes, output ------------------
    def emit(self, ev):
        k = ev.get("ev")
        if k == "handle":
            self.fp.update(ev["name"].encode() + b"\n")
        elif k == "step":
            self.fp.update(b"#%d\n" % ev["i"])
        elif k == "output":
            self.fp.update(ev["text"].encode("utf-8", "replace") + b"\n")
        elif k == "task_done":
            self.fp.update(("-%s %s %s\n" % (ev["id"], ev["outcome"], ev["detail"]))
                           .encode("utf-8", "replace"))
        if self.tracing:
            super().emit(ev)
        else:                           # no trace asked: no JSON (~1.5 ms a run)
            self._pending.clear()

    # ---- decisions -------------------------------------------------------
    def decide(self, kind):
        if kind == "seed" and self._skip_first_seed:
            self._skip_first_seed = False
            if self.stream:
                return 0.0
        step = self.step
        if step != self._cur_step:
            self._cur_step, self._cur_pos, self._cur_io = step, 0, 0
        if kind == "cost":
            pos = self._cur_pos
            self._cur_pos += 1
        elif kind in ("seed", "thread"):
            pos = self._cur_pos
        elif kind == "io":
            pos = self._cur_io
            self._cur_io += 1
        else:
            pos = 0
        if self.stream:
            v = self._from_stream(kind)
            if v:
                self.emit({"ev": "decision", "step": step, "kind": kind, "value": v})
            # a default thread delay is kept too, as sim/schedule.c keeps it:
            # the canonical log needs the default ones before a later one
            if v or kind == "thread":
                self.taken.append([kind, v, step, pos])
        else:
            before = self.dpos + self.iopos
            v = super().decide(kind)
            if kind != "seed":
                self.npoints += 1
            if self.dpos + self.iopos != before or kind == "thread":
                self.taken.append([kind, v, step, pos])
        if kind != "seed" and self.max_time > 0 and self.clock[0] + v > self.max_time:
            self._budget("virtual time budget of %s s exhausted (--max-time)"
                         % _num(self.max_time))
            if kind != "io":            # io points are inside the program's code
                raise Budget()
        return v

    def _from_stream(self, kind):
        if kind == "seed":
            i = self.nseeds
            self.nseeds += 1
            return float(self.seeds[i]) if i < len(self.seeds) else 0.0
        i = self.npoints
        self.npoints += 1
        if i < len(self.timing):
            return float(self.timing[i])
        if self.more:
            self.exhausted = True
        return 0.0

    def _budget(self, why):
        if self.budget_why is None:
            self.budget_why = why
        self.stopped = Budget

    def on_select(self, loop, timeout):
        if (self.stopped is None and self.max_steps is not None
                and self.step >= self.max_steps):
            self._budget("step budget of %d steps exhausted (--max-steps)" % self.max_steps)
        return super().on_select(loop, timeout)

    # ---- detectors ---------------------------------------------------------
    def check_done(self, task):
        info = self._tasks.get(task)
        was = info is not None and info.reported
        super().check_done(task)
        if info is None or was or not info.reported:
            return
        if task._state == "FINISHED" and task._exception is not None:
            self.failed.append((info.tid, task))  # kept alive: checked at the end
            if self.memory is not None:
                self.memory.seen(task._exception)
        if info.tid == "T1" and self.pending_exit is None:
            self.pending_exit = self._pending_uncancelled(task)

    def _pending_uncancelled(self, main):
        out = []
        for info in self._order:
            t = info.ref()
            if t is None or t is main or t.done():
                continue
            if getattr(t, "cancelling", lambda: 0)():
                continue
            out.append((self._label(info, t), _where(t)))
        return out

    @staticmethod
    def _label(info, task):
        return "%s (%s)" % (info.tid, task.get_name())

    def on_error(self, context):
        super().on_error(context)
        exc = context.get("exception")
        if self.memory is not None:
            self.memory.seen(exc)
        text = context.get("message") or "(no message)"
        if isinstance(exc, BaseException):
            text += " [%s]" % format_exc(exc)
        self.handler_calls.append(text)


def _num(x):
    return repr(float(x))


def _user_frame(tb_frames):
    """The innermost frame outside the standard library and the oracle."""
    for fs in reversed(tb_frames):
        f = os.path.realpath(fs.filename)
        if not f.startswith(_STDLIB) and not f.startswith(_ORACLE):
            return fs
    return tb_frames[-1] if tb_frames else None


def _where(task):
    """" at FILE:LINE in func" where a pending task is suspended."""
    try:
        stack = task.get_stack()
    except Exception:
        return ""
    if not stack:
        return ""
    frames = [traceback.FrameSummary(f.f_code.co_filename, f.f_lineno, f.f_code.co_name,
                                     lookup_line=False) for f in stack]
    fs = _user_frame(frames)
    return " at %s:%d in %s" % (fs.filename, fs.lineno, fs.name) if fs else ""


def _waits_for(tracer, task):
    w = getattr(task, "_fut_waiter", None)
    if w is None:
        return "nothing (runnable)"
    return "%s %s" % (type(w).__name__, tracer.ident(w))


def verdict(tracer):
    """(verdict, detail, report) as sim/detect.c words them."""
    out, exc, t, steps = tracer.outcome, tracer.exc, tracer.clock[0], tracer.step
    escape = getattr(tracer, "escape", None)
    if escape:
        what, where = escape
        rep = ("error: not simulated: %s at %s, at t=%r (step %d); CPython mode cannot make "
               "that deterministic, so the operation was refused and the run stopped "
               "(docs/cpython.md \"What is refused\")\n" % (what, where, t, steps))
        return "error", "not simulated: %s at %s" % (what, where), rep
    unretrieved = ["%s: %s%s" % (tid, format_exc(task._exception), _origin(task._exception))
                   for tid, task in tracer.failed
                   if getattr(task, "_log_traceback", False)]
    if out == "exception":
        summary = format_exc(exc)
        assertion = isinstance(exc, AssertionError)
        kind = "assertion" if assertion else "exception"
        tb = program_traceback(exc)
        rep = "%s: %s escaped asyncio.run at t=%r (step %d)\n%s" % (kind, summary, t, steps, tb)
        return kind, summary + _origin(exc), rep
    if out == "deadlock":
        lines, sig = [], []
        for info in tracer._order:
            task = info.ref()
            if task is None or task.done():
                continue
            label, where = tracer._label(info, task), _where(task)
            waits = _waits_for(tracer, task)
            lines.append("  %s%s\n    waits for %s\n" % (label, where, waits))
            sig.append("%s%s waits for %s" % (label, where, waits))
        rep = ("deadlock at t=%r (step %d): no task can run, no timer is pending\n" % (t, steps)
               + "".join(lines))
        return "deadlock", "; ".join(sig) or "deadlock", rep
    if out == "budget":
        why = tracer.budget_why or "budget exhausted"
        if why.startswith("memory budget"):         # as simloop's engine words it
            return "budget", why, why + "\n"
        rep = ("budget: stopped after %d steps at t=%r: %s; a livelock, or a run longer "
               "than the budget\n" % (steps, t, why))
        return "budget", why, rep
    if tracer.handler_calls:
        n = len(tracer.handler_calls)
        first = tracer.handler_calls[0]
        return ("exception", "exception handler: " + first,
                "exception: the loop's exception handler was called %d time%s; first: %s\n"
                % (n, "" if n == 1 else "s", first))
    if unretrieved:
        n = len(unretrieved)
        return ("never-retrieved", "; ".join(unretrieved),
                "never-retrieved: %d task%s finished with an exception nobody retrieved:\n%s"
                % (n, "" if n == 1 else "s", "".join("  %s\n" % u for u in unretrieved)))
    if tracer.pending_exit:
        n = len(tracer.pending_exit)
        sig = "; ".join(label + where for label, where in tracer.pending_exit)
        return ("pending-at-exit", "pending at exit: " + sig,
                "pending-at-exit: main returned while %d task%s still ran; asyncio.run "
                "cancelled %s:\n%s" % (n, "" if n == 1 else "s", "it" if n == 1 else "them",
                                       "".join("  %s%s\n" % p for p in tracer.pending_exit)))
    return "ok", "", ""


def program_traceback(exc):
    """CPython's traceback printout without the oracle's and runpy's frames
    above the program's own (the frames asyncio adds stay: they are real)."""
    tb = exc.__traceback__
    while tb is not None:
        f = os.path.realpath(tb.tb_frame.f_code.co_filename)
        if not f.startswith(_ORACLE) and not tb.tb_frame.f_code.co_filename.startswith("<frozen"):
            break
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))


def _origin(exc):
    if exc is None or exc.__traceback__ is None:
        return ""
    fs = _user_frame(traceback.extract_tb(exc.__traceback__))
    return " at %s:%d in %s" % (fs.filename, fs.lineno, fs.name) if fs else ""


def run(path, req, write_line, seeds_random=None, code=None, child=False, reused=False,
        source=None):
    """Runs one schedule; returns the result dict (docs/cpython.md).
    child: a forked child that exits after this run (no final collection);
    reused: a process that has run schedules before (Task-N names are
    renumbered as in a fresh process, runner.run_scenario's probe);
    source: the file's bytes, read once by the server."""
    from . import runner, vloop
    if seeds_random is None:
        import ast
        with open(path, "rb") as f:
            seeds_random = imports_random(ast.parse(f.read(), path))
    lines = []
    want_trace = bool(req.get("trace"))
    base = vloop.probe_task_counter() if reused else 0
    tracer = EngineTracer(lines.append if want_trace else None, req, seeds_random,
                          name_base=base)
    with warnings.catch_warnings(), Budgets(tracer, req.get("max_iterations"),
                                            req.get("max_wall")), \
            MemoryBudget(tracer, req.get("max_memory")), Guard(tracer) as g:
        stdout = runner.run_scenario(path, None, tracer=tracer, quiet=True,
                                     machine=req.get("machine"), code=code, collect=not child,
                                     source=source)
    tracer.escape = (g.what, g.where) if g.what else None
    v, detail, report = verdict(tracer)
    for line in lines:
        write_line(line)
    res = {"ev": "result", "verdict": v, "detail": detail, "report": report,
           "outcome": tracer.outcome, "steps": tracer.step, "t": tracer.clock[0],
           "npoints": tracer.npoints, "taken": tracer.taken,
           "exhausted": tracer.exhausted,
           "fingerprint": tracer.fp.hexdigest()}
    if req.get("stdout"):
        res["stdout"] = stdout
    if tracer.outcome == "exception" and req.get("tracebacks") and tracer.exc is not None:
        e = tracer.exc
        res["traceback"] = program_traceback(e)
    return res
