import asyncio

async def main():
    print(7 / 2, 7 // 2, 7 % 2, -7 % 2, 2 ** 0.5, 10 / 4, 1e3, 1.0 / 3)
    print(int(3.99), int(-3.99), float(7), 3 * 1.1, 0.1 * 3, 100 * 1.1)
    print(divmod(17, 5), abs(-2.5), min(3, 1.5), max([2, 7, 1]), sum([0.1] * 10))
    print(1 == 1.0, 2 < 2.5, True + 1, 5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, -16 >> 2)
    for bad in [lambda: 1 / 0, lambda: 5 % 0, lambda: 2.0 // 0]:
        try:
            bad()
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
    print(9007199254740993, 2 ** 62, -(2 ** 62) * 2, 9223372036854775807)

asyncio.run(main())
