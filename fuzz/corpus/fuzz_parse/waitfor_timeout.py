# research 6.2.1: 3.11 runs the coroutine in its own task with
# _release_waiter; 3.12+ awaits it inline under timeout().
import asyncio


async def work(d):
    await asyncio.sleep(d)
    return "done"


async def main():
    print(await asyncio.wait_for(work(1), 2), asyncio.get_running_loop().time())
    try:
        await asyncio.wait_for(work(5), 2)
    except TimeoutError:
        print("timeout at", asyncio.get_running_loop().time())


asyncio.run(main())
