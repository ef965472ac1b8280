# weakref.ref and WeakSet see an object die when its last reference goes,
# as CPython's reference counting does: rebinding a name, a list dropping
# its item, a task's coroutine finishing. Callbacks run newest first and
# after __del__; a plain ref to an object is shared; a callback that
# raises is reported, not propagated.
import asyncio
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Sub(asyncio.Event):
    pass


def report(tag):
    def cb(r):
        print("callback", tag, r() is None)
    return cb


def bad(r):
    raise ValueError("from a callback")


async def worker(ws, n):
    item = Node("held-by-task-%d" % n)
    ws.add(item)
    await asyncio.sleep(0.1 * n)
    print("worker", n, "ends with", len(ws), "alive")


async def main():
    a = Node("a")
    r1 = weakref.ref(a)
    r2 = weakref.ref(a)
    print(r1 is r2, r1() is a, weakref.getweakrefcount(a))
    r3 = weakref.ref(a, report("first"))
    r4 = weakref.ref(a, report("second"))
    print(weakref.getweakrefcount(a), r3 is r4, r3 == r4, hash(r3) == hash(a))
    a = None
    print("after rebinding:", r1(), r3(), weakref.getweakrefcount(r1))
    print(r3 == r4, hash(r3) == hash(r3))
    try:
        hash(r1)
    except TypeError as e:
        print(e)

    b = Node("b")
    rb = weakref.ref(b, bad)
    try:
        del b
    except ValueError:
        print("propagated")
    print("survived", rb())

    ws = weakref.WeakSet()
    keep = [Node("k") for i in range(3)]  # same names: set order is by address
    for i in range(5):
        x = Node("t%d" % i)
        ws.add(x)
    for k in keep:
        ws.add(k)
    del k
    print(len(ws), x in ws, keep[0] in ws, Node("new") in ws)
    del x
    print(len(ws))
    keep.pop()
    print(len(ws), sorted(n.name for n in ws))
    for n in ws:
        keep.clear()
        break
    n = None
    print("after clear during iteration", len(ws))
    ev = Sub()
    ws.add(ev)
    ws.discard(ev)
    ws.add(ev)
    print(len(ws), ev in ws)
    try:
        weakref.ref(1)
    except TypeError as e:
        print(e)
    try:
        weakref.ref([])
    except TypeError as e:
        print(e)
    tasks = weakref.WeakSet()
    held = weakref.WeakSet()
    for i in range(3):
        tasks.add(asyncio.create_task(worker(held, i)))
    print(len(tasks), len(held))
    await asyncio.sleep(0)
    print(len(tasks), len(held))
    await asyncio.sleep(1)
    print(len(tasks), len(held))
    s = weakref.WeakSet([ev])
    print(len(s.copy()), s.pop() is ev, len(s))
    try:
        s.pop()
    except KeyError as e:
        print("KeyError", e)


asyncio.run(main())
