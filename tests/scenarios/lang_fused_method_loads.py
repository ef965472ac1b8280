# Method loads of a local or a free variable (`x.m(...)`): engine methods
# (list.append, a future's set_result, the loop's call_soon), methods of
# program classes, inherited ones, replaced and deleted later, a class
# attribute that is no function (a staticmethod, a callable instance, a
# class), an instance attribute shadowing the method, an unbound local
# and an unbound free variable, and an object whose __del__ runs when the
# call's slots are dropped.
import asyncio


class Base:
    def hello(self, n):
        return ("base hello", n)


class Thing(Base):
    def __init__(self, tag):
        self.tag = tag

    def m(self, n):
        return (self.tag, n)

    @staticmethod
    def s(n):
        return ("static", n)

    class Inner:
        def __init__(self, n):
            self.n = n

        def __repr__(self):
            return "Inner(%d)" % self.n


class Callable:
    def __call__(self, n):
        return ("callable", n)


Thing.c = Callable()


def calls(x, rounds):
    out = []
    for i in range(rounds):
        out.append(x.m(i))
        out.append(x.hello(i))
        out.append(x.s(i))
        out.append(x.c(i))
        out.append(x.Inner(i))
    return out


def unbound():
    x = Thing("u")
    del x
    return x.m(1)


def outer():
    y = Thing("free")

    def inner(n):
        return y.m(n), y.hello(n)

    r = inner(1)
    del y
    try:
        inner(2)
    except NameError as e:
        print("NameError", e)
    return r


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def run(self):
        return self.tag

    def __del__(self):
        print("del", self.tag)


async def main():
    print(outer())
    t = Thing("t")
    print(calls(t, 2))
    Thing.m = lambda self, n: ("replaced", n)
    print(calls(t, 1))
    del Thing.m
    try:
        calls(t, 1)
    except AttributeError as e:
        print("AttributeError", e)
    t.m = lambda n: ("instance attr", n)
    print(calls(t, 1))
    Base.hello = lambda self, n: ("base replaced", n)
    print(calls(t, 1))
    try:
        unbound()
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    lst = []
    for i in range(3):
        lst.append(i)
    print(lst)
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "soon")
    print(await fut)
    n = Noisy("temp")
    print(n.run())
    n = None
    print(Noisy("expr").run())
    s = "a,b"
    print(s.split(","), s.upper())
    d = {}
    d.setdefault("k", []).append(1)
    print(d)


asyncio.run(main())
