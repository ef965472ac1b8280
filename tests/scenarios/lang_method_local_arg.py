# LOAD_FAST_METHOD_ARG (`x.m(y)`, x and y locals, y bound: one fused
# instruction; `lst.append(y)` as a statement appended in place while the
# list has room): appends that grow the list and that fill it exactly, a
# list appended to itself, the appended value's references (__del__ runs
# only when the list lets go), x unbound, x a list subclass (its own
# append, or list's), a deque, a set and a user class in the same spot
# (the method cache's misses), a method replaced on the instance or the
# class between calls, __getattr__ and __getattribute__, a staticmethod
# and a callable attribute, the call's value used, a method that raises
# (an uncaught one's traceback lines), an engine await (`await
# q.put(i)`), recursion appending at each level (to the RecursionError),
# and y rebound to values of other types.
import asyncio
import collections
import sys


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def grow(n):
    out = []
    for i in range(n):
        out.append(i)
    return len(out), sum(out), out[-1:]


def self_append():
    lst = []
    lst.append(lst)
    lst.append(lst)
    print("self", len(lst), lst[0] is lst, lst)


def refs():
    keep = []
    d = D("a")
    keep.append(d)
    d = D("b")
    keep.append(d)
    d = None
    print("refs", [x.name for x in keep])
    keep.clear()
    print("cleared")


def unbound(flag):
    if flag:
        lst = []
    item = 1
    try:
        lst.append(item)
    except UnboundLocalError as e:
        print("unbound", type(e).__name__)
        return
    print("bound", lst)


class MyList(list):
    def append(self, v):
        print("MyList.append", v)
        super().append(v * 10)


class PlainSub(list):
    pass


class Bag:
    def __init__(self):
        self.items = []

    def append(self, v):
        self.items.append(("bag", v))
        return len(self.items)

    def add(self, v):
        self.items.append(("add", v))


def many_kinds():
    made = [[], MyList(), PlainSub(), collections.deque(maxlen=2), Bag(), []]
    for obj in made:
        for v in (1, 2, 3):
            obj.append(v)
    for obj in made:
        print(type(obj).__name__, list(obj) if not isinstance(obj, Bag) else obj.items)
    s = set()
    b = Bag()
    for obj in (s, b, s, b):
        v = len(s)
        obj.add(v)
    print("add", sorted(s), b.items)


def replaced():
    b = Bag()
    v = 5
    print("value", b.append(v))
    b.append = lambda x: print("instance lambda", x)
    b.append(v)
    del b.append
    b.append(v)
    old = Bag.append
    Bag.append = lambda self, x: print("class lambda", x)
    b.append(v)
    Bag.append = old
    b.append(v)
    print(b.items)


class Dyn:
    def __getattr__(self, name):
        return lambda v: ("getattr", name, v)


class Intercept:
    def __getattribute__(self, name):
        if name == "append":
            return lambda v: print("getattribute", v)
        return object.__getattribute__(self, name)


class Static:
    @staticmethod
    def append(v):
        print("static", v)

    def __init__(self):
        self.call = print


def odd_lookups():
    d, i, s = Dyn(), Intercept(), Static()
    v = "x"
    print(d.append(v))
    i.append(v)
    s.append(v)
    s.call(v)
    r = [].append(v)
    print("result", r)
    lst = []
    r = lst.append(v)
    print("expr", r, lst)


class Boom:
    def go(self, v):
        raise ValueError("boom %s" % v)


def raising():
    b = Boom()
    v = 7
    try:
        b.go(v)
    except ValueError as e:
        print("raised", e)


def endless(acc):
    n = len(acc)
    acc.append(n)
    endless(acc)


def deep(n, acc):
    acc.append(n)
    if n:
        deep(n - 1, acc)
    acc.append(-n)


def rebound():
    out = []
    for v in (1, "s", None, 2.5, (1,), D("c")):
        out.append(v)
    v = None
    print("rebound", [type(x).__name__ for x in out])
    out.clear()
    print("rebound cleared")


async def producer(q):
    for i in range(25):
        await q.put(i)
    await q.put(None)


async def consumer(q, out):
    while True:
        item = await q.get()
        if item is None:
            return
        out.append(item)


async def main():
    print(grow(0), grow(1), grow(4), grow(5), grow(1000))
    self_append()
    refs()
    unbound(False)
    unbound(True)
    many_kinds()
    replaced()
    odd_lookups()
    raising()
    acc = []
    deep(50, acc)
    print("deep", len(acc), acc[:3], acc[-3:])
    acc = []
    try:
        endless(acc)
    except RecursionError:
        print("RecursionError", len(acc) > 10, acc[:3])
    rebound()
    q = asyncio.Queue(maxsize=3)
    out = []
    await asyncio.gather(producer(q), consumer(q, out))
    print("queue", len(out), sum(out))
    print(sys.version_info[:1])


asyncio.run(main())
print("uncaught, with its traceback:", flush=True)


def last():
    b = Boom()
    v = 99
    b.go(v)


last()
