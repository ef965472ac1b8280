# wait() with FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED and timeout;
# results sorted by name (sets iterate by address in CPython).
import asyncio


async def work(d, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise ValueError(d)
    return d


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    loop = asyncio.get_running_loop()
    ts = [asyncio.create_task(work(d), name="w%d" % i) for i, d in enumerate((0.3, 0.1, 0.2))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print("first", names(done), names(pending), loop.time())
    done, pending = await asyncio.wait(ts, timeout=0.05)
    print("timeout", names(done), names(pending), loop.time())
    fs = [asyncio.create_task(work(0.1, True), name="f"), asyncio.create_task(work(1), name="g")]
    done, pending = await asyncio.wait(fs, return_when=asyncio.FIRST_EXCEPTION)
    print("exception", names(done), names(pending), loop.time())
    done, pending = await asyncio.wait(ts + fs)
    print("all", names(done), names(pending), loop.time())


asyncio.run(main())
