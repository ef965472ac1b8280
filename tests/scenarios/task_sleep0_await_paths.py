# `await asyncio.sleep(0)` in every position the engine treats alike or
# apart: a sleep(0) coroutine referenced only by the await, or kept
# elsewhere; cancelled while suspended there (finally, swallowed, by
# message); every delay <= 0; awaited twice; inside wait_for and gather.
import asyncio


async def spin(name, log):
    try:
        while True:
            log.append(name)
            await asyncio.sleep(0)
    finally:
        log.append(name + " finally")


async def stubborn(log):
    for i in range(3):
        try:
            await asyncio.sleep(0)
            log.append(("stubborn", i))
        except asyncio.CancelledError:
            log.append(("swallowed", i, asyncio.current_task().cancelling()))
    return "stubborn done"


async def all_delays(log):
    for d in (0, 0.0, -1, False, -0.5):
        r = await asyncio.sleep(d)
        log.append(("slept", d, r))
    return "delays done"


async def main():
    loop = asyncio.get_running_loop()
    log = []
    t = asyncio.create_task(spin("spin", log))
    u = asyncio.create_task(all_delays(log))
    s = asyncio.create_task(stubborn(log))
    await asyncio.sleep(0)
    s.cancel()
    await asyncio.sleep(0)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        log.append(("cancelled", e.args))
    print(await u, await s)
    for entry in log:
        print(entry)
    c = asyncio.sleep(0)
    print("first", await c)
    try:
        await c
    except RuntimeError as e:
        print("second:", e)
    keep = [asyncio.sleep(0, "kept"), asyncio.sleep(0)]
    print(await keep[0], await keep[1])
    print(await asyncio.wait_for(asyncio.sleep(0, "in wait_for"), 1))
    print(await asyncio.gather(asyncio.sleep(0), asyncio.sleep(0, "g"), asyncio.sleep(-2)))
    print("time", loop.time())


asyncio.run(main())
