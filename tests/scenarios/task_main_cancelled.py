import asyncio

async def main():
    asyncio.current_task().cancel()
    print("before")
    await asyncio.sleep(1)
    print("never")

asyncio.run(main())
