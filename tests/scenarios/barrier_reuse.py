# A Barrier is cyclic: two rounds with the same two parties, using
# `async with barrier as index`; a third party arriving while the first
# round drains waits for the next round.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    b = asyncio.Barrier(2)

    async def worker(name, delays):
        for rnd, d in enumerate(delays):
            await asyncio.sleep(d)
            async with b as i:
                print(name, "round", rnd, "index", i, loop.time())

    await asyncio.gather(worker("x", [1, 1]), worker("y", [2, 0]))
    r = repr(b)
    print(r[r.index("["):])

    # Three tasks on a 2-party barrier: the third one blocks in the next
    # round until a fourth arrives.
    async def one(name):
        i = await b.wait()
        print(name, i, loop.time(), b.n_waiting)

    ts = [asyncio.create_task(one(n)) for n in "pqr"]
    await asyncio.sleep(1)
    print("n_waiting", b.n_waiting)
    ts.append(asyncio.create_task(one("s")))
    await asyncio.gather(*ts)
    r = repr(b)
    print(r[r.index("["):])


asyncio.run(main())
