# `x = await obj.meth()` of an engine coroutine that finishes at once
# (Queue.get with an item, Lock.acquire of a free lock, Event.wait of a set
# event, Semaphore.acquire) or must wait: the result stored in the local,
# and the local's old value released at that point, after the awaited
# call's own arguments and before the next statement (a __del__ shows the
# order; the log keeps reprs only); the same name as the call's argument
# (`z = await q.put(z)`), a store in a loop, in a try block that raises
# later, and in a nested coroutine's frame; an await whose call raises
# leaves the local as it was.
import asyncio


class Noisy:
    def __init__(self, log, name):
        self.log = log
        self.name = name

    def __del__(self):
        self.log.append(("del", self.name))

    def __repr__(self):
        return f"Noisy({self.name})"


async def stores(log):
    q = asyncio.Queue()
    await q.put(Noisy(log, "in queue 1"))
    await q.put(Noisy(log, "in queue 2"))
    x = Noisy(log, "old x")
    log.append(("before get",))
    x = await q.get()
    log.append(("after get", repr(x)))
    x = await q.get()
    log.append(("after second get", repr(x)))
    lock = asyncio.Lock()
    x = await lock.acquire()
    log.append(("after acquire", x))
    ev = asyncio.Event()
    ev.set()
    y = Noisy(log, "old y")
    y = await ev.wait()
    log.append(("after wait", y))
    sem = asyncio.Semaphore(1)
    y = await sem.acquire()
    log.append(("after sem", y, sem._value))
    z = Noisy(log, "z put")
    z = await q.put(z)
    log.append(("after put", z, q.qsize()))
    z = await q.get()
    log.append(("got back", repr(z)))
    del z


async def in_loop(log):
    q = asyncio.Queue(maxsize=2)

    async def producer():
        for i in range(5):
            await q.put(Noisy(log, f"item {i}"))
        await q.put(None)

    t = asyncio.create_task(producer())
    item = Noisy(log, "first")
    while True:
        item = await q.get()
        log.append(("got", repr(item)))
        if item is None:
            break
    await t


async def failing(log):
    q = asyncio.Queue()
    w = Noisy(log, "kept w")
    try:
        w = await q.get(1)
    except TypeError as e:
        log.append(("raised", str(e), repr(w)))
    try:
        await q.put(Noisy(log, "for v"))
        v = await q.get()
        log.append(("v", repr(v)))
        raise ValueError("after the store")
    except ValueError as e:
        log.append(("caught", str(e), repr(v)))
    del w, v


async def waiting(log):
    q = asyncio.Queue()
    ev = asyncio.Event()

    async def later():
        await asyncio.sleep(0)
        await q.put(Noisy(log, "late"))
        ev.set()

    t = asyncio.create_task(later())
    r = Noisy(log, "old r")
    r = await q.get()
    log.append(("waited get", repr(r)))
    r = await ev.wait()
    log.append(("waited event", r))
    await t


async def main():
    log = []
    await stores(log)
    log.append(("--",))
    await in_loop(log)
    log.append(("--",))
    await failing(log)
    log.append(("--",))
    await waiting(log)
    for entry in log:
        print(*entry)


asyncio.run(main())
