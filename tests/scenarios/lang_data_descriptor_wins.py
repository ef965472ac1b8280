# An instance's __dict__ holding a name its class (or a base) defines as
# a data descriptor: reading runs the descriptor (a property, or a class
# with __get__ and __set__/__delete__), as PyObject_GenericGetAttr does;
# non-data descriptors (functions, classmethod, staticmethod, objects with
# only __get__) lose to the dict, and so does a descriptor with __set__
# but no __get__. Every read site runs in a loop, before and after the
# dict entry appears, so a lookup remembered by the first rounds must
# still give the descriptor its turn.
import asyncio


class P:
    def __init__(self):
        self.plain = "plain"

    @property
    def x(self):
        return "P.x property"

    @property
    def rw(self):
        return "rw:" + str(self.__dict__.get("_rw"))

    @rw.setter
    def rw(self, v):
        self.__dict__["_rw"] = v

    @rw.deleter
    def rw(self):
        print("  rw deleter")

    def meth(self):
        return "P.meth"

    @classmethod
    def cm(cls):
        return "P.cm"

    @staticmethod
    def sm():
        return "P.sm"


class Sub(P):
    pass


class Deep(Sub):
    pass


def read_x(o):
    return o.x


def read_plain(o):
    return o.plain


def call_meth(o):
    return o.meth()


def rounds(label, fn, o, n=5):
    seen = [fn(o) for _ in range(n)]
    print(label, seen[0], seen[-1], len(set(seen)))


def try_set(o, name, v):
    try:
        setattr(o, name, v)
        print("  set", name, "ok")
    except AttributeError as e:
        print("  set", name, type(e).__name__, e)


def try_del(o, name):
    try:
        delattr(o, name)
        print("  del", name, "ok")
    except AttributeError as e:
        print("  del", name, type(e).__name__, e)


def property_vs_dict():
    print("property vs instance dict")
    for cls in (P, Sub, Deep):
        o = cls()
        rounds(" " + cls.__name__ + " before", read_x, o)
        o.__dict__["x"] = "dict via __dict__"
        rounds(" " + cls.__name__ + " __dict__", read_x, o)
        vars(o)["x"] = "dict via vars"
        rounds(" " + cls.__name__ + " vars", read_x, o)
        print("  getattr", getattr(o, "x"), hasattr(o, "x"))
        print("  dict", sorted(o.__dict__.items()))
        try_set(o, "x", 5)
        try_del(o, "x")
        print("  after", o.x, o.__dict__["x"])
        del o.__dict__["x"]
        rounds(" " + cls.__name__ + " deleted", read_x, o)


def property_with_setter():
    print("property with setter and deleter")
    o = Sub()
    o.__dict__["rw"] = "shadow"
    print(" ", o.rw)
    o.rw = 7
    print(" ", o.rw, sorted(o.__dict__.items()))
    del o.rw
    print(" ", o.rw, o.__dict__["rw"])


def non_data_lose():
    print("non-data descriptors lose to the dict")
    o = Sub()
    rounds(" meth before", call_meth, o)
    o.__dict__["meth"] = lambda: "dict meth"
    rounds(" meth dict", call_meth, o)
    o.__dict__["cm"] = "dict cm"
    o.__dict__["sm"] = "dict sm"
    print(" ", o.cm, o.sm, Sub.cm(), Sub.sm())
    o.__dict__["plain"] = "dict plain"
    rounds(" plain", read_plain, o)


def _get_renamed(self):
    return "renamed getter"


class Named:
    renamed = property(_get_renamed)
    write_only = property(None, lambda self, v: print("  write_only set", v))


def property_names():
    print("property names in messages")
    o = Named()
    o.__dict__["write_only"] = "dict write_only"
    try:
        print(o.write_only)
    except AttributeError as e:
        print("  get", type(e).__name__, e)
    o.write_only = 1
    try_set(o, "renamed", 2)
    try_del(o, "write_only")
    Named.loose = property(_get_renamed)
    try_set(o, "loose", 3)
    Named.copy = Named.renamed.setter(lambda self, v: None)
    try_del(o, "copy")


class DataD:
    def __init__(self, tag):
        self.tag = tag

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return "DataD.get " + self.tag

    def __set__(self, obj, v):
        print("  DataD.set", self.tag, v)


class DelOnly:
    def __get__(self, obj, owner):
        return "DelOnly.get"

    def __delete__(self, obj):
        print("  DelOnly.delete")


class GetOnly:
    def __get__(self, obj, owner):
        return "GetOnly.get"


class SetOnly:
    def __set__(self, obj, v):
        print("  SetOnly.set", v)


class U:
    d = DataD("d")
    dd = DelOnly()
    g = GetOnly()
    s = SetOnly()


class USub(U):
    pass


def read_d(o):
    return o.d


def read_g(o):
    return o.g


