import asyncio

async def w(i, d):
    await asyncio.sleep(d)
    print("woke", i)

async def main():
    ds = [5, 5, 5, 5, 5, 1, 5, 5]
    await asyncio.gather(*(w(i, d) for i, d in enumerate(ds)))

asyncio.run(main())
