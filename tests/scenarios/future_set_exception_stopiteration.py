# Future.set_exception and StopIteration (issue 13, item 16): 3.11's
# _asyncio refuses only the exact class (a subclass's instance is stored as
# is); 3.12 refuses any StopIteration, and 3.12.7 on store a RuntimeError
# caused by it instead of raising TypeError.
import asyncio


class Stop(StopIteration):
    pass


async def main():
    loop = asyncio.get_running_loop()
    for exc in (Stop("sub"), Stop, StopIteration("exact"), StopIteration):
        fut = loop.create_future()
        try:
            fut.set_exception(exc)
        except TypeError as e:
            print("refused:", type(e).__name__, e, fut.done())
            continue
        stored = fut.exception()
        print("stored:", type(stored).__name__, repr(stored), repr(stored.__cause__))


asyncio.run(main())
