# The loop's async-generator finalizer hook: an unfinished async generator
# whose last reference goes while the loop runs is closed at once in a new
# Task (BaseEventLoop._asyncgen_finalizer_hook schedules
# call_soon_threadsafe(loop.create_task, agen.aclose())), not at
# asyncio.run's shutdown_asyncgens.
import asyncio


async def numbers(name, n):
    try:
        for i in range(n):
            yield i
    finally:
        print(name, "closing at", asyncio.get_running_loop().time())
        await asyncio.sleep(0.5)
        print(name, "closed at", asyncio.get_running_loop().time())


async def plain(name):
    try:
        yield 1
        yield 2
    finally:
        print(name, "finally")


async def squares(src):
    async for x in src:
        yield x * x


async def early_exit():
    async for x in numbers("temp", 10):
        if x == 2:
            break
    print("after break", len(asyncio.all_tasks()))
    await asyncio.sleep(0)
    print("after sleep(0)", len(asyncio.all_tasks()))
    await asyncio.sleep(1)
    print("early_exit done")


async def dropped_variable():
    g = plain("var")
    print("first", await g.__anext__())
    del g
    print("deleted")
    await asyncio.sleep(0)
    print("dropped_variable done")


async def comprehension_break():
    gen = (y async for y in squares(numbers("inner", 5)))
    async for v in gen:
        print("square", v)
        if v >= 4:
            break
    del gen
    await asyncio.sleep(2)


async def never_started():
    g = plain("unstarted")
    del g
    print("never started: nothing scheduled", len(asyncio.all_tasks()))


async def finished():
    g = plain("done")
    print([x async for x in g])
    del g
    print("finished: nothing scheduled", len(asyncio.all_tasks()))


async def anext_never_awaited():
    g = plain("pending-anext")
    aw = g.__anext__()
    del aw
    del g
    print("anext never awaited: scheduled", len(asyncio.all_tasks()))
    await asyncio.sleep(0)
    print("after its aclose", len(asyncio.all_tasks()))


kept = []


async def main():
    await early_exit()
    await dropped_variable()
    await comprehension_break()
    await never_started()
    await finished()
    await anext_never_awaited()
    g = numbers("kept", 3)
    print("kept first", await g.__anext__())
    kept.append(g)
    print("main ends")


asyncio.run(main())
print("after run")
