# When the arguments of a call die: a call moves the caller's references
# into the new frame (CPython's CALL), so an argument nothing else holds
# dies when the callee rebinds or deletes its parameter, before the call
# returns, or with the callee's frame. Plain functions, methods (self
# included), an inherited method through super(), a function through a
# variable, nested calls, calls from tasks; and the calls that bind
# otherwise (a default used, a keyword-only parameter, *args, too many
# arguments, a generator and a coroutine method: there the caller drops
# its references after the call, so only with the frame). Each call lets at most
# one object die when its frame ends: the order of several is CPython
# 3.11's (parameters first) but reversed from 3.13 on.
import asyncio


class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def rebinds(a, b):
    a = None
    print("rebound a")
    del b
    print("deleted b")
    return "rebinds done"


def rebinds_late(a, b):
    print("in rebinds_late", a.n, b.n)
    b = a
    print("b is a now")


def swaps(a, b):
    a, b = b, a
    print("swapped", a.n, b.n)
    a = b = None
    print("both rebound")


def one_dies(a, b):
    print("one_dies", a.n, b.n)


def returns_arg(a, b):
    b = None
    return a


def with_default(a, b=None):
    print("default", a.n, b is None)


def kw(a, *, b):
    print("kw", a.n, b)


def star(*args):
    print("star", len(args))


def wrong(a):
    print("never")


def gen(a):
    a = None
    yield "gen ran"


class K:
    def m(self, a, b):
        a = None
        print("in m", b.n)
        return "m done"

    def dies_with_self(self):
        print("dies_with_self")

    async def am(self, a):
        a = None
        print("in am")
        await asyncio.sleep(0)
        return "am done"

    def __del__(self):
        print("del K")


class Sub(K):
    def m(self, a, b):
        print("in Sub.m")
        return super().m(a, b)


def nested(a):
    a = None
    return rebinds(D("inner a"), D("inner b"))


async def worker(name):
    for i in range(2):
        print(rebinds(D(f"{name}{i}a"), D(f"{name}{i}b")))
        await asyncio.sleep(0)


async def main():
    keep = D("kept by main")
    print(rebinds(D(1), D(2)))
    rebinds_late(D(3), keep)
    print("after rebinds_late")
    swaps(D(4), D(5))
    one_dies(D(6), keep)
    print("after one_dies")
    one_dies(keep, D(7))
    print("after one_dies again")
    x = returns_arg(D(8), D(9))
    print("kept", x.n)
    del x
    with_default(D(10))
    with_default(D(11), None)
    kw(D(12), b=13)
    star(D(14))
    try:
        wrong(D(15), keep)
    except TypeError as e:
        print("caught", e)
    for v in gen(D(16)):
        print(v)
    k = K()
    print(k.m(D(17), keep))
    s = Sub()
    print(s.m(D(18), keep))
    del s
    K().dies_with_self()
    print("after dies_with_self")
    print(await k.am(D(19)))
    del k
    print(nested(D(20)))
    f = rebinds
    print(f(D(21), D(22)))
    await asyncio.gather(worker("x"), worker("y"))
    del keep
    print("end of main")


asyncio.run(main())
