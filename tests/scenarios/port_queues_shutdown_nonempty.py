# test_queues (3.13+) test_shutdown_empty / test_shutdown_nonempty /
# test_shutdown_immediate_with_unfinished: after shutdown(), get() drains
# what is left and then raises QueueShutDown; put() raises at once.
# (Guarded by hasattr(asyncio.Queue, "shutdown"), as test_queues is.)
import asyncio


async def main():
    if not hasattr(asyncio.Queue, "shutdown"):
        print("no shutdown")
        return
    q = asyncio.Queue()
    q.put_nowait("a")
    q.put_nowait("b")
    q.shutdown()
    try:
        await q.put("c")
    except asyncio.QueueShutDown:
        print("put: QueueShutDown")
    print(await q.get(), q.get_nowait())
    try:
        await q.get()
    except asyncio.QueueShutDown:
        print("get: QueueShutDown")
    q.task_done()
    q.task_done()
    await q.join()
    q = asyncio.Queue(1)
    q.put_nowait(1)
    p = asyncio.create_task(q.put(2))
    j = asyncio.create_task(q.join())
    await asyncio.sleep(0)
    q.shutdown(immediate=True)
    try:
        await p
    except asyncio.QueueShutDown:
        print("blocked put: QueueShutDown", q.qsize())
    await j
    print("join released", asyncio.get_running_loop().time())
    q = asyncio.Queue()
    q.put_nowait(1)
    q.put_nowait(2)
    print(q.get_nowait())
    j = asyncio.create_task(q.join())
    q.shutdown(immediate=True)
    await asyncio.sleep(0)
    print(j.done(), q.qsize())
    q.task_done()
    await j
    print("joined", j.done())


asyncio.run(main())
