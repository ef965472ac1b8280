# The timer heap's order (heapq's, ties on `when` included, through pushes,
# pops, cancels and the rebuild of a heap mostly cancelled), sleeps through
# their in-place path (int, float and bool delays; with a result), and the
# arithmetic a sleeping loop does (int * + % // and true division, floats).
import asyncio

order = []


def fire(tag):
    order.append(tag)


async def ties():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    # Many equal deadlines: the pop order is heapq's layout, not insertion.
    for i in range(40):
        loop.call_at(t0 + (i * 7 % 5) * 0.25, fire, i)
    await asyncio.sleep(2)
    print("ties", order)
    order.clear()
    # More than 100 timers, most cancelled: the heap is rebuilt (heapify).
    hs = [loop.call_at(t0 + 3 + (i % 9) * 0.125, fire, i) for i in range(150)]
    for i, h in enumerate(hs):
        if i % 3:
            h.cancel()
    await asyncio.sleep(0)
    for i in range(6):
        loop.call_at(t0 + 3 + (i % 2) * 0.125, fire, 1000 + i)
    await asyncio.sleep(3)
    print("rebuilt", order)
    order.clear()
    # Cancelled at the head, due ones behind it, ties with those.
    a = loop.call_later(0.5, fire, "a")
    loop.call_later(0.5, fire, "b")
    loop.call_later(0.25, fire, "c")
    a.cancel()
    loop.call_later(0.25, fire, "d")
    await asyncio.sleep(1)
    print("head", order)


async def sleeper(i, out):
    total = 0.0
    count = 0
    for k in range(12):
        d = ((i * 7 + k * 13) % 17) / 10
        if k % 4 == 1:
            r = await asyncio.sleep(d, result=k)
            count += r
        elif k % 4 == 2:
            await asyncio.sleep(k % 3 + 1)
        elif k % 4 == 3:
            await asyncio.sleep(True)
        else:
            await asyncio.sleep(d)
        total += d
        out.append((i, k, round(asyncio.get_running_loop().time(), 6)))
    return total, count


def arithmetic():
    big = 2**53
    vals = [
        7 * 13,
        -7 * 13,
        (2**40) * (2**30),
        (2**62) + (2**62),
        -17 % 5,
        17 % -5,
        -17 // 5,
        (2**63 - 1) // -1,
        (-(2**63)) // -1,
        (-(2**63)) % -1,
        1 / 3,
        -1 / 3,
        10 / 4,
        big / 3,
        (big + 1) / 3,
        (big * 4 + 3) / 7,
        -(big + 1) / 3,
        123456789 / 1000,
        0 / -5,
    ]
    f = 0.0
    for k in range(100):
        f += ((k * 7 + 13) % 17) / 10
    vals.append(f)
    t = 0.1
    t += 0.2
    vals.append(t)
    t += 1
    vals.append(t)
    print("arith", [repr(v) for v in vals])
    ops = [("/", lambda a, b: a / b), ("%", lambda a, b: a % b), ("//", lambda a, b: a // b)]
    for a, b in [(1, 0), (1.0, 0.0), (5, 0)]:
        for name, op in ops:
            try:
                op(a, b)
            except ZeroDivisionError as e:
                print("zero", name, type(a).__name__, e)


async def main():
    arithmetic()
    await ties()
    out = []
    res = await asyncio.gather(*[sleeper(i, out) for i in range(30)])
    print("sleepers", [(round(t, 6), c) for t, c in res])
    print("wakes", out[:20], len(out))
    # A sleeping task cancelled while its timer sits in the heap.
    t = asyncio.ensure_future(asyncio.sleep(5, result="never"))
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", round(asyncio.get_running_loop().time(), 6))


asyncio.run(main())
