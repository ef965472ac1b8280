# Decorators that add special methods to a class applied after the class
# already has subclasses (called as functions, not with @): the subclasses
# made before see the new __eq__, __repr__, order methods and __hash__.
import dataclasses
import functools


class Point:
    x: int = 0
    y: int = 0


class Point3(Point):
    pass


class Tagged(Point3):
    tag = "t"


dataclasses.dataclass(order=True)(Point)
print(Point(1, 2), Point3(1, 2), Tagged(4))
print(Point3(1, 2) == Point3(1, 2), Tagged(1) == Tagged(1), Tagged(1) != Tagged(2))
print(Point3(1, 2) < Point3(1, 3), Tagged(5) >= Tagged(4), sorted([Tagged(3), Tagged(1)]))
try:
    hash(Point3(1, 2))
except TypeError as e:
    print("TypeError:", e)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        return self.cents == other.cents

    def __lt__(self, other):
        return self.cents < other.cents

    def __repr__(self):
        return f"{type(self).__name__}({self.cents})"


class Euro(Money):
    pass


class Cent(Euro):
    pass


functools.total_ordering(Money)
print(Euro(1) <= Euro(2), Euro(3) > Euro(2), Cent(2) >= Cent(2), Cent(1) > Cent(9))
print(max(Cent(4), Cent(7)), min([Euro(5), Euro(2)]))


class Frozen:
    name: str = "?"


class Child(Frozen):
    pass


dataclasses.dataclass(frozen=True)(Frozen)
c = Child("kid")
print(c, c == Child("kid"), hash(c) == hash(Child("kid")))
try:
    c.name = "other"
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
