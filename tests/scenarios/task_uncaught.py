import asyncio

async def fail():
    await asyncio.sleep(0.1)
    raise RuntimeError("task failed")

async def main():
    t = asyncio.create_task(fail())
    print("waiting")
    await t
    print("not reached")

asyncio.run(main())
