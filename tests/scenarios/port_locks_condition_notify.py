# test_locks ConditionTests test_notify / test_notify_all /
# test_timeout_in_block: notify(n) wakes n waiters in order; each
# re-acquires in turn; a timeout around wait().
import asyncio


async def main():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        async with cond:
            if await cond.wait():
                result.append(n)
            await asyncio.sleep(0)

    ts = [asyncio.create_task(c(i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(0)
    print(result)
    async with cond:
        cond.notify(1)
        cond.notify(2048)
    await asyncio.gather(*ts)
    print(result)
    ts = [asyncio.create_task(c(i)) for i in (4, 5)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ts)
    print(result)
    async with cond:
        try:
            async with asyncio.timeout(0.01):
                await cond.wait()
        except TimeoutError:
            print("TimeoutError", cond.locked(), asyncio.get_running_loop().time())


asyncio.run(main())
