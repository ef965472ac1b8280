# asyncio.to_thread and loop.run_in_executor(None, ...) on the simulated
# pool: the function runs whole in its "thread" (no running loop there,
# time.sleep blocks only the thread) and its result or exception reaches
# the waiting task through _chain_future's _set_state handle.
import asyncio
import time


def blocking(name, n, *, scale=1):
    time.sleep(0.5)  # only this thread blocks: the clock does not move
    try:
        asyncio.get_running_loop()
    except RuntimeError as e:
        print(name, "in thread:", e)
    print(name, "computes at", time.monotonic())
    return n * scale


def failing(x):
    raise ValueError("bad %r" % (x,))


async def ticker():
    for i in range(3):
        print("tick", i, asyncio.get_running_loop().time())
        await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(ticker())
    r = await asyncio.to_thread(blocking, "a", 21, scale=2)
    print("to_thread ->", r, loop.time())
    r = await loop.run_in_executor(None, blocking, "b", 5)
    print("run_in_executor ->", r)
    try:
        await asyncio.to_thread(failing, 3)
    except ValueError as e:
        print("ValueError", e)
    f1 = loop.run_in_executor(None, blocking, "c", 1)
    f2 = loop.run_in_executor(None, blocking, "d", 2)
    print(type(f1).__name__, f1.done())
    print(await asyncio.gather(f1, f2, asyncio.to_thread(len, "abc")))
    await t
    print("end", loop.time())


asyncio.run(main())
print("after run", time.monotonic())
