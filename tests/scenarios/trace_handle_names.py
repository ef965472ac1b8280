# The canonical names of the handles a run runs (docs/trace.md), which a
# recorded run keeps per thread once made: more tasks and futures than the
# table has slots (names evicted and made again), futures named by an F id
# only when first shown, callbacks of every shape (a task's step and
# wakeup, a future's callbacks, sleep's timer, gather, shield, wait_for,
# call_soon/call_later of native and user callables), a subclass of Future,
# exceptions and cancellation. conform compares the trace, names
# included, with CPython's.
import asyncio


class MyFuture(asyncio.Future):
    pass


async def worker(i, fut):
    for k in range(3):
        await asyncio.sleep(0)
    if i % 7 == 0:
        await asyncio.sleep(0.001 * (i % 5))
    if i % 11 == 0:
        raise ValueError(i)
    if i % 13 == 0:
        await fut
    return i


def note(fut):
    print("done", fut.done(), fut.cancelled())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    tasks = [asyncio.create_task(worker(i, fut)) for i in range(300)]
    loop.call_later(0.01, fut.set_result, "go")
    res = await asyncio.gather(*tasks, return_exceptions=True)
    print(sum(r for r in res if isinstance(r, int)), sum(isinstance(r, ValueError) for r in res))
    # Futures named only when a handle shows them, some never.
    futs = [loop.create_future() for _ in range(40)]
    for k, f in enumerate(futs):
        if k % 3 == 0:
            f.add_done_callback(note)
        if k % 4 == 0:
            loop.call_soon(f.set_result, k)
        elif k % 4 == 1:
            loop.call_later(0.002, f.cancel)
        else:
            f.set_result(None)
    await asyncio.sleep(0.01)
    mine = MyFuture()
    mine.add_done_callback(note)
    loop.call_soon(mine.set_result, 1)
    print(await mine)
    inner = asyncio.create_task(asyncio.sleep(0.005, "shielded"))
    print(await asyncio.shield(inner))
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.001)
    except asyncio.TimeoutError:
        print("timeout")
    victim = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    victim.cancel()
    try:
        await victim
    except asyncio.CancelledError:
        print("cancelled")
    loop.call_soon(print, "user callback")
    loop.call_later(0.001, lambda: print("user lambda"))
    await asyncio.sleep(0.002)


asyncio.run(main())
