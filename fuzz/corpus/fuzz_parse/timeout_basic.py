# timeout() converts the cancellation into TimeoutError; equal deadlines:
# the timeout's timer is pushed first and wins against sleep(1).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            print("when", cm.when(), "expired", cm.expired())
            await asyncio.sleep(1)
    except TimeoutError as e:
        print("TimeoutError", repr(e), type(e.__cause__).__name__, loop.time())
    print("expired", cm.expired(), asyncio.current_task().cancelling())
    async with asyncio.timeout(2) as cm2:
        await asyncio.sleep(1)
    print("not expired", cm2.expired(), loop.time())


asyncio.run(main())
