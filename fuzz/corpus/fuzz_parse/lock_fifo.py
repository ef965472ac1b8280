# Lock hands over in FIFO order; newcomers queue behind woken waiters.
import asyncio


async def worker(lock, name, hold):
    loop = asyncio.get_running_loop()
    async with lock:
        print(name, "holds at", loop.time())
        await asyncio.sleep(hold)
    print(name, "released at", loop.time())


async def main():
    lock = asyncio.Lock()
    ts = [asyncio.create_task(worker(lock, n, h)) for n, h in (("a", 0.5), ("b", 0.25), ("c", 0))]
    await asyncio.gather(*ts)
    print("locked:", lock.locked())


asyncio.run(main())
