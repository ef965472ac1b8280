# Cancelling a task blocked in Condition.wait(): it re-acquires the lock
# before CancelledError leaves wait(). 3.13+ also notifies another waiter
# (spurious wake-up of b); <=3.12 b keeps waiting until notify_all.
import asyncio


async def waiter(cond, name):
    async with cond:
        try:
            r = await cond.wait()
            print(name, "woke", r, "locked:", cond.locked())
        except asyncio.CancelledError as e:
            print(name, "cancelled", e.args, "locked:", cond.locked())
            raise


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond, "a"))
    b = asyncio.create_task(waiter(cond, "b"))
    await asyncio.sleep(0)
    a.cancel("bye")
    await asyncio.sleep(0.5)
    async with cond:
        cond.notify_all()
    r = await asyncio.gather(a, b, return_exceptions=True)
    print([type(x).__name__ for x in r], asyncio.get_running_loop().time())


asyncio.run(main())
