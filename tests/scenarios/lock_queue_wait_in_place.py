# Awaits of engine coroutines that must wait (get of an empty queue, put
# into a full one, acquire and `async with` of a held Lock or a Condition's
# lock, wait of an unset Event, Condition.wait and its re-acquiring of the
# lock): what they return and raise when woken,
# cancelled before and after their wake-up, woken for an item someone else
# takes first (the retry loop), shut down while waiting, thrown into and
# closed when driven by hand, and a task's repr and stack while it waits.
import asyncio


async def queue_retry(log):
    q = asyncio.Queue()

    async def getter(name):
        item = await q.get()
        log.append(("got", name, item))

    a = asyncio.create_task(getter("a"))
    b = asyncio.create_task(getter("b"))
    await asyncio.sleep(0)
    q.put_nowait(1)  # wakes a
    log.append(("stolen", q.get_nowait()))  # a finds the queue empty again
    await asyncio.sleep(0)
    q.put_nowait(2)
    q.put_nowait(3)
    await asyncio.gather(a, b)
    log.append(("left", q.qsize()))


async def queue_cancel(log):
    q = asyncio.Queue()

    async def getter(name):
        try:
            log.append(("got", name, await q.get()))
        except asyncio.CancelledError:
            log.append(("cancelled", name))
            raise

    a = asyncio.create_task(getter("a"))
    b = asyncio.create_task(getter("b"))
    await asyncio.sleep(0)
    q.put_nowait("x")  # wakes a, which is cancelled before it runs: b gets it
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    c = asyncio.create_task(getter("c"))
    await asyncio.sleep(0)
    c.cancel("stop")  # cancelled while waiting
    r = await asyncio.gather(c, return_exceptions=True)
    log.append(("c", type(r[0]).__name__, r[0].args))
    full = asyncio.Queue(maxsize=1)
    full.put_nowait(0)

    async def putter(name, item):
        try:
            await full.put(item)
            log.append(("put", name, item))
        except asyncio.CancelledError:
            log.append(("cancelled", name))
            raise

    p1 = asyncio.create_task(putter("p1", 1))
    p2 = asyncio.create_task(putter("p2", 2))
    await asyncio.sleep(0)
    log.append(("get", full.get_nowait()))  # wakes p1, cancelled before it runs
    p1.cancel()
    await asyncio.gather(p1, p2, return_exceptions=True)
    log.append(("full", full.get_nowait(), full.qsize()))


async def queue_shutdown(log):
    q = asyncio.Queue(maxsize=1)
    if not hasattr(q, "shutdown"):
        log.append(("shutdown", "absent"))
        return
    q.put_nowait(0)

    async def waiter(kind):
        try:
            if kind == "get":
                await asyncio.Queue().get()
            await q.put(1)
        except Exception as e:
            log.append((kind, type(e).__name__))

    t = asyncio.create_task(waiter("put"))
    await asyncio.sleep(0)
    q.shutdown()
    await t


async def lock_paths(log):
    lock = asyncio.Lock()
    cond = asyncio.Condition()

    async def worker(name, kind):
        try:
            if kind == "with":
                async with lock:
                    log.append(("in", name))
                    await asyncio.sleep(0)
            elif kind == "cond":
                async with cond:
                    log.append(("in", name, cond.locked()))
                    await asyncio.sleep(0)
            else:
                log.append(("acquired", name, await lock.acquire()))
                await asyncio.sleep(0)
                lock.release()
        except asyncio.CancelledError:
            log.append(("cancelled", name, lock.locked()))
            raise

    ts = [asyncio.create_task(worker(n, k))
          for n, k in (("w1", "with"), ("w2", "acquire"), ("w3", "with"), ("w4", "with"))]
    await asyncio.sleep(0)
    ts[2].cancel()  # cancelled while waiting
    await asyncio.sleep(0)
    ts[1].cancel()  # woken by w1's release, cancelled before it runs: w4 next
    await asyncio.gather(*ts, return_exceptions=True)
    log.append(("locked", lock.locked()))
    cs = [asyncio.create_task(worker(n, "cond")) for n in ("c1", "c2", "c3")]
    await asyncio.sleep(0)
    cs[1].cancel()
    await asyncio.gather(*cs, return_exceptions=True)
    log.append(("cond locked", cond.locked()))


