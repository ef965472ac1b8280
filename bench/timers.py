# Timers: many tasks sleeping for different virtual durations.
import asyncio


async def sleeper(i):
    total = 0.0
    for k in range(1000):
        d = ((i * 7 + k * 13) % 17) / 10
        await asyncio.sleep(d)
        total += d
    return total


async def main():
    totals = await asyncio.gather(*[sleeper(i) for i in range(200)])
    print(round(sum(totals), 3), asyncio.get_running_loop().time())


asyncio.run(main())
