"""Threads as a simulated pool (DESIGN.md section 4), for CPython.

simloop runs a function given to ``run_in_executor``/``to_thread`` whole,
in the engine, at a moment chosen by a ``thread`` decision (seconds after
the submit; default 0: before the loop's next select sleeps), and its
outcome reaches the loop as CPython's own ``_chain_future`` delivers it
(``call_soon_threadsafe(_set_state, destination, source)``). This module
gives real CPython the very same pool, so ``simloop conform`` stays
step-exact and no real thread ever starts (Pyodide has none):

- ``concurrent.futures.ThreadPoolExecutor`` is ``SimPoolExecutor`` for the
  run: ``submit`` returns a real ``concurrent.futures.Future``, already
  running (a worker picked the job at once, so cancelling it fails, as it
  would), and records the job, due ``thread`` seconds later;
- ``base_events.threading.Thread`` (the thread ``shutdown_default_executor``
  starts for ``_do_shutdown``) is ``SimThread``: its target is a job due
  when the last pending job is, after them, with no decision;
- ``Pool.run_due``, called by the tracer's ``select``: when the first job is
  due within the select's timeout (and no socket is ready or arrives
  earlier) the clock moves to it, every job due by then runs in (due,
  submit order), and the select returns at once (timeout 0);
- a job runs as in its thread: no running loop, ``time.sleep`` moves
  nothing (env.py asks ``in_thread``).
"""

import concurrent.futures
import threading
from asyncio import base_events, events

from .tracer import Stop


class _Job:
    __slots__ = ("due", "seq", "fn", "args", "kwargs", "future", "executor")

    def __init__(self, due, seq, fn, args, kwargs, future, executor):
        self.due, self.seq = due, seq
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.future, self.executor = future, executor


class Pool:
    def __init__(self, tracer):
        self._tracer = tracer
        self.jobs = []
        self._seq = 0
        self.in_thread = False

    def add(self, due, fn, args, kwargs, future=None, executor=None):
        self._seq += 1
        self.jobs.append(_Job(due, self._seq, fn, args, kwargs, future, executor))

    def last_due(self):
        now = self._tracer.clock[0]
        return max([now] + [j.due for j in self.jobs])

    def _run(self, job):
        saved = events._get_running_loop()
        events._set_running_loop(None)       # a thread has no running loop
        self.in_thread = True
        try:
            result = job.fn(*job.args, **job.kwargs)
        except Stop:
            raise
        except BaseException as exc:         # _WorkItem.run
            if job.future is not None:
                job.future.set_exception(exc)
        else:
            if job.future is not None:
                job.future.set_result(result)
        finally:
            self.in_thread = False
            events._set_running_loop(saved)

    def _take_due(self, now, executor=None):
        best = None
        for j in self.jobs:
            if j.due <= now and (executor is None or j.executor is executor) and \
                    (best is None or (j.due, j.seq) < (best.due, best.seq)):
                best = j
        if best is not None:
            self.jobs.remove(best)
        return best

    def run_due(self, loop, timeout, sel, net):
        """At the start of a select: runs the jobs due within `timeout`;
        returns the timeout the rest of the select uses."""
        if not self.jobs:
            return timeout
        due = min(j.due for j in self.jobs)
        now = loop._now
        if due > now:
            if timeout is not None and due > now + timeout:
                return timeout
            if net is not None and sel.get_map():
                if sel.ready_now(net):
                    return timeout
                nxt = net.next_arrival(sel.readers(), sel.writers())
                if nxt is not None and nxt < due:
                    return timeout
            loop._now = due
        while True:
            job = self._take_due(loop._now)
            if job is None:
                break
            self._run(job)
        return 0.0

    def run_all(self, executor):
        """executor.shutdown(wait=False) from loop.close(): the threads
        finish their jobs; the loop is closed, so nothing reaches it."""
        while True:
            job = self._take_due(float("inf"), executor)
            if job is None:
                break
            self._run(job)


_pool = None                           # the current run's Pool


class SimPoolExecutor(concurrent.futures.Executor):
    """ThreadPoolExecutor's interface over the run's Pool."""

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None,
                 initargs=()):
        self._shutdown = False

    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        future = concurrent.futures.Future()
        future.set_running_or_notify_cancel()
        tracer = _pool._tracer
        delay = tracer.decide("thread")
        _pool.add(tracer.clock[0] + delay, fn, args, kwargs, future, self)
        return future

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if not wait:
            _pool.run_all(self)


class SimThread:
    """threading.Thread for base_events: shutdown_default_executor's thread."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        self._target, self._args, self._kwargs = target, args, kwargs or {}

    def start(self):
        _pool.add(_pool.last_due(), self._target, self._args, self._kwargs)

    def join(self, timeout=None):
        pass


class _Threading:
    """base_events' view of `threading`: the real module but for Thread."""
    Thread = SimThread

    def __getattr__(self, name):
        return getattr(threading, name)


_saved = None


def install(tracer):
    global _pool, _saved
    _pool = Pool(tracer)
    tracer.pool = _pool
    cf = concurrent.futures
    _saved = (cf.__dict__.get("ThreadPoolExecutor"), base_events.threading)
    cf.ThreadPoolExecutor = SimPoolExecutor
    base_events.threading = _Threading()


def uninstall():
    global _pool, _saved
    if _saved is None:
        return
    tpe, thr = _saved
    cf = concurrent.futures
    if tpe is None:
        del cf.ThreadPoolExecutor           # back to the package's lazy __getattr__
    else:
        cf.ThreadPoolExecutor = tpe
    base_events.threading = thr
    _saved = None
    _pool = None
