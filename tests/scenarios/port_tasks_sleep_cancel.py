# test_tasks.test_sleep / test_sleep_cancel / test_sleep_zero: sleep returns
# its result at the deadline; cancelling a sleeping task cancels its timer.
import asyncio


async def sleeper():
    return await asyncio.sleep(10, "result")


async def main():
    loop = asyncio.get_running_loop()
    r = await asyncio.sleep(0.1, "x")
    print(r, loop.time())
    r = await asyncio.sleep(0, "zero")
    print(r, loop.time())
    r = await asyncio.sleep(-1, "neg")
    print(r, loop.time())
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled at", loop.time())
    await asyncio.sleep(20)
    print("end", loop.time())


asyncio.run(main())
