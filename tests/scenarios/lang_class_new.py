# __new__ on scenario classes: a singleton, a cache of instances, a
# __new__ returning another type (then __init__ does not run), exception
# classes with __new__, and class C(object) with super().__init__().
import asyncio


class Config:
    _instance = None

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            print("creating the one Config")
            cls._instance = super().__new__(cls)
        return cls._instance

    def __init__(self, name="default"):
        print("init", name)
        self.name = name

    def __repr__(self):
        return f"Config({self.name!r})"


class Point(object):
    _cache = {}

    def __new__(cls, x, y):
        key = (x, y)
        if key not in cls._cache:
            cls._cache[key] = super().__new__(cls)
        return cls._cache[key]

    def __init__(self, x, y):
        super().__init__()
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Shape:
    def __new__(cls, kind):
        if kind == "none":
            return None
        if kind == "text":
            return f"shape:{kind}"
        return super().__new__(cls)

    def __init__(self, kind):
        print("Shape.__init__", kind)
        self.kind = kind


class Square(Shape):
    pass


class AppError(Exception):
    def __new__(cls, *args):
        print("AppError.__new__", args)
        return super().__new__(cls, *args)


class Strict:
    def __new__(cls):
        return super().__new__(cls)


async def make(name, delay):
    await asyncio.sleep(delay)
    return Config(name)


async def main():
    a, b = await asyncio.gather(make("a", 0.2), make("b", 0.1))
    print(a is b, a.name, type(a).__name__, isinstance(a, Config))
    p, q, r = Point(1, 2), Point(1, 2), Point(2, 3)
    print(p is q, p is r, p, r, sorted(Point._cache))
    print(Shape("none"), Shape("text"), Shape("circle").kind, type(Square("sq")).__name__)
    try:
        raise AppError("boom", 42)
    except AppError as e:
        print(repr(e), e.args, str(e))
    print(type(Strict()).__name__)
    try:
        Strict(1)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
