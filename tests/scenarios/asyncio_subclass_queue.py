import asyncio


class StackQueue(asyncio.Queue):
    """LIFO by overriding the storage hooks, as LifoQueue does."""

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


class CountingQueue(asyncio.Queue):
    def __init__(self, maxsize=0, label="q"):
        super().__init__(maxsize)
        self.label = label
        self.puts = 0
        self.gets = 0

    async def put(self, item):
        self.puts += 1
        print(f"{self.label}: put {item!r} (size {self.qsize()})")
        await super().put(item)

    async def get(self):
        item = await super().get()
        self.gets += 1
        print(f"{self.label}: got {item!r}")
        return item

    def stats(self):
        return f"{self.label} puts={self.puts} gets={self.gets} full={self.full()}"


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        await asyncio.sleep(0.01)


async def consumer(q, n):
    out = []
    for _ in range(n):
        out.append(await q.get())
        q.task_done()
    return out


async def main():
    s = StackQueue()
    for i in range(4):
        s.put_nowait(i)
    print(s.qsize(), s.empty(), str(s))
    print([s.get_nowait() for _ in range(4)], s.empty())
    print(type(s).__name__, isinstance(s, asyncio.Queue), isinstance(s, StackQueue))
    print(issubclass(StackQueue, asyncio.Queue), type(s) is StackQueue)

    q = CountingQueue(2, label="work")
    print(q.maxsize, str(q))
    results = await asyncio.gather(producer(q, 5), consumer(q, 5))
    print(results[1], q.stats())
    await q.join()
    print("joined", str(q))
    try:
        CountingQueue(label="x").get_nowait()
    except asyncio.QueueEmpty:
        print("empty")
    try:
        q.nothing
    except AttributeError as e:
        print(e)


asyncio.run(main())
