# Queue round trips between a producer and a consumer, with a Lock.
import asyncio

N = 200000


async def producer(q):
    for i in range(N):
        await q.put(i)
    await q.put(None)


async def consumer(q, lock, out):
    while True:
        item = await q.get()
        if item is None:
            return
        async with lock:
            out.append(item)


async def main():
    q = asyncio.Queue(maxsize=10)
    lock = asyncio.Lock()
    out = []
    await asyncio.gather(producer(q), consumer(q, lock, out))
    print(len(out), sum(out))


asyncio.run(main())
