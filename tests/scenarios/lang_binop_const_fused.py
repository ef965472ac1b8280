# An operator with a constant (`x op 3`, `(...) % 17`: one fused
# instruction when both sides are ints or floats) and `is None` tests that
# jump for a value that is not None: results at the int64 edges, floor
# semantics, true division's rounding, zero divisors, other types through
# the general path, unbound locals, and when a tested object is dropped.
import asyncio

BIG = 2**63 - 1
SMALL = -(2**63)


def ints(x):
    return [x + 1, x - 1, x * 3, x // 7, x % 7, x / 10, x // -7, x % -7, x * -1]


def consts_on_top(a, b):
    return [(a + b) % 17, (a - b) // 5, (a * b) / 10, (a + b) * 2, (a - b) - 3, (a * b) + 0.5]


def divisions():
    out = []
    for x in (-7, 7, 0, 1, -1, 9007199254740993, -9007199254740993, 2**53, BIG, SMALL):
        out.append((x // 3, x % 3, x / 3, x // -3, x % -3, x / -3))
    return out


def floats(x):
    return [x + 1.5, x - 0.25, x * 2.0, x / 4.0, x + 1, x * 3, x / 3, x // 2.0, x % 2.0]


def errors():
    out = []
    for label, fn in [
        ("int // 0", lambda n: n // 0),
        ("int % 0", lambda n: n % 0),
        ("int / 0", lambda n: n / 0),
        ("float / 0.0", lambda n: (n + 0.5) / 0.0),
        ("float % 0.0", lambda n: (n + 0.5) % 0.0),
        ("top % 0", lambda n: (n * 2) % 0),
        ("str + int", lambda n: str(n) + 1),
        ("None + 1", lambda n: None + 1),
    ]:
        try:
            out.append((label, fn(5)))
        except Exception as e:
            out.append((label, type(e).__name__, str(e)))
    return out


def unbound():
    try:
        print(u + 1)
    except UnboundLocalError as e:
        print("unbound:", e)
    u = 2
    return u * 10


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Num(self.v + other)

    def __mod__(self, other):
        return Num(self.v % other)

    def __radd__(self, other):
        return Num(other + self.v)

    def __repr__(self):
        return f"Num({self.v})"


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def none_tests(items):
    seen = []
    for item in items:
        if item is None:
            seen.append("none")
            continue
        seen.append(type(item).__name__)
    kept = [x for x in items if x is not None]
    nones = [x for x in items if x is None]
    i = 0
    while items[i] is not None:
        i += 1
    return seen, len(kept), len(nones), i


def drop_order():
    # The tested object's last reference is the stack's: dropped at the test.
    if Tracked("a") is None:
        print("never")
    print("after a")
    if Tracked("b") is not None:
        print("b is not None")
    print("after b")
    x = None
    while (x if x is not None else Tracked("c")) is None:
        print("never")
    print("after c")


async def sleeper(i):
    total = 0.0
    count = 0
    for k in range(30):
        d = ((i * 7 + k * 13) % 17) / 10
        await asyncio.sleep(d)
        total += d
        count = count + 1
    return round(total, 6), count


async def consumer(q):
    got = []
    while True:
        item = await q.get()
        if item is None:
            return got
        got.append(item * 2 + 1)


async def main():
    q = asyncio.Queue()
    for v in [3, 0, -4, 2.5, "s", None]:
        q.put_nowait(v if not isinstance(v, str) else 7)
    print(await consumer(q))
    print(await asyncio.gather(*[sleeper(i) for i in range(6)]))
    print(asyncio.get_running_loop().time())


for x in (0, 1, -1, 5, -5, 100, BIG, SMALL, BIG - 1, SMALL + 1, 2**62, -(2**62)):
    print(x, ints(x))
for a, b in [(1, 2), (-3, 8), (BIG, 1), (SMALL, 1), (2**40, 2**30), (0.5, 2.25), (3, 0.5), (True, 2)]:
    print(a, b, consts_on_top(a, b))
for row in divisions():
    print(row)
for x in (0.0, -0.0, 1.5, -2.75, 1e308, -1e308, float("inf"), float("nan"), 3):
    print(x, floats(x))
for e in errors():
    print(e)
print(unbound())
print(Num(3) + 4, Num(10) % 3, 2 + Num(1), [1] * 3, "ab" * 2, (1,) + (2,))
print(True + 1, False * 3, True / 2, 7 % True)
print(none_tests([1, "a", 2.5, [], None, 3]))
drop_order()
asyncio.run(main())
