# test_locks SemaphoreTests test_acquire_fifo_order / _2 / _3: waiters are
# served in arrival order, also when one of them is cancelled.
import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    result = []

    async def coro(tag):
        await sem.acquire()
        result.append(tag + "_1")
        await asyncio.sleep(0.01)
        sem.release()
        await sem.acquire()
        result.append(tag + "_2")
        await asyncio.sleep(0.01)
        sem.release()

    await asyncio.gather(*(coro(t) for t in "abc"))
    print(result)
    # _2
    sem = asyncio.Semaphore(1)
    result = []

    async def c1(res):
        await sem.acquire()
        res.append(1)
        return res

    async def c2(res):
        await sem.acquire()
        res.append(2)
        return res

    async def c3(res):
        await sem.acquire()
        res.append(3)
        return res

    t1 = asyncio.create_task(c1(result))
    t2 = asyncio.create_task(c2(result))
    t3 = asyncio.create_task(c3(result))
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    tasks = [t1, t2, t3]
    await asyncio.gather(*tasks, return_exceptions=True)
    print(result)
    # _3
    sem = asyncio.Semaphore(0)
    result = []
    ts = [asyncio.create_task(c1(result)), asyncio.create_task(c2(result)),
          asyncio.create_task(c3(result))]
    await asyncio.sleep(0)
    ts[0].cancel()
    sem.release()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(result, [t.cancelled() for t in ts])
    for t in ts:
        t.cancel()
    await asyncio.sleep(0)


asyncio.run(main())
