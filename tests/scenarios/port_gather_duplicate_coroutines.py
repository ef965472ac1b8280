# test_tasks.GatherTests test_duplicate_coroutines: the same coroutine
# object given twice is wrapped once; its result appears twice.
import asyncio


async def coro(s):
    await asyncio.sleep(0)
    return s


async def main():
    c = coro("abc")
    res = await asyncio.gather(c, c, coro("def"), c)
    print(res)
    t = asyncio.create_task(coro("t"))
    print(await asyncio.gather(t, t))
    print([x.get_name() for x in asyncio.all_tasks()])


asyncio.run(main())
