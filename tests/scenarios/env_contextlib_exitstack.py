# contextlib.ExitStack and AsyncExitStack as Lib/contextlib.py: LIFO
# exits, enter_context/push/callback/pop_all/close, suppression by a
# callback that returns true, an exception raised by a callback replacing
# the one in flight (its __context__ fixed to it), and the async stack's
# enter_async_context, push_async_exit, push_async_callback, aclose.
import asyncio
import contextlib


class CM:
    def __init__(self, name, suppress=False, fail=False):
        self.name, self.suppress, self.fail = name, suppress, fail

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        if self.fail:
            raise KeyError(self.name)
        return self.suppress


def report(tag):
    print("callback", tag)


with contextlib.ExitStack() as stack:
    print(stack.enter_context(CM("a")), stack.enter_context(CM("b")))
    stack.callback(report, "one")
    stack.callback(report, tag="two")
    stack.push(lambda et, ev, tb: print("push saw", et))
print("--")
with contextlib.ExitStack() as stack:
    stack.enter_context(CM("outer", suppress=True))
    stack.enter_context(CM("inner"))
    raise ValueError("boom")
print("suppressed")
try:
    with contextlib.ExitStack() as stack:
        stack.enter_context(CM("x"))
        stack.enter_context(CM("y", fail=True))
        raise ValueError("first")
except KeyError as e:
    print("KeyError", e, "context:", repr(e.__context__))
stack = contextlib.ExitStack()
stack.enter_context(CM("kept"))
moved = stack.pop_all()
stack.close()
print("closing moved")
moved.close()
try:
    contextlib.ExitStack().enter_context(42)
except TypeError as e:
    print("TypeError", e)


class ACM:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("aenter", self.name)
        return self.name

    async def __aexit__(self, et, ev, tb):
        await asyncio.sleep(0.1)
        print("aexit", self.name, et.__name__ if et else None)
        return False


async def acb(tag):
    await asyncio.sleep(0)
    print("async callback", tag)


async def main():
    async with contextlib.AsyncExitStack() as stack:
        print(await stack.enter_async_context(ACM("r1")))
        stack.enter_context(CM("sync"))
        stack.push_async_callback(acb, "z")
        stack.push_async_exit(ACM("pushed"))
        print("body at", asyncio.get_running_loop().time())
    print("after", asyncio.get_running_loop().time())
    stack = contextlib.AsyncExitStack()
    await stack.enter_async_context(ACM("r2"))
    await stack.aclose()
    try:
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(ACM("r3"))
            raise RuntimeError("inside")
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        await contextlib.AsyncExitStack().enter_async_context(CM("not async"))
    except TypeError as e:
        print("TypeError", e)


asyncio.run(main())
