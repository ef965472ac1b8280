# test_timeouts test_foreign_cancel_doesnt_timeout_if_not_expired /
# test_outer_task_is_not_cancelled / test_waiter_cancelled: a cancel from
# outside passes through an unexpired timeout; an expired one is absorbed.
import asyncio


async def inner_timeout(log):
    try:
        async with asyncio.timeout(10) as cm:
            await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append(("cancelled", cm.expired()))
        raise


async def outer(log):
    try:
        async with asyncio.timeout(0.001):
            await asyncio.sleep(10)
    except TimeoutError:
        log.append("inner timed out")
    await asyncio.sleep(0.1)
    return "outer ok"


async def main():
    log = []
    t = asyncio.create_task(inner_timeout(log))
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("CancelledError", log, t.cancelling())
    log = []
    t = asyncio.create_task(outer(log))
    print(await t, log, t.cancelling(), t.cancelled())
    print(asyncio.get_running_loop().time())


asyncio.run(main())
