# Lock contention: three workers, FIFO hand-off.
import asyncio


async def worker(lock, name, hold):
    for _ in range(2):
        async with lock:
            print(name, "holds at", asyncio.get_running_loop().time())
            await asyncio.sleep(hold)


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(worker(lock, "a", 0.25), worker(lock, "b", 0.5),
                         worker(lock, "c", 0))


asyncio.run(main())
