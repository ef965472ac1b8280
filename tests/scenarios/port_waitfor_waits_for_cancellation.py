# test_waitfor test_wait_for_waits_for_task_cancellation (and _w_timeout_0):
# on timeout, wait_for waits until the inner task has finished handling its
# cancellation.
import asyncio


async def inner(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0.5)
        log.append("inner done cleaning")
        raise


async def main():
    loop = asyncio.get_running_loop()
    for timeout in (0.1, 0):
        log = []
        t0 = loop.time()
        t = asyncio.create_task(inner(log))
        try:
            await asyncio.wait_for(t, timeout)
        except TimeoutError:
            print("TimeoutError", log, t.cancelled(), loop.time() - t0)


asyncio.run(main())
