# Barrier(3): the third task to arrive trips it; each gets its index
# (arrival order), all resume at the same virtual time.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    b = asyncio.Barrier(3)
    print(b.parties, b.n_waiting, b.broken)
    r = repr(b)
    print(r[r.index("["):])

    async def worker(name, delay):
        await asyncio.sleep(delay)
        print(name, "arrives", loop.time(), "waiting", b.n_waiting)
        i = await b.wait()
        print(name, "index", i, loop.time())
        return i

    tasks = [asyncio.create_task(worker(n, d)) for n, d in (("a", 2), ("b", 1), ("c", 3))]
    await asyncio.sleep(2.5)
    r = repr(b)
    print(r[r.index("["):])
    print(await asyncio.gather(*tasks))
    r = repr(b)
    print(r[r.index("["):], b.n_waiting)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("ValueError", e)


asyncio.run(main())
