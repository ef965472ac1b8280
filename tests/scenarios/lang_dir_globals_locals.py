# dir(), globals(), locals() and vars() as programs use them to look at
# their own objects and scopes: dir() of instances and classes of their
# own classes (inherited and class attributes, docstrings, __slots__),
# of the current scope; globals() as
# the live module namespace; locals() of functions, coroutines and class
# bodies (variables shared with inner functions included).
import asyncio


class Base:
    kind = "base"

    def describe(self):
        return self.kind


class Child(Base):
    """A child."""

    size = 3

    def __init__(self):
        self.name = "c"

    async def run(self):
        return self.name


class Slotted:
    __slots__ = ("a", "b")


class Points(Base):
    __slots__ = ("x",)
    names = [n for n in locals() if not n.startswith("__")]


def public(obj):
    return [n for n in dir(obj) if not n.startswith("_")]


def scope(p, q=2):
    total = p + q
    shared = [total]

    def inner():
        return shared

    return dir(), sorted(locals()), vars() == locals(), inner


async def worker(n):
    step = n * 2
    await asyncio.sleep(0)
    return sorted(locals().items())


async def main():
    print(dir(Child()))
    print(dir(Child) == sorted(set(dir(Child())) - {"name"}))
    print(public(Child()), public(Base), public(Slotted()), public(Points))
    print("__dict__" in dir(Slotted()), "__weakref__" in dir(Points), dir(Slotted()) == dir(Slotted))
    print(sorted(Points.names))
    names, local_names, same, _ = scope(1)
    print(names, local_names, same)
    print(await worker(4))
    g = globals()
    g["made_here"] = 42
    print(made_here, "made_here" in dir(), g is globals(), "Child" in g, "main" in dir())
    print(dir() == ["g", "local_names", "names", "same"] or dir())


asyncio.run(main())
