# Big ints meet floats: exact comparisons (no rounding of the int),
# correctly rounded conversions and true division, and the OverflowErrors
# at the edge of the float range, inside tasks that time out.
import asyncio


def show(label, thunk):
    try:
        print(label, thunk())
    except (OverflowError, ZeroDivisionError, ValueError) as e:
        print(label, type(e).__name__ + ":", e)


async def compare_all(pairs):
    for a, b in pairs:
        print(a == b, a != b, a < b, a <= b, a > b, a >= b)
        await asyncio.sleep(0.1)


async def main():
    big = 2 ** 64
    await compare_all([
        (big, 2.0 ** 64), (big + 1, 2.0 ** 64), (big - 1, 2.0 ** 64),
        (2 ** 53 + 1, float(2 ** 53 + 1)), (-(2 ** 70), -1.1805916207174113e21),
        (10 ** 400, float("inf")), (-(10 ** 400), float("-inf")), (10 ** 400, 1.7976931348623157e308),
        (big, float("nan")), (0.5, 1), (2 ** 1023, 2.0 ** 1023), (3 ** 100, 5.153775207320113e47),
    ])
    for v in (2 ** 53 + 1, 2 ** 54 + 2, 2 ** 54 + 3, 2 ** 64 - 1, 3 ** 100, -(7 ** 200), 2 ** 1024 - 2 ** 971):
        show("float", lambda: float(v))
    show("float", lambda: float(2 ** 1024 - 2 ** 970))
    show("float", lambda: float(-(10 ** 400)))
    for a, b in ((10 ** 30, 3), (2 ** 100, 2 ** 99 + 1), (1, 3 ** 300), (-(10 ** 50), 7), (2 ** 2000, 2 ** 1990),
                 (10 ** 400, 10 ** 390), (7, 10 ** 400), (2 ** 1100, 3), (big, 0)):
        show("truediv", lambda: a / b)
    for f in (1e20, -1e20, 1.5e300, 2.0 ** 64, 123456789.987654321e15, float("inf"), float("nan")):
        show("int", lambda: int(f))
    show("round", lambda: round(1e25))
    show("mixed", lambda: big * 0.5 + 1)
    show("mixed", lambda: 10 ** 400 * 1.0)
    show("mixed", lambda: 10 ** 400 + 0.0)
    show("mixed", lambda: (10 ** 400) // 1e300)
    show("pow", lambda: (2 ** 64) ** 0.5)
    show("pow", lambda: 2 ** -70)
    show("pow", lambda: (10 ** 400) ** 0.5)
    show("divmod", lambda: divmod(big, 2.5))
    show("sum", lambda: sum([big, 0.5, big]))
    show("sorted", lambda: sorted([big, 1.8e19, 2.0 ** 64, big - 1, 1.9e19, -big]))
    show("max", lambda: max(2.0 ** 64, big))
    show("min", lambda: min(big, 2.0 ** 64))
    try:
        async with asyncio.timeout(0.25):
            await compare_all([(big, big)] * 5)
    except TimeoutError:
        print("timed out")


asyncio.run(main())
