# abort() while two of three parties wait: both get BrokenBarrierError,
# and so does anyone who calls wait() afterwards; reset() repairs it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    b = asyncio.Barrier(3)

    async def worker(name):
        try:
            i = await b.wait()
            print(name, "index", i)
        except asyncio.BrokenBarrierError as e:
            print(name, type(e).__name__, repr(str(e)), loop.time())

    ts = [asyncio.create_task(worker(n)) for n in "ab"]
    await asyncio.sleep(1)
    print("n_waiting", b.n_waiting, "broken", b.broken)
    await b.abort()
    r = repr(b)
    print("after abort", b.broken, b.n_waiting, r[r.index("["):])
    await asyncio.gather(*ts)
    await worker("late")
    print(issubclass(asyncio.BrokenBarrierError, RuntimeError))
    await b.reset()
    r = repr(b)
    print("after reset", b.broken, r[r.index("["):])
    ts = [asyncio.create_task(worker(n)) for n in "xyz"]
    await asyncio.gather(*ts)


asyncio.run(main())
