import asyncio

async def child(i):
    await asyncio.sleep(i)
    return i

async def main():
    tasks = [asyncio.create_task(child(i)) for i in range(3)]
    g = asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.sleep(0.5)
    tasks[2].cancel("drop")
    res = await g
    print([type(r).__name__ if isinstance(r, BaseException) else r for r in res])
    tasks2 = [asyncio.create_task(child(i)) for i in range(2)]
    g2 = asyncio.gather(*tasks2)
    await asyncio.sleep(0.5)
    tasks2[1].cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("g2 cancelled", g2.cancelled(), tasks2[0].done())

asyncio.run(main())
