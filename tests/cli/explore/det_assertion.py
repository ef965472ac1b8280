import asyncio

async def main():
    x = 1
    await asyncio.sleep(0)
    assert x == 2, f"x is {x}"

asyncio.run(main())
