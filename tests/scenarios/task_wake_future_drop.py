# A task's wakeup and the future it woke the task for: its last reference
# is the wakeup's own, dropped once the step is over (a weak reference's
# callback, a result whose __del__ prints); Condition.wait releasing a
# lock that has waiters (the release wakes one), without the lock, with a
# lock given; waits in place of Event, Lock, Semaphore and Queue in a row
# (their futures made and dropped again and again); cancels while parked
# and after the wake.
import asyncio
import weakref


class Res:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del Res", self.n)


async def dropped_in_step():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    r = weakref.ref(fut, lambda ref: print("weak callback, dead:", ref() is None))
    loop.call_soon(fut.set_result, 7)
    v = await fut
    del fut
    print("woken", v, "alive:", r() is not None)
    await asyncio.sleep(0)
    print("next step, dead:", r() is None)
    fut = loop.create_future()
    loop.call_soon(fut.set_result, Res(1))
    v = await fut
    print("woken", v.n)
    del fut, v
    print("dropped in the step")
    await asyncio.sleep(0)
    print("next step")
    fut = loop.create_future()
    loop.call_soon(fut.set_exception, ValueError("boom"))
    try:
        await fut
    except ValueError as e:
        print("raised", e)
    del fut
    await asyncio.sleep(0)
    print("after the failed future")


async def condition_release_wakes(lock=None):
    cond = asyncio.Condition(lock) if lock else asyncio.Condition()
    order = []

    async def w(i):
        async with cond:
            order.append(("in", i))
            await cond.wait()
            order.append(("woken", i))

    async with cond:  # they queue on the lock: each wait's release wakes the next
        tasks = [asyncio.create_task(w(i)) for i in range(4)]
        await asyncio.sleep(0)
    for _ in range(5):
        await asyncio.sleep(0)
    print("locked:", cond.locked(), order)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*tasks)
    print(order)
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError", e)


async def condition_cancels():
    cond = asyncio.Condition()

    async def w(i):
        try:
            async with cond:
                await cond.wait()
                print("woken", i)
        except asyncio.CancelledError:
            print("cancelled", i, "locked:", cond.locked())
            raise

    tasks = [asyncio.create_task(w(i)) for i in range(3)]
    await asyncio.sleep(0)
    tasks[0].cancel()
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        tasks[1].cancel("after the wake")
    res = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(x).__name__ for x in res])


async def in_a_row():
    ev = asyncio.Event()
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(1)
    q = asyncio.Queue(maxsize=1)
    seen = []

    async def worker(i):
        for r in range(3):
            await ev.wait()
            async with lock:
                seen.append(("lock", i, r))
                await asyncio.sleep(0)
            async with sem:
                seen.append(("sem", i, r))
                await asyncio.sleep(0)
            await q.put((i, r))
            await asyncio.sleep(0)

    tasks = [asyncio.create_task(worker(i)) for i in range(3)]
    got = []
    for r in range(3):
        await asyncio.sleep(0)
        ev.set()
        await asyncio.sleep(0)
        ev.clear()
        for _ in range(3):
            got.append(await q.get())
    await asyncio.gather(*tasks)
    print(seen)
    print(got)


async def main():
    await dropped_in_step()
    await condition_release_wakes()
    await condition_release_wakes(asyncio.Lock())
    await condition_cancels()
    await in_a_row()


asyncio.run(main())
