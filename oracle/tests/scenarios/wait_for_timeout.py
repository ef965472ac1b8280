# wait_for: 3.11 wraps in a task + _release_waiter; 3.12+ uses timeout().
import asyncio


async def work(d):
    await asyncio.sleep(d)
    return "done"


async def main():
    print(await asyncio.wait_for(work(1), 2))
    try:
        await asyncio.wait_for(work(5), 2)
    except TimeoutError:
        print("timeout at", asyncio.get_running_loop().time())
    async with asyncio.timeout(1):
        await asyncio.sleep(0.5)
    print("end")


asyncio.run(main())
