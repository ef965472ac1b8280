# A task awaiting a future, each way the step can find it: a new waiter
# future (its first callback the task's wakeup), a future that already has
# done callbacks, one with a callback added and removed, a cancel asked
# before the await (the awaited future cancelled at once), and a task
# finishing with a result, an exception and a cancel while others wait.
import asyncio


async def waiter(name, fut, log):
    try:
        v = await fut
        log.append((name, "got", v))
    except asyncio.CancelledError as e:
        log.append((name, "cancelled", e.args))
    except Exception as e:
        log.append((name, "raised", type(e).__name__, e.args))


async def self_cancel(fut, log):
    asyncio.current_task().cancel("before the await")
    try:
        await fut
    except asyncio.CancelledError as e:
        log.append(("self_cancel", "cancelled", e.args, fut.cancelled()))
        return "swallowed"


async def child(kind):
    await asyncio.sleep(0)
    if kind == "ok":
        return kind
    if kind == "err":
        raise ValueError(kind)
    await asyncio.sleep(10)


async def main():
    loop = asyncio.get_running_loop()
    log = []

    plain = loop.create_future()
    busy = loop.create_future()
    busy.add_done_callback(lambda f: log.append(("cb", "busy", f.result())))
    removed = loop.create_future()
    cb = lambda f: log.append(("cb", "never"))
    removed.add_done_callback(cb)
    print("removed", removed.remove_done_callback(cb))
    tasks = [
        asyncio.create_task(waiter("plain", plain, log)),
        asyncio.create_task(waiter("busy", busy, log)),
        asyncio.create_task(waiter("removed", removed, log)),
    ]
    await asyncio.sleep(0)
    plain.set_result(1)
    busy.set_result(2)
    removed.set_exception(KeyError("k"))
    await asyncio.gather(*tasks)

    fut = loop.create_future()
    t = asyncio.create_task(self_cancel(fut, log))
    print("self_cancel ->", await t, fut.cancelled())

    children = [asyncio.create_task(child(k)) for k in ("ok", "err", "hang")]
    watchers = [asyncio.create_task(waiter("child-" + str(i), c, log))
                for i, c in enumerate(children)]
    for c in children:
        c.add_done_callback(lambda c: log.append(("done", c.done())))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    children[2].cancel("stop")
    await asyncio.gather(*watchers)
    for entry in log:
        print(*entry)


asyncio.run(main())
