# Objects with __await__ given to asyncio.ensure_future, gather, shield,
# wait_for and loop.run_until_complete: CPython wraps each in a
# _wrap_awaitable coroutine run by a Task (3.11's wait_for makes a Task of
# it; 3.12+ awaits it in place). The Task's name, its repr (the wrapper's
# file and line in the release's tasks.py), the order the wrapped objects
# run in, their results, exceptions and cancellation.
import asyncio


class Ticks:
    def __init__(self, name, n):
        self.name, self.n = name, n

    def __await__(self):
        for i in range(self.n):
            print(self.name, "tick", i)
            yield
        return f"{self.name} after {self.n}"


class Delay:
    def __init__(self, seconds, fail=False):
        self.seconds, self.fail = seconds, fail

    def __await__(self):
        value = yield from asyncio.sleep(self.seconds, result=self.seconds).__await__()
        if self.fail:
            raise ValueError(f"failed after {value}")
        return value


async def main():
    t = asyncio.ensure_future(Ticks("a", 2))
    print(type(t).__name__, t.get_name(), t)
    print(await t, t)
    print(await asyncio.gather(Ticks("b", 1), Delay(0.5), Ticks("c", 2)))
    print(await asyncio.gather(Delay(0.1, fail=True), Delay(0.2), return_exceptions=True))
    try:
        await asyncio.gather(Delay(0.1), Delay(0.1, fail=True))
    except ValueError as e:
        print("gather raised", e)
    print(await asyncio.shield(Delay(0.25)))
    print(await asyncio.wait_for(Delay(0.1), timeout=1))
    try:
        await asyncio.wait_for(Delay(5), timeout=0.5)
    except asyncio.TimeoutError:
        print("timed out at", asyncio.get_running_loop().time())
    slow = asyncio.ensure_future(Delay(10))
    await asyncio.sleep(0.1)
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print("cancelled", slow.cancelled())
    print(asyncio.get_running_loop().time())


asyncio.run(main())

loop = asyncio.new_event_loop()
print(loop.run_until_complete(Delay(0.75)))
print(loop.run_until_complete(Ticks("d", 1)))
loop.close()
