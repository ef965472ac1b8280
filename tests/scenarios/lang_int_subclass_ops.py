import asyncio, json, math
from enum import Enum, IntEnum

class Seconds(float):
    def __str__(self):
        return f"{float(self)}s"

class Celsius(float):
    def __repr__(self):
        return f"Celsius({float(self)!r})"
    def __add__(self, other):
        return Celsius(float(self) + float(other))

class Count(int):
    def __add__(self, other):
        return Count(int(self) + int(other))
    __radd__ = __add__
    def __eq__(self, other):
        return int(self) == int(other)
    def __hash__(self):
        return hash(int(self))

class Level(int, Enum):
    LOW = 1
    HIGH = 2

class Color(IntEnum):
    RED = 1

s = Seconds(2.5)
print(s, repr(s), str(s), f"{s}", f"{s:.1f}", "%s|%r|%.2f" % (s, s, s), [s])
c = Celsius(20.0)
print(c, c + 1, type(c + 1).__name__, 1 + c, type(1 + c).__name__, c * 2)
n = Count(3)
print(n + 1, type(n + 1).__name__, 1 + n, type(1 + n).__name__, n == 3, n != 4, {n: 1})
print(sum([Count(1), Count(2)], Count(0)), type(sum([Count(1), Count(2)], Count(0))).__name__)
print(json.dumps({"a": Count(3), "b": Seconds(1.5), "c": [Count(7)]}))
print(math.sqrt(Seconds(16.0)), math.floor(Seconds(2.7)), math.isclose(Seconds(1.0), 1.0), math.gcd(Count(12), 8))
print(Level.LOW, Level.HIGH + 1, Color.RED + 1, isinstance(Level.LOW, int), repr(Level.HIGH))
print(int(Seconds(3.9)), float(Count(3)), str(Count(5)), repr(Count(5)), round(Seconds(2.567), 2))
print(sorted([Seconds(3.0), Seconds(1.0), 2.0]), min(Count(4), Count(2)), max([Seconds(0.5), 0.25]))
print(Count(10) // 3, Count(10) % 3, Count(10) / 4, Count(2) ** 3, Count(6) & 3, Count(6) | 1, Count(1) << 4, ~Count(5))
print(Seconds(7.5) // 2, Seconds(7.5) % 2, -Seconds(1.5), +Seconds(1.5), abs(Seconds(-2.0)))
print(type(-Seconds(1.5)).__name__, type(abs(Count(-2))).__name__, type(+Count(2)).__name__)
x = Count(5)
x += 1
print(x, type(x).__name__)
print(Count(3).real, Seconds(2.0).real, Count(3).numerator, type(Count(3).real).__name__)
print(str(Seconds(1.0)).upper(), "{:>8}".format(Count(42)), "{}".format(Seconds(1.0)))
print(Count.__mro__ if False else [k.__name__ for k in Count.__mro__], issubclass(Count, int), issubclass(Seconds, float))
print(isinstance(Seconds(1.0), int), isinstance(Count(1), float))
try:
    Count("x")
except ValueError as e:
    print("ValueError:", e)
try:
    Seconds("abc")
except ValueError as e:
    print("ValueError:", e)
print(Count(), Seconds(), Count(2.9), Seconds(3), Seconds("1e3"))
print(divmod(Seconds(7.0), 2), Count(7).bit_length(), Count(255).to_bytes(2, "big"))

async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(Seconds(0.25), lambda: print("later", loop.time()))
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=Seconds(1.0))
    except asyncio.TimeoutError:
        print("timeout at", loop.time())
    q = asyncio.Queue(maxsize=Count(2))
    print(q.maxsize, q.full())

asyncio.run(main())
