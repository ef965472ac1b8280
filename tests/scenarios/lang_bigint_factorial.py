# Factorials past 64 bits: a loop, recursion and several tasks sharing the
# work, with the digit arithmetic programs do on the results.
import asyncio


def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def factorial_rec(n):
    return 1 if n < 2 else n * factorial_rec(n - 1)


async def partial_product(lo, hi, delay):
    acc = 1
    for i in range(lo, hi):
        acc *= i
        if i % 25 == 0:
            await asyncio.sleep(delay)
    return acc


async def main():
    for n in (20, 21, 25, 30, 52, 100):
        f = factorial(n)
        print(n, f, f == factorial_rec(n), type(f).__name__, f.bit_length())
    f100 = factorial(100)
    digits = str(f100)
    print(len(digits), sum(int(d) for d in digits), len(digits) - len(digits.rstrip("0")))
    print(f100 // factorial(98), f100 % 1000000007, divmod(f100, 10 ** 150)[0])
    parts = await asyncio.gather(
        partial_product(1, 101, 0.01),
        partial_product(101, 201, 0.02),
        partial_product(201, 301, 0.005),
    )
    f300 = parts[0] * parts[1] * parts[2]
    print(f300 == factorial(300), len(str(f300)), str(f300)[:30], hex(f300)[-12:])
    # Binomial coefficients and Catalan numbers, exact.
    print([factorial(60) // (factorial(k) * factorial(60 - k)) for k in (0, 1, 30, 59)])
    print([factorial(2 * n) // (factorial(n + 1) * factorial(n)) for n in range(30, 34)])
    # Going back down: the quotients fit 64 bits again.
    q = factorial(25) // factorial(20)
    print(q, type(q).__name__, q + 1, -factorial(22) // 7, -factorial(22) % 7)
    print(factorial(1000) % (2 ** 61 - 1), len(str(factorial(1000))), factorial(170) / factorial(168))
    try:
        float(factorial(171))
    except OverflowError as e:
        print("OverflowError:", e)
    try:
        str(factorial(1600))
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
