# test_queues test_get_cancelled_race / test_put_cancelled_race: the woken
# getter is cancelled before it runs; the item goes to the next getter.
import asyncio


async def main():
    q = asyncio.Queue()
    t1 = asyncio.create_task(q.get())
    t2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    print(t1.done())
    q.put_nowait("a")
    await asyncio.sleep(0)
    print(await t2, t1.cancelled())
    q = asyncio.Queue(maxsize=1)
    put_a = asyncio.create_task(q.put("a"))
    put_b = asyncio.create_task(q.put("X"))
    put_c = asyncio.create_task(q.put("b"))
    await asyncio.sleep(0)
    print(put_a.done(), q.qsize())
    put_b.cancel()
    print(q.get_nowait())
    await asyncio.sleep(0)
    print(q.get_nowait())
    await asyncio.gather(put_a, put_c)
    print(put_b.cancelled(), q.empty())


asyncio.run(main())
