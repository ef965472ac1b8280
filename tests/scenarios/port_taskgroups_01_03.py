# test_taskgroups test_taskgroup_01 / _03: children's results; a child
# cancelled explicitly does not disturb the group.
import asyncio


async def foo(d, v):
    await asyncio.sleep(d)
    return v


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo(0.1, 42))
        t2 = g.create_task(foo(0.2, 11))
    print(t1.result(), t2.result(), loop.time())
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo(1, 42))
        await asyncio.sleep(0.15)
        t1.cancel()
        t2 = g.create_task(foo(0.2, 11))
    print(t1.cancelled(), t2.result(), loop.time())
    print(asyncio.current_task().cancelling())


asyncio.run(main())
