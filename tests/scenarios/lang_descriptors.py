# Descriptors written in the program (__get__/__set__/__delete__,
# __set_name__) and __slots__, as validated configuration and rate-limit
# objects in asyncio code use them.
import asyncio


class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, 0)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive, got {value}")
        setattr(obj, self.name, value)

    def __delete__(self, obj):
        print("delete", self.name)
        delattr(obj, self.name)


class Lazy:
    """A non-data descriptor: the instance dict wins once set."""

    def __init__(self, fn):
        self.fn = fn

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.fn.__name__] = value
        return value


class Limiter:
    rate = Positive()
    burst = Positive()

    def __init__(self, rate, burst):
        self.rate = rate
        self.burst = burst

    @Lazy
    def window(self):
        print("computing window")
        return self.burst / self.rate


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Point3(Point):
    __slots__ = ("z",)


class Loose(Point):
    pass


async def main():
    lim = Limiter(2, 10)
    print(lim.rate, lim.burst, lim._rate, type(Limiter.rate).__name__, Limiter.rate.name)
    print(lim.window, lim.window, "window" in vars(lim))
    try:
        lim.rate = -1
    except ValueError as e:
        print("ValueError", e)
    del lim.burst
    print(lim.burst, hasattr(lim, "_burst"))
    await asyncio.sleep(0.1)
    p = Point(1, 2)
    p.x = 5
    print(p.x, p.y, hasattr(p, "__dict__"))
    for target, attr in ((p, "z"), (Point3(1, 2), "w")):
        try:
            setattr(target, attr, 3)
        except AttributeError as e:
            print("AttributeError", e)
    q = Point3(1, 2)
    q.z = 9
    print(q.z, q.x)
    lo = Loose(1, 2)
    lo.extra = "ok"
    print(lo.extra, lo.x)
    try:
        print(Point(0, 0).missing)
    except AttributeError as e:
        print("AttributeError", e)


asyncio.run(main())
