# Python callbacks without arguments run by Handle._run (call_later timers,
# kept call_soon handles) and by the loop's plain queued calls: results
# with a finalizer dropped right after the call, a handle cancelled inside
# its own callback, a callback dropping the last other reference to
# itself, exceptions reaching a custom handler, recursion inside a
# callback, generator functions and functions with defaults as callbacks.
# Also functions ending in an if / elif / else (each branch leaves with the
# implicit return None): return values, nested ifs, generators, methods,
# branches that raise, with tracebacks' lines (the default handler's
# report, the run's end).
import asyncio

log = []


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(("del", self.name))


def returns_noisy():
    log.append("returns_noisy")
    return Noisy("result")


def plain():
    log.append("plain")


def with_default(x=3):
    log.append(("default", x))


def gen():
    log.append("gen body never runs")
    yield 1


def self_dropping():
    global self_dropping
    self_dropping = None
    log.append("dropped itself")


def raises():
    if log:
        raise ValueError("boom in handle")
    else:
        log.append("not raised")


def deep(n):
    if n == 0:
        return 0
    else:
        return 1 + deep(n - 1)


def recursing():
    try:
        deep(100000)
    except RecursionError:
        log.append("recursion caught")


def tail(x):
    if x > 10:
        log.append("big")
    elif x > 5:
        if x % 2:
            log.append("odd mid")
        else:
            log.append("even mid")
    elif x == 0:
        return "zero"
    else:
        log.append("small")


def tail_no_else(x):
    y = x * 2
    if y > 4:
        log.append(("no else", y))


def tail_raise(x):
    if x:
        raise KeyError(x)
    else:
        log.append("no raise")


def tail_gen(n):
    for i in range(n):
        yield i
    if n > 2:
        yield "many"
    else:
        yield "few"


class K:
    def method(self, v):
        if v:
            self.v = v
        else:
            self.v = -1


def handler(loop, context):
    exc = context.get("exception")
    log.append(("handler", context["message"][:22], type(exc).__name__, str(exc)))


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)

    # The plain queued call and the Handle: the result dies right after.
    loop.call_soon(returns_noisy)
    loop.call_soon(lambda: log.append("after plain result"))
    h = loop.call_soon(returns_noisy)
    loop.call_soon(lambda: log.append("after handle result"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)

    # Timers and kept handles of zero-argument Python functions.
    loop.call_later(0.01, plain)
    loop.call_later(0.01, with_default)
    loop.call_later(0.01, gen)
    loop.call_later(0.01, raises)
    loop.call_later(0.01, recursing)
    loop.call_later(0.02, self_dropping)
    kept = loop.call_soon(plain)
    handles = []

    def cancels_itself():
        handles[0].cancel()
        log.append(("cancelled itself", handles[0].cancelled()))

    handles.append(loop.call_later(0.01, cancels_itself))

    def cancels_other():
        handles[1].cancel()
        log.append("cancelled the other")

    loop.call_later(0.015, cancels_other)
    handles.append(loop.call_later(0.016, plain))
    await asyncio.sleep(0.05)
    log.append(("kept", kept.cancelled()))

    for x in (12, 7, 8, 0, 1):
        log.append(("tail", x, tail(x)))
    log.append(("tail no else", tail_no_else(3), tail_no_else(1)))
    for x in (0, 5):
        try:
            tail_raise(x)
        except KeyError as e:
            log.append(("KeyError", str(e)))
    log.append(list(tail_gen(1)))
    log.append(list(tail_gen(4)))
    k = K()
    k.method(0)
    log.append(k.v)
    k.method(9)
    log.append(k.v)

    def raises_late():
        if True:
            1 / 0

    loop.call_later(0.01, raises_late)
    await asyncio.sleep(0.02)
    for item in log:
        print(item)
    # The default handler's report and the run's end show the lines.
    loop.set_exception_handler(None)
    loop.call_later(0.01, raises_late)
    await asyncio.sleep(0.02)
    tail_raise(1)


asyncio.run(main())
