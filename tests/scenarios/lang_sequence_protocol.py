# Old-style iteration: a class with __getitem__ and no __iter__ is iterable
# (for, list(), in, unpacking, sorted, any) until IndexError or StopIteration.
import asyncio


class Window:
    def __init__(self, items, size):
        self.items, self.size = items, size

    def __getitem__(self, i):
        if i >= self.size:
            raise IndexError(i)
        return self.items[i]


class Countdown:
    def __getitem__(self, i):
        if i == 3:
            raise StopIteration
        return 3 - i


class Broken:
    def __getitem__(self, i):
        if i == 2:
            raise KeyError("bad")
        return i


class Nothing:
    pass


async def consume(q, src):
    for x in src:
        await q.put(x)
    await q.put(None)


async def main():
    w = Window(["a", "b", "c", "d"], 3)
    print(list(w), "c" in w, "d" in w, sorted(w, reverse=True))
    a, b, c = w
    print(a, b, c, any(x == "b" for x in w), list(enumerate(Countdown())))
    it = iter(w)
    print(type(it).__name__, next(it), next(it), next(it), next(it, "end"), next(it, "end"))
    q = asyncio.Queue()
    t = asyncio.create_task(consume(q, Countdown()))
    got = []
    while (x := await q.get()) is not None:
        got.append(x)
    await t
    print(got)
    try:
        list(Broken())
    except KeyError as e:
        print("KeyError", e)
    try:
        iter(Nothing())
    except TypeError as e:
        print("TypeError", e)


asyncio.run(main())
