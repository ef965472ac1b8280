# Equal deadlines: heapq is not stable (NOTES "Semantics that bite").
import asyncio


async def sleeper(tag, d):
    await asyncio.sleep(d)
    print("woke", tag)


async def main():
    ds = [5, 5, 5, 5, 5, 1, 5, 5]
    ts = [asyncio.create_task(sleeper(i, d)) for i, d in enumerate(ds)]
    for t in ts:
        await t
    print("t =", asyncio.get_running_loop().time())


asyncio.run(main())
