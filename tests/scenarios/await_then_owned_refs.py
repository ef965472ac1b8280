# Engine waits resumed after their waiter future: every kind of the rest
# run in place (sleep, Event.wait, Queue.join, Queue.get/put, Lock,
# `async with lock`, Semaphore, `async with sem`, Condition.wait woken,
# re-acquiring and cancelled), each finishing, failing and cancelled, and
# waiter futures dying and made again (reprs, weak references, results
# with finalizers).
import asyncio
import weakref


class Noisy:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Noisy({self.name!r})"

    def __del__(self):
        print("del", self.name)


async def sleeper(tag, d, result=None):
    try:
        r = await asyncio.sleep(d, result)
        print(tag, "slept", r)
        return r
    except asyncio.CancelledError as e:
        print(tag, "sleep cancelled", e.args)
        raise


async def sleeps():
    t = asyncio.create_task(sleeper("a", 0.01, Noisy("a-result")))
    u = asyncio.create_task(sleeper("b", 0.05))
    await asyncio.sleep(0.02)
    u.cancel("stop b")
    r = await t
    print("a gave", r.name)
    del r, t
    try:
        await u
    except asyncio.CancelledError:
        print("b cancelled", u.cancelled())
    print([await asyncio.sleep(0, i) for i in range(3)])


async def events():
    ev = asyncio.Event()

    async def w(i):
        try:
            r = await ev.wait()
            print("event waiter", i, r)
        except asyncio.CancelledError:
            print("event waiter", i, "cancelled")
            raise

    ts = [asyncio.create_task(w(i)) for i in range(4)]
    await asyncio.sleep(0)
    print(repr(ev).split(" [")[1])
    ts[1].cancel()
    ev.set()
    res = await asyncio.gather(*ts, return_exceptions=True)
    print([type(r).__name__ for r in res])


async def queues():
    q = asyncio.Queue(maxsize=1)

    async def getter(i):
        try:
            item = await q.get()
            print("got", i, item)
            q.task_done()
        except asyncio.CancelledError:
            print("getter", i, "cancelled")
            raise

    gs = [asyncio.create_task(getter(i)) for i in range(3)]
    await asyncio.sleep(0)
    gs[0].cancel()
    await q.put("x")
    await q.put("y")
    await asyncio.gather(*gs, return_exceptions=True)

    async def putter(i):
        try:
            await q.put(i)
            print("put", i)
        except asyncio.CancelledError:
            print("putter", i, "cancelled")
            raise

    await q.put("z")
    ps = [asyncio.create_task(putter(i)) for i in range(3)]
    await asyncio.sleep(0)
    ps[1].cancel()
    for _ in range(3):
        print("drained", await q.get())
        q.task_done()
        await asyncio.sleep(0)
    await asyncio.gather(*ps, return_exceptions=True)

    async def joiner():
        await q.join()
        print("joined")

    j = asyncio.create_task(joiner())
    await asyncio.sleep(0)
    while not q.empty():
        q.get_nowait()
        q.task_done()
    await j


async def locks():
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(1)

    async def with_lock(i):
        async with lock:
            print("in lock", i)
            await asyncio.sleep(0.001)

    async def acquire(i):
        try:
            r = await lock.acquire()
            print("acquired", i, r)
            lock.release()
        except asyncio.CancelledError:
            print("acquire", i, "cancelled")
            raise

    async def with_sem(i):
        async with sem:
            print("in sem", i)
            await asyncio.sleep(0.001)

    async def sem_acquire(i):
        try:
            print("sem acquired", i, await sem.acquire())
            sem.release()
        except asyncio.CancelledError:
            print("sem acquire", i, "cancelled")
            raise

    ts = [asyncio.create_task(with_lock(i)) for i in range(2)]
    ts += [asyncio.create_task(acquire(i)) for i in range(2, 5)]
    ts += [asyncio.create_task(with_sem(i)) for i in range(2)]
    ts += [asyncio.create_task(sem_acquire(i)) for i in range(2, 5)]
    await asyncio.sleep(0)
    ts[3].cancel()
    ts[8].cancel()
    res = await asyncio.gather(*ts, return_exceptions=True)
    print([type(r).__name__ for r in res])


async def conditions():
    cond = asyncio.Condition()
    box = []

    async def waiter(i):
        async with cond:
            try:
                r = await cond.wait()
                print("woken", i, r, len(box))
            except asyncio.CancelledError:
                print("wait", i, "cancelled", cond.locked())
                raise

    ts = [asyncio.create_task(waiter(i)) for i in range(4)]
    await asyncio.sleep(0)
    async with cond:
        box.append(1)
        cond.notify(2)
        ts[3].cancel()
        # the woken find the lock held: they wait for it again
        await asyncio.sleep(0)
        ts[0].cancel()
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    res = await asyncio.gather(*ts, return_exceptions=True)
    print([type(r).__name__ for r in res])


async def futures():
    loop = asyncio.get_running_loop()
    refs = []
    for i in range(3):
        f = loop.create_future()
        if i == 1:
            refs.append(weakref.ref(f, lambda r: print("weakref callback")))
        loop.call_soon(f.set_result, i)
        print(repr(f), await f)
        del f
    print([r() for r in refs])
    f = loop.create_future()
    loop.call_soon(f.set_result, Noisy("future-result"))
    print((await f).name)
    del f
    g = loop.create_future()
    g.cancel("why")
    try:
        await g
    except asyncio.CancelledError as e:
        print("cancelled future", e.args, repr(g))


async def main():
    await sleeps()
    await events()
    await queues()
    await locks()
    await conditions()
    await futures()
    print("done")


asyncio.run(main())
