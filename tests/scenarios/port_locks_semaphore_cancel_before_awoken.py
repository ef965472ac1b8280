# test_locks SemaphoreTests test_acquire_cancel_before_awoken /
# test_acquire_hang / test_acquire_no_hang: a waiter cancelled around a
# release must not swallow the permit.
import asyncio


async def main():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    t3 = asyncio.create_task(sem.acquire())
    t4 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    t2.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    num_done = sum(t.done() for t in [t3, t4])
    print(num_done, t3.done(), t4.done(), [t.cancelled() for t in (t1, t2)])
    t3.cancel()
    t4.cancel()
    await asyncio.sleep(0)
    # acquire_hang
    sem = asyncio.Semaphore(value=0)
    a = asyncio.create_task(sem.acquire())
    b = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    sem.release()
    a.cancel()
    await asyncio.sleep(0)
    print("hang:", sem.locked(), b.done(), a.cancelled())
    # acquire_no_hang
    sem = asyncio.Semaphore(1)

    async def acquire():
        async with sem:
            pass

    c = asyncio.create_task(acquire())
    d = asyncio.create_task(acquire())
    await asyncio.sleep(0)
    c.cancel()
    await asyncio.sleep(0)
    await asyncio.wait_for(sem.acquire(), timeout=1)
    print("no hang:", c.cancelled(), d.done(), sem.locked())


asyncio.run(main())
