# Task switches: several tasks yielding with sleep(0).
import asyncio

N = 100000


async def worker(n):
    for _ in range(n):
        await asyncio.sleep(0)
    return n


async def main():
    results = await asyncio.gather(*[worker(N) for _ in range(10)])
    print(sum(results))


asyncio.run(main())
