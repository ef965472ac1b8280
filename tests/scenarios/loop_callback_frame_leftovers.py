# Python callbacks run by the loop whose frames end with something left:
# a return inside a for loop (the iterator), inside an except handler (the
# handled exception), inside a with block and a try/finally, a raise out
# of a handler, a callback reading free variables and one without a
# closure; each runs several times (its frame is reused), interleaved
# with recursion into the same function; the next callback's own
# exception has no context: nothing is left handled.
import asyncio


class Manager:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False


def no_closure():
    try:
        raise LookupError("probe")
    except LookupError as e:
        print("no closure, context:", type(e.__context__).__name__)


def make(log):
    items = [1, 2, 3]

    def in_for():
        for x in items:
            if x == 2:
                log.append(("for", x))
                return x

    def in_handler():
        try:
            raise ValueError("v")
        except ValueError as e:
            log.append(("handler", str(e)))
            return 5

    def in_with():
        with Manager("m"):
            log.append(("with", 1))
            return 1

    def in_finally():
        try:
            return log.append(("try", len(items)))
        finally:
            log.append(("finally", len(log)))

    def raise_in_handler():
        try:
            {}["k"]
        except KeyError:
            raise RuntimeError("from handler")

    def recurse(n=3):
        log.append(("recurse", n))
        if n:
            recurse(n - 1)

    return [in_for, in_handler, in_with, in_finally, raise_in_handler, recurse]


def handler(loop, context):
    exc = context["exception"]
    print("handler:", type(exc).__name__, exc, type(exc.__context__).__name__)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    log = []
    callbacks = make(log)
    for _ in range(3):
        for cb in callbacks:
            loop.call_soon(cb)
            loop.call_soon(no_closure)
        await asyncio.sleep(0)
        for entry in log:
            print(*entry)
        log.clear()
    h = loop.call_soon(callbacks[0])
    await asyncio.sleep(0)
    print("kept handle ran:", log, h.cancelled())


asyncio.run(main())
