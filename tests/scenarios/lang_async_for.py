import asyncio

class Ticker:
    def __init__(self, n, delay):
        self.n = n
        self.delay = delay
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        self.i += 1
        return self.i

class Lock:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("enter", self.name)
        await asyncio.sleep(0.1)
        return self

    async def __aexit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return et is KeyError

async def main():
    async for i in Ticker(3, 0.5):
        print("tick", i, asyncio.get_running_loop().time())
    else:
        print("ticker exhausted")
    async for i in Ticker(5, 0):
        if i == 2:
            continue
        if i == 4:
            break
        print("got", i)
    async with Lock("a") as l, Lock("b"):
        print("inside", l.name)
    async with Lock("c"):
        raise KeyError("swallowed")
    try:
        async with Lock("d"):
            raise ValueError("propagates")
    except ValueError as e:
        print("caught", e)
    for i in range(2):
        async with Lock(f"loop{i}"):
            if i == 1:
                break
    print("done")

asyncio.run(main())
