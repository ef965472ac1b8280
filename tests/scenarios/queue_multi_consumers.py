# Three consumers share a queue; items go to getters in FIFO order.
import asyncio


async def consumer(q, name, log):
    while True:
        item = await q.get()
        if item is None:
            return
        log.append((name, item, asyncio.get_running_loop().time()))
        await asyncio.sleep(item)


async def main():
    q = asyncio.Queue()
    log = []
    cs = [asyncio.create_task(consumer(q, n, log)) for n in "xyz"]
    await asyncio.sleep(0)
    for item in [0.3, 0.1, 0.2, 0.1, 0.1]:
        q.put_nowait(item)
    for _ in cs:
        q.put_nowait(None)
    await asyncio.gather(*cs)
    for entry in log:
        print(entry)


asyncio.run(main())
