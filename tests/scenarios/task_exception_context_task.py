import asyncio

async def inner():
    try:
        raise KeyError("first")
    except KeyError:
        await asyncio.sleep(0.1)
        raise ValueError("second")

async def main():
    t = asyncio.create_task(inner())
    try:
        await t
    except ValueError as e:
        print(repr(e), repr(e.__context__))

asyncio.run(main())
