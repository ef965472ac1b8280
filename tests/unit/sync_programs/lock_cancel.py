# test_sync.c test_lock_cancel_waiter: three holders queue on a Lock; the
# second is cancelled while waiting; the third gets the lock after the first.
import asyncio


async def holder(lock):
    await lock.acquire()
    await asyncio.sleep(0.1)
    lock.release()


async def main():
    lock = asyncio.Lock()
    a = asyncio.create_task(holder(lock))
    b = asyncio.create_task(holder(lock))
    c = asyncio.create_task(holder(lock))
    await asyncio.sleep(0)
    b.cancel()
    await c


asyncio.run(main())
