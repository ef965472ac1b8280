# A class changed after its subclasses were made: a property, a data
# descriptor, __getattr__, __setattr__/__delattr__, __getattribute__ or
# another special method assigned to a base (by `Base.x = ...`, setattr(),
# a class decorator, __set_name__, __init_subclass__) counts for the
# subclasses made before, two and three levels down, as CPython's
# update_slot does through the subclass list; deleting it again takes it
# back. Every read site runs in a loop before and after the change, so a
# lookup remembered by the first rounds (the method cache) must see it.
import asyncio


class Base:
    def m(self):
        return "Base.m"


class Kid(Base):
    pass


class Grand(Kid):
    pass


Dyn = type("Dyn", (Kid,), {"tag": "dyn"})


def objs():
    out = []
    for cls in (Base, Kid, Grand, Dyn):
        o = cls()
        o.__dict__["z"] = "dict z of " + cls.__name__
        out.append(o)
    return out


def show(label, fn):
    res = []
    for o in objs():
        try:
            res.append(fn(o))
        except Exception as e:
            res.append(type(e).__name__ + ": " + str(e))
    print(label, res)


def property_on_base():
    print("-- property on the base")
    for _ in range(3):
        show("before", lambda o: o.z)
    Base.z = property(lambda self: "property z of " + type(self).__name__)
    for _ in range(3):
        show("after", lambda o: o.z)
    del Base.z
    show("deleted", lambda o: o.z)
    setattr(Kid, "z", property(lambda self: "Kid property z"))
    show("on Kid", lambda o: o.z)
    delattr(Kid, "z")
    show("Kid deleted", lambda o: o.z)


def property_with_setter():
    print("-- property with a setter on the base")
    g = Grand()
    g.w = 1
    print(g.w, g.__dict__)

    def get(self):
        return ("getter", self.__dict__.get("_w"))

    def put(self, v):
        self.__dict__["_w"] = v * 10

    Base.w = property(get, put)
    for i in range(3):
        g.w = i
        print(g.w, sorted(g.__dict__))
    try:
        Base.w = property(get)
        g.w = 5
    except AttributeError as e:
        print("AttributeError", e)
    del Base.w
    g.w = 7
    print(g.w)


class DataDescr:
    def __get__(self, obj, owner=None):
        return "descr get" if obj is not None else self

    def __set__(self, obj, v):
        obj.__dict__["seen"] = v


class Half:
    pass


class HalfKid(Half):
    pass


def descriptors():
    print("-- data descriptors")
    Base.z = DataDescr()
    show("user descr", lambda o: o.z)
    k = Kid()
    k.z = 3
    print(k.__dict__)
    del Base.z
    show("deleted", lambda o: o.z)
    # A descriptor class's base learns __get__ and __set__ after the
    # descriptor subclass was made; then an instance goes on a base.
    Half.__get__ = lambda self, obj, owner=None: "half get"
    Half.__set__ = lambda self, obj, v: print("  half set", v)
    Base.z = HalfKid()
    show("late descr class", lambda o: o.z)
    Grand().z = 4
    del Base.z
    show("deleted again", lambda o: o.z)


def getattr_hooks():
    print("-- __getattr__ on the base")
    for _ in range(2):
        show("missing", lambda o: o.nope)
    Base.__getattr__ = lambda self, name: "getattr " + name
    for _ in range(2):
        show("missing", lambda o: o.nope)
    show("present", lambda o: o.z)
    del Base.__getattr__
    show("deleted", lambda o: o.nope)


def getattribute_hooks():
    print("-- __getattribute__ on the middle class")
    show("z", lambda o: o.z)

    def ga(self, name):
        if name == "z":
            return "getattribute z"
        return object.__getattribute__(self, name)

    Kid.__getattribute__ = ga
    for _ in range(2):
        show("z", lambda o: o.z)
        show("m", lambda o: o.m())
    del Kid.__getattribute__
    show("deleted", lambda o: o.z)


