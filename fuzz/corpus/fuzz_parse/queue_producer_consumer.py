# Bounded Queue: producer blocks on put, consumer on get; join/task_done.
import asyncio


async def producer(q):
    for i in range(4):
        await q.put(i)
        print("put", i, asyncio.get_running_loop().time())


async def consumer(q):
    while True:
        item = await q.get()
        await asyncio.sleep(0.5)
        print("got", item, asyncio.get_running_loop().time())
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    c = asyncio.create_task(consumer(q))
    await producer(q)
    print(str(q))
    await q.join()
    print("joined", asyncio.get_running_loop().time(), q.qsize(), q.empty(), q.full())
    c.cancel()


asyncio.run(main())
