# range() with bounds beyond 64 bits, as CPython's long ranges: repr,
# len, iteration (also reversed), indexing, `in`, index/count, equality,
# hash, attributes; and the errors (len past sys.maxsize, a zero step).
import asyncio

BIG = 10**20


async def walk(name, r, delay):
    seen = []
    for x in r:
        await asyncio.sleep(delay)
        seen.append(x - BIG)
    print(name, seen)
    return len(seen)


async def main():
    r = range(BIG, BIG + 5)
    print(r, len(r), list(r)[:2], r[0], r[-1], r[4] - BIG, bool(r))
    print(BIG + 3 in r, BIG + 5 in r, 3 in r, r.index(BIG + 2), r.count(BIG), r.count(0))
    print(r.start, r.stop, r.step, type(r).__name__, isinstance(r, range), type(r) is range)
    s = range(-BIG, BIG, BIG // 2)
    print(s, len(s), list(s), list(reversed(s)))
    print(range(BIG, -BIG, -3 * BIG // 4), list(range(BIG, -BIG, -3 * BIG // 4)))
    print(range(BIG, BIG + 5) == range(BIG, BIG + 5), range(BIG, BIG) == range(0), r == range(5))
    print(hash(range(BIG, BIG)) == hash(range(0)), range(BIG, BIG + 1) == range(BIG, BIG + 1, 7))
    print(sum(range(BIG, BIG + 4)), max(range(2**64, 2**64 + 3)), sorted(range(2**70, 2**70 - 3, -1)))
    print(range(5, 2**64)[2**63 + 1], 2**64 - 1 in range(2**64), (2**64 - 1) in range(0, 2**64, 2))
    # compute_slice on ints of any size: a page of ids, a reversed window,
    # a huge stride, and an int64 range whose slice leaves int64.
    page = r[1:4]
    print(page, list(page), r[::-2], r[::-1][0] - BIG, range(2**70)[2**69::-2**67])
    print(range(10)[:10**20], range(10)[::-10**20], range(-2**62, 2**62, 2**61)[::-1])
    print(range(0, 2**63 - 1, 2**62)[1:5:3], r[BIG:], r[-BIG:2], len(range(2**66)[::2**40]))
    counts = await asyncio.gather(walk("a", range(BIG, BIG + 3), 0.1), walk("b", range(BIG + 10, BIG, -4), 0.15))
    print(counts)
    for bad in (lambda: len(range(2**64)), lambda: range(BIG, BIG * 2, 0), lambda: r[5],
                lambda: r.index(BIG + 7), lambda: r[::0], lambda: len(range(2**70)[::2])):
        try:
            bad()
        except (OverflowError, ValueError, IndexError) as e:
            print(type(e).__name__ + ":", e)


asyncio.run(main())
