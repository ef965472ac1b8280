# Deriving from the immutable built-ins (str, tuple, bytes, frozenset): the
# instance is a str/tuple/... carrying its class; methods and operators of
# the base return plain values; __new__ fixes the value, __init__ adds state.
import asyncio
import json


class Name(str):
    def shout(self):
        return self.upper() + "!"


class Topic(str):
    def __new__(cls, value, prio=0):
        obj = super().__new__(cls, value.lower())
        obj.prio = prio
        return obj

    def __repr__(self):
        return f"Topic({str.__repr__(self)}, prio={self.prio})"


class Point(tuple):
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    def __add__(self, other):
        return Point(self[0] + other[0], self[1] + other[1])


class Blob(bytes):
    def hexed(self):
        return self.hex()


class Tags(frozenset):
    def has(self, t):
        return t in self


class Status(str):
    OK = "ok"

    def __eq__(self, other):
        return str.__eq__(self.lower(), other.lower() if isinstance(other, str) else other)

    __hash__ = str.__hash__


class Version(tuple):
    __slots__ = ()

    def __new__(cls, text):
        return super().__new__(cls, (int(p) for p in text.split(".")))

    def __str__(self):
        return ".".join(map(str, self))


class Path(str):
    def __init__(self, value):
        self.parts = value.split("/")


async def main():
    n = Name("alice")
    print(n, repr(n), n.shout(), n + "x", type(n).__name__, type(n + "x").__name__)
    print(isinstance(n, str), len(n), n == "alice", hash(n) == hash("alice"), n.upper(), f"{n:>7}|")
    d = {n: 1}
    print(d["alice"], "alice" in d, sorted([Name("b"), Name("a")]), n[1:3], list(n)[:2])
    t = Topic("NEWS", prio=3)
    print(t, repr(t), t.prio, t == "news", isinstance(t, Topic), [t])
    p = Point(1, 2)
    print(p, p.x, p + Point(3, 4), len(p), type(p).__name__, isinstance(p, tuple), p == (1, 2))
    a, b = p
    print(a, b, type(p + Point(1, 1)).__name__, hash(p) == hash((1, 2)))
    bl = Blob(b"\x01\x02")
    print(bl, bl.hexed(), len(bl), bl == b"\x01\x02", type(bl).__name__)
    tg = Tags(["x", "y"])
    print(sorted(tg), tg.has("x"), type(tg).__name__, isinstance(tg, frozenset), "y" in tg)
    pa = Path("a/b/c")
    print(pa, pa.parts, pa.split("/"), type(pa).__name__)
    print(Name.__mro__, Point.__bases__)
    q = asyncio.Queue()
    await q.put(Name("job"))
    got = await q.get()
    print(got.shout(), ",".join([Name("a"), Name("b")]), str(n), type(str(n)).__name__)
    print(str.__new__(str, "x"), type(tuple.__new__(Point, [5, 6])).__name__)
    st = Status("OK")
    print(st == "ok", st == Status.OK, st != "no", st in {"OK"}, "%s|%r" % (st, st), json.dumps([st, n]))
    v1, v2 = Version("1.10.0"), Version("1.9.3")
    print(v1 > v2, max(v1, v2), sorted([v1, v2]), str(v1), v1[1], v1.count(0), f"{v2}")
    n.role = "admin"
    print(n.role, n.__dict__, vars(t), n.startswith("al"), n < "b", "lic" in n, n * 2, n.split("i"))
    match n:
        case str() as s if s.startswith("a"):
            print("matched", type(s).__name__)
    for bad in (lambda: str.__new__(int), lambda: tuple.__new__(Name, "x"), lambda: Point(1)):
        try:
            bad()
        except TypeError as e:
            print("TypeError", e)


asyncio.run(main())
