# `is` / `is not` in conditions and as values: None, objects, ints,
# floats, bools, mixed kinds; an operand whose last reference is the
# comparison's (its __del__ runs before the branch); a while loop on
# `is not None`; identity inside a coroutine between awaits.
import asyncio


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def make(name):
    return D(name)


def nothing():
    return None


async def main():
    a = D("a")
    b = a
    print(a is b, a is not b, a is None, a is not None)
    if a is b:
        print("same")
    if nothing() is None:
        print("none")
    if make("t1") is None:
        print("never")
    else:
        print("after t1")
    if make("t2") is not None:
        print("after t2")
    x = make("t3") is None
    print("x", x)
    print(1 is 1.0, 0 is False, True is True, None is None, 2 is 2)
    n = float("nan")
    print(n is n, [n] == [n])
    node = [3, [2, [1, None]]]
    while node is not None:
        print("node", node[0])
        node = node[1]
        await asyncio.sleep(0)
    items = [None, 0, "", a, False]
    print([i is None for i in items], [i is not None for i in items])
    del a, b
    print("end")


asyncio.run(main())
