import asyncio

async def fail():
    raise KeyError("lost")

async def main():
    task = asyncio.create_task(fail())
    await asyncio.sleep(0.01)
    print("main done; task.exception() never called")

asyncio.run(main())
