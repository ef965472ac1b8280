# One call site, many receivers: the same `x.copy()`, `x.update(...)`,
# `x.get(...)` and `x.add(...)` lines see plain dicts, the native dict
# subclasses (defaultdict, Counter, OrderedDict, whose methods differ), a
# program's dict subclass, sets and frozensets, in turn and repeatedly, so
# a method remembered for one kind must not be used for another.
import asyncio
from collections import Counter, OrderedDict, defaultdict


class MyDict(dict):
    def get(self, key, default=None):
        return ("mine", dict.get(self, key, default))

    def copy(self):
        return MyDict(self)


def make(kind):
    if kind == "dict":
        return {"a": 1}
    if kind == "defaultdict":
        return defaultdict(int, {"a": 1})
    if kind == "Counter":
        return Counter({"a": 1})
    if kind == "OrderedDict":
        return OrderedDict([("a", 1)])
    return MyDict({"a": 1})


def use(x):
    x.update({"b": 2})
    y = x.copy()
    return type(y).__name__, x.get("a"), x.get("zz", 0), sorted(x.items()), x.pop("b")


async def main():
    kinds = ["dict", "defaultdict", "Counter", "OrderedDict", "MyDict"]
    for _ in range(2):
        for k in kinds + kinds[::-1]:
            print(k, use(make(k)))
    c = Counter("abracadabra")
    print(c.most_common(2), make("dict").get("a"))
    od = OrderedDict((k, None) for k in "xyz")
    od.move_to_end("x")
    print(list(od), dict.fromkeys("ab", 0))
    for s in [set(), frozenset(), set("ab"), frozenset("cd")] * 2:
        try:
            s.add("z")
            print(sorted(s))
        except AttributeError as e:
            print("AttributeError:", e)
        print(type(s.copy()).__name__, sorted(s.union({"q"})))
    await asyncio.sleep(0)


asyncio.run(main())
