# test_locks ConditionTests test_cancelled_error_wakeup /
# test_cancelled_wakeup (3.13 adds the notify-on-error): a waiter woken by
# notify and cancelled before it runs; where does the wakeup go?
import asyncio


async def main():
    cond = asyncio.Condition()
    state = []
    wake = []

    async def waiter(name):
        async with cond:
            try:
                await cond.wait()
                wake.append(name)
            except asyncio.CancelledError:
                state.append(name + " cancelled")
                raise

    t1 = asyncio.create_task(waiter("a"))
    t2 = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        t1.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(state, wake, t2.done())
    if not t2.done():
        async with cond:
            cond.notify_all()
    await asyncio.gather(t1, t2, return_exceptions=True)
    print(state, wake, t1.cancelled(), t2.done())


asyncio.run(main())
