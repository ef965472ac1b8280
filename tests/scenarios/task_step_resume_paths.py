# A task's step and a coroutine's resume on their less common paths: a
# coroutine driven by hand whose code drops the last name of it, closed
# with a finally that does the same, StopIteration escaping (PEP 479),
# send errors; a task that cancels itself before awaiting a future, one
# awaiting a future that is done, one returning while a cancel is pending;
# sleeps whose results only the timer holds, cancelled and not.
import asyncio

log = []


async def drops_own_name(tag):
    global hand
    del hand
    got = await asyncio.sleep(0, result=tag)
    log.append(("dropped", got))
    return got


async def finally_drops():
    global closing
    try:
        await asyncio.sleep(0)
    finally:
        del closing
        log.append("finally ran")


async def raises_stop():
    await asyncio.sleep(0)
    raise StopIteration("x")


async def plain():
    return 1


async def cancels_itself(fut):
    asyncio.current_task().cancel("self")
    try:
        await fut
    except asyncio.CancelledError as e:
        log.append(("self-cancelled", e.args, fut.cancelled()))
        raise


async def awaits_done(fut):
    r = await fut
    await asyncio.sleep(0)
    return r


async def returns_while_cancelled(ev):
    await ev.wait()
    return "late"


async def sleeper(i, results):
    for k in range(4):
        r = await asyncio.sleep(k / 100, result=[i, k])
        results.append(r)


async def main():
    global hand, closing
    hand = drops_own_name("t")
    send = hand.send  # the only holder once the coroutine deletes `hand`
    print(send(None))
    try:
        send(None)
    except StopIteration as e:
        print("returned", e.value)
    try:
        send(None)
    except RuntimeError as e:
        print("reuse:", e)

    closing = finally_drops()
    closing.send(None)
    close = closing.close
    close()
    print(log, "closing" in globals())

    s = raises_stop()
    s.send(None)
    try:
        s.send(None)
    except RuntimeError as e:
        print("pep479:", e, type(e.__cause__).__name__, e.__suppress_context__)

    p = plain()
    try:
        p.send(5)
    except TypeError as e:
        print("typeerror:", e)
    p.close()

    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(cancels_itself(fut))
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled", t.cancelled(), log[-1])

    done = loop.create_future()
    done.set_result("ready")
    print(await asyncio.create_task(awaits_done(done)))

    ev = asyncio.Event()
    t2 = asyncio.create_task(returns_while_cancelled(ev))
    await asyncio.sleep(0)
    ev.set()
    t2.cancel()
    try:
        print(await t2)
    except asyncio.CancelledError:
        print("t2 cancelled", t2.cancelled())

    results = []
    tasks = [asyncio.create_task(sleeper(i, results)) for i in range(3)]
    await asyncio.sleep(0.015)
    tasks[1].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(results, [t.cancelled() for t in tasks])


asyncio.run(main())
