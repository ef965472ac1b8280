import asyncio

async def spinner(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return name

async def main():
    a = asyncio.create_task(spinner("a", 3))
    b = asyncio.create_task(spinner("b", 2))
    print(await a, await b)
    r = await asyncio.sleep(0, result="r")
    print(r, await asyncio.sleep(0.5, "late"))

asyncio.run(main())
