import asyncio

async def leaf(depth, i):
    await asyncio.sleep(0.1 * i)
    return f"{depth}.{i}"

async def node(depth):
    if depth == 0:
        return [await leaf(depth, 0)]
    tasks = [asyncio.create_task(leaf(depth, i)) for i in range(2)]
    sub = asyncio.create_task(node(depth - 1))
    return [await t for t in tasks] + await sub

async def main():
    print(await node(2))
    print(sorted(t.get_name() for t in asyncio.all_tasks()))

asyncio.run(main())
