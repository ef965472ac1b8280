# `x is None` / `x is not None` as a jump condition (one POP_JUMP_IF_NONE,
# and a JUMP when the jump is for a value that is not None) and jumps on
# constants that are never taken (`while True:`, `if 1:`: nothing
# emitted): every form of condition they appear in, when the tested value
# is dropped (its __del__), loops with break and else, a generator, and
# queue consumers that stop at None.
import asyncio


class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def none_tests(x):
    out = []
    if x is None:
        out.append("is")
    if x is not None:
        out.append("isnot")
    if not x is None:
        out.append("not-is")
    if not x is not None:
        out.append("not-isnot")
    if x is None or x == 3:
        out.append("or")
    if x is not None and x != 3:
        out.append("and")
    if (x is None) == (x is not None):
        out.append("never")
    out.append("t" if x is None else "f")
    out.append("u" if x is not None else "v")
    out.append([y for y in (x, None, 1) if y is not None])
    out.append([y for y in (x, None, 1) if y is None])
    out.append([y for y in (x, None, 1) if not y is None])
    flag = x is None
    out.append(flag)
    return out


def none_loops(items):
    i = 0
    while items[i] is not None:
        i += 1
    j = 0
    while items[j] is None:
        j += 1
    else:
        j = -j
    return i, j


def dropped():
    if D(1) is None:
        print("no")
    print("after 1")
    if D(2) is not None:
        print("yes 2")
    print("after 2")
    if not D(3) is None:
        print("yes 3")
    while D(4) is None:
        pass
    print("after 4")
    print([n for n in (1, 2) if D(n + 4) is not None])


def const_loops():
    out = []
    n = 0
    while True:
        n += 1
        if n > 3:
            break
    out.append(n)
    while 1:
        n -= 1
        if not n:
            break
    else:
        out.append("never")
    out.append(n)
    while False:
        out.append("no")
    else:
        out.append("else-false")
    while None:
        out.append("no")
    while 0:
        out.append("no")
    if True:
        out.append("if-true")
    if 0:
        out.append("no")
    else:
        out.append("else-0")
    if 2:
        out.append("if-2")
    if not True:
        out.append("no")
    if not 0:
        out.append("not-0")
    out.append("a" if True else "b")
    out.append("a" if 0 else "b")
    out.append([x for x in range(3) if True])
    out.append([x for x in range(3) if False])
    out.append([x for x in range(3) if 1 and x])
    out.append([x for x in range(3) if 0 or x])
    try:
        assert False, "assert False"
    except AssertionError as e:
        out.append(str(e))
    assert True
    assert 1, "no"
    return out


def gen():
    k = 0
    while True:
        got = yield k
        if got is None:
            k += 1
        else:
            k = got
        if k > 5:
            return


async def consumer(name, q):
    seen = []
    while True:
        item = await q.get()
        if item is None:
            print(name, "stops")
            return seen
        seen.append(item)
        await asyncio.sleep(0)


async def main():
    q = asyncio.Queue(maxsize=2)
    a = asyncio.create_task(consumer("a", q))
    b = asyncio.create_task(consumer("b", q))
    for i in range(7):
        await q.put(i)
    await q.put(None)
    await q.put(None)
    print(await a, await b)
    ev = asyncio.Event()
    order = []

    async def waiter(k):
        while True:
            await ev.wait()
            order.append(k)
            if len(order) >= 4:
                return
            await asyncio.sleep(0)
            ev.clear()

    ws = [asyncio.create_task(waiter(k)) for k in range(2)]
    while not all(w.done() for w in ws):
        ev.set()
        await asyncio.sleep(0)
    print(order)


for v in (None, 0, 3, "", [], False):
    print(repr(v), none_tests(v))
print(none_loops([1, 2, None, 4]), none_loops([None, None, 5, None]))
dropped()
print(const_loops())
g = gen()
print(next(g), g.send(None), g.send(4), next(g), next(g, "end"))
asyncio.run(main())
