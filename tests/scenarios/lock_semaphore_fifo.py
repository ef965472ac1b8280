# Semaphore(2): at most two holders, FIFO hand-over, times pinned.
import asyncio


async def job(sem, name):
    async with sem:
        print(name, "in", asyncio.get_running_loop().time())
        await asyncio.sleep(1)


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(job(sem, n) for n in "abcde"))
    print("locked:", sem.locked())


asyncio.run(main())
