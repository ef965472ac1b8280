import asyncio

async def child(i):
    try:
        await asyncio.sleep(i + 1)
        return i
    except asyncio.CancelledError:
        print("child", i, "cancelled")
        raise

async def main():
    g = asyncio.gather(child(0), child(1), child(2))
    await asyncio.sleep(1.5)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())

asyncio.run(main())
