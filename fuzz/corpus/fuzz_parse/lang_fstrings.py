import asyncio

async def main():
    x, y, name = 3.14159, 42, "sim"
    print(f"{x:.2f} {y:5d} {y:<5}| {name!r} {name:>6} {y:#x} {y:08.3f}")
    print(f"{x!s} {x:e} {1e20} {0.1 + 0.2} {1/3} {2.0} {-0.0} {1e-5}")
    print(f"{'nested':^{y // 6}}|{y:,} {1234567.891:,.2f} {0.25:%}")
    print(f"{[1, 'a', None]} {(1,)} {{}} {dict(a=1)} {True:d}")
    w = 8
    print(f"{name=}" if False else f"w={w:>{w}}")
    print("{} and {}".format(1, "two"), "{0}{1}{0}".format("a", "b"), "%s=%d" % ("k", 5))
    print(str(1.0), repr(1.5), 3 / 2, 7 // 2, -7 // 2, 7 % -3, 2 ** 10, 2 ** -1)
    print(round(2.675, 2), round(3.5), round(4.5), abs(-3), float("1.5"), int("12"))

asyncio.run(main())
