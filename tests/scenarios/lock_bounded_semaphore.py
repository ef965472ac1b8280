# BoundedSemaphore refuses to be released above its initial value.
import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(1)
    async with sem:
        print("inside", sem.locked())
    try:
        sem.release()
    except ValueError as e:
        print(type(e).__name__, e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print(e)


asyncio.run(main())
