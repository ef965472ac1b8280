# test_tasks.test_wait_really_done: FIRST_COMPLETED returns as soon as one
# task finishes; a task that is already done makes it return at once.
import asyncio


async def coro1():
    await asyncio.sleep(0)


async def coro2():
    await asyncio.sleep(0)
    await asyncio.sleep(0)


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    t1 = asyncio.create_task(coro1(), name="t1")
    t2 = asyncio.create_task(coro2(), name="t2")
    done, pending = await asyncio.wait([t1, t2], return_when=asyncio.FIRST_COMPLETED)
    print(names(done), names(pending))
    done, pending = await asyncio.wait([t1, t2], return_when=asyncio.FIRST_COMPLETED)
    print(names(done), names(pending))
    await t2
    print(t1.done(), t2.done())


asyncio.run(main())
