# Lock contention: 50 tasks each take one Lock 4,000 times, holding it
# across a sleep(0) so that every acquire waits its turn.
import asyncio

TASKS = 50
ROUNDS = 4000


async def worker(lock, counter):
    for _ in range(ROUNDS):
        async with lock:
            v = counter[0]
            await asyncio.sleep(0)
            counter[0] = v + 1


async def main():
    lock = asyncio.Lock()
    counter = [0]
    await asyncio.gather(*[worker(lock, counter) for _ in range(TASKS)])
    print(counter[0])


asyncio.run(main())
