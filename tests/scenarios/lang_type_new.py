# type(name, bases, dict): classes made at run time (exception hierarchies,
# message types, mixins), as a class statement would make them.
import asyncio


class Base:
    kind = "base"

    def describe(self):
        return f"{type(self).__name__}:{self.kind}"


def make_message(name, **fields):
    def __init__(self, **kw):
        for k, default in fields.items():
            setattr(self, k, kw.get(k, default))

    def __repr__(self):
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in fields)
        return f"{name}({inner})"

    return type(name, (), {"__init__": __init__, "__repr__": __repr__, "fields": tuple(fields)})


async def handle(q):
    while (msg := await q.get()) is not None:
        print("got", msg, type(msg).__name__, msg.fields)


async def main():
    Ping = make_message("Ping", seq=0)
    Data = make_message("Data", seq=0, payload=b"")
    q = asyncio.Queue()
    t = asyncio.create_task(handle(q))
    await q.put(Ping(seq=1))
    await q.put(Data(seq=2, payload=b"xy"))
    await q.put(None)
    await t
    Errors = {n: type(n, (ValueError,), {"code": i}) for i, n in enumerate(["BadFrame", "BadSize"], 1)}
    try:
        raise Errors["BadSize"]("too big")
    except ValueError as e:
        print(type(e).__name__, e, e.code, isinstance(e, Errors["BadSize"]), type(e).__mro__[1:])
    Derived = type("Derived", (Base,), {"kind": "derived", "__doc__": "made by type()"})
    d = Derived()
    print(d.describe(), Derived.__name__, Derived.__qualname__, Derived.__module__, Derived.__doc__)
    print(Derived.__bases__, isinstance(d, Base), issubclass(Derived, Base), repr(Derived))
    Named = type("Named", (), {"__qualname__": "Outer.Named"})
    print(Named.__qualname__, "__qualname__" in Named.__dict__, type(Named()).__name__)
    for args in (("X", [], {}), ("X", (), []), (1, (), {})):
        try:
            type(*args)
        except TypeError as e:
            print("TypeError", e)
    try:
        type("A", (), {}, 1)
    except TypeError as e:
        print("TypeError", e)


asyncio.run(main())
