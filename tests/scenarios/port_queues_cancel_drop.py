# test_queues test_get_cancel_drop_one_pending_reader /
# _many_pending_readers / test_put_cancel_drop /
# test_cancelled_getters_not_being_held_in_self_getters: items are never
# lost when waiters are cancelled.
import asyncio


async def main():
    q = asyncio.Queue()
    reader = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    reader.cancel()
    try:
        await reader
    except asyncio.CancelledError:
        print("reader cancelled; queue keeps", q.qsize())
        print(q.get_nowait(), q.get_nowait())
    else:
        print("reader got", reader.result(), q.qsize())
    q = asyncio.Queue()
    readers = [asyncio.create_task(q.get()) for _ in range(3)]
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    readers[0].cancel()
    res = await asyncio.gather(*readers, return_exceptions=True)
    print([type(r).__name__ if isinstance(r, BaseException) else r for r in res])
    q = asyncio.Queue(1)
    q.put_nowait(1)
    writer = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    print(q.get_nowait())
    writer.cancel()
    try:
        await writer
        print("writer finished", q.qsize())
    except asyncio.CancelledError:
        print("writer cancelled", q.qsize())
    q = asyncio.Queue()
    g = asyncio.create_task(q.get())
    try:
        await asyncio.wait_for(g, 0.1)
    except TimeoutError:
        print("TimeoutError", g.cancelled())
    q.put_nowait("x")
    print(q.get_nowait(), asyncio.get_running_loop().time())


asyncio.run(main())
