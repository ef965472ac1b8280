# `await asyncio.sleep(d)` with d > 0 awaited right at the call (run in
# place, without the coroutine) and every way around it: cancelled while
# sleeping (the TimerHandle cancelled, CancelledError in the frame),
# sleep(d, result), negative, zero and infinite delays, bool and int
# delays, sleep called and awaited later, under wait_for, gather and
# asyncio.timeout, a coroutine driven by hand and thrown into or closed
# while it sleeps, a task's repr and stack while it sleeps, and the order
# of timers due at the same time.
import asyncio
import math


def timers(loop):
    # The virtual time (a timer left uncancelled shows in the trace compared by conform).
    return loop.time()


async def results(log):
    log.append(("int", await asyncio.sleep(1)))
    log.append(("float", await asyncio.sleep(0.25, "r")))
    log.append(("bool", await asyncio.sleep(True, [1, 2])))
    log.append(("neg", await asyncio.sleep(-3, "neg")))
    log.append(("zero", await asyncio.sleep(0, None)))
    obj = object()
    log.append(("same", await asyncio.sleep(0.5, obj) is obj))
    log.append(("time", asyncio.get_running_loop().time()))


async def not_direct(log):
    c = asyncio.sleep(1, "later")
    log.append(("later", await c))
    log.append(("wait_for", await asyncio.wait_for(asyncio.sleep(0.5, "wf"), 2)))
    try:
        await asyncio.wait_for(asyncio.sleep(5), 0.5)
    except asyncio.TimeoutError:
        log.append(("wait_for", "timeout"))
    log.append(("gather", await asyncio.gather(asyncio.sleep(1, "a"), asyncio.sleep(0.5, "b"))))
    t = asyncio.create_task(asyncio.sleep(0.25, "task"))
    log.append(("task", await t))
    log.append(("kw", await asyncio.sleep(0.25, result="kw")))
    log.append(("kwdelay", await asyncio.sleep(delay=0.25)))


async def cancelled(log):
    loop = asyncio.get_running_loop()

    async def sleeper():
        try:
            await asyncio.sleep(10, "never")
        except asyncio.CancelledError as e:
            log.append(("cancelled in frame", e.args, timers(loop)))
            raise
        finally:
            log.append(("finally", timers(loop)))

    t = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    log.append(("before cancel", timers(loop)))
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        log.append(("task", e.args, t.cancelled(), timers(loop)))

    # Swallowed cancellation: the frame goes on and sleeps again.
    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log.append(("swallowed", timers(loop)))
        return await asyncio.sleep(1, "after")

    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    log.append(("stubborn", await t, loop.time()))


async def timeouts(log):
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(5)
    except TimeoutError:
        log.append(("timeout", loop.time(), timers(loop)))
    async with asyncio.timeout(5):
        log.append(("in time", await asyncio.sleep(1, "ok"), loop.time()))


async def by_hand(log):
    loop = asyncio.get_running_loop()

    async def body():
        try:
            r = await asyncio.sleep(3, "body")
            log.append(("body got", r))
            return r
        except ValueError as e:
            log.append(("body caught", repr(e)))
            return "caught"
        finally:
            log.append(("body finally", timers(loop)))

    c = body()
    fut = c.send(None)
    log.append(("yielded", type(fut).__name__, fut.done(), timers(loop)))
    try:
        c.throw(ValueError("in"))
    except StopIteration as e:
        log.append(("thrown", e.value))

    c = body()
    c.send(None)
    c.close()
    log.append(("closed", timers(loop)))

    c = body()
    fut = c.send(None)
    fut.set_result("early")
    try:
        c.send(None)
    except StopIteration as e:
        log.append(("early", e.value, timers(loop)))

    c = body()
    fut = c.send(None)
    fut.cancel()
    try:
        c.send(None)
    except asyncio.CancelledError:
        log.append(("future cancelled", timers(loop)))


async def stack(log):
    async def sleeper():
        await asyncio.sleep(2)
        return 1

    t = asyncio.create_task(sleeper(), name="sleeper")
    await asyncio.sleep(0)
    log.append(("repr", repr(t).split(" running at")[0]))
    frames = t.get_stack()
    log.append(("stack", [(f.f_code.co_name, f.f_lineno) for f in frames]))
    log.append(("done", await t))


async def odd_delays(log):
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(asyncio.sleep(math.inf))
    t2 = asyncio.create_task(asyncio.sleep(float("inf"), "inf"))

    async def inf_direct():
        return await asyncio.sleep(math.inf)

    t3 = asyncio.create_task(inf_direct())
    await asyncio.sleep(0.5)
    for x in (t, t2, t3):
        x.cancel()
    res = await asyncio.gather(t, t2, t3, return_exceptions=True)
    log.append(("inf", [type(r).__name__ for r in res], timers(loop)))
    try:
        await asyncio.sleep("1")
    except TypeError as e:
        log.append(("str", str(e)))


async def same_time(log):
    order = []

    async def s(i, d):
        await asyncio.sleep(d)
        order.append(i)

    await asyncio.gather(*[s(i, (i * 7) % 4 / 2) for i in range(12)])
    log.append(("order", order))


async def main():
    log = []
    for part in (results, not_direct, cancelled, timeouts, by_hand, stack, odd_delays, same_time):
        try:
            await part(log)
        except Exception as e:
            log.append(("part failed", part.__name__, repr(e)))
    for entry in log:
        print(entry)


asyncio.run(main())
