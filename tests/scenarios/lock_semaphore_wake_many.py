# research 6.3.3 (test_acquire_fifo_order_4): three releases while only B
# waits. <=3.12 B wakes C only (D a step later); 3.13+ B wakes C and D.
import asyncio


async def w(sem, name, log):
    await sem.acquire()
    log.append(name)


async def main():
    sem = asyncio.Semaphore(0)
    log = []
    b = asyncio.create_task(w(sem, "B", log))
    await asyncio.sleep(0)
    c = asyncio.create_task(w(sem, "C", log))
    d = asyncio.create_task(w(sem, "D", log))
    sem.release()
    sem.release()
    sem.release()
    await asyncio.gather(b, c, d)
    print(log)


asyncio.run(main())
