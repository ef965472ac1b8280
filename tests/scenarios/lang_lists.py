import asyncio

async def main():
    xs = [5, 3, 8]
    xs.append(1)
    xs.extend([9, 2])
    xs.insert(0, 7)
    print(xs, xs.pop(), xs.pop(0), xs)
    xs.remove(8)
    print(xs, xs.index(3), xs.count(5), len(xs))
    xs.sort()
    print(xs)
    xs.sort(key=lambda v: -v)
    print(xs, sorted(xs, reverse=True))
    print(xs[1:3], xs[::2], xs[-2:])
    xs[0] = 100
    xs[1:3] = [0, 0, 0]
    del xs[-1]
    print(xs)
    words = ["pear", "fig", "apple"]
    print(sorted(words, key=len), min(words), max(words, key=len))
    nested = [[1], [2, 3]]
    copy = list(nested)
    copy.append([4])
    print(nested, copy, nested == [[1], [2, 3]], [1, 2] < [1, 3])
    t = (1, 2, 3)
    print(t, t[1:], t + (4,), t.index(2), tuple([1]), ())

asyncio.run(main())
