# inspect's predicates (iscoroutinefunction, isawaitable, isgenerator, ...)
# on functions, coroutines, generators, awaitables, methods, partials,
# classes and modules, as asyncio programs use them to tell what to await.
import asyncio
import functools
import inspect
import types


async def coro_fn(x):
    await asyncio.sleep(0)
    return x


async def agen_fn():
    yield 1


def gen_fn():
    yield 1


@types.coroutine
def old_style():
    yield


class Waiter:
    def __await__(self):
        yield
        return 5


class Plain:
    async def method(self):
        return 1


async def main():
    c = coro_fn(1)
    g = gen_fn()
    ag = agen_fn()
    t = asyncio.ensure_future(coro_fn(2))
    fut = asyncio.get_running_loop().create_future()
    p = functools.partial(coro_fn, 3)
    objs = [("coro_fn", coro_fn), ("coro", c), ("gen_fn", gen_fn), ("gen", g),
            ("agen_fn", agen_fn), ("agen", ag), ("old_style()", old_style()),
            ("Waiter()", Waiter()), ("task", t), ("future", fut), ("partial", p),
            ("method", Plain().method), ("Plain", Plain), ("len", len), ("int", int),
            ("lambda", lambda: 0), ("asyncio", asyncio), ("sleep(0)", asyncio.sleep(0)),
            ("None", None), ("1", 1)]
    names = ["isawaitable", "iscoroutinefunction", "isgeneratorfunction",
             "isasyncgenfunction", "iscoroutine", "isgenerator", "isasyncgen",
             "isfunction", "ismethod", "isbuiltin", "isroutine", "isclass", "ismodule"]
    for label, o in objs:
        row = [int(getattr(inspect, n)(o)) for n in names]
        print(f"{label:12} {row}")
    for label, o in objs:
        if inspect.iscoroutine(o) or inspect.isgenerator(o):
            o.close()
    await t
    print(await Waiter())
    try:
        inspect.isawaitable()
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
