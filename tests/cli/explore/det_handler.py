import asyncio

def callback():
    raise RuntimeError("callback failed")

async def main():
    asyncio.get_running_loop().call_soon(callback)
    await asyncio.sleep(0.01)

asyncio.run(main())
