# Method calls through instances while the classes change under the
# lookup cache: an inherited method (one level up, and through a class
# with several bases), a subclass override added later, the base's
# method replaced, an instance attribute shadowing the method and then
# deleted, a class constant read through the instance, wrong argument
# counts and generator/coroutine methods called the same way.
import asyncio


class Base:
    LIMIT = 3

    def m(self, x):
        return ("Base.m", x)

    def over(self):
        return self.LIMIT


class Derived(Base):
    pass


class Mixin:
    def mix(self):
        return "Mixin.mix"


class Multi(Derived, Mixin):
    pass


def show(tag, obj, n):
    out = []
    for i in range(n):
        out.append(obj.m(i))
    print(tag, out, obj.over())


async def agen_like(self):
    await asyncio.sleep(0)
    return "coroutine method"


def gen_method(self, n):
    for i in range(n):
        yield i * 2


async def main():
    d = Derived()
    mu = Multi()
    show("start", d, 2)
    show("multi", mu, 2)
    print(mu.mix(), mu.mix())
    Derived.m = lambda self, x: ("Derived.m", x)
    show("override", d, 2)
    show("multi after override", mu, 2)
    del Derived.m
    Base.m = lambda self, x: ("new Base.m", x)
    show("base replaced", d, 2)
    d.m = lambda x: ("instance m", x)
    show("instance attr", d, 2)
    del d.m
    show("instance attr deleted", d, 2)
    Base.LIMIT = 9
    show("constant changed", d, 1)
    Derived.LIMIT = 11
    show("constant shadowed", d, 1)
    Base.co = agen_like
    Base.gen = gen_method
    for _ in range(2):
        print(await d.co(), list(d.gen(3)))
    for call in [lambda: d.m(), lambda: d.m(1, 2), lambda: mu.mix(1)]:
        try:
            call()
        except TypeError as e:
            print("TypeError:", e)


asyncio.run(main())
