# Async generators: async for, __anext__, asend, athrow, aclose, awaits
# inside the generator, StopAsyncIteration, PEP 479, and asyncio.run's
# shutdown_asyncgens closing the ones left unfinished.
import asyncio


async def ticker(name, n, delay):
    print(name, "starts")
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield f"{name}-{i}"
    finally:
        print(name, "finally at", asyncio.get_running_loop().time())


async def accumulator():
    total = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            print("accumulator reset by", repr(e))
            total = 0
            continue
        if value is None:
            return
        await asyncio.sleep(0.1)
        total += value


async def slow_cleanup(name):
    try:
        yield 1
        yield 2
    finally:
        print(name, "cleanup begins")
        await asyncio.sleep(1)
        print(name, "cleanup ends at", asyncio.get_running_loop().time())


async def leaky():
    yield 1
    raise StopAsyncIteration


async def consume(name, agen):
    got = []
    async for item in agen:
        got.append(item)
    print(name, "got", got)
    return len(got)


async def main():
    async for tick in ticker("t1", 3, 0.5):
        print("tick", tick, asyncio.get_running_loop().time())
    else:
        print("t1 exhausted")

    counts = await asyncio.gather(consume("a", ticker("a", 2, 0.3)), consume("b", ticker("b", 3, 0.2)))
    print("counts", counts)

    acc = accumulator()
    print(type(acc).__name__, acc.__name__, acc.__qualname__, acc.ag_running)
    print("first", await acc.__anext__())
    print("sent 5 ->", await acc.asend(5))
    print("sent 7 ->", await acc.asend(7))
    print("athrow ->", await acc.athrow(ValueError("zero")))
    print("sent 1 ->", await acc.asend(1))
    try:
        await acc.asend(None)
    except StopAsyncIteration:
        print("accumulator finished")
    try:
        await acc.__anext__()
    except StopAsyncIteration:
        print("still finished")

    c = slow_cleanup("c1")
    print("c1 first", await c.__anext__())
    await c.aclose()
    print("c1 closed at", asyncio.get_running_loop().time())
    print("aclose again:", await c.aclose())

    try:
        async for v in leaky():
            print("leaky", v)
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)

    # Left suspended: asyncio.run's shutdown_asyncgens closes these two,
    # in the order they were first iterated.
    keep.extend([slow_cleanup("kept1"), ticker("kept2", 10, 0.1)])
    print(await keep[0].__anext__(), await keep[1].__anext__())
    print("main returns at", asyncio.get_running_loop().time())
    return len(keep)


keep = []
asyncio.run(main())
print("after run")
