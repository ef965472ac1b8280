# A semaphore waiter woken and then cancelled gives its unit back.
import asyncio


async def w(sem, name, log):
    try:
        await sem.acquire()
        log.append(name)
    except asyncio.CancelledError:
        log.append(name + " cancelled")


async def main():
    sem = asyncio.Semaphore(0)
    log = []
    ts = [asyncio.create_task(w(sem, n, log)) for n in "ab"]
    await asyncio.sleep(0)
    sem.release()
    ts[0].cancel()
    await asyncio.gather(*ts)
    print(log, sem.locked())


asyncio.run(main())
