import asyncio

async def job(i):
    await asyncio.sleep(0.1 * (3 - i))
    if i == 1:
        raise ValueError(f"job {i} failed")
    return i * 10

async def main():
    res = await asyncio.gather(job(0), job(2), job(3))
    print(res)
    res = await asyncio.gather(job(0), job(1), job(2), return_exceptions=True)
    print(res)
    try:
        await asyncio.gather(job(1), job(0))
    except ValueError as e:
        print("gather raised", e)
    print(await asyncio.gather())

asyncio.run(main())
