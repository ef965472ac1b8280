# research section 8.1: await gather(t, sleep(0.5)) with t sleeping 1 s
# plain-stdout
import asyncio


async def work():
    await asyncio.sleep(1)
    return "w"


async def main():
    t = asyncio.create_task(work())
    r = await asyncio.gather(t, asyncio.sleep(0.5))
    print(r)


asyncio.run(main())
