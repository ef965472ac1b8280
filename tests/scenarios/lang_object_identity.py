# id(), object(), delattr, __mro__/mro() and object.__new__ as asyncio code uses them:
# sentinels, registries keyed by id, attribute cleanup, introspection.
import asyncio

_MISSING = object()


class Registry:
    def __init__(self):
        self.by_id = {}

    def add(self, obj):
        self.by_id[id(obj)] = obj
        return id(obj)


class Job:
    def __init__(self, name):
        self.name = name
        self.cache = {}


class Mixin:
    def tag(self):
        return "mixin"


class Base:
    def tag(self):
        return "base"


class Left(Base):
    pass


class Right(Base):
    pass


class Diamond(Left, Right):
    pass


class Mixed(Left, Mixin):
    pass


class Singleton:
    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = object.__new__(cls)
        return cls._inst


async def worker(reg, job):
    await asyncio.sleep(0.1)
    return reg.add(job) == id(job)  # an id itself would show in the trace


async def main():
    reg = Registry()
    jobs = [Job(f"j{i}") for i in range(3)]
    print(await asyncio.gather(*(worker(reg, j) for j in jobs)))
    ids = [id(j) for j in jobs]
    print(len(set(ids)), all(reg.by_id[i] is j for i, j in zip(ids, jobs)))
    print(id(jobs[0]) == id(jobs[0]), id(jobs[0]) != id(jobs[1]), type(id(jobs[0])).__name__)
    a, b = 300, 300
    print(id(None) == id(None), id(True) == id(True), id(a) == id(b))
    print(id(_MISSING) == id(_MISSING), _MISSING is not None)
    d = {}
    print(d.get("k", _MISSING) is _MISSING)
    j = jobs[0]
    delattr(j, "cache")
    print(hasattr(j, "cache"), j.__dict__)
    try:
        delattr(j, "cache")
    except AttributeError as e:
        print("AttributeError", e)
    try:
        delattr(j, 5)
    except TypeError as e:
        print("TypeError", e)
    print(Diamond.__mro__)
    print([c.__name__ for c in Diamond.mro()], Mixed.__mro__, Diamond().tag())
    print(Job.__mro__, ValueError.__mro__)
    print(Singleton() is Singleton(), type(object.__new__(Job)).__name__)
    try:
        object.__new__(5)
    except TypeError as e:
        print("TypeError", e)


asyncio.run(main())
