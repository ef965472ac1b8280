# loop.call_soon(...) as a statement (its Handle dropped at once): the
# callbacks run in order with their arguments, interleaved with kept
# handles; one that raises reaches the default handler and the program's
# handler with a Handle (repr, cancelled(), cancel()); a kept handle can
# still be cancelled; errors in the call itself are raised as before.
import asyncio


class Boom(Exception):
    pass


def show(*args):
    print("show", *args)


def boom(*args):
    raise Boom(f"boom{args}")


def handler(loop, context):
    h = context.get("handle")
    print("handler:", context["message"].split(" at ")[0], type(context["exception"]).__name__)
    print("  handle:", type(h).__name__, repr(h).split(" at ")[0], h.cancelled())
    h.cancel()
    print("  after cancel:", h.cancelled(), repr(h).split(" at ")[0])


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(show)
    loop.call_soon(show, 1)
    kept = loop.call_soon(show, "kept")
    loop.call_soon(show, 1, 2)
    loop.call_soon(show, 1, 2, 3)
    dropped = loop.call_soon(show, "cancelled")
    dropped.cancel()
    asyncio.get_running_loop().call_soon(show, "chained")
    await asyncio.sleep(0)
    print("kept:", kept.cancelled(), repr(kept).split(" at ")[0])

    loop.call_soon(boom)
    loop.call_soon(boom, 1)
    loop.call_soon(boom, 1, 2)
    await asyncio.sleep(0)
    print("default handler done")

    loop.set_exception_handler(handler)
    loop.call_soon(boom)
    loop.call_soon(boom, "x")
    loop.call_soon(boom, "x", "y")
    loop.call_soon(42)
    await asyncio.sleep(0)

    def chain(n):
        if n:
            loop.call_soon(chain, n - 1)
        else:
            loop.call_soon(boom, "end")

    loop.call_soon(chain, 3)
    for _ in range(6):
        await asyncio.sleep(0)

    try:
        loop.call_soon()
    except TypeError as e:
        print("TypeError:", e)
    try:
        loop.call_soon(show, context=None, other=1)
    except TypeError as e:
        print("TypeError:", e)
    loop.call_soon(show, "with context", context=None)
    await asyncio.sleep(0)
    print("main returns")


asyncio.run(main())

loop = asyncio.new_event_loop()
loop.close()
try:
    loop.call_soon(show, "closed")
except RuntimeError as e:
    print("RuntimeError:", e)
