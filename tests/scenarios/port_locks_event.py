# test_locks EventTests test_wait / test_wait_cancel /
# test_clear_with_waiters: set() wakes every waiter in order; clear() right
# after set() does not stop them; a cancelled waiter is dropped.
import asyncio


async def main():
    ev = asyncio.Event()
    result = []

    async def c(n):
        if await ev.wait():
            result.append(n)

    ts = [asyncio.create_task(c(i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    tx = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    tx.cancel()
    ev.set()
    ev.clear()
    print(ev.is_set(), result)
    await asyncio.sleep(0)
    print(result, tx.cancelled())
    await asyncio.gather(*ts)
    ev.set()
    print(await ev.wait(), result)
    ev.clear()
    w = asyncio.create_task(ev.wait())
    await asyncio.sleep(0.5)
    print(w.done())
    asyncio.get_running_loop().call_later(0.5, ev.set)
    print(await w, asyncio.get_running_loop().time())


asyncio.run(main())
