# Cancelling the task blocked in wait_for cancels the inner awaitable too.
import asyncio


async def work():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("work cancelled at", asyncio.get_running_loop().time())
        raise


async def waiter():
    await asyncio.wait_for(work(), 5)


async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("waiter cancelled", t.cancelled())


asyncio.run(main())
