# test_sync.c test_queue_bounded: a producer blocks on a full Queue(1);
# the consumer's get wakes it.
import asyncio


async def producer(q):
    for i in range(3):
        await q.put(i)


async def consumer(q):
    for i in range(3):
        await q.get()


async def main():
    q = asyncio.Queue(1)
    p = asyncio.create_task(producer(q))
    c = asyncio.create_task(consumer(q))
    await p
    await c


asyncio.run(main())
