# Cancelling a task awaiting shield(x) does not cancel x.
import asyncio


async def work():
    await asyncio.sleep(1)
    return "kept"


async def waiter(t):
    return await asyncio.shield(t)


async def main():
    inner = asyncio.create_task(work())
    w = asyncio.create_task(waiter(inner))
    await asyncio.sleep(0.5)
    w.cancel()
    r = await asyncio.gather(w, return_exceptions=True)
    print(type(r[0]).__name__, await inner)


asyncio.run(main())
