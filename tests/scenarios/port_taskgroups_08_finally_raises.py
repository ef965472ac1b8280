# test_taskgroups test_taskgroup_08 / _11 / _12: children that raise while
# being cancelled turn the cancellation into an ExceptionGroup; nested
# groups nest the group.
import asyncio


def leaves(eg):
    out = []
    for e in eg.exceptions:
        if isinstance(e, BaseExceptionGroup):
            out.append(leaves(e))
        else:
            out.append(type(e).__name__)
    return out


async def foo():
    try:
        await asyncio.sleep(10)
    finally:
        1 / 0


async def runner08():
    async with asyncio.TaskGroup() as g:
        for _ in range(3):
            g.create_task(foo())
        await asyncio.sleep(10)


async def runner11():
    async with asyncio.TaskGroup():
        async with asyncio.TaskGroup() as g2:
            for _ in range(2):
                g2.create_task(foo())
            await asyncio.sleep(10)


async def runner12():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(asyncio.sleep(10))
        async with asyncio.TaskGroup() as g2:
            for _ in range(2):
                g2.create_task(foo())
            await asyncio.sleep(10)


async def main():
    for fn in (runner08, runner11, runner12):
        r = asyncio.create_task(fn())
        await asyncio.sleep(0.1)
        r.cancel()
        try:
            await r
        except ExceptionGroup as eg:
            print(fn.__name__, str(eg), leaves(eg))


asyncio.run(main())
