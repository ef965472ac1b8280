# Objects of the program's own classes awaited through __await__: a
# generator that yields bare (one loop iteration each) and returns a value,
# a generator that `yield from`s a future, delegation to a coroutine's and a
# task's own __await__(), an iterator class whose __next__ ends with
# StopIteration(value), cancellation thrown into a suspended __await__, and
# the TypeErrors of an __await__ that returns a coroutine or a non-iterator.
import asyncio


class Ticks:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        for i in range(self.n):
            print("tick", i)
            yield
        return self.n * 10


class FutureValue:
    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        value = yield from self.fut
        return value + 1


class Delay:
    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        return asyncio.sleep(self.seconds, result=f"slept {self.seconds}").__await__()


class Joined:
    def __init__(self, task):
        self.task = task

    def __await__(self):
        return self.task.__await__()


class Countdown:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("liftoff")
        self.n -= 1
        return None


class Guarded:
    def __await__(self):
        try:
            yield from asyncio.sleep(10).__await__()
        except asyncio.CancelledError:
            print("guarded: cancelled inside __await__")
            raise
        finally:
            print("guarded: finally")


class ReturnsCoroutine:
    def __init__(self):
        self.coro = asyncio.sleep(0)

    def __await__(self):
        return self.coro


class ReturnsList:
    def __await__(self):
        return [1, 2]


async def job(name, delay):
    await asyncio.sleep(delay)
    print("job", name, "done")
    return name.upper()


async def ticker(name):
    for i in range(3):
        print(name, "runs", i)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    side = asyncio.create_task(ticker("side"))
    print("ticks ->", await Ticks(3))
    fut = loop.create_future()
    loop.call_later(0.25, fut.set_result, 41)
    print("future ->", await FutureValue(fut))
    print("delay ->", await Delay(0.5), loop.time())
    print("joined ->", await Joined(asyncio.create_task(job("a", 0.1))))
    print("countdown ->", await Countdown(2))
    await side
    waiter = asyncio.create_task(wait_guarded())
    await asyncio.sleep(0.1)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print("waiter cancelled:", waiter.cancelled())
    for bad in (ReturnsCoroutine(), ReturnsList()):
        try:
            await bad
        except TypeError as e:
            print(type(bad).__name__, "->", e)
        if isinstance(bad, ReturnsCoroutine):
            print("its coroutine still runs:", await bad.coro)
    coro = asyncio.sleep(0)
    it = coro.__await__()
    print(type(it).__name__, next(it, "end"), next(it, "end"))


async def wait_guarded():
    await Guarded()


asyncio.run(main())
