# test_tasks.test_cancel_awaited_task: cancelling the outer task cancels the
# inner task it awaits; the inner's except clause runs first.
import asyncio


async def inner(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("inner cancelled")
        raise


async def outer(log):
    t = asyncio.create_task(inner(log))
    try:
        await t
    except asyncio.CancelledError:
        log.append("outer cancelled, inner " + str(t.cancelled()))
        raise


async def main():
    log = []
    t = asyncio.create_task(outer(log))
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        pass
    print(log, t.cancelled(), asyncio.get_running_loop().time())


asyncio.run(main())
