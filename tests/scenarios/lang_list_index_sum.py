# Indexing a list by an int, iterating a list, and sum() of ints: the
# common cases and every way out of them (negative and out-of-range
# indexes, bools as indexes, list subclasses overriding __getitem__ and
# __setitem__, a list that grows or shrinks while it is iterated or
# summed, sums that overflow 64 bits, mixed ints and floats), shared by
# tasks on the loop.
import asyncio


class Shouting(list):
    def __getitem__(self, i):
        return ("got", i)

    def __setitem__(self, i, v):
        print("  setitem", i, v)


class Tally:
    def __init__(self, n):
        self.n = n

    def __radd__(self, other):
        return other + self.n


async def counter(box, rounds):
    for _ in range(rounds):
        box[0] += 1
        box[-1] -= 1
        await asyncio.sleep(0)


async def main():
    box = [0, 0]
    await asyncio.gather(counter(box, 50), counter(box, 30))
    print("box", box, box[True], box[False])
    a = [10, 20, 30]
    a[-3] = 11
    a[True] = 21
    print("a", a, a[-1], a[2])
    for bad in (3, -4):
        try:
            a[bad]
        except IndexError as e:
            print("get", bad, "IndexError:", e)
        try:
            a[bad] = 0
        except IndexError as e:
            print("set", bad, "IndexError:", e)
    try:
        a["0"]
    except TypeError as e:
        print("TypeError:", e)
    s = Shouting([1, 2, 3])
    print("subclass", s[0], s[-1], list(s))
    s[1] = 9
    print("subclass after", list(s))
    grow = [1, 2, 3]
    seen = []
    for x in grow:
        seen.append(x)
        if x < 3:
            grow.append(x + 10)
    print("grow", seen)
    shrink = [1, 2, 3, 4, 5]
    for x in shrink:
        shrink.pop()
        print("shrink", x, shrink)
    print("sums", sum([]), sum([1, 2, 3]), sum(box), sum([True, 2]), sum(range(5), 10))
    print("overflow", sum([2**62, 2**62, 2**62]), sum([-2**63, -1]), sum([2**63 - 1, 1, -2]))
    print("mixed", sum([1, 2.5, 3]), sum([0.1] * 10), sum([1, Tally(5), 2]))
    print("lists", sum([[1], [2, 3]], []), sum(([i] for i in range(3)), []))
    try:
        sum([1, "x"])
    except TypeError as e:
        print("TypeError:", e)

    def feed(items):
        for i in items:
            yield i

    print("generator", sum(feed([5, 6, 7])), sum(feed([2**63 - 1, 1])))


asyncio.run(main())
