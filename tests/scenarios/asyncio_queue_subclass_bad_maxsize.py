# A Queue subclass passing a maxsize that is not a number to
# super().__init__(): accepted there, as by Queue() itself; full(), and
# put_nowait() and put() through it, raise when they compare it. The
# subclass's own __init__ must keep that, not the default maxsize of 0.
import asyncio


class Tagged(asyncio.Queue):
    def __init__(self, tag, maxsize):
        super().__init__(maxsize=maxsize)
        self.tag = tag


async def main():
    for maxsize in ("x", None, 2.5, 2, 0):
        q = Tagged("t", maxsize)
        print(repr(q.maxsize), q.qsize(), q.empty(), q.tag)
        for name, op in (("full", q.full), ("put_nowait", lambda: q.put_nowait(1))):
            try:
                print(name, op())
            except TypeError as e:
                print(name, type(e).__name__, e)
        try:
            await asyncio.wait_for(q.put(2), 0.1)
            print("put ok", q.qsize())
        except TypeError as e:
            print("put", type(e).__name__, e)
        except asyncio.TimeoutError:
            print("put timed out", q.qsize())
        print(q.get_nowait() if not q.empty() else "empty")


asyncio.run(main())
