"""The trace of one scenario run: ids, events, decisions, captured stdout."""

import json
import re
import weakref
from asyncio import events, tasks

from . import names


class Stop(BaseException):
    """Ends a run from inside the loop (not an Exception: `except Exception`
    in the scenario must not swallow it)."""
    outcome = None


class Deadlock(Stop):
    outcome = "deadlock"


class Budget(Stop):
    outcome = "budget"


def quiet_asyncio_cleanup():
    """After a Stop raised inside the program (CPython mode's budgets and
    guard), asyncio.run's clean-up creates coroutines the stopped loop
    never runs: not the program's doing, not worth a warning. (The caller
    restores the filters: warnings.catch_warnings around the run.)"""
    import warnings
    warnings.filterwarnings("ignore", r"coroutine .* was never awaited", RuntimeWarning)


def format_exc(exc):
    """`Type: message` the way traceback.format_exception_only writes the
    exception line (module-qualified type unless builtins/__main__)."""
    if exc is None:
        return None
    t = type(exc)
    stype = t.__qualname__
    mod = t.__module__
    if mod not in ("__main__", "builtins"):
        stype = mod + "." + stype
    try:
        msg = str(exc)
    except BaseException:
        msg = "<exception str() failed>"
    return "%s: %s" % (stype, msg) if msg else stype


_GC_MESSAGES = ("was never retrieved", "was destroyed but it is pending")


def is_gc_message(message):
    return isinstance(message, str) and any(m in message for m in _GC_MESSAGES)


def _float(x):
    return None if x is None else float(x)


class _TaskInfo:
    __slots__ = ("tid", "ref", "reported")

    def __init__(self, tid, task):
        self.tid = tid
        self.ref = weakref.ref(task)
        self.reported = False


_TASK_N = re.compile(r"Task-(\d+)")


