# `async with` of a plain Lock and the awaits of a Queue that finish at
# once, at the edges of their shortest paths: a lock released inside its
# block, a free lock with a cancelled waiter still queued, a Lock
# subclass; puts that grow or slide the queue's storage, unbounded, float
# and negative maxsize, puts that wake a getter and gets that wake a
# putter, LifoQueue, PriorityQueue and a subclass with its own _put/_get,
# arguments the fast paths leave to the method.
import asyncio


class LoudLock(asyncio.Lock):
    async def acquire(self):
        print("LoudLock.acquire")
        return await super().acquire()

    def release(self):
        print("LoudLock.release")
        super().release()


class StackQueue(asyncio.Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


async def locks():
    lock = asyncio.Lock()
    try:
        async with lock:
            lock.release()
    except RuntimeError as e:
        print("released inside:", e, lock.locked())

    try:
        async with lock:
            raise ValueError("in block")
    except ValueError as e:
        print("raised inside:", e, lock.locked())

    # A waiter cancelled while the lock is held stays queued until it
    # runs: the next `async with` finds the lock free with it queued.
    await lock.acquire()
    waiter = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    waiter.cancel()
    lock.release()
    async with lock:
        print("took a free lock past a cancelled waiter:", lock.locked())
    await asyncio.sleep(0)
    print("waiter:", waiter.cancelled(), lock.locked())

    loud = LoudLock()
    async with loud:
        print("subclass held:", loud.locked())
    print("subclass after:", loud.locked())

    order = []

    async def worker(n):
        async with lock:
            order.append(n)
            await asyncio.sleep(0)

    await asyncio.gather(*(worker(n) for n in range(4)))
    print("turns:", order, lock.locked())


async def queues():
    q = asyncio.Queue()
    for i in range(20):  # past the first storage's 8 slots
        await q.put(i)
    got = [await q.get() for _ in range(5)]
    for i in range(20, 30):  # slides the held items to the front
        await q.put(i)
    while not q.empty():
        got.append(await q.get())
    print("unbounded:", got, q.qsize(), q._unfinished_tasks)

    for maxsize in (2.5, -1, 0):
        q = asyncio.Queue(maxsize)
        for i in range(3):
            await q.put(i)
        print("maxsize", maxsize, q.qsize(), q.full())

    q = asyncio.Queue(maxsize=1)

    async def getter():
        item = await q.get()
        print("getter got", item)

    t = asyncio.create_task(getter())
    await asyncio.sleep(0)
    await q.put("x")  # wakes the waiting getter
    await t

    await q.put(1)

    async def putter():
        await q.put(2)
        print("putter done")

    t = asyncio.create_task(putter())
    await asyncio.sleep(0)
    print("got", await q.get())  # wakes the waiting putter
    await t
    print("got", await q.get(), q.empty())

    for cls in (asyncio.LifoQueue, asyncio.PriorityQueue, StackQueue):
        q = cls()
        for i in (3, 1, 2):
            await q.put(i)
        print(cls.__name__, [await q.get() for _ in range(3)])

    q = asyncio.Queue()
    try:
        await q.put()
    except TypeError as e:
        print("TypeError:", e)
    try:
        await q.get(1)
    except TypeError as e:
        print("TypeError:", e)
    await q.put(item=5)
    print("keyword put:", await q.get())


async def main():
    await locks()
    await queues()


asyncio.run(main())
