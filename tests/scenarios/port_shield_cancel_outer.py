# test_tasks.test_shield_cancel_outer / test_shield_effect: cancelling the
# task that awaits shield() leaves the inner task running.
import asyncio


async def inner(log):
    await asyncio.sleep(1)
    log.append("inner done")
    return "inner result"


async def outer(t):
    return await asyncio.shield(t)


async def main():
    loop = asyncio.get_running_loop()
    log = []
    it = asyncio.create_task(inner(log))
    ot = asyncio.create_task(outer(it))
    await asyncio.sleep(0.5)
    ot.cancel()
    try:
        await ot
    except asyncio.CancelledError:
        print("outer cancelled", it.done(), loop.time())
    print(await it, log, loop.time())


asyncio.run(main())
