# The data model on scenario classes: rich comparisons with NotImplemented
# and reflection (sorted, min/max, a PriorityQueue of user objects),
# __hash__ for dict/set keys (and __eq__ alone making instances
# unhashable), arithmetic with reflected and in-place forms, unary ops,
# containers (__len__, __bool__, __iter__/__next__, __getitem__,
# __setitem__, __delitem__, __contains__), __call__, __repr__/__str__ in
# containers, f-strings and format().
import asyncio


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"

    def __eq__(self, other):
        if isinstance(other, Money):
            return self.cents == other.cents
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, Money):
            return self.cents < other.cents
        return NotImplemented

    def __le__(self, other):
        return self == other or self < other

    def __hash__(self):
        return hash(self.cents)

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented

    def __radd__(self, other):
        print("radd", other)
        return self + other

    def __mul__(self, k):
        return Money(self.cents * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Money(-self.cents)

    def __bool__(self):
        return self.cents != 0


class Account(Money):
    def __iadd__(self, other):
        print("iadd")
        self.cents += other.cents
        return self


class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return (self.priority, self.name) < (other.priority, other.name)

    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"


class Ring:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i % len(self.items)]

    def __setitem__(self, i, v):
        self.items[i % len(self.items)] = v

    def __delitem__(self, i):
        del self.items[i % len(self.items)]

    def __contains__(self, x):
        print("contains", x)
        return x in self.items

    def __iter__(self):
        return RingIter(self.items)


class RingIter:
    def __init__(self, items):
        self.items = items
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= len(self.items):
            raise StopIteration
        self.i += 1
        return self.items[self.i - 1]


class Key:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k


class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x, *, times=1):
        return x + self.n * times


def attempt(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)


async def consumer(q):
    while True:
        job = await q.get()
        print("got", job)
        q.task_done()


async def main():
    a, b, c = Money(250), Money(199), Money(250)
    print(a == c, a != b, a < b, a <= c, a > b, b >= a, a == 250, a != "x")
    print(sorted([a, b, Money(5)]), min(a, b), max([b, a]), str(a), [str(b)])
    print({a: "a", b: "b"}[c], len({a, b, c}), a in {c}, a in [c], a is c)
    print(a + b, a + 5, 5 + a, sum([a, b], Money(0)), 3 * a, a * 2, -a)
    print(bool(Money(0)), bool(a), not Money(0), f"{a} {a!r} {a!s:>8}", format(b))
    acct = Account(100)
    acct += Money(50)
    print(acct, type(acct).__name__, acct == Money(150), Money(150) == acct)
    attempt("hash", lambda: hash(Key(1)))
    attempt("order", lambda: Key(1) < Key(2))
    attempt("mixed", lambda: a < 3)
    attempt("sub", lambda: a - b)
    attempt("unary", lambda: ~a)
    print(Key(1) == Key(1), Key(1) != Key(2), Key(1) in [Key(1)])
    r = Ring(1, 2, 3)
    print(len(r), r[4], 2 in r, 9 in r, list(r), [x * 2 for x in r], sorted(r, reverse=True))
    r[5] = 30
    del r[0]
    print(r.items, bool(Ring()), bool(r), tuple(RingIter("ab")), dict(zip(r, "xy")))
    it = iter(r)
    print(next(it), next(it), next(it, "end"))
    add3 = Adder(3)
    print(add3(1), add3(1, times=2), list(map(add3, [1, 2])), callable(add3), callable(a))
    q = asyncio.PriorityQueue()
    for job in [Job(2, "b"), Job(1, "z"), Job(2, "a"), Job(0, "q")]:
        q.put_nowait(job)
    task = asyncio.create_task(consumer(q))
    await q.join()
    task.cancel()
    print({"money": [a, (b,)], "jobs": {Job(1, "x")}})


asyncio.run(main())
