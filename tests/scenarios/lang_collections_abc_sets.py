# collections.abc's Set and MutableSet mixins on a program's own classes
# (comparisons, &, |, -, ^ and their reflected forms, isdisjoint,
# _from_iterable overridden, remove/pop/clear and the in-place operators),
# the one clear() of MutableMapping, MutableSequence and MutableSet,
# AsyncGenerator.aclose() inherited by a hand-written async generator, and
# OrderedDict.fromkeys.
import asyncio
import collections
from collections.abc import AsyncGenerator, MutableMapping, MutableSequence, MutableSet, Set


class ListSet(Set):
    def __init__(self, items=()):
        self.items = []
        for x in items:
            if x not in self.items:
                self.items.append(x)

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __repr__(self):
        return f"{type(self).__name__}({self.items})"


class Tagged(ListSet):
    made = 0

    @classmethod
    def _from_iterable(cls, it):
        cls.made += 1
        return cls(sorted(it))


class Bag(ListSet, MutableSet):
    def add(self, x):
        if x not in self.items:
            self.items.append(x)

    def discard(self, x):
        if x in self.items:
            self.items.remove(x)


a, b = ListSet([3, 1, 2]), ListSet([2, 3, 4])
print(a & b, a | b, a - b, a ^ b, b - a)
print(a <= b, a < ListSet([1, 2, 3, 9]), a == ListSet([1, 2, 3]), a != b, a >= ListSet([1]), a > a)
print(a & [1, 5], [5, 1, 3] & a, a | [7], [0] | a, {1, 9} - a, [9, 2] ^ a)
print(a.isdisjoint([7, 8]), a.isdisjoint((3,)), a == {1, 2, 3}, a <= {1, 2, 3, 4})
print(a.__and__(5), a.__le__([1, 2, 3]), a.__sub__(5))
try:
    a & 5
except TypeError as e:
    print("TypeError", e)
t = Tagged([5, 3, 1])
print(t | [0], t - [3], t.made, type(t & t).__name__)

m = Bag([1, 2, 3])
m |= [4, 1]
print(m)
m -= {2}
print(m)
m &= [1, 4, 9]
print(m)
m ^= [4, 5]
print(m)
m ^= m
print(m, len(m))
m = Bag("abc")
m.remove("b")
print(m, m.pop(), m)
try:
    m.remove("zz")
except KeyError as e:
    print("KeyError", e)
m.clear()
try:
    m.pop()
except KeyError as e:
    print("KeyError", repr(e))
m -= m
print(m)


class Store(MutableMapping):
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        return self.d[k]

    def __setitem__(self, k, v):
        print("set", k)
        self.d[k] = v

    def __delitem__(self, k):
        print("del", k)
        del self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


class Stack(MutableSequence):
    def __init__(self):
        self.l = []

    def __getitem__(self, i):
        return self.l[i]

    def __setitem__(self, i, v):
        self.l[i] = v

    def __delitem__(self, i):
        print("delitem", i)
        del self.l[i]

    def __len__(self):
        return len(self.l)

    def insert(self, i, v):
        self.l.insert(i, v)


s = Store()
s.update(x=1, y=2)
s.clear()
st = Stack()
st.extend("ab")
st.clear()
print(len(s), len(st))


class Countdown(AsyncGenerator):
    def __init__(self, n):
        self.n = n

    async def asend(self, value):
        await asyncio.sleep(0.1)
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n

    async def athrow(self, typ, val=None, tb=None):
        print("athrow", typ.__name__ if isinstance(typ, type) else type(typ).__name__)
        if self.n > 5:
            return "ignored"
        raise StopAsyncIteration


async def main():
    cd = Countdown(3)
    print([x async for x in cd])
    print(await Countdown(2).aclose())
    try:
        await Countdown(9).aclose()
    except RuntimeError as e:
        print("RuntimeError", e)
    print(asyncio.get_running_loop().time())


asyncio.run(main())

od = collections.OrderedDict.fromkeys("cab", 0)
print(od, collections.OrderedDict.fromkeys([3, 1]), type(od).__name__)
od.move_to_end("c")
print(list(od), od == collections.OrderedDict.fromkeys("abc", 0))
