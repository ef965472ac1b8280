# A deadline already in the past fires through call_soon (a plain Handle,
# next iteration), not through the timer heap.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(0)
            print("after sleep(0)")
            await asyncio.sleep(0)
    except TimeoutError:
        print("timed out at", loop.time())
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(5)
    except TimeoutError:
        print("zero timeout at", loop.time())


asyncio.run(main())
