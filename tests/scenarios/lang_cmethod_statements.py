# C methods called as statements (`obj.meth(x)` whose result is dropped):
# loop.call_soon with zero, one and more arguments, on a closed loop, with
# a context; Future.set_result on a pending, a done and a cancelled future,
# one passed through a list's pop; a method replaced on an instance or
# shadowed on a subclass; a statement deep in the stack.
import asyncio


def show(label, exc):
    print(label, type(exc).__name__, exc)


class MyFuture(asyncio.Future):
    def set_result(self, v):
        print("MyFuture.set_result", v)
        super().set_result(v * 2)


class PlainSub(asyncio.Future):
    pass


async def main():
    loop = asyncio.get_running_loop()
    seen = []

    def cb(*args):
        seen.append(args)

    loop.call_soon(cb)
    loop.call_soon(cb, 1)
    loop.call_soon(cb, 1, 2, "three")
    loop.call_soon(cb, *[4, 5])
    h = loop.call_soon(cb, "kept")
    print(type(h).__name__, h.cancelled())
    try:
        loop.call_soon()
    except TypeError as e:
        show("no callback", e)
    try:
        loop.call_soon(cb, context=None, x=1)
    except TypeError as e:
        show("keyword", e)
    loop.call_soon(cb, "ctx", context=None)
    await asyncio.sleep(0)
    print(seen)

    f = loop.create_future()
    f.set_result(1)
    print(f.result())
    try:
        f.set_result(2)
    except asyncio.InvalidStateError as e:
        show("done", e)
    g = loop.create_future()
    g.cancel()
    try:
        g.set_result(3)
    except asyncio.InvalidStateError as e:
        show("cancelled", e)
    k = loop.create_future()
    k.set_result([7])
    print(k.result())
    items = [[8]]
    m = loop.create_future()
    m.set_result(items.pop())
    print(m.result(), items)
    done = []
    n = loop.create_future()
    n.add_done_callback(lambda fut: done.append(fut.result()))
    n.set_result("cb")
    await asyncio.sleep(0)
    print(done)

    sub = MyFuture()
    sub.set_result(21)
    print(sub.result())
    p = PlainSub()
    p.set_result = lambda v: print("replaced", v)
    p.set_result(9)
    print(p.done())

    t = asyncio.ensure_future(asyncio.sleep(0))
    try:
        t.set_result(1)
    except RuntimeError as e:
        show("task", e)
    await t

    class Loopish:
        def call_soon(self, fn, *a):
            print("Loopish.call_soon", fn.__name__, a)

    for obj in (loop, Loopish()):
        obj.call_soon(cb, "either")
    await asyncio.sleep(0)
    print(seen[-1])

    def deep(n):
        if n:
            return deep(n - 1)
        loop.call_soon(cb, "deep")
        return n

    deep(50)
    await asyncio.sleep(0)
    print(seen[-1], len(seen))


asyncio.run(main())

loop = asyncio.new_event_loop()
loop.close()
try:
    loop.call_soon(print, "closed")
except RuntimeError as e:
    show("closed", e)
