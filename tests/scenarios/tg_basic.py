# TaskGroup waits for all children; results and final time.
import asyncio


async def work(d):
    await asyncio.sleep(d)
    return d


async def main():
    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(work(d)) for d in (0.3, 0.1, 0.2)]
        print(repr(tg))
    print([t.result() for t in ts], asyncio.get_running_loop().time(), repr(tg))


asyncio.run(main())
