import asyncio

class Priority(int):
    pass

class Money(int):
    def __repr__(self):
        return f"Money({int(self)})"

class Port(int):
    def __new__(cls, v):
        return super().__new__(cls, v)

class Seconds(float):
    pass

class Hex(int):
    def __new__(cls, s):
        return int.__new__(cls, s, 16)

p = Priority(3)
print(p, repr(p), type(p).__name__, isinstance(p, int), type(p) is Priority)
print(p + 1, type(p + 1).__name__, p * 2, -p, abs(Priority(-4)), p == 3, p < 4, hash(p) == hash(3))
m = Money(250)
print(m, repr(m), [m], str(m), f"{m}", f"{m:>6}", "%d" % m, m + 1)
print(Port(8080), Port("80"), Hex("ff"), type(Hex("ff")).__name__)
s = Seconds(1.5)
print(s, repr(s), s * 2, type(s * 2).__name__, isinstance(s, float), round(s), int(s), float(s))
print({Priority(1): 'a'}[1], {1: 'b'}[Priority(1)], sorted([Priority(3), 1, Priority(2)]))
print(bool(Priority(0)), bool(Seconds(0.0)), Priority(0) or "zero")
print([10, 20, 30][Priority(1)], "ab" * Priority(2), range(Priority(3)))
p.label = "high"
print(p.label, p.bit_length(), s.is_integer(), Seconds(2.0).is_integer())
print(divmod(Priority(7), 2), pow(Priority(2), 10), max(Priority(5), 4), sum([Priority(1), Priority(2)]))
print(f"{Seconds(2.5):.3f}", format(Priority(255), "x"), hex(Priority(255)))
class Big(int):
    pass
b = Big(2**70)
print(b, b + 1, type(b + 1).__name__, b > 2**69, hash(b) == hash(2**70))
class Slotted(int):
    __slots__ = ()
print(Slotted(5) + 1)
try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError:", e)

async def main():
    await asyncio.sleep(Seconds(0.5))
    print("slept", asyncio.get_running_loop().time())

asyncio.run(main())
