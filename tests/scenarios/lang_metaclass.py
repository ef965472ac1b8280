# Metaclasses and class keywords: the singleton metaclass (its __call__
# returns the one instance), a registering metaclass with __new__,
# __init__, methods and properties seen through its classes, __prepare__,
# class keywords reaching the metaclass and __init_subclass__, the
# metaclass conflict, and a function as the metaclass.
import asyncio


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Settings(metaclass=Singleton):
    def __init__(self, name="default"):
        print("Settings.__init__", name)
        self.name = name


class Registry(type):
    classes = []

    def __new__(mcs, name, bases, ns, **kw):
        own = sorted(k for k in ns if not k.startswith("__"))
        print("Registry.__new__", mcs.__name__, name, [b.__name__ for b in bases], own, kw)
        cls = super().__new__(mcs, name, bases, ns)
        mcs.classes.append(cls)
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("Registry.__init__", name, kw)
        super().__init__(name, bases, ns)
        cls.tag = kw.get("tag", "none")

    def describe(cls):
        return f"class {cls.__name__} tagged {cls.tag}"

    @property
    def upper_name(cls):
        return cls.__name__.upper()

    @classmethod
    def count(mcs):
        return len(mcs.classes)


class Job(metaclass=Registry, tag="job"):
    async def run(self):
        await asyncio.sleep(0.5)
        return f"{type(self).__name__} done"


class Backup(Job, tag="backup"):
    pass


class Plugin:
    plugins = []

    def __init_subclass__(cls, /, key=None, **kw):
        super().__init_subclass__(**kw)
        cls.key = key
        Plugin.plugins.append((key, cls.__name__))


class Csv(Plugin, key="csv"):
    pass


class Json(Plugin, key="json"):
    pass


class Prepared(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("__prepare__", name, kw)
        return {"prepared": True}

    def __new__(mcs, name, bases, ns, **kw):
        return super().__new__(mcs, name, bases, ns)


class P(metaclass=Prepared, flag=1):
    x = 1

    def __init_subclass__(cls, **kw):
        print("P.__init_subclass__", cls.__name__, kw)


class Q(P, flag=2):
    pass


async def main():
    a = Settings("first")
    b = Settings("second")
    print(a is b, a.name, type(Settings) is Singleton, type(Settings).__name__)
    print(Backup.describe(), Job.describe(), Backup.upper_name, Registry.count())
    print(await Backup().run(), isinstance(Backup, Registry), type(Backup) is Registry)
    print([c.__name__ for c in Registry.classes], issubclass(Registry, type))
    print(Csv.key, Json.key, Plugin.plugins)
    print(P.prepared, P.x, type(P).__name__, type(Q).__name__)
    try:

        class Bad(Csv, unknown=1):
            pass

    except TypeError as e:
        print("TypeError:", e)

    class M1(type):
        pass

    class M2(type):
        pass

    class X(metaclass=M1):
        pass

    class Y(metaclass=M2):
        pass

    try:

        class Z(X, Y):
            pass

    except TypeError as e:
        print("TypeError:", e)

    def factory(name, bases, ns):
        print("factory", name, bases, ns["value"])
        return name.lower()

    class Made(metaclass=factory):
        value = 7

    print(Made)
    T = Registry("T", (), {"x": 5}, tag="t")
    print(T.x, T.tag, type(T).__name__, T.describe())


asyncio.run(main())
