# test_tasks.test_as_completed_reverse_wait: taking the iterator's
# awaitables first and awaiting them later in reverse order still yields
# results in completion order.
import asyncio


async def sleeper(d, v):
    await asyncio.sleep(d)
    return v


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(sleeper(0.05, "a"))
    b = asyncio.create_task(sleeper(0.10, "b"))
    it = iter(asyncio.as_completed([b, a]))
    x = next(it)
    y = next(it)
    await asyncio.sleep(0.2)
    print("y", await y, loop.time())
    print("x", await x, loop.time())


asyncio.run(main())
