# A global module's attribute and method read in a loop (`mod.f(...)`,
# `mod.x`), while the module's attribute is replaced, the global rebound
# to something that is not a module and deleted; `for i in range(...)`
# storing into a local that held an object with a finalizer, or into a
# cell; statement awaits whose result dies at once, seen from inside the
# coroutine (its line), and awaits of sleep(0) as statements and as
# values.
import asyncio
import math


def line():
    return asyncio.current_task().get_coro().cr_frame.f_lineno


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag, "at", line())


class Fake:
    pi = 2.71828

    def floor(self, x):
        return ("fake floor", x)


def use_math(n):
    out = []
    for i in range(n):
        out.append((math.floor(i / 2), round(math.pi, 3)))
    return out


async def make(tag):
    await asyncio.sleep(0)
    return Noisy(tag)


async def value():
    await asyncio.sleep(0)
    return 7


async def main():
    global math
    print(use_math(3))
    saved = math.pi
    math.pi = 3.0
    print(use_math(2))
    math.pi = saved
    real = math
    math = Fake()
    print(use_math(2))
    math = real
    print(use_math(1))
    del math
    try:
        use_math(1)
    except NameError as e:
        print("NameError", e)
    math = real
    try:
        math.no_such_name
    except AttributeError as e:
        print("AttributeError", e)
    print(asyncio.sleep.__name__, math.sqrt(16.0))

    i = Noisy("old loop value")
    for i in range(3):
        print("i", i, line())
    print("after loop", i)
    j = None
    for j in range(2, 8, 3):
        print("j", j)
    for k in range(0):
        print("never", k)
    cells = []
    for c in range(3):
        cells.append(lambda: c)
    print([f() for f in cells])

    await make("statement await")
    print("after statement await", line())
    x = await make("kept")
    print("kept", x.tag)
    del x
    await value()
    print(await value() + 1)
    r = await asyncio.sleep(0)
    print("sleep(0) value", r)
    await asyncio.sleep(0)
    print("done", line())


asyncio.run(main())
