# `lst.append(v)` as a statement on an exact list (CALL_METHOD moves v
# into the list): growth past the capacity, a list that only the call
# holds (freed with its items right after), __del__ order of the items,
# appending the list to itself, the result used, a list subclass with
# its own append, a method named append on a program class, wrong
# argument counts, and appends inside a coroutine that suspends between.
import asyncio


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class MyList(list):
    def append(self, x):
        print("MyList.append", x)
        super().append(x)


class Box:
    def append(self, x):
        print("Box.append", x)
        return "box"


def make():
    print("make")
    return []


async def filler(name, out):
    for i in range(3):
        out.append((name, i))
        await asyncio.sleep(0)
        out.append((name, -i))


async def main():
    out = []
    for i in range(100):
        out.append(i)
    print(len(out), sum(out))
    make().append(D("temp"))
    print("after temp")
    holder = [1]
    holder.append(D("y"))
    holder = None
    print("after holder")
    r = out.append("r")
    print(r, out[-1])
    out.append(out)
    print(out[-1] is out, len(out))
    m = MyList()
    for i in range(2):
        m.append(i)
    print(m)
    b = Box()
    b.append(1)
    print(b.append(2))
    try:
        out.append()
    except TypeError as e:
        print("TypeError", e)
    try:
        out.append(1, 2)
    except TypeError as e:
        print("TypeError", e)
    app = out.append
    app("bound")
    print(out[-1])
    shared = []
    await asyncio.gather(filler("a", shared), filler("b", shared))
    print(shared)
    for site in [[], MyList(), Box()]:
        site.append("s")
        print(type(site).__name__, site if not isinstance(site, Box) else "box")


asyncio.run(main())
