# Queue producer/consumer with a bounded queue.
# plain-stdout
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i)
    await q.put(None)


async def consumer(q):
    total = 0
    while True:
        item = await q.get()
        if item is None:
            return total
        print("got", item)
        total += item
        await asyncio.sleep(0.1)


async def main():
    q = asyncio.Queue(maxsize=2)
    c = asyncio.create_task(consumer(q))
    await producer(q, 5)
    print("total", await c)


asyncio.run(main())
