import asyncio

async def countdown(n):
    if n == 0:
        return 0
    await asyncio.sleep(0)
    return n + await countdown(n - 1)

async def main():
    print(await countdown(50))
    loop = asyncio.get_running_loop()
    print(loop.time(), loop.is_running(), loop.is_closed())

asyncio.run(main())
