import asyncio

async def fail():
    raise KeyError("seen")

async def main():
    task = asyncio.create_task(fail())
    await asyncio.sleep(0.01)
    print(repr(task.exception()))

asyncio.run(main())
