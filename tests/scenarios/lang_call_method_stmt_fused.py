# CALL_METHOD_STMT (a method call whose result a statement drops, fused
# at compile time): the dropped result's __del__ runs after the call's
# own arguments are gone; a POP_TOP reached by a jump (a conditional
# expression as a statement); a method that raises (traceback line);
# a method replaced on the instance or shadowed on a subclass; a
# generator method and a coroutine method called as statements;
# recursion through statement calls; wrong argument counts; an uncaught
# raise from a statement call (its traceback's lines).
import asyncio
import collections


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Box:
    def __init__(self):
        self.log = []

    def put(self, x):
        self.log.append(getattr(x, "name", x))
        return D("result of put " + str(self.log[-1]))

    def none(self, x):
        self.log.append(x)

    def boom(self, x):
        raise ValueError("boom " + str(x))

    def gen(self):
        self.log.append("gen body")
        yield 1

    async def coro(self):
        self.log.append("coro body")

    def down(self, n):
        if n:
            self.down(n - 1)
        self.log.append(n)


class Sub(Box):
    def put(self, x):
        self.log.append(("sub", x))
        return D("sub result " + str(x))


class MyList(list):
    def append(self, x):
        print("MyList.append", x)
        super().append(x)


def main_sync(flag):
    b = Box()
    b.put(D("arg 1"))
    print("after put")
    b.put(1) if flag else b.none(2)
    b.none(3) if flag else b.put(4)
    print("after conditionals", b.log)
    try:
        b.boom(5)
    except ValueError as e:
        print("ValueError:", e)
    b.gen()
    print("gen not run", b.log[-1])
    b.down(3)
    print("down", b.log[-4:])
    b.put = lambda x: print("instance put", x)
    b.put(6)
    s = Sub()
    s.put(7)
    s.none(8)
    print("sub", s.log)
    m = MyList()
    m.append(9)
    m.extend([10])
    print("mylist", m)
    s2 = {1}
    s2.add(2)
    dq = collections.deque()
    dq.append(3)
    print(sorted(s2), list(dq))
    try:
        b.none()
    except TypeError as e:
        print("TypeError:", e)
    try:
        m.append(1, 2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        dq.append()
    except TypeError as e:
        print("TypeError:", e)
    try:
        s2.add(x=1)
    except TypeError as e:
        print("TypeError:", e)


async def main():
    main_sync(True)
    main_sync(False)
    b = Box()
    c = b.coro
    import warnings
    warnings.simplefilter("ignore")
    b.coro()
    await asyncio.sleep(0)
    print("coro not run", b.log)
    ev = asyncio.Event()
    ev.set()
    ev.set()
    print("event", ev.is_set())
    q = asyncio.Queue()
    q.put_nowait(D("queued"))
    print("queued", q.qsize())
    q.get_nowait()
    print("after get_nowait")

    def deep(n):
        b.none(n)
        deep(n + 1)

    try:
        deep(0)
    except RecursionError:
        print("RecursionError", len(b.log) > 10)


asyncio.run(main())
print("uncaught, with its traceback:", flush=True)
Box().boom(99)
