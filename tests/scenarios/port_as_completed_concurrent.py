# test_tasks.test_as_completed_concurrent / _duplicate_coroutines: two
# tasks that finish in the same step come out in callback order; a task
# passed twice comes out once; an already-done task comes out first.
# (Only one already-done task: as_completed registers callbacks in the
# iteration order of a set comprehension, which depends on addresses.)
import asyncio


async def sleeper(d, v):
    await asyncio.sleep(d)
    return v


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(sleeper(0.05, "a"))
    b = asyncio.create_task(sleeper(0.05, "b"))
    out = []
    for f in asyncio.as_completed([a, b, a]):
        out.append(await f)
    print(out, loop.time())
    c = asyncio.create_task(sleeper(0, "c"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    d = asyncio.create_task(sleeper(0.01, "d"))
    out = []
    for f in asyncio.as_completed([d, c]):
        out.append(await f)
    print(out, loop.time())


asyncio.run(main())
