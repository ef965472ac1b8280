# athrow() and aclose() on an async generator whose frame has finished
# (exhausted, closed, or ended by an earlier athrow): the await gives None,
# where asend() and __anext__() raise StopAsyncIteration.
import asyncio


async def numbers(n):
    for i in range(n):
        yield i


async def main():
    g = numbers(2)
    async for v in g:
        print("got", v)
    for what in ("athrow", "asend", "anext", "aclose", "athrow2"):
        try:
            if what == "athrow":
                r = await g.athrow(ZeroDivisionError)
            elif what == "athrow2":
                r = await g.athrow(ValueError("x"))
            elif what == "asend":
                r = await g.asend(None)
            elif what == "anext":
                r = await g.__anext__()
            else:
                r = await g.aclose()
            print(what, "->", r)
        except BaseException as e:
            print(what, "raised", type(e).__name__, e)
    h = numbers(3)
    print(await h.__anext__())
    await h.aclose()
    try:
        print("after aclose athrow ->", await h.athrow(KeyError))
    except BaseException as e:
        print("after aclose athrow raised", type(e).__name__)
    k = numbers(3)
    try:
        print("fresh athrow ->", await k.athrow(KeyError))
    except BaseException as e:
        print("fresh athrow raised", type(e).__name__)
    try:
        print("fresh after athrow ->", await k.athrow(KeyError))
    except BaseException as e:
        print("fresh after athrow raised", type(e).__name__)


asyncio.run(main())
