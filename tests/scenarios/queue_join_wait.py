# join() waits for task_done of every item; a second join returns at once.
import asyncio


async def main():
    q = asyncio.Queue()
    for i in range(3):
        q.put_nowait(i)

    async def worker():
        while not q.empty():
            q.get_nowait()
            await asyncio.sleep(1)
            q.task_done()

    t = asyncio.create_task(worker())
    await q.join()
    print("joined at", asyncio.get_running_loop().time())
    await q.join()
    print("again at", asyncio.get_running_loop().time())
    await t


asyncio.run(main())
