# Releasing an unlocked Lock raises RuntimeError.
import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        print(type(e).__name__, e)
    print(await lock.acquire(), lock.locked())


asyncio.run(main())
