import asyncio

async def main():
    await asyncio.sleep(0.01)
    print("done")

asyncio.run(main())
