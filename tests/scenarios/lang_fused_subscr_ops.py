# Reading an item of a local (`x[k]`), updating one in place (`x[k] +=
# n`) and replacing one (`x[k] = v`) on everything the VM's fused forms of these sequences must leave to
# the plain instructions: a list subclass with __getitem__/__setitem__,
# dicts, tuples, strings, negative and out-of-range indexes, a bool or a
# float as the index, bools, strs and objects as items or operands, int
# overflow past 64 bits, a divide by zero, an item with __iadd__, a local
# deleted or cleared by `except ... as`, an unbound index, an item whose
# finalizer runs when it is replaced, two tasks updating one list between
# awaits, a replaced item whose finalizer reads the coroutine's line, and
# a failing update whose traceback ends the run.
import asyncio


class Loud(list):
    def __getitem__(self, i):
        print("  get", i)
        return list.__getitem__(self, i)

    def __setitem__(self, i, v):
        print("  set", i, v)
        list.__setitem__(self, i, v)


class Acc:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, n):
        print("  iadd", self.v, n)
        self.v += n
        return self

    def __repr__(self):
        return f"Acc({self.v})"


def line():
    t = asyncio.current_task()
    f = t and t.get_coro().cr_frame
    return f.f_lineno if f else None


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("  del", self.tag, "at", line())


async def stores(x, k):
    x[k] = Noisy("b")
    x[
        k
    ] = 3
    x[0] = x[-1] = Noisy("c")
    x[0], x[1] = x[1], x[0]
    x[-1] = None
    print("  stored", x[0], x[1].tag)
    return len(x)


def store(x, k, v):
    x[k] = v
    return x


class Dies:
    def __init__(self, name):
        self.name = name

    def __add__(self, n):
        return Dies(self.name + "+")

    def __del__(self):
        print("  del", self.name)


def reads(x, k):
    return x[0], x[k], x[-1]


def bump(x, k, n):
    x[0] += 1
    x[k] += n
    x[-1] -= n
    x[k] *= 2
    x[k] //= 3
    x[k] %= 5
    return x


def add(x, k, n):
    x[k] += n
    return x


def unbound_x():
    try:
        raise ValueError("v")
    except ValueError as x:
        pass
    x[0] += 1


def unbound_k(x):
    if False:
        k = 0
    x[k] += 1


def deleted(x):
    del x
    return x[0]


async def counter(box, name, n):
    for i in range(n):
        box[0] += 1
        box[1] += i
        if box[0] % 3 == 0:
            print(name, box[0], box[1])
        await asyncio.sleep(0)


def failing(x, k):
    x[k] += 1.5
    x[
        k
    ] += "s"


async def main():
    print(reads([1, 2.5, "s"], 1), reads((1, 2, 3), -2), reads("abc", 1))
    print(reads({0: "a", 1: "b", -1: "c"}, 1))
    print(bump([1, 2, 3], 1, 4), bump([1.5, 2.5, 3.5], 1, 0.5), bump([1, 2.0, 3], 1, 2))
    print(bump([True, False, True], 1, True))
    print(bump([2**62, 2**62, 0], 1, 2**62))
    print(bump([-2**63, 1, 1], 0, 1))
    print(bump(Loud([1, 2, 3]), 1, 1))
    print(bump({0: 1, 1: 2, -1: 3}, 1, 5))
    print(add([1, Acc(2), 3], 1, 3), add(["a", "b"], -1, "z"), add([[1], 2], 0, [3]))
    print(add([1, 2], 0, 1.5), add([1.5, 2], 0, 1), add([2**63 - 1], 0, 1), add([1], 0, True))
    x = [Dies("a"), 2]
    for j in range(2):
        y = x
        y[0] += 1
        y[1] += 1
        print("  replaced", j)
    del x, y
    for bad in ([1], (1, 2), "ab", 5):
        for k in (3, -3, True, 0.0, "k"):
            try:
                print(bad, k, bump(bad, k, 1))
            except Exception as e:
                print(" ", type(e).__name__, e)
    for fn, args in ((unbound_x, ()), (unbound_k, ([1],)), (deleted, ([1],))):
        try:
            fn(*args)
        except Exception as e:
            print(" ", type(e).__name__, e)
    for z in ([1, 0], [1.0, 0.0]):
        try:
            z2 = z
            z2[1] /= 0 if True else 1
            print(z2)
        except ZeroDivisionError as e:
            print(" ", type(e).__name__, e)
        try:
            w = z
            w[0] //= w[1]
        except ZeroDivisionError as e:
            print(" ", type(e).__name__, e)
    print(await asyncio.create_task(stores([Noisy("a"), 1, 2], 1)))
    print(await asyncio.create_task(stores([1, 2, 3], -2)))
    print(store([1, 2], 0, "v"), store({}, 1, 2), store(Loud([1, 2]), -1, 0))
    for bad, k in (([1], 1), ([1], -2), ([1], True), ([1], 0.0), ((1,), 0), ("a", 0), ([1], "k")):
        try:
            print(store(bad, k, 0))
        except Exception as e:
            print(" ", type(e).__name__, e)
    box = [0, 0]
    await asyncio.gather(counter(box, "a", 5), counter(box, "b", 4))
    print(box)
    failing([1, 2], 1)


asyncio.run(main())
