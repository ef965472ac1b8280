# The rest of a blocked Lock acquire and Queue get/put, run for a woken
# waiter: the common case (the lock's head waiter, a getter finding an
# item, a putter finding room, each waking the other side), and every case
# that takes the long way: a cancelled waiter, a lock or queue whose last
# reference the woken waiter holds, a
# Condition's `async with`, LIFO and priority queues, a subclass's own
# storage, a queue shut down (3.13+) and putters and getters that find
# the queue refilled or emptied before they run.
import asyncio
import sys


class ListQueue(asyncio.Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


async def lock_turns():
    lock = asyncio.Lock()
    order = []

    async def worker(name, use_with):
        for i in range(3):
            if use_with:
                async with lock:
                    order.append((name, i))
                    await asyncio.sleep(0)
            else:
                r = await lock.acquire()
                order.append((name, i, r))
                await asyncio.sleep(0)
                lock.release()

    await asyncio.gather(worker("a", True), worker("b", False), worker("c", True))
    print("lock turns", order)


async def lock_cancelled_waiter():
    lock = asyncio.Lock()
    await lock.acquire()
    log = []

    async def waiter(name):
        try:
            async with lock:
                log.append(("got", name))
        except asyncio.CancelledError:
            log.append(("cancelled", name))
            raise

    tasks = [asyncio.create_task(waiter(n)) for n in "xyz"]
    await asyncio.sleep(0)
    lock.release()
    tasks[0].cancel()  # the woken head, cancelled before its turn
    await asyncio.gather(*tasks, return_exceptions=True)
    print("lock cancel", log, lock.locked())


async def lock_last_reference():
    # The woken waiter's coroutine holds the only reference left to the
    # lock once its holder is gone.
    async def holder(lock, started):
        await lock.acquire()
        started.set_result(None)
        await asyncio.sleep(0)
        lock.release()

    async def waiter(lock):
        async with lock:
            print("waiter has the last-held lock")
        print("waiter leaves")

    lock = asyncio.Lock()
    started = asyncio.get_running_loop().create_future()
    h = asyncio.create_task(holder(lock, started))
    await started
    w = asyncio.create_task(waiter(lock))
    del lock
    await asyncio.gather(h, w)
    print("after last-held lock")


async def condition_with():
    cond = asyncio.Condition()
    log = []

    async def user(name):
        async with cond:
            log.append(name)
            await asyncio.sleep(0)

    await asyncio.gather(*(user(n) for n in "pqr"))
    async with cond:
        cond.notify_all()
    print("condition with", log)


async def ping_pong(q, n):
    out = []

    async def producer():
        for i in range(n):
            await q.put(i)
        await q.put(None)

    async def consumer():
        while True:
            item = await q.get()
            if item is None:
                return
            out.append(item)

    await asyncio.gather(producer(), consumer())
    return out


async def queues():
    print("fifo", await ping_pong(asyncio.Queue(2), 7))
    print("lifo", await ping_pong(asyncio.LifoQueue(2), 7))
    print("list storage", await ping_pong(ListQueue(2), 7))
    q = asyncio.Queue(1)
    print("consumer first", await ping_pong_consumer_first(q))


async def ping_pong_consumer_first(q):
    got = []

    async def consumer():
        for _ in range(4):
            got.append(await q.get())

    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    for i in range(4):
        await q.put(i * 10)
    await c
    return got


async def priority_pairs():
    q = asyncio.PriorityQueue(2)
    out = []

    async def producer():
        for p in [5, 1, 4, 2, 3, 0]:
            await q.put((p, "item%d" % p))

    async def consumer():
        for _ in range(6):
            out.append(await q.get())
            await asyncio.sleep(0)

    await asyncio.gather(producer(), consumer())
    print("priority", out)


async def refilled_before_run():
    # A getter woken by a put finds the item already taken by get_nowait;
    # a putter woken by a get finds the room already filled.
    q = asyncio.Queue(1)
    log = []

    async def getter():
        log.append(("getter got", await q.get()))

    g = asyncio.create_task(getter())
    await asyncio.sleep(0)
    q.put_nowait("a")
    log.append(("stolen", q.get_nowait()))
    await asyncio.sleep(0)
    q.put_nowait("b")
    await g

    q.put_nowait("full")

    async def putter():
        await q.put("late")
        log.append("putter done")

    p = asyncio.create_task(putter())
    await asyncio.sleep(0)
    log.append(("taken", q.get_nowait()))
    q.put_nowait("refill")
    await asyncio.sleep(0)
    log.append(("putter waits", p.done(), q.qsize()))
    log.append(("taken", q.get_nowait()))
    await p
    log.append(("left", q.get_nowait()))
    print("refilled", log)


async def cancelled_queue_waiters():
    q = asyncio.Queue(1)
    log = []

    async def getter(name):
        try:
            log.append((name, await q.get()))
        except asyncio.CancelledError:
            log.append((name, "cancelled"))
            raise

    gs = [asyncio.create_task(getter(n)) for n in ("g1", "g2")]
    await asyncio.sleep(0)
    q.put_nowait(1)
    gs[0].cancel()
    await asyncio.sleep(0)
    if q.empty():
        q.put_nowait(2)
    await asyncio.gather(*gs, return_exceptions=True)
    # A cancelled getter still at the head when the put comes: skipped.
    gs = [asyncio.create_task(getter(n)) for n in ("g3", "g4")]
    await asyncio.sleep(0)
    gs[0].cancel()
    q.put_nowait(3)
    await asyncio.gather(*gs, return_exceptions=True)
    q2 = asyncio.Queue(1)
    q2.put_nowait("x")

    async def putter(name, v):
        try:
            await q2.put(v)
            log.append((name, "put"))
        except asyncio.CancelledError:
            log.append((name, "cancelled"))
            raise

    ps = [asyncio.create_task(putter(n, v)) for n, v in (("p1", 1), ("p2", 2))]
    await asyncio.sleep(0)
    log.append(("took", q2.get_nowait()))
    ps[0].cancel()
    await asyncio.gather(*ps, return_exceptions=True)
    log.append(("rest", q2.qsize(), q2.get_nowait()))
    print("queue cancel", log)


async def queue_last_reference():
    async def consumer(q, ready):
        ready.set_result(None)
        print("consumer got", await q.get())
        print("consumer leaves")

    q = asyncio.Queue()
    ready = asyncio.get_running_loop().create_future()
    c = asyncio.create_task(consumer(q, ready))
    await ready
    await asyncio.sleep(0)

    def put_and_forget(queue):
        queue.put_nowait("last")

    put_and_forget(q)
    del q
    await c
    print("after last-held queue")

    async def producer(q):
        await q.put("second")
        print("producer put")

    q = asyncio.Queue(1)
    q.put_nowait("first")
    p = asyncio.create_task(producer(q))
    await asyncio.sleep(0)
    print("took", q.get_nowait())
    del q
    await p
    print("after last-held putter")


async def shutdown_waiters():
    if sys.version_info < (3, 13):
        print("shutdown skipped")
        return
    q = asyncio.Queue(1)
    log = []

    async def getter():
        try:
            log.append(await q.get())
        except asyncio.QueueShutDown:
            log.append("getter shut")

    g = asyncio.create_task(getter())
    await asyncio.sleep(0)
    q.shutdown()
    await g
    print("shutdown", log)


async def main():
    await lock_turns()
    await lock_cancelled_waiter()
    await lock_last_reference()
    await condition_with()
    await queues()
    await priority_pairs()
    await refilled_before_run()
    await cancelled_queue_waiters()
    await queue_last_reference()
    await shutdown_waiters()


asyncio.run(main())
