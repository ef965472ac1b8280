import asyncio

async def heartbeat():
    while True:
        await asyncio.sleep(0.01)

async def main():
    asyncio.create_task(heartbeat())
    await asyncio.sleep(0.025)

asyncio.run(main())
