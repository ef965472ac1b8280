# Bad arguments to asyncio's scheduling functions fail where CPython's do:
# sleep("a") when awaited (delay <= 0), call_later("x", f) at the addition,
# a non-callable callback only when its handle runs (no check outside
# debug mode), through the loop's exception handler; Queue(maxsize="a")
# when full() first compares it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    co = asyncio.sleep("a")
    print(type(co).__name__)
    try:
        await co
    except TypeError as e:
        print("sleep", e)
    try:
        await asyncio.sleep(None)
    except TypeError as e:
        print("sleep", e)
    try:
        loop.call_later("x", print)
    except TypeError as e:
        print("call_later", e)
    q = asyncio.Queue(maxsize="a")  # accepted: only full() compares it
    print(q.maxsize, q.qsize(), q.empty())
    for op in (q.full, lambda: q.put_nowait(1)):
        try:
            op()
        except TypeError as e:
            print("Queue", e)
    try:
        await q.put(1)
    except TypeError as e:
        print("Queue.put", e)
    h = loop.call_soon(5)
    t = loop.call_later(0.5, "not callable", 1)
    print(type(h).__name__, type(t).__name__)
    await asyncio.sleep(1)
    for target in ("abc".upper, "abc", 5):
        try:
            setattr(target, "x", 1)
        except AttributeError as e:
            print("AttributeError", e)
    print("done")


asyncio.run(main())
