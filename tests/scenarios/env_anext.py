# anext() and aiter() (with and without a default, on async generators and
# on a class's __aiter__/__anext__), their TypeErrors, and
# asyncio.iscoroutinefunction on functions, async generators and methods.
import asyncio

async def agen(n):
    for i in range(n):
        await asyncio.sleep(0.1)
        yield i

class Counter:
    def __init__(self):
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        await asyncio.sleep(0.05)
        self.i += 1
        if self.i > 2:
            raise StopAsyncIteration
        return self.i

async def plain():
    return 1

async def agen_fn():
    yield 1

class K:
    async def m(self):
        pass
    def n(self):
        pass

async def main():
    g = agen(2)
    print(await anext(g), await anext(g), await anext(g, "done"))
    it = aiter(Counter())
    print(await anext(it), await anext(it), await anext(it, None))
    try:
        await anext(agen(0))
    except StopAsyncIteration:
        print("StopAsyncIteration")
    for bad in (lambda: anext(1), lambda: aiter(1), lambda: anext(), lambda: anext(1, 2, 3)):
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
    print(asyncio.iscoroutinefunction(plain), asyncio.iscoroutinefunction(agen_fn),
          asyncio.iscoroutinefunction(K().m), asyncio.iscoroutinefunction(K.n), asyncio.iscoroutinefunction(print))

asyncio.run(main())
