# The inner task finishes at the same instant as the timeout: the timer
# pushed first wins (tie order of heapq).
import asyncio


async def work():
    await asyncio.sleep(1)
    return "work"


async def main():
    t = asyncio.create_task(work())
    try:
        print(await asyncio.wait_for(t, 1))
    except TimeoutError:
        print("timeout", t.cancelled())
    t2 = asyncio.create_task(work())
    await asyncio.sleep(0)
    try:
        print(await asyncio.wait_for(t2, 1))
    except TimeoutError:
        print("timeout2", t2.cancelled())
    print(asyncio.get_running_loop().time())


asyncio.run(main())
