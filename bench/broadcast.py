# Event and Condition broadcast: 100 waiters woken 1,000 times by
# Event.set and 1,000 times by Condition.notify_all.
import asyncio

WAITERS = 100
ROUNDS = 1000


async def event_waiter(ev, seen):
    while True:
        await ev.wait()
        seen[0] += 1
        if seen[0] >= WAITERS * ROUNDS:
            return
        await asyncio.sleep(0)


async def cond_waiter(cond, box):
    async with cond:
        while box[0] < ROUNDS:
            await cond.wait()
            box[1] += 1


async def main():
    ev = asyncio.Event()
    seen = [0]
    waiters = [asyncio.create_task(event_waiter(ev, seen)) for _ in range(WAITERS)]
    for _ in range(ROUNDS):
        ev.set()
        await asyncio.sleep(0)
        ev.clear()
        await asyncio.sleep(0)
    for w in waiters:
        w.cancel()
    await asyncio.gather(*waiters, return_exceptions=True)
    cond = asyncio.Condition()
    box = [0, 0]
    waiters = [asyncio.create_task(cond_waiter(cond, box)) for _ in range(WAITERS)]
    await asyncio.sleep(0)
    for _ in range(ROUNDS):
        async with cond:
            box[0] += 1
            cond.notify_all()
        await asyncio.sleep(0)
    await asyncio.gather(*waiters)
    print(seen[0], box[1])


asyncio.run(main())
