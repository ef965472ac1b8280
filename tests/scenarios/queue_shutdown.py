# Queue.shutdown (3.13+, QueueShutDown): blocked getters wake and raise;
# immediate=True drains the queue and releases join().
import asyncio


async def getter(q, name):
    try:
        print(name, "got", await q.get())
    except asyncio.QueueShutDown:
        print(name, "QueueShutDown at", asyncio.get_running_loop().time())


async def main():
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter(q, n)) for n in "ab"]
    await asyncio.sleep(1)
    q.shutdown()
    await asyncio.gather(*gs)
    q2 = asyncio.Queue()
    q2.put_nowait(1)
    q2.put_nowait(2)
    j = asyncio.create_task(q2.join())
    await asyncio.sleep(0)
    q2.shutdown(immediate=True)
    await j
    print("joined", q2.qsize(), str(q2))
    try:
        q2.put_nowait(3)
    except asyncio.QueueShutDown as e:
        print("put", repr(e))


asyncio.run(main())
