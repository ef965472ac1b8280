# test_tasks.test_shield_cancel_inner / test_shield_gather /
# test_gather_shield: cancelling the inner task cancels the outer too;
# shielded children of gather survive gather's cancel.
import asyncio


async def sleeper(d, v):
    await asyncio.sleep(d)
    return v


async def main():
    loop = asyncio.get_running_loop()
    it = asyncio.create_task(sleeper(1, "x"))
    outer = asyncio.shield(it)
    await asyncio.sleep(0)
    it.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled", outer.cancelled(), it.cancelled())
    a = asyncio.create_task(sleeper(0.1, "a"))
    b = asyncio.create_task(sleeper(0.2, "b"))
    g = asyncio.gather(asyncio.shield(a), asyncio.shield(b))
    await asyncio.sleep(0.05)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled")
    print(await a, await b, loop.time())
    c = asyncio.create_task(sleeper(0.1, "c"))
    d = asyncio.create_task(sleeper(0.2, "d"))
    s = asyncio.shield(asyncio.gather(c, d))
    await asyncio.sleep(0.05)
    s.cancel()
    await asyncio.sleep(0.3)
    print(s.cancelled(), c.result(), d.result(), loop.time())


asyncio.run(main())