async def acquire_loop(log):
    # The method is looked up once per call site before the engine's own
    # is used in place: every task awaits it from the same loop.
    lock = asyncio.Lock()

    async def worker(name):
        for i in range(3):
            try:
                r = await lock.acquire()
            except asyncio.CancelledError:
                log.append(("cancelled", name, i, lock.locked()))
                continue
            log.append(("acquired", name, i, r))
            await asyncio.sleep(0)
            lock.release()

    ts = [asyncio.create_task(worker(n)) for n in ("a1", "a2", "a3")]
    for _ in range(3):
        await asyncio.sleep(0)
    ts[2].cancel()  # waiting
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    ts[1].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    log.append(("locked", lock.locked()))


async def event_paths(log):
    ev = asyncio.Event()

    async def waiter(name):
        try:
            log.append(("woke", name, await ev.wait()))
        except asyncio.CancelledError:
            log.append(("cancelled", name))
            raise

    ts = [asyncio.create_task(waiter(n)) for n in ("e1", "e2", "e3")]
    await asyncio.sleep(0)
    log.append(("waiters", "waiters:3" in repr(ev)))
    r = repr(ts[0])
    log.append(("repr", "wait_for=<Future pending" in r, r.count("lock_queue_wait_in_place")))
    stack = ts[0].get_stack()
    log.append(("stack", len(stack), stack[-1].f_code.co_name))
    ts[1].cancel()
    await asyncio.sleep(0)
    ev.set()
    ts[2].cancel()  # already woken: the cancel wins at the await
    await asyncio.gather(*ts, return_exceptions=True)
    log.append(("after", "waiters" in repr(ev)))


async def cond_paths(log):
    cond = asyncio.Condition()
    state = {"round": 0}

    async def waiter(name):
        try:
            async with cond:
                r = await cond.wait()
                log.append(("woke", name, r, cond.locked(), state["round"]))
        except asyncio.CancelledError as e:
            log.append(("cancelled", name, e.args, cond.locked()))
            raise

    ts = [asyncio.create_task(waiter(f"c{i}")) for i in range(5)]
    await asyncio.sleep(0)
    ts[0].cancel("while waiting")  # raised at `await fut`, re-acquires first
    async with cond:
        state["round"] = 1
        cond.notify(2)
        ts[1].cancel("woken")  # woken, then cancelled before it runs
        await asyncio.sleep(0)
        ts[2].cancel("re-acquiring")  # cancelled while waiting for the lock
        await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with cond:
        state["round"] = 2
        cond.notify_all()
    await asyncio.gather(*ts, return_exceptions=True)
    log.append(("locked", cond.locked()))
    try:
        await cond.wait()
    except RuntimeError as e:
        log.append(("unacquired", e.args))

    async def thrown():
        async with cond:
            await cond.wait()

    c = thrown()
    c.send(None)
    try:
        c.throw(KeyError("k"))  # raised at `await fut`: the lock is free again
    except KeyError as e:
        log.append(("thrown", e.args, cond.locked()))


async def by_hand(log):
    ev = asyncio.Event()
    lock = asyncio.Lock()
    await lock.acquire()
    q = asyncio.Queue()

    async def ev_wait():
        return await ev.wait()

    async def lock_enter():
        async with lock:
            return "entered"

    async def q_get():
        return await q.get()

    for make, obj in ((ev_wait, ev), (lock_enter, lock), (q_get, q)):
        c = make()
        fut = c.send(None)
        log.append((make.__name__, type(fut).__name__, fut.done(), "waiters" in repr(obj)
                    or "getters" in repr(obj)))
        c.close()
        log.append(("closed", "waiters" in repr(obj) or "_getters" in repr(obj)))
        c = make()
        c.send(None)
        try:
            c.throw(ValueError("thrown"))
        except ValueError as e:
            log.append(("thrown", e.args, "waiters" in repr(obj) or "_getters" in repr(obj)))
    c = ev_wait()
    fut = c.send(None)
    fut.set_result("ignored")
    try:
        c.send(None)
    except StopIteration as e:
        log.append(("returned", e.value))
    lock.release()


async def main():
    for part in (queue_retry, queue_cancel, queue_shutdown, lock_paths, acquire_loop, event_paths,
                 cond_paths, by_hand):
        log = []
        await part(log)
        print(part.__name__)
        for entry in log:
            print("  ", entry)


asyncio.run(main())
