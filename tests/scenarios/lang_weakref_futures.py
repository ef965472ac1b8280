# Weak references to futures: a dead Future's references die with it (its
# callback runs, ref() is None) and a later Future is never what an old
# reference answers, even when simloop would reuse the dead one's memory;
# a WeakSet of waiter futures keeps only those still named.
import asyncio
import weakref


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(True)
    r = weakref.ref(f, lambda ref: print("callback", ref() is None))
    del f
    print("dead:", r() is None)
    g = loop.create_future()
    print("r() is g:", r() is g)
    ws = weakref.WeakSet()
    waiters = []
    for i in range(3):
        w = loop.create_future()
        ws.add(w)
        waiters.append(w)
    for w in waiters:
        w.set_result(None)
    waiters.clear()
    print("weakset", len(ws))


asyncio.run(main())
