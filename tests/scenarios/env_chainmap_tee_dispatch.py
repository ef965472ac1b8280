# collections.ChainMap (lookups through each mapping's own [], writes to
# maps[0], CPython's iteration order and KeyError texts, new_child,
# parents, copy, pop/popitem/setdefault/update, dict() of it),
# itertools.tee (shared buffer, tee of a tee returns it first), a date's
# isocalendar() as datetime.IsoCalendarDate, and functools.singledispatch
# (register(cls), register(cls, func), dispatch on the most derived
# registered class, registry, dispatch()), inside and around an asyncio
# program.
import asyncio
import itertools, functools, datetime
from collections import ChainMap, defaultdict

a, b = itertools.tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
x, y, z = itertools.tee(range(3), 3)
print(list(x), list(y), list(z))
c, d = itertools.tee(x)
print(c is x, list(c), list(d))
p, q = itertools.tee([5, 6])
r, s = itertools.tee(p)
print(r is p, next(r), list(s), list(q))
print(itertools.tee([1], 0))
try:
    itertools.tee([1], -1)
except ValueError as e:
    print("ValueError", e)

cal = datetime.date(2024, 1, 2).isocalendar()
print(cal, cal.week, cal.year, cal.weekday, cal == (2024, 1, 2), tuple(cal), cal[1])
print(datetime.datetime(2021, 1, 3, 5).isocalendar())
y, w, d = datetime.date(2020, 12, 31).isocalendar()
print(y, w, d)

base = {"a": 1, "b": 2}
over = {"b": 20, "c": 30}
cm = ChainMap(over, base)
print(cm, len(cm), list(cm), cm["a"], cm["b"], cm.get("z"), cm.get("z", 0), "c" in cm, "q" in cm)
print(dict(cm), sorted(cm.items()), list(cm.keys()), list(cm.values()))
print(cm.keys(), cm.values(), cm.items(), len(cm.items()), ("b", 20) in cm.items())
cm["a"] = 100
print(cm, base)
del cm["a"]
try:
    del cm["a"]
except KeyError as e:
    print("KeyError", e)
try:
    cm["zz"]
except KeyError as e:
    print("KeyError", e)
child = cm.new_child()
child["x"] = 1
print(child, child.parents, child.maps, len(child.maps))
print(cm.new_child({"k": 1}), cm.new_child(m={"y": 2}))
print(ChainMap(), bool(ChainMap()), bool(cm), ChainMap({}, {1: 2}) == {1: 2})
dd = defaultdict(int)
cd = ChainMap(dd, {"q": 5})
print(cd["q"], cd["missing"], dd)
print(cm.pop("b"), cm.pop("nope", "dflt"), cm)
try:
    cm.pop("nope")
except KeyError as e:
    print("KeyError", e)
print(cm.setdefault("s", 9), cm, cm.copy(), cm.copy().maps[0] is cm.maps[0])
cm.update({"u": 1}, v=2)
print(cm)
print(type(cm).__name__, isinstance(cm, ChainMap))
cm2 = ChainMap({})
try:
    cm2.popitem()
except KeyError as e:
    print("KeyError", e)
cm.clear()
print(cm)

@functools.singledispatch
def show(x):
    return f"object {x!r}"

@show.register(int)
def _(x):
    return f"int {x}"

@show.register(list)
def _(x):
    return f"list of {len(x)}"

def for_str(x):
    return "str " + x
r = show.register(str, for_str)
print(r is for_str)
print(show(1), show(True), show("s"), show([1, 2]), show(2.5), show(None))
print(show.dispatch(bool) is show.dispatch(int), show.__name__, show.__wrapped__.__name__)
print(sorted(c.__name__ for c in show.registry), type(show.registry).__name__, len(show.registry), int in show.registry)
class Base: pass
class Derived(Base): pass
@show.register(Base)
def _(x):
    return "a Base"
print(show(Derived()), show(Base()))
try:
    show()
except TypeError as e:
    print("TypeError", e)
try:
    @show.register
    def _(x):
        return 1
except TypeError as e:
    print("TypeError", str(e).split(":")[0])
try:
    show.register(1, lambda x: x)
except TypeError as e:
    print("TypeError", e)


async def consume(it, delay):
    got = []
    for item in it:
        await asyncio.sleep(delay)
        got.append(item)
    return got


async def main():
    left, right = itertools.tee(range(4))
    print(await asyncio.gather(consume(left, 0.1), consume(right, 0.25)))
    settings = ChainMap({"retries": 3}, {"retries": 1, "timeout": 5})
    async def worker(name):
        local = settings.new_child({"name": name})
        await asyncio.sleep(local["timeout"] / 10)
        return f"{local['name']}: {local['retries']} retries, timeout {local['timeout']}"
    print(await asyncio.gather(worker("a"), worker("b")))
    print(show(await asyncio.sleep(0.1, result=7)), show(await asyncio.sleep(0, result="x")))


asyncio.run(main())
