# call_soon of Python functions as a statement (no Handle kept): functions
# without parameters, with defaults, *args, keyword-only ones, generators,
# closures with cells, a callback that drops every other reference to
# itself, exceptions reaching the handler, recursion inside a callback,
# and the same callbacks through a kept Handle.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")
log = []


def plain():
    log.append("plain")


def with_default(x=1, *, k=2):
    log.append(("default", x, k))


def star(*args, **kw):
    log.append(("star", args, sorted(kw)))


def gen():
    log.append("gen body never runs")
    yield 1


def cells():
    x = 10

    def inner():
        return x + 1

    log.append(("cells", inner()))


def self_dropping():
    global self_dropping
    self_dropping = None
    log.append("dropped itself")


def raises():
    raise ValueError("boom")


def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)


def recursing():
    try:
        deep(100000)
    except RecursionError:
        log.append("recursion caught")


def reads_var():
    log.append(("var", var.get()))


class Box:
    def meth(self):
        log.append("method")


async def main():
    loop = asyncio.get_running_loop()

    def handler(loop, context):
        exc = context.get("exception")
        log.append(("handler", type(exc).__name__, str(exc), "handle" in context))

    loop.set_exception_handler(handler)
    loop.call_soon(plain)
    loop.call_soon(with_default)
    loop.call_soon(star)
    loop.call_soon(gen)
    loop.call_soon(cells)
    loop.call_soon(self_dropping)
    loop.call_soon(raises)
    loop.call_soon(plain)
    loop.call_soon(recursing)
    loop.call_soon(lambda: log.append("lambda"))
    loop.call_soon(Box().meth)
    var.set("main")
    loop.call_soon(reads_var)
    await asyncio.sleep(0)
    await asyncio.sleep(0)

    h = loop.call_soon(plain)
    h2 = loop.call_soon(raises)
    print(h.cancelled(), h2.cancelled())
    await asyncio.sleep(0)

    count = 0

    def chain():
        nonlocal count
        count += 1
        if count < 5:
            loop.call_soon(chain)
        else:
            log.append(("chain", count))

    loop.call_soon(chain)
    for _ in range(7):
        await asyncio.sleep(0)
    for item in log:
        print(item)
    print(self_dropping)


asyncio.run(main())