class Tracer:
    def __init__(self, write, decisions=(), max_steps=None, name_base=0):
        self._write = write              # write(str) for one JSONL line
        # io decisions have their own cursor (docs/io.md): they neither
        # block nor are blocked by cost/oversleep entries
        self.decisions = [d for d in decisions if d["kind"] != "io"]
        self.io_decisions = [d for d in decisions if d["kind"] == "io"]
        self.dpos = 0
        self.iopos = 0
        self.loop = None                 # the last VirtualLoop created
        self.io_handles = weakref.WeakSet()   # readers/writers ever registered
        self.net = None                  # set by the runner
        self.pool = None                 # pool.Pool, set by pool.install
        self.max_steps = max_steps
        self.name_base = name_base       # Task-N offset (0 in a fresh process)
        self.active = True
        self.step = 0
        self.pos = 0
        self.t = 0.0                     # last virtual time seen
        self.clock = [0.0]               # the program's one virtual clock (env.py)
        self.stopped = None              # Stop subclass once the run is over
        self._tasks = weakref.WeakKeyDictionary()   # task -> _TaskInfo
        self._order = []                 # _TaskInfo in creation order
        self._futs = weakref.WeakKeyDictionary()    # future -> "F<k>"
        self._strong = {}                # fallback for non-weakrefable objects
        self._nfut = 0
        self._pending = []               # task events waiting for their name
        self._creating = []              # parents of create_task calls in progress
        self._autoname = []              # per create_task in progress: unnamed?
        self._renamed = weakref.WeakSet()  # tasks whose Task-N was rebased
        self._subject = []               # task whose step/wakeup is running

    # ---- output ----------------------------------------------------------
    def emit(self, ev):
        if self._pending:
            self._flush_tasks()
        self._write(json.dumps(ev, separators=(",", ":")))

    def _flush_tasks(self):
        pending, self._pending = self._pending, []
        for info, coro, parent, step in pending:
            task = info.ref()
            name = task.get_name() if task is not None else None
            self._write(json.dumps(
                {"ev": "task", "id": info.tid, "name": name, "coro": coro,
                 "parent": parent, "step": step}, separators=(",", ":")))

    # ---- ids -------------------------------------------------------------
    def rename_once(self, task):
        """Rebases an auto-named task's Task-N on the counter position read at
        start (in-process runs), once per task."""
        if not self.name_base or task in self._renamed:
            return
        self._renamed.add(task)
        m = _TASK_N.fullmatch(task.get_name())
        if m is not None:
            task.set_name("Task-%d" % (int(m.group(1)) - self.name_base))

    def register_task(self, task, coro=None, parent=False):
        info = self._tasks.get(task)
        if info is not None:
            return info
        if self._autoname and self._autoname[-1]:
            # First seen inside create_task: an eager first step printing or
            # scheduling. Rebase its name now, before the event shows it.
            self.rename_once(task)
        if parent is False:
            parent = self._creating[-1] if self._creating else current_task()
        info = _TaskInfo("T%d" % (len(self._order) + 1), task)
        self._tasks[task] = info
        self._order.append(info)
        if coro is None:
            coro = task.get_coro()
        cq = getattr(coro, "__qualname__", None) or type(coro).__qualname__
        pid = self.ident(parent) if parent is not None else None
        self._pending.append((info, cq, pid, self.step))
        return info

    def ident(self, obj):
        if names.is_task(obj):
            return self.register_task(obj).tid
        if obj is None or not hasattr(obj, "add_done_callback"):
            return "?"
        try:
            fid = self._futs.get(obj)
        except TypeError:
            fid = self._strong.get(id(obj), (None, None))[1]
        if fid is None:
            self._nfut += 1
            fid = "F%d" % self._nfut
            try:
                self._futs[obj] = fid
            except TypeError:
                self._strong[id(obj)] = (obj, fid)
        return fid

    def creation_index(self, task):
        info = self._tasks.get(task) or self.register_task(task)
        return int(info.tid[1:])

    # ---- tasks -----------------------------------------------------------
    def check_done(self, task):
        info = self._tasks.get(task)
        if info is None or info.reported:
            return
        state = task._state
        if state == "PENDING":
            return
        info.reported = True
        if state == "CANCELLED":
            outcome, detail = "cancelled", None
        elif task._exception is not None:
            outcome, detail = "exception", format_exc(task._exception)
        else:
            outcome, detail = "result", repr(task._result)
        self.emit({"ev": "task_done", "id": info.tid, "step": self.step,
                   "outcome": outcome, "detail": detail})

    def sweep(self):
        """Report finished tasks not seen finishing (normally none)."""
        for info in self._order:
            if not info.reported:
                task = info.ref()
                if task is not None:
                    self.check_done(task)

    # ---- decisions ---------------------------------------------------------
    def decide(self, kind):
        if kind == "io":
            if self.iopos < len(self.io_decisions):
                d = self.io_decisions[self.iopos]
                if d.get("step", self.step) == self.step:
                    self.iopos += 1
                    v = float(d["value"])
                    self.emit({"ev": "decision", "step": self.step, "kind": kind,
                               "value": v})
                    return v
            return 0.0
        if self.dpos < len(self.decisions):
            d = self.decisions[self.dpos]
            if d["kind"] == kind and d.get("step", self.step) == self.step:
                self.dpos += 1
                v = float(d["value"])
                self.emit({"ev": "decision", "step": self.step, "kind": kind,
                           "value": v})
                return v
        return 0.0

    # ---- loop hooks --------------------------------------------------------
    def on_select(self, loop, timeout):
        if self.stopped is not None:
            raise self.stopped()
        if self.max_steps is not None and self.step >= self.max_steps:
            self.stopped = Budget
            raise Budget()
        self.step += 1
        self.pos = 0
        self.t = loop._now
        self.emit({"ev": "step", "i": self.step, "t": loop._now,
                   "timeout": _float(timeout)})
        sel = loop._selector
        net = self.net
        if self.pool is not None and self.pool.jobs:
            timeout = self.pool.run_due(loop, timeout, sel, net)
        if net is None or not sel.get_map():
            if timeout is None:
                self.stopped = Deadlock
                raise Deadlock()
            self._sleep(loop, timeout)
            self.t = loop._now
            return []
        ready = sel.ready_now(net)
        if not ready:
            nxt = net.next_arrival(sel.readers(), sel.writers())
            if timeout is None:
                if nxt is None:
                    self.stopped = Deadlock
                    raise Deadlock()
                loop._now = nxt
            elif nxt is not None and nxt < loop._now + timeout:
                loop._now = nxt
            else:
                self._sleep(loop, timeout)
            ready = sel.ready_now(net)
        if len(ready) >= 2 and self.decide("io") > 0:
            ready.reverse()
        self.t = loop._now
        return ready

    def _sleep(self, loop, timeout):
        if timeout > 0:
            loop._now = loop._now + timeout
            extra = self.decide("oversleep")
            if extra:
                loop._now = loop._now + extra

    def before_handle(self, handle):
        loop = handle._loop
        cb = handle._callback
        owner = getattr(cb, "__self__", None)
        self._subject.append(owner if names.is_task(owner) else None)
        self.t = loop._now
        self.emit({"ev": "handle", "step": self.step, "pos": self.pos,
                   "t": loop._now,
                   "name": names.handle_name(self.ident, handle, handle in self.io_handles)})
        self.pos += 1

    def after_handle(self, handle):
        task = self._subject.pop()
        if task is not None:
            self.check_done(task)
        cost = self.decide("cost")
        if cost:
            loop = handle._loop
            loop._now = loop._now + cost
            self.t = loop._now

    def on_timer(self, op, when):
        self.emit({"ev": "timer", "step": self.step, "op": op,
                   "when": _float(when)})

    def on_error(self, context):
        exc = context.get("exception")
        self.emit({"ev": "error", "step": self.step,
                   "message": context.get("message"),
                   "exception": format_exc(exc) if isinstance(exc, BaseException) else None})

    def on_sock(self, op, conn, fd, peer, n, t):
        if not self.active:
            # a transport CPython's GC finalizes after the run closes its
            # socket (_SelectorTransport.__del__): not the scenario's doing
            return
        self.emit({"ev": "sock", "step": self.step, "op": op, "conn": conn, "fd": fd,
                   "peer": peer, "n": n, "t": _float(t)})

    def on_output(self, text):
        task = current_task()
        tid = self.ident(task) if task is not None else None
        self.emit({"ev": "output", "step": self.step, "task": tid, "text": text})


def current_task():
    loop = events._get_running_loop()
    if loop is None:
        return None
    return tasks.current_task(loop)
