# A global's cached load while the globals change under it (rebinding,
# deletion, a builtin shadowed by a global and unshadowed, NameErrors,
# the last one uncaught in a callback for its traceback's lines), and a
# builtin method called as a statement whose arguments and self are
# released after it (their finalizers' order), in callbacks and tasks.
import asyncio

LIMIT = 3
events = []


class Noisy:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Noisy) and other.name == self.name

    __hash__ = None

    def __del__(self):
        events.append("del " + self.name)


def read_limit():
    return LIMIT + len("ab")


def tick(loop, n, done):
    global LIMIT
    events.append(("tick", n, read_limit()))
    if n == 1:
        LIMIT = 10
    if n == 2:
        globals()["len"] = lambda x: 100
    if n == 3:
        del globals()["len"]
    if n < 4:
        loop.call_soon(tick, loop, n + 1, done)
    else:
        done.set_result(n)


def use_builtin():
    return abs(-2) + LIMIT_B  # noqa: F821


def statements():
    items = [Noisy("a"), Noisy("b")]
    items.remove(Noisy("a"))
    events.append("after remove")
    items.insert(0, Noisy("c"))
    events.append("after insert")
    items.clear()
    events.append("after clear")
    d = {}
    d.update({1: Noisy("v")})
    d.clear()
    events.append("after dict clear")
    return len(items)


async def worker(name):
    for i in range(3):
        events.append((name, i, read_limit()))
        await asyncio.sleep(0)


async def main():
    global LIMIT
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(tick, loop, 0, done)
    print("done", await done)
    globals()["LIMIT_B"] = 7
    print("global", use_builtin())
    globals()["abs"] = lambda x: 50
    print("abs shadowed", use_builtin())
    del globals()["abs"]
    print("abs again", use_builtin())
    del globals()["LIMIT_B"]
    try:
        use_builtin()
    except NameError as e:
        print("NameError", e)
    await asyncio.gather(worker("w1"), worker("w2"))
    del LIMIT
    try:
        read_limit()
    except NameError as e:
        print("NameError", e)
    LIMIT = 1
    print("rebound", read_limit())
    print("statements", statements())
    loop.call_soon(print, Noisy("arg").name)
    await asyncio.sleep(0)
    for e in events:
        print(e)
    loop.call_soon(read_limit)
    del LIMIT
    await asyncio.sleep(0)


asyncio.run(main())
