"""Canonical handle names (docs/trace.md, "Canonical callback names").

A handle is named by what its callback is, never by its repr (reprs carry
addresses and paths).  Identification follows research section 7: the C
Task's step is a ``TaskStepMethWrapper`` whose ``__self__`` is the task, its
wakeup a builtin method named ``task_wakeup``; the pure-Python Task uses
bound methods ``__step``/``__wakeup``; asyncio's closures are recognised by
``__module__`` + ``__qualname__``.
"""

import functools
from asyncio import base_events, events, futures, selector_events, taskgroups, tasks, timeouts

_TASKS = "asyncio.tasks"

# qualname in asyncio.tasks -> canonical prefix (argument 0 is the future X)
_CLOSURES = {
    "gather.<locals>._done_callback": "gather.done",
    "shield.<locals>._inner_done_callback": "shield.inner_done",
    "shield.<locals>._outer_done_callback": "shield.outer_done",
    "shield.<locals>._clear_awaited_by_callback": "shield.clear_awaited_by",
    "_wait.<locals>._on_completion": "wait.on_completion",
    "as_completed.<locals>._on_completion": "as_completed.on_completion",
    "_AsCompletedIterator._handle_completion": "as_completed.on_completion",
}
# qualname in asyncio.futures (run_in_executor's _chain_future) -> canonical
# prefix (argument 0 is the asyncio future, the chain's destination)
_FUTURE_CLOSURES = {
    "_chain_future.<locals>._set_state": "chain_future.set_state",
    "_chain_future.<locals>._call_check_cancel": "chain_future.check_cancel",
}
_NOARG = {
    "as_completed.<locals>._on_timeout": "as_completed.on_timeout",
    "_AsCompletedIterator._handle_timeout": "as_completed.on_timeout",
}

_run_until_complete_cb = base_events._run_until_complete_cb
_set_result_unless_cancelled = futures._set_result_unless_cancelled
_release_waiter = tasks._release_waiter
_log_on_exception = getattr(tasks, "_log_on_exception", None)
_on_timeout = timeouts.Timeout._on_timeout
_on_task_done = taskgroups.TaskGroup._on_task_done
_loop_stop = base_events.BaseEventLoop.stop
_SEL = selector_events.BaseSelectorEventLoop
# loop methods run as readers/writers -> canonical label (argument 0 is the future)
_IO_METHODS = {_SEL._sock_recv: "sock_recv", _SEL._sock_recv_into: "sock_recv_into",
               _SEL._sock_sendall: "sock_sendall", _SEL._sock_accept: "sock_accept"}
_TASK_TYPES = tuple({tasks.Task, tasks._PyTask})


def is_task(x):
    return isinstance(x, _TASK_TYPES)


def qualname(cb):
    if isinstance(cb, functools.partial):
        return qualname(cb.func)
    q = getattr(cb, "__qualname__", None)
    if isinstance(q, str):
        return q
    return type(cb).__qualname__


def describe(ids, cb, args):
    """Name of callback `cb` called with `args`; `ids(obj)` gives T<k>/F<k>."""
    if type(cb).__name__ == "TaskStepMethWrapper":          # C Task.__step
        return "step " + ids(cb.__self__)
    name = getattr(cb, "__name__", None)
    owner = getattr(cb, "__self__", None)
    if owner is not None and is_task(owner):
        if name in ("__step", "_Task__step"):                  # Py Task.__step
            return "step " + ids(owner)
        if name in ("task_wakeup", "__wakeup", "_Task__wakeup"):
            return "wakeup %s <- %s" % (ids(owner), ids(args[0]) if args else "?")
    if cb is _run_until_complete_cb:
        return "run_until_complete " + ids(args[0])
    if cb is _set_result_unless_cancelled:
        return "sleep " + ids(args[0])
    if cb is _release_waiter:
        return "release_waiter " + ids(args[0])
    if isinstance(cb, functools.partial) and cb.func is _release_waiter:
        return "release_waiter " + ids(cb.args[0])
    if _log_on_exception is not None and cb is _log_on_exception:
        return "shield.log_on_exception " + ids(args[0])
    func = getattr(cb, "__func__", None)
    if func is not None:
        if func is _on_timeout:
            return "timeout " + ids(getattr(owner, "_task", None))
        if func is _on_task_done:
            return "taskgroup.on_task_done " + ids(args[0])
        if func is _loop_stop and isinstance(owner, events.AbstractEventLoop):
            return "loop.stop"
        if func in _IO_METHODS:
            return "%s %s" % (_IO_METHODS[func], ids(args[0]) if args else "?")
    if getattr(cb, "__module__", None) == "asyncio.futures":
        q = getattr(cb, "__qualname__", None)
        if q in _FUTURE_CLOSURES:
            return "%s %s" % (_FUTURE_CLOSURES[q], ids(args[0]) if args else "?")
    if getattr(cb, "__module__", None) == _TASKS:
        q = getattr(cb, "__qualname__", None)
        if q in _CLOSURES:
            return "%s %s" % (_CLOSURES[q], ids(args[0]) if args else "?")
        if q in _NOARG:
            return _NOARG[q]
    q = qualname(cb)
    if q.startswith("VirtualLoop."):        # the oracle's loop subclass
        q = "BaseEventLoop." + q[len("VirtualLoop."):]
    return "user " + q


def handle_name(ids, handle, is_io=False):
    prefix = "timer:" if isinstance(handle, events.TimerHandle) else \
        "io:" if is_io else "soon:"
    return prefix + describe(ids, handle._callback, handle._args or ())
