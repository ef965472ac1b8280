# as_completed over tasks: results in completion order, then a timeout.
import asyncio


async def work(d):
    await asyncio.sleep(d)
    return d


async def main():
    ts = [asyncio.create_task(work(d)) for d in (0.3, 0.1, 0.2)]
    for f in asyncio.as_completed(ts):
        print(await f, asyncio.get_running_loop().time())
    ts = [asyncio.create_task(work(d)) for d in (1, 5)]
    try:
        for f in asyncio.as_completed(ts, timeout=2):
            print(await f, asyncio.get_running_loop().time())
    except TimeoutError:
        print("timeout at", asyncio.get_running_loop().time())
    ts[1].cancel()


asyncio.run(main())
