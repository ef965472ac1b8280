# A class given as a callback (call_soon, call_later, add_done_callback,
# inside functools.partial), and partials of functions: the trace names a
# callback by its __qualname__ (a partial by its function's), and the
# exception handler's message shows it as CPython's
# format_helpers._format_callback_source does (a partial's stored
# arguments, then the call's own; none shown from 3.13).
import asyncio
import functools


class Seen:
    def __init__(self, fut):
        print("seen", fut.result())


class Outer:
    class Inner:
        def __init__(self, *args):
            print("inner", args)


class Broken:
    def __init__(self, n):
        raise ValueError(n)


def boom(*args, **kwargs):
    raise ValueError(args)


def handler(loop, context):
    print("handler:", context["message"], type(context["exception"]).__name__)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    fut = loop.create_future()
    fut.add_done_callback(Seen)
    loop.call_soon(Outer.Inner, 1, "two")
    loop.call_soon(functools.partial(Outer.Inner, 3))
    loop.call_later(0.01, Outer.Inner)
    loop.call_soon(Broken, 7)
    loop.call_soon(functools.partial(boom, 3, k=1))
    loop.call_soon(functools.partial(functools.partial(boom, 3), "x"), 4)
    loop.call_soon(functools.partial(Broken, 8))
    fut.set_result(3)
    await asyncio.sleep(0.02)


asyncio.run(main())
