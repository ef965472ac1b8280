# research 6.5.1: shield(); 3.14 adds _clear_awaited_by_callback before
# _inner_done_callback. The outer is cancelled: inner keeps running.
import asyncio


async def work(d):
    await asyncio.sleep(d)
    return d * 10


async def main():
    inner = asyncio.create_task(work(1))
    print(await asyncio.shield(inner))
    inner2 = asyncio.create_task(work(2))
    outer = asyncio.shield(inner2)
    await asyncio.sleep(0.5)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled", inner2.cancelled())
    print(await inner2, asyncio.get_running_loop().time())


asyncio.run(main())
