# `await q.put(x)` and `await q.get()` that finish at once on a queue that
# was shut down (3.13+): put with room raises QueueShutDown, get of a held
# item still returns it, and a get of the last item wakes a blocked putter;
# the same for LifoQueue, PriorityQueue and a subclass with its own
# _put/_get. Before 3.13 the queues have no shutdown().
import asyncio


class Recorder(asyncio.Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(("put", item))

    def _get(self):
        return self._queue.pop(0)


async def putter(q, item, log):
    try:
        await q.put(item)
        log.append(("put done", item))
    except Exception as e:
        log.append(("put raised", item, type(e).__name__))


async def one(cls, log):
    q = cls(maxsize=2)
    await q.put(3)
    await q.put(1)
    blocked = asyncio.create_task(putter(q, 2, log))
    await asyncio.sleep(0)
    log.append((cls.__name__, "full", q.full(), q.qsize()))
    log.append((cls.__name__, "got", await q.get()))
    await asyncio.sleep(0)
    await blocked
    if not hasattr(q, "shutdown"):
        log.append((cls.__name__, "no shutdown"))
        return
    q.shutdown()
    log.append((cls.__name__, "shut", q.qsize(), q.full()))
    try:
        await q.get()
        await q.put(9)
    except Exception as e:
        log.append((cls.__name__, "after shutdown", type(e).__name__, q.qsize()))
    log.append((cls.__name__, "held", await q.get()))
    try:
        await q.get()
    except Exception as e:
        log.append((cls.__name__, "empty", type(e).__name__))


async def main():
    log = []
    for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue, Recorder):
        await one(cls, log)
    for entry in log:
        print(entry)


asyncio.run(main())
