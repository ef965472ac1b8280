# test_taskgroups test_taskgroup_13 / _14: nested groups; whether the inner
# or the outer child crashes first decides the shape of the group.
import asyncio


def leaves(eg):
    out = []
    for e in eg.exceptions:
        if isinstance(e, BaseExceptionGroup):
            out.append(leaves(e))
        else:
            out.append(repr(e))
    return out


async def crash_after(t):
    await asyncio.sleep(t)
    raise ValueError(t)


async def runner(outer_t, inner_t):
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(outer_t))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(inner_t))


async def main():
    loop = asyncio.get_running_loop()
    for a, b in ((0.1, 10), (10, 0.1)):
        r = asyncio.create_task(runner(a, b))
        try:
            await r
        except ExceptionGroup as eg:
            print(leaves(eg), loop.time())


asyncio.run(main())
