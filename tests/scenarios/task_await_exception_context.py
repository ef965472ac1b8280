# Awaiting a failed or cancelled task or future inside an except block
# raises its exception again, and that raise chains it to the exception
# being handled (_PyErr_SetObject), replacing the context it had; a
# generator resumed by throw() chains what it raises to the exception it
# was handling where it stopped.
import asyncio


def describe(e):
    parts = []
    depth = 0
    while e is not None and depth < 6:
        text = f"{type(e).__name__}({', '.join(map(str, e.args))})"
        if e.__cause__ is not None:
            text += f" cause={type(e.__cause__).__name__}"
        if e.__suppress_context__:
            text += " suppressed"
        parts.append(text)
        e = e.__context__
        depth += 1
    return " <- ".join(parts)


async def fail(msg):
    raise ValueError(msg)


async def fail_while_handling():
    try:
        raise IndexError("inside")
    except IndexError:
        raise ValueError("from inside")


async def await_failed_task():
    t = asyncio.create_task(fail("boom"))
    await asyncio.sleep(0)
    try:
        try:
            raise KeyError("k")
        except KeyError:
            await t
    except ValueError as e:
        print("failed task:", describe(e))
    try:
        await t
    except ValueError as e:
        print("again, outside:", describe(e))


async def await_task_with_own_context():
    t = asyncio.create_task(fail_while_handling())
    await asyncio.sleep(0)
    try:
        await t
    except ValueError as e:
        print("own context kept:", describe(e))
    try:
        try:
            raise KeyError("outer")
        except KeyError:
            await t
    except ValueError as e:
        print("own context replaced:", describe(e))


async def await_pending_task_failing():
    t = asyncio.create_task(fail("later"))
    try:
        try:
            raise LookupError("waiting")
        except LookupError:
            await t
    except ValueError as e:
        print("task failing while awaited:", describe(e))


async def await_failed_future():
    f = asyncio.get_running_loop().create_future()
    f.set_exception(OSError("io"))
    try:
        try:
            raise KeyError("k")
        except KeyError:
            await f
    except OSError as e:
        print("failed future:", describe(e))


async def await_cancelled_task():
    t = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(0)
    t.cancel()
    try:
        try:
            raise KeyError("k")
        except KeyError:
            await t
    except asyncio.CancelledError as e:
        print("cancelled task:", describe(e))


async def gather_while_handling():
    try:
        try:
            raise KeyError("k")
        except KeyError:
            await asyncio.gather(fail("one"), asyncio.sleep(1))
    except ValueError as e:
        print("gather:", describe(e))


def gen():
    try:
        raise KeyError("in gen")
    except KeyError:
        yield 1
    yield 2


def generator_throw():
    g = gen()
    next(g)
    try:
        g.throw(ValueError("thrown"))
    except ValueError as e:
        print("generator throw:", describe(e))
    g2 = gen()
    next(g2)
    next(g2)
    try:
        g2.throw(ValueError("thrown later"))
    except ValueError as e:
        print("generator throw outside handler:", describe(e))


async def main():
    await await_failed_task()
    await await_task_with_own_context()
    await await_pending_task_failing()
    await await_failed_future()
    await await_cancelled_task()
    await gather_while_handling()
    generator_throw()


asyncio.run(main())
