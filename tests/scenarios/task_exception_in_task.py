import asyncio

async def bad(i):
    await asyncio.sleep(i)
    raise KeyError(f"k{i}")

async def main():
    tasks = [asyncio.create_task(bad(i)) for i in range(3)]
    for t in tasks:
        try:
            await t
        except KeyError as e:
            print("caught", e, t.done(), repr(t.exception()))

asyncio.run(main())
