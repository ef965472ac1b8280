# inspect.getcoroutinestate and getgeneratorstate: created, running,
# suspended and closed, for a coroutine handed to a task, a coroutine
# driven by hand, and a generator; what they read (cr_running,
# cr_suspended, cr_frame) and what they raise for other objects.
import asyncio
import inspect

print(inspect.CORO_CREATED, inspect.CORO_RUNNING, inspect.CORO_SUSPENDED, inspect.CORO_CLOSED)
print(inspect.GEN_CREATED, inspect.GEN_RUNNING, inspect.GEN_SUSPENDED, inspect.GEN_CLOSED)

me = {}


async def worker(gate):
    print("inside:", inspect.getcoroutinestate(me["coro"]))
    await gate.wait()
    return 7


def counter():
    print("gen inside:", inspect.getgeneratorstate(me["gen"]))
    yield 1
    yield 2


async def main():
    gate = asyncio.Event()
    coro = me["coro"] = worker(gate)
    print(inspect.getcoroutinestate(coro), coro.cr_running, coro.cr_suspended)
    task = asyncio.create_task(coro)
    await asyncio.sleep(0)
    print(inspect.getcoroutinestate(coro), coro.cr_running, coro.cr_suspended)
    gate.set()
    print(await task, inspect.getcoroutinestate(coro), coro.cr_frame, coro.cr_suspended)

    gen = me["gen"] = counter()
    print(inspect.getgeneratorstate(gen))
    next(gen)
    print(inspect.getgeneratorstate(gen), gen.gi_suspended)
    gen.close()
    print(inspect.getgeneratorstate(gen))

    by_hand = me["coro"] = worker(asyncio.Event())
    by_hand.send(None)
    print(inspect.getcoroutinestate(by_hand))
    by_hand.close()
    print(inspect.getcoroutinestate(by_hand))

    for bad in (42, gen, None):
        try:
            inspect.getcoroutinestate(bad)
        except AttributeError as e:
            print("AttributeError:", e)
    try:
        inspect.getgeneratorstate(coro)
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        inspect.getgeneratorstate()
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
