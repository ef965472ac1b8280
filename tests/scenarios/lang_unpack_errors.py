import asyncio

async def main():
    for value in [(1, 2, 3), (1,), 5, "ab"]:
        try:
            a, b = value
            print("ok", a, b)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    try:
        x, *y = ()
    except ValueError as e:
        print(e)

asyncio.run(main())
