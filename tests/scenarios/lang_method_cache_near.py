# The same call sites (`o.m()`, `o.K`) asked again while classes change
# between the calls: the lookup cache answers a method or constant found
# in the instance's class or its direct base without a call, so every
# change that makes the answer differ must be seen there. A method
# replaced in place, deleted and added back; an override added to the
# subclass later and removed; an instance attribute shadowing a method
# (also through __dict__); a property read twice; a property put where a
# method was; __getattribute__ and __getattr__ added later; attributes of
# a metaclass (not seen through instances); super() from an override; one
# site alternating between two classes; two tasks calling through the
# same sites. (A property over an instance dict entry of its name is not
# here: simloop reads the dict first, main's binary too.)
import asyncio


class Meta(type):
    tag = "meta-tag"

    def hello(cls):
        return "Meta.hello " + cls.__name__


class Base(metaclass=Meta):
    K = 1

    def m(self):
        return "Base.m"

    def n(self):
        return "Base.n"


class Sub(Base):
    def n(self):
        return "Sub.n>" + super().n()


class Other:
    K = "other"

    def m(self):
        return "Other.m"


# Each site is asked twice: the first fills the cache entry (per name and
# code object), the second answers through it.
def same(a, b):
    return a if a == b else (a, b)


def call_m(o):
    return same(o.m(), o.m())


def call_n(o):
    return same(o.n(), o.n())


def read_k(o):
    return same(o.K, o.K)


def read_tag(o):
    try:
        return o.tag
    except AttributeError as e:
        return type(e).__name__


def show(label, *values):
    print(label, *values)


def method_changes():
    b, s = Base(), Sub()
    show("start", call_m(b), call_m(s), call_n(s), read_k(b), read_k(s))
    Base.m = lambda self: "Base.m2"  # replaced in place
    show("replaced", call_m(b), call_m(s))
    Sub.m = lambda self: "Sub.m"  # an override added later
    show("override", call_m(b), call_m(s))
    del Sub.m
    show("override gone", call_m(b), call_m(s))
    del Base.m
    for o in (b, s):
        try:
            call_m(o)
        except AttributeError as e:
            show("deleted", type(o).__name__, type(e).__name__)
    Base.m = lambda self: "Base.m3"
    show("added back", call_m(b), call_m(s))


def constant_changes():
    b, s = Base(), Sub()
    show("K", read_k(b), read_k(s))
    Base.K = 2
    show("K replaced", read_k(b), read_k(s))
    Sub.K = "sub"
    show("K shadowed", read_k(b), read_k(s))
    s.K = "instance"
    show("K instance", read_k(b), read_k(s))
    del s.K
    del Sub.K
    show("K back", read_k(b), read_k(s))
    Base.K = Base.m  # a function where a constant was
    f = b.K
    show("K function", f(), b.K == f)
    Base.K = 1


def instance_shadowing():
    b = Base()
    show("plain", call_m(b), call_n(b))
    b.m = lambda: "instance m"
    show("shadowed", call_m(b), call_m(Base()))
    del b.m
    show("unshadowed", call_m(b))
    b.__dict__["n"] = lambda: "dict n"
    show("through __dict__", call_n(b))
    del b.__dict__["n"]
    show("dict entry gone", call_n(b))


def descriptors():
    class P(Base):
        @property
        def p(self):
            return "property p"

    o = P()

    def read_p(x):
        return same(x.p, x.p)

    show("property", read_p(o))
    show("method first", call_m(o), call_m(o))
    P.m = property(lambda self: lambda: "property m")
    show("property where method was", call_m(o))
    del P.m
    show("method again", call_m(o))


def hooks():
    class G(Base):
        pass

    g = G()
    show("before hooks", call_m(g), read_k(g))
    G.__getattr__ = lambda self, name: "getattr " + name
    show("__getattr__", call_m(g), read_k(g), g.missing)
    made = {}
    G.__getattribute__ = lambda self, name: made.setdefault(name, lambda: "getattribute " + name)
    show("__getattribute__", call_m(g), read_k(g)())
    del G.__getattribute__
    show("after __getattribute__", call_m(g))


def metaclass():
    b = Base()
    show("meta through class", Base.tag, Base.hello(), Sub.hello())
    show("meta through instance", read_tag(b), read_tag(Sub()))
    Meta.tag = "meta-tag2"
    show("meta changed", Base.tag, read_tag(b))


def alternating():
    objs = [Base(), Other(), Sub(), Other()]
    show("alternating", [call_m(o) for o in objs], [read_k(o) for o in objs])
    Other.m = lambda self: "Other.m2"
    show("alternating changed", [call_m(o) for o in objs])


async def worker(name, o, rounds, out):
    for i in range(rounds):
        out.append((name, i, call_m(o), call_n(o), read_k(o)))
        await asyncio.sleep(0)


async def tasks():
    out = []
    b, s = Base(), Sub()
    t1 = asyncio.create_task(worker("b", b, 3, out))
    t2 = asyncio.create_task(worker("s", s, 3, out))
    await asyncio.sleep(0)
    Base.n = lambda self: "Base.n2"
    await asyncio.sleep(0)
    Sub.m = lambda self: "Sub.m"
    await asyncio.gather(t1, t2)
    for row in out:
        show("task", *row)


async def main():
    method_changes()
    constant_changes()
    instance_shadowing()
    descriptors()
    hooks()
    metaclass()
    alternating()
    await tasks()


asyncio.run(main())
