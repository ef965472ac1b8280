# timeout_at + reschedule(): moving the deadline, None disables it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout_at(loop.time() + 1) as cm:
        cm.reschedule(None)
        await asyncio.sleep(2)
        cm.reschedule(loop.time() + 0.5)
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("cancelled inside at", loop.time())
            raise
    print("unreachable")


async def runner():
    try:
        await main()
    except TimeoutError:
        print("TimeoutError at", asyncio.get_running_loop().time())


asyncio.run(runner())
