import asyncio

async def worker():
    try:
        await asyncio.sleep(5)
    finally:
        print("worker finally")
        await asyncio.sleep(0.1)
        print("after cleanup sleep")

async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print("cancelled?", t.cancelled())

asyncio.run(main())
