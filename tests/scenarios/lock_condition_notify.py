# Condition.notify(1) then notify_all(); woken waiters re-acquire the lock.
import asyncio


async def consumer(cond, name, log):
    async with cond:
        r = await cond.wait()
        log.append((name, r, asyncio.get_running_loop().time()))


async def main():
    cond = asyncio.Condition()
    log = []
    ts = [asyncio.create_task(consumer(cond, n, log)) for n in "abc"]
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ts)
    print(log)


asyncio.run(main())
