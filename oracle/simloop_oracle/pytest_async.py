"""Async pytest tests and fixtures on one loop per test (docs/pytest.md).

An `async def` test (plain, or marked `asyncio` as pytest-asyncio wants
it) and its async fixtures (`async def`, or an async generator that
yields once) run in one asyncio.Runner, created when the first of them
needs it and closed when the test's teardown ends, as asyncio.run would
close it: tasks a fixture starts can serve the test. Under CPython mode
the event-loop policy is the oracle's, so that loop is the virtual one.
Used by the pytest plugin (pytest_sim.py) and by the driver of `simloop
explore --engine cpython FILE::TEST` (pytest_plugin.py).
"""

import asyncio
import inspect

from .tracer import Stop

_runner = None                  # the current test's asyncio.Runner


def runner():
    global _runner
    if _runner is None:
        _runner = asyncio.Runner()
    return _runner


def close():
    """Ends the current test's loop (at the end of its teardown)."""
    global _runner
    r, _runner = _runner, None
    if r is None:
        return
    try:
        r.close()
    except Stop:
        pass                    # the run already ended (deadlock, budget)


def is_async(func):
    return inspect.iscoroutinefunction(func)


def call_test(pyfuncitem):
    """pytest_pyfunc_call for an async test: True when it ran it."""
    func = pyfuncitem.obj
    if not is_async(func):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {n: pyfuncitem.funcargs[n] for n in names}
    runner().run(func(**kwargs))
    return True


def wrap_fixture(fixturedef):
    """Makes an async fixture a synchronous one that runs on the test's
    loop (pytest_fixture_setup, once per fixture definition)."""
    func = fixturedef.func
    if getattr(func, "_simloop_async", False):
        return
    if inspect.isasyncgenfunction(func):
        def wrapper(*args, **kwargs):
            agen = func(*args, **kwargs)
            value = runner().run(agen.__anext__())
            yield value
            try:
                runner().run(agen.__anext__())
            except StopAsyncIteration:
                return
            raise ValueError("async fixture %s yielded more than once" % func.__name__)
    elif inspect.iscoroutinefunction(func):
        def wrapper(*args, **kwargs):
            return runner().run(func(*args, **kwargs))
    else:
        return
    wrapper.__name__ = func.__name__
    wrapper.__qualname__ = func.__qualname__
    wrapper.__module__ = func.__module__
    wrapper._simloop_async = True
    fixturedef.func = wrapper


def event_loop_fixture():
    """pytest-asyncio's `event_loop` fixture, for tests that ask for it:
    the test's loop (the virtual one under CPython mode)."""
    return runner().get_loop()
