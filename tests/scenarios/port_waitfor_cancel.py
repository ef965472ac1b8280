# test_waitfor test_cancel_blocking_wait_for / test_cancel_wait_for /
# test_wait_for_issue86296: cancelling a task blocked in wait_for cancels
# the inner awaitable too.
import asyncio


async def inner(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("inner cancelled")
        raise


async def waiter(log, timeout):
    try:
        await asyncio.wait_for(inner(log), timeout)
    except asyncio.CancelledError:
        log.append("waiter cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    for timeout in (None, 5):
        log = []
        t = asyncio.create_task(waiter(log, timeout))
        await asyncio.sleep(0.1)
        t.cancel()
        try:
            await t
        except asyncio.CancelledError:
            print(timeout, log, t.cancelled(), loop.time())


asyncio.run(main())
