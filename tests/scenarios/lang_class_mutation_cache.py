# Classes changed while their methods and attributes are in use: every
# call site below runs many times, before and after the change, so a
# lookup remembered from the first rounds must notice the class, a base,
# the instance or its class having changed (methods replaced, added,
# deleted, shadowed by the instance, properties,
# descriptors, __getattr__/__getattribute__/__setattr__ added later,
# mixins, deep hierarchies, classes made in a loop).
import asyncio


class Base:
    LIMIT = 3

    def m(self):
        return "Base.m"

    def n(self):
        return "Base.n"

    def over(self):
        return self.LIMIT


class Mid(Base):
    pass


class Leaf(Mid):
    def __init__(self, tag):
        self.tag = tag


def call_all(obj, rounds=3):
    seen = []
    for _ in range(rounds):
        seen.append((obj.m(), obj.n(), obj.over(), obj.LIMIT))
    return seen[-1], len(set(seen))


def replaced_and_shadowed():
    x = Leaf("x")
    print(call_all(x))
    Base.m = lambda self: "Base.m2"  # replaced in place on the base
    print(call_all(x))
    Mid.m = lambda self: "Mid.m"  # inserted between
    print(call_all(x))
    del Mid.m
    print(call_all(x))
    Leaf.LIMIT = 7  # a class constant shadowed lower down
    print(call_all(x))
    x.LIMIT = 9  # ... and by the instance
    x.m = lambda: "instance m"
    print(call_all(x))
    del x.m, x.LIMIT
    print(call_all(x))
    del Leaf.LIMIT
    Base.LIMIT = 4
    print(call_all(x))
    vars(x)["n"] = lambda: "via __dict__"
    print(call_all(x))


def kinds_of_attribute():
    class K:
        def f(self):
            return "method"

    k = K()
    out = []
    for step in range(6):
        if step == 1:
            K.f = property(lambda self: (lambda: "from property"))
        elif step == 2:
            K.f = staticmethod(lambda: "static")
        elif step == 3:
            K.f = classmethod(lambda cls: "classmethod of " + cls.__name__)
        elif step == 4:
            K.f = 42
        elif step == 5:
            K.f = "text"
        try:
            out.append(k.f())
        except TypeError as e:
            out.append("TypeError: " + str(e))
        out.append(repr(k.f) if step >= 4 else type(k.f).__name__)
    print(out)


class Descr:
    def __get__(self, obj, cls):
        return "descr get"

    def __set__(self, obj, value):
        obj.__dict__["stored"] = value


def hooks_added_later():
    class H:
        def __init__(self):
            self.a = 1

        def g(self):
            return self.a

    h = H()
    reads = []
    for step in range(6):
        if step == 1:
            H.__getattr__ = lambda self, name: "missing " + name
        elif step == 2:
            H.a = Descr()  # a data descriptor wins over the instance dict
        elif step == 3:
            del H.a
            H.__getattribute__ = lambda self, name: "every " + name
        elif step == 4:
            del H.__getattribute__
            H.__setattr__ = lambda self, name, value: object.__setattr__(self, name, value * 10)
        elif step == 5:
            del H.__setattr__
        h.a = step
        reads.append((h.a, h.zzz if step >= 1 else None, object.__getattribute__(h, "__dict__").get("stored")))
        try:
            reads.append(h.g())
        except TypeError as e:
            reads.append(str(e))
    print(reads)


class Mixin:
    def m(self):
        return "Mixin.m"

    def tag_upper(self):
        return self.tag.upper()


class Multi(Mixin, Leaf):
    pass


def multiple_bases():
    x = Multi("multi")
    print(call_all(x), x.tag_upper())
    del Mixin.m
    print(call_all(x))
    Mixin.n = lambda self: "Mixin.n"
    print(call_all(x))
    Mixin.m = lambda self: "Mixin.m again"
    print(call_all(x), [c.__name__ for c in Multi.__mro__])


def deep():
    class A0:
        def far(self):
            return "A0"

    cls = A0
    for i in range(1, 7):
        cls = type("A%d" % i, (cls,), {})
    obj = cls()
    got = [obj.far() for _ in range(3)]
    A0.far = lambda self: "A0 again"
    got += [obj.far() for _ in range(3)]
    cls.__bases__[0].far = lambda self: "A5"
    got += [obj.far() for _ in range(3)]
    print(got, cls.__name__)


def made_in_a_loop():
    out = []
    for k in range(8):
        class Tmp:
            def who(self, k=k):
                return k

            val = k * 2

        t = Tmp()
        out.append((t.who(), t.val))
        del Tmp, t
    print(out)


def polymorphic_site():
    class P:
        def speak(self):
            return "P"

    class Q(P):
        def speak(self):
            return "Q"

    class R(P):
        pass

    objs = [P(), Q(), R(), Q(), P(), R()]
    print([o.speak() for o in objs])
    R.speak = lambda self: "R"
    print([o.speak() for o in objs])


def errors():
    x = Leaf("e")
    for args in ((), (1,), (1, 2)):
        try:
            print(x.m(*args) if not args else x.m(*args))
        except TypeError as e:
            print("TypeError:", e)
    for _ in range(2):
        try:
            x.missing()
        except AttributeError as e:
            print("AttributeError:", e)


class Slotted:
    __slots__ = ("a",)

    def set(self, v):
        self.a = v
        return self.a


class Err(Exception):
    def describe(self):
        return "Err%r" % (self.args,)


def slots_and_exceptions():
    s = Slotted()
    print([s.set(i) for i in range(3)])
    try:
        s.b = 1
    except AttributeError as e:
        print("AttributeError:", e)
    errs = [Err(i) for i in range(3)]
    print([e.describe() for e in errs], [e.args for e in errs])
    e = errs[0]
    e.note = "n"
    e.args = ("changed",)
    print(e.describe(), e.note, e.args)


class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["made_by"] = lambda self: "Meta made " + name
        return super().__new__(mcls, name, bases, ns)


class WithMeta(metaclass=Meta):
    def own(self):
        return "own"


class Worker:
    def __init__(self):
        self.done = 0

    async def step(self, i):
        await asyncio.sleep(0)
        self.done += i
        return self.done


async def main():
    replaced_and_shadowed()
    kinds_of_attribute()
    hooks_added_later()
    multiple_bases()
    deep()
    made_in_a_loop()
    polymorphic_site()
    errors()
    slots_and_exceptions()
    w = WithMeta()
    print([(w.own(), w.made_by()) for _ in range(2)])
    WithMeta.own = lambda self: "own 2"
    print([(w.own(), w.made_by()) for _ in range(2)])
    workers = [Worker() for _ in range(3)]

    async def run(wk, n):
        for i in range(n):
            await wk.step(i)
            if i == 2:
                Worker.step = faster
        return wk.done

    async def faster(self, i):
        self.done += 100 * i
        return self.done

    print(await asyncio.gather(*[run(wk, 5) for wk in workers]))


asyncio.run(main())
