# reset() while two tasks wait: they get BrokenBarrierError('Abort or
# reset of barrier'); a task arriving during the reset blocks until the
# barrier has drained back to filling, then joins the next round.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    b = asyncio.Barrier(3)

    async def worker(name, delay=0):
        await asyncio.sleep(delay)
        try:
            i = await b.wait()
            print(name, "index", i, loop.time())
        except asyncio.BrokenBarrierError as e:
            print(name, "broken:", e, loop.time())

    ts = [asyncio.create_task(worker(n)) for n in "ab"]
    await asyncio.sleep(1)
    reset = asyncio.create_task(b.reset())
    late = asyncio.create_task(worker("late"))
    await asyncio.sleep(0)
    r = repr(b)
    print("during reset", r[r.index("["):])
    await asyncio.gather(reset, *ts)
    r = repr(b)
    print("after reset", r[r.index("["):], b.n_waiting)
    more = [asyncio.create_task(worker(n, 1)) for n in "cd"]
    await asyncio.gather(late, *more)
    r = repr(b)
    print("end", r[r.index("["):])


asyncio.run(main())
