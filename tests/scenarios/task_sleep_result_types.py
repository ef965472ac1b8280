import asyncio

async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(1)
    await asyncio.sleep(0.1)
    await asyncio.sleep(0.2)
    print(loop.time() - start, loop.time())
    try:
        await asyncio.sleep("x")
    except TypeError as e:
        print("TypeError:", e)
    await asyncio.sleep(-5)
    print(loop.time(), await asyncio.sleep(True, result=[1]))

asyncio.run(main())
