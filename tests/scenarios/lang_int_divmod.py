# // % and / of ints and floats in a task's loop, with every sign, zero
# divisors, the edges of 64 bits (-2**63 // -1 leaves them; a % -1 is 0)
# and quotients of ints too large for a double to hold exactly, where the
# answer must still be Python's correctly rounded one.
import asyncio

EDGE = [0, 1, -1, 7, -7, 17, -17, 2**53, 2**53 + 1, -(2**53) - 1, 2**62, 2**63 - 1, -(2**63)]


async def table(name, op):
    rows = []
    for a in EDGE:
        row = []
        for b in (1, -1, 3, -3, 10, 2**31, -(2**63), 0):
            try:
                row.append(op(a, b))
            except ZeroDivisionError as e:
                row.append("ZeroDivisionError: %s" % e)
        rows.append(row)
        await asyncio.sleep(0)
    print(name)
    for row in rows:
        print(" ", row)


async def clock():
    total = 0.0
    for k in range(40):
        d = ((k * 7 + 3) % 17) / 10
        total += d
        await asyncio.sleep(d)
    print("clock", round(total, 6), asyncio.get_running_loop().time())


async def main():
    await asyncio.gather(
        table("floordiv", lambda a, b: a // b),
        table("mod", lambda a, b: a % b),
        table("truediv", lambda a, b: a / b),
        clock(),
    )
    for a, b in ((7.5, 2.0), (-7.5, 2.0), (1.0, 3.0), (0.0, -1.0), (1.0, 0.0), (-0.0, 5.0)):
        try:
            print("float", a / b, a // b, a % b)
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
    print(10**30 // 7, 10**30 % 7, 10**30 / 7, (2**53 + 1) / 1, 9007199254740993 / 3)


asyncio.run(main())
