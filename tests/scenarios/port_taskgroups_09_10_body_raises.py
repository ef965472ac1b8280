# test_taskgroups test_taskgroup_09 / _10: the body raising (after an await
# or at once) cancels the children and is reported in the group.
import asyncio


async def foo(d, v):
    await asyncio.sleep(d)
    return v


async def runner(wait_first, ts):
    async with asyncio.TaskGroup() as g:
        ts.append(g.create_task(foo(1, 42)))
        ts.append(g.create_task(foo(2, 11)))
        if wait_first:
            await asyncio.sleep(0.1)
        1 / 0


async def main():
    for wait_first in (True, False):
        ts = []
        try:
            await runner(wait_first, ts)
        except ExceptionGroup as eg:
            print(str(eg), [type(e).__name__ for e in eg.exceptions])
        print([t.cancelled() for t in ts], asyncio.get_running_loop().time())
        print(asyncio.current_task().cancelling())


asyncio.run(main())
