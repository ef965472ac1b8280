# test_tasks.test_wait_first_exception / _in_wait /
# test_wait_first_exception_no_exception: FIRST_EXCEPTION returns at the
# first failure; without one it waits for all.
import asyncio


async def sleeper(d, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise ZeroDivisionError("div " + str(d))
    return d


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(sleeper(10), name="a")
    b = asyncio.create_task(sleeper(0.01, True), name="b")
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_EXCEPTION)
    print(names(done), names(pending), loop.time())
    print(repr(b.exception()))
    c = asyncio.create_task(sleeper(0.1), name="c")
    d = asyncio.create_task(sleeper(0.2), name="d")
    done, pending = await asyncio.wait([c, d], return_when=asyncio.FIRST_EXCEPTION)
    print(names(done), names(pending), loop.time())
    e = asyncio.create_task(sleeper(0, True), name="e")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    done, pending = await asyncio.wait([a, e], return_when=asyncio.FIRST_EXCEPTION)
    print(names(done), names(pending), loop.time())
    a.cancel()
    done, pending = await asyncio.wait([a])
    print(names(done), a.cancelled())


asyncio.run(main())
