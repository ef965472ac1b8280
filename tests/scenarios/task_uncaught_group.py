import asyncio

async def main():
    await asyncio.sleep(0.2)
    raise ExceptionGroup("several", [KeyError("a"), ValueError("b")])

asyncio.run(main())
