# `async with` entered and left in one instruction each (ASYNC_WITH_ENTER /
# ASYNC_WITH_LEAVE) and every way around that: idle and contended locks, a
# lock released or dropped inside the block, exceptions, return / break /
# continue out of the block, `as`, nested items, other managers.
import asyncio


class Mgr:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        print("enter", self.name)
        return self.name

    async def __aexit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return self.swallow


class SubLock(asyncio.Lock):
    async def acquire(self):
        print("sub acquire")
        return await super().acquire()

    def release(self):
        print("sub release")
        super().release()


async def released_inside(lock):
    async with lock:
        lock.release()


async def raises_inside(lock):
    async with lock:
        raise ValueError("inside")


async def worker(lock, name, log):
    for i in range(3):
        async with lock:
            log.append((name, i, lock.locked()))
            await asyncio.sleep(0)
        log.append((name, "out", lock.locked()))


async def early_exits(lock):
    out = []
    for i in range(4):
        async with lock:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
    out.append(lock.locked())
    async def ret():
        async with lock:
            return lock.locked()
    out.append(await ret())
    out.append(lock.locked())
    return out


async def cancelled_at_enter(lock):
    async with lock:
        t = asyncio.ensure_future(raises_inside(lock))
        await asyncio.sleep(0)
        t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled at enter, locked:", lock.locked())


async def main():
    lock = asyncio.Lock()
    async with lock:
        print("held", lock.locked())
    print("after", lock.locked())

    async with lock as v:
        print("as", v, lock.locked())
    print("after as", lock.locked())

    try:
        await released_inside(lock)
    except RuntimeError as e:
        print("RuntimeError", e, lock.locked())
    try:
        await raises_inside(lock)
    except ValueError as e:
        print("ValueError", e, lock.locked())

    async with lock:
        t = asyncio.ensure_future(worker(lock, "w", []))
        await asyncio.sleep(0)
        c = t.get_coro()
        print("waiting at line", c.cr_frame.f_lineno, c.cr_frame.f_code.co_name)
    await t

    log = []
    await asyncio.gather(worker(lock, "a", log), worker(lock, "b", log), worker(lock, "c", log))
    print(log)

    print(await early_exits(lock))
    await cancelled_at_enter(lock)

    async with asyncio.Lock():
        print("a lock only the block holds")

    other = asyncio.Lock()
    async with lock, other:
        print("nested", lock.locked(), other.locked())
    print("nested after", lock.locked(), other.locked())

    async with Mgr("m1"), lock:
        print("mixed", lock.locked())
    async with Mgr("m2", swallow=True):
        raise KeyError("swallowed")
    try:
        async with Mgr("m3"):
            raise KeyError("kept")
    except KeyError as e:
        print("KeyError", e)

    sub = SubLock()
    async with sub:
        print("sub", sub.locked())
    print("sub after", sub.locked())

    cond = asyncio.Condition()
    async with cond:
        print("cond", cond.locked())
    sem = asyncio.Semaphore(1)
    async with sem:
        print("sem", sem.locked())
    print("cond/sem after", cond.locked(), sem.locked())

    try:
        async with 42:
            pass
    except TypeError as e:
        print("TypeError", e)

    # A waiter queued but cancelled: the free lock's enter goes the slow way.
    async with lock:
        t = asyncio.ensure_future(lock.acquire())
        await asyncio.sleep(0)
        t.cancel()
        await asyncio.sleep(0)
    async with lock:
        print("after cancelled waiter", lock.locked())
    print(lock.locked())
    # Last: the RuntimeError's traceback (the `async with` line).
    await released_inside(lock)


asyncio.run(main())
