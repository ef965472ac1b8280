# `await asyncio.sleep(0)` spelled as a method call, a plain call of the
# imported name and with an explicit result=None: what a program can see
# of a frame suspended there (the task's repr, its stack, where a
# cancellation or a throw() lands and its traceback), a coroutine driven
# by hand and an async generator pausing there, next to the spellings
# that still make the coroutine (a result, a kept coroutine, a replaced
# asyncio.sleep, keywords).
import asyncio
from asyncio import sleep


async def by_method(log):
    while True:
        await asyncio.sleep(0)
        log.append("m")


async def by_name(log):
    while True:
        await sleep(0)
        log.append("n")


async def with_none(log):
    while True:
        await asyncio.sleep(0, None)
        log.append("w")


async def catcher():
    try:
        await sleep(0.0)
    except asyncio.CancelledError as e:
        print("cancelled", e.args, e.__context__)
        return "caught"


async def handled_then_sleep():
    try:
        raise KeyError("inner")
    except KeyError:
        await asyncio.sleep(0)
        return "handled"


async def agen():
    for i in range(3):
        await asyncio.sleep(0)
        yield i
        await sleep(-1, None)


async def results():
    r = [await asyncio.sleep(0, "r"), await sleep(False), await asyncio.sleep(delay=0)]
    r.append(await asyncio.sleep(0, result=None))
    r.append(await asyncio.sleep(float("nan")) if False else None)
    return r


async def main():
    log = []
    tasks = [asyncio.create_task(f(log), name=f.__name__) for f in (by_method, by_name, with_none)]
    await asyncio.sleep(0)
    for t in tasks:
        print(t)
        print([(fr.f_code.co_name, fr.f_lineno) for fr in t.get_stack()])
    for t in tasks:
        t.cancel("bye")
    for t in tasks:
        try:
            await t
        except asyncio.CancelledError as e:
            print(t.get_name(), "cancelled", e.args, t.cancelled())
    print(log)

    c = asyncio.create_task(catcher())
    await asyncio.sleep(0)
    c.cancel()
    print(await c)
    print(await handled_then_sleep())

    coro = by_name([])
    print(coro.send(None), coro.cr_frame.f_lineno)
    try:
        coro.throw(ValueError("thrown"))
    except ValueError as e:
        print("throw:", e)
    coro2 = by_method([])
    print(coro2.send(None), coro2.send(None))
    coro2.close()

    print([i async for i in agen()])
    print(await results())

    real = asyncio.sleep

    async def fake(d, result=None):
        print("fake sleep", d)
        return "fake"

    asyncio.sleep = fake
    try:
        print(await asyncio.sleep(0))
    finally:
        asyncio.sleep = real
    print(await asyncio.sleep(0))
    coro3 = with_none([])
    coro3.send(None)
    coro3.throw(KeyError("uncaught"))  # the traceback names the await's line


asyncio.run(main())
