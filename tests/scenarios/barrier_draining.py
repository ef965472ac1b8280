# Arrivals while a tripped barrier drains block in _block() until the last
# waiter has left; one of them is cancelled while blocked there. Also the
# constructor's checks and a float `parties`.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    b = asyncio.Barrier(2)
    log = []

    async def worker(name):
        try:
            i = await b.wait()
            log.append((name, i))
            print(name, "index", i, loop.time(), b.n_waiting)
        except BaseException as e:
            print(name, type(e).__name__, e.args, loop.time())
            raise

    # "a" waits, "b" trips the barrier, and "c", "d", "e" arrive in the
    # same iteration, while it drains: they block in _block().
    ts = {n: asyncio.create_task(worker(n)) for n in "abcde"}
    await asyncio.sleep(0)
    r = repr(b)
    print("state", r[r.index("["):], b.n_waiting)
    ts["d"].cancel("d blocked")
    await asyncio.gather(*ts.values(), return_exceptions=True)
    print(log, b.n_waiting)

    for arg in (0, -1, "x", 1.5):
        try:
            x = asyncio.Barrier(arg)
            r = repr(x)
            print(arg, "ok", x.parties, r[r.index("["):])
        except (ValueError, TypeError) as e:
            print(arg, type(e).__name__, e)


asyncio.run(main())
