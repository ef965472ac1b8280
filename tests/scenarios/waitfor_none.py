# wait_for(x, None) just awaits x.
import asyncio


async def work():
    await asyncio.sleep(3)
    return 3


async def main():
    print(await asyncio.wait_for(work(), None), asyncio.get_running_loop().time())


asyncio.run(main())
