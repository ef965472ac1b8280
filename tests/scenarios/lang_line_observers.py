# Lines seen from inside a running coroutine's frame while its code runs:
# finalizers triggered by stores and pops, comparisons and truth tests
# that run program code, calls in a loop, a frame read after a jump and
# after a caught exception. (The VM keeps its instruction pointer out of
# the frame and writes it back where it can be observed.)
import asyncio


def line():
    return asyncio.current_task().get_coro().cr_frame.f_lineno


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag, "at", line())


class Cmp:
    def __lt__(self, other):
        print("lt at", line())
        return True

    def __bool__(self):
        print("bool at", line())
        return False


async def main():
    x = Noisy("store")
    x = 1
    Noisy("pop")
    y = [Noisy("list")]
    y.pop()
    if Cmp() < Cmp():
        print("then at", line())
    if Cmp():
        print("never")
    while Cmp():
        pass
    for i in range(3):
        if i < 2:
            print("loop", i, line())
        else:
            print("last", i,
                  line())
    try:
        {}["k"]
    except KeyError:
        print("handler at", line())
    n = 0
    while n < 3:
        n += 1
    print("after while", n, line())
    d = {"a": Noisy("dict")}
    del d["a"]
    print("end", line(), x)


asyncio.run(main())
