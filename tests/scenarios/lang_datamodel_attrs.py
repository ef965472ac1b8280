# Attributes on scenario classes: properties (decorator form with setter
# and deleter, read-only ones), classmethod/staticmethod (through the class
# and instances, alternative constructors, cls.attr), class bodies with
# loops, conditions and calls, nested classes, __slots__, __getattr__ and
# __setattr__ hooks, __init_subclass__, __class__ and type(obj).__name__.
import asyncio

DEBUG = False


class Config:
    """Connection settings."""

    defaults = {}
    for key, value in [("host", "localhost"), ("port", 8080)]:
        defaults[key] = value
    if DEBUG:
        level = "debug"
    else:
        level = "info"
    names = sorted(defaults)
    del key, value

    class Retry:
        attempts = 3

        def __repr__(self):
            return f"Retry(attempts={self.attempts})"

    def __init__(self, **overrides):
        self._values = dict(self.defaults, **overrides)
        self._reads = 0

    @property
    def port(self):
        """The TCP port."""
        self._reads += 1
        return self._values["port"]

    @port.setter
    def port(self, value):
        if not 0 < value < 65536:
            raise ValueError(f"bad port {value}")
        self._values["port"] = value

    @port.deleter
    def port(self):
        self._values["port"] = self.defaults["port"]

    @property
    def url(self):
        return f"http://{self._values['host']}:{self.port}"

    @classmethod
    def local(cls, port):
        return cls(host="127.0.0.1", port=port)

    @staticmethod
    def valid_host(h):
        return "." in h or h == "localhost"

    @classmethod
    def describe(cls):
        return f"{cls.__name__} level={cls.level} keys={cls.names}"


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Record:
    def __init__(self, **fields):
        self._fields = fields

    def __getattr__(self, name):
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(f"no field {name!r}") from None


class Audited:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)


class Plugin:
    registry = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry.append(cls.__name__)


class Alpha(Plugin):
    pass


class Beta(Alpha):
    pass


async def main():
    c = Config(port=9000)
    print(c.port, c.url, c._reads, Config.port.__doc__, Config.__doc__)
    c.port = 7000
    print(c.port)
    try:
        c.port = 0
    except ValueError as e:
        print("ValueError:", e)
    del c.port
    print(c.port, c.level, Config.level, Config.names, Config.defaults)
    try:
        c.url = "x"
    except AttributeError as e:
        print("AttributeError:", e)
    local = Config.local(1234)
    print(type(local).__name__, local.url, c.local(5).port, Config.describe(), c.describe())
    print(Config.valid_host("a.b"), c.valid_host("nope"), Config.Retry(), Config.Retry.attempts)
    print(Config.Retry.__qualname__, Config.Retry.__name__, type(Config.Retry()).__qualname__)
    p = Point(1, 2)
    print(p.x + p.y, Point.__slots__, p.__class__.__name__, p.__class__ is Point)
    r = Record(name="db", size=3)
    print(r.name, r.size, getattr(r, "missing", "default"), hasattr(r, "size"))
    try:
        r.missing
    except AttributeError as e:
        print("AttributeError:", e)
    a = Audited()
    a.x = 1
    a.x += 1
    print(a.x, vars(a) if False else a.__dict__)
    del a.x
    print(hasattr(a, "x"), Plugin.registry, isinstance(Beta(), Plugin))
    await asyncio.sleep(0)


asyncio.run(main())
