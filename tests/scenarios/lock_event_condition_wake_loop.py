# Event.set and Condition.notify / notify_all waking their waiters in one
# loop: waiters already done (cancelled) skipped without counting, n of 0,
# negative, larger than the waiters, notify and notify_all as statements
# and as expressions, with wrong arguments and without the lock, a
# waiter cancelled after it was woken, the order of the wakeups.
import asyncio

log = []


def state(ev):
    return repr(ev).split("[")[1]


async def ev_waiter(ev, name):
    try:
        r = await ev.wait()
        log.append(f"{name} woke {r}")
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def cond_waiter(cond, name):
    async with cond:
        try:
            r = await cond.wait()
            log.append(f"{name} woke {r} locked={cond.locked()}")
        except asyncio.CancelledError:
            log.append(f"{name} cancelled locked={cond.locked()}")
            raise


async def event_cases():
    ev = asyncio.Event()
    ev.set()
    ev.set()
    print("set twice, no waiters:", ev.is_set(), state(ev))
    ev.clear()
    tasks = [asyncio.create_task(ev_waiter(ev, f"e{i}")) for i in range(6)]
    await asyncio.sleep(0)
    print(state(ev))
    tasks[1].cancel()
    tasks[4].cancel()
    await asyncio.sleep(0)
    print("after cancels:", state(ev))
    tasks[3].cancel("late")
    ev.set()
    print("set returns", ev.set())
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print([t.cancelled() for t in tasks])
    print(state(ev))


async def condition_cases():
    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify un-acquired:", e)
    try:
        cond.notify_all()
    except RuntimeError as e:
        print("notify_all un-acquired:", e)
    tasks = [asyncio.create_task(cond_waiter(cond, f"c{i}")) for i in range(8)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(0)
        cond.notify(-3)
        try:
            cond.notify_all(1)
        except TypeError as e:
            print("notify_all(1):", e)
        try:
            cond.notify("2")
        except TypeError as e:
            print("notify('2'):", type(e).__name__)
        tasks[0].cancel()
        await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        print("notify(True) ->", cond.notify(True))
        cond.notify(n=1)
        tasks[5].cancel()
    for _ in range(4):
        await asyncio.sleep(0)
    async with cond:
        r = cond.notify_all()
        print("notify_all ->", r)
        cond.notify_all()
        cond.notify(100)
    await asyncio.gather(*tasks, return_exceptions=True)
    print([t.cancelled() for t in tasks])


async def notify_then_cancel():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(cond_waiter(cond, f"n{i}")) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
        tasks[0].cancel()
    await asyncio.gather(*tasks[:2], return_exceptions=True)
    async with cond:
        cond.notify()
    await asyncio.gather(*tasks, return_exceptions=True)
    print([t.cancelled() for t in tasks])


async def main():
    await event_cases()
    await condition_cases()
    await notify_then_cancel()
    for line in log:
        print(line)


asyncio.run(main())
