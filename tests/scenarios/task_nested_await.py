import asyncio

async def leaf(n):
    await asyncio.sleep(0.01 * n)
    return n

async def mid(n):
    a = await leaf(n)
    b = await leaf(n + 1)
    return a + b

async def top():
    results = []
    for i in range(3):
        results.append(await mid(i))
    return results

async def main():
    print(await top())
    t = asyncio.ensure_future(mid(5))
    print(await t, t.done())

asyncio.run(main())
