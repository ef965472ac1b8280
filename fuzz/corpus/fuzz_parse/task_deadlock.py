import asyncio

async def main():
    fut = asyncio.get_running_loop().create_future()
    print("about to wait forever")
    await fut

asyncio.run(main())
