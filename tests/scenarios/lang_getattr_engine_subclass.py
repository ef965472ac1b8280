# __getattr__ of scenario classes deriving from built-in and asyncio classes:
# asked only when the ordinary lookup (instance dict, class, the engine's
# own attributes) raises AttributeError, also from a property's getter.
import asyncio


class Defaults(dict):
    def __getattr__(self, name):
        if name.startswith("no_"):
            raise AttributeError(name)
        return self.get(name, f"<{name}>")


class NamedLock(asyncio.Lock):
    label = "class-level"

    @property
    def broken(self):
        raise AttributeError("from the property")

    def __getattr__(self, name):
        return f"lock:{name}"


class Tagged(str):
    def __getattr__(self, name):
        return name + "!"


class Bag(list):
    def __getattr__(self, name):
        return len(self)


async def main():
    d = Defaults(a=1)
    print(d.a, d.b, d.keys(), hasattr(d, "no_x"), getattr(d, "no_y", "dflt"))
    lk = NamedLock()
    lk.mine = 7
    print(lk.mine, lk.label, lk.locked(), lk.broken, lk.anything)
    async with lk:
        print(lk.locked(), lk.other)
    print(Tagged("t").zz, Tagged("t").upper())
    b = Bag([1, 2])
    print(b.size, b.count(1))
    try:
        Defaults().no_such
    except AttributeError as e:
        print("AttributeError", e)


asyncio.run(main())
