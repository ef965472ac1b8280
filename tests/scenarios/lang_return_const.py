# Returning a constant (`return None`, `return 1`, the implicit return at
# a body's end): plain functions, lambdas, methods, generators (the
# value in StopIteration), coroutines and tasks, returns inside try/
# finally, with and loops, a jump to a shared return, callbacks of the
# loop returning constants, class bodies and the module's own end.
import asyncio


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0])
        return False


def implicit():
    pass


def consts(n):
    if n == 0:
        return None
    if n == 1:
        return 1
    if n == 2:
        return "two"
    if n == 3:
        return (3, "three")
    if n == 4:
        return 4.5
    if n == 5:
        return True


def in_finally(n):
    try:
        if n:
            return "try"
    finally:
        print("finally", n)
    return "after"


def in_with():
    with Ctx():
        return "with"


def in_loop(items):
    for x in items:
        if x > 2:
            return "found"
    else:
        return "none"


def raising():
    try:
        return 1 // 0
    except ZeroDivisionError:
        return "caught"


def gen():
    yield 1
    return "gen done"


class K:
    A = 1
    if A:
        B = 2

    def m(self):
        return 7

    @property
    def p(self):
        return "prop"


async def coro(n):
    await asyncio.sleep(0)
    if n:
        return 42


async def main():
    loop = asyncio.get_running_loop()
    print(implicit(), [consts(n) for n in range(7)])
    print(in_finally(1), in_finally(0))
    print(in_with(), in_loop([1, 2, 3]), in_loop([1]))
    print(raising(), (lambda: 5)(), (lambda: None)())
    g = gen()
    print(next(g))
    try:
        next(g)
    except StopIteration as e:
        print("StopIteration", e.value)
    k = K()
    print(k.m(), k.p, K.B)
    print(await coro(1), await coro(0))
    t = asyncio.ensure_future(coro(1))
    print(await t, t.result())
    fut = loop.create_future()
    loop.call_soon(lambda: None)
    loop.call_soon(lambda: fut.set_result("cb"))
    print(await fut)
    print(await asyncio.gather(coro(1), coro(0)))
    return "main"


print(asyncio.run(main()))
