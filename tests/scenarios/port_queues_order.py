# test_queues LifoQueue / PriorityQueue test_order / test_blocking_get_wait
# / test_blocking_put_wait: item order, and blocking get/put timing.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.LifoQueue()
    for i in [1, 3, 2]:
        q.put_nowait(i)
    print([q.get_nowait() for _ in range(3)])
    q = asyncio.PriorityQueue()
    for i in [(1, "a"), (3, "c"), (2, "b"), (1, "A"), (0, "z")]:
        q.put_nowait(i)
    print([q.get_nowait() for _ in range(5)])
    q = asyncio.Queue()
    loop.call_later(0.01, q.put_nowait, "late")
    print(await q.get(), loop.time())
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    loop.call_later(0.01, q.get_nowait)
    await q.put(2)
    print("put done", loop.time(), q.qsize())
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull")
    q.get_nowait()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")


asyncio.run(main())
