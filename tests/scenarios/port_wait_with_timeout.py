# test_tasks.test_wait_with_timeout / test_wait_concurrent_complete: the
# timeout returns what is done so far and leaves the rest running.
import asyncio


async def sleeper(d):
    await asyncio.sleep(d)
    return d


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(sleeper(0.1), name="a")
    b = asyncio.create_task(sleeper(0.15), name="b")
    done, pending = await asyncio.wait([b, a], timeout=0.11)
    print(names(done), names(pending), loop.time())
    done, pending = await asyncio.wait([b, a], timeout=0.1)
    print(names(done), names(pending), loop.time())
    c = asyncio.create_task(sleeper(0.1), name="c")
    d = asyncio.create_task(sleeper(0.1), name="d")
    done, pending = await asyncio.wait([c, d], timeout=0.1)
    print(names(done), names(pending), loop.time())
    done, pending = await asyncio.wait([c, d], timeout=0)
    print(names(done), names(pending), loop.time())


asyncio.run(main())
