# Loads of locals that the compiler proves bound on every path take no
# unbound check; every other load still raises UnboundLocalError. Paths
# where a local may be unbound: a branch, a loop's first turn, a try whose
# assignment raised, an except's `as` name after the handler, `del`, a
# `with` body that raised before its assignment, a `for` over nothing, a
# `match` case, a generator resumed after a throw.
import asyncio


def try_load(label, fn):
    try:
        print(label, fn())
    except UnboundLocalError as e:
        print(label, "UnboundLocalError", e)
    except NameError as e:
        print(label, "NameError", e)


def branch(flag):
    if flag:
        x = 1
    return x


def loop_later(n):
    out = []
    for i in range(n):
        if i > 0:
            out.append(y)
        y = i * 2
    return out


def while_else(n):
    while n > 0:
        n -= 1
        z = n
    else:
        w = 5
    return z, w


def try_raise():
    try:
        v = 1 // 0
    except ZeroDivisionError:
        pass
    return v


def try_ok_then_finally():
    try:
        v = 7
    finally:
        u = v + 1
    return v, u


def try_finally_raise():
    try:
        try:
            a = 1
            b = 1 // 0
        finally:
            print("finally sees a", a)
            print("finally sees b", b)
    except UnboundLocalError as e:
        return "inner " + str(e)


def except_name():
    try:
        raise KeyError("k")
    except KeyError as e:
        got = repr(e)
    print("handled", got)
    return e


def deleted(flag):
    q = 3
    if flag:
        del q
    return q


def deleted_in_try():
    d = 1
    try:
        del d
        raise KeyError("x")
    except KeyError:
        return d


def deleted_in_loop(n):
    for i in range(n):
        if i == 1:
            del t
        t = i
    return t


def deleted_then_bound():
    r = 1
    del r
    r = 2
    return r


class Mgr:
    def __init__(self, fail):
        self.fail = fail

    def __enter__(self):
        if self.fail:
            raise RuntimeError("enter failed")
        return "entered"

    def __exit__(self, *a):
        return True


def with_as(fail):
    try:
        with Mgr(fail) as m:
            pass
    except RuntimeError:
        pass
    return m


def with_body_raises():
    with Mgr(False):
        k = 1
        raise ValueError("swallowed")
        k2 = 2
    return k, k2


def for_empty(seq):
    for item in seq:
        pass
    return item


def matcher(v):
    match v:
        case [a, b]:
            pass
        case {"k": a}:
            pass
        case _:
            pass
    return a


def gen():
    try:
        g1 = yield 1
    except ValueError:
        pass
    yield g1


def nested_loops(n):
    total = 0
    for i in range(n):
        for j in range(n):
            if j == 1:
                inner = i + j
        total += inner
    return total


def unpack(flag):
    if flag:
        p, (q2, *rest) = 1, (2, 3, 4)
    return p, q2, rest


def aug(flag):
    if flag:
        c = 1
    c += 1
    return c


def walrus(xs):
    if any((hit := x) > 2 for x in xs):
        pass
    if [found := x for x in xs if x > 1]:
        return found
    return None


async def async_with_lock(fail):
    lock = asyncio.Lock()
    try:
        async with lock:
            if fail:
                raise OSError("in body")
            done = True
    except OSError:
        pass
    return done


async def queue_consumer():
    q = asyncio.Queue()
    for n in range(3):
        await q.put(n)
    await q.put(None)
    seen = []
    while True:
        item = await q.get()
        if item is None:
            break
        seen.append(item)
    return seen, item


async def main():
    try_load("branch true", lambda: branch(True))
    try_load("branch false", lambda: branch(False))
    try_load("loop later 3", lambda: loop_later(3))
    try_load("while else 2", lambda: while_else(2))
    try_load("while else 0", lambda: while_else(0))
    try_load("try raise", try_raise)
    try_load("try ok finally", try_ok_then_finally)
    try_load("try finally raise", try_finally_raise)
    try_load("except name", except_name)
    try_load("deleted false", lambda: deleted(False))
    try_load("deleted true", lambda: deleted(True))
    try_load("deleted then bound", deleted_then_bound)
    try_load("deleted in try", deleted_in_try)
    try_load("deleted in loop", lambda: deleted_in_loop(3))
    try_load("with as ok", lambda: with_as(False))
    try_load("with as fail", lambda: with_as(True))
    try_load("with body raises", with_body_raises)
    try_load("for empty", lambda: for_empty([]))
    try_load("for some", lambda: for_empty([1, 2]))
    try_load("match list", lambda: matcher([1, 2]))
    try_load("match dict", lambda: matcher({"k": 9}))
    try_load("match none", lambda: matcher(5))
    g = gen()
    print("gen first", next(g))
    try_load("gen throw", lambda: g.throw(ValueError("in")))
    g = gen()
    next(g)
    try_load("gen send", lambda: g.send("sent"))
    try_load("nested 3", lambda: nested_loops(3))
    try_load("nested 1", lambda: nested_loops(1))
    try_load("unpack true", lambda: unpack(True))
    try_load("unpack false", lambda: unpack(False))
    try_load("aug true", lambda: aug(True))
    try_load("aug false", lambda: aug(False))
    try_load("walrus", lambda: walrus([1, 2, 3]))
    try:
        print("async with ok", await async_with_lock(False))
        print("async with fail", await async_with_lock(True))
    except UnboundLocalError as e:
        print("async with fail UnboundLocalError", e)
    print("consumer", await queue_consumer())


asyncio.run(main())
