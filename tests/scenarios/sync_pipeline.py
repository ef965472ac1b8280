# A pipeline of queues, a lock-protected counter and an event to stop.
import asyncio


async def stage(inq, outq, lock, counter):
    while True:
        item = await inq.get()
        async with lock:
            counter[0] += 1
        await asyncio.sleep(0.1)
        await outq.put(item * 2)
        inq.task_done()


async def main():
    q1, q2 = asyncio.Queue(), asyncio.Queue(2)
    lock = asyncio.Lock()
    counter = [0]
    workers = [asyncio.create_task(stage(q1, q2, lock, counter)) for _ in range(2)]
    for i in range(5):
        q1.put_nowait(i)
    out = []
    for _ in range(5):
        out.append(await q2.get())
    await q1.join()
    for w in workers:
        w.cancel()
    print(out, counter, asyncio.get_running_loop().time())


asyncio.run(main())
