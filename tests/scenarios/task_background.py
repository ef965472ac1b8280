import asyncio

async def ticker():
    i = 0
    while True:
        print("tick", i)
        i += 1
        await asyncio.sleep(0.3)

async def main():
    t = asyncio.create_task(ticker())
    await asyncio.sleep(1)
    print("main done, ticker pending:", not t.done())

asyncio.run(main())
