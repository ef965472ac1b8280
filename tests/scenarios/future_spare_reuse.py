# Futures made and dropped many times (waiter futures of Event, Condition,
# Lock and Queue), with some kept past their wake-up, given results that
# are objects, exceptions, cancel messages, callbacks added late, and a
# Future subclass: every new future starts pending and empty, whatever the
# one before it held.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="outer")


def fresh(fut):
    return (fut.done(), fut.cancelled(), repr(fut))


async def event_rounds(ev, log):
    for i in range(5):
        log.append(("woken", i, await ev.wait()))
        await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    log = []
    runner = asyncio.create_task(event_rounds(ev, log), name="rounds")
    for _ in range(5):
        await asyncio.sleep(0)
        print("waiting", repr(runner).split(" wait_for=")[1])
        ev.set()
        await asyncio.sleep(0)
        ev.clear()
    print(await runner)
    for entry in log:
        print(entry)
    done = loop.create_future()
    done.set_result(True)
    done.add_done_callback(lambda f: print("late callback", f.result()))
    await asyncio.sleep(0)
    del done

    # Results that are objects, exceptions, cancel messages: then new ones.
    a = loop.create_future()
    a.set_result(["payload"])
    print(a.result(), a)
    del a
    b = loop.create_future()
    print("after object result", fresh(b))
    b.set_exception(ValueError("bad"))
    print(type(b.exception()).__name__, b.exception())
    del b
    c = loop.create_future()
    print("after exception", fresh(c))
    c.cancel("the message")
    try:
        c.result()
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)
    del c
    d = loop.create_future()
    print("after cancel message", fresh(d))
    d.cancel()
    del d
    e = loop.create_future()
    print("after plain cancel", fresh(e))
    e.add_done_callback(print)
    e.remove_done_callback(print)
    del e
    f = loop.create_future()
    print("after removed callback", fresh(f))
    del f

    # Awaited by two tasks, and callbacks with contexts: then new ones.
    shared = loop.create_future()

    async def await_shared(k):
        return (k, await shared)

    both = [asyncio.create_task(await_shared(k)) for k in range(2)]
    await asyncio.sleep(0)
    print("shared", shared)
    shared.set_result(5)
    print(await asyncio.gather(*both))
    del shared
    ctx = contextvars.copy_context()
    ctx.run(var.set, "inner")
    with_ctx = loop.create_future()
    with_ctx.add_done_callback(lambda f: print("in context", var.get()), context=ctx)
    with_ctx.add_done_callback(lambda f: print("no context", var.get()))
    with_ctx.set_result(None)
    await asyncio.sleep(0)
    del with_ctx
    again = loop.create_future()
    print("after two callbacks", fresh(again))
    again.add_done_callback(lambda f: print("one callback", f.result()))
    again.set_result(7)
    await asyncio.sleep(0)
    del again

    # A subclass instance between plain ones.
    class Tagged(asyncio.Future):
        tag = "tagged"

    t = Tagged()
    t.extra = 1
    print(type(t).__name__, t.tag, t.extra, fresh(t))
    t.set_result(True)
    del t
    g = loop.create_future()
    print(type(g).__name__, hasattr(g, "extra"), fresh(g))
    g.set_result(None)

    # Waiters cancelled while waiting, and woken ones, on a Condition.
    cond = asyncio.Condition()
    seen = []

    async def cwait(k):
        async with cond:
            try:
                await cond.wait()
                seen.append(("woken", k))
            except asyncio.CancelledError:
                seen.append(("cancelled", k))
                raise

    tasks = [asyncio.create_task(cwait(k)) for k in range(4)]
    await asyncio.sleep(0)
    print("cond waiter", repr(tasks[0]).split(" wait_for=")[1])
    tasks[1].cancel()
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print(seen, [type(r).__name__ for r in results])

    # Lock and Queue waiters, made and dropped in turn.
    lock = asyncio.Lock()
    q = asyncio.Queue(maxsize=1)
    order = []

    async def worker(k):
        for i in range(3):
            async with lock:
                await asyncio.sleep(0)
                order.append(k)
            await q.put((k, i))

    async def drain():
        got = []
        for _ in range(9):
            got.append(await q.get())
        return got

    workers = [asyncio.create_task(worker(k)) for k in range(3)]
    got = await drain()
    await asyncio.gather(*workers)
    print(order)
    print(got)
    h = loop.create_future()
    print("at the end", fresh(h))


asyncio.run(main())
