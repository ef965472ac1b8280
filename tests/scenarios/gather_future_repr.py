# The repr of the future asyncio.gather returns (a _GatheringFuture, shown
# as Future is: state, result or exception, callbacks), as programs print
# it while it is pending, once it has its results, failed or cancelled.
import asyncio


async def fail():
    raise ValueError("no")


async def main():
    g = asyncio.gather(asyncio.sleep(0, 5), asyncio.sleep(0, "x"))
    print(g, type(g).__name__)
    g.add_done_callback(lambda fut: print("done:", fut))
    print(repr(g))
    print(await g, g)
    bad = asyncio.gather(fail(), return_exceptions=False)
    try:
        await bad
    except ValueError:
        pass
    print(bad)
    stopped = asyncio.gather(asyncio.sleep(1))
    await asyncio.sleep(0)
    stopped.cancel()
    await asyncio.sleep(0)
    print(stopped, [stopped])
    print(f"{asyncio.gather()!r}")


asyncio.run(main())
