# Awaits of Semaphore.acquire(), `async with` of a Semaphore or a
# BoundedSemaphore, and Queue.join() that must wait: the order they are
# woken in, what they return, cancellations before and after the wake-up
# (the unit handed on, 3.11's and 3.13's rules), exceptions thrown in and
# close() when driven by hand, a subclass with its own acquire(), and a
# task's repr and stack while it waits.
import asyncio


async def sem_order(log):
    sem = asyncio.Semaphore(1)

    async def by_acquire(name):
        r = await sem.acquire()
        log.append(("acquired", name, r, sem._value))
        await asyncio.sleep(0)
        sem.release()

    async def by_with(name):
        async with sem as v:
            log.append(("entered", name, v, sem.locked()))
            await asyncio.sleep(0)

    ts = []
    for i in range(3):
        ts.append(asyncio.create_task(by_acquire(f"a{i}")))
        ts.append(asyncio.create_task(by_with(f"w{i}")))
    await asyncio.sleep(0)
    log.append(("waiting", "waiters:" in repr(sem)))
    r = repr(ts[1])
    log.append(("repr", "wait_for=<Future pending" in r, r.count("lock_semaphore_join_in_place")))
    stack = ts[1].get_stack()
    log.append(("stack", len(stack), stack[-1].f_code.co_name))
    await asyncio.gather(*ts)
    log.append(("after", sem._value, "waiters" in repr(sem)))


async def sem_cancel(log):
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()

    async def waiter(name, use_with):
        try:
            if use_with:
                async with sem:
                    log.append(("entered", name, sem._value))
            else:
                log.append(("acquired", name, await sem.acquire(), sem._value))
                sem.release()
        except asyncio.CancelledError as e:
            log.append(("cancelled", name, e.args, sem._value))
            raise

    ts = [asyncio.create_task(waiter(f"s{i}", i % 2 == 1)) for i in range(5)]
    await asyncio.sleep(0)
    ts[0].cancel("while waiting")
    await asyncio.sleep(0)
    sem.release()  # wakes s1 ...
    ts[1].cancel("woken")  # ... cancelled before it runs: its unit goes on
    await asyncio.gather(*ts, return_exceptions=True)
    log.append(("value", sem._value, sem.locked()))
    try:
        sem.release()
    except ValueError as e:
        log.append(("bounded", e.args))


async def sem_many(log):
    sem = asyncio.Semaphore(0)

    async def waiter(name):
        await sem.acquire()
        log.append(("got", name, sem._value))

    ts = [asyncio.create_task(waiter(f"m{i}")) for i in range(4)]
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    sem.release()
    await asyncio.sleep(0)
    log.append(("between", sem._value))
    sem.release()
    await asyncio.gather(*ts)
    log.append(("end", sem._value))


async def sem_subclass(log):
    class Counting(asyncio.Semaphore):
        calls = 0

        async def acquire(self):
            Counting.calls += 1
            return await super().acquire()

    sem = Counting(1)

    async def user(name):
        async with sem:
            log.append(("in", name, Counting.calls))
            await asyncio.sleep(0)

    await asyncio.gather(*(user(f"u{i}") for i in range(3)))
    log.append(("calls", Counting.calls, sem._value))


async def sem_by_hand(log):
    sem = asyncio.Semaphore(0)

    async def acq():
        return await sem.acquire()

    async def enter():
        async with sem:
            return "entered"

    for make in (acq, enter):
        c = make()
        fut = c.send(None)
        log.append((make.__name__, type(fut).__name__, fut.done(), "waiters" in repr(sem)))
        c.close()
        log.append(("closed", "waiters" in repr(sem), sem._value))
        c = make()
        c.send(None)
        try:
            c.throw(ValueError("thrown"))
        except ValueError as e:
            log.append(("thrown", e.args, "waiters" in repr(sem), sem._value))
        c = make()
        fut = c.send(None)
        fut.set_result(True)
        try:
            c.send(None)
        except StopIteration as e:
            log.append(("returned", e.value, sem._value))


async def join_paths(log):
    q = asyncio.Queue()

    async def joiner(name):
        try:
            r = await q.join()
            log.append(("joined", name, r, q._unfinished_tasks))
        except asyncio.CancelledError:
            log.append(("cancelled", name))
            raise

    await joiner("empty")
    for i in range(3):
        q.put_nowait(i)
    js = [asyncio.create_task(joiner(f"j{i}")) for i in range(3)]
    await asyncio.sleep(0)
    r = repr(js[0])
    log.append(("repr", "wait_for=<Future pending" in r, "unfinished" in repr(q)))
    js[1].cancel()
    for _ in range(3):
        q.get_nowait()
        q.task_done()
        await asyncio.sleep(0)
    js[2].cancel()  # woken, cancelled before it runs
    res = await asyncio.gather(*js, return_exceptions=True)
    log.append(("results", [type(x).__name__ for x in res]))

    async def worker():
        while True:
            item = await q.get()
            await asyncio.sleep(0)
            log.append(("done", item))
            q.task_done()

    w = asyncio.create_task(worker())
    for i in range(4):
        await q.put(i)
    await q.join()
    log.append(("all done", q.qsize()))
    w.cancel()
    await asyncio.gather(w, return_exceptions=True)
    q.put_nowait("x")

    async def join_in_frame():
        return await q.join()

    for make in (join_in_frame,):
        c = make()
        fut = c.send(None)
        log.append(("by hand", make.__name__, type(fut).__name__, fut.done()))
        try:
            c.throw(KeyError("k"))
        except KeyError as e:
            log.append(("thrown", e.args))
        c = make()
        c.send(None)
        c.close()
        c = make()
        fut = c.send(None)
        fut.set_result(True)
        try:
            c.send(None)
        except StopIteration as e:
            log.append(("returned", e.value))


async def main():
    for part in (sem_order, sem_cancel, sem_many, sem_subclass, sem_by_hand, join_paths):
        log = []
        await part(log)
        print(part.__name__)
        for entry in log:
            print("  ", entry)


asyncio.run(main())
