import asyncio

async def main():
    event = asyncio.Event()
    await event.wait()

asyncio.run(main())
