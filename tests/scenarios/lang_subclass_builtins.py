# Classes deriving from dict, list and set: instances are the built-in
# containers (isinstance, json-like use, methods), with the subclass's
# attributes and overrides seen where CPython dispatches to them: d[k]
# calls __getitem__ and __missing__, dict.get does not; len(), iter(),
# `in`, item assignment and deletion, +, repr and == go through the
# subclass; super() reaches the built-in methods.
import asyncio


class Registry(dict):
    """Counts lookups; missing keys get a default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookups = 0

    def __getitem__(self, key):
        self.lookups += 1
        return super().__getitem__(key)

    def __missing__(self, key):
        return f"<no {key}>"


class Lowered(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __contains__(self, key):
        return super().__contains__(key.lower())


class Plain(dict):
    pass


class History(list):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def record(self, item):
        self.append(item)
        return self

    def __repr__(self):
        return f"History({self.name}: {list.__repr__(self)})"

    def __add__(self, other):
        h = History(self.name + "+")
        h.extend(self)
        h.extend(other)
        return h


class Window(list):
    def __iter__(self):
        return iter(reversed(list(super().__iter__())))

    def __len__(self):
        return super().__len__() * 10


class Tags(set):
    def add(self, item):
        super().add(item.strip())

    def __eq__(self, other):
        return isinstance(other, Tags) and set(self) == set(other)

    __hash__ = None


class Counted(dict):
    def __delitem__(self, key):
        print("deleting", key)
        super().__delitem__(key)


async def worker(reg, name):
    await asyncio.sleep(0.1)
    reg[name] = len(name)
    return reg[name]


async def main():
    reg = Registry(a=1)
    print(type(reg).__name__, isinstance(reg, dict), isinstance(reg, Registry))
    print(reg, reg.lookups, reg.__doc__)
    print(reg["a"], reg["zz"], reg.get("zz"), reg.get("a"), reg.lookups)
    results = await asyncio.gather(worker(reg, "alpha"), worker(reg, "be"))
    print(results, sorted(reg.items()), reg.lookups, len(reg))
    print(Registry([("x", 1)], y=2), Registry.__name__, issubclass(Registry, dict))

    low = Lowered()
    low["Key"] = 1
    low.update({"MiXed": 2})
    print(low, "KEY" in low, "mixed" in low, "Mixed" in low)

    p = Plain(one=1)
    p.extra = "attr"
    print(p, p.extra, p == {"one": 1}, type(p) is Plain, type(p) is dict)

    h = History("h").record(1).record(2)
    print(h, len(h), h[0], h[-1], h[0:1], str(h))
    h2 = h + [3]
    print(h2, type(h2).__name__, [x * 2 for x in h2])
    print(h == [1, 2], sorted(h, reverse=True), isinstance(h, list))

    w = Window([1, 2, 3])
    print(list(w), len(w), [x for x in w], w)
    for x in w:
        print("window item", x)

    t = Tags()
    t.add(" red ")
    t.add("blue")
    t2 = Tags({"red", "blue"})
    print(sorted(t), t == t2, t == {"red", "blue"}, "red" in t, len(t))

    c = Counted(a=1, b=2)
    del c["a"]
    c.pop("b")
    print(c)
    try:
        Registry()["missing"].upper()
        print(Registry(zz=0)["zz"])
        hash(t)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
