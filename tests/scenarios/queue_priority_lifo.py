# PriorityQueue pops with heapq order (ties by the rest of the tuple);
# LifoQueue pops the newest.
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for item in [(2, "b"), (1, "z"), (3, "c"), (1, "a"), (2, "a")]:
        pq.put_nowait(item)
    print(str(pq))
    print([pq.get_nowait() for _ in range(pq.qsize())])
    lq = asyncio.LifoQueue()
    for i in range(4):
        await lq.put(i)
    print([await lq.get() for _ in range(4)])


asyncio.run(main())
