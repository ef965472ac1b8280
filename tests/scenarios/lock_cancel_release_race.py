# Issue 32734: the waiter at the head is cancelled in the same callback that
# releases the lock; exactly one of the others gets through.
import asyncio


async def taker(lock, name, log):
    try:
        async with lock:
            log.append(name)
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        log.append(name + " cancelled")


async def main():
    lock = asyncio.Lock()
    log = []
    await lock.acquire()
    ts = [asyncio.create_task(taker(lock, n, log)) for n in "abc"]
    await asyncio.sleep(0)
    loop = asyncio.get_running_loop()

    def release_and_cancel():
        lock.release()
        ts[0].cancel()

    loop.call_soon(release_and_cancel)
    await asyncio.gather(*ts)
    print(log, lock.locked())


asyncio.run(main())
