# Cancelling a task waiting at a barrier: its count is given back in the
# finally, the others keep waiting, and later arrivals trip the barrier.
# CPython hands out indexes from _count at arrival, so after the cancel
# "e" (arrived as index 1) and "f" (arrived after "d" left) both get 1.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    b = asyncio.Barrier(3)

    async def worker(name):
        try:
            i = await b.wait()
            print(name, "index", i, loop.time())
        except asyncio.CancelledError as e:
            print(name, "cancelled", e.args, loop.time())
            raise

    ts = {n: asyncio.create_task(worker(n)) for n in "abc"}
    await asyncio.sleep(0)
    print("n_waiting", b.n_waiting)
    # All three arrived in one iteration: "c" tripped the barrier at once.
    await asyncio.gather(*ts.values())
    ts = {n: asyncio.create_task(worker(n)) for n in "de"}
    await asyncio.sleep(1)
    print("n_waiting", b.n_waiting)
    ts["d"].cancel("stop d")
    await asyncio.sleep(0)
    print("after cancel", b.n_waiting, ts["d"].done())
    try:
        await ts["d"]
    except asyncio.CancelledError:
        print("d cancelled:", ts["d"].cancelled())
    print("n_waiting", b.n_waiting)
    ts["f"] = asyncio.create_task(worker("f"))
    ts["g"] = asyncio.create_task(worker("g"))
    await asyncio.sleep(2)
    await asyncio.gather(ts["e"], ts["f"], ts["g"])
    r = repr(b)
    print(r[r.index("["):])


asyncio.run(main())
