# test_queues test_task_done / test_join_empty_queue /
# test_task_done_underflow: join() returns once every item is marked done.
import asyncio


async def worker(q, name, acc):
    while True:
        item = await q.get()
        await asyncio.sleep(0.01 * item)
        acc.append((name, item))
        q.task_done()


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    await q.join()
    print("empty join returns", loop.time())
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError", e)
    acc = []
    for i in range(1, 7):
        q.put_nowait(i)
    ws = [asyncio.create_task(worker(q, n, acc)) for n in "ab"]
    await q.join()
    print(acc, loop.time())
    for w in ws:
        w.cancel()
    await asyncio.wait(ws)
    print([w.cancelled() for w in ws])


asyncio.run(main())
