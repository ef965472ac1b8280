# Fibonacci numbers past 64 bits: a producer streams them through a queue,
# a consumer checks identities that hold only with exact arithmetic.
import asyncio


def fib_pair(n):
    # Fast doubling: (F(n), F(n+1)).
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * ((b << 1) - a)
    d = a * a + b * b
    return (d, c + d) if n & 1 else (c, d)


async def producer(q, count):
    a, b = 0, 1
    for i in range(count):
        await q.put((i, a))
        a, b = b, a + b
        if i % 40 == 0:
            await asyncio.sleep(0.001)
    await q.put(None)


async def consumer(q):
    crossings = []
    last = 0
    while True:
        item = await q.get()
        if item is None:
            break
        i, f = item
        if f > 2 ** 63 - 1 and last <= 2 ** 63 - 1:
            crossings.append(("int64", i))
        if f > 2 ** 64 and last <= 2 ** 64:
            crossings.append(("uint64", i))
        last = f
    return crossings, last


async def main():
    q = asyncio.Queue(maxsize=10)
    prod = asyncio.create_task(producer(q, 301))
    crossings, last = await consumer(q)
    await prod
    print(crossings)
    print(last, len(str(last)), last == fib_pair(300)[0])
    for n in (92, 93, 94, 100, 187, 500):
        f, g = fib_pair(n)
        # Cassini's identity: F(n-1) * F(n+1) - F(n)**2 == (-1)**n.
        print(n, f, (g * fib_pair(n - 1)[0] - f * f) if n > 1 else None, f % 1000000007, f & 0xFFFFFFFF)
    f1000 = fib_pair(1000)[0]
    print(len(str(f1000)), str(f1000)[:20], str(f1000)[-20:], f1000.bit_length())
    print(f1000 / fib_pair(999)[0], fib_pair(1000)[1] // f1000, divmod(f1000, fib_pair(500)[0])[1])
    print(sum(fib_pair(k)[0] for k in range(200)) == fib_pair(201)[0] - 1)
    print(max(fib_pair(k)[0] for k in (90, 95, 91)), min(-fib_pair(95)[0], -2 ** 65))


asyncio.run(main())