def setattr_hooks():
    print("-- __setattr__ and __delattr__ on the base")
    g = Grand()
    g.a = 1
    print(g.__dict__)

    def sa(self, name, v):
        print("  setattr", type(self).__name__, name, v)
        object.__setattr__(self, name, v * 2)

    def da(self, name):
        print("  delattr", type(self).__name__, name)
        object.__delattr__(self, name)

    setattr(Base, "__setattr__", sa)
    Base.__delattr__ = da
    for i in range(2):
        g.a = i
        d = Dyn()
        d.b = i
        print(g.__dict__, d.__dict__)
    del g.a
    del Base.__setattr__
    del Base.__delattr__
    g.c = 3
    del g.c
    print(g.__dict__)


def other_specials():
    print("-- other special methods on the base")
    k, g = Kid(), Grand()
    print(bool(k), k == g, callable(g))
    Base.__bool__ = lambda self: False
    Base.__eq__ = lambda self, other: True
    Base.__call__ = lambda self, *a: ("called", type(self).__name__, a)
    Base.__len__ = lambda self: 3
    Base.__repr__ = lambda self: "<repr " + type(self).__name__ + ">"
    print(bool(k), k == g, g(1), len(g), repr(k), str(g), [Dyn()])
    del Base.__bool__
    print(bool(k), len(k))
    del Base.__len__, Base.__eq__, Base.__call__, Base.__repr__
    print(bool(k), k == g, callable(g), repr(g).split(" at ")[0])


def method_cache():
    print("-- methods replaced on the base while call sites are warm")
    os = objs()
    for rnd in range(4):
        print(rnd, [o.m() for o in os], [o.tag if hasattr(o, "tag") else "-" for o in os])
        if rnd == 0:
            Base.m = lambda self: "new Base.m"
        elif rnd == 1:
            Kid.m = lambda self: "Kid.m"
            Base.tag = "base tag"
        elif rnd == 2:
            del Kid.m
            Base.m = property(lambda self: lambda: "m from a property")


def add_property(name):
    def deco(cls):
        setattr(cls.__mro__[1], name, property(lambda self: "deco " + name))
        return cls

    return deco


class Namer:
    def __set_name__(self, owner, name):
        owner.__mro__[1].named = property(lambda self: "set_name " + name)


def decorators_and_hooks():
    print("-- class decorator, __set_name__ and __init_subclass__")

    class A:
        pass

    class B(A):
        pass

    b = B()
    b.__dict__.update(d="dict d", named="dict named", sub="dict sub")
    print(b.d, b.named, b.sub)

    @add_property("d")
    class C(A):
        pass

    class E(A):
        n = Namer()

    print(b.d, b.named)

    def init_sub(cls, **kw):
        A.sub = property(lambda self: "init_subclass sub")

    A.__init_subclass__ = classmethod(init_sub)

    class F(B):
        pass

    print(b.sub, F().sub)


def diamond():
    print("-- a diamond and a class with four bases")

    class A:
        pass

    class B(A):
        pass

    class C(A):
        pass

    class X:
        pass

    class D(B, C):
        pass

    class M(X, B, C, object):
        pass

    d, m = D(), M()
    print(callable(d), callable(m), bool(d), bool(m))
    A.__call__ = lambda self: "A call"
    C.__call__ = lambda self: "C call"
    X.__bool__ = lambda self: False
    print(callable(d), d(), m(), bool(d), bool(m))
    del A.__call__
    print(callable(d), d(), m())
    del C.__call__
    print(callable(d), callable(m), callable(B()))
    A.__call__ = lambda self: "A again"
    del X.__bool__
    print(d(), m(), bool(m))


async def reader(name, objs, rounds):
    out = []
    for _ in range(rounds):
        out.append([o.z for o in objs])
        await asyncio.sleep(0)
    return name, out


async def changer():
    await asyncio.sleep(0)
    Base.z = property(lambda self: "task property")
    await asyncio.sleep(0)
    del Base.z


async def main():
    property_on_base()
    property_with_setter()
    descriptors()
    getattr_hooks()
    getattribute_hooks()
    setattr_hooks()
    other_specials()
    method_cache()
    decorators_and_hooks()
    diamond()
    print("-- across tasks")
    os = objs()[1:]
    res = await asyncio.gather(reader("r1", os, 4), changer(), reader("r2", os, 4))
    for r in res:
        print(r)


asyncio.run(main())
