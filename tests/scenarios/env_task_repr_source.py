# A task's repr names the callbacks waiting on it; asyncio's own plain
# functions (_run_until_complete_cb, gather's and wait's closures, shield's)
# print with the file and first line where the running interpreter defines
# them: the folder and the line differ per release and per installation
# (core/pysource.c). Bound methods (TaskGroup) and C methods show none.
import asyncio


async def child(delay):
    await asyncio.sleep(delay)
    return delay


async def watcher(tasks):
    await asyncio.sleep(0.5)
    for t in tasks:
        print("watch:", t)


async def main():
    print("main:", asyncio.current_task())
    a = asyncio.create_task(child(1))
    b = asyncio.create_task(child(2))
    c = asyncio.create_task(child(3))
    w = asyncio.create_task(watcher([a, b, c]))
    g = asyncio.gather(a)
    s = asyncio.shield(b)
    done, pending = await asyncio.wait([c], timeout=0.7)
    print("waited:", len(done), len(pending))
    await asyncio.sleep(0)
    print("after wait:", c)
    print(await g, await s, await c)
    await w
    async with asyncio.TaskGroup() as tg:
        d = tg.create_task(child(1))
        await asyncio.sleep(0)
        print("in group:", d)


asyncio.run(main())

loop = asyncio.new_event_loop()
t = loop.create_task(child(1))
loop.run_until_complete(asyncio.sleep(0.5))
print("old loop:", t)
print(loop.run_until_complete(t))
loop.close()
