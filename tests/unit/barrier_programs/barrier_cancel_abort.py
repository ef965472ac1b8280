# test_barrier.c test_cancel_then_abort: two parties wait at a Barrier(3);
# one is cancelled (its count is given back), two newcomers trip the
# barrier; then a fifth party waits and abort() breaks it.
import asyncio


async def party(b):
    return await b.wait()


async def main():
    b = asyncio.Barrier(3)
    t1 = asyncio.create_task(party(b))
    t2 = asyncio.create_task(party(b))
    await asyncio.sleep(1)
    t1.cancel()
    await asyncio.sleep(0)
    t3 = asyncio.create_task(party(b))
    t4 = asyncio.create_task(party(b))
    await t4
    t5 = asyncio.create_task(party(b))
    await asyncio.sleep(0.5)
    await b.abort()
    try:
        await t5
    except asyncio.BrokenBarrierError:
        pass


asyncio.run(main())
