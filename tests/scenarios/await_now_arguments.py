# `await obj.meth(args)` of the engine's queues, locks, events,
# conditions and semaphores with every count of positional arguments and
# with keywords: the ones that finish at once, the ones that must wait
# (and then do), and the ones whose call raises (a TypeError from the
# binding, before anything changes); `async with` of a Condition and a
# Semaphore left by an exception, whose __aexit__ gets (type, exc, tb);
# the mixin's __aenter__ / __aexit__ awaited directly, right and wrong.
import asyncio


# Each await is written out (no helper): only `await obj.meth(...)` as
# one expression takes the engine's in-place path.


async def queues(log):
    q = asyncio.Queue(maxsize=1)
    try:
        log.append(("put none", await q.put()))
    except TypeError as e:
        log.append(("put none", "TypeError", str(e)))
    try:
        log.append(("put two", await q.put(1, 2)))
    except TypeError as e:
        log.append(("put two", "TypeError", str(e)))
    try:
        log.append(("put kw", await q.put(item="k")))
    except TypeError as e:
        log.append(("put kw", "TypeError", str(e)))
    log.append(("size", q.qsize()))
    try:
        log.append(("get arg", await q.get(1)))
    except TypeError as e:
        log.append(("get arg", "TypeError", str(e)))
    try:
        log.append(("get kw", await q.get(block=True)))
    except TypeError as e:
        log.append(("get kw", "TypeError", str(e)))
    log.append(("get", await q.get(), q.qsize()))
    try:
        log.append(("join arg", await q.join(1)))
    except TypeError as e:
        log.append(("join arg", "TypeError", str(e)))
    q.task_done()
    try:
        log.append(("join", await q.join()))
    except TypeError as e:
        log.append(("join", "TypeError", str(e)))
    # A put that must wait, then one with a wrong count while it waits.
    await q.put("a")

    async def late_get():
        await asyncio.sleep(0)
        log.append(("late get", q.get_nowait()))

    t = asyncio.create_task(late_get())
    try:
        log.append(("put waits", await q.put("b")))
    except TypeError as e:
        log.append(("put waits", "TypeError", str(e)))
    try:
        log.append(("put full two", await q.put("c", "d")))
    except TypeError as e:
        log.append(("put full two", "TypeError", str(e)))
    await t
    log.append(("left", q.get_nowait(), q.qsize()))


async def locks(log):
    lock = asyncio.Lock()
    try:
        log.append(("acquire arg", await lock.acquire(1)))
    except TypeError as e:
        log.append(("acquire arg", "TypeError", str(e)))
    log.append(("locked", lock.locked()))
    try:
        log.append(("acquire", await lock.acquire()))
    except TypeError as e:
        log.append(("acquire", "TypeError", str(e)))
    try:
        log.append(("aexit two", await lock.__aexit__(None, None)))
    except TypeError as e:
        log.append(("aexit two", "TypeError", str(e)))
    try:
        log.append(("aexit", await lock.__aexit__(None, None, None)))
    except TypeError as e:
        log.append(("aexit", "TypeError", str(e)))
    log.append(("locked", lock.locked()))
    try:
        log.append(("aenter arg", await lock.__aenter__(1)))
    except TypeError as e:
        log.append(("aenter arg", "TypeError", str(e)))
    try:
        log.append(("aenter", await lock.__aenter__()))
    except TypeError as e:
        log.append(("aenter", "TypeError", str(e)))
    lock.release()
    ev = asyncio.Event()
    try:
        log.append(("wait arg", await ev.wait(1)))
    except TypeError as e:
        log.append(("wait arg", "TypeError", str(e)))
    ev.set()
    try:
        log.append(("wait", await ev.wait()))
    except TypeError as e:
        log.append(("wait", "TypeError", str(e)))
    sem = asyncio.Semaphore(1)
    try:
        log.append(("sem arg", await sem.acquire(1)))
    except TypeError as e:
        log.append(("sem arg", "TypeError", str(e)))
    try:
        log.append(("sem", await sem.acquire()))
    except TypeError as e:
        log.append(("sem", "TypeError", str(e)))
    try:
        log.append(("sem aexit four", await sem.__aexit__(None, None, None, None)))
    except TypeError as e:
        log.append(("sem aexit four", "TypeError", str(e)))
    try:
        log.append(("sem aexit", await sem.__aexit__(None, None, None)))
    except TypeError as e:
        log.append(("sem aexit", "TypeError", str(e)))
    log.append(("sem value", sem._value))
    cond = asyncio.Condition()
    try:
        log.append(("cond aenter", await cond.__aenter__()))
    except TypeError as e:
        log.append(("cond aenter", "TypeError", str(e)))
    try:
        log.append(("cond wait arg", await cond.wait(1)))
    except TypeError as e:
        log.append(("cond wait arg", "TypeError", str(e)))

    async def notifier():
        async with cond:
            cond.notify()

    t = asyncio.create_task(notifier())
    try:
        log.append(("cond wait", await cond.wait()))
    except TypeError as e:
        log.append(("cond wait", "TypeError", str(e)))
    try:
        log.append(("cond aexit", await cond.__aexit__(None, None, None)))
    except TypeError as e:
        log.append(("cond aexit", "TypeError", str(e)))
    await t


class Boom(Exception):
    pass


async def exits(log):
    for mgr in (asyncio.Semaphore(2), asyncio.Condition(), asyncio.Lock()):
        try:
            async with mgr:
                log.append((type(mgr).__name__, "in", mgr.locked()))
                raise Boom(type(mgr).__name__)
        except Boom as e:
            log.append((type(mgr).__name__, "out", repr(e), mgr.locked()))


async def main():
    log = []
    await queues(log)
    await locks(log)
    await exits(log)
    for entry in log:
        print(*entry)


asyncio.run(main())