def user_descriptors():
    print("user descriptors")
    for cls in (U, USub):
        o = cls()
        rounds(" d before", read_d, o)
        rounds(" g before", read_g, o)
        print("  s absent from dict:", type(o.s).__name__)
        for name in ("d", "dd", "g", "s"):
            o.__dict__[name] = "dict " + name
        rounds(" d dict", read_d, o)
        rounds(" g dict", read_g, o)
        print("  dd", o.dd, "s", o.s)
        o.d = 1
        o.s = 2
        o.g = "set g"
        print("  g now", o.g)
        del o.dd
        try_set(o, "dd", 3)
        print("  dict", sorted(o.__dict__.items()))


class Slotted:
    __slots__ = ("a",)

    @property
    def b(self):
        return "Slotted.b"


class SlottedChild(Slotted):
    pass


def slots():
    print("slots")
    s = Slotted()
    s.a = 1
    print(" ", s.a, s.b, hasattr(s, "__dict__"))
    try_set(s, "b", 2)
    c = SlottedChild()
    c.__dict__["b"] = "dict b"
    c.a = 3
    print(" ", c.a, c.b, c.__dict__["b"])
    try_set(c, "b", 4)


class Later:
    def __init__(self):
        self.y = "dict y"


def read_y(o):
    return o.y


def property_added_later():
    print("property added to the class later")
    o = Later()
    rounds(" before", read_y, o)
    Later.y = property(lambda self: "Later.y property")
    rounds(" after", read_y, o)
    try_set(o, "y", 1)
    del Later.y
    rounds(" removed", read_y, o)


class WithProp:
    @property
    def p(self):
        return "WithProp.p"


class WithPropSub(WithProp):
    def __init__(self):
        self.v = "dict v"
        self.w = "dict w"

    def bump(self):
        self.v = self.v + "+"
        return self.v


def read_v(o):
    return o.v


def read_w(o):
    return o.w


def property_added_where_cached():
    print("property added where reads were remembered")
    o = WithPropSub()
    rounds(" v before", read_v, o)
    rounds(" w before", read_w, o)
    print(" ", o.bump(), o.bump())
    WithPropSub.v = property(lambda self: "WithPropSub.v property")
    rounds(" v on class", read_v, o)
    try_set(o, "v", 1)
    try:
        o.bump()
    except AttributeError as e:
        print("  bump", type(e).__name__, e)
    WithProp.w = property(lambda self: "WithProp.w property", lambda self, x: print("  w set", x))
    rounds(" w on base", read_w, o)
    o.w = 2
    del WithPropSub.v
    del WithProp.w
    rounds(" v removed", read_v, o)
    rounds(" w removed", read_w, o)
    print(" ", o.bump(), o.bump())
    WithProp.v = 5
    rounds(" v class int", read_v, o)
    WithProp.v = property(lambda self: "WithProp.v replaced in place")
    rounds(" v replaced", read_v, o)
    print(" ", sorted(o.__dict__.items()))


class Fallback:
    def __getattr__(self, name):
        return "__getattr__ " + name

    @property
    def broken(self):
        raise AttributeError("from the getter")

    @property
    def fine(self):
        return "fine"


class Temp:
    def __init__(self):
        self._c = 0
        self.log = []

    @property
    def c(self):
        return self._c

    @c.setter
    def c(self, v):
        self.log.append(v)
        self._c = v

    @property
    def gone(self):
        del Temp.gone
        return "gone once"


def warm_properties():
    print("properties at warm sites")
    f = Fallback()
    for _ in range(3):
        print(" ", f.broken, f.fine, f.missing)
    f.__dict__["broken"] = "dict broken"
    print(" ", f.broken)
    t = Temp()
    for i in range(4):
        t.c = t.c + i
    print(" ", t.c, t.log, sorted(vars(t)))
    Temp.c = 9
    t.c = "now in the dict"
    print(" ", t.c, Temp.c, sorted(vars(t)))
    t.__dict__["gone"] = "dict gone"
    print(" ", [t.gone for _ in range(3)])
    Temp.twice = property(lambda self: self._c * 2)
    print(" ", [t.twice for _ in range(2)])


class Counter:
    def __init__(self):
        self.__dict__["value"] = -1
        self._n = 0

    @property
    def value(self):
        return self._n

    async def bump(self):
        for _ in range(3):
            await asyncio.sleep(0.1)
            self._n += 1
            print("  bumped", self.value, self.__dict__["value"])


async def main():
    property_vs_dict()
    property_with_setter()
    property_names()
    non_data_lose()
    user_descriptors()
    slots()
    property_added_later()
    property_added_where_cached()
    warm_properties()
    print("across awaits")
    c = Counter()
    await asyncio.gather(c.bump(), c.bump())
    print("  final", c.value)


asyncio.run(main())
