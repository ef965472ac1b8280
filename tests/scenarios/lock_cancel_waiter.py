# A waiter cancelled while queued on a Lock is removed; the next one runs.
import asyncio


async def holder(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise
    print(name, "got the lock at", asyncio.get_running_loop().time())
    await asyncio.sleep(0.1)
    lock.release()


async def main():
    lock = asyncio.Lock()
    a = asyncio.create_task(holder(lock, "a"))
    b = asyncio.create_task(holder(lock, "b"))
    c = asyncio.create_task(holder(lock, "c"))
    await asyncio.sleep(0)
    b.cancel()
    await asyncio.gather(a, b, c, return_exceptions=True)
    print(a.done(), b.cancelled(), c.done(), lock.locked())


asyncio.run(main())
