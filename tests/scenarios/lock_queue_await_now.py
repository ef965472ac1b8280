# Awaits of engine coroutines that finish at once (put with room, get with
# an item, join with nothing unfinished, acquire and `async with` of a free
# Lock, Condition or Semaphore, wait of a set Event, __aexit__), what they
# return, raise and wake, and the same coroutines kept, passed on, awaited
# twice and awaited by a task that was already cancelled; `async with` and
# `with` blocks left by return, break, continue and exceptions.
import asyncio


class Item:
    strict = False

    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        if Item.strict or self.n < 0 or other.n < 0:
            raise ValueError(f"cannot order {self.n} and {other.n}")
        return self.n < other.n

    def __repr__(self):
        return f"Item({self.n})"


async def results(log):
    q = asyncio.Queue(maxsize=2)
    log.append(("put", await q.put(1), await q.put(2), q.qsize()))
    log.append(("get", await q.get(), await q.get(), q.qsize()))
    q.task_done()
    q.task_done()
    log.append(("join", await q.join()))
    lq = asyncio.LifoQueue()
    await lq.put("a")
    await lq.put("b")
    log.append(("lifo", await lq.get(), await lq.get()))
    lock = asyncio.Lock()
    log.append(("acquire", await lock.acquire(), lock.locked()))
    lock.release()
    async with lock as entered:
        log.append(("entered", entered, lock.locked()))
    log.append(("exited", lock.locked()))
    ev = asyncio.Event()
    ev.set()
    log.append(("wait", await ev.wait()))
    sem = asyncio.Semaphore(2)
    log.append(("sem", await sem.acquire(), sem._value))
    async with sem as s:
        log.append(("sem in", s, sem._value))
    log.append(("sem out", sem._value, sem.locked()))
    sem.release()
    bsem = asyncio.BoundedSemaphore(1)
    async with bsem:
        log.append(("bsem in", bsem._value))
    cond = asyncio.Condition()
    async with cond as c:
        log.append(("cond in", c, cond.locked()))
    log.append(("cond acquire", await cond.acquire(), cond.locked()))
    cond.release()


async def errors(log):
    pq = asyncio.PriorityQueue()
    await pq.put(Item(3))
    try:
        await pq.put(Item(-1))
    except ValueError as e:
        log.append(("put raised", str(e), pq.qsize()))
    pq2 = asyncio.PriorityQueue()
    for n in (1, 2, 3):
        await pq2.put(Item(n))
    Item.strict = True
    try:
        await pq2.get()
    except ValueError as e:
        log.append(("get raised", str(e), pq2.qsize()))
    Item.strict = False
    lock = asyncio.Lock()
    try:
        async with lock:
            lock.release()
    except RuntimeError as e:
        log.append(("aexit raised", str(e), e.__context__))
    try:
        async with lock:
            lock.release()
            raise KeyError("body")
    except RuntimeError as e:
        log.append(("aexit raised over", str(e), repr(e.__context__)))
    bsem = asyncio.BoundedSemaphore(1)
    try:
        async with bsem:
            bsem.release()
    except ValueError as e:
        log.append(("bounded", str(e), bsem._value))


async def kept(log):
    q = asyncio.Queue()
    q.put_nowait("x")
    q.put_nowait("y")
    c = q.get()
    log.append(("kept get", await c))
    try:
        await c
    except RuntimeError as e:
        log.append(("again", str(e)))
    g = q.get
    log.append(("bound get", await g()))
    lock = asyncio.Lock()
    acq = lock.acquire()
    log.append(("kept acquire", lock.locked(), await acq, lock.locked()))
    lock.release()
    log.append(("wait_for", await asyncio.wait_for(lock.acquire(), 1)))
    lock.release()
    q.put_nowait("z")
    log.append(("gather", await asyncio.gather(q.get(), lock.acquire())))
    lock.release()


async def self_cancelled(lock, q, log):
    asyncio.current_task().cancel()
    log.append(("cancelling", asyncio.current_task().cancelling()))
    got = await lock.acquire()
    log.append(("got lock after cancel", got, lock.locked()))
    await q.put("after cancel")
    log.append(("put after cancel", q.qsize(), await q.get()))
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        log.append(("cancelled at the next suspension", lock.locked()))
        lock.release()
        raise


class TracedLock(asyncio.Lock):
    def __init__(self, log):
        super().__init__()
        self.log = log

    def release(self):
        self.log.append(("traced release", self.locked()))
        super().release()


class Swallow:
    def __enter__(self):
        return "entered"

    def __exit__(self, exc_type, exc, tb):
        return exc_type is KeyError


async def in_lock(lock):
    async with lock:
        return ("returned inside", lock.locked())


async def blocks(log):
    # `async with` / `with` blocks left by return, break, continue and
    # exceptions; several managers in one statement; a subclass.
    lock, sem = asyncio.Lock(), asyncio.Semaphore(2)
    log.append(await in_lock(lock))
    log.append(("after return", lock.locked()))
    seen = []
    for i in range(5):
        async with lock, sem:
            if i == 1:
                continue
            if i == 3:
                break
            seen.append((i, lock.locked(), sem._value))
    log.append(("loop", seen, lock.locked(), sem._value))
    with Swallow() as s:
        raise KeyError(s)
    log.append(("swallowed", s))
    traced = TracedLock(log)
    async with traced:
        log.append(("traced in", traced.locked()))
    cond = asyncio.Condition(lock)
    async with cond:
        cond.notify_all()
        log.append(("cond in", lock.locked()))
    try:
        async with lock:
            raise KeyError("left by an exception")
    except KeyError as e:
        log.append(("exception out", str(e), lock.locked()))


async def consumer(q, log):
    while True:
        item = await q.get()
        log.append(("consumed", item, asyncio.get_running_loop().time()))
        if item is None:
            return


async def producer(q, log):
    for i in range(5):
        await q.put(i)
        log.append(("produced", i, q.qsize()))
    await q.put(None)


async def main():
    log = []
    await results(log)
    await errors(log)
    await kept(log)
    await blocks(log)
    lock = asyncio.Lock()
    t = asyncio.create_task(self_cancelled(lock, asyncio.Queue(), log))
    try:
        await t
    except asyncio.CancelledError:
        log.append(("task cancelled", t.cancelled(), lock.locked()))
    q = asyncio.Queue(maxsize=2)
    await asyncio.gather(consumer(q, log), producer(q, log))
    for entry in log:
        print(entry)


asyncio.run(main())
