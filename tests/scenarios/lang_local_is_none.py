# LOAD_FAST_IS_NONE (`if x is None:` / `x is not None` on a local bound
# on every path, tested in place): None, 0, False, "" and objects (an
# __eq__ and a __bool__ that would print are never called), `while x is
# not None` walking a linked list, `and` / `or` chains (a jump into the
# test's middle), a conditional expression, a comprehension's filter (a
# jump back), `not (x is None)`, a local that may be unbound
# (UnboundLocalError as before), a parameter, a deleted and rebound
# local, the value's __del__ when the local is rebound after the test,
# and a queue consumer.
import asyncio


class Loud:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        print("__eq__ called")
        return True

    def __bool__(self):
        print("__bool__ called")
        return False

    def __del__(self):
        print("del", self.name)


class Node:
    def __init__(self, v, nxt):
        self.v = v
        self.nxt = nxt


def kinds(x):
    a = x
    if a is None:
        r = "none"
    else:
        r = "not none"
    b = x
    if b is not None:
        r += "/not"
    return r


def walk(head):
    n = head
    out = []
    while n is not None:
        out.append(n.v)
        n = n.nxt
    return out


def chains(x, y):
    a, b = x, y
    if a is None or b is None:
        r1 = "some none"
    else:
        r1 = "both"
    if a is not None and b is not None:
        r2 = "both set"
    else:
        r2 = "not both"
    r3 = "A" if a is None else "B"
    r4 = not (a is None)
    return r1, r2, r3, r4


def filtered(xs):
    return [v for v in xs if v is not None], [v for v in xs if v is None]


def maybe(flag):
    if flag:
        x = None
    try:
        if x is None:
            return "none"
        return "set"
    except UnboundLocalError as e:
        return "unbound " + type(e).__name__


def deleted():
    x = None
    del x
    try:
        if x is None:
            pass
    except NameError as e:
        print("deleted", type(e).__name__)
    x = 3
    if x is not None:
        print("rebound", x)


def dropped():
    x = Loud("first")
    if x is not None:
        print("tested")
    x = None
    print("after rebind")
    if x is None:
        print("now none")


async def consumer(q, out):
    while True:
        item = await q.get()
        if item is None:
            return
        out.append(item)


async def main():
    for x in (None, 0, False, "", Loud("a"), [], 1.5):
        print(type(x).__name__, kinds(x))
    print(walk(Node(1, Node(2, Node(3, None)))), walk(None))
    for x, y in ((None, None), (1, None), (None, 2), (1, 2)):
        print(chains(x, y))
    print(filtered([1, None, 0, None, "", False]))
    print(maybe(True), maybe(False))
    deleted()
    dropped()
    q = asyncio.Queue()
    out = []
    for i in range(5):
        q.put_nowait(i)
    q.put_nowait(None)
    await consumer(q, out)
    print("queue", out)


asyncio.run(main())
