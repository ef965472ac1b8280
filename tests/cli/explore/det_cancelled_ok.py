import asyncio

async def heartbeat():
    while True:
        await asyncio.sleep(0.01)

async def main():
    t = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.025)
    t.cancel()      # asked to stop: not pending-at-exit

asyncio.run(main())
