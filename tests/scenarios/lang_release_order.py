# The order a container's items are released in, seen through __del__:
# a list or tuple dying, list.clear(), `del l[a:b]`, `l[a:b] = ...`,
# `l *= 0` release last first (CPython's list_dealloc, _list_clear,
# list_ass_slice); an extended slice's delete and a dict release first to
# last; the same inside a coroutine, between awaits.
import asyncio


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def many(prefix, n):
    return [D(f"{prefix}{i}") for i in range(n)]


def show(what):
    print("--", what)


async def worker(tag):
    items = many(tag, 3)
    await asyncio.sleep(0)
    items.clear()
    show(f"{tag} cleared")
    pair = (D(tag + "x"), D(tag + "y"))
    await asyncio.sleep(0.01)
    del pair
    show(f"{tag} tuple")
    return tag


async def main():
    x = many("a", 3)
    del x
    show("list")
    t = tuple(many("b", 3))
    del t
    show("tuple")
    y = many("c", 5)
    del y[1:4]
    show("slice del")
    y[0:2] = [D("new")]
    show("slice set")
    del y
    z = many("d", 6)
    del z[::2]
    show("extended del")
    z *= 0
    show("imul 0")
    d = {k: D(k) for k in "pqr"}
    del d
    show("dict")
    print(await asyncio.gather(worker("u"), worker("v")))


asyncio.run(main())
