# A getter woken by put_nowait but cancelled before it runs passes the item
# on to the next getter (queues.py: _wakeup_next in the except clause).
import asyncio


async def getter(q, name, log):
    try:
        log.append((name, await q.get()))
    except asyncio.CancelledError:
        log.append((name, "cancelled"))


async def main():
    q = asyncio.Queue()
    log = []
    a = asyncio.create_task(getter(q, "a", log))
    b = asyncio.create_task(getter(q, "b", log))
    await asyncio.sleep(0)
    q.put_nowait(1)
    a.cancel()
    await asyncio.gather(a, b)
    print(log, q.qsize())


asyncio.run(main())
