import asyncio

async def main():
    print(1, 2.5, None, True, "s", [1.0, 2], (3,), {"k": [None]}, sep=" | ")
    print("no newline", end="")
    print(" -> continued")
    print()
    print(0.1, 1/3, 2/3, 1e16, 1.5e-7, 123456789.123, float("inf"), -float("inf"))
    print(100.0, 1e22, 12345678901234567.0, 0.000123, round(1/3, 4))
    print(repr(0.1 + 0.7), 3.0 * 1.1, 2.675 * 100)

asyncio.run(main())
