# test_taskgroups test_taskgroup_15 / _16: the body handles its
# cancellation slowly; a child crashes meanwhile; the group reports the
# crash, not the cancellation.
import asyncio


async def crash_soon():
    await asyncio.sleep(0.3)
    1 / 0


async def nested_runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.5)
            raise


async def runner_in_task():
    t = asyncio.create_task(nested_runner())
    await t


async def main():
    loop = asyncio.get_running_loop()
    for fn in (nested_runner, runner_in_task):
        r = asyncio.create_task(fn())
        await asyncio.sleep(0.1)
        r.cancel()
        try:
            await r
        except ExceptionGroup as eg:
            print(fn.__name__, [type(e).__name__ for e in eg.exceptions],
                  loop.time(), r.cancelling())


asyncio.run(main())
