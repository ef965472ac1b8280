# Reading an attribute of a local (`x.a`) and updating one in place
# (`x.a += n`) on every kind of instance the VM's fused forms of these
# sequences must leave to the plain instructions: a local deleted or
# cleared by `except ... as`, a __getattr__ fallback, properties, slots,
# __setattr__ and __getattribute__, instances whose attributes sit in a
# different order, class attributes, values that are not ints or floats,
# int overflow past 64 bits, a divide by zero, an __iadd__ on the value,
# and a failing update whose traceback ends the run (its lines must match).
# The same for `x += n` on a local and on a nonlocal (a closure's free
# variable): unbound on either side, overflow, floats, bools, strings.
import asyncio


class Plain:
    shared = 10

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def bump(self, n):
        self.a += n
        self.b -= n
        return self.a, self.b


class Reordered(Plain):
    def __init__(self, a, b):
        self.b = b
        self.a = a


class Fallback:
    def __init__(self):
        self.a = 1

    def __getattr__(self, name):
        print("  __getattr__", name)
        return 100


class Prop:
    def __init__(self):
        self._a = 5

    @property
    def a(self):
        print("  get a")
        return self._a

    @a.setter
    def a(self, v):
        print("  set a", v)
        self._a = v


class Slotted:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 3


class Watched:
    def __init__(self):
        self.a = 0

    def __setattr__(self, name, v):
        print("  setattr", name, v)
        object.__setattr__(self, name, v)


class Logged:
    def __init__(self):
        self.a = 7

    def __getattribute__(self, name):
        print("  getattribute", name)
        return object.__getattribute__(self, name)


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, other):
        print("  __iadd__", other)
        self.items.append(other)
        return self


def read(x):
    return x.a


def update(x, n):
    x.a += n
    return x.a


def update_const(x):
    x.a += 1
    x.a -= 2
    x.a *= 3
    return x.a


def deleted(x):
    del x
    return x.a


def after_except(x):
    try:
        raise ValueError("boom")
    except ValueError as x:
        print("  caught", x)
    return x.a


def unbound_n(x):
    x.a += n
    n = 1


def local_aug(x, n):
    x += n
    x += 1
    x -= n
    x *= 2
    return x


def concat(x, n):
    x += n
    return x


def local_deleted(x):
    del x
    x += 1


def local_unbound_n(x):
    x += n
    n = 0


def counter(start, step):
    count = start

    def tick():
        nonlocal count
        count += step
        count += 1
        return count

    def drop():
        nonlocal count
        del count

    return tick, drop


def names():
    print(local_aug(1, 2), local_aug(2**62, 2**62), local_aug(-(2**62), -(2**62)))
    print(local_aug(1.5, 2), local_aug(1, 0.5), local_aug(True, True))
    print(concat("a", "b"), concat([1], [2]), concat((1,), (2,)))
    for fn in (local_deleted, local_unbound_n):
        try:
            fn(1)
        except UnboundLocalError as e:
            print(fn.__name__, e)
    tick, drop = counter(0, 2)
    print(tick(), tick(), counter(2**63 - 2, 1)[0](), counter(0.5, 1)[0]())
    try:
        counter("a", "b")[0]()
    except TypeError as e:
        print("TypeError", e)
    drop()
    try:
        tick()
    except NameError as e:
        print(type(e).__name__, e)
    try:
        local_aug(None, 1)
    except TypeError as e:
        print("TypeError", e)


async def main():
    names()
    p, q = Plain(1, 2), Reordered(3, 4)
    for _ in range(3):
        print(p.bump(2), q.bump(5), read(p), read(q))
    print(update_const(p), update_const(q))
    p.a = 2**62
    print(update(p, 2**62), update(p, -(2**63)), update(p, 1))
    p.a = 1.5
    print(update(p, 2), update(p, 0.25), update_const(p))
    p.a = True
    print(update(p, 1), update(p, True))
    p.a = "s"
    print(update(p, "t"))
    p.a = 10
    try:
        p.a /= 0
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
    del p.a
    print(read(p) if hasattr(p, "a") else "no a", p.shared)
    p.shared += 1
    print(p.shared, Plain.shared, read(q))
    f = Fallback()
    print(read(f), update(f, 2))
    del f.a
    print(read(f), update(f, 3), f.a)
    print(read(Prop()), update(Prop(), 4))
    s = Slotted()
    print(read(s), update(s, 5), update_const(s))
    w = Watched()
    print(update(w, 6), read(w))
    g = Logged()
    print(update(g, 1))
    a = Plain(Acc(), 0)
    print(update(a, "x").items, read(a).items)
    for fn in (deleted, after_except):
        try:
            fn(Plain(1, 1))
        except UnboundLocalError as e:
            print(fn.__name__, e)
    try:
        unbound_n(Plain(1, 1))
    except UnboundLocalError as e:
        print("unbound_n", e)
    try:
        update(Plain(None, 0), 1)
    except TypeError as e:
        print("TypeError", e)
    try:
        read(object())
    except AttributeError as e:
        print("AttributeError", e)
    d = Plain(1, 2)
    d.__dict__.clear()
    d.b = 1
    try:
        update(d, 1)
    except AttributeError as e:
        print("AttributeError", e)
    print(update(Plain(1, 2), [1]) if False else "end of checks")
    bad = Plain([1], 0)
    bad.a += (
        1
    )


asyncio.run(main())
