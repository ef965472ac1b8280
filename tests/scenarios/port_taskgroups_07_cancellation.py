# test_taskgroups test_cancellation / test_taskgroup_07 / _17 / _22:
# cancelling the task that runs the group cancels the children and the
# body; CancelledError propagates, not a group.
import asyncio


async def foo(log, i):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log.append(i)
        raise


async def runner(log, body_sleeps):
    async with asyncio.TaskGroup() as g:
        for i in range(5):
            g.create_task(foo(log, i))
        if body_sleeps:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log.append("body")
                raise


async def main():
    for body_sleeps in (False, True):
        log = []
        r = asyncio.create_task(runner(log, body_sleeps))
        await asyncio.sleep(0.1)
        print(r.done())
        r.cancel()
        try:
            await r
        except asyncio.CancelledError:
            print("CancelledError", log, r.cancelling())


asyncio.run(main())
