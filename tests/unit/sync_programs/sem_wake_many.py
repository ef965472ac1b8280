# test_sync.c test_semaphore_wake_many (research 6.3.3, test_acquire_fifo_order_4):
# three releases while B is the only waiter; C and D queue behind woken B.
# <=3.12 B wakes only C; 3.13+ B wakes C and D together.
import asyncio


async def w(sem):
    await sem.acquire()


async def main():
    sem = asyncio.Semaphore(0)
    b = asyncio.create_task(w(sem))
    await asyncio.sleep(0)
    c = asyncio.create_task(w(sem))
    d = asyncio.create_task(w(sem))
    sem.release()
    sem.release()
    sem.release()
    await d


asyncio.run(main())
