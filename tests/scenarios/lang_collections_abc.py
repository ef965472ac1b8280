# collections.abc: isinstance/issubclass of built-in, engine and program
# types against every ABC (the structural __subclasshook__ of the one-trick
# ABCs, the built-in types registered with the others), and classes
# deriving from them: Iterator, Mapping, MutableMapping, Sequence,
# MutableSequence, AsyncIterator and Generator with their mixin methods; a
# program's own __subclasshook__; register().
import asyncio
from abc import ABC
import collections
import collections.abc
from collections.abc import (Awaitable, Coroutine, AsyncIterable, AsyncIterator, AsyncGenerator,
                             Iterable, Iterator, Generator, Callable, Mapping, MutableMapping,
                             Sequence, MutableSequence, Set, MutableSet, Hashable, Sized, Container,
                             Collection, Reversible, KeysView, ItemsView, ValuesView, MappingView)

def gen():
    yield 1

async def co():
    return 1

async def agen():
    yield 1

class Plain:
    pass

class WithIter:
    def __iter__(self):
        return iter([1, 2])

class WithNext(WithIter):
    def __next__(self):
        raise StopIteration

class Eq:
    def __eq__(self, other):
        return True

class Aw:
    def __await__(self):
        yield

class Call:
    def __call__(self):
        return 1

class NoIter(WithIter):
    __iter__ = None

c = co()
values = {
    "list": [], "tuple": (), "dict": {}, "set": set(), "frozenset": frozenset(), "str": "s",
    "bytes": b"b", "bytearray": bytearray(), "range": range(3), "int": 1, "float": 1.5,
    "None": None, "list_iter": iter([]), "gen": gen(), "coro": c, "agen": agen(),
    "keys": {}.keys(), "values": {}.values(), "items": {}.items(), "deque": collections.deque(),
    "OrderedDict": collections.OrderedDict(), "Counter": collections.Counter(),
    "func": len, "lambda": lambda: 0, "class": Plain, "Plain": Plain(), "WithIter": WithIter(),
    "WithNext": WithNext(), "Eq": Eq(), "Aw": Aw(), "Call": Call(), "NoIter": NoIter(),
}
abcs = [Awaitable, Coroutine, AsyncIterable, AsyncIterator, AsyncGenerator, Iterable, Iterator,
        Generator, Callable, Mapping, MutableMapping, Sequence, MutableSequence, Set, MutableSet,
        Hashable, Sized, Container, Collection, Reversible, KeysView, ItemsView, ValuesView,
        MappingView]
for name, v in values.items():
    print(f"{name:12}", "".join("1" if isinstance(v, a) else "." for a in abcs))
for t in (list, tuple, dict, set, str, bytes, int, type(None), type(gen()), type(c), Plain, WithNext, Eq):
    print(f"{t.__name__:12}", "".join("1" if issubclass(t, a) else "." for a in abcs))
c.close()
print(Iterable, Mapping, collections.abc.Iterator)
print(Iterable[int], Mapping[str, int])
print(Sequence.__abstractmethods__ == frozenset({'__getitem__', '__len__'}))
print(sorted(MutableMapping.__abstractmethods__))
print(type(Iterable))

class Countdown(Iterator):
    def __init__(self, n):
        self.n = n
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n

print(list(Countdown(3)), isinstance(Countdown(1), Iterable))

class Registry(MutableMapping):
    def __init__(self):
        self._d = {}
    def __getitem__(self, k):
        return self._d[k]
    def __setitem__(self, k, v):
        self._d[k] = v
    def __delitem__(self, k):
        del self._d[k]
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)

r = Registry()
r["a"] = 1
r.update({"b": 2}, c=3)
r.update([("d", 4)])
print(len(r), "a" in r, "z" in r, r.get("z", 9), r.get("a"))
print(sorted(r.keys()), sorted(r.values()), sorted(r.items()))
print(r.setdefault("e", 5), r.pop("e"), r.pop("zz", None))
print(r == {"a": 1, "b": 2, "c": 3, "d": 4}, r != {"a": 1})
print(r.popitem(), len(r))
try:
    r.pop("nope")
except KeyError as e:
    print("KeyError", e)
r.clear()
print(len(r), dict(r))

class Frozen(Mapping):
    def __init__(self, **kw):
        self._d = kw
    def __getitem__(self, k):
        return self._d[k]
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)
f = Frozen(x=1, y=2)
print(dict(f), list(f.items()), isinstance(f, MutableMapping), isinstance(f, Mapping))
try:
    hash(f)
except TypeError as e:
    print(e)

class Incomplete(Mapping):
    def __getitem__(self, k):
        return 1
try:
    Incomplete()
except TypeError as e:
    print(e)

class Seq(Sequence):
    def __init__(self, *items):
        self._items = list(items)
    def __getitem__(self, i):
        return self._items[i]
    def __len__(self):
        return len(self._items)

s = Seq(1, 2, 3, 2)
print(list(s), 2 in s, 5 in s, s.index(2), s.count(2), list(reversed(s)))
try:
    s.index(9)
except ValueError as e:
    print("ValueError", repr(e))

class MSeq(MutableSequence):
    def __init__(self):
        self._items = []
    def __getitem__(self, i):
        return self._items[i]
    def __setitem__(self, i, v):
        self._items[i] = v
    def __delitem__(self, i):
        del self._items[i]
    def __len__(self):
        return len(self._items)
    def insert(self, i, v):
        self._items.insert(i, v)
m = MSeq()
m.append(1)
m.extend([2, 3, 4])
m += [5]
m.reverse()
print(list(m), m.pop(), m.pop(0), list(m))
m.remove(3)
print(list(m))
m.clear()
print(list(m), len(m))

class Ticker(AsyncIterator):
    def __init__(self, n):
        self.n = n
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0.1)
        return self.n

async def main():
    async for t in Ticker(3):
        print("tick", t)

asyncio.run(main())

class G(Generator):
    def __init__(self):
        self.i = 0
    def send(self, v):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
    def throw(self, *a):
        raise StopIteration
print(list(G()))
g = G()
print(next(g), g.close())

class Checker:
    @classmethod
    def __subclasshook__(cls, C):
        return NotImplemented
from abc import ABC, abstractmethod
class HasLen(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is HasLen:
            return hasattr(C, "size")
        return NotImplemented
class Box:
    size = 3
print(isinstance(Box(), HasLen), isinstance(1, HasLen), issubclass(Box, HasLen))
Sized.register(Box)
print(isinstance(Box(), Sized))
