"""CPython mode's real-world budgets (docs/cli.md "Budgets"): the loop
iterations one step may run (--max-iterations) and the real seconds one
run may take (--max-wall), worded as simloop's engine words them
(sim/scenario.c budget_report).

Both end the run as the other budgets do: the tracer's `stopped` becomes
Budget and Budget is raised where the program is; the task that was
running takes it as its exception, and the loop stops at its next select
(tracer.on_select raises `stopped`).

The iteration budget costs a trace function (sys.settrace) in every
Python frame, so it is counted only when the request asks for it (simloop
sends it when --max-iterations was given); a loop that never awaits is
otherwise stopped by the wall-clock budget, which costs nothing until it
fires.
"""

import signal
import sys

from .guard import OwnCode
from .tracer import Budget, quiet_asyncio_cleanup


def _num(x):
    return repr(float(x))


class Budgets:
    """Installs the budgets of one request around one run (a context)."""

    def __init__(self, tracer, max_iterations=None, max_wall=None):
        self.tracer = tracer
        self.max_iterations = int(max_iterations) if max_iterations else 0
        self.max_wall = float(max_wall) if max_wall else 0.0
        self._is_own = OwnCode()
        self._step = -1
        self._count = 0
        self._saved_alarm = None

    def __enter__(self):
        if self.max_wall > 0:
            self._saved_alarm = signal.signal(signal.SIGALRM, self._wall_hit)
            signal.setitimer(signal.ITIMER_REAL, self.max_wall)
        if self.max_iterations:
            sys.settrace(self._global_trace)
        return self

    def __exit__(self, *exc):
        if self.max_iterations:
            sys.settrace(None)
        if self._saved_alarm is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._saved_alarm)
        return False

    def _stop(self, why):
        self.tracer._budget(why)
        quiet_asyncio_cleanup()
        raise Budget()

    # ---- --max-wall ----------------------------------------------------------
    def _wall_hit(self, signum, frame):
        if self.tracer.stopped is None and self.tracer.active:
            self._stop("wall-clock budget of %s seconds exhausted (--max-wall)"
                       % _num(self.max_wall))

    # ---- --max-iterations ----------------------------------------------------
    def _global_trace(self, frame, event, arg):
        if not self._is_own(frame.f_code.co_filename):
            return None
        last = [frame.f_lineno]

        def local(frame, event, arg):
            # a line at or above the previous one in the same frame: the
            # loop jumped back, one more iteration
            if event == "line":
                line = frame.f_lineno
                if line <= last[0]:
                    self._iteration()
                last[0] = line
            return local
        return local

    def _iteration(self):
        step = self.tracer.step
        if step != self._step:
            self._step, self._count = step, 0
        self._count += 1
        if self._count > self.max_iterations:
            self._stop("loop-iteration budget of %d iterations in one step exhausted "
                       "(--max-iterations): an endless loop without await?"
                       % self.max_iterations)
