# The gc module's switches and collect()'s argument checks. collect()'s
# count is CPython's heap's (simloop has no cycle collector and finds 0),
# so only its type is printed.
import asyncio
import gc


async def main():
    print(gc.isenabled())
    gc.disable()
    print(gc.isenabled())
    gc.enable()
    print(gc.isenabled(), gc.garbage, gc.callbacks)
    for g in (0, 1, 2, True):
        print(g, type(gc.collect(g)).__name__)
    print(type(gc.collect()).__name__)
    for bad in (3, -1, "x", 2.0):
        try:
            gc.collect(bad)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    await asyncio.sleep(0)


asyncio.run(main())
