"""VirtualLoop: real asyncio (BaseEventLoop) on a virtual clock.

Nothing here changes asyncio's logic: the loop subclass only supplies the
clock and a selector that never blocks, and the hooks only observe
(`Handle._run`, `call_at`, `_timer_handle_cancelled`, `create_task`,
`call_exception_handler`).  The only deliberate changes are the pinned
iteration orders listed in oracle/README.md.
"""

import re

import asyncio
from asyncio import base_events, events, taskgroups, tasks

from . import net as simnet
from .net import FakeSelector
from .ordered import OrderedSet
from .tracer import _TASK_N, Deadlock, current_task, is_gc_message

_current = None           # Tracer that new VirtualLoops attach to


def set_tracer(tracer):
    global _current
    _current = tracer


class VirtualLoop(asyncio.SelectorEventLoop):
    """The platform's SelectorEventLoop (so add_reader, sock_*, transports
    are CPython's own code, and isinstance(loop, asyncio.SelectorEventLoop)
    holds as on Linux) over the simulated network's FakeSelector; no
    self-pipe."""
    _simloop_tracer = None

    def __init__(self):
        # One clock per program (env.py): every traced loop shares it.
        tr = _current
        self._simloop_clock = tr.clock if tr is not None else [0.0]
        self._simloop_tracer = tr
        super().__init__(FakeSelector(self))
        if tr is not None:
            tr.loop = self
        self._clock_resolution = 1e-9       # pinned (research 1.4)
        self.set_debug(False)
        # pin: shutdown_asyncgens closes generators in first-use order
        self._asyncgens.data = OrderedSet(self._asyncgens.data)

    @property
    def _now(self):
        return self._simloop_clock[0]

    @_now.setter
    def _now(self, value):
        self._simloop_clock[0] = value

    def time(self):
        return self._simloop_clock[0]

    def _make_self_pipe(self):
        pass

    def _close_self_pipe(self):
        pass

    def _write_to_self(self):
        pass

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
        # The simulated resolver answers at once (docs/io.md): no thread
        # pool hop, as simloop has no executor threads yet.
        return simnet.getaddrinfo(host, port, family, type, proto, flags)

    def call_at(self, when, callback, *args, **kwargs):
        handle = super().call_at(when, callback, *args, **kwargs)
        tr = self._simloop_tracer
        if tr is not None and tr.active:
            tr.on_timer("scheduled", handle._when)
        return handle

    def _timer_handle_cancelled(self, handle):
        tr = self._simloop_tracer
        if tr is not None and tr.active and handle._scheduled:
            tr.on_timer("cancelled", handle._when)
        super()._timer_handle_cancelled(handle)

    def create_task(self, coro, *args, **kwargs):
        tr = self._simloop_tracer
        if tr is None or not tr.active:
            return super().create_task(coro, *args, **kwargs)
        parent = current_task()
        tr._creating.append(parent)
        tr._autoname.append(kwargs.get("name") is None)
        try:
            task = super().create_task(coro, *args, **kwargs)
        finally:
            tr._creating.pop()
            tr._autoname.pop()
        if kwargs.get("name") is None:
            tr.rename_once(task)
        tr.register_task(task, coro, parent)
        tr.check_done(task)                 # eager tasks may already be done
        return task

    def call_exception_handler(self, context):
        tr = self._simloop_tracer
        if tr is not None and tr.active and not is_gc_message(context.get("message")):
            tr.on_error(context)
        if self._exception_handler is not None:
            super().call_exception_handler(context)
        # else: silent (the default handler would log to stderr)


# A program that prints its loop or type(loop) sees the class CPython runs on
# Linux (`<_UnixSelectorEventLoop running=True ...>`), as under simloop;
# the methods keep their own qualnames (names.py maps those).
VirtualLoop.__name__ = VirtualLoop.__qualname__ = "_UnixSelectorEventLoop"
VirtualLoop.__module__ = "asyncio.unix_events"


_Policy = getattr(events, "BaseDefaultEventLoopPolicy", None) or \
    events._BaseDefaultEventLoopPolicy


class VirtualPolicy(_Policy):
    _loop_factory = VirtualLoop


def set_policy(policy):
    setter = getattr(events, "_set_event_loop_policy", None) or \
        events.set_event_loop_policy
    setter(policy)


def get_policy():
    getter = getattr(events, "_get_event_loop_policy", None) or \
        events.get_event_loop_policy
    return getter()


# ---- process-wide hooks (installed once; inert for other loops) ----------

_installed = False


def install():
    global _installed
    if _installed:
        return
    _installed = True

    orig_run = events.Handle._run

    def _run(self):
        tr = getattr(self._loop, "_simloop_tracer", None)
        if tr is None or not tr.active:
            return orig_run(self)
        tr.before_handle(self)
        try:
            return orig_run(self)
        finally:
            tr.after_handle(self)

    events.Handle._run = _run

    # pin: TaskGroup._tasks iterates in insertion order (TaskGroup._abort)
    orig_tg_init = taskgroups.TaskGroup.__init__

    def _tg_init(self, *args, **kwargs):
        orig_tg_init(self, *args, **kwargs)
        self._tasks = OrderedSet(self._tasks)

    taskgroups.TaskGroup.__init__ = _tg_init

    # pin: all_tasks() iterates in creation order (Runner's _cancel_all_tasks)
    orig_all_tasks = tasks.all_tasks

    def all_tasks(loop=None):
        found = orig_all_tasks(loop)
        tr = _current
        if tr is None:
            return found
        return OrderedSet(sorted(found, key=tr.creation_index))

    all_tasks.__doc__ = orig_all_tasks.__doc__
    tasks.all_tasks = all_tasks
    asyncio.all_tasks = all_tasks

    # pin: set(...) inside asyncio.tasks (as_completed, wait, _wait) keeps
    # argument order: tasks get created / sets iterate in argument order
    tasks.set = OrderedSet


def probe_task_counter():
    """Create and finish one throwaway task on an untraced loop; return the
    number in its Task-N name (the counter position)."""
    saved = _current
    set_tracer(None)
    loop = VirtualLoop()
    try:
        async def _probe():
            return None
        task = loop.create_task(_probe())
        n = int(_TASK_N.fullmatch(task.get_name()).group(1))
        loop.run_until_complete(task)
        return n
    finally:
        loop.close()
        set_tracer(saved)

