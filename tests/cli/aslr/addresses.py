# Everything a program can see of an object's identity: reprs that show an
# address, the default hash, and the order of sets of such objects. Each must
# come from the run (core/identity.h), never from where malloc put the
# object, so two processes with different heap layouts print the same.
import asyncio
import random


class Plain:
    def __init__(self, i):
        self.i = i

    def method(self):
        return self.i

    @property
    def prop(self):
        return self.i


def function():
    pass


def generator():
    yield 1


async def coroutine():
    return 1


async def agen():
    yield 1


async def worker(i):
    await asyncio.sleep(0.001 * (i % 7))
    return i


async def main():
    p = Plain(0)
    print(repr(function), repr(lambda: 0), repr(p.method), repr(p))
    c = coroutine()
    g = generator()
    a = agen()
    print(repr(c), repr(g), repr(a), repr(Plain.__dict__["prop"]))
    print(repr(random.Random(1)))
    c.close()
    print(hash(p), hash(function), hash(main))
    many = {Plain(i) for i in range(3000)}
    print(sum(k * x.i for k, x in enumerate(many)))
    funcs = {(lambda i=i: i) for i in range(500)}
    print([f() for f in funcs][:20])
    tasks = [asyncio.create_task(worker(i)) for i in range(600)]
    done, _ = await asyncio.wait(tasks)
    print(sum(k * t.result() for k, t in enumerate(done)))
    print(sorted(map(repr, many))[:3])


asyncio.run(main())
