# main waits on a future nobody resolves: outcome "deadlock".
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    await asyncio.sleep(1)
    print("waiting forever")
    await fut


asyncio.run(main())
