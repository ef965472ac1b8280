# contextlib's async paths that leave an async generator to the garbage
# collector (an exception thrown into an asynccontextmanager's generator,
# an async generator closed by aclosing after a break): run with
# run_until_complete, so no shutdown_asyncgens step depends on when
# CPython's collector frees them (3.12+ keep them in reference cycles).
import asyncio
from contextlib import aclosing, asynccontextmanager


@asynccontextmanager
async def swallow(kind):
    print("enter", kind.__name__)
    try:
        yield kind
    except kind as e:
        await asyncio.sleep(0.1)
        print("swallowed", repr(e))


@asynccontextmanager
async def reraise():
    try:
        yield
    except KeyError:
        print("reraise sees KeyError")
        raise


@asynccontextmanager
async def convert():
    try:
        yield
    except KeyError as e:
        raise LookupError("converted") from e


async def ticker(n):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print("ticker closed")


async def main():
    async with swallow(ValueError):
        raise ValueError("inner")
    print("after swallow at", asyncio.get_running_loop().time())
    try:
        async with swallow(ValueError):
            raise TypeError("not swallowed")
    except TypeError as e:
        print("escaped", e)
    try:
        async with reraise():
            raise KeyError("k")
    except KeyError as e:
        print("re-raised", repr(e))
    try:
        async with convert():
            raise KeyError("k")
    except LookupError as e:
        print("converted", repr(e), repr(e.__cause__))
    async with aclosing(ticker(10)) as it:
        async for i in it:
            print("tick", i)
            if i == 2:
                break
    print("done at", asyncio.get_running_loop().time())


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
